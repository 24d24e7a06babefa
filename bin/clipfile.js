#!/usr/bin/env node
import module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// V8 keeps the bundle's compiled code between runs: Node 22.1+ itself, Node 20 through
// dist/src/cli/code-cache.js. Compiling the bundle cost a one-page `extract` a third of its time.
if (module.enableCompileCache === undefined) {
  const { enableBundleCodeCache } = await import('../dist/src/cli/code-cache.js');
  enableBundleCodeCache(fileURLToPath(new URL('../dist/bundle/', import.meta.url)));
} else {
  module.enableCompileCache();
}
// The bundle (dist/bundle/, CommonJS, built by `npm run build` and so by `prepare`) starts
// several times faster than the hundreds of modules of dist/src/ it is made from.
const { main } = createRequire(import.meta.url)('../dist/bundle/clipfile.js');
await main();

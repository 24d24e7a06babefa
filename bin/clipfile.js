#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle between runs; Node 20 has no such API.
module.enableCompileCache?.();
// The bundle (dist/bundle/, built by `npm run build` and so by `prepare`) starts several
// times faster than the hundreds of modules of dist/src/ it is made from.
const { main } = await import('../dist/bundle/clipfile.js');
await main();

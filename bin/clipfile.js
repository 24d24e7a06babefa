#!/usr/bin/env node
// CommonJS (bin/package.json says so): a CommonJS entry starts without Node's ES module loader,
// which a one-page `extract` paid for before any of clipfile ran.
'use strict';
const { enableCompileCache } = require('node:module');
const { join } = require('node:path');

// V8 keeps the bundle's compiled code between runs: Node 22.1+ itself, Node 20 through
// dist/bundle/code-cache.js (src/runtime/code-cache.ts). Compiling the bundle cost a one-page
// `extract` a third of its time.
if (enableCompileCache === undefined) {
  require('../dist/bundle/code-cache.js').enableBundleCodeCache(join(__dirname, '../dist/bundle/'));
} else {
  enableCompileCache();
}
// The bundle (dist/bundle/, CommonJS, built by `npm run build` and so by `prepare`) starts
// several times faster than the hundreds of modules of dist/src/ it is made from.
require('../dist/bundle/clipfile.js').main();

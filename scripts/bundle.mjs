/**
 * Bundles the compiled CLI (dist/src/) into dist/bundle/ with rolldown: one file per command
 * path instead of hundreds of modules (linkedom alone is 125 files), which is most of what a
 * one-page `clipfile extract` spent starting up. Dynamic imports stay separate chunks, so
 * `--version` or `list` never loads the extraction code. Run by `npm run build` (and so by
 * `prepare`, which `npm ci` runs) after tsc; bin/clipfile.js runs the bundle.
 *
 *   node scripts/bundle.mjs
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bundle');

/**
 * turndown loads the domino DOM at start-up to parse HTML strings; clipfile only ever hands it
 * DOM nodes, so domino is replaced by a stub that would say so if that ever changed.
 */
const DOMINO_STUB = `export function createDocument() {
  throw new Error('clipfile bundle: turndown was given an HTML string, but domino is not bundled (pass it a DOM node)');
}
export default { createDocument };`;

rmSync(out, { recursive: true, force: true });
await build({
  input: {
    clipfile: join(root, 'dist/src/cli/main.js'),
    // The extraction pool starts it as the sibling of its own chunk (workerScriptUrl).
    'extract-worker': join(root, 'dist/src/batch/extract-worker.js'),
  },
  platform: 'node',
  // Native addon: loaded from node_modules at run time.
  external: ['better-sqlite3'],
  plugins: [
    {
      name: 'no-domino',
      resolveId: (id) => (id === '@mixmark-io/domino' ? '\0domino-stub' : null),
      load: (id) => (id === '\0domino-stub' ? DOMINO_STUB : null),
    },
  ],
  logLevel: 'warn',
  output: {
    dir: out,
    format: 'esm',
    entryFileNames: '[name].js',
    // Chunks beside the entries: extract-pool finds the worker as a sibling of its own chunk.
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
  },
});

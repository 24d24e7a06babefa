/**
 * Bundles the compiled CLI (dist/src/) into dist/bundle/ with rolldown: one file per command
 * path instead of hundreds of modules (linkedom alone is 125 files), which is most of what a
 * one-page `clipfile extract` spent starting up. Dynamic imports stay separate chunks, so
 * `--version` or `list` never loads the extraction code. Run by `npm run build` (and so by
 * `prepare`, which `npm ci` runs) after tsc; bin/clipfile.js runs the bundle.
 *
 * The bundle is CommonJS (dist/bundle/package.json says so), because Node 20 can cache V8's
 * compiled code only for scripts it compiles through `vm.Script` (src/runtime/code-cache.ts), not
 * for ES modules; compiling the bundle was about a third of a one-page `extract`.
 *
 *   node scripts/bundle.mjs
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bundle');

/**
 * Libraries that clipfile's dependencies load at start-up for features clipfile never uses,
 * replaced in the bundle by a stub that throws, naming itself, if that ever changed:
 * - turndown loads the domino DOM to parse HTML strings; clipfile only hands it DOM nodes.
 * - linkedom loads cssomnom (325 kB, a third of the extraction chunk) for `<style>.sheet`;
 *   clipfile removes `<style>` before parsing (src/extract/parse.ts) and reads no sheet.
 * - sanitize-html loads postcss (and source-map-js, nanoid, picocolors) to parse `style`
 *   attributes; clipfile's allow-list keeps no style and sets `parseStyleAttributes: false`
 *   (src/extract/sanitize.ts), so postcss is never called.
 */
const UNUSED = {
  '@mixmark-io/domino': ['createDocument'],
  'cssomnom/parse': ['parse'],
  postcss: ['parse'],
};

function stubOf(id) {
  const fail = `() => { throw new Error('clipfile bundle: ${id} is not bundled (see scripts/bundle.mjs)'); }`;
  const names = UNUSED[id];
  return `${names.map((name) => `export const ${name} = ${fail};`).join('\n')}\nexport default { ${names.join(', ')} };`;
}

const entries = {
  clipfile: join(root, 'dist/src/cli/main.js'),
  // The extraction pool starts it as the sibling of its own chunk (workerScriptUrl).
  'extract-worker': join(root, 'dist/src/batch/extract-worker.js'),
  // bin/clipfile.js (CommonJS) loads it before the bundle, on Node 20.
  'code-cache': join(root, 'dist/src/runtime/code-cache.js'),
  // `clipfile site` starts it as the sibling of its own chunk (src/site/render-pool.ts).
  'site-worker': join(root, 'dist/src/site/render-worker.js'),
};
for (const entry of Object.values(entries)) {
  if (!existsSync(entry)) {
    console.error(`scripts/bundle.mjs: ${entry} is missing: compile first (npx tsc -p tsconfig.json, or npm run build)`);
    process.exit(1);
  }
}

// Built beside the old bundle and swapped in, so a clipfile running meanwhile (a test, say)
// never finds the folder half-written.
const building = `${out}.building-${process.pid}`;
const retired = `${out}.old-${process.pid}`;
rmSync(building, { recursive: true, force: true });
await build({
  input: entries,
  platform: 'node',
  // Loaded from node_modules at run time: a native addon (better-sqlite3), a browser driver
  // and a spec DOM that load their own files by path (playwright-core, jsdom), and citation-js,
  // whose plugins register on one shared core.
  external: ['better-sqlite3', 'playwright-core', 'jsdom', /^@citation-js\//],
  resolve: {
    // One build of each dual package, whoever loads it: by default an ES import takes a
    // package's ES build and a require its CommonJS build, so htmlparser2, domhandler,
    // domutils and entities (linkedom imports them, sanitize-html requires them) were bundled
    // and started twice, entities' decoding tables included.
    conditionNames: ['node', 'import', 'default'],
  },
  plugins: [
    {
      // commander loads node:child_process (and with it dgram and more) at start-up, for
      // executable subcommands, which clipfile has none of: it gets one loaded on use instead.
      name: 'commander-lazy-child-process',
      resolveId: (id, importer) =>
        id === 'node:child_process' && importer !== undefined && /[\\/]commander[\\/]/.test(importer) ? '\0lazy:child_process' : null,
      load: (id) =>
        id === '\0lazy:child_process'
          ? "export const spawn = (...args) => process.getBuiltinModule('node:child_process').spawn(...args);\nexport default { spawn };"
          : null,
    },
    {
      name: 'unused-libraries',
      resolveId: (id) => (id in UNUSED ? `\0unused:${id}` : null),
      load: (id) => (id.startsWith('\0unused:') ? stubOf(id.slice('\0unused:'.length)) : null),
    },
  ],
  logLevel: 'warn',
  output: {
    dir: building,
    format: 'cjs',
    entryFileNames: '[name].js',
    // Chunks beside the entries: extract-pool finds the worker as a sibling of its own chunk.
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
    // Pure-ASCII files load as one-byte strings: Node reads them without UTF-8 decoding and V8
    // keeps and scans half the bytes (the libraries' non-ASCII quotes and dashes are escaped).
    charset: 'ascii',
    // Doc comments are for the sources (the source maps keep them): each start reads less.
    comments: { legal: true, annotation: false, jsdoc: false },
  },
});

// The package is "type": "module"; the bundle's .js files are CommonJS.
writeFileSync(join(building, 'package.json'), '{ "type": "commonjs" }\n');
if (existsSync(out)) renameSync(out, retired);
renameSync(building, out);
rmSync(retired, { recursive: true, force: true });

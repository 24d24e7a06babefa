/**
 * Export benchmark: does `clipfile export` keep its memory flat as the archive grows?
 *
 *   npm run bench:export [-- --sizes 2000,10000 --base 20 --keep]
 *
 * A base archive of `--base` aeb-dev corpus pages is archived with the CLI; then, for each size,
 * an archive of that many pages is made by copying the base snapshots' article.json into new
 * page folders (each with its own key) and indexing them (`reindex`). `clipfile export` runs on
 * each as a child process, its output read and counted by this process: wall time, rows per
 * second and the child's peak RSS, for the articles table as CSV and the quotes table as JSON
 * lines. Flat memory means the peak RSS at the largest size is close to the smallest's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { catalogEntries } from '../src/archive/catalog.js';
import { Archive } from '../src/archive/store.js';
import { TABLES, jsonRow } from '../src/export/tables.js';
import { sha256Hex } from '../src/archive/layout.js';
import { parse as parseCsv } from 'csv-parse';
import { readBenchArgs, wholeNumber } from './args.js';
import { findRepoRoot, loadAebDev } from '../eval/corpus.js';
import { runBench } from './run.js';

const DEFAULT_SIZES = [2_000, 10_000];
const DEFAULT_BASE_PAGES = 20;
/** Printed by the child on exit: its peak resident set size in KiB. */
const PEAK_RSS_PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

interface Run {
  rows: number;
  seconds: number;
  peakRssMiB: number;
}

function usage(): string {
  return 'usage: node dist/bench/export.js [--sizes 2000,10000] [--base 20] [--keep]';
}

runBench('bench:export', async () => {
  const args = readBenchArgs(usage(), { sizes: { type: 'string' }, base: { type: 'string' }, keep: { type: 'boolean' } });
  const sizes = args.sizes ? args.sizes.split(',').map((size) => wholeNumber('sizes', size, usage())!) : DEFAULT_SIZES;
  const basePages = wholeNumber('base', args.base, usage()) ?? DEFAULT_BASE_PAGES;
  const repo = findRepoRoot();
  const cli = path.join(repo, 'bin/clipfile.js');
  const work = mkdtempSync(path.join(tmpdir(), 'clipfile-bench-export-'));
  try {
    const base = path.join(work, 'base');
    const pages = loadAebDev().slice(0, basePages);
    const list = pages.map((page) => {
      const file = path.join(work, `${page.id}.html`);
      writeFileSync(file, page.html);
      return `${file}\t${page.url}`;
    });
    writeFileSync(path.join(work, 'list.txt'), `${list.join('\n')}\n`);
    const archived = spawnSync(process.execPath, [cli, 'archive', '-i', path.join(work, 'list.txt'), '-o', base, '--quiet'], { encoding: 'utf8' });
    if (archived.status !== 0) throw new Error(`archiving the base pages failed: ${archived.stderr}`);
    const snapshots = baseSnapshots(base);
    console.log(`base archive: ${snapshots.length} snapshots of ${basePages} corpus pages`);

    for (const size of sizes) {
      const root = path.join(work, `archive-${size}`);
      const started = performance.now();
      copyPages(snapshots, root, size);
      const archive = new Archive(root);
      const counts = archive.reindex();
      archive.close();
      console.log(`\n${size} pages: built and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s (${counts.snapshots} snapshots)`);
      // Baseline: opening the archive (its index and the check for folders changed by hand) and a search that finds nothing.
      const open = await childRun(cli, ['search', 'zzzzqqqq', '-o', root], 'jsonl');
      console.log(`  open the archive (search with no hit): ${open.seconds.toFixed(2)} s, peak RSS ${open.peakRssMiB.toFixed(0)} MiB`);
      for (const [table, format] of [
        ['articles', 'csv'],
        ['quotes', 'jsonl'],
      ] as const) {
        const run = await exportRun(cli, root, table, format);
        console.log(
          `  export --table ${table} --format ${format}: ${run.rows} rows in ${run.seconds.toFixed(2)} s, ` +
            `${Math.round(run.rows / run.seconds)} rows/s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB`,
        );
      }
      console.log(`  heap left after a full GC, at each fifth of a walk of the articles table in this process: ${retainedHeap(root, size)}`);
      if (!args.keep) rmSync(root, { recursive: true, force: true });
    }
  } finally {
    if (args.keep) console.log(`\nkept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
});

/** Every snapshot's article.json in the base archive, with the host folder it sits in. */
function baseSnapshots(root: string): { host: string; name: string; json: string }[] {
  const found: { host: string; name: string; json: string }[] = [];
  for (const host of readdirSync(root, { withFileTypes: true })) {
    if (!host.isDirectory() || host.name.startsWith('.')) continue;
    for (const page of readdirSync(path.join(root, host.name))) {
      for (const name of readdirSync(path.join(root, host.name, page))) {
        if (!/^\d{4}-/.test(name)) continue;
        found.push({ host: host.name, name, json: readFileSync(path.join(root, host.name, page, name, 'article.json'), 'utf8') });
      }
    }
  }
  return found;
}

/** `size` page folders, each a copy of a base snapshot under a key of its own. */
function copyPages(snapshots: { host: string; name: string; json: string }[], root: string, size: number): void {
  for (let index = 0; index < size; index++) {
    const snapshot = snapshots[index % snapshots.length]!;
    const key = sha256Hex(`copy-${index}`).slice(0, 10);
    const folder = path.join(root, snapshot.host, `copy-${index}--${key}`, snapshot.name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'article.json'), snapshot.json);
  }
}

/** Runs one export in a child process, counting its rows as they arrive. */
function exportRun(cli: string, root: string, table: string, format: string): Promise<Run> {
  return childRun(cli, ['export', '--table', table, '--format', format, '-o', root], format);
}

/** Runs the CLI in a child process, counting the rows of its output (JSON lines or CSV) as they arrive. */
async function childRun(cli: string, args: string[], format: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PEAK_RSS_PRELOAD, cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let rows = 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const counted = new Promise<void>((resolve, reject) => {
    if (format === 'csv') {
      // Cells may hold line breaks: rows are counted by a CSV parser, the header left out.
      const parser = child.stdout.pipe(parseCsv({ from_line: 2 }));
      parser.on('data', () => rows++).on('end', resolve).on('error', reject);
    } else {
      child.stdout.on('data', (chunk: Buffer) => {
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows++;
      });
      child.stdout.on('end', resolve);
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  await counted;
  const rss = /maxrss (\d+)/.exec(stderr);
  if (code !== 0 || !rss) throw new Error(`clipfile ${args[0]} exited ${code}: ${stderr}`);
  return { rows, seconds, peakRssMiB: Number(rss[1]) / 1024 };
}

/**
 * Whether the walk keeps anything: the heap used after a full garbage collection, at each
 * fifth of the articles table, in MiB over its start (needs --expose-gc). Flat numbers mean a
 * longer archive costs no more memory; RSS can still grow while V8 sizes its heap.
 */
function retainedHeap(root: string, size: number): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return 'not measured (run with --expose-gc)';
  const archive = new Archive(root);
  try {
    archive.index();
    gc();
    const start = process.memoryUsage().heapUsed;
    const samples: string[] = [];
    const step = Math.max(1, Math.floor(size / 5));
    let rows = 0;
    for (const entry of catalogEntries(archive)) {
      if (!entry.article) continue;
      for (const cells of TABLES.articles.rowsOf({ entry, article: entry.article })) JSON.stringify(jsonRow(TABLES.articles, cells));
      if (++rows % step === 0) {
        gc();
        samples.push(`${((process.memoryUsage().heapUsed - start) / 1024 / 1024).toFixed(1)}`);
      }
    }
    return `${samples.join(', ')} MiB`;
  } finally {
    archive.close();
  }
}

/**
 * Extraction speed benchmark: every page of ../shared/corpus/aeb-dev and
 * ../shared/corpus/readability, extraction alone (no fetching, no disk), in three modes:
 *
 *   (a) plain Readability on jsdom in one thread: new JSDOM, Readability.parse, textContent,
 *       window closed, an event-loop turn between pages — the baseline;
 *   (b) clipfile's full pipeline (extractArticle) in an ExtractPool of one worker;
 *   (c) the same in the default pool (one worker per core).
 *
 *   npm run bench:speed [-- --modes a,b,c] [--recycle N] [--semi-space MB] [--old-space MB|none]
 *                          [--size N] [--repeat N] [--json FILE]
 *
 * Peak RSS (process.resourceUsage().maxRSS) is the maximum over a whole process, workers
 * included (they are threads of it), so each mode runs in a child process of its own: this
 * script spawns itself with `--mode X` and reads one JSON line from each child.
 *
 * Options for investigating (they apply to every mode they can):
 *   --modes        which modes, comma-separated; also `p`: the pipeline in-process (no pool),
 *                  to tell the pool's overhead from the pipeline's cost
 *   --recycle N    the pool's recycleAfter
 *   --semi-space   V8 young-generation semi-space in MB: --max-semi-space-size for (a) and (p),
 *                  resourceLimits.maxYoungGenerationSizeMb (3 × MB) for the pool's workers
 *   --old-space    V8 old-generation limit in MB: --max-old-space-size for (a) and (p),
 *                  resourceLimits.maxOldGenerationSizeMb for the pool's workers (whose default
 *                  is DEFAULT_WORKER_LIMITS); `none`: V8's default everywhere
 *   --size N       the pool size of (c) (default: os.availableParallelism())
 *   --repeat N     run each mode N times, interleaved (a b c a b c …), and report the median
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WORKER_LIMITS, ExtractPool } from '../src/batch/extract-pool.js';
import type { PageInput } from '../src/extract/pipeline.js';
import { BenchUsageError, readBenchArgs, wholeNumber } from './args.js';
import { CorpusMissingError, loadAebDev, loadReadabilityCase, readabilityCaseNames, READABILITY_TEST_URL } from '../eval/corpus.js';
import { runBench } from './run.js';

type Mode = 'a' | 'b' | 'c' | 'p';

const MODE_LABELS: Record<Mode, string> = {
  a: '(a) Readability, 1 thread',
  b: '(b) clipfile, pool of 1',
  c: '(c) clipfile, default pool',
  p: '(p) clipfile, in-process',
};

interface Options {
  modes: Mode[];
  recycle: number;
  semiSpaceMb: number | null;
  /** null: each mode's default (V8's for a and p, the pool's for b and c); 'none': V8's everywhere. */
  oldSpaceMb: number | 'none' | null;
  size: number;
  repeat: number;
  json: string | null;
}

/** What a child reports, as its last line of stdout. */
interface ModeResult {
  mode: Mode;
  pages: number;
  failed: number;
  workers: number;
  wallMs: number;
  msPerPage: number;
  pagesPerSecond: number;
  /** process.resourceUsage().maxRSS, whole process, in MiB. */
  peakRssMb: number;
  /** CPU time of the timed run (all threads) per page: less sensitive than wall time to others' load. */
  cpuMsPerPage: number;
  /** CPU time of the timed run (all threads), as a share of one core's wall time. */
  cpuCores: number;
  /** The 1-minute load average when the timed run ended: others' work on the machine shows here. */
  loadAverage: number;
}

const WARM_UP_PAGES = 3;

function usage(): string {
  return (
    'usage: node dist/bench/speed.js [--modes a,b,c,p] [--recycle N] [--semi-space MB] [--old-space MB]\n' +
    '                                [--size N] [--repeat N] [--json FILE]   (--old-space MB|none)'
  );
}

function parseArgs(): { options: Options; childMode: Mode | null } {
  const values = readBenchArgs(usage(), {
    mode: { type: 'string' },
    modes: { type: 'string' },
    recycle: { type: 'string' },
    'semi-space': { type: 'string' },
    'old-space': { type: 'string' },
    size: { type: 'string' },
    repeat: { type: 'string' },
    json: { type: 'string' },
  });
  const isMode = (m: string): m is Mode => m === 'a' || m === 'b' || m === 'c' || m === 'p';
  if (values.mode !== undefined && !isMode(values.mode)) throw new BenchUsageError(`--mode a|b|c|p\n${usage()}`);
  const modes = values.modes?.split(',') ?? ['a', 'b', 'c'];
  if (!modes.every(isMode)) throw new BenchUsageError(`--modes takes a comma-separated list of a, b, c, p\n${usage()}`);
  const oldSpace = values['old-space'];
  const options: Options = {
    modes,
    recycle: wholeNumber('recycle', values.recycle, usage()) ?? 200,
    semiSpaceMb: wholeNumber('semi-space', values['semi-space'], usage()) ?? null,
    oldSpaceMb: oldSpace === 'none' ? 'none' : (wholeNumber('old-space', oldSpace, usage()) ?? null),
    size: wholeNumber('size', values.size, usage()) ?? os.availableParallelism(),
    repeat: wholeNumber('repeat', values.repeat, usage()) ?? 1,
    json: values.json ?? null,
  };
  return { options, childMode: values.mode ?? null };
}

/**
 * A corpus page held as UTF-8 bytes: outside the V8 heap, so the 32 MB of corpus text is not
 * traced by every major GC of the mode under test, and decoded only when its turn comes, as a
 * batch run decodes what it has just fetched.
 */
interface StoredPage {
  bytes: Buffer;
  url: string | null;
  source: string;
}

/** Every page of both corpora. */
function loadPages(): StoredPage[] {
  const pages: StoredPage[] = loadAebDev().map((p) => ({
    bytes: Buffer.from(p.html),
    url: p.url || null,
    source: `aeb-dev/${p.id}`,
  }));
  for (const name of readabilityCaseNames()) {
    const c = loadReadabilityCase(name);
    pages.push({ bytes: Buffer.from(c.html), url: READABILITY_TEST_URL, source: `readability/${c.name}` });
  }
  return pages;
}

function pageInput(page: StoredPage): PageInput {
  return { html: page.bytes.toString('utf8'), url: page.url, source: page.source };
}

function numberOrUndefined(value: number | 'none'): number | undefined {
  return value === 'none' ? undefined : value;
}

/** The old-generation cap the pool's workers run with, for the header line. */
function workerOldSpace(options: Options): string {
  if (options.oldSpaceMb === 'none') return "V8's default";
  return `${options.oldSpaceMb ?? DEFAULT_WORKER_LIMITS.maxOldGenerationSizeMb} MB`;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------------------------
// The child: one mode, timed.

type Extractor = (page: PageInput) => unknown;

/**
 * The in-process extractors, imported only by the modes that use them: the pool modes' main
 * thread never loads jsdom, as it is not counted in their peak RSS.
 */
async function inProcessExtractor(mode: 'a' | 'p'): Promise<Extractor> {
  if (mode === 'p') return (await import('../src/extract/pipeline.js')).extractArticle;
  const { Readability } = await import('@mozilla/readability');
  const { JSDOM, VirtualConsole } = await import('jsdom');
  // (a) Plain Readability, as the public article-extraction benchmark runs it.
  return (page) => {
    // A silent virtual console only keeps jsdom's CSS-parse noise off the terminal.
    const dom = new JSDOM(page.html, { url: page.url ?? undefined, virtualConsole: new VirtualConsole() });
    try {
      return new Readability(dom.window.document).parse()?.textContent ?? '';
    } finally {
      dom.window.close();
    }
  };
}

/** Runs `extract` over the pages one after another, a loop turn between pages; returns failures. */
async function inProcess(pages: readonly StoredPage[], extract: Extractor): Promise<number> {
  let failed = 0;
  for (const page of pages) {
    try {
      extract(pageInput(page));
    } catch {
      failed++;
    }
    await nextTurn();
  }
  return failed;
}

/**
 * Feeds the pool as a batch run would: a few pages waiting per worker (so no worker idles
 * between pages), not the whole corpus decoded at once. Articles are dropped as they arrive.
 */
async function inPool(pool: ExtractPool, pages: readonly StoredPage[]): Promise<number> {
  const inFlightLimit = 2 * pool.size;
  let next = 0;
  let failed = 0;
  const feeder = async (): Promise<void> => {
    while (next < pages.length) {
      const page = pages[next++]!;
      await pool.extract(pageInput(page)).catch(() => failed++);
    }
  };
  await Promise.all(Array.from({ length: inFlightLimit }, feeder));
  return failed;
}

async function runChild(mode: Mode, options: Options): Promise<ModeResult> {
  const pages = loadPages();
  const pool =
    mode === 'b' || mode === 'c'
      ? new ExtractPool({
          size: mode === 'b' ? 1 : options.size,
          recycleAfter: options.recycle,
          resourceLimits: {
            // V8's young generation is three semi-spaces (two, plus as much for large objects).
            maxYoungGenerationSizeMb: options.semiSpaceMb ? 3 * options.semiSpaceMb : undefined,
            ...(options.oldSpaceMb === null ? {} : { maxOldGenerationSizeMb: numberOrUndefined(options.oldSpaceMb) }),
          },
        })
      : null;
  const extract = mode === 'a' || mode === 'p' ? await inProcessExtractor(mode) : null;
  const run = (subset: readonly StoredPage[]): Promise<number> =>
    pool ? inPool(pool, subset) : inProcess(subset, extract!);

  // Untimed warm-up: module loading, JIT, jsdom's first-use costs; for a pool, every worker
  // started (one page per worker at a time, so size × WARM_UP_PAGES pages reach them all).
  const warmUp = pages.slice(0, WARM_UP_PAGES * (pool ? pool.size : 1));
  await run(warmUp);
  await nextTurn();
  gc?.();

  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const failed = await run(pages);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const workers = pool ? pool.workersStarted : 0;
  await pool?.close();

  return {
    mode,
    pages: pages.length,
    failed,
    workers,
    wallMs,
    msPerPage: wallMs / pages.length,
    pagesPerSecond: (pages.length * 1000) / wallMs,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    cpuMsPerPage: (cpu.user + cpu.system) / 1000 / pages.length,
    cpuCores: (cpu.user + cpu.system) / 1000 / wallMs,
    loadAverage: os.loadavg()[0]!,
  };
}

// ---------------------------------------------------------------------------------------------
// The parent: one child per mode, figures and ratios.

function childArgs(mode: Mode, options: Options): { nodeArgs: string[]; scriptArgs: string[] } {
  const nodeArgs = ['--expose-gc'];
  // The pool's workers get their heap sizes through resourceLimits instead, as the CLI would.
  if (mode === 'a' || mode === 'p') {
    if (options.semiSpaceMb) nodeArgs.push(`--max-semi-space-size=${options.semiSpaceMb}`);
    if (typeof options.oldSpaceMb === 'number') nodeArgs.push(`--max-old-space-size=${options.oldSpaceMb}`);
  }
  const scriptArgs = ['--mode', mode, '--recycle', String(options.recycle), '--size', String(options.size)];
  if (options.semiSpaceMb) scriptArgs.push('--semi-space', String(options.semiSpaceMb));
  if (options.oldSpaceMb) scriptArgs.push('--old-space', String(options.oldSpaceMb));
  return { nodeArgs, scriptArgs };
}

function runInChild(mode: Mode, options: Options): Promise<ModeResult> {
  const { nodeArgs, scriptArgs } = childArgs(mode, options);
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...scriptArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`mode ${mode} failed (exit ${code}): ${line.slice(0, 300)}`));
        return;
      }
      resolve(JSON.parse(line) as ModeResult);
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The run with the median wall time. */
function medianRun(runs: readonly ModeResult[]): ModeResult {
  const wall = median(runs.map((r) => r.wallMs));
  return [...runs].sort((x, y) => Math.abs(x.wallMs - wall) - Math.abs(y.wallMs - wall))[0]!;
}

function printResult(result: ModeResult, runs: readonly ModeResult[]): void {
  const range = (pick: (r: ModeResult) => number, digits: number): string => {
    if (runs.length < 2) return '';
    const values = runs.map(pick);
    return ` (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
  };
  console.log(
    `${MODE_LABELS[result.mode].padEnd(28)}` +
      `${result.msPerPage.toFixed(1).padStart(6)} ms/page${range((r) => r.msPerPage, 1)}` +
      `  ${result.pagesPerSecond.toFixed(2).padStart(6)} pages/s` +
      `  peak RSS ${result.peakRssMb.toFixed(0).padStart(4)} MiB${range((r) => r.peakRssMb, 0)}` +
      `  CPU ${result.cpuMsPerPage.toFixed(0)} ms/page, ${result.cpuCores.toFixed(2)} cores` +
      `  load ${result.loadAverage.toFixed(1)}` +
      (result.workers ? `  ${result.workers} worker${result.workers > 1 ? 's' : ''}` : '') +
      (result.failed ? `  ${result.failed} failed` : ''),
  );
}

async function runParent(options: Options): Promise<number> {
  let pageCount: number;
  try {
    pageCount = loadPages().length;
  } catch (error) {
    if (error instanceof CorpusMissingError) {
      console.error(`bench:speed: ${error.message}`);
      return 1;
    }
    throw error;
  }
  console.log(
    `extraction speed: ${pageCount} pages (aeb-dev + readability), ${os.availableParallelism()} cores, node ${process.version}`,
  );
  console.log(
    `pool: recycleAfter ${options.recycle}, size of (c) ${options.size}` +
      (options.semiSpaceMb ? `, semi-space ${options.semiSpaceMb} MB` : '') +
      `, workers' old space ${workerOldSpace(options)}` +
      (options.repeat > 1 ? `; median of ${options.repeat} runs per mode (range)` : ''),
  );
  console.log('');

  const runs = new Map<Mode, ModeResult[]>(options.modes.map((m) => [m, []]));
  for (let i = 0; i < options.repeat; i++) {
    for (const mode of options.modes) runs.get(mode)!.push(await runInChild(mode, options));
  }
  const results = new Map<Mode, ModeResult>();
  for (const [mode, list] of runs) {
    results.set(mode, medianRun(list));
    printResult(results.get(mode)!, list);
  }

  const a = results.get('a');
  const b = results.get('b');
  const c = results.get('c');
  // The RSS target is clipfile's (b and c); plain Readability's peak is printed beside it.
  const clipfileRuns = [b, c].filter((r): r is ModeResult => r !== undefined);
  console.log('');
  if (a && c) {
    const ratio = c.pagesPerSecond / a.pagesPerSecond;
    console.log(`throughput (c)/(a): ${ratio.toFixed(2)}×  (target ≥ 3×: ${ratio >= 3 ? 'met' : 'missed'})`);
  }
  if (a && b) {
    const ratio = b.msPerPage / a.msPerPage;
    console.log(`time (b)/(a):       ${ratio.toFixed(2)}×  (target ≤ 1×: ${ratio <= 1 ? 'met' : 'missed'})`);
  }
  if (clipfileRuns.length > 0) {
    const peak = Math.max(...clipfileRuns.map((r) => r.peakRssMb));
    console.log(
      `peak RSS, clipfile's worst mode: ${peak.toFixed(0)} MiB  (target < 400 MB: ${peak * 2 ** 20 < 400e6 ? 'met' : 'missed'})` +
        (a ? `; plain Readability: ${a.peakRssMb.toFixed(0)} MiB` : ''),
    );
  }

  if (options.json) {
    writeFileSync(options.json, JSON.stringify({ options, runs: Object.fromEntries(runs) }, null, 2) + '\n');
    console.log(`runs written to ${options.json}`);
  }
  return 0;
}

async function main(): Promise<number> {
  const parsed = parseArgs();
  if (parsed.childMode) {
    console.log(JSON.stringify(await runChild(parsed.childMode, parsed.options)));
    return 0;
  }
  return runParent(parsed.options);
}

runBench('bench:speed', main);

/**
 * Render benchmark (issue 15): the 180 corpus pages (aeb-dev and readability, as bench:quality
 * and bench:speed read them) served from a local HTTP server and read the way `archive` reads
 * them (acquire → extract in the pool, rendered in Chromium as --render says), with
 * `--render never`, `auto` and `always`:
 *
 *   npm run bench:render [-- --modes never,auto,always] [--repeat N] [--baseline DIR] [--pages N] [--in-flight N]
 *
 * The modes run in turn, `--repeat` rounds (default 3: never, auto, always, never, auto, …), so a
 * change in the machine's load falls on every mode alike; each run is printed with the load
 * average at its start and end, then each figure's median over the rounds, and each round's
 * auto / never ratio's median. The pool's worker threads vary by seconds of CPU between two runs
 * of one mode, as much as auto's whole extra, so auto's own extra cost is also given directly:
 * the browser's CPU plus auto's Node main thread beyond never's in the same round.
 * `--baseline DIR` also runs each rendering mode from another compiled checkout (with this
 * benchmark) just before this build's, in every round: a change against what it changes.
 *
 * Each mode runs in a child process of its own (this script with `--mode X`), so its figures
 * are its own: wall ms per page, CPU seconds (Node's threads, and apart the browser's processes;
 * then Node's main thread and each other thread apart, the main thread's garbage collection,
 * and the browser's CPU by process type), peak RSS of the process and everything it started
 * (Chromium's processes included), pages rendered (and under auto when each render began and
 * how long it took), and body-text F1 on aeb-dev (eval/metric.ts). The browser's CPU and the
 * RSS are sampled from /proc every 100 ms (Linux only) by this parent process, so the sampling
 * costs the measured run nothing. Target: auto costs < 1.1× never's time, and does not lower F1. Node flags
 * given to the parent reach the children (`node --cpu-prof dist/bench/render.js`).
 *
 * The pages' scripts reach only the local server (Renderer's sameOriginOnly): a benchmark must
 * not fetch the live sites the corpus pages were saved from.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { acquire, decodePage } from '../src/acquire/index.js';
import { ExtractPool } from '../src/batch/extract-pool.js';
import { findChromium, INSTALL_HINT } from '../src/render/browser.js';
import type { RenderMode } from '../src/render/decide.js';
import { Renderer } from '../src/render/render.js';
import { extractPage, type RenderSetup } from '../src/render/stage.js';
import { BenchUsageError, readBenchArgs, wholeNumber } from './args.js';
import { GcTime, LoopStalls, type LoopStallsSummary, round, threadCpuSeconds, TreeUsage } from './process-usage.js';
import { loadAebDev, loadReadabilityCase, readabilityCaseNames } from '../eval/corpus.js';
import { runBench } from './run.js';
import { scoreCorpus } from '../eval/metric.js';

const USAGE = 'usage: npm run bench:render [-- --modes never,auto,always] [--repeat N] [--baseline DIR] [--pages N] [--in-flight N]';
/** Rounds of the modes in turn: a median of 3 rounds is the least that one slow run cannot move. */
const DEFAULT_REPEAT = 3;
const TARGET_AUTO_RATIO = 1.1;

interface CorpusPage {
  path: string;
  html: string;
  /** aeb-dev ground truth; null for readability pages. */
  truth: string | null;
}

function corpusPages(limit: number | undefined): CorpusPage[] {
  const pages: CorpusPage[] = loadAebDev().map((page) => ({ path: `/aeb/${page.id}`, html: page.html, truth: page.truth }));
  for (const name of readabilityCaseNames()) pages.push({ path: `/readability/${name}`, html: loadReadabilityCase(name).html, truth: null });
  return limit === undefined ? pages : pages.slice(0, limit);
}

/** What the child measures itself; the parent adds what it samples from /proc (TreeUsage). */
type ChildResult = Omit<ModeResult, 'childCpuS' | 'childCpuByType' | 'peakRssMiB' | 'loadAtStart' | 'loadAtEnd'>;

interface ModeResult {
  mode: RenderMode;
  pages: number;
  wallMs: number;
  /** CPU seconds of the run: Node (all its threads) and, apart, the processes it started (Chromium's, sampled: a floor). */
  nodeCpuS: number;
  childCpuS: number;
  /** Milliseconds the main thread spent collecting garbage (perf_hooks 'gc' entries). */
  mainThreadGcMs: number;
  /** Node's CPU seconds by thread: the main thread, and the others (pool workers, V8's helpers), largest first. */
  mainThreadCpuS: number;
  otherThreadsCpuS: number[];
  /** The started processes' CPU seconds by Chromium process type (browser, renderer, gpu-process, …), sampled: a floor. */
  childCpuByType: Record<string, number>;
  peakRssMiB: number;
  /** The machine's 1-minute load average when the run started and when it ended. */
  loadAtStart: number;
  loadAtEnd: number;
  /** The browser's start, and each render: when it began (s into the run) and how long it took. */
  launchMs: number | null;
  /** How long closing the browser took after the last page (the CLI waits for it; not in wallMs). */
  browserCloseMs: number | null;
  /** How long closing the extraction pool took after the last page (before the browser's close). */
  poolCloseMs: number;
  /** The main thread's event loop held up past LOOP_STALL_MS (pages waiting to be handed to the pool meanwhile): count, total and longest ms. */
  loopStalls: LoopStallsSummary;
  renders: { page: number; atS: number; ms: number }[];
  rendered: number;
  renderReasons: Record<string, number>;
  failed: number;
  failures: Record<string, number>;
  aebF1: number;
  aebPages: number;
}

/** A Renderer that notes when each render begins and how long it takes (into `renders`). */
class TimedRenderer extends Renderer {
  readonly renders: { page: number; atS: number; ms: number }[] = [];
  runStarted = 0;
  pageIndex = new Map<string, number>();
  override async render(...args: Parameters<Renderer['render']>): ReturnType<Renderer['render']> {
    const started = performance.now();
    try {
      return await super.render(...args);
    } finally {
      const page = this.pageIndex.get(args[0].url) ?? -1;
      this.renders.push({ page, atS: round((started - this.runStarted) / 1000, 2), ms: Math.round(performance.now() - started) });
    }
  }
}


/** Child: one mode over every page, a few in flight at once as `archive` keeps them. */
async function runMode(mode: RenderMode, origin: string, limit: number | undefined, inFlight: number): Promise<ChildResult> {
  const pages = corpusPages(limit);
  const gc = new GcTime();
  const stalls = new LoopStalls();
  const cpuAtStart = process.cpuUsage();
  const pool = new ExtractPool();
  let renderer: TimedRenderer | null = null;
  if (mode !== 'never') {
    const chromium = findChromium();
    if (!chromium) throw new BenchUsageError(`--render ${mode} needs Chromium: ${INSTALL_HINT}`);
    renderer = new TimedRenderer({ executablePath: chromium.path, pagesAtOnce: Math.min(inFlight, os.availableParallelism()), sameOriginOnly: true });
    pages.forEach((page, index) => renderer!.pageIndex.set(origin + page.path, index));
  }
  const render: RenderSetup = { mode: renderer ? mode : 'never', renderer };
  const texts = new Map<string, string>();
  const renderReasons: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const started = performance.now();
  if (renderer) renderer.runStarted = started;
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < pages.length; index = next++) {
      const page = pages[index]!;
      const source = origin + page.path;
      try {
        const capture = await acquire(source, {});
        const { article, rendered } = await extractPage(capture, decodePage(capture), source, (input) => pool.extract(input), render);
        texts.set(page.path, article.text);
        if (rendered) renderReasons[rendered.reason] = (renderReasons[rendered.reason] ?? 0) + 1;
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'internal';
        failures[code] = (failures[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wallMs = performance.now() - started;
  const threads = threadCpuSeconds();
  const loopStalls = stalls.stop();
  const poolClosing = performance.now();
  await pool.close();
  const poolCloseMs = Math.round(performance.now() - poolClosing);
  const rendered = renderer?.rendered ?? 0;
  const browserStarted = renderer?.started === true;
  const closing = performance.now();
  await renderer?.close();
  const browserCloseMs = browserStarted ? Math.round(performance.now() - closing) : null;
  const nodeCpu = process.cpuUsage(cpuAtStart);
  const mainThreadGcMs = gc.stop();
  const aeb = pages.filter((page) => page.truth !== null);
  const score = scoreCorpus(aeb.map((page) => ({ truth: page.truth!, predicted: texts.get(page.path) ?? '' })));
  return {
    mode,
    pages: pages.length,
    wallMs,
    nodeCpuS: round((nodeCpu.user + nodeCpu.system) / 1e6, 2),
    mainThreadGcMs: Math.round(mainThreadGcMs),
    mainThreadCpuS: threads.main,
    otherThreadsCpuS: threads.others,
    launchMs: renderer?.launchMs ?? null,
    browserCloseMs,
    poolCloseMs,
    loopStalls,
    renders: renderer?.renders ?? [],
    rendered,
    renderReasons,
    failed: Object.values(failures).reduce((sum, count) => sum + count, 0),
    failures,
    aebF1: score.f1,
    aebPages: aeb.length,
  };
}

/** One run of each round: a mode, from this build or from the --baseline build. */
interface Contender {
  label: string;
  mode: RenderMode;
  /** This benchmark's compiled script in the build measured. */
  script: string;
}

/** Parent: serves the pages, runs the modes in turn `--repeat` times, prints each run and the medians. */
async function main(): Promise<number> {
  const args = readBenchArgs(USAGE, {
    modes: { type: 'string' },
    pages: { type: 'string' },
    'in-flight': { type: 'string' },
    repeat: { type: 'string' },
    baseline: { type: 'string' },
    mode: { type: 'string' },
    origin: { type: 'string' },
  });
  const limit = wholeNumber('pages', args.pages, USAGE);
  const inFlight = wholeNumber('in-flight', args['in-flight'], USAGE) ?? 4;
  if (args.mode) {
    const result = await runMode(args.mode as RenderMode, args.origin!, limit, inFlight);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const repeat = wholeNumber('repeat', args.repeat, USAGE) ?? DEFAULT_REPEAT;
  const modes = (args.modes ?? 'never,auto,always').split(',') as RenderMode[];
  for (const mode of modes) if (!['never', 'auto', 'always'].includes(mode)) throw new BenchUsageError(`unknown mode ${mode}\n${USAGE}`);
  const contenders = contendersFor(modes, args.baseline);
  const pages = new Map(corpusPages(limit).map((page) => [page.path, page.html]));
  const server = http.createServer((req, res) => {
    const body = pages.get((req.url ?? '/').split('?')[0]!);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // rounds[r][c]: round r's run of contenders[c]. They take turns (never, auto, never, auto, …)
  // so that a change in the machine's load falls on each alike.
  const rounds: ModeResult[][] = [];
  try {
    for (let round = 1; round <= repeat; round++) {
      const results: ModeResult[] = [];
      for (const contender of contenders) {
        console.error(`bench:render: round ${round} of ${repeat}, ${contender.label} over ${pages.size} pages…`);
        const result = await child(contender, origin, limit, inFlight);
        console.error(`bench:render: ${JSON.stringify(result)}`);
        results.push(result);
      }
      rounds.push(results);
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  printReport(rounds, contenders, pages.size, inFlight);
  return 0;
}

/**
 * The runs of a round: each mode from this build, and with `--baseline DIR` each rendering mode
 * also from that build (a checkout with this benchmark, compiled: `DIR/dist/bench/render.js`)
 * just before it, so a change is measured against what it changes under the same load.
 */
function contendersFor(modes: RenderMode[], baseline: string | undefined): Contender[] {
  const script = fileURLToPath(import.meta.url);
  const baselineScript = baseline === undefined ? null : path.resolve(baseline, 'dist/bench/render.js');
  if (baselineScript !== null && !existsSync(baselineScript)) throw new BenchUsageError(`--baseline: no ${baselineScript} (compile that checkout first)\n${USAGE}`);
  const contenders: Contender[] = [];
  for (const mode of modes) {
    if (baselineScript !== null && mode !== 'never') contenders.push({ label: `${mode} (baseline)`, mode, script: baselineScript });
    contenders.push({ label: mode, mode, script });
  }
  return contenders;
}

function printReport(rounds: ModeResult[][], contenders: Contender[], pageCount: number, inFlight: number): void {
  const width = Math.max(7, ...contenders.map((contender) => contender.label.length));
  console.log(`bench:render: ${pageCount} corpus pages, ${inFlight} in flight, pool of ${os.availableParallelism()}, ${rounds.length} rounds (modes in turn)`);
  console.log(`round ${'mode'.padEnd(width)} ms/page  wall s  CPU s (node + browser)  peak RSS MiB  rendered  failed  F1 aeb-dev  load (start → end)`);
  rounds.forEach((results, index) => {
    for (const [c, r] of results.entries()) {
      const reasons = Object.entries(r.renderReasons).map(([reason, count]) => `${reason} ${count}`).join(', ');
      const cpu = `${(r.nodeCpuS + r.childCpuS).toFixed(1)} (${r.nodeCpuS.toFixed(1)} + ${r.childCpuS.toFixed(1)})`;
      console.log(
        `${String(index + 1).padStart(5)} ${contenders[c]!.label.padEnd(width)} ${(r.wallMs / r.pages).toFixed(1).padStart(7)}  ${(r.wallMs / 1000).toFixed(1).padStart(6)}  ${cpu.padStart(22)}  ${r.peakRssMiB.toFixed(0).padStart(12)}  ${String(r.rendered).padStart(8)}  ${String(r.failed).padStart(6)}  ${r.aebF1.toFixed(3).padStart(10)}  ${r.loadAtStart.toFixed(1)} → ${r.loadAtEnd.toFixed(1)}${reasons ? `  (${reasons})` : ''}${r.failed ? `  failures: ${JSON.stringify(r.failures)}` : ''}`,
      );
      const others = r.otherThreadsCpuS.filter((seconds) => seconds >= 0.05);
      const byType = Object.entries(r.childCpuByType).sort((a, b) => b[1] - a[1]).map(([kind, seconds]) => `${kind} ${seconds.toFixed(2)}`).join(', ');
      const longest = (r.loopStalls?.longest ?? []).map((stall) => `${stall.ms} at ${stall.atS} s`).join(', ');
      const stalls = r.loopStalls ? `; event loop held up ${r.loopStalls.count}× ${r.loopStalls.totalMs} ms${longest ? `: ${longest}` : ''}` : '';
      console.log(`                CPU s: Node main thread ${r.mainThreadCpuS.toFixed(2)} (GC ${(r.mainThreadGcMs / 1000).toFixed(2)}${stalls}), other threads ${sum(others).toFixed(1)} (${others.map((seconds) => seconds.toFixed(1)).join(', ')})${byType ? `; browser processes: ${byType}` : ''}`);
      if (r.renders.length > 0 && r.mode === 'auto') {
        const renders = r.renders.map((render) => `page ${render.page} at ${render.atS} s for ${render.ms} ms`).join('; ');
        console.log(`                browser start ${r.launchMs ?? '-'} ms; after the last page, pool close ${r.poolCloseMs} ms then browser close ${r.browserCloseMs ?? '-'} ms; renders: ${renders}`);
      }
    }
  });

  console.log(`median of ${rounds.length} rounds:`);
  console.log(`${'mode'.padEnd(width)} ms/page  wall s  CPU s (node + browser)  main thread CPU s  peak RSS MiB  rendered  F1 aeb-dev  wall / never  CPU / never`);
  const never = contenders.findIndex((contender) => contender.mode === 'never');
  const column = (c: number) => rounds.map((results) => results[c]!);
  for (const [c, contender] of contenders.entries()) {
    const runs = column(c);
    const wallS = median(runs.map((r) => r.wallMs / 1000));
    const nodeCpu = median(runs.map((r) => r.nodeCpuS));
    const childCpu = median(runs.map((r) => r.childCpuS));
    const cpu = median(runs.map(totalCpuS));
    // Each round's ratio to the never run beside it (same load), then their median.
    const ratios = never === -1 || c === never ? null : {
      wall: median(rounds.map((results) => results[c]!.wallMs / results[never]!.wallMs)),
      cpu: median(rounds.map((results) => totalCpuS(results[c]!) / totalCpuS(results[never]!))),
    };
    console.log(
      `${contender.label.padEnd(width)} ${((wallS * 1000) / runs[0]!.pages).toFixed(1).padStart(7)}  ${wallS.toFixed(1).padStart(6)}  ${`${cpu.toFixed(1)} (${nodeCpu.toFixed(1)} + ${childCpu.toFixed(1)})`.padStart(22)}  ${median(runs.map((r) => r.mainThreadCpuS)).toFixed(2).padStart(17)}  ${median(runs.map((r) => r.peakRssMiB)).toFixed(0).padStart(12)}  ${median(runs.map((r) => r.rendered)).toFixed(0).padStart(8)}  ${median(runs.map((r) => r.aebF1)).toFixed(3).padStart(10)}  ${ratios ? `${ratios.wall.toFixed(3)}×`.padStart(12) : '-'.padStart(12)}  ${ratios ? `${ratios.cpu.toFixed(3)}×`.padStart(11) : '-'.padStart(11)}`,
    );
  }
  if (never === -1) return;
  const spread = (values: number[], digits = 2) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)} to ${Math.max(...values).toFixed(digits)})`;
  for (const [c, contender] of contenders.entries()) {
    if (contender.mode !== 'auto') continue;
    const pairs = rounds.map((results) => ({ never: results[never]!, auto: results[c]! }));
    // What auto adds of its own, beside the same round's never: the browser, and the main
    // thread's extra (loading playwright-core, driving the pages, deciding); the pool's
    // threads, which also extract the rendered pages again, vary too much between runs.
    const browser = pairs.map(({ auto: a }) => a.childCpuS);
    const mainThread = pairs.map(({ never: n, auto: a }) => a.mainThreadCpuS - n.mainThreadCpuS);
    const own = pairs.map((_pair, index) => browser[index]! + mainThread[index]!);
    const stallMs = (r: ModeResult) => r.loopStalls?.totalMs ?? 0;
    console.log(
      `${contender.label}: own extra CPU s, median (range) of ${pairs.length} rounds: ${spread(own)} = browser ${spread(browser)} + Node main thread beyond never's ${spread(mainThread)}; ${spread(pairs.map(({ never: n }, index) => (100 * own[index]!) / totalCpuS(n)), 1)} % of never's CPU; event loop held up beyond never's ${spread(pairs.map(({ never: n, auto: a }) => stallMs(a) - stallMs(n)), 0)} ms`,
    );
    const wallRatio = median(pairs.map(({ never: n, auto: a }) => a.wallMs / n.wallMs));
    const f1Kept = pairs.every(({ never: n, auto: a }) => a.aebF1 >= n.aebF1);
    console.log(`${contender.label} / never time, median of the rounds' ratios: ${wallRatio.toFixed(3)}× (target < ${TARGET_AUTO_RATIO}×: ${wallRatio < TARGET_AUTO_RATIO ? 'met' : 'missed'}); F1 ${f1Kept ? 'not lowered' : 'LOWERED'} in every round`);
  }
}

function totalCpuS(result: ModeResult): number {
  return result.nodeCpuS + result.childCpuS;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function child({ mode, label, script }: Contender, origin: string, limit: number | undefined, inFlight: number): Promise<ModeResult> {
  const args = [script, '--mode', mode, '--origin', origin, '--in-flight', String(inFlight), ...(limit ? ['--pages', String(limit)] : [])];
  return new Promise((resolve, reject) => {
    const loadAtStart = os.loadavg()[0]!;
    const process_ = spawn(process.execPath, [...process.execArgv, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    // Sampled from here, not in the child: reading /proc ten times a second is not the run's work.
    const usage = new TreeUsage(process_.pid!);
    let out = '';
    process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    process_.on('error', (error) => {
      usage.stop();
      reject(error);
    });
    process_.on('close', (code) => {
      usage.stop();
      if (code !== 0) return reject(new Error(`${label} run exited with ${code}`));
      const measured = JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
      resolve({ ...measured, loadAtStart, loadAtEnd: os.loadavg()[0]!, childCpuS: round(usage.descendantsCpuSeconds(), 2), childCpuByType: usage.descendantsCpuByType(), peakRssMiB: usage.peakBytes / 2 ** 20 });
    });
  });
}

runBench('bench:render', main);

/**
 * A batch run end to end: the pages of ../shared/corpus/aeb-dev and ../shared/corpus/readability
 * served from 20 local HTTP servers (20 "hosts", one port each) with 50 ms added to every
 * response, and `clipfile archive -i LIST --json` run as a child process over 1,000 URLs
 * (round robin over the hosts), once with the default settings and once with `-c 16`.
 *
 *   npm run bench:batch [-- --requests N] [--hosts N] [--latency MS] [--runs default,c16] [--json FILE]
 *
 * For each run it prints pages/s, the child's CPU utilisation (user+system over wall time, in
 * cores: all threads of the process, workers included), its peak RSS, the RSS growth from the
 * first to the last 100 pages (the mean RSS while each hundred was being finished) and the slope
 * of RSS over the run after the first 100; and, from the servers' own logs, the most requests
 * one host had at once and the shortest gap between two request starts on one host, against
 * the limits the run was given.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONCURRENCY, DEFAULT_PER_HOST_CONNECTIONS, DEFAULT_PER_HOST_DELAY_MS } from '../src/batch/scheduler.js';
import { findRepoRoot, loadAebDev, loadReadabilityCase, readabilityCaseNames } from '../eval/corpus.js';
import { runBench } from './run.js';
import { BenchUsageError, readBenchArgs, wholeNumber } from './args.js';

interface Options {
  requests: number;
  hosts: number;
  latencyMs: number;
  runs: RunName[];
  json: string | null;
}

type RunName = 'default' | 'c16';
const RUN_ARGS: Record<RunName, string[]> = { default: [], c16: ['-c', '16'] };

function usage(): string {
  return 'usage: node dist/bench/batch.js [--requests N] [--hosts N] [--latency MS] [--runs default,c16] [--json FILE]';
}

function parseArgs(): Options {
  const values = readBenchArgs(usage(), {
    requests: { type: 'string' },
    hosts: { type: 'string' },
    latency: { type: 'string' },
    runs: { type: 'string' },
    json: { type: 'string' },
  });
  const runs = values.runs?.split(',') ?? ['default', 'c16'];
  if (!runs.every((run): run is RunName => run in RUN_ARGS)) throw new BenchUsageError(`--runs takes default and/or c16\n${usage()}`);
  return {
    requests: wholeNumber('requests', values.requests, usage()) ?? 1000,
    hosts: wholeNumber('hosts', values.hosts, usage()) ?? 20,
    latencyMs: wholeNumber('latency', values.latency, usage(), 0) ?? 50,
    runs,
    json: values.json ?? null,
  };
}

/** Every page of both corpora as UTF-8 bytes. */
function loadPages(): Buffer[] {
  const pages = loadAebDev().map((page) => Buffer.from(page.html));
  for (const name of readabilityCaseNames()) pages.push(Buffer.from(loadReadabilityCase(name).html));
  return pages;
}

/** One virtual host: its own port, its own log of when requests started and how many ran at once. */
class VirtualHost {
  inFlight = 0;
  peakInFlight = 0;
  readonly starts: number[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
  ) {}

  static async start(pages: Buffer[], latencyMs: number): Promise<VirtualHost> {
    let host: VirtualHost | undefined;
    const server = http.createServer((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no robots.txt');
        return;
      }
      const match = /^\/article\/(\d+)$/.exec(req.url ?? '');
      if (!host || !match) {
        res.writeHead(404).end();
        return;
      }
      host.starts.push(performance.now());
      host.inFlight++;
      host.peakInFlight = Math.max(host.peakInFlight, host.inFlight);
      const body = pages[Number(match[1]) % pages.length]!;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
        res.end(body);
      }, latencyMs);
      res.on('close', () => host!.inFlight--);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = new VirtualHost(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return host;
  }

  reset(): void {
    this.starts.length = 0;
    this.peakInFlight = 0;
  }

  /** The shortest time between two request starts on this host. */
  minGapMs(): number {
    let min = Infinity;
    for (let i = 1; i < this.starts.length; i++) min = Math.min(min, this.starts[i]! - this.starts[i - 1]!);
    return min;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Sample {
  atMs: number;
  pagesDone: number;
  rssMb: number;
  cpuSeconds: number;
}

interface RunResult {
  run: RunName;
  args: string[];
  pages: number;
  archived: number;
  failed: number;
  wallSeconds: number;
  pagesPerSecond: number;
  cpuCores: number;
  peakRssMb: number;
  rssFirst100Mb: number;
  rssLast100Mb: number;
  /** Mean RSS while each tenth of the pages finished: a plateau or a climb shows here. */
  rssByTenthMb: number[];
  rssSlopeMbPer100Pages: number;
  peakPerHostInFlight: number;
  minPerHostGapMs: number;
  exitCode: number | null;
}

/** The client paces request starts; their arrivals here can lag by a few ms of event-loop delay on 2 busy cores. */
const ARRIVAL_JITTER_MS = 50;

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (all threads) and RSS of a live process, from /proc. */
function readProc(pid: number): { cpuSeconds: number; rssMb: number; peakRssMb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { cpuSeconds, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function runOnce(name: RunName, urls: string[], hosts: VirtualHost[], repoRoot: string): Promise<RunResult> {
  for (const host of hosts) host.reset();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'clipfile-bench-batch-'));
  const list = path.join(scratch, 'urls.txt');
  writeFileSync(list, `${urls.join('\n')}\n`);
  const args = [path.join(repoRoot, 'bin/clipfile.js'), 'archive', '-i', list, '-o', path.join(scratch, 'archive'), '--json', '--quiet', ...RUN_ARGS[name]];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let pagesDone = 0;
  let archived = 0;
  let failed = 0;
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const status = (JSON.parse(line) as { status: string }).status;
      pagesDone++;
      if (status === 'archived') archived++;
      if (status === 'failed') failed++;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const samples: Sample[] = [];
  let peakRssMb = 0;
  const sample = () => {
    const proc = readProc(child.pid!);
    if (!proc) return;
    peakRssMb = Math.max(peakRssMb, proc.peakRssMb);
    samples.push({ atMs: performance.now() - started, pagesDone, rssMb: proc.rssMb, cpuSeconds: proc.cpuSeconds });
  };
  const timer = setInterval(sample, 100);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const wallSeconds = (performance.now() - started) / 1000;
  rmSync(scratch, { recursive: true, force: true });
  if (exitCode !== 0) process.stderr.write(`run ${name}: exit ${exitCode}\n${stderr.split('\n').slice(-5).join('\n')}\n`);

  const last = samples.at(-1);
  const total = urls.length;
  const rssWhile = (from: number, to: number) => mean(samples.filter((s) => s.pagesDone >= from && s.pagesDone < to).map((s) => s.rssMb));
  return {
    run: name,
    args: RUN_ARGS[name],
    pages: pagesDone,
    archived,
    failed,
    wallSeconds,
    pagesPerSecond: pagesDone / wallSeconds,
    // The last sample is just before exit; CPU time after it is a few ms at most.
    cpuCores: last ? last.cpuSeconds / (last.atMs / 1000) : NaN,
    peakRssMb,
    rssFirst100Mb: rssWhile(0, 100),
    rssLast100Mb: rssWhile(total - 100, total),
    rssByTenthMb: Array.from({ length: 10 }, (_, tenth) => rssWhile((tenth * total) / 10, ((tenth + 1) * total) / 10)),
    rssSlopeMbPer100Pages: 100 * slope(samples.filter((s) => s.pagesDone >= 100).map((s) => ({ x: s.pagesDone, y: s.rssMb }))),
    peakPerHostInFlight: Math.max(...hosts.map((host) => host.peakInFlight)),
    minPerHostGapMs: Math.min(...hosts.map((host) => host.minGapMs())),
    exitCode,
  };
}

function printResult(result: RunResult): void {
  const label = result.args.length ? `clipfile archive ${result.args.join(' ')}` : 'clipfile archive (defaults)';
  console.log(`${label}: ${result.pages} pages (${result.archived} archived, ${result.failed} failed) in ${result.wallSeconds.toFixed(1)} s`);
  console.log(`  ${result.pagesPerSecond.toFixed(2)} pages/s   CPU ${result.cpuCores.toFixed(2)} cores of ${os.availableParallelism()}   peak RSS ${result.peakRssMb.toFixed(0)} MiB`);
  console.log(
    `  RSS while finishing pages 1–100: ${result.rssFirst100Mb.toFixed(0)} MiB, the last 100: ${result.rssLast100Mb.toFixed(0)} MiB` +
      ` (growth ${(result.rssLast100Mb - result.rssFirst100Mb).toFixed(0)} MiB; trend after page 100: ${result.rssSlopeMbPer100Pages.toFixed(1)} MiB per 100 pages)`,
  );
  console.log(`  RSS by tenth of the run (MiB): ${result.rssByTenthMb.map((mb) => mb.toFixed(0)).join(' ')}`);
  console.log(
    `  per host: at most ${result.peakPerHostInFlight} requests at once (limit ${DEFAULT_PER_HOST_CONNECTIONS}),` +
      ` shortest gap between starts ${result.minPerHostGapMs.toFixed(0)} ms (limit ${DEFAULT_PER_HOST_DELAY_MS} ms)`,
  );
}

async function main(): Promise<number> {
  const options = parseArgs();
  const repoRoot = findRepoRoot();
  const pages = loadPages();
  const hosts = await Promise.all(Array.from({ length: options.hosts }, () => VirtualHost.start(pages, options.latencyMs)));
  const urls = Array.from({ length: options.requests }, (_, i) => `${hosts[i % hosts.length]!.origin}/article/${i}`);
  console.log(
    `batch run: ${options.requests} URLs over ${options.hosts} local hosts (+${options.latencyMs} ms per response), ` +
      `${pages.length} corpus pages, ${os.availableParallelism()} cores, node ${process.version}; ` +
      `defaults: -c ${DEFAULT_CONCURRENCY}, ${DEFAULT_PER_HOST_CONNECTIONS} per host, ${DEFAULT_PER_HOST_DELAY_MS / 1000} s delay per host`,
  );
  console.log('');
  const results: RunResult[] = [];
  try {
    for (const run of options.runs) {
      const result = await runOnce(run, urls, hosts, repoRoot);
      results.push(result);
      printResult(result);
      console.log('');
    }
  } finally {
    await Promise.all(hosts.map((host) => host.close()));
  }
  const withinLimits = results.every((r) => r.peakPerHostInFlight <= DEFAULT_PER_HOST_CONNECTIONS && r.minPerHostGapMs >= DEFAULT_PER_HOST_DELAY_MS - ARRIVAL_JITTER_MS);
  console.log(`per-host limits never exceeded: ${withinLimits ? 'yes' : 'NO'}`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  return results.every((r) => r.exitCode === 0) && withinLimits ? 0 : 1;
}

runBench('bench:batch', main);

/**
 * Start-up benchmark: how long a command takes from a shell, as a script calling clipfile once
 * per page sees it. Median (and range) of N runs each of
 *
 *   node -e 0                      the floor: Node itself, on this machine, right now
 *   clipfile --version             the CLI's own start-up
 *   clipfile extract SEED --url …  one page, the command scripts call most
 *   clipfile list                  on a 1,000-page archive
 *
 * The runs are interleaved (one of each in turn), so a burst of load from elsewhere on a
 * shared machine falls on all four alike and the ratios to `node -e 0` stay meaningful. The
 * 1,000-page archive is built once in a temporary folder: one snapshot archived, its page
 * folder copied under 1,000 keys, then `clipfile reindex`.
 *
 *   npm run bench:startup [-- --runs 10] [--compare /path/to/other/clipfile]
 *   npm run bench:startup -- --breakdown 10      where the extract's time goes, by stage
 *   npm run bench:startup -- --instructions      each case's instructions, under valgrind
 *
 * --compare also times --version, extract and list of another built clipfile (an older
 * commit, say), in the same interleaved runs, so a change is measured under the same load.
 * --breakdown N profiles N extract runs instead of timing (bench/startup-breakdown.ts);
 * --instructions counts one run of each case instead of timing: on a loaded machine, where
 * wall and even CPU time vary by half, the one figure that does not move.
 *
 * Each clipfile case runs bin/clipfile.js as a program, as a shell does: it starts in sh, which
 * leaves NODE_EXTRA_CA_CERTS out of a run that opens no TLS connection (Node 20 reads and parses
 * every certificate of that file before any JavaScript runs, on every start: 416 M instructions
 * of a 1,087 M extract with Debian's bundle of 140 certificates, where `node -e 0` is 85 M
 * without it). When the variable is set, `node -e 0` and the extract are also run without it,
 * and the extract as `node bin/clipfile.js`, which keeps it (Node runs the file; no sh).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE_REFRESHES } from '../src/runtime/code-cache.js';
import { readBenchArgs, wholeNumber } from './args.js';
import { runBench } from './run.js';
import { instructionsOf, profileBreakdown, VALGRIND } from './startup-breakdown.js';

const USAGE =
  'usage: npm run bench:startup [-- --runs N] [--pages N] [--compare DIR] [--breakdown N] [--instructions]   (defaults: 10 runs, 1,000 pages)';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(repoRoot, 'bin/clipfile.js');
const SEED = join(repoRoot, 'fixtures/pages/seed-tajik-commander.html');
const SEED_URL = 'https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/';
const EXTRACT_ARGS = ['extract', SEED, '--url', SEED_URL];

/** GNU time reports a run's CPU time, which other processes' load inflates far less than wall time. */
const GNU_TIME = '/usr/bin/time';
const haveGnuTime = existsSync(GNU_TIME);

interface Case {
  name: string;
  /** The program run: Node, or a clipfile bin run as a program, as a shell runs it (bin/clipfile.js starts in sh). */
  program: string;
  args: string[];
  /** Environment variables left out of the run's environment. */
  without?: string[];
}

/** The variable whose certificates Node 20 parses at every start (see above). */
const EXTRA_CERTIFICATES = 'NODE_EXTRA_CA_CERTS';

runBench('bench:startup', async () => {
  const values = readBenchArgs(USAGE, {
    runs: { type: 'string' },
    pages: { type: 'string' },
    compare: { type: 'string' },
    breakdown: { type: 'string' },
    instructions: { type: 'boolean' },
  });
  const runs = wholeNumber('runs', values.runs, USAGE) ?? 10;
  const pages = wholeNumber('pages', values.pages, USAGE) ?? 1000;
  const breakdownRuns = wholeNumber('breakdown', values.breakdown, USAGE);
  if (breakdownRuns !== undefined) return printBreakdown(breakdownRuns);
  const scratch = mkdtempSync(join(tmpdir(), 'clipfile-bench-startup-'));
  const loadBefore = loadAverage();
  try {
    const archive = buildArchive(join(scratch, 'archive'), pages);
    const cases: Case[] = [
      { name: 'node -e 0', program: process.execPath, args: ['-e', '0'] },
      { name: 'clipfile --version', program: cli, args: ['--version'] },
      { name: 'clipfile extract (seed page)', program: cli, args: EXTRACT_ARGS },
      { name: `clipfile list (${pages} pages)`, program: cli, args: ['list', '-o', archive] },
    ];
    if (process.env[EXTRA_CERTIFICATES]) {
      cases.push(
        { name: `node -e 0, no ${EXTRA_CERTIFICATES}`, program: process.execPath, args: ['-e', '0'], without: [EXTRA_CERTIFICATES] },
        { name: `extract, no ${EXTRA_CERTIFICATES}`, program: cli, args: EXTRACT_ARGS, without: [EXTRA_CERTIFICATES] },
        // Node runs the file itself: the shell part that leaves the certificates out never runs.
        { name: 'node bin/clipfile.js extract', program: process.execPath, args: [cli, ...EXTRACT_ARGS] },
      );
    }
    if (values.compare !== undefined) {
      const other = join(resolve(values.compare), 'bin/clipfile.js');
      cases.push(
        { name: 'compared --version', program: other, args: ['--version'] },
        { name: 'compared extract (seed page)', program: other, args: EXTRACT_ARGS },
        { name: `compared list (${pages} pages)`, program: other, args: ['list', '-o', archive] },
      );
    }
    if (values.instructions) return printInstructions(cases);
    const times = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    // Warm the file-system cache, and let the code cache settle: each bundle file's cache is
    // saved again by the first CODE_CACHE_REFRESHES runs after the one that made it.
    for (let warmUp = 0; warmUp <= CODE_CACHE_REFRESHES + 1; warmUp++) for (const c of cases) timeOnce(c);
    for (let run = 0; run < runs; run++) {
      for (const c of cases) times.get(c.name)!.push(timeOnce(c));
    }
    // Each case against the `node -e 0` run in the same environment.
    const floorOf = (c: Case) => median(times.get(cases.find((other) => isNodeFloor(other) && String(other.without) === String(c.without))!.name)!.map((sample) => sample.wallMs));
    console.log(`start-up, median of ${runs} interleaved runs (range), Node ${process.version}, load average before ${loadBefore}, after ${loadAverage()}`);
    for (const c of cases) {
      const wall = times.get(c.name)!.map((sample) => sample.wallMs);
      const cpu = times.get(c.name)!.flatMap((sample) => (sample.cpuMs === null ? [] : [sample.cpuMs]));
      const ratio = isNodeFloor(c) ? '' : `  ${(median(wall) / floorOf(c)).toFixed(1)}× node -e 0`;
      const cpuPart = cpu.length > 0 ? `  CPU ${seconds(median(cpu))}` : '';
      console.log(`  ${c.name.padEnd(36)} ${seconds(median(wall))}  (${seconds(Math.min(...wall))}–${seconds(Math.max(...wall))})${ratio}${cpuPart}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

function printBreakdown(runs: number): void {
  const loadBefore = loadAverage();
  // Runs enough times first that the code cache is as every later run finds it.
  for (let warmUp = 0; warmUp <= CODE_CACHE_REFRESHES + 1; warmUp++) timeOnce({ name: 'warm-up', program: cli, args: EXTRACT_ARGS });
  const breakdown = profileBreakdown([cli, ...EXTRACT_ARGS], runs, repoRoot);
  console.log(
    `clipfile extract (seed page) under the CPU profiler, mean of ${breakdown.runs} runs, Node ${process.version}, load average before ${loadBefore}, after ${loadAverage()}`,
  );
  for (const { stage, ms } of breakdown.stages) {
    console.log(`  ${stage.padEnd(50)} ${ms.toFixed(1).padStart(7)} ms  ${((100 * ms) / breakdown.profiledMs).toFixed(1).padStart(5)} %`);
  }
  console.log(`  ${'profiled (Node\'s own start before the profiler aside)'.padEnd(50)} ${breakdown.profiledMs.toFixed(1).padStart(7)} ms`);
}

function printInstructions(cases: Case[]): void {
  if (VALGRIND === null) throw new Error('--instructions needs valgrind (apt-get install valgrind)');
  for (let warmUp = 0; warmUp <= CODE_CACHE_REFRESHES + 1; warmUp++) for (const c of cases) timeOnce(c);
  console.log(`instructions of one run (valgrind, all threads), Node ${process.version}`);
  for (const c of cases) console.log(`  ${c.name.padEnd(36)} ${(instructionsOf(c.program, c.args, repoRoot, environmentOf(c))! / 1e6).toFixed(0).padStart(6)} M`);
}

interface Sample {
  wallMs: number;
  /** User + system CPU of the run, all threads (null without GNU time). */
  cpuMs: number | null;
}

/** One run's wall and CPU time; a run that fails stops the bench. */
function timeOnce(c: Case): Sample {
  const [command, args] = haveGnuTime ? [GNU_TIME, ['-f', 'cpu %U %S', c.program, ...c.args]] : [c.program, c.args];
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: environmentOf(c) });
  const wallMs = performance.now() - started;
  const stderr = result.stderr.toString();
  if (result.status !== 0) throw new Error(`${c.name} exited ${result.status}: ${stderr.trim()}`);
  const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
}

/** `node -e 0`, what every other case is compared with. */
function isNodeFloor(c: Case): boolean {
  return c.program === process.execPath && c.args[0] === '-e';
}

function environmentOf(c: Case): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of c.without ?? []) delete env[name];
  return env;
}

/** An archive of `pages` pages: the seed archived once, its page folder copied under new keys, reindexed. */
function buildArchive(root: string, pages: number): string {
  execFileSync(process.execPath, [cli, 'archive', SEED, '--url', SEED_URL, '-o', root, '--quiet']);
  const host = join(root, 'news.example.com');
  const [original] = readdirSync(host);
  if (!original) throw new Error('the seed page was not archived');
  const prefix = original.replace(/--[0-9a-f]+$/, '');
  for (let n = 1; n < pages; n++) {
    const key = n.toString(16).padStart(10, '0');
    const copy = join(host, `${prefix}--${key}`);
    cpSync(join(host, original), copy, { recursive: true });
    // Each copy is its own page: its own URL, so its own key.
    for (const snapshot of readdirSync(copy).filter((name) => /^\d{4}-/.test(name))) {
      const articlePath = join(copy, snapshot, 'article.json');
      const article = readFileSync(articlePath, 'utf8').replaceAll(SEED_URL, `${SEED_URL}?copy=${n}`);
      writeFileSync(articlePath, article);
    }
  }
  execFileSync(process.execPath, [cli, 'reindex', '-o', root], { stdio: 'ignore' });
  return root;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

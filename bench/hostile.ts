/**
 * Hostile pages, generated here (eval/hostile-pages.ts), each extracted the way `clipfile
 * extract` reads a page (bytes → decodePage → extractArticle) in a child process of its own, so
 * that its peak RSS is its own: time (wall and CPU), peak RSS, and what came of it (an Article,
 * or the one-line SourceError that refused it).
 *
 *   npm run bench:hostile [-- --pages deep,paragraphs,...] [--json FILE]
 *
 * Targets (issue 12): every page under 10 s and 1 GB, or refused with a clear reason. The wall
 * time is the child's, generation of the page excluded; on a loaded machine it exceeds the CPU
 * time, which is printed beside it.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { decodePage } from '../src/acquire/decode.js';
import type { Capture } from '../src/article.js';
import { SourceError } from '../src/errors.js';
import { extractArticle } from '../src/extract/pipeline.js';
import { BenchUsageError, readBenchArgs } from './args.js';
import { runBench } from './run.js';
import {
  bigPage,
  deepNestingPage,
  manyParagraphsPage,
  manyTweetsPage,
  nestedTablesPage,
  nestedWrappersPage,
  unclosedScriptsPage,
  wideTablePage,
} from '../eval/hostile-pages.js';

const PAGES = {
  deep: { label: '4,000-deep nesting', make: () => deepNestingPage(4_000) },
  'deep-500': { label: '500-deep nesting (under the limit)', make: () => deepNestingPage(500) },
  'deep-wrappers': { label: '500 bare nested divs around 300 paragraphs', make: () => nestedWrappersPage(500, 300) },
  'deep-tables': { label: '100 tables nested in divs around 300 paragraphs', make: () => nestedTablesPage(100, 300) },
  'deep-tables-1mb': { label: '100 nested tables around a 1 MB story', make: () => nestedTablesPage(100, 1_500) },
  paragraphs: { label: '100,000 paragraphs', make: () => manyParagraphsPage(100_000) },
  'paragraphs-20k': { label: '20,000 paragraphs (2.8 MB, under the limits)', make: () => manyParagraphsPage(20_000) },
  tweets: { label: '5,000 tweet embeds', make: () => manyTweetsPage(5_000) },
  big: { label: '50 MB page', make: () => bigPage(50) },
  table: { label: 'wide table (2,000 columns × 12 rows)', make: () => wideTablePage(2_000, 12) },
  scripts: { label: '20,000 unclosed <script>/<style>', make: () => unclosedScriptsPage(20_000) },
} as const;
type PageName = keyof typeof PAGES;
const PAGE_NAMES = Object.keys(PAGES) as PageName[];

const TIME_TARGET_MS = 10_000;
/** A child still extracting after this long is ended and the page reported as missed. */
const CHILD_LIMIT_MS = 120_000;
const RSS_TARGET_BYTES = 1e9;

interface PageResult {
  page: PageName;
  megabytes: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  outcome: 'article' | 'refused' | 'failed';
  detail: string;
}

function usage(): string {
  return `usage: node dist/bench/hostile.js [--pages ${PAGE_NAMES.join(',')}] [--json FILE]`;
}

function isPageName(name: string): name is PageName {
  return (PAGE_NAMES as string[]).includes(name);
}

function capture(html: string): Capture {
  return {
    requestedUrl: 'hostile.html',
    url: 'https://news.example/hostile',
    source: 'file',
    redirects: [],
    status: null,
    headers: {},
    contentType: 'text/html',
    bytes: Buffer.from(html),
    fetchedAt: new Date().toISOString(),
  };
}

/** The child: one page, generated, then read as `extract` reads a file. */
function runPage(name: PageName): PageResult {
  const bytes = capture(PAGES[name].make());
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let outcome: PageResult['outcome'];
  let detail: string;
  try {
    const decoded = decodePage(bytes);
    const article = extractArticle({ html: decoded.html, url: bytes.url, source: 'hostile.html' });
    outcome = 'article';
    detail = `${article.wordCount.toLocaleString('en-US')} words, ${article.embeds.length} embeds`;
  } catch (error) {
    outcome = error instanceof SourceError ? 'refused' : 'failed';
    detail = error instanceof SourceError ? `${error.code}: ${error.reason}` : String(error);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    page: name,
    megabytes: bytes.bytes.length / 1e6,
    wallMs: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    outcome,
    detail,
  };
}

function runInChild(name: PageName): Promise<PageResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--page', name], { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ page: name, megabytes: 0, wallMs: CHILD_LIMIT_MS, cpuMs: CHILD_LIMIT_MS, peakRssMb: 0, outcome: 'failed', detail: `still extracting after ${CHILD_LIMIT_MS / 1000} s; ended` });
    }, CHILD_LIMIT_MS);
    child.on('exit', () => clearTimeout(timer));
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (signal === 'SIGKILL') return;
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`page ${name} failed (exit ${code ?? signal}): ${line.slice(0, 300)}`));
        return;
      }
      resolve(JSON.parse(line) as PageResult);
    });
  });
}

function verdict(result: PageResult): string {
  if (result.outcome === 'failed') return result.detail.startsWith('still extracting') ? 'MISSED (time)' : 'MISSED (crashed)';
  const withinTime = result.wallMs < TIME_TARGET_MS || result.cpuMs < TIME_TARGET_MS;
  const withinMemory = result.peakRssMb * 2 ** 20 < RSS_TARGET_BYTES;
  if (withinTime && withinMemory) return result.outcome === 'refused' ? 'met (refused)' : 'met';
  return `MISSED (${[withinTime ? '' : 'time', withinMemory ? '' : 'memory'].filter(Boolean).join(', ')})`;
}

async function main(): Promise<number> {
  const values = readBenchArgs(usage(), { page: { type: 'string' }, pages: { type: 'string' }, json: { type: 'string' } });
  if (values.page !== undefined) {
    if (!isPageName(values.page)) throw new BenchUsageError(`--page takes one of ${PAGE_NAMES.join(', ')}\n${usage()}`);
    console.log(JSON.stringify(runPage(values.page)));
    return 0;
  }
  const names = values.pages?.split(',') ?? PAGE_NAMES;
  if (!names.every(isPageName)) throw new BenchUsageError(`--pages takes a comma-separated list of ${PAGE_NAMES.join(', ')}\n${usage()}`);

  console.log(`hostile pages: ${names.length}, each in a child process; ${os.availableParallelism()} cores, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`targets: under ${TIME_TARGET_MS / 1000} s and 1 GB, or refused with a clear reason\n`);
  const results: PageResult[] = [];
  for (const name of names) {
    const result = await runInChild(name);
    results.push(result);
    console.log(
      `${PAGES[name].label.padEnd(46)}${result.megabytes.toFixed(1).padStart(6)} MB` +
        `${(result.wallMs / 1000).toFixed(2).padStart(8)} s wall${(result.cpuMs / 1000).toFixed(2).padStart(7)} s CPU` +
        `${result.peakRssMb.toFixed(0).padStart(6)} MiB peak  ${verdict(result)}`,
    );
    console.log(`    ${result.outcome}: ${result.detail}`);
  }
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nresults written to ${values.json}`);
  }
  return results.every((r) => !verdict(r).startsWith('MISSED')) ? 0 : 1;
}

runBench('bench:hostile', main);

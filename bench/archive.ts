/**
 * Archive benchmark: every page of the shared corpora archived into a fresh archive, in one
 * process, through the library (archiveSource with an Archive), then search and reindex timed.
 *
 *   npm run bench:archive [-- --keep]
 *
 * Pages: aeb-dev (html/ID.html.gz, gunzipped to a temporary file, with its URL from
 * ground-truth.json) and readability (NAME/source.html as the page
 * http://fakehost/test/NAME/page.html, so each case gets its own page folder).
 *
 * Prints: pages archived, failures (one line each), pages/second, peak RSS, the archive's size
 * on disk (all files, and index.db alone), search latency (median and p95 over 50 deterministic
 * queries drawn from the archived titles and texts) and the time of a full reindex.
 * `--keep` leaves the temporary archive in place and prints where it is.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ftsQueryOf, parseSearchQuery } from '../src/archive/search-query.js';
import { Archive } from '../src/archive/store.js';
import { archiveSource, type ArchiveOptions } from '../src/pipeline.js';
import { writeCorpusFiles } from '../eval/corpus.js';
import { filesBelow, runBench } from './run.js';
import { readBenchArgs } from './args.js';
import { seededRandom } from '../eval/fuzz-mutations.js';
import { wordRuns } from '../src/text/index.js';

const QUERY_COUNT = 50;

function usage(): string {
  return 'usage: node dist/bench/archive.js [--keep]';
}

function parseArgs(): { keep: boolean } {
  return { keep: readBenchArgs(usage(), { keep: { type: 'boolean' } }).keep ?? false };
}

/** All files below `dir`: apparent bytes and allocated bytes (what du counts). */
function diskUsage(dir: string): { files: number; bytes: number; allocated: number } {
  let files = 0;
  let bytes = 0;
  let allocated = 0;
  for (const { stat } of filesBelow(dir)) {
    files++;
    bytes += stat.size;
    allocated += stat.blocks * 512;
  }
  return { files, bytes, allocated };
}

/**
 * 50 queries from the archived articles: alternately one word (from a title or the text) and a
 * two-word phrase (consecutive words of a text), words of at least 4 letters.
 */
function buildQueries(articles: Array<{ title: string | null; text: string }>): string[] {
  const random = seededRandom(20261125);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const wordsOf = wordRuns;
  const isWord = (word: string) => /^\p{L}{4,20}$/u.test(word);
  const usable = articles.filter((a) => wordsOf(a.text).filter(isWord).length >= 2);
  if (usable.length === 0) return [];
  const queries: string[] = [];
  for (let attempt = 0; queries.length < QUERY_COUNT && attempt < QUERY_COUNT * 20; attempt++) {
    const article = pick(usable);
    const words = wordsOf(article.text);
    let query: string | undefined;
    if (queries.length % 2 === 0) {
      const fromTitle = article.title ? wordsOf(article.title).filter(isWord) : [];
      const pool = fromTitle.length > 0 && random() < 0.5 ? fromTitle : words.filter(isWord);
      query = pick(pool).toLowerCase();
    } else {
      const start = Math.floor(random() * (words.length - 1));
      const pair = [words[start]!, words[start + 1]!];
      if (pair.every(isWord)) query = `"${pair.join(' ').toLowerCase()}"`;
    }
    if (query && !queries.includes(query)) queries.push(query);
  }
  return queries;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const options = parseArgs();
  const workDir = mkdtempSync(path.join(tmpdir(), 'clipfile-bench-archive-'));
  const pagesDir = path.join(workDir, 'pages');
  const root = path.join(workDir, 'archive');
  mkdirSync(pagesDir);

  let peakSampledRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakSampledRss = Math.max(peakSampledRss, process.memoryUsage().rss);
  }, 100);

  const notes: string[] = [];
  const archive = new Archive(root, (note) => notes.push(note));
  try {
    const pages = writeCorpusFiles(pagesDir);
    console.log(`archiving ${pages.length} pages into ${root}`);

    const failures: Array<{ label: string; reason: string }> = [];
    const archived: Array<{ label: string; path: string }> = [];
    const pageTimes: Array<{ label: string; ms: number }> = [];
    const started = performance.now();
    for (const page of pages) {
      const pageStart = performance.now();
      try {
        const result = await archiveSource(page.file, { fetch: { pageUrl: page.url }, warc: false } satisfies ArchiveOptions, archive);
        if (result.status === 'archived') archived.push({ label: page.label, path: result.snapshotPath });
        else failures.push({ label: page.label, reason: `stored as ${result.status} (expected a new snapshot)` });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failures.push({ label: page.label, reason: reason.split('\n')[0]! });
      }
      pageTimes.push({ label: page.label, ms: performance.now() - pageStart });
      // Let the RSS sampler (and anything else) run between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const elapsedSeconds = (performance.now() - started) / 1000;
    peakSampledRss = Math.max(peakSampledRss, process.memoryUsage().rss);

    // Search: 50 deterministic queries against the index the run built.
    const articles = archived
      .map((a) => archive.readSnapshot(a.path))
      .filter((a) => a !== undefined)
      .map((a) => ({ title: a.title, text: a.text }));
    const queries = buildQueries(articles);
    const index = archive.index();
    const latencies: number[] = [];
    let withHits = 0;
    let hitsTotal = 0;
    for (const query of queries) {
      const parsed = parseSearchQuery(query);
      if (!parsed) continue;
      const t0 = performance.now();
      const hits = index.search(parsed);
      latencies.push(performance.now() - t0);
      if (hits.length > 0) withHits++;
      else if (process.env.BENCH_DEBUG) console.log(`no hit: ${query} -> ${ftsQueryOf(parsed)}`);
      hitsTotal += hits.length;
    }
    const sortedLatencies = [...latencies].sort((a, b) => a - b);

    const usage = diskUsage(root);
    const indexBytes = statSync(path.join(root, 'index.db')).size;

    // Reindex: rebuild index.db from the folder.
    const r0 = performance.now();
    const counts = archive.reindex();
    const reindexMs = performance.now() - r0;
    const indexBytesAfterReindex = statSync(path.join(root, 'index.db')).size;

    clearInterval(sampler);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const sortedPageTimes = [...pageTimes].sort((a, b) => a.ms - b.ms);
    const slowest = sortedPageTimes.at(-1);

    console.log('');
    console.log(`pages:            ${pages.length} (${archived.length} archived, ${failures.length} failed)`);
    for (const failure of failures) console.log(`  failed ${failure.label}: ${failure.reason}`);
    console.log(
      `throughput:       ${(archived.length / elapsedSeconds).toFixed(1)} pages/s ` +
        `(${elapsedSeconds.toFixed(1)} s; per page median ${ms(percentile(sortedPageTimes.map((p) => p.ms), 50))}, ` +
        `p95 ${ms(percentile(sortedPageTimes.map((p) => p.ms), 95))}, slowest ${slowest ? `${slowest.label} ${ms(slowest.ms)}` : '-'})`,
    );
    console.log(`peak RSS:         ${mib(maxRss)} (maxRSS); ${mib(peakSampledRss)} sampled every 100 ms`);
    console.log(
      `archive on disk:  ${mib(usage.bytes)} in ${usage.files} files (${usage.bytes} bytes; ${mib(usage.allocated)} allocated); ` +
        `index.db ${mib(indexBytes)} (${indexBytes} bytes)`,
    );
    console.log(
      `search:           ${queries.length} queries, median ${ms(percentile(sortedLatencies, 50))}, ` +
        `p95 ${ms(percentile(sortedLatencies, 95))}, max ${ms(sortedLatencies.at(-1) ?? Number.NaN)}; ` +
        `${withHits}/${queries.length} with hits (${hitsTotal} hits)`,
    );
    console.log(`  e.g. ${queries.slice(0, 6).join(' · ')}`);
    console.log(
      `reindex:          ${ms(reindexMs)} for ${counts.snapshots} snapshots of ${counts.pages} pages (${counts.checks} checks); ` +
        `index.db ${mib(indexBytesAfterReindex)} after`,
    );
    if (notes.length > 0) {
      console.log(`archive notes (${notes.length}):`);
      for (const note of notes.slice(0, 10)) console.log(`  ${note}`);
    }
  } finally {
    clearInterval(sampler);
    archive.close();
    if (options.keep) console.log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

runBench('bench:archive', main);

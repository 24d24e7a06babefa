/**
 * Body-text quality benchmark on three sets of real pages nobody on the project wrote:
 * aeb-dev (50 news pages, where the quality rules were studied) and the two wceb-dev sets,
 * dragnet (708 news and blog pages of 2012) and cleaneval (357 general web pages of 2007).
 * See ../shared/corpus/README.md.
 *
 *   npm run bench:quality [-- --set NAME] [--half study|check] [--worst N] [--json FILE]
 *                            [--texts DIR] [--fresh-baseline] [--sample N] [--diagnose]
 *
 * Scores (a) plain Readability.js (jsdom + Readability.parse().textContent, as the public
 * benchmark runs it) and (b) clipfile's pipeline (extractArticle(...).text, the `--format text`
 * output; on dragnet, whose ground truth holds the reader comments, the story and then the
 * comments' texts) with the public benchmark's metric (eval/metric.ts).
 *
 * Every set is split into two fixed halves by halfOf (eval/corpus.ts): the *study* half, whose
 * failures `--worst N` lists with what was missed and what was kept wrongly, and the *check*
 * half, which is only scored: a change counts when the check halves improve too.
 *
 * Prints the figures per set × half for both extractors, the time per page, the pages
 * Readability gets right (F1 ≥ 0.9) that clipfile gets badly wrong (< 0.5), and the calibration
 * of clipfile's confidence per half (bucket → pages, mean F1, share with F1 ≥ 0.9; each set's claim).
 *
 * `--diagnose` adds what the reference texts cost: each set × half scored again against its
 * references with the words they glue at line breaks split (eval/metric.ts ungluedReference),
 * a diagnostic beside the figures, never the figures themselves.
 *
 * `--sample N` scores only the first N pages of each set × half in sha256(id) order (a fixed,
 * unbiased slice, for a quick look on a busy machine; the figures that count are the full run's).
 *
 * Readability's results do not change between runs of the same corpus and Readability version,
 * so they are kept in node_modules/.cache/clipfile-bench-quality/ (text and time) and reused;
 * `--fresh-baseline` runs it again.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { calibrationBuckets, clipfileRun } from '../eval/quality-pipeline.js';
// Confidence from which clipfile claims a good extraction; target: F1 ≥ RIGHT in ≥ 95% of those pages.
import { HIGH_CONFIDENCE } from '../src/extract/quality/confidence.js';
import { BenchUsageError, readBenchArgs, wholeNumber } from './args.js';
import { findRepoRoot, halfOf, loadQualitySet, QUALITY_SETS, type Half, type QualityPage, type QualitySet } from '../eval/corpus.js';
import { runBench } from './run.js';
import { aggregate, scorePage, ungluedReference, unmatchedStretches, type PageScore } from '../eval/metric.js';

interface Options {
  sets: QualitySet[];
  halves: Half[];
  worst: number;
  json: string | null;
  texts: string | null;
  freshBaseline: boolean;
  /** At most this many pages per set × half (null: all). */
  sample: number | null;
  diagnose: boolean;
}

const USAGE =
  'usage: node dist/bench/quality.js [--set aeb-dev|dragnet|cleaneval] [--half study|check] [--worst N] [--json FILE] [--texts DIR] [--fresh-baseline] [--sample N] [--diagnose]';

function parseArgs(): Options {
  const values = readBenchArgs(USAGE, {
    set: { type: 'string' },
    half: { type: 'string' },
    worst: { type: 'string' },
    json: { type: 'string' },
    texts: { type: 'string' },
    'fresh-baseline': { type: 'boolean' },
    sample: { type: 'string' },
    diagnose: { type: 'boolean' },
  });
  if (values.set !== undefined && !QUALITY_SETS.includes(values.set as QualitySet)) {
    throw new BenchUsageError(`--set takes one of ${QUALITY_SETS.join(', ')}\n${USAGE}`);
  }
  if (values.half !== undefined && values.half !== 'study' && values.half !== 'check') {
    throw new BenchUsageError(`--half takes study or check\n${USAGE}`);
  }
  return {
    sets: values.set ? [values.set as QualitySet] : [...QUALITY_SETS],
    halves: values.half ? [values.half as Half] : ['study', 'check'],
    worst: wholeNumber('worst', values.worst, USAGE, 0) ?? 5,
    json: values.json ?? null,
    texts: values.texts ?? null,
    freshBaseline: values['fresh-baseline'] ?? false,
    sample: wholeNumber('sample', values.sample, USAGE, 1) ?? null,
    diagnose: values.diagnose ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// The two extractors. Each returns the extracted plain text; a throw counts as empty text.

interface Run {
  text: string;
  /** clipfile's confidence (null for plain Readability and for a failed page). */
  confidence: number | null;
  ms: number;
  error: string | null;
}

/** (a) Plain Readability.js, as the public benchmark's readability_js extractor runs it. */
function readabilityBaseline(html: string, page: QualityPage): { text: string; confidence: null } {
  // A silent virtual console only keeps jsdom's CSS-parse noise off the terminal.
  const dom = new JSDOM(html, { url: page.url || undefined, virtualConsole: new VirtualConsole() });
  try {
    return { text: new Readability(dom.window.document).parse()?.textContent ?? '', confidence: null };
  } finally {
    dom.window.close();
  }
}

/** (b) clipfile's pipeline (eval/quality-pipeline.ts). */
function clipfilePipeline(html: string, page: QualityPage): { text: string; confidence: number | null } {
  const { text, confidence } = clipfileRun(html, page);
  return { text, confidence };
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Lets jsdom release the windows closed so far (it keeps them alive until the loop turns). */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc?.();
}

function timed(extract: (html: string, page: QualityPage) => { text: string; confidence: number | null }, html: string, page: QualityPage): Run {
  const start = performance.now();
  try {
    const out = extract(html, page);
    return { ...out, ms: performance.now() - start, error: null };
  } catch (error) {
    const ms = performance.now() - start;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { text: '', confidence: null, ms, error: message.split('\n')[0]!.slice(0, 200) };
  }
}

/** The first `count` pages in sha256(id) order, or all of them. */
function sampled(pages: QualityPage[], count: number | null): QualityPage[] {
  if (count === null) return pages;
  const key = (page: QualityPage) => createHash('sha256').update(page.id).digest('hex');
  return pages.map((page) => ({ page, key: key(page) })).sort((a, b) => a.key.localeCompare(b.key)).slice(0, count).map((x) => x.page);
}

/** Where Readability's results are kept between runs, per Readability version. */
function baselineCacheDir(): string {
  const require = createRequire(import.meta.url);
  const version = (require('@mozilla/readability/package.json') as { version: string }).version;
  return path.join(findRepoRoot(), 'node_modules', '.cache', 'clipfile-bench-quality', `readability-${version}`);
}

function cachedBaseline(dir: string, page: QualityPage): Run | null {
  const file = path.join(dir, `${page.set}-${page.id}.json`);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Run;
  } catch {
    return null;
  }
}

function storeBaseline(dir: string, page: QualityPage, run: Run): void {
  writeFileSync(path.join(dir, `${page.set}-${page.id}.json`), JSON.stringify(run));
}

// ---------------------------------------------------------------------------------------------
// Figures.

interface PageResult {
  page: QualityPage;
  half: Half;
  runs: { baseline: Run; clipfile: Run };
  scores: { baseline: PageScore; clipfile: PageScore };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

const f3 = (x: number): string => x.toFixed(3);
const f1d = (x: number): string => x.toFixed(1);
const signed = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(3);

/** A page Readability gets right (F1 ≥ RIGHT) that clipfile gets badly wrong (F1 < BADLY_WRONG). */
const RIGHT = 0.9;
const BADLY_WRONG = 0.5;

interface Row {
  label: string;
  pages: number;
  clipfile: ReturnType<typeof aggregate>;
  baseline: ReturnType<typeof aggregate>;
  msClipfile: number[];
  msBaseline: number[];
  errors: number;
  empty: number;
  lost: number;
}

function row(label: string, results: readonly PageResult[]): Row {
  return {
    label,
    pages: results.length,
    clipfile: aggregate(results.map((r) => r.scores.clipfile)),
    baseline: aggregate(results.map((r) => r.scores.baseline)),
    msClipfile: results.map((r) => r.runs.clipfile.ms),
    msBaseline: results.map((r) => r.runs.baseline.ms),
    errors: results.filter((r) => r.runs.clipfile.error).length,
    empty: results.filter((r) => r.scores.clipfile.predictedTokens === 0).length,
    lost: results.filter((r) => r.scores.baseline.f1 >= RIGHT && r.scores.clipfile.f1 < BADLY_WRONG).length,
  };
}

function printTable(rows: readonly Row[]): void {
  console.log(
    `${'set / half'.padEnd(18)} ${'pages'.padStart(5)}  clipfile F1     P     R  | Readability F1     P     R  |    ΔF1  | ms/page clip (read)  | lost  empty  errors`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(18)} ${String(r.pages).padStart(5)}  ${' '.repeat(7)}${f3(r.clipfile.f1)} ${f3(r.clipfile.precision)} ${f3(r.clipfile.recall)}` +
        `  | ${' '.repeat(10)}${f3(r.baseline.f1)} ${f3(r.baseline.precision)} ${f3(r.baseline.recall)}` +
        `  | ${signed(r.clipfile.f1 - r.baseline.f1)}  | ${f1d(mean(r.msClipfile)).padStart(7)} (${f1d(mean(r.msBaseline)).padStart(6)})` +
        `     | ${String(r.lost).padStart(4)} ${String(r.empty).padStart(6)} ${String(r.errors).padStart(7)}`,
    );
  }
  console.log(
    `  lost: pages Readability gets right (F1 ≥ ${RIGHT}) below F1 ${BADLY_WRONG} in clipfile; ms/page: mean, clipfile (Readability; cached runs keep their first time)`,
  );
}

/** The bucket table (confidence → pages, mean F1, share with F1 ≥ RIGHT) and each set's claim, for one half. */
function printCalibration(results: readonly PageResult[], sets: readonly QualitySet[], half: Half): void {
  const ofHalf = results.filter((r) => r.half === half);
  console.log(`confidence calibration (clipfile, ${half} halves of the sets run):`);
  console.log(`  ${'bucket'.padEnd(12)} ${'pages'.padStart(6)}  mean F1  share F1 ≥ ${RIGHT}`);
  for (const { label, members: inBucket } of calibrationBuckets(ofHalf, (r) => r.runs.clipfile.confidence ?? 0)) {
    const f1s = inBucket.map((r) => r.scores.clipfile.f1);
    console.log(
      `  ${label.padEnd(12)} ${String(inBucket.length).padStart(6)}  ${inBucket.length ? f3(mean(f1s)) : '    -'}    ` +
        (inBucket.length ? `${f3(f1s.filter((f) => f >= RIGHT).length / inBucket.length)}` : '    -'),
    );
  }
  for (const set of sets) {
    const ofSet = ofHalf.filter((r) => r.page.set === set);
    const high = ofSet.filter((r) => (r.runs.clipfile.confidence ?? 0) >= HIGH_CONFIDENCE);
    const good = high.filter((r) => r.scores.clipfile.f1 >= RIGHT).length;
    // How many of the set's good pages the claim reaches: a claim made on few pages is easy to keep.
    const allGood = ofSet.filter((r) => r.scores.clipfile.f1 >= RIGHT).length;
    console.log(
      `  ${set} ${half}: confidence ≥ ${HIGH_CONFIDENCE} on ${high.length} pages, F1 ≥ ${RIGHT} on ${high.length ? ((100 * good) / high.length).toFixed(1) : '-'}% of them (target ≥ 95%);` +
        ` ${good} of the ${allGood} pages with F1 ≥ ${RIGHT}`,
    );
  }
}

/**
 * What the references' glued words cost clipfile, per set × half: its F1 as scored, and against
 * the references with the words they glue split again; with the pages whose reference glues any.
 */
function printGluedReferences(results: readonly PageResult[], sets: readonly QualitySet[], halves: readonly Half[]): void {
  console.log('');
  console.log('diagnostic: reference words glued at line breaks ("splitters" + "to" -> "splittersto"), split again; not the scored figures');
  for (const set of sets) {
    for (const half of halves) {
      const ofPart = results.filter((r) => r.page.set === set && r.half === half);
      if (ofPart.length === 0) continue;
      let glued = 0;
      const unglued = ofPart.map((r) => {
        const reference = ungluedReference(r.page.truth, r.runs.clipfile.text);
        const score = scorePage(reference, r.runs.clipfile.text);
        if (score.truthTokens !== r.scores.clipfile.truthTokens) glued++;
        return score;
      });
      const scored = aggregate(ofPart.map((r) => r.scores.clipfile)).f1;
      const split = aggregate(unglued).f1;
      console.log(`  ${`${set} ${half}`.padEnd(18)} F1 ${f3(scored)} as scored, ${f3(split)} with glued words split (${signed(split - scored)}); ${glued} of ${ofPart.length} references glue words`);
    }
  }
}

const EXCERPT_WORDS = 40;

function printWorst(results: readonly PageResult[], count: number): void {
  if (count === 0) return;
  const worst = results
    .filter((r) => r.half === 'study')
    .sort((x, y) => x.scores.clipfile.f1 - y.scores.clipfile.f1 || x.page.id.localeCompare(y.page.id))
    .slice(0, count);
  console.log(`${worst.length} worst study pages of clipfile by page F1:`);
  for (const r of worst) {
    const s = r.scores.clipfile;
    const run = r.runs.clipfile;
    console.log(
      `  ${r.page.set} ${r.page.id.slice(0, 12)}  F1 ${f3(s.f1)}  P ${f3(s.precision)}  R ${f3(s.recall)}` +
        `  confidence ${run.confidence?.toFixed(2) ?? '-'}  (Readability F1 ${f3(r.scores.baseline.f1)})  ${r.page.url}`,
    );
    if (run.error) console.log(`      error: ${run.error}`);
    const { extra, missing } = unmatchedStretches(r.page.truth, run.text, EXCERPT_WORDS);
    if (missing && s.fnCount > 0) console.log(`      missed ${s.fnCount} shingles, largest stretch ${missing.length} words: "${missing.sample}"`);
    if (extra && s.fpCount > 0) console.log(`      kept wrongly ${s.fpCount} shingles, largest stretch ${extra.length} words: "${extra.sample}"`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseArgs();
  const cacheDir = baselineCacheDir();
  mkdirSync(cacheDir, { recursive: true });

  const results: PageResult[] = [];
  let warmedUp = false;
  for (const set of options.sets) {
    const pages = options.halves.flatMap((half) => sampled(loadQualitySet(set).filter((p) => halfOf(p.id) === half), options.sample));
    if (!warmedUp) {
      // Untimed warm-up: JIT, module initialisation, jsdom's first-use costs.
      for (const page of pages.slice(0, 3)) {
        const html = page.html();
        timed(readabilityBaseline, html, page);
        await settle();
        timed(clipfilePipeline, html, page);
        await settle();
      }
      warmedUp = true;
    }
    let done = 0;
    for (const page of pages) {
      const html = page.html();
      let baseline = options.freshBaseline ? null : cachedBaseline(cacheDir, page);
      if (!baseline) {
        baseline = timed(readabilityBaseline, html, page);
        storeBaseline(cacheDir, page, baseline);
        await settle();
      }
      const clipfile = timed(clipfilePipeline, html, page);
      await settle();
      results.push({
        page,
        half: halfOf(page.id),
        runs: { baseline, clipfile },
        scores: { baseline: scorePage(page.truth, baseline.text), clipfile: scorePage(page.truth, clipfile.text) },
      });
      if (process.stderr.isTTY && ++done % 50 === 0) process.stderr.write(`\r${set}: ${done}/${pages.length}`);
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  }

  console.log(`body-text quality: ${results.length} pages${gc ? '' : ' (run node with --expose-gc for steadier timings)'}`);
  console.log('');
  const rows: Row[] = [];
  for (const set of options.sets) {
    for (const half of options.halves) rows.push(row(`${set} ${half}`, results.filter((r) => r.page.set === set && r.half === half)));
    if (options.halves.length > 1) rows.push(row(`${set} all`, results.filter((r) => r.page.set === set)));
  }
  printTable(rows);
  const clipMs = results.map((r) => r.runs.clipfile.ms);
  console.log(`clipfile time per page: mean ${f1d(mean(clipMs))} ms, median ${f1d(median(clipMs))} ms over ${results.length} pages`);
  console.log('');
  for (const half of options.halves) printCalibration(results, options.sets, half);
  console.log('');
  const lost = results.filter((r) => r.scores.baseline.f1 >= RIGHT && r.scores.clipfile.f1 < BADLY_WRONG);
  console.log(`pages Readability gets right that clipfile gets badly wrong: ${lost.length}`);
  for (const r of lost) {
    console.log(
      `  ${r.page.set} ${r.half} ${r.page.id.slice(0, 12)}  ${f3(r.scores.baseline.f1)} → ${f3(r.scores.clipfile.f1)}` +
        (r.half === 'study' ? `  ${r.page.url}` : ''),
    );
  }
  console.log('');
  printWorst(results, options.worst);
  if (options.diagnose) printGluedReferences(results, options.sets, options.halves);

  if (options.texts) {
    // Texts of the study half only: the check half is scored, never read.
    const dir = path.resolve(options.texts);
    mkdirSync(dir, { recursive: true });
    for (const r of results.filter((x) => x.half === 'study')) {
      const stem = path.join(dir, `${r.page.set}-${r.page.id}`);
      writeFileSync(`${stem}.truth.txt`, r.page.truth + '\n');
      writeFileSync(`${stem}.readability.txt`, r.runs.baseline.text + '\n');
      writeFileSync(`${stem}.clipfile.txt`, r.runs.clipfile.text + '\n');
    }
    console.log('');
    console.log(`texts of the study pages written to ${dir}`);
  }

  if (options.json) {
    const round = (x: number): number => Math.round(x * 1e6) / 1e6;
    const pageJson = (r: PageResult, which: 'baseline' | 'clipfile') => {
      const s = r.scores[which];
      const run = r.runs[which];
      return {
        f1: round(s.f1),
        precision: round(s.precision),
        recall: round(s.recall),
        truthTokens: s.truthTokens,
        predictedTokens: s.predictedTokens,
        ms: round(run.ms),
        confidence: run.confidence,
        error: run.error,
      };
    };
    const summary = rows.map((r) => ({
      label: r.label,
      pages: r.pages,
      clipfile: { f1: round(r.clipfile.f1), precision: round(r.clipfile.precision), recall: round(r.clipfile.recall) },
      readability: { f1: round(r.baseline.f1), precision: round(r.baseline.precision), recall: round(r.baseline.recall) },
      msMean: { clipfile: round(mean(r.msClipfile)), readability: round(mean(r.msBaseline)) },
      lost: r.lost,
    }));
    const report = {
      node: process.version,
      summary,
      perPage: results.map((r) => ({ set: r.page.set, half: r.half, id: r.page.id, url: r.page.url, baseline: pageJson(r, 'baseline'), clipfile: pageJson(r, 'clipfile') })),
    };
    writeFileSync(path.resolve(options.json), JSON.stringify(report, null, 2) + '\n');
    console.log(`per-page figures written to ${path.resolve(options.json)}`);
  }
  return 0;
}

runBench('bench:quality', main);

/**
 * Body-text quality benchmark on the aeb-dev corpus (../shared/corpus/aeb-dev, 50 pages).
 *
 *   npm run bench:quality [-- --json FILE] [--texts DIR] [--worst N]
 *
 * Scores, in one run, (a) plain Readability.js (jsdom + Readability.parse().textContent, as the
 * public benchmark runs it) and (b) clipfile's pipeline (extractArticle(...).text, the
 * `--format text` output) with the public benchmark's metric (bench/metric.ts), and times both.
 * Prints the figures, the worst pages of (b) with a one-line diagnosis, and the pages of (b)
 * below F1 0.5; `--json FILE` writes the per-page figures, `--texts DIR` the texts themselves
 * (ID.truth.txt, ID.readability.txt, ID.clipfile.txt) for reading the failures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../src/extract/pipeline.js';
import { aebDevDir, loadAebDev, runBench, type AebPage } from './corpus.js';
import { readBenchArgs, wholeNumber } from './args.js';
import { aggregate, explainPage, scorePage, type CorpusScore, type PageScore } from './metric.js';

interface Options {
  json: string | null;
  texts: string | null;
  worst: number;
}

function usage(): string {
  return 'usage: node dist/bench/quality.js [--json FILE] [--texts DIR] [--worst N]';
}

function parseArgs(): Options {
  const values = readBenchArgs(usage(), { json: { type: 'string' }, texts: { type: 'string' }, worst: { type: 'string' } });
  return { json: values.json ?? null, texts: values.texts ?? null, worst: wholeNumber('worst', values.worst, usage(), 0) ?? 5 };
}

// ---------------------------------------------------------------------------------------------
// The two extractors. Each returns the extracted plain text; a throw counts as empty text.

/** (a) Plain Readability.js, as the public benchmark's readability_js extractor runs it. */
function readabilityBaseline(page: AebPage): string {
  // A silent virtual console only keeps jsdom's CSS-parse noise off the terminal.
  const dom = new JSDOM(page.html, { url: page.url || undefined, virtualConsole: new VirtualConsole() });
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

/** (b) clipfile's pipeline: the `--format text` output, and the extraction's confidence. */
function clipfilePipeline(page: AebPage): Extracted {
  const article = extractArticle({ html: page.html, url: page.url || null }, {});
  return { text: article.text, confidence: article.confidence };
}

interface Extracted {
  text: string;
  confidence: number | null;
}

interface Run {
  text: string;
  /** clipfile's confidence (null for plain Readability and for a failed page). */
  confidence: number | null;
  ms: number;
  error: string | null;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Lets jsdom release the windows closed so far (it keeps them alive until the loop turns). */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc?.();
}

function timed(extract: (page: AebPage) => string | Extracted, page: AebPage): Run {
  const start = performance.now();
  try {
    const out = extract(page);
    const ms = performance.now() - start;
    return typeof out === 'string' ? { text: out, confidence: null, ms, error: null } : { ...out, ms, error: null };
  } catch (error) {
    const ms = performance.now() - start;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { text: '', confidence: null, ms, error: message.split('\n')[0]!.slice(0, 200) };
  }
}

// ---------------------------------------------------------------------------------------------
// Figures.

interface PageResult {
  page: AebPage;
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

interface Summary {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  msMean: number;
  msMedian: number;
  errors: number;
  empty: number;
}

function summarise(score: CorpusScore, runs: readonly Run[]): Summary {
  const ms = runs.map((r) => r.ms);
  return {
    f1: score.f1,
    precision: score.precision,
    recall: score.recall,
    accuracy: score.accuracy,
    msMean: mean(ms),
    msMedian: median(ms),
    errors: runs.filter((r) => r.error).length,
    empty: score.pages.filter((p) => p.predictedTokens === 0).length,
  };
}

const f3 = (x: number): string => x.toFixed(3);
const f1d = (x: number): string => x.toFixed(1);

function printSummary(label: string, s: Summary): void {
  console.log(
    `${label.padEnd(22)} F1 ${f3(s.f1)}  P ${f3(s.precision)}  R ${f3(s.recall)}  acc ${f3(s.accuracy)}` +
      `  ms/page mean ${f1d(s.msMean).padStart(6)} median ${f1d(s.msMedian).padStart(6)}` +
      (s.empty ? `  empty ${s.empty}` : '') +
      (s.errors ? `  errors ${s.errors}` : ''),
  );
}

function describe(result: PageResult, which: 'baseline' | 'clipfile'): string {
  const run = result.runs[which];
  const why = explainPage(result.page.truth, run.text);
  return run.error ? `${why} — ${run.error}` : why;
}

function printPage(result: PageResult, which: 'baseline' | 'clipfile'): void {
  const s = result.scores[which];
  const other = result.scores[which === 'clipfile' ? 'baseline' : 'clipfile'];
  const confidence = result.runs[which].confidence;
  console.log(
    `  ${result.page.id.slice(0, 12)}  F1 ${f3(s.f1)}  P ${f3(s.precision)}  R ${f3(s.recall)}` +
      (confidence === null ? '' : `  confidence ${confidence.toFixed(2)}`) +
      `  (${which === 'clipfile' ? 'readability' : 'clipfile'} F1 ${f3(other.f1)})  ${result.page.url}`,
  );
  console.log(`      why: ${describe(result, which)}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseArgs();

  const pages: AebPage[] = loadAebDev();
  if (pages.length === 0) {
    console.error(`bench:quality: no pages in ${aebDevDir()}`);
    return 1;
  }

  // Untimed warm-up: JIT, module initialisation, jsdom's first-use costs.
  for (const page of pages.slice(0, 3)) {
    timed(readabilityBaseline, page);
    await settle();
    timed(clipfilePipeline, page);
    await settle();
  }

  const results: PageResult[] = [];
  for (const page of pages) {
    const baseline = timed(readabilityBaseline, page);
    await settle();
    const clipfile = timed(clipfilePipeline, page);
    await settle();
    results.push({
      page,
      runs: { baseline, clipfile },
      scores: { baseline: scorePage(page.truth, baseline.text), clipfile: scorePage(page.truth, clipfile.text) },
    });
  }

  const baselineScore = aggregate(results.map((r) => r.scores.baseline));
  const clipfileScore = aggregate(results.map((r) => r.scores.clipfile));
  const a = summarise(baselineScore, results.map((r) => r.runs.baseline));
  const b = summarise(clipfileScore, results.map((r) => r.runs.clipfile));

  console.log(`aeb-dev body-text quality: ${pages.length} pages${gc ? '' : ' (run node with --expose-gc for steadier timings)'}`);
  console.log('');
  printSummary('(a) Readability.js', a);
  printSummary('(b) clipfile pipeline', b);
  console.log(
    `time (b)/(a): mean ${a.msMean > 0 ? (b.msMean / a.msMean).toFixed(2) : 'n/a'}×, median ${a.msMedian > 0 ? (b.msMedian / a.msMedian).toFixed(2) : 'n/a'}×`,
  );

  // Does confidence tell good extractions from bad ones? Mean page F1 above and below 0.5, 0.8.
  const confidences = results.map((r) => r.runs.clipfile.confidence ?? 0);
  const band = (lo: number, hi: number) => results.filter((r) => (r.runs.clipfile.confidence ?? 0) >= lo && (r.runs.clipfile.confidence ?? 0) < hi);
  console.log(
    `confidence of (b): mean ${mean(confidences).toFixed(2)}, min ${Math.min(...confidences).toFixed(2)}; ` +
      [[0, 0.5], [0.5, 0.8], [0.8, 1.01]]
        .map(([lo, hi]) => {
          const pages = band(lo!, hi!);
          return `[${lo}, ${hi! > 1 ? 1 : hi}${hi! > 1 ? ']' : ')'} ${pages.length} pages` + (pages.length ? ` mean F1 ${f3(mean(pages.map((r) => r.scores.clipfile.f1)))}` : '');
        })
        .join('; '),
  );

  const worst = [...results]
    .sort((x, y) => x.scores.clipfile.f1 - y.scores.clipfile.f1 || x.page.id.localeCompare(y.page.id))
    .slice(0, options.worst);
  console.log('');
  console.log(`${worst.length} worst pages of (b) by page F1:`);
  for (const r of worst) printPage(r, 'clipfile');

  const low = results.filter((r) => r.scores.clipfile.f1 < 0.5);
  console.log('');
  console.log(`pages of (b) below F1 0.5: ${low.length}`);
  for (const r of low) printPage(r, 'clipfile');

  const worse = results.filter((r) => r.scores.clipfile.f1 < r.scores.baseline.f1 - 0.02);
  const better = results.filter((r) => r.scores.clipfile.f1 > r.scores.baseline.f1 + 0.02);
  console.log('');
  console.log(`pages where (b) differs from (a) by more than 0.02 F1: ${worse.length} worse, ${better.length} better`);
  for (const r of worse) {
    console.log(
      `  worse   ${r.page.id.slice(0, 12)}  ${f3(r.scores.baseline.f1)} → ${f3(r.scores.clipfile.f1)}  ${r.page.url}`,
    );
  }
  for (const r of better) {
    console.log(
      `  better  ${r.page.id.slice(0, 12)}  ${f3(r.scores.baseline.f1)} → ${f3(r.scores.clipfile.f1)}  ${r.page.url}`,
    );
  }

  if (options.texts) {
    const dir = path.resolve(options.texts);
    mkdirSync(dir, { recursive: true });
    for (const r of results) {
      writeFileSync(path.join(dir, `${r.page.id}.truth.txt`), r.page.truth + '\n');
      writeFileSync(path.join(dir, `${r.page.id}.readability.txt`), r.runs.baseline.text + '\n');
      writeFileSync(path.join(dir, `${r.page.id}.clipfile.txt`), r.runs.clipfile.text + '\n');
    }
    console.log('');
    console.log(`texts written to ${dir}`);
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
        tp: round(s.tp),
        fp: round(s.fp),
        fn: round(s.fn),
        tpShingles: s.tpCount,
        fpShingles: s.fpCount,
        fnShingles: s.fnCount,
        exact: s.exact,
        truthTokens: s.truthTokens,
        predictedTokens: s.predictedTokens,
        ms: round(run.ms),
        confidence: run.confidence,
        error: run.error,
        why: describe(r, which),
      };
    };
    const summaryJson = (s: Summary) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v)]));
    const report = {
      corpus: 'aeb-dev',
      pages: results.length,
      node: process.version,
      exposeGc: Boolean(gc),
      summary: {
        baseline: summaryJson(a),
        clipfile: summaryJson(b),
        timeRatioMean: a.msMean > 0 ? round(b.msMean / a.msMean) : null,
        timeRatioMedian: a.msMedian > 0 ? round(b.msMedian / a.msMedian) : null,
      },
      perPage: results.map((r) => ({
        id: r.page.id,
        url: r.page.url,
        baseline: pageJson(r, 'baseline'),
        clipfile: pageJson(r, 'clipfile'),
      })),
    };
    writeFileSync(path.resolve(options.json), JSON.stringify(report, null, 2) + '\n');
    console.log('');
    console.log(`per-page figures written to ${path.resolve(options.json)}`);
  }
  return 0;
}

runBench('bench:quality', main);

/**
 * Proof that a refactoring left extraction's output unchanged: every Article field of every
 * corpus page (aeb-dev's 50 and Readability's 130, the pages bench:quality and the corpus tests
 * read) and of every fixture page.
 *
 *   npm run bench:compare -- --save FILE        write the snapshot (one entry per page)
 *   npm run bench:compare -- --against FILE     compare with a snapshot; exit 1 on any difference
 *
 * A page that fails to extract is recorded as its error code and message, so a page that starts
 * or stops failing is a difference too. `--dom jsdom` extracts on jsdom instead of linkedom:
 * compared with a linkedom snapshot, it lists what the two DOMs make differently.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../src/article.js';
import { SourceError } from '../src/errors.js';
import { extractArticle } from '../src/extract/pipeline.js';
import { DOM_ENGINES, type DomEngine } from '../src/extract/parse.js';
import { BenchUsageError, readBenchArgs } from './args.js';
import { findRepoRoot, loadAebDev, loadReadabilityCorpus, READABILITY_TEST_URL } from '../eval/corpus.js';
import { runBench } from './run.js';

interface ComparedPage {
  /** `aeb-dev/ID`, `readability/NAME` or `fixtures/FOLDER/NAME`. */
  name: string;
  html: string;
  url: string | null;
}

/** What one page gave: the Article's fields, or the failure. */
type Outcome = { article: Record<string, unknown> } | { failure: { code: string; message: string } };

type Snapshot = Record<string, Outcome>;

function usage(): string {
  return 'usage: node dist/bench/compare-articles.js (--save FILE | --against FILE) [--dom linkedom|jsdom]';
}

function corpusPages(): ComparedPage[] {
  const aeb = loadAebDev().map((page) => ({ name: `aeb-dev/${page.id}`, html: page.html, url: page.url || null }));
  const readability = loadReadabilityCorpus().map((page) => ({ name: `readability/${page.name}`, html: page.html, url: READABILITY_TEST_URL }));
  return [...aeb, ...readability];
}

/** The fixture pages: pages/ with the URLs of pages.json, the other folders under a made-up URL. */
function fixturePages(): ComparedPage[] {
  const root = path.join(findRepoRoot(), 'fixtures');
  const urls = JSON.parse(readFileSync(path.join(root, 'pages.json'), 'utf8')) as Record<string, { url: string }>;
  const pages: ComparedPage[] = [];
  for (const folder of ['pages', 'quality', 'quotes', 'hostile']) {
    for (const file of readdirSync(path.join(root, folder)).filter((f) => f.endsWith('.html')).sort()) {
      const stem = file.slice(0, -'.html'.length);
      const url = folder === 'pages' ? (urls[stem]?.url ?? null) : `https://fixture.example/${folder}/${stem}`;
      // windows-1251.html is not UTF-8; latin1 keeps its bytes one to one, the same each run.
      const html = readFileSync(path.join(root, folder, file), stem === 'windows-1251' ? 'latin1' : 'utf8');
      pages.push({ name: `fixtures/${folder}/${stem}`, html, url });
    }
  }
  return pages;
}

function outcomeOf(page: ComparedPage, dom: DomEngine): Outcome {
  try {
    const article: Article = extractArticle({ html: page.html, url: page.url, source: page.name }, { dom });
    return { article: { ...article } };
  } catch (error) {
    if (error instanceof SourceError) return { failure: { code: error.code, message: error.message } };
    return { failure: { code: 'thrown', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } };
  }
}

/** Field-by-field differences of one page, each a line. */
function differences(name: string, before: Outcome | undefined, after: Outcome): string[] {
  if (!before) return [`${name}: not in the snapshot`];
  if ('failure' in before || 'failure' in after) {
    const a = JSON.stringify(before);
    const b = JSON.stringify(after);
    return a === b ? [] : [`${name}: ${shorten(a)} → ${shorten(b)}`];
  }
  const fields = new Set([...Object.keys(before.article), ...Object.keys(after.article)]);
  const lines: string[] = [];
  for (const field of fields) {
    const a = JSON.stringify(before.article[field]);
    const b = JSON.stringify(after.article[field]);
    if (a !== b) lines.push(`${name}: ${field}: ${firstDifference(a ?? 'undefined', b ?? 'undefined')}`);
  }
  return lines;
}

/** The two serializations around where they first differ. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 40);
  return `at ${i}: …${a.slice(from, i + 80)}… → …${b.slice(from, i + 80)}…`;
}

function shorten(s: string): string {
  return s.length > 240 ? `${s.slice(0, 240)}…` : s;
}

async function main(): Promise<number> {
  const values = readBenchArgs(usage(), { save: { type: 'string' }, against: { type: 'string' }, dom: { type: 'string' } });
  const dom = (values.dom ?? 'linkedom') as DomEngine;
  if (!DOM_ENGINES.includes(dom)) throw new BenchUsageError(`--dom takes linkedom or jsdom\n${usage()}`);
  if (!values.save === !values.against) throw new Error(`give exactly one of --save and --against\n${usage()}`);
  const corpus = corpusPages();
  const fixtures = fixturePages();
  const snapshot: Snapshot = {};
  for (const page of [...corpus, ...fixtures]) snapshot[page.name] = outcomeOf(page, dom);

  if (values.save) {
    writeFileSync(values.save, JSON.stringify(snapshot) + '\n');
    console.log(`${corpus.length} corpus pages and ${fixtures.length} fixture pages written to ${values.save}`);
    return 0;
  }
  const saved = JSON.parse(readFileSync(values.against!, 'utf8')) as Snapshot;
  const report = (pages: ComparedPage[], what: string): number => {
    let same = 0;
    for (const page of pages) {
      const lines = differences(page.name, saved[page.name], snapshot[page.name]!);
      for (const line of lines) console.log(line);
      if (lines.length === 0) same++;
    }
    console.log(`${what}: ${same}/${pages.length} identical`);
    return pages.length - same;
  };
  const changed = report(corpus, 'corpus') + report(fixtures, 'fixtures');
  return changed === 0 ? 0 : 1;
}

runBench('bench:compare', main);

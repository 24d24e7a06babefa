import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { shingleCounts, tokenize } from '../../eval/metric.js';
import type { Article } from '../../src/article.js';
import { SourceError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { collapseSpace } from '../../src/text/index.js';
import { repoRoot } from '../helpers/cli.js';
import { expectInOrder } from '../helpers/assertions.js';

// Mozilla Readability's own test pages (see ../shared/corpus/README.md); CI has them beside the clone.
const corpusDir = resolve(repoRoot, '../shared/corpus/readability');
/**
 * `npm run test:readability` extracts all 130 pages; `npm test` every other page in name order
 * (the odd places: 68 pages, the three with tweets among them). The bars below are shares of
 * the pages extracted, and this half stands for the whole: 3 of its pages below 0.9 recall
 * (6 of 130 in all), 2 of its 43 bylines naming nobody (3 of 76). Each bar still tolerates one
 * new miss at most, here as there.
 */
const FULL = process.env['READABILITY'] === 'full';
const SLICE_STEP = 2;
const SLICE_OFFSET = 1;
const NAMED_PAGES = new Set(['001', 'aktualne', 'breitbart']);
const inSlice = (page: string, index: number) => FULL || index % SLICE_STEP === SLICE_OFFSET || NAMED_PAGES.has(page);
const PAGE_COUNT = 130;
// The URL Readability's test suite gives every page.
const pageUrl = 'http://fakehost/test/page.html';

interface Expected {
  title: string | null;
  readerable: boolean;
  byline: string | null;
  publishedTime: string | null;
}
interface Outcome {
  name: string;
  expected: Expected;
  /** The text of Readability's own result (expected.html), figure captions left out. */
  expectedText: string;
  article?: Article;
  error?: unknown;
}

const outcomes: Outcome[] = [];
/** Every page of the corpus, extracted or not. */
const pageNames: string[] = [];

beforeAll(async () => {
  if (!existsSync(corpusDir)) throw new Error(`the Readability corpus is missing: ${corpusDir}`);
  pageNames.push(...readdirSync(corpusDir).sort());
  for (const name of pageNames.filter(inSlice)) {
    const html = readFileSync(resolve(corpusDir, name, 'source.html'), 'utf8');
    const expected = JSON.parse(readFileSync(resolve(corpusDir, name, 'expected-metadata.json'), 'utf8')) as Expected;
    const expectedText = storyTextOf(readFileSync(resolve(corpusDir, name, 'expected.html'), 'utf8'));
    try {
      outcomes.push({ name, expected, expectedText, article: extractArticle({ html, url: pageUrl, source: name }) });
    } catch (error) {
      outcomes.push({ name, expected, expectedText, error });
    }
    // jsdom frees closed windows only when the event loop turns.
    await new Promise((r) => setImmediate(r));
  }
}, 600_000);

/** The text of an expected.html; captions are left out, as clipfile's `text` leaves them out. */
function storyTextOf(html: string): string {
  const dom = new JSDOM(html);
  try {
    const document = dom.window.document;
    for (const caption of Array.from(document.querySelectorAll('figcaption'))) caption.remove();
    return document.body.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

/** Share of the expected text's word 4-grams (the benchmark's shingles) found in ours. */
function recallOf(expectedText: string, text: string): number {
  const expected = shingleCounts(tokenize(expectedText));
  const ours = shingleCounts(tokenize(text));
  let found = 0;
  let total = 0;
  for (const [shingle, count] of expected) {
    total += count;
    found += Math.min(count, ours.get(shingle) ?? 0);
  }
  return total === 0 ? 1 : found / total;
}

const normalizeTitle = collapseSpace;

/**
 * Ours agrees with Readability's title when it is the same, or when it is the page's headline as
 * one whole part of Readability's "Headline | Site" (clipfile leaves the site's name out).
 */
function agreesOnTitle(ours: string | null | undefined, readabilitys: string | null | undefined): boolean {
  const [mine, theirs] = [normalizeTitle(ours), normalizeTitle(readabilitys)];
  if (mine === theirs) return true;
  const at = mine ? theirs.indexOf(mine) : -1;
  if (at < 0) return false;
  const [before, after] = [theirs.slice(0, at), theirs.slice(at + mine.length)];
  return (!before || /\s[|\-–—·:•»/>]\s+$/.test(before)) && (!after || /^\s+[|\-–—·:•»/>]\s/.test(after));
}

describe(`the ${PAGE_COUNT} pages of the Readability corpus`, () => {
  it('are all there', () => {
    expect(pageNames).toHaveLength(PAGE_COUNT);
    expect(outcomes.map((o) => o.name)).toEqual(pageNames.filter(inSlice));
  });

  it('never crash: a page either yields an article or a one-line "no article" error', () => {
    const crashes = outcomes
      .filter((o) => o.error && !(o.error instanceof SourceError && o.error.code === 'no-article'))
      .map((o) => `${o.name}: ${String(o.error)}`);
    expect(crashes).toEqual([]);
  });

  it('give a non-empty article for every page Readability calls readerable', () => {
    const empty = outcomes
      .filter((o) => o.expected.readerable && !(o.article && o.article.text.trim().length > 0))
      .map((o) => o.name);
    expect(empty).toEqual([]);
  });

  it('agree with Readability on the title (or give its headline part without the site name) for at least 95% of pages', () => {
    const disagreements = outcomes
      .filter((o) => !agreesOnTitle(o.article?.title, o.expected.title))
      .map((o) => `${o.name}: ${JSON.stringify(o.article?.title)} ≠ ${JSON.stringify(o.expected.title)}`);
    const agreement = 1 - disagreements.length / outcomes.length;
    console.log(`title agreement ${(agreement * 100).toFixed(1)}%; disagreements:\n  ${disagreements.join('\n  ')}`);
    expect(agreement).toBeGreaterThanOrEqual(0.95);
  });

  it('keep no placeholder, raw HTML tag or blank-line run in any Markdown', () => {
    for (const { name, article } of outcomes) {
      if (!article) continue;
      // Code shown as code may hold tags; prose may not.
      const prose = article.markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      expect(prose, name).not.toMatch(/clipfileembed|(?<!\\)<\/?(div|span|p|iframe|script|table|img)\b/i);
      expect(article.markdown, name).not.toMatch(/\n{3,}/);
    }
  });
});

describe("Readability's own expected content", () => {
  // The quality layer removes what Readability keeps but is not story (share lines, "related"
  // lists, bylines, newsletter boxes, author bios), and `text` leaves captions out, also those
  // not in a <figcaption> (expected.html has lost the class names that tell them): recall
  // against Readability's own result is therefore a little below 1 by design. Measured when the
  // layer landed: mean 0.981, 124 of 130 pages at 0.9 or more (the six below: captions and
  // boilerplate, read one by one), one page below 0.8 (mathjax: formulas Readability keeps as
  // MathML, 0.22 before the layer too). The floors leave a small margin under those.
  it('is kept where it is story: mean recall ≥ 0.975, ≥ 95% of pages ≥ 0.9, at most one page below 0.8', () => {
    const recalls = outcomes.map((o) => ({ name: o.name, recall: recallOf(o.expectedText, o.article?.text ?? '') }));
    const mean = recalls.reduce((sum, r) => sum + r.recall, 0) / recalls.length;
    const low = recalls.filter((r) => r.recall < 0.9).sort((a, b) => a.recall - b.recall);
    console.log(
      `recall of expected.html: mean ${mean.toFixed(4)}; below 0.9: ${low.map((r) => `${r.name} ${r.recall.toFixed(3)}`).join(', ')}`,
    );
    expect(mean).toBeGreaterThanOrEqual(0.975);
    expect(recalls.filter((r) => r.recall >= 0.9).length / recalls.length).toBeGreaterThanOrEqual(0.95);
    expect(recalls.filter((r) => r.recall < 0.8).length).toBeLessThanOrEqual(1);
  });

  it('gives every article a confidence between 0 and 1', () => {
    for (const { name, article } of outcomes) {
      if (!article) continue;
      expect(article.confidence, name).toBeGreaterThanOrEqual(0);
      expect(article.confidence, name).toBeLessThanOrEqual(1);
    }
  });
});

/**
 * The instant a corpus date denotes, read the way the metadata module documents it: a time
 * without a zone is UTC, "+0100" is "+01:00", digits past milliseconds are truncated.
 */
function instantOf(text: string): number {
  let iso = text.trim().replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (iso.includes('T') && !/(?:Z|[+-]\d{2}:\d{2})$/.test(iso)) iso += 'Z';
  return Date.parse(iso);
}

describe("the corpus pages' metadata", () => {
  it('agrees with the expected publishedTime and finds authors wherever a byline is expected', () => {
    const dates = { expected: 0, agreeing: 0, misses: [] as string[] };
    const bylines = { expected: 0, withByline: 0, withAuthors: 0, misses: [] as string[] };
    for (const { name, expected, article } of outcomes) {
      if (expected.publishedTime) {
        dates.expected++;
        if (article?.publishedTime && instantOf(article.publishedTime) === instantOf(expected.publishedTime)) dates.agreeing++;
        else dates.misses.push(`${name}: expected ${expected.publishedTime}, got ${article?.publishedTime}`);
      }
      if (expected.byline?.trim()) {
        bylines.expected++;
        if (article?.byline) bylines.withByline++;
        if (article && article.authors.length > 0) bylines.withAuthors++;
        else bylines.misses.push(`${name}: no authors from byline ${JSON.stringify(expected.byline)}`);
      }
    }
    const dateRate = dates.agreeing / dates.expected;
    const bylineRate = bylines.withByline / bylines.expected;
    const authorRate = bylines.withAuthors / bylines.expected;
    console.log(
      [
        `metadata on ${outcomes.length} Readability pages:`,
        `  publishedTime same instant: ${dates.agreeing}/${dates.expected} (${(dateRate * 100).toFixed(1)}%)`,
        `  byline non-empty:           ${bylines.withByline}/${bylines.expected} (${(bylineRate * 100).toFixed(1)}%)`,
        `  authors non-empty:          ${bylines.withAuthors}/${bylines.expected} (${(authorRate * 100).toFixed(1)}%)`,
        ...[...dates.misses, ...bylines.misses].map((miss) => `  - ${miss}`),
      ].join('\n'),
    );
    // Bars just under what was measured (33/33, 76/76, 73/76; the 3 author misses are bylines that
    // name nobody: "Follow Author", a date, "Last Updated: …"). Each bar tolerates one new miss at most.
    expect(dateRate, dates.misses.join('\n')).toBeGreaterThanOrEqual(0.96);
    expect(bylineRate).toBeGreaterThanOrEqual(0.98);
    expect(authorRate, bylines.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the 5 embedded tweets of the corpus', () => {
  const article = (name: string) => {
    const outcome = outcomes.find((o) => o.name === name);
    expect(outcome?.article, `${name} should yield an article`).toBeDefined();
    return outcome!.article!;
  };
  it('001: the tweet with its text and author, between the paragraphs it stood between', () => {
    const { embeds, markdown } = article('001');
    expect(embeds).toEqual([
      expect.objectContaining({ kind: 'tweet', id: '370525864523743232', authorName: 'Shay Friedman', authorHandle: 'ironshay' }),
    ]);
    expectInOrder(markdown, [
      'Actually I\'ve only found one which provides an adapter for [Mocha]',
      '> Drinking game for web devs:',
      '> — Shay Friedman (@ironshay), [August 22, 2013](https://twitter.com/ironshay/status/370525864523743232)',
      '**[Blanket.js](http://blanketjs.org/)**',
    ]);
  });

  it('aktualne: the tweet with its text and author at its place', () => {
    const { embeds, markdown } = article('aktualne');
    expect(embeds).toEqual([
      expect.objectContaining({ kind: 'tweet', id: '1454931184966770696', authorName: 'West Ham United', authorHandle: 'WestHam' }),
    ]);
    expectInOrder(markdown, [
      'Podívejte se na důležité momenty zápasu Aston Villa - West Ham:',
      'Highlights from our 4-1 win at Villa Park',
      '— West Ham United (@WestHam), [October 31, 2021](https://twitter.com/WestHam/status/1454931184966770696)',
      'V Evropské lize má West Ham po třech zápasech plný bodový zisk.',
    ]);
  });

  it('breitbart: three rendered tweets (ids only) each at its place', () => {
    const { embeds, markdown } = article('breitbart');
    expect(embeds.map((e) => [e.kind, e.id])).toEqual([
      ['tweet', '800384752746254337'],
      ['tweet', '769239021021036544'],
      ['tweet', '807998073116835840'],
    ]);
    expectInOrder(markdown, [
      'Emery retweeted the story',
      '[Tweet 800384752746254337](https://twitter.com/i/web/status/800384752746254337)',
      'This isn’t the first time the Snopes.com writer',
      '[Tweet 769239021021036544](https://twitter.com/i/web/status/769239021021036544)',
      'Emery also retweeted an article',
      '[Tweet 807998073116835840](https://twitter.com/i/web/status/807998073116835840)',
      'Facebook believe that Emery',
    ]);
  });
});

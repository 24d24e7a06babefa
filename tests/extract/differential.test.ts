/**
 * linkedom against jsdom (issue 13): every corpus page extracted on both DOMs must give the same
 * Article, field for field, up to the serialization differences listed in ACCEPTED (each with
 * why it is a difference of writing, not of content).
 *
 * `npm test` runs a fixed slice of SLICE_PAGES pages (the smallest of each corpus, so it stays a
 * few seconds on an idle machine); `npm run test:differential` runs every page (aeb-dev,
 * Readability's test pages and the fixtures).
 *
 * Checked over all 180 corpus pages (session 7): 152 gave the same Article byte for byte, the
 * other 28 differ only in the `html` of the story, and are the same once attributes are sorted
 * (ACCEPTED). Two real differences were fixed in the pipeline rather than accepted, both found on
 * hostile fixtures: linkedom's document.title did not collapse whitespace, so Readability split a
 * title spread over lines elsewhere (parse.ts now gives the standard's title), and linkedom's
 * `href` setter decodes the URL it is given (an embed's link is now set as an attribute).
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.js';
import { SourceError } from '../../src/errors.js';
import { extractArticle, type ExtractOptions } from '../../src/extract/pipeline.js';
import { corpusPages, type CorpusPage } from '../helpers/invariants.js';

const FULL = process.env['DIFFERENTIAL'] === 'full';
const SLICE_PAGES = { 'aeb-dev': 4, readability: 4, fixtures: 2 } as const;

/**
 * Differences of serialization the two DOMs are allowed, as rewrites applied to both Articles'
 * HTML before comparing. Each entry says why it is not a difference of content.
 */
const ACCEPTED: { why: string; field: keyof Article; rewrite: (value: string) => string }[] = [
  {
    // Seen on 28 of the 180 corpus pages: the embed blockquotes (class, data-kind, data-id set in
    // that order by embeds/html.ts), images whose src, srcset and alt the cleaning rewrites, and
    // Wikipedia's dir and lang. Attribute order carries nothing in HTML.
    why: 'linkedom lists an element\'s attributes newest first, jsdom in the order they were set: the same attributes',
    field: 'html',
    rewrite: sortAttributes,
  },
];

/** Each start tag's attributes in alphabetical order (the HTML is sanitize-html's: every value double-quoted). */
function sortAttributes(html: string): string {
  return html.replace(/<([a-z][\w-]*)((?:\s+[^\s=>"]+(?:="[^"]*")?)+)(\s*\/?)>/g, (_, tag: string, attributes: string, end: string) => {
    const list = attributes.match(/[^\s=>"]+(?:="[^"]*")?/g) ?? [];
    return `<${tag} ${list.sort().join(' ')}${end}>`;
  });
}

function pagesOf(corpus: CorpusPage['corpus']): CorpusPage[] {
  const pages = corpusPages(corpus);
  if (FULL) return pages;
  return [...pages].sort((a, b) => a.html.length - b.html.length || a.name.localeCompare(b.name)).slice(0, SLICE_PAGES[corpus]);
}

type Outcome = Record<string, unknown> | { failure: string };

function outcome(page: CorpusPage, dom: ExtractOptions['dom']): Outcome {
  try {
    const article: Record<string, unknown> = { ...extractArticle({ html: page.html, url: page.url, source: page.name }, { dom }) };
    for (const { field, rewrite } of ACCEPTED) {
      if (typeof article[field] === 'string') article[field] = rewrite(article[field] as string);
    }
    return article;
  } catch (error) {
    return { failure: error instanceof SourceError ? `${error.code}: ${error.reason}` : String(error) };
  }
}

describe.each(['aeb-dev', 'readability', 'fixtures'] as const)('linkedom and jsdom give the same Article: %s', (corpus) => {
  const pages = pagesOf(corpus);

  it(`${FULL ? 'every page' : `the ${pages.length} smallest pages`}`, () => {
    expect(pages.length).toBeGreaterThan(0);
    const differing: string[] = [];
    for (const page of pages) {
      const linkedom = outcome(page, 'linkedom');
      const jsdom = outcome(page, 'jsdom');
      for (const field of new Set([...Object.keys(linkedom), ...Object.keys(jsdom)])) {
        const a = JSON.stringify((linkedom as Record<string, unknown>)[field]);
        const b = JSON.stringify((jsdom as Record<string, unknown>)[field]);
        if (a !== b) differing.push(`${page.name}: ${field}`);
      }
    }
    expect(differing).toEqual([]);
    // Every page twice, once on jsdom: minutes for the whole corpus.
  }, FULL ? 30 * 60_000 : undefined);
});

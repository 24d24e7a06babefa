/**
 * Issue 11's invariants over every corpus page (aeb-dev, Readability's test pages, the
 * fixtures): no word of a kept block lost, no image of a kept block lost, no relative image.
 * See tests/helpers/invariants.ts for how kept blocks are matched to source blocks.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/pipeline.js';
import { SourceError } from '../../src/errors.js';
import { checkPage, corpusPages, type CorpusPage, type PageCheck } from '../helpers/invariants.js';

interface CorpusResult {
  pages: number;
  blocksChecked: number;
  blocksUnmatched: number;
  imagesChecked: number;
  lostWords: PageCheck['lostWords'];
  lostImages: PageCheck['lostImages'];
  relativeImages: string[];
}

function runCorpus(pages: CorpusPage[]): CorpusResult {
  const result: CorpusResult = { pages: 0, blocksChecked: 0, blocksUnmatched: 0, imagesChecked: 0, lostWords: [], lostImages: [], relativeImages: [] };
  for (const page of pages) {
    let article;
    try {
      article = extractArticle({ html: page.html, url: page.url, source: page.name });
    } catch (error) {
      // A page without an article keeps no block; the corpus tests check those errors.
      if (error instanceof SourceError && error.code === 'no-article') continue;
      throw error;
    }
    const check = checkPage(page, article);
    result.pages++;
    result.blocksChecked += check.blocksChecked;
    result.blocksUnmatched += check.blocksUnmatched;
    result.imagesChecked += check.imagesChecked;
    result.lostWords.push(...check.lostWords);
    result.lostImages.push(...check.lostImages);
    result.relativeImages.push(...check.relativeImages.map((url) => `${page.corpus}/${page.name}: ${url}`));
  }
  return result;
}

/**
 * Least blocks and images each corpus must check, so that the invariants cannot pass by
 * matching nothing (about four fifths of what is checked today).
 */
const LEAST_CHECKED = {
  'aeb-dev': { pages: 50, blocks: 800, images: 20 },
  readability: { pages: 125, blocks: 2500, images: 150 },
  fixtures: { pages: 8, blocks: 30, images: 3 },
} as const;

describe.each(['fixtures', 'aeb-dev', 'readability'] as const)('the %s corpus', (corpus) => {
  it('keeps every word and every image of the blocks it keeps, with absolute image URLs', () => {
    const result = runCorpus(corpusPages(corpus));
    // INVARIANTS_REPORT=1 prints what was checked and every failure at once.
    if (process.env['INVARIANTS_REPORT']) console.log(JSON.stringify({ corpus, ...result }));
    const least = LEAST_CHECKED[corpus];
    expect(result.pages).toBeGreaterThanOrEqual(least.pages);
    expect(result.blocksChecked).toBeGreaterThanOrEqual(least.blocks);
    expect(result.imagesChecked).toBeGreaterThanOrEqual(least.images);
    // Nearly every kept block is matched to its source (the rest Readability rebuilt).
    expect(result.blocksUnmatched).toBeLessThan(0.1 * result.blocksChecked);
    expect(result.lostWords.map((l) => `${l.page}: lost [${l.missing.join(' ')}] from "${l.kept.slice(0, 160)}"`)).toEqual([]);
    expect(result.lostImages.map((l) => `${l.page}: lost ${l.candidates[0]} (in "${l.block}")`)).toEqual([]);
    expect(result.relativeImages).toEqual([]);
  }, 120_000);
});

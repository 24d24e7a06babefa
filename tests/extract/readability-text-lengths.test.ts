/**
 * Readability's conditional cleaning with text lengths kept (src/extract/readability-text-lengths.ts):
 * the same content as plain Readability, on nested tables and on corpus pages, for text read in
 * proportion to depth × text instead of depth² × text.
 */
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { nestedTablesPage } from '../../eval/hostile-pages.js';
import { loadReadabilityCorpus } from '../../eval/corpus.js';
import { parseFullHtml as parseHtml } from '../helpers/full-dom.js';
import { withTextLengthsKept } from '../../src/extract/readability-text-lengths.js';

interface Reading {
  html: string;
  /** Characters of element text Readability read (`_getInnerText`) over the whole parse. */
  charactersRead: number;
}

function readabilityOf(html: string, keepLengths: boolean): Reading {
  const document = parseHtml(html, 'https://news.example/story');
  const reader = new Readability<Element>(document, { serializer: (node) => node as Element });
  if (keepLengths) withTextLengthsKept(reader);
  const internals = reader as unknown as { _getInnerText(element: Element, normalize?: boolean): string };
  const getInnerText = internals._getInnerText;
  let charactersRead = 0;
  internals._getInnerText = function (element, normalize) {
    const text = getInnerText.call(this, element, normalize);
    charactersRead += text.length;
    return text;
  };
  const result = reader.parse();
  return { html: result?.content?.outerHTML ?? '', charactersRead };
}

describe('Readability with text lengths kept', () => {
  it('gives plain Readability’s content on nested tables', () => {
    const html = nestedTablesPage(12, 20);
    const kept = readabilityOf(html, true);
    expect(kept.html.length).toBeGreaterThan(20 * 600);
    expect(kept.html).toBe(readabilityOf(html, false).html);
  });

  it('gives plain Readability’s content on corpus pages', () => {
    const pages = loadReadabilityCorpus();
    // The corpus is required: an empty load is a failure, never a pass.
    expect(pages.length).toBeGreaterThan(100);
    // Every twelfth page (11 of them): tables, lists and divs of many kinds, in a few seconds.
    for (const page of pages.filter((_, index) => index % 12 === 0)) {
      expect(readabilityOf(page.html, true).html, page.name).toBe(readabilityOf(page.html, false).html);
    }
  });

  it('reads text in proportion to depth × text, where plain Readability reads depth² × text', () => {
    // Doubling the nesting around the same story: a linear cost doubles, a quadratic one quadruples.
    const ratio = (keepLengths: boolean) =>
      readabilityOf(nestedTablesPage(40, 20), keepLengths).charactersRead / readabilityOf(nestedTablesPage(20, 20), keepLengths).charactersRead;
    expect(ratio(false)).toBeGreaterThan(3.2);
    expect(ratio(true)).toBeLessThan(2.6);
  });
});

/**
 * Stories laid out in tables (src/extract/quality/table-prose.ts): where the page's prose sits in
 * table cells, one item per cell, and the chosen content holds one cell of it, the content is
 * the page's prose runs in page order; pages not laid out with tables, and content that holds the
 * story already, are left alone.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { parseHtml } from '../../../src/extract/parse.js';
import { proseInstead, tableProse } from '../../../src/extract/quality/table-prose.js';
import { textOf } from '../../../src/extract/quality/dom.js';
import { words } from '../../../src/extract/quality/agreement.js';
import type { Element } from '../../../src/extract/dom.js';

const url = 'https://films.example/catalogue/harbour.html';

const items = [
  ['Harbour Lights', 'A retired ferry captain returns to the port town where he grew up and finds the old shipyard about to close, and the families who built its boats with nowhere left to go.'],
  ['The Night Ferry', 'Two strangers share the last crossing of the winter season, and by the time the boat reaches the island each of them knows the secret the other came to bury there.'],
  ['Salt and Iron', 'A documentary about the last foundry on the coast, told by the four generations of one family who worked its furnaces and the town that grew up around its gates.'],
] as const;

/**
 * A catalogue page of its time: a menu column, then one table per item, the item's title in bold
 * font and its description after a line break, no <p> anywhere; the second item says the most.
 */
function cataloguePage(): string {
  const item = ([title, text]: readonly [string, string], more: number) =>
    `<table width="100%"><tr><td width="1%">&nbsp;</td><td width="99%"><font size="4"><b>${title}</b></font><br><font size="2">${text} ${'It was shot on the coast in one long summer. '.repeat(more)}</font></td><td><a href="#top">back to top</a></td></tr></table>`;
  const menu = `<table><tr><td><a href="/new">New releases</a><br><a href="/drama">Drama</a><br><a href="/mystery">Mystery</a><br><a href="/cart">Your cart</a></td></tr></table>`;
  return `<!doctype html><html><head><title>Harbour films at the Catalogue</title></head><body>${menu}
    ${item(items[0], 1)}${item(items[1], 8)}${item(items[2], 1)}
    <table><tr><td><font size="1">Copyright the Catalogue. All rights reserved.</font></td></tr></table></body></html>`;
}

/** The same items in a modern page's blocks, as much prose as the catalogue's: no tables. */
function divPage(): string {
  const item = ([title, text]: readonly [string, string]) => `<div class="item"><b>${title}</b><br>${text} ${'It was shot on the coast in one long summer. '.repeat(4)}</div>`;
  return `<!doctype html><html><head><title>Harbour films</title></head><body><nav><a href="/new">New releases</a></nav>
    <main>${items.map(item).join('')}</main></body></html>`;
}

describe('a story laid out in table cells', () => {
  it('keeps every item of the page, in page order, with its bold title, and not the menu', () => {
    const article = extractArticle({ html: cataloguePage(), url, source: 'harbour.html' });
    const order = items.map(([title]) => article.text.indexOf(title));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const [, text] of items) expect(article.text).toContain(text);
    expect(article.text).not.toContain('Your cart');
    expect(article.text).not.toContain('back to top');
  });

  it('reads the prose runs of a table page, each a paragraph, and none of a page without tables', () => {
    const prose = tableProse(parseHtml(cataloguePage(), url));
    expect(prose?.paragraphs).toHaveLength(items.length);
    prose?.paragraphs.forEach((p, i) => expect(textOf(p).startsWith(items[i]![0])).toBe(true));
    expect(tableProse(parseHtml(divPage(), url))).toBeNull();
  });

  it('leaves content that holds most of the prose as it is, and replaces one that holds one item', () => {
    const document = parseHtml(cataloguePage(), url);
    const prose = tableProse(document);
    const cells = Array.from(document.querySelectorAll('td[width="99%"]'));
    const whole = document.createElement('div');
    for (const cell of cells) whole.append(cell.cloneNode(true));
    expect(proseInstead(whole, prose)).toBeNull();
    const instead = proseInstead(cells[1]!.cloneNode(true) as typeof cells[1], prose);
    expect(instead && textOf(instead)).toContain(items[0][1]);
  });

  it('keeps content that is not part of the prose (a form, a story of short lines) or a small story beside far more prose', () => {
    const document = parseHtml(cataloguePage(), url);
    const prose = tableProse(document)!;
    const form = document.createElement('div');
    form.innerHTML = '<p>Check-in date and time</p><p>Check-out date and time</p><p>Adults and children in the room</p><p>Search for rooms and rates</p>';
    expect(proseInstead(form, prose)).toBeNull();
    const item = Array.from(document.querySelectorAll('td[width="99%"]'))[0]!.cloneNode(true) as Element;
    expect(proseInstead(item, prose)).not.toBeNull();
    expect(proseInstead(item, { ...prose, words: 13 * words(textOf(item)).length })).toBeNull();
  });
});

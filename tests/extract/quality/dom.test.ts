/**
 * The DOM measurements the quality rules share (src/extract/quality/dom.ts): text and link
 * density, the story's leaf blocks, removal that tidies empty wrappers, and the paragraph
 * around a piece of phrasing content (what Readability would wrap in a <p>).
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/parse.js';
import type { Element } from '../../../src/extract/dom.js';
import {
  endsLine,
  hasText,
  leadingLink,
  leafBlocks,
  linkDensity,
  paragraphAround,
  paragraphElement,
  removeWithEmptyAncestors,
  textOf,
  type ParagraphCache,
} from '../../../src/extract/quality/dom.js';

function root(body: string): Element {
  const document = parseHtml(`<!DOCTYPE html><html><body><div id="root">${body}</div></body></html>`, 'https://news.example/a.html');
  return document.querySelector('#root')!;
}

const byId = (element: Element, id: string): Element => element.querySelector(`#${id}`)!;
const describeBlock = (element: Element): string => `${element.tagName}:${textOf(element)}`;

describe('textOf and hasText', () => {
  it('collapses whitespace and trims; hasText answers whether any non-blank text is there', () => {
    const r = root('<p id="a">  Two \n  words </p><p id="b"> \n\t </p>');
    expect(textOf(byId(r, 'a'))).toBe('Two words');
    expect(hasText(byId(r, 'a'))).toBe(true);
    expect(textOf(byId(r, 'b'))).toBe('');
    expect(hasText(byId(r, 'b'))).toBe(false);
  });
});

describe('linkDensity', () => {
  it("is the share of the element's text inside links", () => {
    const r = root('<p id="p">abcde <a href="/x">fghij</a></p>');
    // "abcde fghij": 5 linked characters of 11.
    expect(linkDensity(byId(r, 'p'))).toBeCloseTo(5 / 11, 10);
  });

  it('is 1 for a link itself, 0 without text, and never above 1', () => {
    const r = root('<a id="a" href="/x">all <b>linked</b></a><p id="e"> </p><p id="n"><a href="/1">one</a><a href="/2"> </a></p>');
    expect(linkDensity(byId(r, 'a'))).toBe(1);
    expect(linkDensity(byId(r, 'e'))).toBe(0);
    expect(linkDensity(byId(r, 'n'))).toBe(1);
  });

  it('measures against the text it is given', () => {
    const r = root('<p id="p"><a href="/x">abc</a>def</p>');
    expect(linkDensity(byId(r, 'p'), 'abcdefghijkl')).toBe(0.25);
  });
});

describe('leafBlocks', () => {
  it('gives the story blocks in document order, descending through containers', () => {
    const r = root(`<h2>Head</h2><div><p>One</p><section><p>Two</p></section></div>
      <ul><li>Item</li><li><p>Inner para</p></li></ul><div>Loose text</div><div> </div>`);
    expect(leafBlocks(r, () => false).map(describeBlock)).toEqual(['H2:Head', 'P:One', 'P:Two', 'LI:Item', 'P:Inner para', 'DIV:Loose text']);
  });

  it('keeps figures, tables, pre, blockquotes and lists of definitions whole', () => {
    const r = root('<figure><p>in figure</p><figcaption>cap</figcaption></figure><blockquote><p>q1</p><p>q2</p></blockquote><table><tr><td><p>cell</p></td></tr></table>');
    expect(leafBlocks(r, () => false).map((b) => b.tagName)).toEqual(['FIGURE', 'BLOCKQUOTE', 'TABLE']);
  });

  it('takes a span as inline unless it holds blocks, and a placeholder whole', () => {
    const r = root('<div><span>inline</span> words</div><span><p>block in span</p></span><div class="ph"><p>inside placeholder</p></div>');
    const isPlaceholder = (e: Element) => e.getAttribute('class') === 'ph';
    expect(leafBlocks(r, isPlaceholder).map(describeBlock)).toEqual(['DIV:inline words', 'P:block in span', 'DIV:inside placeholder']);
  });

  it('with intoLayoutTables, reads the cells of a table that lays out the page, and keeps a table of data whole', () => {
    const column = 'The harbour was rebuilt after the storm, stone by stone. '.repeat(8);
    const r = root(
      `<table id="layout"><tr><td><a href="/">Home</a></td><td><h1>Harbour</h1><p>${column}</p><p><b>Related:</b></p></td></tr></table>` +
        '<table id="data"><tr><th>Year</th><th>Boats</th></tr><tr><td>2024</td><td><p>12</p></td></tr></table>',
    );
    const blocks = leafBlocks(r, () => false, { intoLayoutTables: true });
    expect(blocks.map((b) => b.tagName)).toEqual(['TD', 'H1', 'P', 'P', 'TABLE']);
    expect(blocks[4]!.id).toBe('data');
    expect(leafBlocks(r, () => false).map((b) => b.tagName)).toEqual(['TABLE', 'TABLE']);
  });

  it('with intoLayoutTables, reads the rows and cells of a table whose <table> Readability renamed', () => {
    // Built by hand: an HTML parser drops table parts outside a table; Readability moves them.
    const r = root('<div id="renamed"></div>');
    const doc = r.ownerDocument;
    const [tbody, tr, menu, column] = ['tbody', 'tr', 'td', 'td'].map((tag) => doc.createElement(tag));
    menu!.innerHTML = '<a href="/">Home</a>';
    column!.innerHTML = '<p>Story</p><p>More story</p>';
    tr!.append(menu!, column!);
    tbody!.append(tr!);
    byId(r, 'renamed').append(tbody!);
    expect(leafBlocks(r, () => false, { intoLayoutTables: true }).map(describeBlock)).toEqual(['TD:Home', 'P:Story', 'P:More story']);
  });

  it('takes another element only when it has text or an image', () => {
    const r = root('<custom-box>Custom text</custom-box><custom-box></custom-box><custom-box><img src="a.jpg"></custom-box>');
    expect(leafBlocks(r, () => false).map(describeBlock)).toEqual(['CUSTOM-BOX:Custom text', 'CUSTOM-BOX:']);
  });
});

describe('removeWithEmptyAncestors', () => {
  it('removes the element and every wrapper left empty, up to the root', () => {
    const r = root('<p>Keep</p><div id="outer"><section><div><p id="gone">Remove me</p></div></section></div>');
    removeWithEmptyAncestors(byId(r, 'gone'), r);
    expect(r.innerHTML).toBe('<p>Keep</p>');
  });

  it('stops at a wrapper that still holds an element or text, and never removes the root', () => {
    const r = root('<div id="a">still text<div><p id="x">Remove</p></div></div>');
    removeWithEmptyAncestors(byId(r, 'x'), r);
    expect(r.innerHTML).toBe('<div id="a">still text</div>');
    const lone = root('<p id="only">Only</p>');
    removeWithEmptyAncestors(byId(lone, 'only'), lone);
    expect(lone.innerHTML).toBe('');
    expect(lone.isConnected).toBe(true);
  });
});

describe('paragraphAround', () => {
  it('is null for an element that is no phrasing content', () => {
    expect(paragraphAround(byId(root('<p id="p">x</p>'), 'p'))).toBeNull();
  });

  it('is the whole block when the phrasing fills it (run null), from a nested element too', () => {
    const r = root('<p id="p">Say <b><span id="s">this</span></b> now</p>');
    const paragraph = paragraphAround(byId(r, 's'))!;
    expect(paragraph.block).toBe(byId(r, 'p'));
    expect(paragraph.run).toBeNull();
    expect(paragraph.text).toBe('Say this now');
  });

  it('is the run of phrasing between blocks, in a div mixing text and blocks', () => {
    const r = root('<div id="d"><p>Before</p>Loose <span id="s">words</span> here<p>After</p></div>');
    const paragraph = paragraphAround(byId(r, 's'))!;
    expect(paragraph.block).toBe(byId(r, 'd'));
    expect(paragraph.text).toBe('Loose words here');
    expect(paragraph.run!.map((node) => node.textContent)).toEqual(['Loose ', 'words', ' here']);
  });

  it('measures a run once: every node of it finds the same paragraph in the cache', () => {
    const r = root('<div><p>x</p><span id="a">one</span> <span id="b">two</span><p>y</p></div>');
    const cache: ParagraphCache = new Map();
    const first = paragraphAround(byId(r, 'a'), cache)!;
    expect(paragraphAround(byId(r, 'b'), cache)).toBe(first);
    expect(cache.size).toBe(3);
  });

  it('follows a run at most 500 siblings each way (a hostile page of endless spans)', () => {
    const spans = Array.from({ length: 1200 }, (_, i) => `<span${i === 600 ? ' id="mid"' : ''}>w</span>`).join('');
    const paragraph = paragraphAround(byId(root(`<div><p>x</p>${spans}</div>`), 'mid'))!;
    expect(paragraph.run!.length).toBe(1001);
  });
});

describe('paragraphElement', () => {
  it('gives the block itself when the run fills it', () => {
    const r = root('<p id="p"><span id="s">all</span></p>');
    expect(paragraphElement(paragraphAround(byId(r, 's'))!)).toBe(byId(r, 'p'));
    expect(r.innerHTML).toBe('<p id="p"><span id="s">all</span></p>');
  });

  it('wraps the run in a new <p> where it stood, and forgets its nodes in the cache', () => {
    const r = root('<div id="d"><p>Before</p>Loose <span id="s">words</span><p>After</p></div>');
    const cache: ParagraphCache = new Map();
    const p = paragraphElement(paragraphAround(byId(r, 's'), cache)!, cache);
    expect(p.tagName).toBe('P');
    expect(byId(r, 'd').innerHTML).toBe('<p>Before</p><p>Loose <span id="s">words</span></p><p>After</p>');
    expect(cache.size).toBe(0);
  });
});

describe('leadingLink and endsLine', () => {
  it('finds the link a block opens with through bold or italic, and none where text comes first', () => {
    const r = root('<p id="a"> <b><a href="/x">Quay widening approved</a></b><br>Summary</p><p id="b">Read <a href="/y">this</a></p><p id="c"><b>Label</b> <a href="/z">link</a></p>');
    expect(textOf(leadingLink(byId(r, 'a'))!)).toBe('Quay widening approved');
    expect(leadingLink(byId(r, 'b'))).toBeNull();
    expect(leadingLink(byId(r, 'c'))).toBeNull();
  });

  it('says whether a line break follows the link, through its wrappers', () => {
    const r = root('<p id="a"><b><a href="/x">Headline</a></b> <br>Summary</p><p id="b"><a href="/y">The harbour master</a> said more.</p>');
    expect(endsLine(byId(r, 'a').querySelector('a')!, byId(r, 'a'))).toBe(true);
    expect(endsLine(byId(r, 'b').querySelector('a')!, byId(r, 'b'))).toBe(false);
  });
});

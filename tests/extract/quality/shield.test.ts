/**
 * Setting aside the names of phrasing content before Readability (src/extract/quality/shield.ts):
 * a span or link inside a paragraph whose class or id Readability would remove it for keeps its
 * words; ids come back afterwards, classes stay off.
 */
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/parse.js';
import type { Document, Element } from '../../../src/extract/dom.js';
import { SET_ASIDE_ATTRIBUTES, MARK_ATTRIBUTE } from '../../../src/extract/markers.js';
import { restorePhrasingNames, shieldPhrasingNames } from '../../../src/extract/quality/shield.js';

/** A sentence long enough (over 100 characters with the inline part) to be prose. */
const PROSE = 'The harbour master said the ferry would run again on Monday once the storm damage to the quay was repaired';

function page(body: string): Document {
  return parseHtml(`<!DOCTYPE html><html><head><title>The harbour</title></head><body>${body}</body></html>`, 'https://news.example/a.html');
}

function shielded(body: string): Document {
  const document = page(body);
  shieldPhrasingNames(document);
  return document;
}

// hasAttribute first: linkedom's getAttribute('class') gives '' for a removed class.
const attribute = (element: Element, name: string) => (element.hasAttribute(name) ? element.getAttribute(name) : null);
const names = (element: Element) => ({
  class: attribute(element, 'class'),
  id: attribute(element, 'id'),
  asideClass: element.getAttribute(SET_ASIDE_ATTRIBUTES.class),
  asideId: element.getAttribute(SET_ASIDE_ATTRIBUTES.id),
});

describe('shieldPhrasingNames', () => {
  it("sets aside the class and id Readability would remove a small inline part of prose for", () => {
    const document = shielded(`<p>${PROSE} (<span class="ipa nopopups" id="p1">ˈhɑːbə</span>) and <a href="#c" id="commentary-2">note</a>.</p>`);
    const [span, link] = [document.querySelector('span')!, document.querySelector('a')!];
    expect(names(span)).toEqual({ class: null, id: null, asideClass: 'ipa nopopups', asideId: 'p1' });
    // Not asideClass: linkedom's getAttribute('class') gives '' for a link without one, so an empty class is set aside.
    expect(names(link)).toMatchObject({ class: null, id: null, asideId: 'commentary-2' });
  });

  it('sets aside names inside a shielded element too (its nested phrasing)', () => {
    const document = shielded(`<p>${PROSE} <span class="popup-word"><b class="share-mark">x</b></span>.</p>`);
    expect(names(document.querySelector('b')!).asideClass).toBe('share-mark');
    expect(names(document.querySelector('span')!).asideClass).toBe('popup-word');
  });

  it('reads a run of phrasing in a div between blocks as a paragraph of its own', () => {
    const document = shielded(`<div><h2>Head</h2>${PROSE} <span class="popup">word</span> end.<p>After</p></div>`);
    expect(names(document.querySelector('span')!).asideClass).toBe('popup');
  });

  it('leaves names Readability would not act on', () => {
    const document = shielded(`<p>${PROSE} <span class="highlight" id="h1">word</span>.</p>`);
    expect(names(document.querySelector('span')!)).toEqual({ class: 'highlight', id: 'h1', asideClass: null, asideId: null });
  });

  it('leaves a short line (a byline Readability finds by its names) alone', () => {
    const document = shielded('<p>By <span class="author">Jane Roe</span> | <time class="dateline">June 4</time></p>');
    expect(document.querySelector('span')!.getAttribute('class')).toBe('author');
    expect(document.querySelector('time')!.getAttribute('class')).toBe('dateline');
  });

  it('leaves an inline part that is half or more of its paragraph: it speaks for the paragraph', () => {
    const document = shielded(`<p>Shared: <span class="share-box">${PROSE}</span></p>`);
    expect(document.querySelector('span')!.getAttribute('class')).toBe('share-box');
  });

  it('leaves images, blocks, marked elements and whatever lies inside a marked block', () => {
    const document = shielded(`<p>${PROSE} <img class="popup-lazy" src="a.jpg"> <span class="popup" ${MARK_ATTRIBUTE}="byline">x</span>.</p>
      <div ${MARK_ATTRIBUTE}="byline"><p>${PROSE} <span class="author">Jane Roe</span>.</p></div>
      <div class="comment-box"><p>${PROSE}.</p></div>`);
    expect(document.querySelector('img')!.getAttribute('class')).toBe('popup-lazy');
    expect(document.querySelector('span.popup')).not.toBeNull();
    expect(document.querySelector('span.author')).not.toBeNull();
    expect(document.querySelector('div.comment-box')).not.toBeNull();
  });

  it("is why Readability keeps the words: the same page without it loses the span's text", () => {
    const body = `<article><h1>The harbour</h1>${[1, 2, 3, 4]
      .map((n) => `<p>${PROSE}, paragraph ${n}, <span class="sidebar-gloss">quay${n}</span> included.</p>`)
      .join('')}</article>`;
    const textAfterReadability = (document: Document) =>
      new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse()?.textContent ?? '';
    const plain = textAfterReadability(page(body));
    const kept = textAfterReadability(shielded(body));
    expect(plain).not.toContain('quay1');
    for (const n of [1, 2, 3, 4]) expect(kept).toContain(`quay${n}`);
  });
});

describe('restorePhrasingNames', () => {
  it('gives the ids back, leaves the classes off, and removes the set-aside attributes', () => {
    const document = shielded(`<div id="story"><p>${PROSE} <span class="nopopups" id="p1">word</span> <a href="#x" class="share">x</a>.</p></div>`);
    const story = document.querySelector('#story')!;
    restorePhrasingNames(story);
    expect(story.innerHTML).toBe(`<p>${PROSE} <span id="p1">word</span> <a href="#x">x</a>.</p>`);
  });

  it('touches only the content it is given', () => {
    const document = shielded(`<div id="story"><p>${PROSE} <span class="popup" id="in">a</span>.</p></div><p>${PROSE} <span class="popup" id="out">b</span>.</p>`);
    restorePhrasingNames(document.querySelector('#story')!);
    expect(document.querySelector('#in')).not.toBeNull();
    expect(document.querySelector(`[${SET_ASIDE_ATTRIBUTES.id}="out"]`)).not.toBeNull();
  });
});

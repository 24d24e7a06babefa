/**
 * The corpus invariants of extraction (issue 11): every block clipfile keeps carries every word
 * of the same block in the source, and every image of a kept block is in the Markdown with an
 * absolute URL.
 *
 * How a kept block is matched to its source block: both sides are split into leaf text blocks
 * (paragraphs, headings, list items, captions, …), and a kept block is matched to the source
 * block that holds nearly all of its words (word 4-grams) and misses the fewest of its own. A
 * kept block that matches no source block (Readability rebuilt it from loose text) is counted
 * as unmatched, never as passing; the callers assert that many blocks and images were checked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DOMParser } from 'linkedom';
import type { Article } from '../../src/article.js';
import { findEmbeds } from '../../src/extract/embeds.js';
import { parseHtml } from '../../src/extract/parse.js';
import { decodePage } from '../../src/acquire/decode.js';
import { fixturePages, fixturePath } from './fixtures.js';
import { repoRoot } from './cli.js';

export const corpusRoot = resolve(repoRoot, '../shared/corpus');

export interface CorpusPage {
  corpus: 'aeb-dev' | 'readability' | 'fixtures';
  name: string;
  html: string;
  url: string;
}

/** Every page of the three corpora; throws (never skips) when a corpus is missing. */
export function corpusPages(corpus: CorpusPage['corpus']): CorpusPage[] {
  if (corpus === 'fixtures') {
    return Object.entries(fixturePages).map(([name, { url }]) => ({ corpus, name, html: decodeFixture(name, url), url }));
  }
  const dir = resolve(corpusRoot, corpus);
  if (!existsSync(dir)) throw new Error(`the ${corpus} corpus is missing: ${dir}`);
  if (corpus === 'readability') {
    // The URL Readability's own test suite gives every page.
    return readdirSync(dir)
      .sort()
      .map((name) => ({ corpus, name, html: readFileSync(resolve(dir, name, 'source.html'), 'utf8'), url: 'http://fakehost/test/page.html' }));
  }
  const truth = JSON.parse(readFileSync(resolve(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
  return Object.keys(truth)
    .sort()
    .map((id) => ({ corpus, name: id.slice(0, 12), html: gunzipSync(readFileSync(resolve(dir, 'html', `${id}.html.gz`))).toString('utf8'), url: truth[id]!.url }));
}

/** A fixture page decoded as the CLI decodes it (one of them is windows-1251). */
function decodeFixture(name: string, url: string): string {
  const bytes = readFileSync(fixturePath(name));
  return decodePage({ requestedUrl: name, url, source: 'file', redirects: [], status: null, headers: {}, contentType: null, bytes, fetchedAt: '' }).html;
}

/** Leaf blocks of text: what a reader sees as one paragraph. */
const TEXT_BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'DD', 'DT', 'FIGCAPTION', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'CAPTION']);
/** Never text a reader sees (controls, scripts, vector drawings, frames). */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'NOSCRIPT']);
/** Blocks shorter than this (in words) are too ambiguous to match. */
const MIN_BLOCK_WORDS = 6;
/** A kept block matches a source block holding at least this share of its word 4-grams. */
const MIN_CONTAINMENT = 0.8;

/** Not shown by a browser: the `hidden` attribute, aria-hidden, inline display:none / visibility:hidden. */
function isInvisible(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = (element.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

interface Block {
  element: Element;
  words: string[];
  text: string;
}

/** The words a reader sees in an element, leaving out `skip`ped subtrees (embeds). */
function visibleWords(element: Element, skip: Set<Element>): { words: string[]; text: string } {
  let text = '';
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      text += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (NOT_TEXT.has(el.tagName) || skip.has(el) || isInvisible(el)) return;
    if (el.tagName === 'BR') text += ' ';
    for (const child of Array.from(el.childNodes)) visit(child);
  };
  visit(element);
  return { words: text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [], text: text.replace(/\s+/g, ' ').trim() };
}

function leafTextBlocks(root: Element, skip: Set<Element>): Block[] {
  const out: Block[] = [];
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (!TEXT_BLOCKS.has(element.tagName)) continue;
    if (Array.from(element.querySelectorAll('*')).some((inner) => TEXT_BLOCKS.has(inner.tagName))) continue;
    if (invisibleOrSkipped(element, skip)) continue;
    out.push({ element, ...visibleWords(element, skip) });
  }
  return out;
}

function invisibleOrSkipped(element: Element, skip: Set<Element>): boolean {
  for (let e: Element | null = element; e; e = e.parentElement) if (isInvisible(e) || skip.has(e)) return true;
  return false;
}

function shingles(words: string[]): string[] {
  if (words.length < 4) return [words.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + 4 <= words.length; i++) out.push(words.slice(i, i + 4).join(' '));
  return out;
}

/** Words of `source` missing from `kept` (as multisets). */
function missingWords(source: string[], kept: string[]): string[] {
  const counts = new Map<string, number>();
  for (const w of kept) counts.set(w, (counts.get(w) ?? 0) + 1);
  const missing: string[] = [];
  for (const w of source) {
    const n = counts.get(w) ?? 0;
    if (n > 0) counts.set(w, n - 1);
    else missing.push(w);
  }
  return missing;
}

export interface LostWords {
  page: string;
  missing: string[];
  source: string;
  kept: string;
}
export interface LostImage {
  page: string;
  /** The URLs the source image offers (src, srcset, lazy-loading attributes), made absolute. */
  candidates: string[];
  block: string;
}
export interface PageCheck {
  blocksChecked: number;
  blocksUnmatched: number;
  imagesChecked: number;
  lostWords: LostWords[];
  lostImages: LostImage[];
  /** Image URLs in the Markdown that are not absolute. */
  relativeImages: string[];
}

/** Attributes that carry an image's URL, lazy-loading ones included. */
const IMAGE_URL_ATTRIBUTES = ['src', 'data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-hi-res-src'];
const IMAGE_SRCSET_ATTRIBUTES = ['srcset', 'data-srcset', 'data-lazy-srcset'];

/** Every URL a source image offers, absolute; empty for an image with nothing but an inline data: URL. */
function imageCandidates(img: Element, base: string): string[] {
  const raw: string[] = [];
  for (const name of IMAGE_URL_ATTRIBUTES) {
    const value = img.getAttribute(name)?.trim();
    if (value) raw.push(value);
  }
  const srcsets = IMAGE_SRCSET_ATTRIBUTES.map((name) => img.getAttribute(name));
  if (img.parentElement?.tagName === 'PICTURE') {
    for (const source of Array.from(img.parentElement.querySelectorAll('source'))) srcsets.push(source.getAttribute('srcset'), source.getAttribute('data-srcset'));
  }
  for (const srcset of srcsets) {
    if (!srcset) continue;
    for (const entry of srcset.split(/,\s+/)) {
      const url = entry.trim().split(/\s+/)[0];
      if (url) raw.push(url);
    }
  }
  const out = new Set<string>();
  for (const url of raw) {
    if (/^data:/i.test(url)) continue;
    try {
      out.add(new URL(url, base).href);
    } catch {
      // not a URL
    }
  }
  return [...out];
}

/** Image targets of Markdown (`![alt](url "title")`), as written. */
function markdownImages(markdown: string): string[] {
  return Array.from(markdown.matchAll(/!\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)/g), (m) => m[1]!);
}

/** Same URL, whatever the Markdown escaping of spaces and parentheses. */
function unescapeUrl(url: string): string {
  return url.replace(/%20/g, ' ').replace(/%28/g, '(').replace(/%29/g, ')');
}

/** Checks one page's Article against its source. */
export function checkPage(page: CorpusPage, article: Article): PageCheck {
  const label = `${page.corpus}/${page.name}`;
  const source = parseHtml(page.html, page.url);
  const embeds = new Set(findEmbeds(source).map((found) => found.element));
  const sourceBlocks = leafTextBlocks(source.body, embeds).filter((b) => b.words.length > 0);
  const index = new Map<string, Block[]>();
  for (const block of sourceBlocks) {
    for (const s of new Set(shingles(block.words))) {
      const list = index.get(s);
      if (list) list.push(block);
      else index.set(s, [block]);
    }
  }

  const keptDocument = new DOMParser().parseFromString(`<!doctype html><html><body>${article.html}</body></html>`, 'text/html') as unknown as Document;
  const keptBlocks = leafTextBlocks(keptDocument.body, new Set());
  const check: PageCheck = { blocksChecked: 0, blocksUnmatched: 0, imagesChecked: 0, lostWords: [], lostImages: [], relativeImages: [] };
  const matchedSources = new Set<Element>();
  for (const kept of keptBlocks) {
    if (kept.words.length < MIN_BLOCK_WORDS) continue;
    const keptShingles = shingles(kept.words);
    const shared = new Map<Block, number>();
    for (const s of new Set(keptShingles)) for (const block of index.get(s) ?? []) shared.set(block, (shared.get(block) ?? 0) + 1);
    let best: { block: Block; missing: string[] } | null = null;
    const distinct = new Set(keptShingles).size;
    for (const [block, count] of shared) {
      if (count / distinct < MIN_CONTAINMENT) continue;
      const missing = missingWords(block.words, kept.words);
      if (!best || missing.length < best.missing.length) best = { block, missing };
    }
    if (!best) {
      check.blocksUnmatched++;
      continue;
    }
    check.blocksChecked++;
    matchedSources.add(best.block.element);
    if (best.missing.length > 0) check.lostWords.push({ page: label, missing: best.missing, source: best.block.text, kept: kept.text });
  }

  // Images of kept blocks: inside a matched block, or in the figure whose caption was kept.
  const inMarkdown = new Set(markdownImages(article.markdown).map(unescapeUrl));
  const seen = new Set<Element>();
  for (const block of matchedSources) {
    const holder = block.tagName === 'FIGCAPTION' ? (block.closest('figure') ?? block) : block;
    for (const img of Array.from(holder.querySelectorAll('img'))) {
      if (seen.has(img) || invisibleOrSkipped(img, embeds)) continue;
      seen.add(img);
      const candidates = imageCandidates(img, page.url);
      // A tracking pixel or an inline-only image has nothing a reader could follow.
      if (candidates.length === 0 || isPixel(img)) continue;
      check.imagesChecked++;
      if (!candidates.some((url) => inMarkdown.has(url))) check.lostImages.push({ page: label, candidates, block: block.textContent?.replace(/\s+/g, ' ').trim().slice(0, 120) ?? '' });
    }
  }
  check.relativeImages = markdownImages(article.markdown).filter((url) => !/^https?:\/\//i.test(url));
  return check;
}

function isPixel(img: Element): boolean {
  return Number(img.getAttribute('width')) === 1 || Number(img.getAttribute('height')) === 1;
}

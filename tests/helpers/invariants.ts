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
import { findEmbeds } from '../../src/extract/embeds/index.js';
import { parseFullHtml } from './full-dom.js';
import { decodePage } from '../../src/acquire/decode.js';
import { collapseSpace, wordRuns } from '../../src/text/index.js';
import { fixturePages, fixturePath } from './fixtures.js';
import { repoRoot } from './cli.js';

export const corpusRoot = resolve(repoRoot, '../shared/corpus');

export interface CorpusPage {
  corpus: 'aeb-dev' | 'readability' | 'fixtures';
  name: string;
  html: string;
  url: string;
  /** Readability's own result for the page (the Readability corpus only). */
  readabilityHtml?: string;
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
      .map((name) => ({
        corpus,
        name,
        html: readFileSync(resolve(dir, name, 'source.html'), 'utf8'),
        url: 'http://fakehost/test/page.html',
        readabilityHtml: readFileSync(resolve(dir, name, 'expected.html'), 'utf8'),
      }));
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

/** What a paragraph is made of (HTML's phrasing content): a run of these is one paragraph. */
const PHRASING = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BR', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'IMG', 'INS', 'KBD',
  'LABEL', 'MARK', 'PICTURE', 'SOURCE', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR',
  'NOBR', 'TT', 'BIG', 'ACRONYM', 'STRIKE',
]);
/** Never text a reader sees (controls, scripts, vector drawings, frames). */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'NOSCRIPT']);
/** Blocks shorter than this (in words) are too ambiguous to match. */
const MIN_BLOCK_WORDS = 6;
/** A kept block matches a source block holding at least this share of its word 4-grams. */
const MIN_CONTAINMENT = 0.8;
/** Stands for a <br> while a paragraph's text is collected: two in a row split the paragraph, as Readability splits it. */
const BREAK = '\u0000';

/** Not shown by a browser: the `hidden` attribute, aria-hidden, inline display:none / visibility:hidden. */
function isInvisible(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = (element.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** One paragraph as a reader sees it: a run of phrasing content (text, links, images, …) inside `parent`. */
interface Block {
  parent: Element;
  images: Element[];
  words: string[];
  text: string;
}

/** Phrasing content that holds no block (a <span> around a <div> is a block). */
function isPhrasing(node: Node): boolean {
  if (node.nodeType === 3) return true;
  if (node.nodeType !== 1) return false;
  const element = node as Element;
  return PHRASING.has(element.tagName) && !holdsBlock(element);
}

function holdsBlock(element: Element): boolean {
  for (const child of Array.from(element.children)) {
    if (NOT_TEXT.has(child.tagName)) continue;
    if (!PHRASING.has(child.tagName) || holdsBlock(child)) return true;
  }
  return false;
}

/**
 * Every paragraph under `root`: each run of phrasing content between blocks, split at two
 * <br>s in a row. Invisible elements and `skip`ped ones (embeds) are left out, with their words.
 */
function paragraphRuns(root: Element, skip: ReadonlySet<object>): Block[] {
  const out: Block[] = [];
  const visit = (element: Element): void => {
    if (NOT_TEXT.has(element.tagName) || skip.has(element) || isInvisible(element)) return;
    let text = '';
    let images: Element[] = [];
    const flush = () => {
      for (const piece of text.split(new RegExp(`${BREAK}\\s*${BREAK}`))) {
        const plain = piece.replaceAll(BREAK, ' ');
        const words = wordRuns(plain.toLowerCase());
        if (words.length > 0 || images.length > 0) out.push({ parent: element, images, words, text: collapseSpace(plain) });
        // Images go with the first piece: all that matters is that some kept paragraph owns them.
        images = [];
      }
      text = '';
    };
    const collect = (node: Node): void => {
      if (node.nodeType === 3) {
        text += node.nodeValue ?? '';
        return;
      }
      if (node.nodeType !== 1) return;
      const el = node as Element;
      if (NOT_TEXT.has(el.tagName) || skip.has(el) || isInvisible(el)) return;
      if (el.tagName === 'BR') text += BREAK;
      if (el.tagName === 'IMG') images.push(el);
      for (const child of Array.from(el.childNodes)) collect(child);
    };
    for (const child of Array.from(element.childNodes)) {
      if (isPhrasing(child)) collect(child);
      else {
        flush();
        if (child.nodeType === 1) visit(child as Element);
      }
    }
    flush();
  };
  visit(root);
  return out;
}

function invisibleOrSkipped(element: Element, skip: ReadonlySet<object>): boolean {
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

/** Every http(s) URL a source image offers, absolute; empty for an image with nothing but an inline data: URL. */
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
    try {
      const absolute = new URL(url, base);
      // Only what a reader can load: no data:, no file: on the author's disk.
      if (absolute.protocol === 'http:' || absolute.protocol === 'https:') out.add(absolute.href);
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
  const source = parseFullHtml(page.html, page.url);
  const embeds = new Set(findEmbeds(source).map((found) => found.element));
  const sourceBlocks = paragraphRuns(source.body, embeds).filter((b) => b.words.length > 0);
  const index = new Map<string, Block[]>();
  for (const block of sourceBlocks) {
    for (const s of new Set(shingles(block.words))) {
      const list = index.get(s);
      if (list) list.push(block);
      else index.set(s, [block]);
    }
  }

  const inMarkdown = new Set(markdownImages(article.markdown).map(unescapeUrl));
  const isInMarkdown = (img: Element) => imageCandidates(img, page.url).some((url) => inMarkdown.has(unescapeUrl(url)));
  /** The images a kept block brings: its own, and its figure's when it is the caption. */
  const imagesOf = (block: Block): Element[] => {
    const figure = block.parent.tagName === 'FIGCAPTION' ? block.parent.closest('figure') : null;
    const images = figure ? [...block.images, ...Array.from(figure.querySelectorAll('img'))] : block.images;
    // A tracking pixel or an inline-only image has nothing a reader could follow.
    return images.filter((img) => !invisibleOrSkipped(img, embeds) && !isPixel(img) && imageCandidates(img, page.url).length > 0);
  };
  const lostImages = (block: Block) => imagesOf(block).filter((img) => !isInMarkdown(img));

  const keptDocument = new DOMParser().parseFromString(`<!doctype html><html><body>${article.html}</body></html>`, 'text/html') as unknown as Document;
  const keptBlocks = paragraphRuns(keptDocument.body, new Set());
  const check: PageCheck = { blocksChecked: 0, blocksUnmatched: 0, imagesChecked: 0, lostWords: [], lostImages: [], relativeImages: [] };
  const matchedSources = new Set<Block>();
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
      // Of equal matches (a credit line under every picture), the one whose images were kept.
      const better = !best || missing.length < best.missing.length || (missing.length === best.missing.length && lostImages(best.block).length > lostImages(block).length);
      if (better) best = { block, missing };
    }
    if (!best) {
      check.blocksUnmatched++;
      continue;
    }
    check.blocksChecked++;
    matchedSources.add(best.block);
    if (best.missing.length > 0) check.lostWords.push({ page: label, missing: best.missing, source: best.block.text, kept: kept.text });
  }

  // Images of kept blocks: inside a matched block, or in the figure whose caption was kept.
  const seen = new Set<Element>();
  for (const block of matchedSources) {
    for (const img of imagesOf(block)) {
      if (seen.has(img)) continue;
      seen.add(img);
      check.imagesChecked++;
      if (!isInMarkdown(img)) check.lostImages.push({ page: label, candidates: imageCandidates(img, page.url), block: block.text.slice(0, 120) });
    }
  }
  check.relativeImages = markdownImages(article.markdown).filter((url) => !/^https?:\/\//i.test(url));
  return check;
}

function isPixel(img: Element): boolean {
  return Number(img.getAttribute('width')) === 1 || Number(img.getAttribute('height')) === 1;
}

/**
 * The images of Readability's own result (expected.html) that are not in clipfile's Markdown:
 * clipfile keeps what Readability keeps, but for the blocks it removes as page chrome.
 */
export function readabilityImagesMissing(page: CorpusPage, article: Article | null): { total: number; missing: string[] } {
  if (!page.readabilityHtml) return { total: 0, missing: [] };
  const expected = new DOMParser().parseFromString(page.readabilityHtml, 'text/html') as unknown as Document;
  const inMarkdown = new Set(markdownImages(article?.markdown ?? '').map(unescapeUrl));
  let total = 0;
  const missing: string[] = [];
  for (const img of Array.from(expected.querySelectorAll('img'))) {
    const candidates = imageCandidates(img, page.url);
    if (candidates.length === 0 || isPixel(img)) continue;
    total++;
    if (!candidates.some((url) => inMarkdown.has(unescapeUrl(url)))) missing.push(`${page.corpus}/${page.name}: ${candidates[0]}`);
  }
  return { total, missing };
}

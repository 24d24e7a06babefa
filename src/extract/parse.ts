import { createRequire } from 'node:module';
import { DOMParser } from 'linkedom';
import { parse as parseSpec, serialize } from 'parse5';
import type { Document } from './dom.js';
import {
  checkDepth,
  checkMarkupSize,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_ELEMENTS,
  DEFAULT_MAX_MARKUP_CHARS,
  type ComplexityLimits,
} from './limits.js';
import { installLinkedomFastPaths } from './linkedom-fast-paths.js';

installLinkedomFastPaths();

const DEFAULT_LIMITS: ComplexityLimits = {
  maxMarkupChars: DEFAULT_MAX_MARKUP_CHARS,
  maxElements: DEFAULT_MAX_ELEMENTS,
  maxDepth: DEFAULT_MAX_DEPTH,
};

// <style> bodies are never read, and only JSON-LD scripts carry anything we read: taking them
// out as text saves both parsers the work.
/** HTML strips the whitespace around a type, so " application/ld+json " is JSON-LD too. */
const JSON_LD_TYPE = /\btype\s*=\s*["']?\s*application\/ld\+json/i;

/** Removes what is never read before the parsers see it: styles and non-JSON-LD scripts. */
export function stripInertMarkup(html: string): string {
  return removeBlocks(removeBlocks(html, 'style', () => false), 'script', (attributes) => JSON_LD_TYPE.test(attributes));
}

/**
 * Removes each `<tag …>…</tag>` block whose attributes `keep` does not accept, as the regular
 * expression /<tag\b([^>]*)>[\s\S]*?<\/tag\s*>/gi would, but in one pass: once a block has no
 * end, no later one has either, where the expression would search to the end of the page again
 * from every opening tag (a page of unclosed `<script>` tags took minutes).
 */
function removeBlocks(html: string, tag: 'script' | 'style', keep: (attributes: string) => boolean): string {
  const opening = new RegExp(`<${tag}\\b`, 'gi');
  const closing = new RegExp(`</${tag}\\s*>`, 'gi');
  let out = '';
  let from = 0;
  for (;;) {
    opening.lastIndex = from;
    const start = opening.exec(html);
    if (!start) break;
    const tagEnd = html.indexOf('>', opening.lastIndex);
    if (tagEnd < 0) break;
    closing.lastIndex = tagEnd + 1;
    const end = closing.exec(html);
    if (!end) break;
    out += html.slice(from, start.index);
    if (keep(html.slice(opening.lastIndex, tagEnd))) out += html.slice(start.index, closing.lastIndex);
    from = closing.lastIndex;
  }
  return from === 0 ? html : out + html.slice(from);
}

/**
 * The HTML as a browser with scripting off would build it: parse5 follows the WHATWG parsing
 * algorithm (misnested tags, implied tbody, foster-parented text, <noscript> content as
 * markup), and its serialization is well-formed, so linkedom's lenient parser rebuilds exactly
 * that tree.
 */
function normalizeHtml(html: string, limits: ComplexityLimits): string {
  checkMarkupSize(html, limits);
  const tree = parseSpec(html, { scriptingEnabled: false });
  checkDepth(tree, limits, html.length);
  collapseWrapperChains(tree);
  return serialize(tree);
}

/**
 * Elements whose nesting is structure or content (links, tables, code, media, foreign
 * content) and never part of a wrapper chain. Any other element that holds only one element
 * and no text of its own is a wrapper: Readability climbs such a chain to its top before
 * cleaning (whatever the tags: div, article, ul, li, …), so a long one costs it about
 * length² × the text.
 */
const CHAIN_BREAKERS = new Set([
  'html', 'head', 'body', 'a', 'template', 'noscript', 'pre', 'code', 'textarea', 'select', 'option',
  'iframe', 'object', 'video', 'audio', 'picture', 'svg', 'math',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup',
]);
const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/**
 * How many elements of a wrapper chain are kept at each end: the outermost ones carry the
 * class names and roles the quality rules read, the innermost the neighbourhood Readability
 * scores (up to 5 ancestors of a paragraph). Of the 1,413 corpus and fixture pages, the
 * longest chain is 28 (one page; the next 12), so no page there is changed.
 */
export const WRAPPER_CHAIN_ENDS = 16;

/** parse5's default tree, as far as collapsing needs it. */
interface SpecNode {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  value?: string;
  childNodes?: SpecNode[];
  parentNode?: SpecNode | null;
}

/**
 * Shortens every chain of more than 2 × WRAPPER_CHAIN_ENDS nested wrappers (elements but
 * CHAIN_BREAKERS, each the only element of the one before, with no text of its own but
 * whitespace) to its ends. Readability climbs to the top of such a chain and weighs every div
 * in it against the text of every div inside it, so a story inside 500 bare divs cost it about
 * 500² × the story (minutes); the wrappers in between carry no content, so every word stays,
 * and pages with shorter chains are untouched.
 */
export function collapseWrapperChains(root: SpecNode): void {
  const stack: SpecNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    let chainEnd = node;
    if (isWrapper(node)) {
      const chain = [node];
      for (let inner = onlyChild(node); inner !== null && isWrapper(inner); inner = onlyChild(inner)) chain.push(inner);
      if (chain.length > 2 * WRAPPER_CHAIN_ENDS) {
        const outer = chain[WRAPPER_CHAIN_ENDS - 1]!;
        const inner = chain[chain.length - WRAPPER_CHAIN_ENDS]!;
        outer.childNodes = [inner];
        inner.parentNode = outer;
      }
      chainEnd = chain[chain.length - 1]!;
    }
    for (const child of chainEnd.childNodes ?? []) stack.push(child);
  }
}

function isWrapper(node: SpecNode): boolean {
  return node.tagName !== undefined && node.namespaceURI === HTML_NAMESPACE && !CHAIN_BREAKERS.has(node.tagName);
}

/** The element that is a node's only content (whitespace and comments aside), or null. */
function onlyChild(node: SpecNode): SpecNode | null {
  let only: SpecNode | null = null;
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === '#comment' || (child.nodeName === '#text' && (child.value ?? '').trim() === '')) continue;
    if (child.tagName === undefined || only !== null) return null;
    only = child;
  }
  return only;
}

/**
 * The DOM the pipeline runs on. linkedom by default: the same tree (through parse5) and the
 * same Readability output as jsdom, for a quarter of the CPU time per page (see the README's
 * Performance section), but a partial DOM whose gaps were found one page at a time. jsdom is
 * the reference: spec-complete and slower; `--dom jsdom` asks for it, and a page that throws
 * on linkedom is retried on it.
 */
export type DomEngine = 'linkedom' | 'jsdom';

export const DOM_ENGINES: readonly DomEngine[] = ['linkedom', 'jsdom'];

/**
 * Parses one page into a document of the engine asked for. What jsdom gives for free and the
 * pipeline relies on is added to linkedom's: the document's URL and base URL, and lower-case
 * names for elements created by name. A page past the complexity limits throws
 * PageTooComplexError before either engine builds it.
 */
export function parseHtml(
  html: string,
  pageUrl: string | null,
  limits: ComplexityLimits = DEFAULT_LIMITS,
  engine: DomEngine = 'linkedom',
): Document {
  const normalized = normalizeHtml(stripInertMarkup(html), limits);
  if (engine === 'jsdom') return parseWithJsdom(normalized, pageUrl);
  const parsed = new DOMParser().parseFromString(normalized, 'text/html');
  // linkedom makes a text node of each piece its tokenizer emits (split at entities): merged
  // here, as in a browser, so text rules see whole runs of text.
  parsed.normalize();
  return asBrowserDocument(parsed, pageUrl ?? 'about:blank');
}

/**
 * jsdom runs no script by default and loads no resource; a silent virtual console keeps its
 * CSS-parse noise off stderr. The URL is set as for linkedom (adoptPageUrl), so that a page
 * read without one can adopt its canonical URL the same way.
 */
function parseWithJsdom(html: string, pageUrl: string | null): Document {
  // Loaded on first use: jsdom takes a good part of a second to load, which linkedom runs never pay.
  const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as typeof import('jsdom');
  const { document } = new JSDOM(html, { url: usableUrl(pageUrl), virtualConsole: new VirtualConsole() }).window;
  adoptPageUrl(document, pageUrl ?? 'about:blank');
  return document;
}

/** ASCII whitespace, which the DOM standard strips and collapses in a document's title. */
const ASCII_WHITESPACE_RUN = /[\t\n\f\r ]+/g;

function asBrowserDocument(document: Document, url: string): Document {
  adoptPageUrl(document, url);
  // Readability reads document.title. linkedom gives the <title> text as it stands; the DOM
  // standard (and jsdom) strips and collapses its whitespace, which decides where Readability
  // finds a " | " or " > " separator in a title spread over lines.
  Object.defineProperty(document, 'title', {
    configurable: true,
    get(this: Document): string {
      const text = this.querySelector('title')?.textContent ?? '';
      return text.replace(ASCII_WHITESPACE_RUN, ' ').replace(/^ | $/g, '');
    },
  });
  // Readability creates its wrappers as "DIV"; HTML documents lower-case such names, linkedom does not.
  const createElement = document.createElement;
  document.createElement = function (this: Document, name: string, options?: { is?: string }) {
    return createElement.call(this, name.toLowerCase(), options);
  } as Document['createElement'];
  return document;
}

/**
 * Sets the document's URL and base URL (its <base href> resolved against `url`). A page read
 * without a URL adopts the canonical URL it declares this way, so that Readability and the
 * renderers resolve relative links and images against it, as against --url.
 */
export function adoptPageUrl(document: Document, url: string): void {
  // Configurable, so that a page parsed without a URL can adopt one later.
  Object.defineProperties(document, {
    URL: { value: url, configurable: true },
    documentURI: { value: url, configurable: true },
    baseURI: { value: baseUrl(document, url), configurable: true },
  });
}

/** The page's URL, or the first <base href> resolved against it (an unusable one is ignored, as browsers do). */
function baseUrl(document: Document, url: string): string {
  const href = document.querySelector('base[href]')?.getAttribute('href');
  if (!href) return url;
  try {
    return new URL(href, url).href;
  } catch {
    return url;
  }
}

/** The URL when jsdom accepts it as a document URL; else none (about:blank). */
function usableUrl(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

import { DOMParser } from 'linkedom';
import { parse as parseSpec, serialize } from 'parse5';

// <style> bodies are never read, and only JSON-LD scripts carry anything we read: taking them
// out as text saves both parsers the work.
const STYLE_BLOCK = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;
const SCRIPT_BLOCK = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const JSON_LD_TYPE = /\btype\s*=\s*["']?application\/ld\+json/i;

/** Removes what is never read before the parsers see it: styles and non-JSON-LD scripts. */
export function stripInertMarkup(html: string): string {
  return html
    .replace(STYLE_BLOCK, '')
    .replace(SCRIPT_BLOCK, (block, attributes: string) => (JSON_LD_TYPE.test(attributes) ? block : ''));
}

/**
 * The HTML as a browser with scripting off would build it: parse5 follows the WHATWG parsing
 * algorithm (misnested tags, implied tbody, foster-parented text, <noscript> content as
 * markup), and its serialization is well-formed, so linkedom's lenient parser rebuilds exactly
 * that tree.
 */
function normalizeHtml(html: string): string {
  return serialize(parseSpec(html, { scriptingEnabled: false }));
}

/**
 * Parses one page into a linkedom document. linkedom instead of jsdom: the same tree (through
 * parse5) and the same Readability output, for a quarter of the CPU time per page (see the
 * README's Performance section). What jsdom gave for free and the pipeline relies on is added
 * here: the document's URL and base URL, and lower-case names for elements created by name.
 */
export function parseHtml(html: string, pageUrl: string | null): Document {
  const parsed = new DOMParser().parseFromString(normalizeHtml(stripInertMarkup(html)), 'text/html');
  // linkedom makes a text node of each piece its tokenizer emits (split at entities): merged
  // here, as in a browser, so text rules see whole runs of text.
  parsed.normalize();
  return asBrowserDocument(parsed as unknown as Document, pageUrl ?? 'about:blank');
}

/** A DOM copy of a parsed document (not a second parse), with the same URLs. */
export function copyDocument(document: Document): Document {
  return asBrowserDocument(document.cloneNode(true) as Document, document.URL);
}

function asBrowserDocument(document: Document, url: string): Document {
  adoptPageUrl(document, url);
  // Readability creates its wrappers as "DIV"; HTML documents lower-case such names, linkedom does not.
  const createElement = document.createElement;
  document.createElement = function (this: Document, name: string, options?: ElementCreationOptions) {
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

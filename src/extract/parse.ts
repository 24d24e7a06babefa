import { JSDOM, VirtualConsole } from 'jsdom';

// <style> bodies are ~45% of jsdom's parse time and jsdom 29 throws on leftover SCSS in them;
// scripts never run here, and only JSON-LD carries anything we read.
const STYLE_BLOCK = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;
const SCRIPT_BLOCK = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const JSON_LD_TYPE = /\btype\s*=\s*["']?application\/ld\+json/i;

/** Removes what is never read before jsdom sees it: styles and non-JSON-LD scripts. */
export function stripInertMarkup(html: string): string {
  return html
    .replace(STYLE_BLOCK, '')
    .replace(SCRIPT_BLOCK, (block, attributes: string) => (JSON_LD_TYPE.test(attributes) ? block : ''));
}

export interface ParsedPage {
  document: Document;
  /** A DOM copy of the document (not a second parse), let go of with the page. */
  copy(): Document;
  /** Lets go of the page's documents (the window they were parsed in stays, for the next page). */
  close(): void;
}

/**
 * One jsdom window per thread, created on first use: a window costs 12–15 ms to set up (it
 * installs every web interface) and a page's document does not need a fresh one. Each page is
 * parsed into a document of its own by the window's DOMParser, with the window's URL set to
 * the page's first, so the document's URL and base URL are the page's. Nothing runs, nothing
 * loads (a parsed document has no scripting and no browsing context), and console noise (CSS
 * errors and the like) is swallowed.
 */
interface SharedWindow {
  dom: JSDOM;
  /** Listeners added to the window while a page was in hand (taken off when it closes). */
  pageListeners: Parameters<Window['addEventListener']>[];
}
let shared: SharedWindow | undefined;

function sharedWindow(): SharedWindow {
  if (shared) return shared;
  const dom = new JSDOM('', { virtualConsole: new VirtualConsole() });
  const pageListeners: SharedWindow['pageListeners'] = [];
  // jsdom's selector engine (dom-selector) adds focus, keyboard and mouse listeners to the window
  // for every document it queries, and never takes them off: they would keep every page alive.
  const { window } = dom;
  const addEventListener = window.addEventListener.bind(window);
  window.addEventListener = (...args: Parameters<Window['addEventListener']>) => {
    pageListeners.push(args);
    addEventListener(...args);
  };
  shared = { dom, pageListeners };
  return shared;
}

/** Parses one page. Synchronous callers only: the window's URL is the page's until the next call. */
export function parseHtml(html: string, pageUrl: string | null): ParsedPage {
  const { dom, pageListeners } = sharedWindow();
  dom.reconfigure({ url: pageUrl ?? 'about:blank' });
  const document = new dom.window.DOMParser().parseFromString(stripInertMarkup(html), 'text/html');
  const documents = [document];
  return {
    document,
    copy() {
      const copy = document.cloneNode(true) as Document;
      documents.push(copy);
      return copy;
    },
    close() {
      for (const [type, listener, options] of pageListeners.splice(0)) dom.window.removeEventListener(type, listener, options);
      // jsdom 29 also keeps every attached element with an id or name in its window's table of
      // named properties (window[id]), even in a document without a browsing context; only
      // detaching them lets the table, and with it the whole document, go.
      for (const parsed of documents.splice(0)) parsed.documentElement?.remove();
    },
  };
}

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
  dom: JSDOM;
  document: Document;
  /** Closes the window; jsdom keeps it alive otherwise. */
  close(): void;
}

/**
 * One jsdom document per page: no scripts run, no sub-resources loaded, console noise
 * (CSS errors and the like) swallowed.
 */
export function parseHtml(html: string, pageUrl: string | null): ParsedPage {
  const dom = new JSDOM(stripInertMarkup(html), {
    url: pageUrl ?? undefined,
    virtualConsole: new VirtualConsole(),
  });
  return {
    dom,
    document: dom.window.document,
    close: () => dom.window.close(),
  };
}

/**
 * Small value helpers every metadata source and the merge share: entity decoding, absolute
 * URLs, template placeholders, and the first candidate that normalises to something.
 */
import { collapseSpace } from '../../text/index.js';
import type { FoundValue } from './harvest.js';

/** Template leftovers some CMSes print instead of leaving a field out. */
export const PLACEHOLDER = /^(?:null|nil|undefined|none|n\/a|false|true|0|-)$/i;

export function firstValid(candidates: FoundValue[], normalize: (value: string) => string | null): string | null {
  for (const candidate of candidates) {
    if (PLACEHOLDER.test(candidate.value.trim())) continue;
    try {
      const value = normalize(candidate.value);
      if (value) return value;
    } catch {
      /* an odd value is skipped, never fatal */
    }
  }
  return null;
}

export function firstText(candidates: FoundValue[]): string | null {
  return firstValid(candidates, (value) => collapseSpace(decodeEntities(value)) || null);
}

/** Meta contents are sometimes escaped twice ("&amp;amp;"); the parser undoes one level only. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: ' ' };
  return text
    .replace(/&(quot|amp|apos|lt|gt|nbsp);/g, (_, name: string) => named[name]!)
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string | undefined, decimal: string | undefined) => {
      const code = parseInt(hex ?? decimal ?? '', hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    });
}

/** An absolute http(s) URL, or null (relative hrefs need a base; javascript:, data: etc. are refused). */
export function absoluteUrl(href: string, base: string | null, dropFragment: boolean): string | null {
  // "&amp;" left in a URL means the page escaped it twice.
  const trimmed = decodeEntities(href).trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (dropFragment) url.hash = '';
  return url.href;
}

export function attempt<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/**
 * Whether the page has a headline for its story: one of its first headings says what the title
 * says. A confidence signal (confidence.ts): read before Readability, which takes the headings
 * apart.
 */
import { wordRuns } from '../../text/index.js';
import { textOf } from './dom.js';
import type { Document } from '../dom.js';

/** Headings read for the headline: a page's first few h1 and h2 (some pages have hundreds). */
const MAX_HEADINGS = 20;

export function pageHeadings(document: Document): string[] {
  return Array.from(document.querySelectorAll('h1, h2'))
    .slice(0, MAX_HEADINGS)
    .map((heading) => textOf(heading).toLowerCase())
    .filter((text) => text.length > 0);
}

/** Share of the title's words a heading must hold, and of its own words the title must, to say the same. */
const HEADLINE_WORD_SHARE = 0.6;

/** Whether one of the page's headings says what the title says (the story has a headline). */
export function headlineSaysTitle(headings: readonly string[], title: string | null): boolean {
  const titleWords = new Set(wordRuns((title ?? '').toLowerCase()));
  if (titleWords.size === 0) return false;
  return headings.some((heading) => {
    const headingWords = new Set(wordRuns(heading));
    let shared = 0;
    for (const word of headingWords) if (titleWords.has(word)) shared++;
    return shared >= HEADLINE_WORD_SHARE * titleWords.size && shared >= HEADLINE_WORD_SHARE * headingWords.size;
  });
}

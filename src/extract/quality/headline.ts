/**
 * Whether the page has a headline for its story: one of its first headings says what the title
 * says. A confidence signal (confidence.ts): read before Readability, which takes the headings
 * apart.
 */
import { collapseSpace, wordRuns } from '../../text/index.js';
import { words } from './agreement.js';
import { linkDensity, MARK_ATTRIBUTE, textOf } from './dom.js';
import { isLeadingMeta } from './trim.js';
import type { Document, Element } from '../dom.js';

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

/** The blocks a lead is read from, and the headings that end the search for one. */
const LEAD_SELECTOR = 'h1, h2, h3, p, li, dd, blockquote, pre, td, div';
const BLOCK_INSIDE = 'p, li, dd, blockquote, pre, td, div, table, ul, ol, dl, h1, h2, h3, h4, h5, h6';
/** A lead block says something: a few words, mostly unlinked. */
const LEAD_MIN_WORDS = 5;
const LEAD_MAX_LINK_DENSITY = 0.5;

/** What separates a title's parts: "Site » Archive » Story", "Story | Site", "Blog: Story". */
const TITLE_SEPARATOR = /\s+[|»·–—/\\-]+\s+|:\s+/;

/**
 * The story's lead: the text of the first block that says something after the page's headline,
 * before any other heading; null when the page has no headline or nothing under it. Where the
 * story sits on the page, whatever its length. The headline is the first heading (of the first
 * h1 to h3) that says the longest part of one of the page's titles (its <title>, its og:title):
 * a title often carries the site's and the section's names around the story's, which are shorter,
 * and Readability's reading of it can keep the wrong part.
 */
export function headlineLead(root: Element, pageTitles: readonly string[]): HeadlineLead | null {
  const parts = pageTitles.flatMap((title) => title.split(TITLE_SEPARATOR));
  const storyTitle = parts.reduce<string | null>((best, part) => (wordRuns(part).length > wordRuns(best ?? '').length ? part : best), null);
  const says = (heading: Element) => headlineSaysTitle([textOf(heading).toLowerCase()], storyTitle);
  const headline = Array.from(root.querySelectorAll('h1, h2, h3')).slice(0, MAX_HEADINGS).find(says);
  if (!headline) return null;
  let after = false;
  for (const element of Array.from(root.querySelectorAll(LEAD_SELECTOR))) {
    if (element === headline) {
      after = true;
      continue;
    }
    if (!after || headline.contains(element)) continue;
    if (/^H[1-3]$/.test(element.tagName)) break;
    if (element.querySelector(BLOCK_INSIDE)) continue;
    const text = textOf(element);
    if (words(text).length < LEAD_MIN_WORDS || linkDensity(element, text) >= LEAD_MAX_LINK_DENSITY) continue;
    // A byline or date line under the headline, or what the cleaning marked (meta, captions), is not the story's lead.
    if (element.closest(`[${MARK_ATTRIBUTE}]`) || isLeadingMeta(element, text)) continue;
    return { headline, lead: element, text };
  }
  return null;
}

/** The page's headline, the first block under it that says something, and that block's text. */
export interface HeadlineLead {
  headline: Element;
  lead: Element;
  text: string;
}

/**
 * Readability drops a leading heading that repeats the title only when its word-similarity
 * test matches, which fails for non-Latin scripts; the Markdown carries the title already.
 */
export function dropHeadingRepeatingTitle(content: Element, title: string | null): void {
  const heading = content.querySelector('h1, h2');
  if (!heading || !title) return;
  const headingText = collapseSpace(heading.textContent);
  const leadsTheArticle = collapseSpace(content.textContent).startsWith(headingText);
  if (leadsTheArticle && headingText.toLowerCase() === collapseSpace(title).toLowerCase()) heading.remove();
}

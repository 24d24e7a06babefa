/** What the page's own elements say: `<title>`, `<html lang>`, canonical `<link>`, microdata, `<time>` and the byline element. */
import { collapseSpace } from '../../text/index.js';
import { absoluteUrl } from './values.js';
import type { Document, Element } from '../dom.js';

interface PageElements {
  documentTitle: string | null;
  htmlLang: string | null;
  canonicalHref: string | null;
  itempropPublished: string | null;
  itempropModified: string | null;
  /** The first <time datetime> inside the article region. */
  articleTime: string | null;
  /** The text of the first element marked as naming the author (rel or itemprop "author"), read before cleaning. */
  bylineElement: string | null;
  /** The texts of the page's first few <h1> elements, read before cleaning. */
  topHeadings: string[];
}

export function emptyPageElements(): PageElements {
  return { documentTitle: null, htmlLang: null, canonicalHref: null, itempropPublished: null, itempropModified: null, articleTime: null, bylineElement: null, topHeadings: [] };
}

export function readPageElements(document: Document): PageElements {
  const dateOf = (element: Element) => (element.getAttribute('datetime') ?? element.getAttribute('content') ?? '').trim();
  // Microdata: on <time datetime>, <meta content> or any element with either attribute.
  const withItemprop = Array.from(document.querySelectorAll('[itemprop]'));
  const itempropDate = (property: string) =>
    withItemprop
      .filter((element) => (element.getAttribute('itemprop') ?? '').split(/\s+/).includes(property))
      .map(dateOf)
      .find(Boolean) ?? null;
  const canonical = Array.from(document.getElementsByTagName('link')).find(
    (link) => link.hasAttribute('href') && (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const root = document.documentElement;
  const title = document.getElementsByTagName('title')[0]?.textContent;
  return {
    documentTitle: title ? collapseSpace(title) || null : null,
    htmlLang: root?.getAttribute('lang')?.trim() || root?.getAttribute('xml:lang')?.trim() || null,
    canonicalHref: canonical?.getAttribute('href') ?? null,
    itempropPublished: itempropDate('datePublished'),
    itempropModified: itempropDate('dateModified'),
    // Only times inside the article region: a sidebar or footer is full of other dates.
    articleTime:
      Array.from(document.getElementsByTagName('time'))
        .filter((time) => time.closest('article, main, [role="main"]'))
        .map((time) => time.getAttribute('datetime')?.trim() ?? '')
        .find(Boolean) ?? null,
    bylineElement: bylineElementText(document),
    topHeadings: Array.from(document.getElementsByTagName('h1'))
      .slice(0, MAX_TOP_HEADINGS)
      .map((heading) => collapseSpace(heading.textContent ?? ''))
      .filter(Boolean),
  };
}

/** A page with more <h1>s than this uses them for teasers; the story's own is among the first. */
const MAX_TOP_HEADINGS = 5;

/** Readability's `_isValidByline`: a byline is short. */
const MAX_BYLINE_CHARS = 100;
/** Regions whose author elements belong to something else: teasers, widgets, comment forms. */
const NOT_THE_STORY = 'aside, nav, footer, form';

/**
 * The first element that says in markup that it names the author (`rel="author"`,
 * `itemprop="author"`, as Readability's byline test reads them), read before cleaning removes
 * or marks it (a byline in a "meta" list, an `<address>` in an info bar): Readability then finds
 * none, though the page names its author. Class names alone ("author", "byline") are not enough
 * here: on a whole page they also name comment authors and bio boxes.
 */
function bylineElementText(document: Document): string | null {
  for (const element of Array.from(document.body?.querySelectorAll('[rel], [itemprop]') ?? [])) {
    const itemprop = (element.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/);
    const byItemprop = itemprop.includes('author');
    if (!byItemprop && !(element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('author')) continue;
    if (element.closest(NOT_THE_STORY) || isHidden(element)) continue;
    const named = byItemprop ? element.querySelector('[itemprop~="name"]') : null;
    const text = collapseSpace((named ?? element).textContent ?? '');
    if (text.length > 0 && text.length <= MAX_BYLINE_CHARS) return text;
  }
  return null;
}

/** Hidden by its markup, or inside something that is (the `hidden` attribute, an inline `display: none`). */
function isHidden(element: Element): boolean {
  for (let at: Element | null = element; at; at = at.parentElement) {
    if (at.hasAttribute('hidden') || /display\s*:\s*none/i.test(at.getAttribute('style') ?? '')) return true;
  }
  return false;
}

export function baseUrlOf(document: Document, pageUrl: string | null): string | null {
  const baseHref = Array.from(document.getElementsByTagName('base'))
    .map((base) => base.getAttribute('href'))
    .find(Boolean);
  return (baseHref && absoluteUrl(baseHref, pageUrl, false)) || pageUrl;
}

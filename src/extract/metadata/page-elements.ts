/** What the page's own elements say: `<title>`, `<html lang>`, canonical `<link>`, microdata and `<time>`. */
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
}

export function emptyPageElements(): PageElements {
  return { documentTitle: null, htmlLang: null, canonicalHref: null, itempropPublished: null, itempropModified: null, articleTime: null };
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
  };
}

export function baseUrlOf(document: Document, pageUrl: string | null): string | null {
  const baseHref = Array.from(document.getElementsByTagName('base'))
    .map((base) => base.getAttribute('href'))
    .find(Boolean);
  return (baseHref && absoluteUrl(baseHref, pageUrl, false)) || pageUrl;
}

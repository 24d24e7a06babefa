/** `<meta>` tags by key, and Parse.ly's JSON `parsely-page` tag. */
import { asArray, firstString, isObject, parseJsonLenient } from './jsonld.js';
import type { FoundAuthor } from './harvest.js';
import type { Document } from '../dom.js';

/**
 * All <meta> contents by key, in document order. Keys are lower-cased, "dc:title" and "DC.title"
 * both become "dc.title", and a space-separated property ("og:title dc:title") files the
 * content under each of its names.
 */
export function readMetaTags(document: Document): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  const add = (key: string, content: string) => {
    const list = meta.get(key);
    if (list) list.push(content);
    else meta.set(key, [content]);
  };
  for (const element of Array.from(document.getElementsByTagName('meta'))) {
    const content = element.getAttribute('content')?.trim();
    if (!content) continue;
    const names = `${element.getAttribute('property') ?? ''} ${element.getAttribute('name') ?? ''}`;
    const keys = new Set(
      names
        .split(/\s+/)
        .filter(Boolean)
        .map((name) => name.toLowerCase().replace(/^(dc|dcterms?)[:.]/, 'dc.').replace(/^(dc\.[a-z]+):/, '$1.')),
    );
    for (const key of keys) add(key, content);
    const httpEquiv = element.getAttribute('http-equiv')?.trim().toLowerCase();
    if (httpEquiv) add(`http-equiv:${httpEquiv}`, content);
  }
  return meta;
}

interface ParselyPage {
  title: string | null;
  author: string | null;
  pubDate: string | null;
  section: string | null;
  tags: string[];
}

/** The legacy `<meta name="parsely-page" content='{"title":…,"pub_date":…}'>`. */
export function parselyPage(content: string | undefined): ParselyPage | null {
  if (!content) return null;
  const page = parseJsonLenient(content);
  if (!isObject(page)) return null;
  return {
    title: firstString(page.title),
    author: firstString(page.author),
    pubDate: firstString(page.pub_date),
    section: firstString(page.section),
    tags: asArray(page.tags).filter((tag): tag is string => typeof tag === 'string'),
  };
}

/** Yoast and others write the author as a Twitter card label/data pair ("Written by" / "Jane Doe"). */
export function twitterLabelledAuthors(meta: Map<string, string[]>): FoundAuthor[] {
  const authors: FoundAuthor[] = [];
  for (const index of ['1', '2', '3']) {
    const label = meta.get(`twitter:label${index}`)?.[0];
    const data = meta.get(`twitter:data${index}`)?.[0];
    if (label && data && /^(?:written by|author|autor|auteur|verfasst von)/i.test(label.trim())) {
      authors.push({ value: data, source: `twitter:data${index}`, organization: false, single: false });
    }
  }
  return authors;
}

/**
 * JSON-LD: the page's own article node, found by walking every block's graph (`@graph`,
 * `mainEntity`, `{"@id"}` references), read after a repair pass for the JSON CMSes emit.
 */
import type { FoundAuthor } from './harvest.js';
import type { Document } from '../dom.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JsonObject = { [key: string]: Json };

export interface JsonLdArticle {
  headline: string | null;
  authors: FoundAuthor[];
  publishers: string[];
  datePublished: string | null;
  dateModified: string | null;
  description: string | null;
  section: string | null;
  languages: string[];
  keywords: string[];
  images: string[];
  urls: string[];
  articleBody: string | null;
  /** Every @type anywhere in the page's JSON-LD (what the page says it is: NewsArticle, BlogPosting, …). */
  types: string[];
}

export function emptyJsonLd(): JsonLdArticle {
  return {
    headline: null,
    authors: [],
    publishers: [],
    datePublished: null,
    dateModified: null,
    description: null,
    section: null,
    languages: [],
    keywords: [],
    images: [],
    urls: [],
    articleBody: null,
    types: [],
  };
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|SocialMediaPosting|DiscussionForumPosting|^Report|^APIReference)$/;

type Deref = (value: Json | undefined) => Json | undefined;

export function readJsonLd(document: Document): JsonLdArticle {
  const result = emptyJsonLd();
  const roots: Json[] = [];
  for (const script of Array.from(document.getElementsByTagName('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    const parsed = parseJsonLenient(script.textContent ?? '');
    if (parsed !== undefined) roots.push(parsed);
  }
  // Nodes anywhere may be referenced by {"@id": …} (a Yoast-style @graph does it for authors
  // and publishers), so index every node of every block first.
  const nodesById = new Map<string, JsonObject>();
  const types = new Set<string>();
  for (const root of roots) indexNodes(root, nodesById, types, 0);
  result.types = [...types];
  const deref: Deref = (value) => {
    if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
      return nodesById.get(value['@id']) ?? value;
    }
    return value;
  };

  const articles: JsonObject[] = [];
  for (const root of roots) collectArticles(root, articles, deref, 0);
  // The first article is the page's own; later ones are usually related stories.
  const article = articles[0];
  if (!article) return result;

  result.headline = firstString(article.headline) ?? firstString(article.name);
  for (const author of asArray(deref(article.author))) addJsonLdAuthor(deref(author), result.authors, deref, 0);
  for (const publisher of asArray(deref(article.publisher))) {
    const name = nameOf(deref(publisher));
    if (name) result.publishers.push(name);
  }
  result.datePublished = firstString(article.datePublished);
  result.dateModified = firstString(article.dateModified);
  result.description = firstString(article.description);
  result.section = firstString(asArray(article.articleSection)[0]);
  for (const language of asArray(article.inLanguage)) {
    const code = typeof language === 'string' ? language : isObject(language) ? firstString(language.alternateName) : null;
    if (code) result.languages.push(code);
  }
  for (const keyword of asArray(article.keywords)) {
    const text = firstString(isObject(keyword) ? keyword.name : keyword);
    if (text) result.keywords.push(text);
  }
  for (const image of asArray(deref(article.image))) {
    const resolved = deref(image);
    const url = typeof resolved === 'string' ? resolved : isObject(resolved) ? (firstString(resolved.url) ?? firstString(resolved.contentUrl)) : null;
    if (url) result.images.push(url);
  }
  const entityOfPage = article.mainEntityOfPage;
  for (const url of [article.url, isObject(entityOfPage) ? (entityOfPage['@id'] ?? entityOfPage.url) : entityOfPage]) {
    const text = firstString(url);
    if (text) result.urls.push(text);
  }
  result.articleBody = firstString(article.articleBody);
  return result;
}

function addJsonLdAuthor(author: Json | undefined, out: FoundAuthor[], deref: Deref, depth: number): void {
  if (depth > 3) return;
  if (typeof author === 'string') {
    // A bare string may be "Jane Doe and John Smith" or a profile URL; cleaned in merge.
    out.push({ value: author, source: 'json-ld', organization: false, single: false });
    return;
  }
  if (Array.isArray(author)) {
    for (const inner of author) addJsonLdAuthor(deref(inner), out, deref, depth + 1);
    return;
  }
  if (!isObject(author)) return;
  const name = nameOf(author);
  if (!name) return;
  const organization = typesOf(author).some((type) => /Organization$|^Corporation$/.test(type));
  out.push({ value: name, source: 'json-ld', organization, single: !organization });
}

/**
 * Indexes nodes with an @id, and notes every node's @type (bounded depth: JSON-LD from the wild
 * can be huge or cyclic-looking).
 */
function indexNodes(value: Json, index: Map<string, JsonObject>, types: Set<string>, depth: number): void {
  if (depth > 8) return;
  if (Array.isArray(value)) {
    for (const item of value) indexNodes(item, index, types, depth + 1);
  } else if (isObject(value)) {
    const id = value['@id'];
    if (typeof id === 'string' && Object.keys(value).length > 1 && !index.has(id)) index.set(id, value);
    for (const type of typesOf(value)) types.add(type);
    for (const child of Object.values(value)) indexNodes(child, index, types, depth + 1);
  }
}

/** Finds article nodes at the top level, in arrays, in @graph, and under mainEntity/mainEntityOfPage. */
function collectArticles(value: Json | undefined, found: JsonObject[], deref: Deref, depth: number): void {
  if (depth > 6 || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) collectArticles(item, found, deref, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  if (typesOf(value).some((type) => ARTICLE_TYPE.test(type)) && !found.includes(value)) found.push(value);
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) {
    const child = value[key];
    if (child !== undefined) collectArticles(deref(child), found, deref, depth + 1);
  }
}

/** The @type values, reduced to their last segment ("http://schema.org/NewsArticle" → "NewsArticle"). */
export function typesOf(node: JsonObject): string[] {
  return asArray(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/:#]/, '').trim());
}

function nameOf(node: Json | undefined): string | null {
  if (typeof node === 'string') return node.trim() || null;
  if (!isObject(node)) return null;
  const name = firstString(node.name);
  if (name) return name;
  const parts = [firstString(node.givenName), firstString(node.familyName)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * JSON.parse, then a repair pass for what CMSes commonly emit: trailing commas, raw control
 * characters (newlines, tabs) inside strings, invalid escapes like \' — else undefined.
 */
export function parseJsonLenient(text: string): Json | undefined {
  const cleaned = text
    .trim()
    .replace(/^(?:<!--|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\]\]>)$/, '')
    .trim();
  if (!cleaned) return undefined;
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    try {
      return JSON.parse(repairJson(cleaned)) as Json;
    } catch {
      return undefined;
    }
  }
}

function repairJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (char === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrtu'.includes(next)) {
          out += char + next;
          i++;
        }
        // else: an invalid escape; drop the backslash and keep the character.
        continue;
      }
      if (char === '"') inString = false;
      const code = char.charCodeAt(0);
      out += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : char;
      continue;
    }
    if (char === '"') inString = true;
    if (char === ',' && /^\s*[}\]]/.test(text.slice(i + 1, i + 200))) continue;
    out += char;
  }
  return out;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function firstString(value: Json | undefined): string | null {
  for (const item of asArray(value)) {
    if (typeof item === 'string' && item.trim()) return item.trim();
    if (typeof item === 'number') return String(item);
  }
  return null;
}

/**
 * The site's full-text search: a MiniSearch index built here and split by term into small
 * script files, so a query in the browser loads the index core and only the files holding its
 * terms (the site works from file://, where a page may load scripts but not fetch files).
 * The whole index is also kept as JSON in the site's state folder, so a rebuild only replaces
 * the articles that changed.
 */
import { createContext, runInContext } from 'node:vm';
import MiniSearch, { type Options } from 'minisearch';
import { readSiteAsset } from './assets-dir.js';

/** One article as the search index sees it; the id is the page key. */
export interface SearchDocument {
  id: string;
  title: string;
  byline: string;
  speakers: string;
  text: string;
}

export const SEARCH_FIELDS = ['title', 'byline', 'speakers', 'text'] as const;

interface SearchTerms {
  processTerm(term: string): string | null;
  bucketOf(term: string): string;
}

let terms: SearchTerms | undefined;

/** The browser's own term functions (assets/search-terms.js), so both sides cut text alike. */
export function searchTerms(): SearchTerms {
  if (terms) return terms;
  const context = createContext({});
  runInContext(`${readSiteAsset('search-terms.js')}\nthis.clipfileTerms = clipfileTerms;`, context);
  return (terms = (context as { clipfileTerms: SearchTerms }).clipfileTerms);
}

function indexOptions(): Options<SearchDocument> {
  return { fields: [...SEARCH_FIELDS], idField: 'id', autoVacuum: false, processTerm: (term) => searchTerms().processTerm(term) };
}

/** The index kept from the last build (its JSON), or a new one. */
export function loadSearchIndex(previous: string | undefined): MiniSearch<SearchDocument> {
  return previous ? MiniSearch.loadJSON<SearchDocument>(previous, indexOptions()) : new MiniSearch<SearchDocument>(indexOptions());
}

/** Adds an article, or replaces what the index held for its page. */
export function putSearchDocument(index: MiniSearch<SearchDocument>, document: SearchDocument): void {
  if (index.has(document.id)) index.replace(document);
  else index.add(document);
}

/** Takes a page out of the index (its folder is gone from the archive). */
export function removeSearchDocument(index: MiniSearch<SearchDocument>, id: string): void {
  if (index.has(id)) index.discard(id);
}

/** Replaced and removed articles leave their terms behind until a vacuum; the files should not carry them. */
export async function compactSearchIndex(index: MiniSearch<SearchDocument>): Promise<void> {
  if (index.dirtCount > 0) await index.vacuum({ batchSize: 100_000, batchWait: 0 });
}

/** The files of the browser's index: the core (counts, ids, lengths) and one script per term bucket. */
export function searchIndexFiles(index: MiniSearch<SearchDocument>): Map<string, string> {
  const { index: entries, ...core } = index.toJSON();
  const buckets = new Map<string, unknown[]>();
  for (const entry of entries) {
    const bucket = searchTerms().bucketOf(entry[0]);
    let list = buckets.get(bucket);
    if (!list) buckets.set(bucket, (list = []));
    list.push(entry);
  }
  const files = new Map<string, string>();
  const names = [...buckets.keys()].sort();
  files.set('core.js', `clipfileSearchData.core(${scriptJson({ ...core, buckets: names })});\n`);
  for (const name of names) files.set(`terms-${name}.js`, `clipfileSearchData.terms(${scriptJson(name)}, ${scriptJson(buckets.get(name))});\n`);
  return files;
}

/**
 * JSON that is also a safe JavaScript expression inside a script file: U+2028/U+2029 are line
 * ends in old engines, and "<" is escaped so the text never reads as markup.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

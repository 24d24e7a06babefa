/**
 * The site's full-text search index, built here and written as script files the browser runs
 * (assets/search-engine.js reads them; from file:// a page may load scripts but not fetch files).
 *
 * An inverted index split into shards by the terms' first letters (assets/search-terms.js), so a
 * query loads only the shards of its words; each article's weight for a term is computed here
 * once (BM25-style: repeated words count for more, with diminishing returns; title, byline and
 * speakers count more than the text; long texts are normalised), and the browser adds the
 * terms' rarity, which depends on the whole archive.
 *
 * Two indexes, as in a log-structured store, so a rebuild after a few new snapshots does not
 * rewrite an index of 10,000 articles: the main index (shards, title chunks, core) and a small
 * delta (search/delta.js and its own shards) of the articles built since, with the main
 * articles it replaces.
 * When the delta grows past COMPACT_AT articles it is merged into the main index, whose
 * postings are then read back from its shard files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSiteAsset } from './assets-dir.js';

/** One article as the search index sees it; the id is the page key. */
export interface SearchDocument {
  id: string;
  title: string;
  byline: string;
  speakers: string;
  text: string;
  /** What a result shows beside the title. */
  site: string;
  published: string | null;
}

/** An article's terms with their weights (0–100], and what a result shows. */
export interface IndexedDocument {
  id: string;
  title: string;
  site: string;
  published: string | null;
  terms: [term: string, weight: number][];
}

/** How much a word counts in each field, compared with the text. */
const FIELD_BOOST = { title: 3, byline: 2, speakers: 2, text: 1 } as const;
/**
 * Field lengths (in words) taken as usual when normalising by length: fixed, so an article's
 * weights never depend on the rest of the archive and a rebuild need not recompute them.
 */
const REFERENCE_LENGTH = { title: 10, byline: 3, speakers: 4, text: 600 } as const;
/** BM25's saturation (k1) and length normalisation (b), at their customary values. */
const SATURATION = 1.2;
const LENGTH_NORMALISATION = 0.75;
/** Weights are stored as whole numbers up to this (what the browser multiplies by a term's rarity). */
const WEIGHT_SCALE = 100;
/** Result titles are written in chunks of this many articles; a query loads the chunks of its results. */
const DOCS_PER_CHUNK = 100;
/** Past this many articles (or this share of the archive, if more) the delta joins the main index. */
const COMPACT_AT = { articles: 500, share: 0.05 };

interface SearchTerms {
  terms(text: string): string[];
  shardOf(term: string): string;
}

let loadedTerms: SearchTerms | undefined;

/** The browser's own term functions (assets/search-terms.js), so both sides cut text alike. */
export function searchTerms(): SearchTerms {
  // Run in this realm (not a vm context): calls across contexts cost more than the work itself.
  return (loadedTerms ??= new Function(`${readSiteAsset('search-terms.js')}\nreturn clipfileTerms;`)() as SearchTerms);
}

/** An article's terms and their weights: the per-article half of the ranking, done once at build time. */
export function indexDocument(document: SearchDocument): IndexedDocument {
  const { terms } = searchTerms();
  const weighted = new Map<string, number>();
  for (const field of ['title', 'byline', 'speakers', 'text'] as const) {
    const words = terms(document[field]);
    if (!words.length) continue;
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    const lengthFactor = 1 - LENGTH_NORMALISATION + (LENGTH_NORMALISATION * words.length) / REFERENCE_LENGTH[field];
    for (const [word, count] of counts) weighted.set(word, (weighted.get(word) ?? 0) + (FIELD_BOOST[field] * count) / lengthFactor);
  }
  return {
    id: document.id,
    title: document.title,
    site: document.site,
    published: document.published,
    terms: [...weighted].map(([term, tf]) => [term, Math.max(1, Math.round((WEIGHT_SCALE * tf) / (SATURATION + tf)))]),
  };
}

/** A result's line: key, title, site, publication date. */
type ResultLine = [key: string, title: string, site: string, published: string | null];

/** The main index as kept between builds: its articles by number (null: taken out) and its shards. */
interface MainState {
  documents: (ResultLine | null)[];
  shards: string[];
}

/** The delta as kept between builds: its articles (to merge them later), and the main articles they replace. */
interface DeltaState {
  documents: IndexedDocument[];
  superseded: number[];
}

/** What the state folder holds: the main index's articles and shards, and the delta. */
export interface SearchStateFiles {
  main: string | undefined;
  delta: string | undefined;
}

/** The files a build writes: state files to keep, and browser files (relative to search/). */
export interface SearchOutput {
  /** Null when the main index did not change (its files stay as they are). */
  mainState: string | null;
  deltaState: string;
  /** Null when the main index did not change. */
  mainFiles: Map<string, string> | null;
  /** delta.js and the delta's shards. */
  deltaFiles: Map<string, string>;
}

/** Postings while building: for each term, [article, weight, article, weight, …] with absolute numbers. */
type Postings = Map<string, number[]>;

export const SEARCH_FOLDER = 'search';
const shardFile = (name: string) => `s-${name}.js`;
const deltaShardFile = (name: string) => `d-${name}.js`;

export class SiteSearch {
  private readonly delta = new Map<string, IndexedDocument>();
  private readonly superseded = new Set<number>();
  /** A build from nothing indexes each article as it comes, rather than holding every article until the end. */
  private readonly building: { documents: (ResultLine | null)[]; postings: Postings } | undefined;
  private readonly mainNumbers = new Map<string, number>();

  private constructor(
    /** The site folder, where the main index's shards are read back when the delta is merged. */
    private readonly out: string,
    private readonly main: MainState | undefined,
    delta: DeltaState | undefined,
  ) {
    if (!main) {
      this.building = { documents: [], postings: new Map() };
      return;
    }
    main.documents.forEach((line, n) => line && this.mainNumbers.set(line[0], n));
    for (const document of delta?.documents ?? []) this.delta.set(document.id, document);
    for (const n of delta?.superseded ?? []) this.superseded.add(n);
  }

  /**
   * The search of the last build in `out`, or a new one (everything is indexed again) when its
   * state or any of its shard files is missing or unreadable.
   */
  static open(out: string, state: SearchStateFiles | undefined): SiteSearch {
    if (!state?.main || !state.delta) return new SiteSearch(out, undefined, undefined);
    try {
      const main = JSON.parse(state.main) as MainState;
      const delta = JSON.parse(state.delta) as DeltaState;
      if (!Array.isArray(main.documents) || !Array.isArray(main.shards) || !Array.isArray(delta.documents) || !Array.isArray(delta.superseded)) {
        return new SiteSearch(out, undefined, undefined);
      }
      if (!main.shards.every((name) => existsSync(join(out, SEARCH_FOLDER, shardFile(name))))) return new SiteSearch(out, undefined, undefined);
      return new SiteSearch(out, main, delta);
    } catch {
      return new SiteSearch(out, undefined, undefined);
    }
  }

  /** Whether the state could not be used: every page must then be indexed again. */
  get isFresh(): boolean {
    return this.building !== undefined;
  }

  /** Adds an article, or replaces what the index held for its page. */
  put(document: IndexedDocument): void {
    if (this.building) {
      appendDocument(this.building, document);
      return;
    }
    this.delta.set(document.id, document);
    const n = this.mainNumbers.get(document.id);
    if (n !== undefined) this.superseded.add(n);
  }

  /** Takes a page out (its folder is gone from the archive, or its snapshot is unreadable). */
  remove(id: string): void {
    if (this.building) {
      // Only a page put earlier in this build can be in it; its postings go when the output is made.
      const n = this.building.documents.findIndex((line) => line?.[0] === id);
      if (n >= 0) this.building.documents[n] = null;
      return;
    }
    this.delta.delete(id);
    const n = this.mainNumbers.get(id);
    if (n !== undefined) this.superseded.add(n);
  }

  /** The files of this build; the delta is merged into the main index when it has grown large. */
  output(totalArticles: number): SearchOutput {
    const limit = Math.max(COMPACT_AT.articles, Math.ceil(totalArticles * COMPACT_AT.share));
    if (this.building) return mainOutput(this.building);
    if (this.delta.size > limit) return this.merged();
    const state: DeltaState = { documents: [...this.delta.values()], superseded: [...this.superseded].sort((a, b) => a - b) };
    return { mainState: null, mainFiles: null, deltaState: JSON.stringify(state), deltaFiles: deltaFiles(state) };
  }

  /** The main index with the delta merged in: superseded articles dropped, the others numbered again. */
  private merged(): SearchOutput {
    const main = this.main!;
    const renumbered = new Map<number, number>();
    const merged: { documents: (ResultLine | null)[]; postings: Postings } = { documents: [], postings: new Map() };
    main.documents.forEach((line, n) => {
      if (line && !this.superseded.has(n)) renumbered.set(n, merged.documents.push(line) - 1);
    });
    for (const name of main.shards) {
      const text = readFileSync(join(this.out, SEARCH_FOLDER, shardFile(name)), 'utf8');
      const terms = JSON.parse(text.slice(text.indexOf(', ') + 2, text.lastIndexOf(');'))) as Record<string, number[]>;
      for (const [term, gaps] of Object.entries(terms)) {
        const list: number[] = [];
        let n = 0;
        for (let i = 0; i < gaps.length; i += 2) {
          n += gaps[i]!;
          const now = renumbered.get(n);
          if (now !== undefined) list.push(now, gaps[i + 1]!);
        }
        if (list.length) merged.postings.set(term, list);
      }
    }
    for (const document of this.delta.values()) appendDocument(merged, document);
    return mainOutput(merged);
  }
}

function appendDocument(index: { documents: (ResultLine | null)[]; postings: Postings }, document: IndexedDocument): void {
  const n = index.documents.push([document.id, document.title, document.site, document.published]) - 1;
  for (const [term, weight] of document.terms) {
    const list = index.postings.get(term);
    if (list) list.push(n, weight);
    else index.postings.set(term, [n, weight]);
  }
}

/** Postings as the browser reads them: article numbers as gaps, articles taken out left out. */
function gapEncoded(list: number[], documents: readonly (ResultLine | null)[]): number[] {
  const out: number[] = [];
  let previous = 0;
  for (let i = 0; i < list.length; i += 2) {
    const n = list[i]!;
    if (!documents[n]) continue;
    out.push(n - previous, list[i + 1]!);
    previous = n;
  }
  return out;
}

/** The main index's files (core, shards, title chunks), its state, and an empty delta. */
function mainOutput({ documents, postings }: { documents: (ResultLine | null)[]; postings: Postings }): SearchOutput {
  const shards = shardedPostings(postings, documents);
  const names = [...shards.keys()].sort();
  const files = new Map<string, string>();
  const live = documents.filter(Boolean).length;
  files.set('core.js', `clipfileSearchData.core(${scriptJson({ documents: live, shards: names, docsPerChunk: DOCS_PER_CHUNK })});\n`);
  for (const name of names) {
    files.set(shardFile(name), `clipfileSearchData.shard(${scriptJson(name)}, ${scriptJson(Object.fromEntries(shards.get(name)!))});\n`);
  }
  for (let chunk = 0; chunk * DOCS_PER_CHUNK < documents.length; chunk++) {
    const lines = documents.slice(chunk * DOCS_PER_CHUNK, (chunk + 1) * DOCS_PER_CHUNK);
    files.set(`docs-${chunk}.js`, `clipfileSearchData.docs(${chunk}, ${scriptJson(lines)});\n`);
  }
  const empty: DeltaState = { documents: [], superseded: [] };
  return {
    mainState: JSON.stringify({ documents, shards: names } satisfies MainState),
    mainFiles: files,
    deltaState: JSON.stringify(empty),
    deltaFiles: deltaFiles(empty),
  };
}

/**
 * The delta as the browser reads it: delta.js with its articles' result lines, the main articles
 * they replace and its shards, and its postings in shards of their own (d-XXX.js), so a query
 * loads only the delta's postings of its words, however many articles the delta holds.
 */
function deltaFiles(state: DeltaState): Map<string, string> {
  const postings: Postings = new Map();
  const documents: (ResultLine | null)[] = [];
  for (const document of state.documents) appendDocument({ documents, postings }, document);
  const shards = shardedPostings(postings, documents);
  const files = new Map<string, string>();
  const names = [...shards.keys()].sort();
  files.set('delta.js', `clipfileSearchData.delta(${scriptJson({ documents, shards: names, superseded: state.superseded })});\n`);
  for (const name of names) files.set(deltaShardFile(name), `clipfileSearchData.deltaShard(${scriptJson(name)}, ${scriptJson(Object.fromEntries(shards.get(name)!))});\n`);
  return files;
}

/** Postings by shard, gap-encoded, articles taken out left out. */
function shardedPostings(postings: Postings, documents: readonly (ResultLine | null)[]): Map<string, [string, number[]][]> {
  const { shardOf } = searchTerms();
  const shards = new Map<string, [string, number[]][]>();
  for (const [term, list] of postings) {
    const encoded = gapEncoded(list, documents);
    if (!encoded.length) continue;
    const name = shardOf(term);
    let shard = shards.get(name);
    if (!shard) shards.set(name, (shard = []));
    shard.push([term, encoded]);
  }
  return shards;
}

/** Whether a file of search/ belongs to the main index (kept as it is by a build that only changes the delta). */
export function isMainIndexFile(name: string): boolean {
  return name === 'core.js' || /^(?:s-[0-9a-f]{3}|docs-\d+)\.js$/.test(name);
}

/**
 * JSON that is also a safe JavaScript expression inside a script file: U+2028/U+2029 are line
 * ends in old engines, and "<" is escaped so the text never reads as markup.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Searches a built site as its index page does, by running the site's own search scripts
 * (search-terms.js, search-engine.js) over its files: for tests and tools.
 */
export async function searchSite(out: string, query: string, limit = 20): Promise<{ total: number; results: { key: string; title: string; score: number }[] }> {
  const clipfileTerms = searchTerms();
  let sink: Record<string, (...args: unknown[]) => void> = {};
  const load = async (path: string) => {
    new Function('clipfileSearchData', readFileSync(join(out, path), 'utf8'))(sink);
  };
  const engine = new Function('clipfileTerms', `${readSiteAsset('search-engine.js')}\nreturn clipfileSearchEngine;`)(clipfileTerms)(load) as {
    sink: typeof sink;
    search(query: string, limit: number): Promise<{ total: number; results: { key: string; title: string; score: number }[] }>;
  };
  sink = engine.sink;
  return engine.search(query, limit);
}

/**
 * The site's full-text search: MiniSearch indexes built here and written as script files, so
 * the browser needs no server (from file:// a page may load scripts but not fetch files).
 *
 * Two indexes, as in a log-structured store, so a rebuild after a few new snapshots does not
 * rewrite an index of 10,000 articles:
 * - the main index, split by term into files (search/terms-XX.js, plus search/core.js with the
 *   counts and ids), of which a query loads only those holding its words;
 * - a small delta index (search/delta.js) of the articles built since the main one, with the
 *   ids whose main entries are stale (rebuilt or removed pages). The browser searches both.
 * When the delta grows past COMPACT_AT articles, it is merged into the main index and emptied.
 * Both are also kept as JSON in the site's state folder, with the delta's documents.
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

/** Past this many articles (or this share of the archive, if more) the delta joins the main index. */
const COMPACT_AT = { articles: 500, share: 0.05 };

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

/** The delta as kept between builds: its documents (to merge them later), and the stale main ids. */
interface DeltaState {
  documents: SearchDocument[];
  superseded: string[];
}

/** What the state folder holds: the main index's JSON (read only when merging) and the delta. */
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
  deltaFile: string;
}

export class SiteSearch {
  private readonly documents = new Map<string, SearchDocument>();
  private readonly superseded = new Set<string>();
  /** A build from nothing indexes each article as it comes, rather than holding every text until the end. */
  private readonly building: MiniSearch<SearchDocument> | undefined;

  private constructor(
    /** The main index's JSON, parsed only when the delta is merged into it. */
    private readonly mainJson: string | undefined,
    private readonly fresh: boolean,
    delta: DeltaState | undefined,
  ) {
    for (const document of delta?.documents ?? []) this.documents.set(document.id, document);
    for (const id of delta?.superseded ?? []) this.superseded.add(id);
    if (fresh) this.building = new MiniSearch<SearchDocument>(indexOptions());
  }

  /** The search of the last build, or a new one (`state` undefined: everything is indexed again). */
  static open(state: SearchStateFiles | undefined): SiteSearch {
    if (!state?.main || !state.delta) return new SiteSearch(undefined, true, undefined);
    return new SiteSearch(state.main, false, JSON.parse(state.delta) as DeltaState);
  }

  /** Whether the state could be read: if not, every page must be indexed again. */
  get isFresh(): boolean {
    return this.fresh;
  }

  /** Adds an article, or replaces what the index held for its page. */
  put(document: SearchDocument): void {
    if (this.building) {
      if (this.building.has(document.id)) this.building.replace(document);
      else this.building.add(document);
      return;
    }
    this.documents.set(document.id, document);
    this.superseded.add(document.id);
  }

  /** Takes a page out (its folder is gone from the archive). */
  remove(id: string): void {
    if (this.building) {
      if (this.building.has(id)) this.building.discard(id);
      return;
    }
    this.documents.delete(id);
    this.superseded.add(id);
  }

  /** The files of this build; the delta is merged into the main index when it has grown large. */
  async output(totalArticles: number): Promise<SearchOutput> {
    const limit = Math.max(COMPACT_AT.articles, Math.ceil(totalArticles * COMPACT_AT.share));
    if (this.building || this.documents.size > limit) return this.merged();
    const delta = new MiniSearch<SearchDocument>(indexOptions());
    delta.addAll([...this.documents.values()]);
    const state: DeltaState = { documents: [...this.documents.values()], superseded: [...this.superseded] };
    return { mainState: null, mainFiles: null, deltaState: JSON.stringify(state), deltaFile: deltaScript(delta, state.superseded) };
  }

  private async merged(): Promise<SearchOutput> {
    const main = this.building ?? MiniSearch.loadJSON<SearchDocument>(this.mainJson!, indexOptions());
    for (const id of this.superseded) if (main.has(id)) main.discard(id);
    main.addAll([...this.documents.values()]);
    // Discarded articles leave their terms behind until a vacuum; the files should not carry them.
    if (main.dirtCount > 0) await main.vacuum({ batchSize: 100_000, batchWait: 0 });
    const empty = new MiniSearch<SearchDocument>(indexOptions());
    return {
      mainState: JSON.stringify(main),
      mainFiles: mainIndexFiles(main),
      deltaState: JSON.stringify({ documents: [], superseded: [] } satisfies DeltaState),
      deltaFile: deltaScript(empty, []),
    };
  }
}

function deltaScript(delta: MiniSearch<SearchDocument>, superseded: string[]): string {
  return `clipfileSearchData.delta(${scriptJson({ index: delta.toJSON(), superseded })});\n`;
}

/** The main index's browser files: the core (counts, ids, lengths) and one script per term bucket. */
function mainIndexFiles(index: MiniSearch<SearchDocument>): Map<string, string> {
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

/** Loads the index a build kept (main merged with the delta), for tests and tools: what the browser searches. */
export function loadSearchIndex(state: SearchStateFiles): MiniSearch<SearchDocument> {
  const main = state.main ? MiniSearch.loadJSON<SearchDocument>(state.main, indexOptions()) : new MiniSearch<SearchDocument>(indexOptions());
  const delta = state.delta ? (JSON.parse(state.delta) as DeltaState) : { documents: [], superseded: [] };
  for (const id of delta.superseded) if (main.has(id)) main.discard(id);
  main.addAll(delta.documents);
  return main;
}

/**
 * JSON that is also a safe JavaScript expression inside a script file: U+2028/U+2029 are line
 * ends in old engines, and "<" is escaped so the text never reads as markup.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

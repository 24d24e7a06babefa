/**
 * The SQLite index of an archive: one row per page and per snapshot, the checks, one row per
 * quotation with its speaker, and FTS5 over title, byline, text, quotes and speakers (and over
 * each quotation). It is derived from the folder and can always be rebuilt.
 *
 * IndexDatabase is the one handle the rest of clipfile holds; the work is in index-schema.ts
 * (tables, version check), index-writes.ts, index-queries.ts (pages, snapshots, checks) and
 * index-search.ts (full text); index-rows.ts has the shapes they share.
 */
import type Database from 'better-sqlite3';
import * as queries from './index-queries.js';
import type {
  CheckRecord,
  IndexedFolder,
  PageRef,
  PageRow,
  PageUrlKind,
  QuoteRow,
  SearchHit,
  SnapshotRecord,
  SnapshotRow,
  SpeakerQuoteRow,
} from './index-rows.js';
import { openIndexConnection } from './index-schema.js';
import * as fullText from './index-search.js';
import * as writes from './index-writes.js';
import type { SearchQuery } from './search-query.js';

export { IndexFromOtherVersionError } from './index-schema.js';
export * from './index-rows.js';

export class IndexDatabase {
  private constructor(readonly db: Database.Database) {}

  /** Opens (creating when absent) and checks the index; throws when it is not a usable index. */
  static open(file: string, options: { readonly?: boolean } = {}): IndexDatabase {
    return new IndexDatabase(openIndexConnection(file, options));
  }

  /** Whether the index was opened read-only (a read-only archive): nothing may be written. */
  get readonly(): boolean {
    return this.db.readonly;
  }

  /** Moves the write-ahead log into the database file and empties it (after a rebuild). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // Writes (index-writes.ts).

  /** Adds a snapshot (and its page) unless the index has it already. */
  addSnapshot(record: SnapshotRecord): void {
    writes.addSnapshot(this.db, record);
  }

  addCheck(key: string, url: string, host: string, folder: string, check: CheckRecord): void {
    writes.addCheck(this.db, key, url, host, folder, check);
  }

  /** Remembers when the page's folder last changed, as the index now reflects it. */
  setFolderMtime(key: string, mtime: number): void {
    writes.setFolderMtime(this.db, key, mtime);
  }

  /** Forgets a page: its snapshots, quotations, checks and URLs (its folder is gone). */
  removePage(key: string): void {
    writes.removePage(this.db, key);
  }

  /** Forgets one snapshot of a page (its folder is gone). */
  removeSnapshot(key: string, name: string): void {
    writes.removeSnapshot(this.db, key, name);
  }

  // Pages, snapshots and checks (index-queries.ts).

  /** Whether the index holds no snapshot yet. */
  isEmpty(): boolean {
    return queries.isEmpty(this.db);
  }

  /** The page with this key. */
  findPage(key: string): PageRef | undefined {
    return queries.findPage(this.db, key);
  }

  /** Pages whose key starts with `prefix` (hex, any case), in key order. */
  pagesByKeyPrefix(prefix: string): PageRef[] {
    return queries.pagesByKeyPrefix(this.db, prefix);
  }

  /** Pages reached by any of `urls` (in `lookupUrl` form), by the kinds given (all kinds when none). */
  pagesByUrl(urls: readonly string[], kinds: readonly PageUrlKind[] = []): PageRef[] {
    return queries.pagesByUrl(this.db, urls, kinds);
  }

  /** Every URL the page was reached by, in `lookupUrl` form, with how. */
  urlsOf(key: string): { url: string; kind: PageUrlKind }[] {
    return queries.urlsOf(this.db, key);
  }

  /** Every page with its folder and the folder's recorded modification time. */
  indexedFolders(): IndexedFolder[] {
    return queries.indexedFolders(this.db);
  }

  /** Pages newest first; `host` keeps those whose URL it matches (see `hostMatcher`). */
  listPages(filter: { since?: string; host?: (url: string) => boolean } = {}): PageRow[] {
    return queries.listPages(this.db, filter);
  }

  snapshotsOf(key: string): SnapshotRow[] {
    return queries.snapshotsOf(this.db, key);
  }

  checksOf(key: string): CheckRecord[] {
    return queries.checksOf(this.db, key);
  }

  // Full text (index-search.ts).

  /**
   * Full-text search ranked by bm25 (title weighted above byline above text), over the latest
   * snapshot of each page unless `allSnapshots`. Scores are positive, higher is better.
   */
  search(query: SearchQuery, options: { limit?: number; allSnapshots?: boolean; markers?: [string, string] } = {}): SearchHit[] {
    return fullText.search(this.db, query, options);
  }

  /** Quotations whose speaker matches every word of `speaker`, newest article first (see index-search.ts). */
  quotesBySpeaker(speaker: string, options: { allSnapshots?: boolean; limit?: number; words?: string } = {}): QuoteRow[] {
    return fullText.quotesBySpeaker(this.db, speaker, options);
  }

  /** Every quotation that has a speaker, with its article and site, in archive order (see index-search.ts). */
  quotesWithSpeakers(options: { allSnapshots?: boolean } = {}): SpeakerQuoteRow[] {
    return fullText.quotesWithSpeakers(this.db, options);
  }
}

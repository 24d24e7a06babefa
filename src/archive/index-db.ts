import Database from 'better-sqlite3';
import type { ArchivedArticle } from '../article.js';
import { isSameSite, lookupUrl } from './layout.js';
import { ftsQueryOf, parseSearchQuery, snippetColumnOf, type SearchQuery } from './search-query.js';

/**
 * The SQLite index of an archive: one row per page and per snapshot, the checks, one row per
 * quotation with its speaker, and FTS5 over title, byline, text, quotes and speakers (and over
 * each quotation). It is derived from the folder and can always be rebuilt.
 */

/**
 * Bumped whenever the tables change. An index of another version is refused by `open`, which
 * the archive treats as unreadable: it is set aside and rebuilt from the folder.
 * 2: quotes table, quotes_fts, and a speakers column in snapshots_fts.
 * 3: page_urls (every URL a page was reached by), pages.folder_mtime, pages.url no longer unique
 *    (pages archived twice by earlier versions under a tracking parameter share it).
 */
const INDEX_SCHEMA_VERSION = '3';

/** index.db was written by another version of clipfile: derived data, rebuilt rather than kept. */
export class IndexFromOtherVersionError extends Error {
  override readonly name = 'IndexFromOtherVersionError';
  constructor(readonly foundVersion: string) {
    super(`index schema ${foundVersion}, expected ${INDEX_SCHEMA_VERSION}`);
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  host TEXT NOT NULL,
  folder TEXT NOT NULL,
  last_checked TEXT,
  folder_mtime REAL
);
CREATE TABLE IF NOT EXISTS page_urls (
  page_id INTEGER NOT NULL REFERENCES pages(id),
  url TEXT NOT NULL,
  kind TEXT NOT NULL,
  UNIQUE (page_id, url, kind)
);
CREATE INDEX IF NOT EXISTS page_urls_by_url ON page_urls (url);
CREATE TABLE IF NOT EXISTS snapshots (
  id INTEGER PRIMARY KEY,
  page_id INTEGER NOT NULL REFERENCES pages(id),
  name TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  fetched_at TEXT NOT NULL,
  title TEXT,
  byline TEXT,
  site_name TEXT,
  published_time TEXT,
  lang TEXT,
  word_count INTEGER NOT NULL,
  content_sha256 TEXT NOT NULL,
  capture_sha256 TEXT NOT NULL,
  UNIQUE (page_id, name)
);
CREATE INDEX IF NOT EXISTS snapshots_by_page ON snapshots (page_id, fetched_at);
CREATE TABLE IF NOT EXISTS checks (
  page_id INTEGER NOT NULL REFERENCES pages(id),
  checked_at TEXT NOT NULL,
  result TEXT NOT NULL,
  snapshot TEXT,
  UNIQUE (page_id, checked_at, result)
);
CREATE VIRTUAL TABLE IF NOT EXISTS snapshots_fts USING fts5(
  title, byline, text, quotes, speakers,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS quotes (
  id INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker TEXT,
  speaker_mention TEXT,
  cue TEXT,
  partial INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  confidence REAL NOT NULL,
  UNIQUE (snapshot_id, position)
);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
  speaker, speaker_mention, text,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

export interface SnapshotRecord {
  /** Path of the snapshot folder relative to the archive root, with "/" separators. */
  path: string;
  name: string;
  pageFolder: string;
  key: string;
  host: string;
  article: ArchivedArticle;
}

export interface CheckRecord {
  checkedAt: string;
  result: 'archived' | 'unchanged';
  snapshot: string | null;
  /** The URLs this check reached the page by (as requested, then each redirect); absent in older checks. */
  reachedBy?: string[];
}

/**
 * How a page was reached by a URL: the URL it is filed under, the URL it was read at, the
 * canonical URL it states, the URL asked for, a redirect on the way.
 */
export type PageUrlKind = 'identity' | 'final' | 'canonical' | 'requested' | 'redirect';

/** The kinds that name the page itself (a redirect or a requested URL may lead elsewhere later). */
export const NAMING_URL_KINDS: readonly PageUrlKind[] = ['identity', 'final', 'canonical'];

/** A page as the index knows it. */
export interface PageRef {
  key: string;
  url: string;
  host: string;
  folder: string;
}

/** A page and when its folder last changed, for noticing changes made by hand. */
export interface IndexedFolder extends PageRef {
  folderMtime: number | null;
}

export interface PageRow {
  key: string;
  url: string;
  host: string;
  folder: string;
  lastChecked: string | null;
  snapshots: number;
  latestSnapshot: string;
  latestFetchedAt: string;
  title: string | null;
  publishedTime: string | null;
}

export interface SnapshotRow {
  name: string;
  path: string;
  fetchedAt: string;
  title: string | null;
  byline: string | null;
  wordCount: number;
  contentSha256: string;
}

export interface SearchHit {
  key: string;
  url: string;
  snapshot: string;
  path: string;
  fetchedAt: string;
  title: string | null;
  byline: string | null;
  /** Matched terms are wrapped in the markers the caller chose. */
  snippet: string;
  score: number;
}

/** A quotation in the index, with the article it is from. */
export interface QuoteRow {
  speaker: string | null;
  speakerMention: string | null;
  text: string;
  cue: string | null;
  partial: boolean;
  paragraph: number;
  start: number;
  end: number;
  confidence: number;
  title: string | null;
  publishedTime: string | null;
  fetchedAt: string;
  url: string;
  key: string;
  snapshot: string;
}

/** A quotation with a speaker and the site of its page. */
export interface SpeakerQuoteRow extends QuoteRow {
  host: string;
}

export class IndexDatabase {
  private constructor(readonly db: Database.Database) {}

  /** Whether the index was opened read-only (a read-only archive): nothing may be written. */
  get readonly(): boolean {
    return this.db.readonly;
  }

  /** Moves the write-ahead log into the database file and empties it (after a rebuild). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Opens (creating when absent) and checks the index; throws when it is not a usable index. */
  static open(file: string, options: { readonly?: boolean } = {}): IndexDatabase {
    // The default rollback journal (not WAL) keeps a read-only archive readable.
    const db = new Database(file, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
    try {
      db.pragma('busy_timeout = 30000');
      db.pragma('foreign_keys = ON');
      const hasMeta = tableExists(db, 'meta');
      const version = hasMeta
        ? db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema'").get()
        : undefined;
      if (version === undefined && options.readonly) throw new Error('not a clipfile index (no schema)');
      if (version === undefined) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (tables.n > 0 && !hasMeta) throw new Error('not a clipfile index (unknown tables)');
        db.exec(SCHEMA);
        db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(INDEX_SCHEMA_VERSION);
      } else if (version.value !== INDEX_SCHEMA_VERSION) {
        throw new IndexFromOtherVersionError(version.value);
      }
      return new IndexDatabase(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  /** Whether the index holds no snapshot yet. */
  isEmpty(): boolean {
    return (this.db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n === 0;
  }

  /** Adds a snapshot (and its page) unless the index has it already. */
  addSnapshot(record: SnapshotRecord): void {
    const { article } = record;
    const pageId = this.ensurePage(record.key, article.provenance.url, record.host, record.pageFolder);
    const insertUrl = this.db.prepare('INSERT OR IGNORE INTO page_urls (page_id, url, kind) VALUES (?, ?, ?)');
    for (const { url, kind } of urlsOfSnapshot(article)) insertUrl.run(pageId, url, kind);
    const inserted = this.db
      .prepare(
        `INSERT OR IGNORE INTO snapshots (page_id, name, path, fetched_at, title, byline, site_name, published_time, lang,
           word_count, content_sha256, capture_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        pageId,
        record.name,
        record.path,
        article.provenance.fetchedAt,
        article.title,
        article.byline,
        article.siteName,
        article.publishedTime,
        article.lang,
        article.wordCount,
        article.provenance.sha256.content,
        article.provenance.sha256.capture,
      );
    if (inserted.changes === 0) return;
    const snapshotId = inserted.lastInsertRowid;
    const quotes = article.quotes ?? [];
    const quoteText = quotes.map((q) => (q.speaker ? `${q.speaker}: ${q.text}` : q.text)).join('\n');
    // Names only: a mention such as "he" or "a spokesman" is not worth a speaker: search.
    const speakers = [...new Set(quotes.flatMap((q) => [q.speaker, q.speakerMention]).filter((s): s is string => Boolean(s && /\p{Lu}/u.test(s))))].join('\n');
    this.db
      .prepare('INSERT INTO snapshots_fts (rowid, title, byline, text, quotes, speakers) VALUES (?, ?, ?, ?, ?, ?)')
      .run(snapshotId, article.title ?? '', article.byline ?? '', article.text, quoteText, speakers);
    const insertQuote = this.db.prepare(
      `INSERT INTO quotes (snapshot_id, position, text, speaker, speaker_mention, cue, partial, paragraph, start, "end", confidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertQuoteFts = this.db.prepare('INSERT INTO quotes_fts (rowid, speaker, speaker_mention, text) VALUES (?, ?, ?, ?)');
    for (const [position, q] of quotes.entries()) {
      const row = insertQuote.run(
        snapshotId,
        position,
        q.text,
        q.speaker,
        q.speakerMention,
        q.cue,
        q.partial ? 1 : 0,
        q.paragraph,
        q.start,
        q.end,
        q.confidence,
      );
      insertQuoteFts.run(row.lastInsertRowid, q.speaker ?? '', q.speakerMention ?? '', q.text);
    }
  }

  /**
   * Quotations whose speaker matches every word of `speaker` (case and accents ignored; the
   * speaker's full name or the mention as written), newest article first: of the latest
   * snapshot of each page unless `allSnapshots`. Optional `words` must occur in the quotation.
   */
  quotesBySpeaker(
    speaker: string,
    options: { allSnapshots?: boolean; limit?: number; words?: string } = {},
  ): QuoteRow[] {
    const names = speaker.match(/[\p{L}\p{N}_]+/gu) ?? [];
    if (!names.length) return [];
    const conditions = names.map((n) => `{speaker speaker_mention} : "${n}"`);
    const words = options.words ? parseSearchQuery(options.words) : null;
    const text = words ? ftsQueryOf(words) : '';
    const match = text ? `(${conditions.join(' AND ')}) AND text : (${text})` : conditions.join(' AND ');
    const latestOnly = options.allSnapshots
      ? ''
      : `AND s.id = ${latestSnapshotOf('s.page_id')}`;
    return this.db
      .prepare<[string, number], QuoteRow>(
        `SELECT q.speaker, q.speaker_mention AS speakerMention, q.text, q.cue, q.partial = 1 AS partial,
                q.paragraph, q.start, q."end" AS "end", q.confidence,
                s.title, s.published_time AS publishedTime, s.fetched_at AS fetchedAt, p.url, p.key, s.name AS snapshot
         FROM quotes_fts
         JOIN quotes q ON q.id = quotes_fts.rowid
         JOIN snapshots s ON s.id = q.snapshot_id
         JOIN pages p ON p.id = s.page_id
         WHERE quotes_fts MATCH ? ${latestOnly}
         ORDER BY coalesce(s.published_time, s.fetched_at) DESC, s.fetched_at DESC, p.url, q.position
         LIMIT ?`,
      )
      .all(match, options.limit ?? -1)
      .map((row) => ({ ...row, partial: Boolean(row.partial) }));
  }

  /**
   * Every quotation that has a speaker, with its article and site, in archive order: of the
   * latest snapshot of each page unless `allSnapshots` (for merging speakers across articles).
   */
  quotesWithSpeakers(options: { allSnapshots?: boolean } = {}): SpeakerQuoteRow[] {
    const latestOnly = options.allSnapshots
      ? ''
      : `AND s.id = (SELECT id FROM snapshots x WHERE x.page_id = s.page_id ORDER BY x.fetched_at DESC, x.name DESC LIMIT 1)`;
    return this.db
      .prepare<[], SpeakerQuoteRow>(
        `SELECT q.speaker, q.speaker_mention AS speakerMention, q.text, q.cue, q.partial = 1 AS partial,
                q.paragraph, q.start, q."end" AS "end", q.confidence,
                s.title, s.published_time AS publishedTime, s.fetched_at AS fetchedAt, p.url, p.key, s.name AS snapshot, p.host
         FROM quotes q
         JOIN snapshots s ON s.id = q.snapshot_id
         JOIN pages p ON p.id = s.page_id
         WHERE q.speaker IS NOT NULL ${latestOnly}
         ORDER BY coalesce(s.published_time, s.fetched_at) DESC, s.fetched_at DESC, p.url, q.position`,
      )
      .all()
      .map((row) => ({ ...row, partial: Boolean(row.partial) }));
  }

  addCheck(key: string, url: string, host: string, folder: string, check: CheckRecord): void {
    const pageId = this.ensurePage(key, url, host, folder);
    this.db
      .prepare('INSERT OR IGNORE INTO checks (page_id, checked_at, result, snapshot) VALUES (?, ?, ?, ?)')
      .run(pageId, check.checkedAt, check.result, check.snapshot);
    this.db
      .prepare('UPDATE pages SET last_checked = max(coalesce(last_checked, ?), ?) WHERE id = ?')
      .run(check.checkedAt, check.checkedAt, pageId);
    const insertUrl = this.db.prepare("INSERT OR IGNORE INTO page_urls (page_id, url, kind) VALUES (?, ?, 'requested')");
    for (const reached of Array.isArray(check.reachedBy) ? check.reachedBy : []) {
      const form = typeof reached === 'string' && /^https?:\/\//i.test(reached) ? safeLookupUrl(reached) : undefined;
      if (form) insertUrl.run(pageId, form);
    }
  }

  private ensurePage(key: string, url: string, host: string, folder: string): number {
    // A folder renamed by hand keeps its key: the page follows it.
    this.db
      .prepare(
        `INSERT INTO pages (url, key, host, folder) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET host = excluded.host, folder = excluded.folder`,
      )
      .run(url, key, host, folder);
    return (this.db.prepare('SELECT id FROM pages WHERE key = ?').get(key) as { id: number }).id;
  }

  /** Every page with its folder and the folder's recorded modification time. */
  indexedFolders(): IndexedFolder[] {
    return this.db
      .prepare<[], IndexedFolder>('SELECT key, url, host, folder, folder_mtime AS folderMtime FROM pages')
      .all();
  }

  /** Remembers when the page's folder last changed, as the index now reflects it. */
  setFolderMtime(key: string, mtime: number): void {
    this.db.prepare('UPDATE pages SET folder_mtime = ? WHERE key = ?').run(mtime, key);
  }

  /** Forgets a page: its snapshots, quotations, checks and URLs (its folder is gone). */
  removePage(key: string): void {
    const page = this.db.prepare<[string], { id: number }>('SELECT id FROM pages WHERE key = ?').get(key);
    if (!page) return;
    for (const { name } of this.snapshotsOf(key)) this.removeSnapshot(key, name);
    this.db.prepare('DELETE FROM checks WHERE page_id = ?').run(page.id);
    this.db.prepare('DELETE FROM page_urls WHERE page_id = ?').run(page.id);
    this.db.prepare('DELETE FROM pages WHERE id = ?').run(page.id);
  }

  /** Forgets one snapshot of a page (its folder is gone). */
  removeSnapshot(key: string, name: string): void {
    const snapshot = this.db
      .prepare<[string, string], { id: number }>(
        'SELECT s.id FROM snapshots s JOIN pages p ON p.id = s.page_id WHERE p.key = ? AND s.name = ?',
      )
      .get(key, name);
    if (!snapshot) return;
    const quoteIds = this.db.prepare<[number], { id: number }>('SELECT id FROM quotes WHERE snapshot_id = ?').all(snapshot.id);
    const deleteQuoteFts = this.db.prepare('DELETE FROM quotes_fts WHERE rowid = ?');
    for (const { id } of quoteIds) deleteQuoteFts.run(id);
    this.db.prepare('DELETE FROM quotes WHERE snapshot_id = ?').run(snapshot.id);
    this.db.prepare('DELETE FROM snapshots_fts WHERE rowid = ?').run(snapshot.id);
    this.db.prepare('DELETE FROM snapshots WHERE id = ?').run(snapshot.id);
  }

  /** The page with this key. */
  findPage(key: string): PageRef | undefined {
    return this.db
      .prepare<[string], PageRef>('SELECT key, url, host, folder FROM pages WHERE key = ?')
      .get(key.toLowerCase());
  }

  /** Pages whose key starts with `prefix` (hex, any case), in key order. */
  pagesByKeyPrefix(prefix: string): PageRef[] {
    if (!/^[0-9a-f]+$/i.test(prefix)) return [];
    return this.db
      .prepare<[string], PageRef>("SELECT key, url, host, folder FROM pages WHERE key LIKE ? || '%' ORDER BY key")
      .all(prefix.toLowerCase());
  }

  /**
   * Pages reached by any of `urls` (in `lookupUrl` form), those it names first: by the kinds
   * given (all kinds when none).
   */
  pagesByUrl(urls: readonly string[], kinds: readonly PageUrlKind[] = []): PageRef[] {
    if (!urls.length) return [];
    const kindFilter = kinds.length ? `AND u.kind IN (${kinds.map(() => '?').join(', ')})` : '';
    return this.db
      .prepare<string[], PageRef>(
        `SELECT DISTINCT p.key, p.url, p.host, p.folder FROM page_urls u JOIN pages p ON p.id = u.page_id
         WHERE u.url IN (${urls.map(() => '?').join(', ')}) ${kindFilter} ORDER BY p.key`,
      )
      .all(...urls, ...kinds);
  }

  /** Every URL the page was reached by, in `lookupUrl` form, with how. */
  urlsOf(key: string): { url: string; kind: PageUrlKind }[] {
    return this.db
      .prepare<[string], { url: string; kind: PageUrlKind }>(
        'SELECT u.url, u.kind FROM page_urls u JOIN pages p ON p.id = u.page_id WHERE p.key = ? ORDER BY u.kind, u.url',
      )
      .all(key);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Pages newest first; `host` keeps those whose URL it matches (see `hostMatcher`). */
  listPages(filter: { since?: string; host?: (url: string) => boolean } = {}): PageRow[] {
    const conditions: string[] = [];
    const parameters: string[] = [];
    if (filter.since) {
      conditions.push('latest.fetched_at >= ?');
      parameters.push(filter.since);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.db
      .prepare<string[], PageRow>(
        `SELECT pages.key, pages.url, pages.host, pages.folder, pages.last_checked AS lastChecked,
                (SELECT count(*) FROM snapshots s WHERE s.page_id = pages.id) AS snapshots,
                latest.name AS latestSnapshot, latest.fetched_at AS latestFetchedAt,
                latest.title, latest.published_time AS publishedTime
         FROM pages
         JOIN snapshots latest ON latest.id = ${latestSnapshotOf('pages.id')}
         ${where}
         ORDER BY latest.fetched_at DESC, pages.url`,
      )
      .all(...parameters)
      .filter((page) => !filter.host || filter.host(page.url));
  }


  snapshotsOf(key: string): SnapshotRow[] {
    return this.db
      .prepare<[string], SnapshotRow>(
        `SELECT s.name, s.path, s.fetched_at AS fetchedAt, s.title, s.byline, s.word_count AS wordCount,
                s.content_sha256 AS contentSha256
         FROM snapshots s JOIN pages p ON p.id = s.page_id WHERE p.key = ? ORDER BY s.fetched_at, s.name`,
      )
      .all(key);
  }

  checksOf(key: string): CheckRecord[] {
    return this.db
      .prepare<[string], CheckRecord>(
        `SELECT c.checked_at AS checkedAt, c.result, c.snapshot FROM checks c JOIN pages p ON p.id = c.page_id
         WHERE p.key = ? ORDER BY c.checked_at`,
      )
      .all(key);
  }

  /**
   * Full-text search ranked by bm25 (title weighted above byline above text), over the latest
   * snapshot of each page unless `allSnapshots`. Scores are positive, higher is better.
   */
  search(
    query: SearchQuery,
    options: { limit?: number; allSnapshots?: boolean; markers?: [string, string] } = {},
  ): SearchHit[] {
    const [open, close] = options.markers ?? ['**', '**'];
    const snippetColumn = snippetColumnOf(query);
    const latestOnly = options.allSnapshots
      ? ''
      : `AND s.id = ${latestSnapshotOf('s.page_id')}`;
    return this.db
      .prepare<[string, string, string, string, number], SearchHit>(
        `SELECT p.key, p.url, s.name AS snapshot, s.path, s.fetched_at AS fetchedAt, s.title, s.byline,
                snippet(snapshots_fts, ${snippetColumn}, ?, ?, ?, 24) AS snippet,
                -bm25(snapshots_fts, 10.0, 4.0, 1.0, 2.0, 2.0) AS score
         FROM snapshots_fts
         JOIN snapshots s ON s.id = snapshots_fts.rowid
         JOIN pages p ON p.id = s.page_id
         WHERE snapshots_fts MATCH ? ${latestOnly}
         ORDER BY score DESC LIMIT ?`,
      )
      .all(open, close, '…', ftsQueryOf(query), options.limit ?? 20);
  }
}

/**
 * The id of a page's latest snapshot, as an SQL subquery: latest by fetch time, then by name
 * (two snapshots of one second are "…Z" and "…Z-2"). `pageId` is the SQL expression of the page's id.
 */
function latestSnapshotOf(pageId: string): string {
  return `(SELECT id FROM snapshots x WHERE x.page_id = ${pageId} ORDER BY x.fetched_at DESC, x.name DESC LIMIT 1)`;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The URLs a snapshot says its page was reached by, in `lookupUrl` form. */
function urlsOfSnapshot(article: ArchivedArticle): { url: string; kind: PageUrlKind }[] {
  const { provenance } = article;
  const candidates: [string | null | undefined, PageUrlKind][] = [
    [provenance.url, 'identity'],
    [article.url, 'final'],
    [isSameSite(provenance.url, article.canonicalUrl ?? '') ? article.canonicalUrl : null, 'canonical'],
    [provenance.requestedUrl, 'requested'],
    ...(provenance.redirects ?? []).map((url): [string, PageUrlKind] => [url, 'redirect']),
  ];
  const urls: { url: string; kind: PageUrlKind }[] = [];
  for (const [url, kind] of candidates) {
    const form = url && /^https?:\/\//i.test(url) ? safeLookupUrl(url) : undefined;
    if (form) urls.push({ url: form, kind });
  }
  return urls;
}

/** `lookupUrl`, or nothing for what is not a URL (a file path, a damaged record). */
function safeLookupUrl(url: string): string | undefined {
  try {
    return lookupUrl(url);
  } catch {
    return undefined;
  }
}

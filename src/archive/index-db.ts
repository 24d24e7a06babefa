import Database from 'better-sqlite3';
import type { ArchivedArticle } from '../article.js';

/**
 * The SQLite index of an archive: one row per page and per snapshot, the checks, one row per
 * quotation with its speaker, and FTS5 over title, byline, text, quotes and speakers (and over
 * each quotation). It is derived from the folder and can always be rebuilt.
 */

/**
 * Bumped whenever the tables change. An index of another version is refused by `open`, which
 * the archive treats as unreadable: it is set aside and rebuilt from the folder.
 * 2: quotes table, quotes_fts, and a speakers column in snapshots_fts.
 */
const INDEX_SCHEMA_VERSION = '2';

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
  url TEXT NOT NULL UNIQUE,
  key TEXT NOT NULL UNIQUE,
  host TEXT NOT NULL,
  folder TEXT NOT NULL,
  last_checked TEXT
);
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

export class IndexDatabase {
  private constructor(readonly db: Database.Database) {}

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

  snapshotPaths(): Set<string> {
    return new Set(this.db.prepare<[], { path: string }>('SELECT path FROM snapshots').all().map((r) => r.path));
  }

  /** Adds a snapshot (and its page) unless the index has it already. */
  addSnapshot(record: SnapshotRecord): void {
    const { article } = record;
    const pageId = this.ensurePage(record.key, article.provenance.url, record.host, record.pageFolder);
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
    const text = options.words ? toFtsQuery(options.words) : '';
    const match = text ? `(${conditions.join(' AND ')}) AND text : (${text})` : conditions.join(' AND ');
    const latestOnly = options.allSnapshots
      ? ''
      : `AND s.id = (SELECT id FROM snapshots x WHERE x.page_id = s.page_id ORDER BY x.fetched_at DESC, x.name DESC LIMIT 1)`;
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

  addCheck(key: string, url: string, host: string, folder: string, check: CheckRecord): void {
    const pageId = this.ensurePage(key, url, host, folder);
    this.db
      .prepare('INSERT OR IGNORE INTO checks (page_id, checked_at, result, snapshot) VALUES (?, ?, ?, ?)')
      .run(pageId, check.checkedAt, check.result, check.snapshot);
    this.db
      .prepare('UPDATE pages SET last_checked = max(coalesce(last_checked, ?), ?) WHERE id = ?')
      .run(check.checkedAt, check.checkedAt, pageId);
  }

  private ensurePage(key: string, url: string, host: string, folder: string): number {
    this.db
      .prepare('INSERT INTO pages (url, key, host, folder) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING')
      .run(url, key, host, folder);
    return (this.db.prepare('SELECT id FROM pages WHERE key = ?').get(key) as { id: number }).id;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  listPages(filter: { since?: string; host?: string } = {}): PageRow[] {
    const conditions: string[] = [];
    const parameters: string[] = [];
    if (filter.since) {
      conditions.push('latest.fetched_at >= ?');
      parameters.push(filter.since);
    }
    if (filter.host) {
      conditions.push('(pages.host = ? OR pages.host LIKE ?)');
      parameters.push(filter.host.toLowerCase(), `%.${filter.host.toLowerCase()}`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.db
      .prepare<string[], PageRow>(
        `SELECT pages.key, pages.url, pages.host, pages.folder, pages.last_checked AS lastChecked,
                (SELECT count(*) FROM snapshots s WHERE s.page_id = pages.id) AS snapshots,
                latest.name AS latestSnapshot, latest.fetched_at AS latestFetchedAt,
                latest.title, latest.published_time AS publishedTime
         FROM pages
         JOIN snapshots latest ON latest.id = (
           SELECT id FROM snapshots s WHERE s.page_id = pages.id ORDER BY s.fetched_at DESC, s.name DESC LIMIT 1)
         ${where}
         ORDER BY latest.fetched_at DESC, pages.url`,
      )
      .all(...parameters);
  }

  findPage(keyOrUrl: string): { key: string; url: string; folder: string; host: string } | undefined {
    return this.db
      .prepare<[string, string], { key: string; url: string; folder: string; host: string }>(
        'SELECT key, url, folder, host FROM pages WHERE key = ? OR url = ?',
      )
      .get(keyOrUrl, keyOrUrl);
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
   * snapshot of each page unless `allSnapshots`.
   */
  search(
    ftsQuery: string,
    options: { limit?: number; allSnapshots?: boolean; markers?: [string, string] } = {},
  ): SearchHit[] {
    const [open, close] = options.markers ?? ['**', '**'];
    // With speaker: the snippet comes from the text (other words) or the quotations (speaker only),
    // never from the list of speakers itself.
    const bySpeaker = /\bspeakers : /.test(ftsQuery);
    const otherTerms = ftsQuery.replace(/\(?speakers : "[^"]*"\)?/g, '').replace(/\b(AND|OR|NOT)\b/g, '').trim();
    const snippetColumn = bySpeaker ? (otherTerms && !/\bquotes : /.test(otherTerms) ? 2 : 3) : -1;
    const latestOnly = options.allSnapshots
      ? ''
      : `AND s.id = (SELECT id FROM snapshots x WHERE x.page_id = s.page_id ORDER BY x.fetched_at DESC, x.name DESC LIMIT 1)`;
    return this.db
      .prepare<[string, string, string, string, number], SearchHit>(
        `SELECT p.key, p.url, s.name AS snapshot, s.path, s.fetched_at AS fetchedAt, s.title, s.byline,
                snippet(snapshots_fts, ${snippetColumn}, ?, ?, ?, 24) AS snippet,
                bm25(snapshots_fts, 10.0, 4.0, 1.0, 2.0, 2.0) AS score
         FROM snapshots_fts
         JOIN snapshots s ON s.id = snapshots_fts.rowid
         JOIN pages p ON p.id = s.page_id
         WHERE snapshots_fts MATCH ? ${latestOnly}
         ORDER BY score LIMIT ?`,
      )
      .all(open, close, '…', ftsQuery, options.limit ?? 20);
  }
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Field prefixes of the search syntax and the index columns they search. */
const SEARCH_FIELDS: Record<string, string> = {
  speaker: 'speakers',
  quote: 'quotes',
  title: 'title',
  byline: 'byline',
};

/**
 * Turns what a person types into an FTS5 query that cannot be a syntax error: words are
 * ANDed, "quoted phrases" stay phrases, a trailing * keeps prefix search, and OR / NOT work.
 * `speaker:Khalimov` (or `speaker:"Gulmurod Khalimov"`) keeps pages quoting that speaker,
 * `quote:word` searches the quotations only, `title:` and `byline:` those fields.
 */
export function toFtsQuery(input: string): string {
  const parts: string[] = [];
  const tokens = input.match(/(?:[a-z]+:)?"[^"]*"|\S+/gi) ?? [];
  for (let token of tokens) {
    if (token === 'OR' || token === 'NOT' || token === 'AND') {
      parts.push(token);
      continue;
    }
    let column = '';
    const field = /^([a-z]+):(?=\S)/i.exec(token);
    if (field && SEARCH_FIELDS[field[1]!.toLowerCase()]) {
      column = `${SEARCH_FIELDS[field[1]!.toLowerCase()]} : `;
      token = token.slice(field[0].length);
    }
    const isPhrase = token.startsWith('"');
    const prefix = !isPhrase && token.endsWith('*');
    const words = token.replace(/^"|"$/g, '').replace(/\*$/, '').match(/[\p{L}\p{N}_]+/gu);
    if (!words) continue;
    if (column && !isPhrase && words.length > 1) {
      // speaker:G.K.Butterfield → each word in that column
      parts.push(`(${words.map((w) => `${column}"${w}"`).join(' AND ')})`);
      continue;
    }
    parts.push(`${column}"${words.join(' ')}"${prefix ? '*' : ''}`);
  }
  // A dangling operator would be a syntax error.
  while (parts.length && ['OR', 'NOT', 'AND'].includes(parts.at(-1)!)) parts.pop();
  while (parts.length && ['OR', 'AND'].includes(parts[0]!)) parts.shift();
  return parts.join(' ');
}

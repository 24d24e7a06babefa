/**
 * The tables of index.db and the one check that an index is one this clipfile can use: the
 * schema version in its meta table. Opening creates the tables in a new, empty file.
 */
import Database from 'better-sqlite3';

/**
 * Bumped whenever the tables change. An index of another version is refused by `open`, which
 * the archive treats as unreadable: it is set aside and rebuilt from the folder.
 * 2: quotes table, quotes_fts, and a speakers column in snapshots_fts.
 * 3: page_urls (every URL a page was reached by), pages.folder_mtime, pages.url no longer unique
 *    (pages archived twice by earlier versions under a tracking parameter share it).
 * 4: quotes.speaker_guessed (a speaker guessed from the passage, not stated by the text).
 */
const INDEX_SCHEMA_VERSION = '4';

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
  speaker_guessed INTEGER NOT NULL DEFAULT 0,
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

/** Opens (creating when absent) and checks an index file; throws when it is not a usable index. */
export function openIndexConnection(file: string, options: { readonly?: boolean } = {}): Database.Database {
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
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

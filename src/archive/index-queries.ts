/**
 * Reads of index.db about pages, snapshots and checks. Every "latest snapshot of a page" is
 * the one subquery latestSnapshotOf writes.
 */
import type Database from 'better-sqlite3';
import type { CheckRecord, IndexedFolder, PageRef, PageRow, PageUrlKind, SnapshotRow } from './index-rows.js';

/**
 * The id of a page's latest snapshot, as an SQL subquery: latest by fetch time, then by name
 * (two snapshots of one second are "…Z" and "…Z-2"). `pageId` is the SQL expression of the page's id.
 */
export function latestSnapshotOf(pageId: string): string {
  return `(SELECT id FROM snapshots x WHERE x.page_id = ${pageId} ORDER BY x.fetched_at DESC, x.name DESC LIMIT 1)`;
}

/** Whether the index holds no snapshot yet. */
export function isEmpty(db: Database.Database): boolean {
  return (db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n === 0;
}

/** The page with this key. */
export function findPage(db: Database.Database, key: string): PageRef | undefined {
  return db.prepare<[string], PageRef>('SELECT key, url, host, folder FROM pages WHERE key = ?').get(key.toLowerCase());
}

/** Pages whose key starts with `prefix` (hex, any case), in key order. */
export function pagesByKeyPrefix(db: Database.Database, prefix: string): PageRef[] {
  if (!/^[0-9a-f]+$/i.test(prefix)) return [];
  return db
    .prepare<[string], PageRef>("SELECT key, url, host, folder FROM pages WHERE key LIKE ? || '%' ORDER BY key")
    .all(prefix.toLowerCase());
}

/**
 * Pages reached by any of `urls` (in `lookupUrl` form), those it names first: by the kinds
 * given (all kinds when none).
 */
export function pagesByUrl(db: Database.Database, urls: readonly string[], kinds: readonly PageUrlKind[] = []): PageRef[] {
  if (!urls.length) return [];
  const kindFilter = kinds.length ? `AND u.kind IN (${kinds.map(() => '?').join(', ')})` : '';
  return db
    .prepare<string[], PageRef>(
      `SELECT DISTINCT p.key, p.url, p.host, p.folder FROM page_urls u JOIN pages p ON p.id = u.page_id
       WHERE u.url IN (${urls.map(() => '?').join(', ')}) ${kindFilter} ORDER BY p.key`,
    )
    .all(...urls, ...kinds);
}

/** Every URL the page was reached by, in `lookupUrl` form, with how. */
export function urlsOf(db: Database.Database, key: string): { url: string; kind: PageUrlKind }[] {
  return db
    .prepare<[string], { url: string; kind: PageUrlKind }>(
      'SELECT u.url, u.kind FROM page_urls u JOIN pages p ON p.id = u.page_id WHERE p.key = ? ORDER BY u.kind, u.url',
    )
    .all(key);
}

/** Every page with its folder and the folder's recorded modification time. */
export function indexedFolders(db: Database.Database): IndexedFolder[] {
  return db.prepare<[], IndexedFolder>('SELECT key, url, host, folder, folder_mtime AS folderMtime FROM pages').all();
}

/** Pages newest first; `host` keeps those whose URL it matches (see `hostMatcher`). */
export function listPages(db: Database.Database, filter: { since?: string; host?: (url: string) => boolean } = {}): PageRow[] {
  const conditions: string[] = [];
  const parameters: string[] = [];
  if (filter.since) {
    conditions.push('latest.fetched_at >= ?');
    parameters.push(filter.since);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  return db
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

/** A page's snapshots, oldest first. */
export function snapshotsOf(db: Database.Database, key: string): SnapshotRow[] {
  return db
    .prepare<[string], SnapshotRow>(
      `SELECT s.name, s.path, s.fetched_at AS fetchedAt, s.title, s.byline, s.word_count AS wordCount,
              s.content_sha256 AS contentSha256
       FROM snapshots s JOIN pages p ON p.id = s.page_id WHERE p.key = ? ORDER BY s.fetched_at, s.name`,
    )
    .all(key);
}

/** A page's checks, oldest first. */
export function checksOf(db: Database.Database, key: string): CheckRecord[] {
  return db
    .prepare<[string], CheckRecord>(
      `SELECT c.checked_at AS checkedAt, c.result, c.snapshot FROM checks c JOIN pages p ON p.id = c.page_id
       WHERE p.key = ? ORDER BY c.checked_at`,
    )
    .all(key);
}

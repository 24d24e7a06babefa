/**
 * The archive read as a catalogue: its pages with their snapshots and Articles, one at a time.
 * `cite` and `export` read it (and anything else that walks the whole archive may): rows come
 * from one SQLite cursor over the index, and each Article is read from its snapshot folder only
 * when its row is reached, so memory stays flat however many pages the archive holds.
 */
import type { ArchivedArticle } from '../article.js';
import type { PageRef } from './index-db.js';
import type { Archive } from './store.js';

/** One snapshot of a page, as the index lists it. */
export interface CatalogSnapshot {
  page: PageRef;
  /** The snapshot folder's name (its capture time, UTC). */
  name: string;
  /** The snapshot folder, relative to the archive root, "/" separated. */
  path: string;
  fetchedAt: string;
  /** Whether it is the page's latest snapshot. */
  latest: boolean;
  /** How many snapshots the page has. */
  pageSnapshots: number;
}

/** A snapshot with its Article (undefined when article.json is gone or unreadable). */
export interface CatalogEntry extends CatalogSnapshot {
  article: ArchivedArticle | undefined;
}

export interface CatalogOptions {
  /** Every snapshot of every page, not only each page's latest. */
  allSnapshots?: boolean;
}

interface SnapshotCursorRow {
  key: string;
  url: string;
  host: string;
  folder: string;
  name: string;
  path: string;
  fetchedAt: string;
  latest: number;
  pageSnapshots: number;
}

/**
 * Snapshots in a stable order (page key, then capture time): each page's latest, or all of
 * them. Rows are read from one cursor; nothing else may use the index until the loop ends.
 */
export function* catalogSnapshots(archive: Archive, options: CatalogOptions = {}): Generator<CatalogSnapshot> {
  const latestOnly = options.allSnapshots ? '' : 'WHERE s.id = latest.id';
  const rows = archive
    .index()
    .db.prepare<[], SnapshotCursorRow>(
      `SELECT p.key, p.url, p.host, p.folder, s.name, s.path, s.fetched_at AS fetchedAt,
              s.id = latest.id AS latest,
              (SELECT count(*) FROM snapshots c WHERE c.page_id = p.id) AS pageSnapshots
       FROM pages p
       JOIN snapshots s ON s.page_id = p.id
       JOIN snapshots latest ON latest.id = (
         SELECT id FROM snapshots x WHERE x.page_id = p.id ORDER BY x.fetched_at DESC, x.name DESC LIMIT 1)
       ${latestOnly}
       ORDER BY p.key, s.fetched_at, s.name`,
    )
    .iterate();
  for (const row of rows) {
    yield {
      page: { key: row.key, url: row.url, host: row.host, folder: row.folder },
      name: row.name,
      path: row.path,
      fetchedAt: row.fetchedAt,
      latest: row.latest === 1,
      pageSnapshots: row.pageSnapshots,
    };
  }
}

/** `catalogSnapshots` with each snapshot's Article read from its folder as its turn comes. */
export function* catalogEntries(archive: Archive, options: CatalogOptions = {}): Generator<CatalogEntry> {
  for (const snapshot of catalogSnapshots(archive, options)) {
    yield { ...snapshot, article: archive.readSnapshot(snapshot.path) };
  }
}

/** The catalogue entry of one snapshot named by the index (for a resolved reference). */
export function catalogEntryOf(archive: Archive, page: PageRef, snapshotName: string): CatalogEntry | undefined {
  const snapshots = archive.index().snapshotsOf(page.key);
  const snapshot = snapshots.find((s) => s.name === snapshotName);
  if (!snapshot) return undefined;
  return {
    page,
    name: snapshot.name,
    path: snapshot.path,
    fetchedAt: snapshot.fetchedAt,
    latest: snapshot === snapshots.at(-1),
    pageSnapshots: snapshots.length,
    article: archive.readSnapshot(snapshot.path),
  };
}

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

/** A snapshot as the index describes it, without reading its folder. */
export interface CatalogSnapshotRow {
  name: string;
  /** The snapshot folder, relative to the archive root, "/" separated. */
  path: string;
  fetchedAt: string;
  title: string | null;
  wordCount: number;
  contentSha256: string;
}

/** A page with every snapshot the index lists, oldest first. */
export interface CatalogPage {
  page: PageRef;
  snapshots: CatalogSnapshotRow[];
}

interface PageSnapshotRow extends CatalogSnapshotRow {
  key: string;
  url: string;
  host: string;
  folder: string;
}

/**
 * Every page that has a snapshot, with its snapshots oldest first, in page-key order: one query
 * for the whole archive (a site or a report needs every page's history, not one query each).
 */
export function* catalogPages(archive: Archive): Generator<CatalogPage> {
  const rows = archive
    .index()
    .db.prepare<[], PageSnapshotRow>(
      `SELECT p.key, p.url, p.host, p.folder, s.name, s.path, s.fetched_at AS fetchedAt, s.title,
              s.word_count AS wordCount, s.content_sha256 AS contentSha256
       FROM snapshots s JOIN pages p ON p.id = s.page_id
       ORDER BY p.key, s.fetched_at, s.name`,
    )
    .iterate();
  let current: CatalogPage | undefined;
  for (const { key, url, host, folder, ...snapshot } of rows) {
    if (current?.page.key === key) {
      current.snapshots.push(snapshot);
      continue;
    }
    if (current) yield current;
    current = { page: { key, url, host, folder }, snapshots: [snapshot] };
  }
  if (current) yield current;
}

/** A quotation with a named speaker in a page's latest snapshot. */
export interface CatalogQuote {
  key: string;
  speaker: string;
  text: string;
}

/**
 * The quotations with a named speaker in the latest snapshot of every page, by the speaker's
 * name as stored (case and spelling as the article gave them), then newest article first.
 */
export function* catalogLatestQuotes(archive: Archive): Generator<CatalogQuote> {
  yield* archive
    .index()
    .db.prepare<[], CatalogQuote>(
      `WITH latest AS (
         SELECT page_id, id, published_time, fetched_at,
                row_number() OVER (PARTITION BY page_id ORDER BY fetched_at DESC, name DESC) AS newest
         FROM snapshots)
       SELECT p.key, q.speaker, q.text
       FROM latest s JOIN quotes q ON q.snapshot_id = s.id JOIN pages p ON p.id = s.page_id
       WHERE s.newest = 1 AND q.speaker IS NOT NULL AND q.speaker <> ''
       ORDER BY q.speaker, coalesce(s.published_time, s.fetched_at) DESC, p.key, q.position`,
    )
    .iterate();
}

/**
 * What the site is built from, read through the archive's index and its snapshot folders.
 * (src/archive/catalog.ts will offer streaming iteration; until then this reads the index.)
 */
import type { ArchivedArticle } from '../article.js';
import type { Archive } from '../archive/store.js';

export interface SiteSnapshot {
  name: string;
  /** The snapshot folder, relative to the archive root. */
  path: string;
  fetchedAt: string;
  title: string | null;
  wordCount: number;
  contentSha256: string;
}

/** A page of the archive with its snapshots, oldest first. */
export interface SitePageSource {
  key: string;
  url: string;
  host: string;
  snapshots: SiteSnapshot[];
}

interface SnapshotJoinRow extends SiteSnapshot {
  key: string;
  url: string;
  host: string;
}

/** Every page of the archive that has a snapshot, with its snapshots oldest first. */
export function readSitePages(archive: Archive): SitePageSource[] {
  const rows = archive
    .index()
    .db.prepare<[], SnapshotJoinRow>(
      `SELECT p.key, p.url, p.host, s.name, s.path, s.fetched_at AS fetchedAt, s.title, s.word_count AS wordCount,
              s.content_sha256 AS contentSha256
       FROM snapshots s JOIN pages p ON p.id = s.page_id
       ORDER BY p.key, s.fetched_at, s.name`,
    )
    .all();
  const pages: SitePageSource[] = [];
  for (const { key, url, host, ...snapshot } of rows) {
    const last = pages.at(-1);
    if (last?.key === key) last.snapshots.push(snapshot);
    else pages.push({ key, url, host, snapshots: [snapshot] });
  }
  return pages;
}

/** A snapshot's article.json; undefined when it is gone or unreadable. */
export function readSiteSnapshot(archive: Archive, snapshot: SiteSnapshot): ArchivedArticle | undefined {
  return archive.readSnapshot(snapshot.path);
}

/** A quotation of a page's latest snapshot, for the speakers pages. */
export interface SiteQuote {
  key: string;
  speaker: string;
  text: string;
}

/**
 * The quotations with a named speaker in the latest snapshot of every page, grouped by the
 * speaker's name as stored (case and spelling as the article gave them).
 */
export function readSpeakerQuotes(archive: Archive): SiteQuote[] {
  return archive
    .index()
    .db.prepare<[], SiteQuote>(
      `SELECT p.key, q.speaker, q.text
       FROM quotes q JOIN snapshots s ON s.id = q.snapshot_id JOIN pages p ON p.id = s.page_id
       WHERE q.speaker IS NOT NULL AND q.speaker <> ''
         AND s.id = (SELECT id FROM snapshots x WHERE x.page_id = s.page_id ORDER BY x.fetched_at DESC, x.name DESC LIMIT 1)
       ORDER BY q.speaker, coalesce(s.published_time, s.fetched_at) DESC, p.key, q.position`,
    )
    .all();
}

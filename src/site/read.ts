/**
 * What the site is built from, read through the archive's catalogue (src/archive/catalog.ts):
 * every page with its snapshots in one query, each Article from its snapshot folder when its
 * page is built, and the speakers' quotations.
 */
import type { ArchivedArticle } from '../article.js';
import { catalogLatestQuotes, catalogPages, type CatalogQuote, type CatalogSnapshotRow } from '../archive/catalog.js';
import type { Archive } from '../archive/store.js';

export type SiteSnapshot = CatalogSnapshotRow;

/** A page of the archive with its snapshots, oldest first. */
export interface SitePageSource {
  key: string;
  url: string;
  host: string;
  snapshots: SiteSnapshot[];
}

/** Every page of the archive that has a snapshot, with its snapshots oldest first. */
export function readSitePages(archive: Archive): SitePageSource[] {
  const pages: SitePageSource[] = [];
  for (const { page, snapshots } of catalogPages(archive)) pages.push({ key: page.key, url: page.url, host: page.host, snapshots });
  return pages;
}

/** A snapshot's article.json; undefined when it is gone or unreadable. */
export function readSiteSnapshot(archive: Archive, snapshot: SiteSnapshot): ArchivedArticle | undefined {
  return archive.readSnapshot(snapshot.path);
}

/** A quotation of a page's latest snapshot, for the speakers pages. */
export type SiteQuote = CatalogQuote;

/** The quotations with a named speaker in the latest snapshot of every page, by speaker. */
export function readSpeakerQuotes(archive: Archive): SiteQuote[] {
  return [...catalogLatestQuotes(archive)];
}

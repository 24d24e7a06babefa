/** What index.db takes in (records) and gives back (rows); the shapes every index module shares. */
import type { ArchivedArticle } from '../article.js';

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
  speakerGuessed: boolean;
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


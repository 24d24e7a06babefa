/** What an archive run takes (its sources and options) and what it reports: one BatchOutcome per source. */
import type { CaptureOrigin, RenderReason } from '../article.js';
import type { FeedStates } from '../archive/feed-state.js';
import type { ArchiveOptions, Extractor } from '../pipeline.js';
import type { ExpandOptions } from '../sources/expand.js';
import type { PoliteFetcher } from './fetcher.js';

export type BatchStatus = 'archived' | 'unchanged' | 'failed' | 'skipped' | 'expanded';

/** One source of the run: as listed, or found in a feed, sitemap or WARC on the way. */
export interface SourceItem {
  source: string;
  /** The page URL of a file, from a `FILE URL` list line. */
  pageUrl?: string;
  /** The feed or sitemap entry that listed it. */
  origin?: CaptureOrigin;
  /** A child sitemap of a sitemap index, this many indexes deep. */
  sitemapDepth?: number;
}

/** What a source turned out to be: a page, or a feed, sitemap or WARC that expands into pages. */
export type OutcomeKind = 'page' | 'feed' | 'sitemap' | 'warc';

export interface BatchOutcome {
  /** The source as listed. */
  source: string;
  /** Its place in the list, from 0. */
  index: number;
  status: BatchStatus;
  /** The page URL it was filed under (archived, unchanged). */
  url: string | null;
  key: string | null;
  /** The snapshot folder relative to the archive root: the new one, or the latest when unchanged. */
  snapshotPath: string | null;
  title: string | null;
  /** How sure the extraction is that it found the story (archived, unchanged; null if unknown). */
  confidence: number | null;
  /** failed: what went wrong (a SourceError for anything expected). */
  error: unknown;
  /** skipped: why ("disallowed by robots.txt", "interrupted"). */
  skipReason: 'disallowed' | 'interrupted' | null;
  /** skipped as disallowed: the redirect hop robots.txt refused, when it is not the source itself. */
  disallowedHop: string | null;
  /** HTTP attempts made (1 unless retried); 0 for files, sources never requested and duplicates. */
  attempts: number;
  /** The source as first listed, when this one repeats it (same page); it was not fetched again. */
  duplicateOf: string | null;
  kind: OutcomeKind;
  /** A feed, sitemap or WARC: the pages (or child sitemaps) it added to the run; null for a page. */
  entries: number | null;
  /** How the page was found (the feed entry, a saved page's marks, the WARC), when not named directly. */
  origin: CaptureOrigin | null;
  /** Why the page was rendered in Chromium (--render); null when its Article came from the HTML as served. */
  rendered: RenderReason | null;
  /** archived: the Article's warnings (links left relative, a render that failed, …); else []. */
  warnings: readonly string[];
}

/** Reasons to print after a source's name that do not fail it ("2 entries without a link left out"). */
export type NoteSink = (source: string, note: string) => void;

export interface BatchRunOptions {
  fetcher: PoliteFetcher;
  archive: ArchiveOptions;
  extract: Extractor;
  /** Sources in hand at once (being fetched, extracted or stored). Default 16. */
  maxInHand?: number;
  /** Sources of one host (or of the local group) in hand at once. Default 4. */
  maxInHandPerHost?: number;
  onOutcome(outcome: BatchOutcome): void;
  /** Feeds and sitemaps: --since, --limit, --new-only. */
  expand?: Omit<ExpandOptions, 'isArchived'>;
  /** --discover: a page that is not an article is read for the feeds it announces. */
  discover?: boolean;
  /** Where feeds' validators and seen entries are remembered (the archive's). */
  feedStates?: FeedStates;
  onNote?: NoteSink;
}

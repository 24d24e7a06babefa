/**
 * A feed or sitemap in hand → the article URLs to archive next, with their provenance: entries
 * filtered by --since, --limit and --new-only, sitemap indexes followed to a bounded depth and
 * never back to a sitemap already read. Pure bookkeeping: no fetching, no printing.
 */
import type { CaptureOrigin } from '../article.js';
import type { ContentKind } from './detect.js';
import { parseFeedBody } from './feed.js';
import { isSince } from './since.js';
import { MAX_SITEMAP_DEPTH, readSitemap, type SitemapKind } from './sitemap.js';

export interface ExpandOptions {
  since?: Date;
  /** Entries at most per feed or sitemap (the newest first). */
  limit?: number;
  /** Leave out entries whose page the archive holds already (asked of `isArchived`). */
  newOnly?: boolean;
  isArchived?: (url: string) => boolean;
}

/** A source found in a feed or sitemap. */
export interface ListedSource {
  source: string;
  /** A child sitemap of an index (read as a sitemap, one level deeper), else an article. */
  isSitemap: boolean;
  origin: CaptureOrigin;
}

export interface Expansion {
  kind: 'feed' | 'sitemap';
  /** Every entry listed, before filtering (for the feed state's memory of what was seen). */
  entryIds: string[];
  listed: ListedSource[];
  /** Entries left out or links not followed, each a reason to print after the source's name. */
  problems: string[];
}

/**
 * Expands one feed or sitemap body. `depth` is how many sitemap indexes led here; `visited`
 * holds the sitemaps read in this run (a child already in it is not read again).
 */
export async function expandListing(
  source: string,
  kind: Extract<ContentKind, 'feed' | 'sitemap'>,
  body: { text: () => string; bytes: Uint8Array },
  baseUrl: string,
  options: ExpandOptions & { depth?: number; visited?: Set<string> },
): Promise<Expansion> {
  if (kind === 'feed') {
    const feed = parseFeedBody(source, body.text(), baseUrl);
    const problems = [...feed.problems];
    if (feed.entries.length === 0 && problems.length === 0) problems.push('the feed lists no entries');
    const entries = feed.entries.map((entry) => ({
      url: entry.url,
      date: entry.date,
      origin: { feed: source, entryId: entry.id, entryDate: entry.date, entryTitle: entry.title } satisfies CaptureOrigin,
    }));
    return { kind, entryIds: feed.entries.map((entry) => entry.id), listed: select(entries, options), problems };
  }

  let sitemapKind: SitemapKind = 'urlset';
  const entries: { url: string; date: string | null; origin: CaptureOrigin }[] = [];
  for await (const entry of readSitemap(source, body.bytes, (found) => (sitemapKind = found))) {
    entries.push({
      url: entry.url,
      date: entry.date,
      origin: { feed: source, entryId: entry.url, entryDate: entry.date, entryTitle: entry.title },
    });
  }
  const problems: string[] = [];
  if (sitemapKind === 'urlset') {
    if (entries.length === 0) problems.push('the sitemap lists no pages');
    return { kind, entryIds: entries.map((entry) => entry.url), listed: select(entries, options), problems };
  }

  // A sitemap index: its children are sitemaps, read one level deeper, each once.
  const depth = (options.depth ?? 0) + 1;
  const visited = options.visited ?? new Set<string>();
  visited.add(source);
  const listed: ListedSource[] = [];
  for (const entry of entries) {
    if (entry.url === source || visited.has(entry.url)) {
      problems.push(entry.url === source ? 'the sitemap index lists itself; not read again' : `${entry.url} was read already; not read again`);
      continue;
    }
    if (depth > MAX_SITEMAP_DEPTH) {
      problems.push(`sitemap indexes nested deeper than ${MAX_SITEMAP_DEPTH}; ${entry.url} not read`);
      continue;
    }
    visited.add(entry.url);
    listed.push({ source: entry.url, isSitemap: true, origin: entry.origin });
  }
  if (entries.length === 0) problems.push('the sitemap index lists no sitemaps');
  return { kind, entryIds: [], listed, problems };
}

/** Newest first (undated after dated, in listed order), then --since, --new-only and --limit. */
function select(entries: { url: string; date: string | null; origin: CaptureOrigin }[], options: ExpandOptions): ListedSource[] {
  const ordered = entries
    .map((entry, position) => ({ entry, position, time: entry.date ? Date.parse(entry.date) : Number.NEGATIVE_INFINITY }))
    .sort((a, b) => b.time - a.time || a.position - b.position)
    .map(({ entry }) => entry);
  let chosen = ordered.filter((entry) => isSince(entry.date, options.since));
  if (options.newOnly && options.isArchived) chosen = chosen.filter((entry) => !options.isArchived!(entry.url));
  if (options.limit !== undefined) chosen = chosen.slice(0, options.limit);
  return chosen.map((entry) => ({ source: entry.url, isSitemap: false, origin: entry.origin }));
}

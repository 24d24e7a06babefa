/**
 * A feed's entries: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed, parsed by feedsmith after saxes
 * has checked that the XML is well formed. Each entry becomes an absolute http(s) article URL
 * with its id, date and title; entries without a usable link are counted, not guessed at.
 */
import { parseFeed } from 'feedsmith';
import { SourceError } from '../errors.js';
import { xmlProblem } from './xml.js';
import { absoluteHttpUrl } from './http-url.js';
import { plural } from '../text/index.js';

export { absoluteHttpUrl };

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedEntry {
  /** The article's absolute URL (a relative link resolved against the feed's URL). */
  url: string;
  /** guid / id / rdf:about, else the link as given. */
  id: string;
  /** ISO 8601: published, else updated; null when the entry has none (or none readable). */
  date: string | null;
  title: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  entries: FeedEntry[];
  /** Entries left out, with why ("2 entries without a link"), for one line naming the feed. */
  problems: string[];
}

/**
 * The entries of a feed body. `source` names the feed in errors; `feedUrl` resolves relative
 * links. Throws a SourceError (code `bad-feed`) for malformed XML or a body that is not a feed.
 */
export function parseFeedBody(source: string, text: string, feedUrl: string): ParsedFeed {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let input: unknown = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      input = JSON.parse(trimmed);
    } catch (error) {
      throw new SourceError(source, 'bad-feed', `malformed JSON Feed: ${(error as Error).message}`);
    }
  } else {
    const problem = xmlProblem(trimmed);
    if (problem) throw new SourceError(source, 'bad-feed', `malformed XML: ${problem}`);
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(input as string);
  } catch (error) {
    throw new SourceError(source, 'bad-feed', `not a feed (${(error as Error).message})`);
  }
  const raw = rawEntries(parsed);
  return { format: parsed.format as FeedFormat, title: feedTitle(parsed), ...normalizeEntries(raw, feedUrl) };
}

interface RawEntry {
  link: string | undefined;
  id: string | undefined;
  date: string | undefined;
  title: string | undefined;
}

/* feedsmith's types differ per format; only the few fields read here are named. */
/* eslint-disable @typescript-eslint/no-explicit-any */
function rawEntries(parsed: ReturnType<typeof parseFeed>): RawEntry[] {
  const feed = parsed.feed as any;
  switch (parsed.format) {
    case 'rss':
      return (feed.items ?? []).map((item: any) => ({
        link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
        id: item.guid?.value,
        date: item.pubDate ?? item.dc?.dates?.[0] ?? item.dc?.date,
        title: item.title,
      }));
    case 'rdf':
      return (feed.items ?? []).map((item: any) => ({
        link: item.link ?? item.rdf?.about,
        id: item.rdf?.about,
        date: item.dc?.dates?.[0] ?? item.dc?.date,
        title: item.title,
      }));
    case 'atom':
      return (feed.entries ?? []).map((entry: any) => ({
        link: atomLink(entry.links),
        id: entry.id,
        date: entry.published ?? entry.updated,
        title: textOf(entry.title),
      }));
    case 'json':
      return (feed.items ?? []).map((item: any) => ({
        link: item.url ?? item.external_url,
        id: item.id === undefined ? undefined : String(item.id),
        date: item.date_published ?? item.date_modified,
        title: item.title,
      }));
    default:
      return [];
  }
}

function atomLink(links: any[] | undefined): string | undefined {
  const alternate = links?.find((link) => !link.rel || link.rel === 'alternate');
  return alternate?.href;
}

function textOf(value: any): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value?.value === 'string' ? value.value : undefined;
}

function feedTitle(parsed: ReturnType<typeof parseFeed>): string | null {
  return textOf((parsed.feed as any).title)?.trim() || null;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function normalizeEntries(raw: RawEntry[], feedUrl: string): { entries: FeedEntry[]; problems: string[] } {
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  let withoutLink = 0;
  let duplicates = 0;
  for (const entry of raw) {
    const url = absoluteHttpUrl(entry.link, feedUrl);
    if (!url) {
      withoutLink++;
      continue;
    }
    if (seen.has(url)) {
      duplicates++;
      continue;
    }
    seen.add(url);
    entries.push({ url, id: entry.id?.trim() || url, date: isoDate(entry.date), title: entry.title?.trim() || null });
  }
  const problems: string[] = [];
  if (withoutLink > 0) problems.push(`${plural(withoutLink, 'entry', 'entries')} without an http(s) link left out`);
  if (duplicates > 0) problems.push(`${plural(duplicates, 'entry', 'entries')} repeating an earlier link left out`);
  return { entries, problems };
}

/** RFC 822 (RSS) and ISO 8601 (Atom, JSON Feed, dc:date) dates as ISO 8601; null if unreadable. */
export function isoDate(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}


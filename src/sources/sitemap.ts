/**
 * Sitemaps (sitemaps.org `urlset` and `sitemapindex`, gzipped or not, Google News sitemaps with
 * `news:publication_date`) read as a stream with saxes: entries come out as the bytes go in, so
 * a 50,000-URL sitemap never becomes a tree in memory.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { SourceError } from '../errors.js';
import { absoluteHttpUrl, isoDate } from './feed.js';
import { isGzip } from './detect.js';

export type SitemapKind = 'urlset' | 'sitemapindex';

export interface SitemapEntry {
  /** An article URL (urlset) or a child sitemap's URL (sitemapindex). */
  url: string;
  /** `news:publication_date`, else `lastmod`, as ISO 8601; null when absent or unreadable. */
  date: string | null;
  /** `news:title`, when the sitemap is a news sitemap. */
  title: string | null;
}

/** How many sitemap indexes deep a sitemap is followed (index → index → urlset). */
export const MAX_SITEMAP_DEPTH = 3;

/**
 * The entries of one sitemap body, as they are parsed. `onKind` is called once the root element
 * says what the sitemap is. Throws a SourceError (`bad-sitemap`) on malformed XML or a root that
 * is neither urlset nor sitemapindex. Whole on purpose (longer than 60 lines): the SAX handlers
 * and the loop that yields entries as chunks arrive share one parse state (the entry being read,
 * its field, its text); apart, that state would have to be passed between them.
 */
export async function* readSitemap(
  source: string,
  body: Uint8Array | AsyncIterable<Uint8Array>,
  onKind: (kind: SitemapKind) => void = () => {},
): AsyncGenerator<SitemapEntry> {
  const parser = new SaxesParser({ xmlns: false });
  const ready: SitemapEntry[] = [];
  let problem: string | null = null;
  let kind: SitemapKind | null = null;
  let current: { loc?: string; lastmod?: string; newsDate?: string; newsTitle?: string } | null = null;
  let field: string | null = null;
  let text = '';

  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.on('opentag', (tag) => {
    const local = localName(tag.name);
    if (kind === null) {
      if (local !== 'urlset' && local !== 'sitemapindex') problem ??= `the root element is <${tag.name}>, not <urlset> or <sitemapindex>`;
      else {
        kind = local;
        onKind(local);
      }
      return;
    }
    if (local === 'url' || local === 'sitemap') current = {};
    else if (current) {
      field = fieldOf(tag.name);
      text = '';
    }
  });
  parser.on('text', (chunk) => {
    if (field) text += chunk;
  });
  parser.on('cdata', (chunk) => {
    if (field) text += chunk;
  });
  parser.on('closetag', (tag) => {
    const local = localName(tag.name);
    if (current && field && fieldOf(tag.name) === field) {
      current[field as keyof typeof current] = text.trim();
      field = null;
    } else if (current && (local === 'url' || local === 'sitemap')) {
      const url = current.loc ? absoluteHttpUrl(current.loc, current.loc) : null;
      if (url) {
        ready.push({
          url,
          date: isoDate(current.newsDate) ?? isoDate(current.lastmod),
          title: current.newsTitle?.trim() || null,
        });
      }
      current = null;
    }
  });

  const fail = (why: string) => new SourceError(source, 'bad-sitemap', why);
  try {
    for await (const chunk of chunksOf(body)) {
      parser.write(chunk);
      if (problem) throw fail(`malformed sitemap XML: ${problem}`);
      yield* ready.splice(0);
    }
    parser.close();
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw fail(problem ? `malformed sitemap XML: ${problem}` : `unreadable sitemap: ${(error as Error).message}`);
  }
  if (problem) throw fail(`malformed sitemap XML: ${problem}`);
  if (kind === null) throw fail('empty sitemap');
  yield* ready.splice(0);
}

/** The element's name without its prefix, for the few fields read. */
function localName(name: string): string {
  return name.replace(/^.*:/, '');
}

/** `loc`, `lastmod` of sitemaps.org; `publication_date` and `title` of the news namespace. */
function fieldOf(name: string): string | null {
  const local = localName(name);
  if (local === 'loc') return 'loc';
  if (local === 'lastmod') return 'lastmod';
  if (local === 'publication_date') return 'newsDate';
  if (local === 'title' && name.includes(':')) return 'newsTitle';
  return null;
}

/** The body as UTF-8 text chunks, gunzipped when it is gzip. */
async function* chunksOf(body: Uint8Array | AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const stream = body instanceof Uint8Array ? Readable.from(sliced(body)) : Readable.from(body);
  const first = await peekFirst(stream);
  const bytes = first.gzip ? first.stream.pipe(createGunzip()) : first.stream;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes as AsyncIterable<Uint8Array>) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const CHUNK_BYTES = 64 * 1024;

function* sliced(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) yield bytes.subarray(offset, offset + CHUNK_BYTES);
}

/** Whether a stream starts with gzip's magic, without losing its first chunk. */
async function peekFirst(stream: Readable): Promise<{ gzip: boolean; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Uint8Array = first.done ? new Uint8Array() : (first.value as Uint8Array);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (!first.done) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Uint8Array;
  }
  return { gzip: isGzip(head), stream: Readable.from(rest()) };
}

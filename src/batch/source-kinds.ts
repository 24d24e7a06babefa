/**
 * What a listed source is, before anything is fetched: an http(s) URL or a file, which host
 * group it is paced in, when two listings are the same source, what a file holds (from its
 * first bytes), and a file's page URL.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { DEFAULT_MAX_BYTES, decodePage } from '../acquire/index.js';
import { sizeLimitError } from '../acquire/local.js';
import { pageIdentityUrl } from '../archive/layout.js';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { headOf, isGzip, sniffKind, SNIFF_BYTES, type ContentKind } from '../sources/detect.js';
import { savedPageUrl } from '../sources/saved-page.js';
import type { SourceItem } from './outcome.js';

/** The admission group of files and stdin: they share one. */
const LOCAL_GROUP = '';

/** What makes two listings the same source: the page's identity URL, or the path of a file; none for stdin. */
export function sourceIdentity(source: string): string | null {
  if (source === '-') return null;
  if (!isHttpSource(source)) return `file ${source}`;
  try {
    return pageIdentityUrl(source);
  } catch {
    return source; // a bad URL: its own failure, once
  }
}

/** An http(s) source that is no URL at all ("http://", "http://[::1") fails as bad-url, naming it. */
export function checkUrl(source: string): void {
  try {
    new URL(source);
  } catch (error) {
    throw new SourceError(source, 'bad-url', 'invalid URL', { cause: error });
  }
}

export function isHttpSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Pacing is per host name and port, as the scheduler's; files and stdin share one group. */
export function groupOf(source: string): string {
  if (!isHttpSource(source)) return LOCAL_GROUP;
  try {
    return new URL(source).host;
  } catch {
    return LOCAL_GROUP;
  }
}

/** What a file holds, from its first bytes: a WARC, a feed or sitemap (gzipped too), else a page. */
export async function sniffFile(path: string): Promise<ContentKind> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return 'html'; // acquire names the problem (not found, a folder, no permission)
  }
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const kind = sniffKind(headOf(head), null);
    // Unknown text is left to acquire (it may be HTML without markup); unknown gzip is refused here.
    return kind === 'unknown' && !isGzip(head) ? 'html' : kind;
  } catch {
    return 'html';
  } finally {
    await handle.close();
  }
}

/**
 * A file's page URL: --url or its list line's, else what the saver left in it (SingleFile's
 * header, saved-from mark, canonical link, og:url), recorded as urlFrom.
 */
export function withPageUrl(capture: Capture, item: SourceItem, optionUrl: string | undefined): Capture {
  if (capture.source === 'stdin' && capture.url) return capture;
  if (capture.url) return { ...capture, origin: { urlFrom: item.pageUrl ? 'list' : optionUrl ? 'option' : 'list' } };
  const saved = savedPageUrl(decodePage(capture).html);
  if (!saved) {
    throw new SourceError(
      capture.requestedUrl,
      'no-page-url',
      'no page URL in the file (no SingleFile header, "saved from" mark, canonical link or og:url); give one with --url, or a "FILE URL" list line',
    );
  }
  return { ...capture, url: saved.url, origin: { urlFrom: saved.from } };
}

/** A feed or sitemap file (a gzipped sitemap too, which acquire refuses as binary). */
export async function readListingFile(source: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Capture> {
  if ((await stat(source)).size > maxBytes) throw sizeLimitError(source, maxBytes);
  return {
    requestedUrl: source,
    url: null,
    source: 'file',
    redirects: [],
    status: null,
    headers: {},
    contentType: null,
    bytes: new Uint8Array(await readFile(source)),
    fetchedAt: new Date().toISOString(),
  };
}

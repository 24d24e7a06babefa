/**
 * What a source holds, from its content type and its first bytes (never from its name): a feed
 * (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed), a sitemap (urlset, sitemapindex), a WARC file, or
 * an HTML page. Gzipped bodies are looked into.
 */
import { SaxesParser } from 'saxes';

export type ContentKind = 'feed' | 'sitemap' | 'warc' | 'html' | 'unknown';

/** Enough of a body to see its root element past an XML declaration, comments and a DTD. */
export const SNIFF_BYTES = 16 * 1024;

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
]);

/** A content type that announces a feed (a body that is HTML all the same is a bad feed). */
export function isFeedContentType(contentType: string | null): boolean {
  return contentType !== null && FEED_TYPES.has(contentType);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The first bytes of a gzipped body (a truncated one too), or the bytes themselves. */
export function headOf(bytes: Uint8Array): Uint8Array {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (!isGzip(head)) return head;
  try {
    // node:zlib loaded on use: a plain page (most sources) never needs it.
    const zlib = process.getBuiltinModule('node:zlib');
    return zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, SNIFF_BYTES);
  } catch {
    return new Uint8Array();
  }
}

/** The kind of a body, judged by its first bytes (see headOf) and its content type. */
export function sniffKind(head: Uint8Array, contentType: string | null): ContentKind {
  const text = headText(head);
  if (text.startsWith('WARC/')) return 'warc';
  if (text.startsWith('{')) return looksLikeJsonFeed(text, contentType) ? 'feed' : 'unknown';
  if (!text.startsWith('<')) return 'unknown';
  const root = rootElement(text);
  if (root === null) return 'html';
  const local = root.toLowerCase().replace(/^.*:/, '');
  if (local === 'rss' || local === 'rdf' || local === 'feed') return 'feed';
  if (local === 'urlset' || local === 'sitemapindex') return 'sitemap';
  return 'html';
}

/** Whether a body (its first bytes, see headOf) is a WARC file: sniffKind's first test alone. */
export function isWarcHead(head: Uint8Array): boolean {
  return headText(head).startsWith('WARC/');
}

function headText(head: Uint8Array): string {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
}

/** JSON Feed announces itself in `version` (https://jsonfeed.org/version/1.1). */
function looksLikeJsonFeed(text: string, contentType: string | null): boolean {
  return contentType === 'application/feed+json' || text.includes('jsonfeed.org/version');
}

/**
 * The name of the first element of an XML document, or null when its start is not XML at all
 * (HTML's `<!doctype html>` is not; XHTML is, and gives "html").
 */
function rootElement(text: string): string | null {
  const parser = new SaxesParser({ xmlns: false });
  let root: string | null = null;
  parser.on('opentagstart', (tag) => {
    root ??= tag.name;
  });
  // Errors are not fatal with a handler: HTML's lowercase doctype or stray `&` still lets the root show.
  parser.on('error', () => {});
  try {
    // A head cut mid-document is fine: only the first element is wanted.
    parser.write(text);
  } catch {
    // saxes may still throw on input it cannot go on from; the root, if seen, stands.
  }
  return root;
}

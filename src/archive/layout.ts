import { createHash } from 'node:crypto';
import { portableFolderName } from './safe-fs.js';

/**
 * Names in the archive folder. Every name is derived so that it is safe on any file system
 * (no separators, no "..", no control characters, bounded length) and stable across runs:
 * a page's folder is found again by the hash of its URL, whatever its title becomes.
 */

/** The files of a snapshot folder. */
export const SNAPSHOT_FILES = {
  markdown: 'article.md',
  json: 'article.json',
  source: 'source.html',
  warc: 'capture.warc.gz',
  /** The DOM after rendering in Chromium (--render), when the Article came from it. */
  rendered: 'rendered.html',
} as const;

/** Files of the archive root (index, lock) and of a page folder (its check log). */
export const ARCHIVE_FILES = {
  index: 'index.db',
  lock: '.clipfile.lock',
  checks: 'checks.ndjson',
} as const;

/** Begins the name of a snapshot folder being written (renamed into place once complete). */
export const TEMP_PREFIX = '.tmp-';

const MAX_SLUG_LENGTH = 60;
const MAX_HOST_FOLDER_LENGTH = 100;
const KEY_LENGTH = 10;
/** The date part of a page folder whose date was not one. */
const UNDATED = 'undated';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The URL as keys were derived from before tracking parameters were dropped: fragment dropped
 * (it never changes what the server sends). Pages archived then are found by `legacyPageKey`.
 */
export function normalizePageUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** Short stable id of a page: the first hex digits of the SHA-256 of its identity URL. */
export function pageKey(url: string): string {
  return sha256Hex(pageIdentityUrl(url)).slice(0, KEY_LENGTH);
}

/**
 * "example.com", "example.com_8080", "127.0.0.1_3000", "local" for file: URLs. A host that is
 * a Windows device name gets a "_" ("con" → "con_", "aux.test" → "aux_.test"); the trailing
 * dot of a fully qualified name is dropped ("example.com." is example.com); a long name is cut
 * so that its port stays.
 */
export function hostFolderName(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') return 'local';
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = parsed.port ? `_${parsed.port}` : '';
  const safeHost = portableFolderName(host, { maxLength: MAX_HOST_FOLDER_LENGTH - port.length, fallback: 'unknown-host' });
  return `${safeHost}${port}`;
}

/** A lower-case ASCII slug; non-Latin scripts, emoji and punctuation fall away. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  // Cut at a word boundary when one is near, so the slug does not end mid-word.
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, '');
}

/**
 * "2026-11-25-us-trained-tajik-commander-defects--3f9a1c2e4b". The date comes from the page
 * (its published time) and is used only when it reads as one; the key keeps distinct URLs in
 * distinct folders whatever their titles.
 */
export function pageFolderName(url: string, title: string | null, date: string): string {
  const fromTitle = title ? slugify(title) : '';
  const fromPath = slugify(decodeURIComponentSafe(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? ''));
  const slug = fromTitle || fromPath || 'page';
  const day = /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : UNDATED;
  return `${day}-${slug}--${pageKey(url)}`;
}

export function isPageFolderOf(folderName: string, key: string): boolean {
  return folderName.endsWith(`--${key}`);
}

/** "2026-11-25T20-58-54Z": an ISO instant without the characters some file systems refuse. */
export function snapshotFolderName(fetchedAt: string): string {
  const time = new Date(fetchedAt);
  // Years past 9999 print as "+010000-…", which SNAPSHOT_NAME would never find again.
  if (Number.isNaN(time.getTime()) || time.getUTCFullYear() < 0 || time.getUTCFullYear() > 9999) {
    throw new RangeError(`not a capture time for a snapshot folder: ${fetchedAt}`);
  }
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

export const SNAPSHOT_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?$/;

/** Snapshot names in time order: by their instant, then by the counter of a second one in that second ("…Z-2"). */
export function compareSnapshotNames(a: string, b: string): number {
  const [timeA, counterA = '0'] = a.split(/Z-?/);
  const [timeB, counterB = '0'] = b.split(/Z-?/);
  return timeA! < timeB! ? -1 : timeA! > timeB! ? 1 : Number(counterA || 0) - Number(counterB || 0);
}

/** A name free for a snapshot among `taken`: `base`, else `base-2`, `base-3`, … */
export function freeSnapshotName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let counter = 2; ; counter++) {
    if (!taken.has(`${base}-${counter}`)) return `${base}-${counter}`;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// Page identity: which URL a page is filed under, and how lookups spell URLs.

/**
 * Query parameters that say how a reader arrived (campaign, click and share ids), never which
 * page the server sends: dropped from a page's identity. `utm_*` is matched as a prefix.
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'ttclid',
  'twclid',
  'li_fat_id',
  's_cid',
  'ncid',
  'cmpid',
  'ocid',
]);
const TRACKING_PARAMETER_PREFIX = 'utm_';

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith(TRACKING_PARAMETER_PREFIX) || TRACKING_PARAMETERS.has(lower);
}

/**
 * The URL a page is known by: fragment and tracking parameters dropped (scheme and host case,
 * default ports, IDN and unencoded characters are normalised by the URL parser). A URL with
 * neither is unchanged, so its key is the key it always had.
 */
export function pageIdentityUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  const names = [...new Set(parsed.searchParams.keys())];
  // Deleting re-encodes the parameters kept, so the query is touched only when one goes.
  for (const name of names) if (isTrackingParameter(name)) parsed.searchParams.delete(name);
  return parsed.href;
}

/** The key a page got before tracking parameters were dropped (its URL with them). */
export function legacyPageKey(url: string): string {
  return sha256Hex(normalizePageUrl(url)).slice(0, KEY_LENGTH);
}

/**
 * A URL as lookups compare it: its identity URL, with percent-escapes in upper case and no
 * trailing slash on the path, so that what a person types or pastes finds the page.
 */
export function lookupUrl(url: string): string {
  const parsed = new URL(pageIdentityUrl(url));
  const path = parsed.pathname.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
  parsed.pathname = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return parsed.href;
}

/**
 * Second-level labels under which country domains register names (example.co.uk,
 * example.com.au): with these, the registrable domain has three labels, not two.
 */
const SECOND_LEVEL_LABELS: ReadonlySet<string> = new Set([
  'ac', 'co', 'com', 'edu', 'gob', 'gov', 'go', 'ltd', 'mil', 'ne', 'net', 'nic', 'or', 'org', 'plc', 'sch',
]);

/** The part of a host name a site registers: "news.example.co.uk" → "example.co.uk"; IPs whole. */
export function registrableDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (/^\[.*\]$/.test(host) || /^\d+(\.\d+){3}$/.test(host)) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const [second, top] = labels.slice(-2) as [string, string];
  const count = top.length === 2 && SECOND_LEVEL_LABELS.has(second) ? 3 : 2;
  return labels.slice(-count).join('.');
}

/** Both http(s), and the same registrable domain: a canonical URL the page may claim. */
export function isSameSite(a: string, b: string): boolean {
  try {
    const first = new URL(a);
    const second = new URL(b);
    const web = (u: URL) => u.protocol === 'http:' || u.protocol === 'https:';
    return web(first) && web(second) && registrableDomain(first.hostname) === registrableDomain(second.hostname);
  } catch {
    return false;
  }
}

export interface PageIdentity {
  /** The URL the page is filed under: its canonical URL when on the same site, else its own. */
  url: string;
  /**
   * A canonical URL the page stated but may not be filed under: on another site (or not
   * http/https), or the site's front page named by a page below it.
   */
  ignoredCanonical: string | null;
}

/**
 * Which URL names a page: the canonical URL it states, when that is on the same site (a page
 * may not claim another site's page) and is not the front page claimed by every page of a
 * misconfigured site; else the URL it was read at. Tracking parameters dropped either way.
 */
export function pageIdentity(pageUrl: string, canonicalUrl: string | null): PageIdentity {
  const own = pageIdentityUrl(pageUrl);
  if (!canonicalUrl) return { url: own, ignoredCanonical: null };
  if (!isSameSite(pageUrl, canonicalUrl)) return { url: own, ignoredCanonical: canonicalUrl };
  const canonical = pageIdentityUrl(canonicalUrl);
  const isFrontPage = (url: string) => new URL(url).pathname === '/' && !new URL(url).search;
  if (isFrontPage(canonical) && !isFrontPage(own)) return { url: own, ignoredCanonical: canonicalUrl };
  return { url: canonical, ignoredCanonical: null };
}

/** Begins the folder name of a page that states no publication date: its date is the capture's. */
const CAPTURED_DATE_PREFIX = 'captured-';

/**
 * The folder name of a new page: dated by its publication date, or, when it states none,
 * "captured-2026-12-01-…" so that the name never passes a capture date off as one.
 */
export function newPageFolderName(url: string, title: string | null, publishedTime: string | null, capturedAt: string): string {
  return publishedTime
    ? pageFolderName(url, title, publishedTime)
    : `${CAPTURED_DATE_PREFIX}${pageFolderName(url, title, capturedAt)}`;
}

const PAGE_FOLDER_KEY = new RegExp(`--([0-9a-f]{${KEY_LENGTH}})$`);

/**
 * The key a page folder's name ends with ("…--3f9a1c2e4b"), whatever its date and slug say;
 * undefined for a name that is no page folder's.
 */
export function keyOfPageFolder(folderName: string): string | undefined {
  return PAGE_FOLDER_KEY.exec(folderName)?.[1];
}

import { createHash } from 'node:crypto';
import { portableFolderName } from './safe-fs.js';

/**
 * Names in the archive folder. Every name is derived so that it is safe on any file system
 * (no separators, no "..", no control characters, bounded length) and stable across runs:
 * a page's folder is found again by the hash of its URL, whatever its title becomes.
 */

const MAX_SLUG_LENGTH = 60;
const MAX_HOST_FOLDER_LENGTH = 100;
const KEY_LENGTH = 10;
/** The date part of a page folder whose date was not one. */
const UNDATED = 'undated';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The URL a page is filed under: fragment dropped (it never changes what the server sends). */
export function normalizePageUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** Short stable id of a page: the first hex digits of the SHA-256 of its URL. */
export function pageKey(url: string): string {
  return sha256Hex(normalizePageUrl(url)).slice(0, KEY_LENGTH);
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

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What a person may type to name a page or a snapshot, resolved against the index (used by
 * show, history, and anything else that takes a reference):
 *
 *   c65795c9e7, C657, c657@2026-11-25T20-58-54Z   a key, a unique prefix of 4+ hex digits, any case
 *   HTTP://News.Example.com/story?utm_source=x   any URL the page was reached by, in any spelling
 *   archive/news.example.com/…--c65795c9e7/…     a path: relative to the archive, to the current
 *                                                folder, or absolute, as long as it is inside
 *   2015-05-29-…--c65795c9e7                     a page folder's name
 *
 * A path that leads outside the archive is refused, never followed.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { NAMING_URL_KINDS, type IndexDatabase, type PageRef, type SnapshotRow } from './index-db.js';
import { SNAPSHOT_NAME, hostFolderName, keyOfPageFolder, legacyPageKey, lookupUrl, pageKey } from './layout.js';

/** Fewer hex digits than this are too likely to name several pages to be taken as a key. */
export const MIN_KEY_PREFIX = 4;
const KEY_LENGTH = 10;
/** Candidates named in an "ambiguous" error. */
const MAX_CANDIDATES_SHOWN = 5;

export type ReferenceProblem = 'not-found' | 'ambiguous' | 'outside-archive' | 'no-such-snapshot';

export class ReferenceError extends Error {
  override readonly name = 'ReferenceError';
  constructor(
    readonly problem: ReferenceProblem,
    /** What went wrong, without the reference. */
    readonly reason: string,
    /** The pages an ambiguous reference matches. */
    readonly candidates: PageRef[] = [],
  ) {
    super(reason);
  }
}

export interface ResolvedPage {
  page: PageRef;
  /** The snapshot the reference named (key@snapshot, a snapshot path), else null. */
  snapshotName: string | null;
}

export interface ResolvedSnapshot {
  page: PageRef;
  snapshot: SnapshotRow;
}

/** Resolves a reference to one page; throws a ReferenceError saying why it cannot. */
export function resolvePage(db: IndexDatabase, root: string, reference: string, cwd = process.cwd()): ResolvedPage {
  const text = reference.trim();
  const at = /@([^@/\\]+)$/.exec(text);
  const snapshotSuffix = at && SNAPSHOT_NAME.test(at[1]!) ? at[1]! : null;
  const target = snapshotSuffix ? text.slice(0, at!.index) : text;
  if (!target) throw new ReferenceError('not-found', 'not in the archive (an empty reference)');

  if (isWebUrl(target)) return { page: onePage(pagesOfUrl(db, target), target), snapshotName: snapshotSuffix };
  if (new RegExp(`^[0-9a-f]{${MIN_KEY_PREFIX},${KEY_LENGTH}}$`, 'i').test(target)) {
    const pages = db.pagesByKeyPrefix(target);
    if (pages.length) return { page: onePage(pages, target), snapshotName: snapshotSuffix };
  }
  const byPath = pageOfPath(db, root, target, cwd);
  if (byPath) return { page: byPath.page, snapshotName: snapshotSuffix ?? byPath.snapshotName };
  const hint = /^[0-9a-f]{1,3}$/i.test(target) ? ` (a key prefix needs at least ${MIN_KEY_PREFIX} hex digits)` : '';
  throw new ReferenceError('not-found', `not in the archive${hint}`);
}

/** Resolves a reference to a snapshot: the one it names, else the page's latest. */
export function resolveSnapshot(db: IndexDatabase, root: string, reference: string, cwd = process.cwd()): ResolvedSnapshot {
  const { page, snapshotName } = resolvePage(db, root, reference, cwd);
  const snapshots = db.snapshotsOf(page.key);
  const snapshot = snapshotName ? snapshots.find((s) => s.name === snapshotName) : snapshots.at(-1);
  if (!snapshot) {
    const known = snapshots.map((s) => s.name).join(', ') || 'none';
    throw new ReferenceError(
      'no-such-snapshot',
      snapshotName ? `page ${page.key} has no snapshot ${snapshotName} (it has: ${known})` : `page ${page.key} has no snapshot`,
    );
  }
  return { page, snapshot };
}

function isWebUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function onePage(pages: PageRef[], reference: string): PageRef {
  if (pages.length === 1) return pages[0]!;
  if (!pages.length) throw new ReferenceError('not-found', 'not in the archive');
  const shown = pages.slice(0, MAX_CANDIDATES_SHOWN).map((page) => `${page.key} ${page.url}`);
  const more = pages.length > MAX_CANDIDATES_SHOWN ? `; … ${pages.length - MAX_CANDIDATES_SHOWN} more` : '';
  const advice = /^[0-9a-f]+$/i.test(reference) ? 'give more of the key' : 'give a key';
  throw new ReferenceError('ambiguous', `names ${pages.length} pages, ${advice}: ${shown.join('; ')}${more}`, pages);
}

/**
 * Pages a URL names: those filed under it (its identity key, or the key an earlier clipfile
 * gave it) or known by it as their own, canonical or final URL; failing those, pages it once
 * led to (as requested, or a redirect on the way).
 */
function pagesOfUrl(db: IndexDatabase, url: string): PageRef[] {
  let form: string;
  try {
    form = lookupUrl(url);
  } catch {
    throw new ReferenceError('not-found', 'not in the archive (not a valid URL)');
  }
  const byKey = [pageKey(url), legacyPageKey(url)].map((key) => db.findPage(key)).filter((p): p is PageRef => !!p);
  const named = uniquePages([...byKey, ...db.pagesByUrl([form], NAMING_URL_KINDS)]);
  return named.length ? named : db.pagesByUrl([form]);
}

function uniquePages(pages: PageRef[]): PageRef[] {
  return [...new Map(pages.map((page) => [page.key, page])).values()];
}

/**
 * A path to a page folder or anything in it: where the reference, read as relative to the
 * current folder, to the archive, or to the archive's parent (as tab completion gives
 * "archive/…"), is inside the archive. Null when it names no page folder; a ReferenceError when
 * every reading leads outside the archive.
 */
function pageOfPath(db: IndexDatabase, root: string, reference: string, cwd: string): { page: PageRef; snapshotName: string | null } | null {
  const realRoot = realPath(root);
  const readings = isAbsolute(reference)
    ? [reference]
    : [resolve(cwd, reference), resolve(root, reference), ...withoutRootName(root, reference)];
  const inside = readings.map((path) => relativeInside(realRoot, realPath(path))).filter((rel): rel is string => rel !== null);
  if (!inside.length) {
    if (looksLikePath(reference)) {
      throw new ReferenceError('outside-archive', `not in the archive: the path leads outside ${root} (give a path inside it, a key or a URL)`);
    }
    return null;
  }
  for (const rel of inside) {
    const segments = rel.split(sep).filter(Boolean);
    const folderAt = segments.findIndex((segment) => keyOfPageFolder(segment) !== undefined);
    if (folderAt < 0) continue;
    const page = db.findPage(keyOfPageFolder(segments[folderAt]!)!);
    if (!page) continue;
    const next = segments[folderAt + 1];
    return { page, snapshotName: next && SNAPSHOT_NAME.test(next) ? next : null };
  }
  return null;
}

/** "archive/news.example.com/…" read inside an archive folder named "archive". */
function withoutRootName(root: string, reference: string): string[] {
  const [first, ...rest] = reference.split(/[/\\]/);
  return first === basename(root) && rest.length ? [resolve(root, ...rest)] : [];
}

function looksLikePath(reference: string): boolean {
  return isAbsolute(reference) || /[/\\]/.test(reference) || reference.startsWith('.');
}

/** The real path: symbolic links followed as far as the path exists, the rest as written. */
function realPath(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let existing = absolute;
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return absolute;
    missing.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync(existing), ...missing);
  } catch {
    return absolute;
  }
}

function relativeInside(root: string, path: string): string | null {
  const rel = relative(root, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? null : rel;
}

/**
 * `--host`: a host name (its subdomains too), `host:port`, a URL, or the host's folder name
 * in the archive ("127.0.0.1_41295"). Throws a ReferenceError when it is none of these.
 */
export function hostMatcher(input: string): (url: string) => boolean {
  const text = input.trim().toLowerCase();
  const folderSpelling = /^(.+)_(\d+)$/.exec(text);
  const asUrl = /^[a-z][a-z0-9+.-]*:\/\//.test(text)
    ? text
    : `http://${folderSpelling ? `${folderSpelling[1]}:${folderSpelling[2]}` : text}`;
  let wanted: URL;
  try {
    wanted = new URL(asUrl);
  } catch {
    throw new ReferenceError('not-found', 'is not a host name (expected e.g. example.org, 127.0.0.1:8080)');
  }
  const port = wanted.port || (/:\d+(\/|$)/.test(asUrl.replace(/^[a-z]+:\/\//, '')) ? defaultPortOf(wanted) : null);
  return (url) => {
    let page: URL;
    try {
      page = new URL(url);
    } catch {
      return false;
    }
    if (hostFolderName(url) === text) return true;
    const hostMatches = page.hostname === wanted.hostname || page.hostname.endsWith(`.${wanted.hostname}`);
    return hostMatches && (port === null || (page.port || defaultPortOf(page)) === port);
  };
}

function defaultPortOf(url: URL): string {
  return url.protocol === 'https:' ? '443' : '80';
}

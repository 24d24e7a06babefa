/**
 * An archive folder, as the rest of clipfile sees it (class Archive). The work is done by:
 * layout.ts (names in the folder, page identity), folders.ts (reading the tree),
 * snapshot-write.ts (a snapshot folder, atomically), checks-log.ts (checks.ndjson),
 * write-lock.ts (one writer at a time), index-upkeep.ts (index.db kept in line with the
 * folder) and index-db.ts (the index itself).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchivedArticle, Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { appendCheck, restoreMissingChecks } from './checks-log.js';
import {
  findPageFolder,
  latestSnapshotName,
  readArchivedArticle,
  relativeToRoot,
  walkSnapshots,
  type PageDir,
} from './folders.js';
import { describeFsError } from './fs-errors.js';
import { IndexDatabase, NAMING_URL_KINDS, type CheckRecord, type PageRef, type SnapshotRecord } from './index-db.js';
import { IndexKeeper, syncPage, type ReindexCounts } from './index-upkeep.js';
import {
  ARCHIVE_FILES,
  hostFolderName,
  legacyPageKey,
  lookupUrl,
  newPageFolderName,
  pageIdentity,
  pageIdentityUrl,
  pageKey,
  snapshotFolderName,
} from './layout.js';
import { insideRoot, refuseLinksOn, resolveInsideRoot } from './safe-fs.js';
import {
  buildArchivedArticle,
  freeSnapshotNameIn,
  removeAbandonedTemporaries,
  writeSnapshotFolder,
  type SnapshotInput,
} from './snapshot-write.js';
import { WriteLock } from './write-lock.js';

export { SNAPSHOT_FILES } from './layout.js';
export { latestSnapshotName, snapshotNames } from './folders.js';
export { buildArchivedArticle, type SnapshotInput } from './snapshot-write.js';

export interface StoreOutcome {
  status: 'archived' | 'unchanged';
  key: string;
  url: string;
  /** The snapshot folder: the new one, or the latest one when unchanged. Relative to the archive root. */
  snapshotPath: string;
}

/** The page a URL reached, its folder and its latest snapshot (undefined when it has none). */
interface PageWithLatest {
  page: PageRef;
  pageDir: string;
  latest: string | undefined;
}

/**
 * An archive folder. The folder is the truth: snapshot folders appear complete or not at all
 * (written under a temporary name, fsynced, renamed), and index.db is rebuilt from them
 * whenever it is missing or unreadable. One process at a time writes (an OS-level lock held
 * through SQLite, which the kernel releases when a process dies, even by SIGKILL).
 */
export class Archive {
  private readonly lock: WriteLock;
  private readonly keeper: IndexKeeper;

  constructor(
    readonly root: string,
    private readonly onNote: (message: string) => void = () => {},
  ) {
    this.lock = new WriteLock(root);
    this.keeper = new IndexKeeper(root, this.lock, onNote);
  }

  close(): void {
    this.keeper.close();
  }

  /**
   * Stores a new snapshot unless the latest one has the same content; records the check either
   * way. The page is the one its identity names (`pageIdentity`), or the one an earlier version
   * of clipfile filed it under.
   */
  storeSnapshot(input: SnapshotInput): StoreOutcome {
    const url = input.capture.url;
    const source = input.capture.requestedUrl;
    if (!url) throw new SourceError(source, 'bad-url', 'a file or stdin needs --url to be archived');
    const identity = pageIdentity(url, input.article.canonicalUrl);
    const archived = buildArchivedArticle(input, identity);
    return this.lock.hold(source, () => {
      // Opened (or rebuilt) before this snapshot exists, so a rebuild never counts it twice.
      this.keeper.update();
      const page = this.pageFolderFor(identity.url, url, archived);
      // Before anything is read or written: no link planted on the way to the page's check log.
      refuseLinksOn(this.root, join(page.dir, ARCHIVE_FILES.checks));
      removeAbandonedTemporaries(this.root, page.dir);
      restoreMissingChecks(this.root, page.dir, this.onNote);

      const latest = latestSnapshotName(page.dir);
      const latestArticle = latest ? readArchivedArticle(join(page.dir, latest)) : undefined;
      if (latest && latestArticle?.provenance.sha256.content === archived.provenance.sha256.content) {
        return this.recordUnchangedUnlocked(page, identity.url, latest, archived.provenance.fetchedAt, reachedBy(input.capture));
      }

      const name = freeSnapshotNameIn(page.dir, snapshotFolderName(archived.provenance.fetchedAt));
      writeSnapshotFolder(this.root, { source, pageDir: page.dir, name }, archived, input, this.onNote);
      const check: CheckRecord = { checkedAt: archived.provenance.fetchedAt, result: 'archived', snapshot: name, reachedBy: reachedBy(input.capture) };
      this.appendCheckOfStoredSnapshot(source, page.dir, check);
      this.keeper.update((db) => syncPage(db, this.root, page));
      return { status: 'archived', key: page.key, url: identity.url, snapshotPath: relativeToRoot(this.root, join(page.dir, name)) };
    });
  }

  /** The folder a snapshot of the page belongs in: the one the archive has, else a new name from the Article. */
  private pageFolderFor(identityUrl: string, url: string, archived: ArchivedArticle): PageDir {
    const existing = this.findFiledPage(identityUrl, url);
    const host = existing?.host ?? hostFolderName(identityUrl);
    const key = existing?.key ?? pageKey(identityUrl);
    const folder =
      existing?.folder ?? newPageFolderName(identityUrl, archived.title, archived.publishedTime, archived.provenance.fetchedAt);
    return { dir: join(this.root, host, folder), host, folder, key };
  }

  /**
   * Validators (ETag, Last-Modified) of the latest snapshot of `url`, for a conditional request;
   * undefined when the page has no snapshot yet or its server gave none.
   */
  latestValidators(url: string): { etag?: string; lastModified?: string } | undefined {
    const { pageDir, latest } = this.latestSnapshotReachedBy(url) ?? {};
    const headers = pageDir && latest ? readArchivedArticle(join(pageDir, latest))?.provenance.headers : undefined;
    if (!headers?.['etag'] && !headers?.['last-modified']) return undefined;
    return { etag: headers['etag'], lastModified: headers['last-modified'] };
  }

  /** Whether the archive holds a snapshot of the page (for --new-only: such pages are not asked for). */
  hasPage(url: string): boolean {
    return this.latestSnapshotReachedBy(url)?.latest !== undefined;
  }

  /** The page a URL reached, its folder and its latest snapshot (undefined when it has none). */
  private latestSnapshotReachedBy(url: string): PageWithLatest | undefined {
    const page = this.pageReachedBy(url);
    if (!page) return undefined;
    const pageDir = join(this.root, page.host, page.folder);
    return { page, pageDir, latest: latestSnapshotName(pageDir) };
  }

  /** The server said 304 Not Modified: the latest snapshot stands, and the check is recorded. */
  recordNotModified(url: string, checkedAt: string, source: string, redirects: string[] = []): StoreOutcome {
    return this.lock.hold(source, () => {
      const { page, pageDir, latest } = this.latestSnapshotReachedBy(url) ?? this.latestSnapshotReachedBy(source) ?? {};
      if (!page || !pageDir || !latest) {
        throw new SourceError(source, 'http-status', 'HTTP 304 Not Modified, but the archive holds no snapshot of the page');
      }
      restoreMissingChecks(this.root, pageDir, this.onNote);
      const filedUnder = this.readSnapshot(`${page.host}/${page.folder}/${latest}`)?.provenance.url ?? page.url;
      const reached = [...new Set([source, ...redirects, url])].filter(isWebUrl);
      return this.recordUnchangedUnlocked({ ...page, dir: pageDir }, filedUnder, latest, checkedAt, reached);
    });
  }

  /**
   * The page folder a new snapshot of `identityUrl` (read at `pageUrl`) belongs in, if the
   * archive has one: filed under that identity's key; else a page the index knows by the same
   * URL (an older snapshot filed under its final URL while it states this canonical one, say);
   * else one an earlier clipfile filed under the URL with its tracking parameters.
   */
  private findFiledPage(identityUrl: string, pageUrl: string): PageRef | undefined {
    const byKey = this.pageFolderWithKey(hostFolderName(identityUrl), pageKey(identityUrl), identityUrl);
    if (byKey) return byKey;
    const known = this.indexedPages([identityUrl, pageUrl], NAMING_URL_KINDS);
    if (known.length) return known[0];
    for (const url of [pageUrl, identityUrl]) {
      const legacy = this.pageFolderWithKey(hostFolderName(url), legacyPageKey(url), url);
      if (legacy) return legacy;
    }
    return undefined;
  }

  /**
   * The page a URL reached (for a conditional request, or a 304): filed under it, or known to
   * the index by it; undefined when none or when several pages were reached by it.
   */
  pageReachedBy(url: string): PageRef | undefined {
    let identityUrl: string;
    try {
      identityUrl = pageIdentityUrl(url);
    } catch {
      return undefined;
    }
    const filed = this.findFiledPage(identityUrl, url);
    if (filed) return filed;
    const reached = this.indexedPages([url], []);
    return reached.length === 1 ? reached[0] : undefined;
  }

  /** Pages of the index reached by any of `urls` whose folder is still there. */
  private indexedPages(urls: string[], kinds: typeof NAMING_URL_KINDS | []): PageRef[] {
    let db: IndexDatabase;
    try {
      db = this.index();
    } catch {
      return [];
    }
    const forms = [...new Set(urls.flatMap(lookupForm))];
    return db.pagesByUrl(forms, kinds).filter((page) => existsSync(join(this.root, page.host, page.folder)));
  }

  private pageFolderWithKey(host: string, key: string, url: string): PageRef | undefined {
    const folder = findPageFolder(join(this.root, host), key);
    return folder ? { key, url, host, folder } : undefined;
  }

  private recordUnchangedUnlocked(page: PageDir, pageUrl: string, latest: string, checkedAt: string, reached: string[]): StoreOutcome {
    appendCheck(this.root, page.dir, { checkedAt, result: 'unchanged', snapshot: latest, reachedBy: reached });
    this.keeper.update((db) => syncPage(db, this.root, page));
    return { status: 'unchanged', key: page.key, url: pageUrl, snapshotPath: relativeToRoot(this.root, join(page.dir, latest)) };
  }

  /**
   * The check line of a snapshot just stored. The snapshot is in place already, so a line that
   * cannot be written (the disk filled up right after the rename) is a warning: it is derived
   * again from the snapshot by the next run on the page, or by reindex.
   */
  private appendCheckOfStoredSnapshot(source: string, pageDir: string, check: CheckRecord): void {
    try {
      appendCheck(this.root, pageDir, check);
    } catch (error) {
      this.onNote(
        `${source}: archived, but its line in checks.ndjson could not be written (${describeFsError(error)}); ` +
          'the next run on this page or "clipfile reindex" adds it',
      );
    }
  }

  /**
   * The index, rebuilt from the folder first when it is missing, empty (a truncated file) or
   * unreadable, and brought in line with page folders changed by hand.
   */
  index(): IndexDatabase {
    return this.keeper.open();
  }

  /** Rebuilds index.db from the snapshot folders; returns what it found. */
  reindex(): ReindexCounts {
    return this.keeper.reindex();
  }

  /**
   * Every complete snapshot in the folder, as an index record. Symbolic links (a host, page or
   * snapshot folder, an article.json) are not followed; `onLink` hears of each.
   */
  walkSnapshots(onLink?: (link: string) => void): Generator<SnapshotRecord> {
    return walkSnapshots(this.root, onLink);
  }

  /**
   * Reads the article.json of a snapshot folder given relative to the archive root; undefined
   * when there is none, or when the path leads out of the archive or through a symbolic link.
   */
  readSnapshot(path: string): ArchivedArticle | undefined {
    if (!insideRoot(this.root, path)) return undefined;
    return readArchivedArticle(join(this.root, path));
  }

  /** A file of a snapshot; throws when the path leads out of the archive or through a symbolic link. */
  snapshotFile(path: string, file: string): string {
    return resolveInsideRoot(this.root, join(path, file));
  }
}

/** A URL as the index's page_urls hold it, or nothing when it is not a URL. */
function lookupForm(url: string): string[] {
  try {
    return [lookupUrl(url)];
  } catch {
    return [];
  }
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** The URLs a capture reached its page by: as requested, then each redirect (or --url for a file). */
function reachedBy(capture: Capture): string[] {
  const urls = [capture.requestedUrl, ...capture.redirects, ...(capture.url ? [capture.url] : [])];
  return [...new Set(urls.filter(isWebUrl))];
}

import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Dirent,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import type { ArchivedArticle, Article, Capture, DecodedPage, Provenance, RenderedSnapshot } from '../article.js';
import { SourceError } from '../errors.js';
import { markdownWithFrontMatter } from '../front-matter.js';
import { clipfileVersion } from '../version.js';
import {
  IndexDatabase,
  IndexFromOtherVersionError,
  NAMING_URL_KINDS,
  type CheckRecord,
  type PageRef,
  type SnapshotRecord,
} from './index-db.js';
import {
  SNAPSHOT_NAME,
  compareSnapshotNames,
  freeSnapshotName,
  hostFolderName,
  isPageFolderOf,
  keyOfPageFolder,
  legacyPageKey,
  lookupUrl,
  newPageFolderName,
  pageIdentity,
  pageIdentityUrl,
  pageKey,
  type PageIdentity,
  sha256Hex,
  snapshotFolderName,
} from './layout.js';
import {
  NotAFolderError,
  OPEN_FLAGS,
  OutsideRootError,
  PlantedLinkError,
  insideRoot,
  isLink,
  makeFoldersInsideRoot,
  makeNewFolderInsideRoot,
  openInsideRoot,
  readFileNoFollow,
  refuseLinksOn,
  resolveInsideRoot,
} from './safe-fs.js';

export const SNAPSHOT_FILES = {
  markdown: 'article.md',
  json: 'article.json',
  source: 'source.html',
  warc: 'capture.warc.gz',
  /** The DOM after rendering in Chromium (--render), when the Article came from it. */
  rendered: 'rendered.html',
} as const;
const CHECKS_FILE = 'checks.ndjson';
const INDEX_FILE = 'index.db';
const LOCK_FILE = '.clipfile.lock';
const TEMP_PREFIX = '.tmp-';
const PAGE_FOLDER = /--[0-9a-f]{10}$/;

export interface SnapshotInput {
  article: Article;
  capture: Capture;
  decoded: DecodedPage;
  /** The options that shaped the result, recorded in provenance. */
  options: Record<string, string | number | boolean | null>;
  /** A gzipped WARC of the exchange, when asked for. */
  warc?: Uint8Array;
  /** The rendered page the Article came from (--render), kept as rendered.html. */
  rendered?: RenderedSnapshot;
}

export interface StoreOutcome {
  status: 'archived' | 'unchanged';
  key: string;
  url: string;
  /** The snapshot folder: the new one, or the latest one when unchanged. Relative to the archive root. */
  snapshotPath: string;
}

/**
 * An archive folder. The folder is the truth: snapshot folders appear complete or not at all
 * (written under a temporary name, fsynced, renamed), and index.db is rebuilt from them
 * whenever it is missing or unreadable. One process at a time writes (an OS-level lock held
 * through SQLite, which the kernel releases when a process dies, even by SIGKILL).
 */
export class Archive {
  private indexDb: IndexDatabase | undefined;
  /** The lock is held by this process already (an index rebuild inside a write, say). */
  private holdsLock = false;

  constructor(
    readonly root: string,
    private readonly onNote: (message: string) => void = () => {},
  ) {}

  close(): void {
    this.indexDb?.close();
    this.indexDb = undefined;
  }

  /**
   * Stores a new snapshot unless the latest one has the same content; records the check either
   * way. The page is the one its identity names (`pageIdentity`), or the one an earlier version
   * of clipfile filed it under.
   */
  storeSnapshot(input: SnapshotInput): StoreOutcome {
    const url = input.capture.url;
    if (!url) throw new SourceError(input.capture.requestedUrl, 'bad-url', 'a file or stdin needs --url to be archived');
    const identity = pageIdentity(url, input.article.canonicalUrl);
    const pageUrl = identity.url;
    const archived = buildArchivedArticle(input, identity);
    return this.withWriteLock(input.capture.requestedUrl, () => {
      // Opened (or rebuilt) before this snapshot exists, so a rebuild never counts it twice.
      this.updateIndex();
      const existing = this.findFiledPage(pageUrl, url);
      const host = existing?.host ?? hostFolderName(pageUrl);
      const key = existing?.key ?? pageKey(pageUrl);
      const hostDir = join(this.root, host);
      const folderName =
        existing?.folder ?? newPageFolderName(pageUrl, archived.title, archived.publishedTime, archived.provenance.fetchedAt);
      const pageDir = join(hostDir, folderName);
      // Before anything is read or written: no link planted on the way to the page's check log.
      refuseLinksOn(this.root, join(pageDir, CHECKS_FILE));
      removeAbandonedTemporaries(this.root, pageDir);
      this.restoreMissingChecks(pageDir);

      const latest = latestSnapshotName(pageDir);
      const latestArticle = latest ? readArchivedArticle(join(pageDir, latest)) : undefined;
      if (latest && latestArticle?.provenance.sha256.content === archived.provenance.sha256.content) {
        return this.recordUnchangedUnlocked(pageDir, latest, archived.provenance.fetchedAt, reachedBy(input.capture), {
          key,
          host,
          folderName,
          pageUrl,
        });
      }

      const name = freeSnapshotNameIn(pageDir, snapshotFolderName(archived.provenance.fetchedAt));
      this.writeSnapshotFolder(input.capture.requestedUrl, pageDir, name, archived, input);
      const check: CheckRecord = {
        checkedAt: archived.provenance.fetchedAt,
        result: 'archived',
        snapshot: name,
        reachedBy: reachedBy(input.capture),
      };
      this.appendCheckOfStoredSnapshot(input.capture.requestedUrl, pageDir, check);
      const path = this.relativePath(join(pageDir, name));
      this.updateIndex((db) => this.syncPage(db, pageDir, key, host, folderName));
      return { status: 'archived', key, url: pageUrl, snapshotPath: path };
    });
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
  private latestSnapshotReachedBy(url: string): { page: PageRef; pageDir: string; latest: string | undefined } | undefined {
    const page = this.pageReachedBy(url);
    if (!page) return undefined;
    const pageDir = join(this.root, page.host, page.folder);
    return { page, pageDir, latest: latestSnapshotName(pageDir) };
  }

  /** The server said 304 Not Modified: the latest snapshot stands, and the check is recorded. */
  recordNotModified(url: string, checkedAt: string, source: string, redirects: string[] = []): StoreOutcome {
    return this.withWriteLock(source, () => {
      const { page, pageDir, latest } = this.latestSnapshotReachedBy(url) ?? this.latestSnapshotReachedBy(source) ?? {};
      if (!page || !pageDir || !latest) {
        throw new SourceError(source, 'http-status', 'HTTP 304 Not Modified, but the archive holds no snapshot of the page');
      }
      this.restoreMissingChecks(pageDir);
      const filedUnder = this.readSnapshot(`${page.host}/${page.folder}/${latest}`)?.provenance.url ?? page.url;
      const reached = [...new Set([source, ...redirects, url])].filter((u) => /^https?:\/\//i.test(u));
      return this.recordUnchangedUnlocked(pageDir, latest, checkedAt, reached, {
        key: page.key,
        host: page.host,
        folderName: page.folder,
        pageUrl: filedUnder,
      });
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

  private recordUnchangedUnlocked(
    pageDir: string,
    latest: string,
    checkedAt: string,
    reached: string[],
    page: { key: string; host: string; folderName: string; pageUrl: string },
  ): StoreOutcome {
    appendCheck(this.root, pageDir, { checkedAt, result: 'unchanged', snapshot: latest, reachedBy: reached });
    this.updateIndex((db) => this.syncPage(db, pageDir, page.key, page.host, page.folderName));
    return { status: 'unchanged', key: page.key, url: page.pageUrl, snapshotPath: this.relativePath(join(pageDir, latest)) };
  }

  /**
   * Brings the index up to date with one page folder: its snapshots and checks. A run killed
   * between the folder's rename and the index commit leaves the index behind; the next run on
   * the page catches up here.
   */
  private syncPage(db: IndexDatabase, pageDir: string, key: string, host: string, folder: string): void {
    const onDisk = snapshotNames(pageDir);
    const present = new Set(onDisk);
    const indexed = db.snapshotsOf(key);
    // A folder moved or renamed by hand: its snapshots are indexed again under their new paths.
    const moved = indexed.some((snapshot) => snapshot.path !== this.relativePath(join(pageDir, snapshot.name)));
    for (const snapshot of indexed) if (moved || !present.has(snapshot.name)) db.removeSnapshot(key, snapshot.name);
    const kept = new Set(moved ? [] : indexed.map((snapshot) => snapshot.name));
    for (const name of onDisk) {
      if (kept.has(name)) continue;
      const article = readArchivedArticle(join(pageDir, name));
      if (article) db.addSnapshot({ path: this.relativePath(join(pageDir, name)), name, pageFolder: folder, key, host, article });
    }
    const url = db.findPage(key)?.url;
    if (!url) return;
    for (const check of readChecks(pageDir)) db.addCheck(key, url, host, folder, check);
    const mtime = folderMtime(pageDir);
    if (mtime !== undefined) db.setFolderMtime(key, mtime);
  }

  /**
   * Brings the index in line with page folders changed by hand since it was written (a folder
   * deleted, renamed, a snapshot removed or copied in): noticed by each page folder's mtime,
   * which any entry added, removed or renamed in it changes. Returns a note, or null if the
   * index was in line.
   */
  private followFolder(db: IndexDatabase): string | null {
    const changes = () => {
      const onDisk = new Map<string, { host: string; folder: string; dir: string }>();
      for (const dir of this.pageDirs()) {
        const [host, folder] = dir.split(sep).slice(-2) as [string, string];
        const key = keyOfPageFolder(folder);
        if (key) onDisk.set(key, { host, folder, dir });
      }
      const gone: string[] = [];
      const changed: { key: string; host: string; folder: string; dir: string }[] = [];
      const indexed = new Set<string>();
      for (const page of db.indexedFolders()) {
        indexed.add(page.key);
        const disk = onDisk.get(page.key);
        // Something still there in the folder's place (a planted link, say) is not a deletion:
        // the index keeps the page, and reading it refuses what stands there.
        if (!disk && !entryExists(join(this.root, page.host, page.folder))) gone.push(page.key);
        else if (!disk) continue;
        else if (disk.host !== page.host || disk.folder !== page.folder || folderMtime(disk.dir) !== page.folderMtime) {
          changed.push({ key: page.key, ...disk });
        }
      }
      for (const [key, disk] of onDisk) if (!indexed.has(key) && snapshotNames(disk.dir).length) changed.push({ key, ...disk });
      return { gone, changed };
    };
    if (!hasChanges(changes())) return null;
    return this.withWriteLock(this.root, () => {
      // Again under the lock: another clipfile may have caught up meanwhile.
      const { gone, changed } = changes();
      if (!hasChanges({ gone, changed })) return null;
      const goneFolders = gone.map((key) => db.findPage(key)).map((page) => `${page?.host}/${page?.folder}`);
      db.transaction(() => {
        for (const key of gone) db.removePage(key);
        for (const page of changed) this.syncPage(db, page.dir, page.key, page.host, page.folder);
      });
      const parts: string[] = [];
      if (gone.length) {
        const shown = goneFolders.slice(0, 3).join(', ') + (gone.length > 3 ? `, … (${gone.length} in all)` : '');
        parts.push(`${plural(gone.length, 'page folder')} gone from the archive (${shown}): removed from the index`);
      }
      if (changed.length) parts.push(`${plural(changed.length, 'page folder')} changed outside clipfile: indexed again`);
      return parts.join('; ');
    });
  }

  /**
   * The index, rebuilt from the folder first when it is missing, empty (a truncated file) or
   * unreadable, and brought in line with page folders changed by hand.
   */
  index(): IndexDatabase {
    if (this.indexDb) return this.indexDb;
    const file = join(this.root, INDEX_FILE);
    if (!existsSync(file)) {
      if (this.hasSnapshots()) {
        this.rebuildIndex('index.db was missing');
      }
    } else if (statSync(file).size === 0 && this.hasSnapshots()) {
      // SQLite would take an empty file for a new, empty index: the archive would look empty.
      this.rebuildIndex('index.db was empty (0 bytes: truncated?)');
    } else {
      try {
        this.indexDb = openIndexForReadingAtLeast(file);
        this.indexDb.isEmpty();
        this.noteFolderChanges(this.indexDb);
        return this.indexDb;
      } catch (error) {
        this.indexDb?.close();
        this.indexDb = undefined;
        // An index of another clipfile version is only derived data: replaced, not kept.
        if (error instanceof IndexFromOtherVersionError) {
          this.rebuildIndex(`index.db was written by another version of clipfile (index schema ${error.foundVersion})`);
        } else {
          // Only a damaged file is set aside; a busy or read-only one is left alone.
          if (!isDamagedIndex(error)) throw error;
          const reason = error instanceof Error ? error.message : String(error);
          this.rebuildIndex(`index.db could not be read (${reason})`, { setAside: true });
        }
      }
    }
    mkdirSync(this.root, { recursive: true });
    this.indexDb = IndexDatabase.open(file);
    return this.indexDb;
  }

  /** followFolder, where the index can be written; a read-only archive is read as its index stands. */
  private noteFolderChanges(db: IndexDatabase): void {
    if (db.readonly) return;
    let note: string | null;
    try {
      note = this.followFolder(db);
    } catch (error) {
      if (error instanceof SourceError && error.code === 'archive-write') return;
      throw error;
    }
    if (note) this.onNote(note);
  }

  /** Rebuilds index.db from the snapshot folders; returns what it found. */
  reindex(): { pages: number; snapshots: number; checks: number } {
    return this.withWriteLock(this.root, () => this.rebuildIndexUnlocked());
  }

  private rebuildIndex(why: string, options: { setAside?: boolean } = {}): void {
    const counts = this.withWriteLock(this.root, () => {
      const file = join(this.root, INDEX_FILE);
      if (options.setAside && existsSync(file)) {
        const aside = `${file}.unreadable-${Date.now()}`;
        renameSync(file, aside);
        for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
        this.onNote(`${why}; kept it as ${relative(this.root, aside)}`);
      }
      return this.rebuildIndexUnlocked();
    });
    this.onNote(`${why}; rebuilt the index from the archive folder (${counts.snapshots} snapshots of ${counts.pages} pages)`);
  }

  private rebuildIndexUnlocked(): { pages: number; snapshots: number; checks: number } {
    this.indexDb?.close();
    this.indexDb = undefined;
    const file = join(this.root, INDEX_FILE);
    const building = `${file}.rebuild-${process.pid}`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
    const db = IndexDatabase.open(building);
    const pages = new Set<string>();
    let snapshots = 0;
    let checks = 0;
    try {
      db.transaction(() => {
        // A link planted in the archive is not followed: its pages are left out, with a note naming it.
        for (const record of this.walkSnapshots((link) => this.onNote(`${new PlantedLinkError(link).message}: left out of the index`))) {
          db.addSnapshot(record);
          pages.add(record.key);
          snapshots++;
        }
        for (const pageDir of this.pageDirs()) {
          const folder = pageDir.split(sep).at(-1)!;
          const key = folder.split('--').at(-1)!;
          const page = db.findPage(key);
          if (!page) continue;
          for (const check of [...readChecks(pageDir), ...this.restoreMissingChecksForReindex(pageDir)]) {
            db.addCheck(key, page.url, page.host, folder, check);
            checks++;
          }
          const mtime = folderMtime(pageDir);
          if (mtime !== undefined) db.setFolderMtime(key, mtime);
        }
      });
      db.checkpoint();
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    renameSync(building, file);
    for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
    return { pages: pages.size, snapshots, checks };
  }

  /**
   * Every complete snapshot in the folder, as an index record. Symbolic links (a host, page or
   * snapshot folder, an article.json) are not followed; `onLink` hears of each.
   */
  *walkSnapshots(onLink?: (link: string) => void): Generator<SnapshotRecord> {
    for (const pageDir of this.pageDirs(onLink)) {
      const parts = pageDir.split(sep);
      const folder = parts.at(-1)!;
      const host = parts.at(-2)!;
      const key = folder.split('--').at(-1)!;
      if (onLink) {
        for (const entry of safeReaddir(pageDir)) {
          if (entry.isSymbolicLink() && SNAPSHOT_NAME.test(entry.name)) onLink(join(pageDir, entry.name));
        }
      }
      for (const name of snapshotNames(pageDir)) {
        const article = readArchivedArticle(join(pageDir, name));
        if (!article) {
          const json = join(pageDir, name, SNAPSHOT_FILES.json);
          if (onLink && isLink(json)) onLink(json);
          continue;
        }
        yield { path: this.relativePath(join(pageDir, name)), name, pageFolder: folder, key, host, article };
      }
    }
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

  /** Page folders, host by host; links in their place are not followed, and told to `onLink`. */
  private *pageDirs(onLink?: (link: string) => void): Generator<string> {
    // The root may be a link (the user named it); nothing below it is followed.
    for (const host of safeReaddir(this.root, { followLink: true })) {
      if (host.name.startsWith('.')) continue;
      if (host.isSymbolicLink()) onLink?.(join(this.root, host.name));
      if (!host.isDirectory()) continue;
      for (const page of safeReaddir(join(this.root, host.name))) {
        if (!PAGE_FOLDER.test(page.name)) continue;
        if (page.isSymbolicLink()) onLink?.(join(this.root, host.name, page.name));
        if (page.isDirectory()) yield join(this.root, host.name, page.name);
      }
    }
  }

  private hasSnapshots(): boolean {
    return !this.walkSnapshots().next().done;
  }

  private relativePath(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  /** A failing index never fails an archive run: the folder already holds the data. */
  private updateIndex(work?: (db: IndexDatabase) => void): void {
    try {
      const db = this.index();
      if (work) db.transaction(() => work(db));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.onNote(`the index could not be updated (${reason}); run "clipfile reindex"`);
    }
  }

  private writeSnapshotFolder(
    source: string,
    pageDir: string,
    name: string,
    archived: ArchivedArticle,
    input: SnapshotInput,
  ): void {
    const temporary = join(pageDir, `${TEMP_PREFIX}${name}-${process.pid}`);
    let created = false;
    try {
      makeFoldersInsideRoot(this.root, pageDir);
      makeNewFolderInsideRoot(this.root, temporary);
      created = true;
      writeFileDurably(this.root, join(temporary, SNAPSHOT_FILES.source), input.capture.bytes);
      if (input.warc) writeFileDurably(this.root, join(temporary, SNAPSHOT_FILES.warc), input.warc);
      if (input.rendered) writeFileDurably(this.root, join(temporary, SNAPSHOT_FILES.rendered), input.rendered.html);
      writeFileDurably(this.root, join(temporary, SNAPSHOT_FILES.markdown), markdownWithFrontMatter(archived));
      // article.json last: a reader that finds it may trust the rest is there.
      writeFileDurably(this.root, join(temporary, SNAPSHOT_FILES.json), `${JSON.stringify(archived, null, 2)}\n`);
      fsyncDirectory(this.root, temporary);
      renameSync(temporary, join(pageDir, name));
    } catch (error) {
      // Only our own temporary is removed: whatever stood in its place (a planted link) is not ours.
      if (created) rmSync(temporary, { recursive: true, force: true });
      throw writeError(source, this.root, error);
    }
    // Renamed into place, the snapshot is stored: what fails from here on is a warning, not a failure.
    try {
      fsyncDirectory(this.root, pageDir);
    } catch (error) {
      this.onNote(`${source}: archived, but the page folder could not be synced to disk (${describeFsError(error)})`);
    }
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

  /** Appends the check line of each snapshot of the page that has none (see appendCheckOfStoredSnapshot). */
  private restoreMissingChecks(pageDir: string): void {
    for (const check of missingChecks(pageDir)) {
      appendCheck(this.root, pageDir, check);
      this.onNote(`added the missing check line of ${this.relativePath(join(pageDir, check.snapshot!))} to checks.ndjson`);
    }
  }

  /**
   * restoreMissingChecks for reindex: the checks are derived from the snapshots, so they are
   * indexed even when the line cannot be written (still no room), with a note.
   */
  private restoreMissingChecksForReindex(pageDir: string): CheckRecord[] {
    const missing = missingChecks(pageDir);
    for (const check of missing) {
      const snapshot = this.relativePath(join(pageDir, check.snapshot!));
      try {
        appendCheck(this.root, pageDir, check);
        this.onNote(`added the missing check line of ${snapshot} to checks.ndjson`);
      } catch (error) {
        this.onNote(`the missing check line of ${snapshot} could not be added to checks.ndjson (${describeFsError(error)})`);
      }
    }
    return missing;
  }

  /**
   * Runs `work` holding the archive's write lock. The lock is an exclusive SQLite transaction
   * on a file of its own: the kernel drops it when the process dies, so a killed run never
   * leaves the archive locked.
   */
  private withWriteLock<T>(source: string, work: () => T): T {
    if (this.holdsLock) return work();
    let lock: Database.Database;
    try {
      mkdirSync(this.root, { recursive: true });
      // As root, permissions never refuse a write, but a read-only mount still does: ask first.
      accessSync(this.root, constants.W_OK);
      // SQLite follows a link to its database: a planted lock or index would be written through.
      for (const file of [LOCK_FILE, INDEX_FILE]) refuseLinksOn(this.root, join(this.root, file));
      lock = new Database(join(this.root, LOCK_FILE));
      lock.pragma('busy_timeout = 120000');
      // The lock file never holds data: with no journal file, taking the lock needs no disk space
      // (on a full disk a run can still record a check in a block its log already has).
      lock.pragma('journal_mode = MEMORY');
      lock.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      throw writeError(source, this.root, error);
    }
    this.holdsLock = true;
    try {
      return work();
    } catch (error) {
      // A file-system error on the archive path is the archive's to explain, never "internal".
      throw isArchiveFsError(error) ? writeError(source, this.root, error) : error;
    } finally {
      this.holdsLock = false;
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    }
  }
}

/**
 * The Article plus how it was obtained: `url` is the page's own URL without fragment and
 * tracking parameters, `provenance.url` the URL it is filed under (`pageIdentity`).
 */
export function buildArchivedArticle(input: SnapshotInput, identity: PageIdentity): ArchivedArticle {
  const { article, capture, decoded } = input;
  const pageUrl = capture.url ? pageIdentityUrl(capture.url) : identity.url;
  const provenance: Provenance = {
    requestedUrl: capture.requestedUrl,
    url: identity.url,
    ignoredCanonical: identity.ignoredCanonical,
    source: capture.source,
    redirects: capture.redirects,
    status: capture.status,
    headers: capture.headers,
    fetchedAt: capture.fetchedAt,
    encoding: decoded.encoding,
    encodingSource: decoded.encodingSource,
    invalidBytes: decoded.invalidBytes,
    sha256: {
      capture: sha256Hex(capture.bytes),
      text: sha256Hex(article.text),
      content: sha256Hex(`${article.title ?? ''}\n\n${article.markdown}`),
    },
    clipfile: { version: clipfileVersion(), options: input.options },
    ...(capture.origin ? { origin: capture.origin } : {}),
    ...(input.rendered ? renderProvenance(input.rendered) : {}),
  };
  return { ...article, url: pageUrl, provenance };
}

/** A rendered page's provenance: what rendered it, why, when, and the digest of rendered.html. */
function renderProvenance(rendered: RenderedSnapshot): Pick<Provenance, 'rendered' | 'render'> {
  const { reason, browser, renderedAt, html } = rendered;
  return { rendered: true, render: { reason, browser, renderedAt, sha256: sha256Hex(html) } };
}

/** A URL as the index's page_urls hold it, or nothing when it is not a URL. */
function lookupForm(url: string): string[] {
  try {
    return [lookupUrl(url)];
  } catch {
    return [];
  }
}

/** The URLs a capture reached its page by: as requested, then each redirect (or --url for a file). */
function reachedBy(capture: Capture): string[] {
  const urls = [capture.requestedUrl, ...capture.redirects, ...(capture.url ? [capture.url] : [])];
  return [...new Set(urls.filter((url) => /^https?:\/\//i.test(url)))];
}

/** Whether anything (a folder, a file, a link) stands at `path`; a link is not followed. */
function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function folderMtime(dir: string): number | undefined {
  try {
    return statSync(dir).mtimeMs;
  } catch {
    return undefined;
  }
}

function hasChanges(changes: { gone: unknown[]; changed: unknown[] }): boolean {
  return changes.gone.length > 0 || changes.changed.length > 0;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function findPageFolder(hostDir: string, key: string): string | undefined {
  return safeReaddir(hostDir).find((entry) => entry.isDirectory() && isPageFolderOf(entry.name, key))?.name;
}

/** Complete snapshot folders of a page, oldest first (names sort by time). */
export function snapshotNames(pageDir: string): string[] {
  return safeReaddir(pageDir)
    .filter((entry) => entry.isDirectory() && SNAPSHOT_NAME.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareSnapshotNames);
}

function freeSnapshotNameIn(pageDir: string, base: string): string {
  // Any entry takes its name, a link or a file included: the rename must never land on one.
  return freeSnapshotName(new Set(safeReaddir(pageDir).map((entry) => entry.name)), base);
}

/** The latest complete snapshot of a page folder, if it has one. */
export function latestSnapshotName(pageDir: string): string | undefined {
  return snapshotNames(pageDir).at(-1);
}

/** The snapshot's article.json; undefined when missing, unreadable, or reached through a link. */
function readArchivedArticle(snapshotDir: string): ArchivedArticle | undefined {
  try {
    if (isLink(snapshotDir)) return undefined;
    return JSON.parse(readFileNoFollow(join(snapshotDir, SNAPSHOT_FILES.json)).toString('utf8')) as ArchivedArticle;
  } catch {
    return undefined;
  }
}

/**
 * Temporary folders left by a run that died; only the lock holder writes, so none is live. A
 * link in their place is refused, not removed: it is not ours.
 */
function removeAbandonedTemporaries(root: string, pageDir: string): void {
  refuseLinksOn(root, pageDir);
  for (const entry of safeReaddir(pageDir)) {
    if (!entry.name.startsWith(TEMP_PREFIX)) continue;
    if (entry.isSymbolicLink()) throw new PlantedLinkError(join(pageDir, entry.name));
    rmSync(join(pageDir, entry.name), { recursive: true, force: true });
  }
}

function appendCheck(root: string, pageDir: string, check: CheckRecord): void {
  const descriptor = openInsideRoot(root, join(pageDir, CHECKS_FILE), OPEN_FLAGS.append);
  try {
    writeSync(descriptor, `${JSON.stringify(check)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** The page's check log; a line cut short by a crash is skipped, a log reached through a link is not read. */
function readChecks(pageDir: string): CheckRecord[] {
  let content: string;
  try {
    content = readFileNoFollow(join(pageDir, CHECKS_FILE)).toString('utf8');
  } catch {
    return [];
  }
  const checks: CheckRecord[] = [];
  for (const line of content.split('\n')) {
    try {
      const check = JSON.parse(line) as CheckRecord;
      if (check.checkedAt && check.result) checks.push(check);
    } catch {
      // partial line
    }
  }
  return checks;
}

/**
 * The "archived" check of each snapshot whose line is missing from checks.ndjson, derived from
 * the snapshot itself (it was checked when it was fetched).
 */
function missingChecks(pageDir: string): CheckRecord[] {
  const recorded = new Set(readChecks(pageDir).filter((check) => check.result === 'archived').map((check) => check.snapshot));
  const missing: CheckRecord[] = [];
  for (const name of snapshotNames(pageDir)) {
    if (recorded.has(name)) continue;
    const article = readArchivedArticle(join(pageDir, name));
    if (article) missing.push({ checkedAt: article.provenance.fetchedAt, result: 'archived', snapshot: name });
  }
  return missing;
}

function writeFileDurably(root: string, path: string, data: string | Uint8Array): void {
  const descriptor = openInsideRoot(root, path, OPEN_FLAGS.createNew);
  try {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < buffer.length) written += writeSync(descriptor, buffer, written, buffer.length - written);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function fsyncDirectory(root: string, path: string): void {
  // Windows cannot open a folder to sync it; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const descriptor = openInsideRoot(root, path, OPEN_FLAGS.folder);
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * A folder's entries, [] when it cannot be read. A link in the folder's own place is not
 * followed (its entries would be somewhere else) unless `followLink` (the archive root).
 */
function safeReaddir(path: string, options: { followLink?: boolean } = {}): Dirent[] {
  try {
    if (!options.followLink && lstatSync(path).isSymbolicLink()) return [];
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Read-write when the folder allows it, else read-only (a read-only mount stays searchable). */
function openIndexForReadingAtLeast(file: string): IndexDatabase {
  try {
    return IndexDatabase.open(file);
  } catch (error) {
    const code = (error as { code?: string })?.code ?? '';
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') return IndexDatabase.open(file, { readonly: true });
    throw error;
  }
}

function isDamagedIndex(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    (error instanceof Error && /^not a clipfile index/.test(error.message))
  );
}

/** Errors of the file system (or of SQLite's files) met on the archive path, which writeError explains. */
function isArchiveFsError(error: unknown): boolean {
  if (error instanceof SourceError) return false;
  if (error instanceof PlantedLinkError || error instanceof OutsideRootError || error instanceof NotAFolderError) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(E[A-Z0-9]+|SQLITE_[A-Z_]+)$/.test(code);
}

/** What went wrong with a file, in a few words: "disk full", "permission denied", the link refused. */
function describeFsError(error: unknown): string {
  if (error instanceof PlantedLinkError || error instanceof OutsideRootError || error instanceof NotAFolderError) {
    return error.message;
  }
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'disk full';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'].includes(code)) return 'permission denied (read-only?)';
  return error instanceof Error ? error.message : String(error);
}

function writeError(source: string, root: string, error: unknown): SourceError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    error instanceof PlantedLinkError || error instanceof OutsideRootError || error instanceof NotAFolderError
      ? error.message
      : code === 'SQLITE_BUSY'
        ? `the archive ${root} stayed locked by another clipfile for 2 minutes`
        : `cannot write to the archive ${root}: ${describeFsError(error)}`;
  return new SourceError(source, 'archive-write', reason, { cause: error });
}

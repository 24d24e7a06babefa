/**
 * Keeping index.db in line with the archive folder, which is the truth: the index is opened
 * (read-only when the folder is), rebuilt from the snapshot folders when it is missing, empty,
 * damaged or of another version, and brought up to date with page folders changed by hand.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SourceError } from '../errors.js';
import { readChecks, restoreMissingChecks } from './checks-log.js';
import {
  entryExists,
  folderMtime,
  hasSnapshots,
  pageDirs,
  readArchivedArticle,
  relativeToRoot,
  snapshotNames,
  walkSnapshots,
  type PageDir,
} from './folders.js';
import { IndexDatabase, IndexFromOtherVersionError } from './index-db.js';
import { ARCHIVE_FILES } from './layout.js';
import { PlantedLinkError } from './safe-fs.js';
import type { WriteLock } from './write-lock.js';
import { plural } from '../text/index.js';

/** What a rebuild found. */
export interface ReindexCounts {
  pages: number;
  snapshots: number;
  checks: number;
}

/** Page folders changed since the index last saw them: keys whose folder is gone, and folders to index again. */
interface FolderChanges {
  gone: string[];
  changed: PageDir[];
}

export class IndexKeeper {
  private db: IndexDatabase | undefined;

  constructor(
    private readonly root: string,
    private readonly lock: WriteLock,
    private readonly onNote: (message: string) => void,
  ) {}

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  /**
   * The index, rebuilt from the folder first when it is missing, empty (a truncated file) or
   * unreadable, and brought in line with page folders changed by hand.
   */
  open(): IndexDatabase {
    if (this.db) return this.db;
    const file = join(this.root, ARCHIVE_FILES.index);
    if (!existsSync(file)) {
      if (hasSnapshots(this.root)) this.rebuild('index.db was missing');
    } else if (statSync(file).size === 0 && hasSnapshots(this.root)) {
      // SQLite would take an empty file for a new, empty index: the archive would look empty.
      this.rebuild('index.db was empty (0 bytes: truncated?)');
    } else {
      try {
        this.db = openIndexForReadingAtLeast(file);
        this.db.isEmpty();
        this.noteFolderChanges(this.db);
        return this.db;
      } catch (error) {
        this.close();
        this.rebuildUnreadable(error);
      }
    }
    mkdirSync(this.root, { recursive: true });
    this.db = IndexDatabase.open(file);
    return this.db;
  }

  /** A failing index never fails an archive run: the folder already holds the data. */
  update(work?: (db: IndexDatabase) => void): void {
    try {
      const db = this.open();
      if (work) db.transaction(() => work(db));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.onNote(`the index could not be updated (${reason}); run "clipfile reindex"`);
    }
  }

  /** Rebuilds index.db from the snapshot folders under the write lock; returns what it found. */
  reindex(): ReindexCounts {
    return this.lock.hold(this.root, () => this.rebuildUnlocked());
  }

  /** An index that could not be opened: one of another version is replaced, a damaged one set aside; else the error stands. */
  private rebuildUnreadable(error: unknown): void {
    // An index of another clipfile version is only derived data: replaced, not kept.
    if (error instanceof IndexFromOtherVersionError) {
      this.rebuild(`index.db was written by another version of clipfile (index schema ${error.foundVersion})`);
      return;
    }
    // Only a damaged file is set aside; a busy or read-only one is left alone.
    if (!isDamagedIndex(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    this.rebuild(`index.db could not be read (${reason})`, { setAside: true });
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

  /**
   * Brings the index in line with page folders changed by hand since it was written (a folder
   * deleted, renamed, a snapshot removed or copied in): noticed by each page folder's mtime,
   * which any entry added, removed or renamed in it changes. Returns a note, or null if the
   * index was in line.
   */
  private followFolder(db: IndexDatabase): string | null {
    if (!hasChanges(folderChanges(db, this.root))) return null;
    return this.lock.hold(this.root, () => {
      // Again under the lock: another clipfile may have caught up meanwhile.
      const changes = folderChanges(db, this.root);
      if (!hasChanges(changes)) return null;
      const goneFolders = changes.gone.map((key) => db.findPage(key)).map((page) => `${page?.host}/${page?.folder}`);
      db.transaction(() => {
        for (const key of changes.gone) db.removePage(key);
        for (const page of changes.changed) syncPage(db, this.root, page);
      });
      return folderChangesNote(goneFolders, changes.changed.length);
    });
  }

  private rebuild(why: string, options: { setAside?: boolean } = {}): void {
    const counts = this.lock.hold(this.root, () => {
      const file = join(this.root, ARCHIVE_FILES.index);
      if (options.setAside && existsSync(file)) {
        const aside = `${file}.unreadable-${Date.now()}`;
        renameSync(file, aside);
        for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
        this.onNote(`${why}; kept it as ${relative(this.root, aside)}`);
      }
      return this.rebuildUnlocked();
    });
    this.onNote(`${why}; rebuilt the index from the archive folder (${plural(counts.snapshots, 'snapshot')} of ${plural(counts.pages, 'page')})`);
  }

  /** Builds a new index file beside the old one, then renames it into place: a reader never sees half an index. */
  private rebuildUnlocked(): ReindexCounts {
    this.close();
    const file = join(this.root, ARCHIVE_FILES.index);
    const building = `${file}.rebuild-${process.pid}`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
    const db = IndexDatabase.open(building);
    let counts: ReindexCounts;
    try {
      counts = db.transaction(() => this.indexEverything(db));
      db.checkpoint();
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    renameSync(building, file);
    for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
    return counts;
  }

  /** Every snapshot and check of the folder into an empty index. */
  private indexEverything(db: IndexDatabase): ReindexCounts {
    const pages = new Set<string>();
    let snapshots = 0;
    let checks = 0;
    // A link planted in the archive is not followed: its pages are left out, with a note naming it.
    const onLink = (link: string) => this.onNote(`${new PlantedLinkError(link).message}: left out of the index`);
    for (const record of walkSnapshots(this.root, onLink)) {
      db.addSnapshot(record);
      pages.add(record.key);
      snapshots++;
    }
    for (const { dir, folder, key } of pageDirs(this.root)) {
      const page = db.findPage(key);
      if (!page) continue;
      // Read before the missing lines are added back, so that those are not counted twice.
      const recorded = readChecks(dir);
      const restored = restoreMissingChecks(this.root, dir, this.onNote, { tolerant: true });
      for (const check of [...recorded, ...restored]) {
        db.addCheck(key, page.url, page.host, folder, check);
        checks++;
      }
      const mtime = folderMtime(dir);
      if (mtime !== undefined) db.setFolderMtime(key, mtime);
    }
    return { pages: pages.size, snapshots, checks };
  }
}

/**
 * Brings the index up to date with one page folder: its snapshots and checks. A run killed
 * between the folder's rename and the index commit leaves the index behind; the next run on
 * the page catches up here.
 */
export function syncPage(db: IndexDatabase, root: string, page: PageDir): void {
  const { dir, key, host, folder } = page;
  const onDisk = snapshotNames(dir);
  const present = new Set(onDisk);
  const indexed = db.snapshotsOf(key);
  // A folder moved or renamed by hand: its snapshots are indexed again under their new paths.
  const moved = indexed.some((snapshot) => snapshot.path !== relativeToRoot(root, join(dir, snapshot.name)));
  for (const snapshot of indexed) if (moved || !present.has(snapshot.name)) db.removeSnapshot(key, snapshot.name);
  const kept = new Set(moved ? [] : indexed.map((snapshot) => snapshot.name));
  for (const name of onDisk) {
    if (kept.has(name)) continue;
    const article = readArchivedArticle(join(dir, name));
    if (article) db.addSnapshot({ path: relativeToRoot(root, join(dir, name)), name, pageFolder: folder, key, host, article });
  }
  const url = db.findPage(key)?.url;
  if (!url) return;
  for (const check of readChecks(dir)) db.addCheck(key, url, host, folder, check);
  const mtime = folderMtime(dir);
  if (mtime !== undefined) db.setFolderMtime(key, mtime);
}

/** Page folders gone, moved, renamed or changed since the index recorded their mtime, and new ones. */
function folderChanges(db: IndexDatabase, root: string): FolderChanges {
  const onDisk = new Map<string, PageDir>();
  for (const page of pageDirs(root)) onDisk.set(page.key, page);
  const gone: string[] = [];
  const changed: PageDir[] = [];
  const indexed = new Set<string>();
  for (const page of db.indexedFolders()) {
    indexed.add(page.key);
    const disk = onDisk.get(page.key);
    // Something still there in the folder's place (a planted link, say) is not a deletion:
    // the index keeps the page, and reading it refuses what stands there.
    if (!disk && !entryExists(join(root, page.host, page.folder))) gone.push(page.key);
    else if (!disk) continue;
    else if (disk.host !== page.host || disk.folder !== page.folder || folderMtime(disk.dir) !== page.folderMtime) {
      changed.push(disk);
    }
  }
  for (const [key, disk] of onDisk) if (!indexed.has(key) && snapshotNames(disk.dir).length) changed.push(disk);
  return { gone, changed };
}

function hasChanges(changes: FolderChanges): boolean {
  return changes.gone.length > 0 || changes.changed.length > 0;
}

/** "2 page folders gone from the archive (a/b, c/d): removed from the index; 1 page folder changed …". */
function folderChangesNote(goneFolders: string[], changedCount: number): string {
  const parts: string[] = [];
  if (goneFolders.length) {
    const shown = goneFolders.slice(0, 3).join(', ') + (goneFolders.length > 3 ? `, … (${goneFolders.length} in all)` : '');
    parts.push(`${plural(goneFolders.length, 'page folder')} gone from the archive (${shown}): removed from the index`);
  }
  if (changedCount) parts.push(`${plural(changedCount, 'page folder')} changed outside clipfile: indexed again`);
  return parts.join('; ');
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

/**
 * The archive folder as it stands on disk: page folders host by host, the snapshots of a page
 * (oldest first, so the latest is the last), and a snapshot's article.json. Nothing here
 * follows a symbolic link planted below the root, and nothing writes.
 */
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ArchivedArticle } from '../article.js';
import type { SnapshotRecord } from './index-db.js';
import { SNAPSHOT_FILES, SNAPSHOT_NAME, compareSnapshotNames, isPageFolderOf, keyOfPageFolder } from './layout.js';
import { isLink, readFileNoFollow } from './safe-fs.js';

/** A page folder found on disk: its path and what its place in the tree names. */
export interface PageDir {
  dir: string;
  host: string;
  folder: string;
  key: string;
}

/**
 * A folder's entries, [] when it cannot be read. A link in the folder's own place is not
 * followed (its entries would be somewhere else) unless `followLink` (the archive root).
 */
export function safeReaddir(path: string, options: { followLink?: boolean } = {}): Dirent[] {
  try {
    if (!options.followLink && lstatSync(path).isSymbolicLink()) return [];
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Whether anything (a folder, a file, a link) stands at `path`; a link is not followed. */
export function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** When a folder last changed (an entry added, removed or renamed in it); undefined when it is not there. */
export function folderMtime(dir: string): number | undefined {
  try {
    return statSync(dir).mtimeMs;
  } catch {
    return undefined;
  }
}

/** A path below the archive root as the index and outcomes write it: relative, with "/" separators. */
export function relativeToRoot(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** The page folder of `key` in a host folder, if there is one. */
export function findPageFolder(hostDir: string, key: string): string | undefined {
  return safeReaddir(hostDir).find((entry) => entry.isDirectory() && isPageFolderOf(entry.name, key))?.name;
}

/** Complete snapshot folders of a page, oldest first (names sort by time). */
export function snapshotNames(pageDir: string): string[] {
  return safeReaddir(pageDir)
    .filter((entry) => entry.isDirectory() && SNAPSHOT_NAME.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareSnapshotNames);
}

/** The latest complete snapshot of a page folder, if it has one. */
export function latestSnapshotName(pageDir: string): string | undefined {
  return snapshotNames(pageDir).at(-1);
}

/** The snapshot's article.json; undefined when missing, unreadable, or reached through a link. */
export function readArchivedArticle(snapshotDir: string): ArchivedArticle | undefined {
  try {
    if (isLink(snapshotDir)) return undefined;
    return JSON.parse(readFileNoFollow(join(snapshotDir, SNAPSHOT_FILES.json)).toString('utf8')) as ArchivedArticle;
  } catch {
    return undefined;
  }
}

/** Page folders, host by host; links in their place are not followed, and told to `onLink`. */
export function* pageDirs(root: string, onLink?: (link: string) => void): Generator<PageDir> {
  // The root may be a link (the user named it); nothing below it is followed.
  for (const host of safeReaddir(root, { followLink: true })) {
    if (host.name.startsWith('.')) continue;
    if (host.isSymbolicLink()) onLink?.(join(root, host.name));
    if (!host.isDirectory()) continue;
    for (const page of safeReaddir(join(root, host.name))) {
      const key = keyOfPageFolder(page.name);
      if (!key) continue;
      if (page.isSymbolicLink()) onLink?.(join(root, host.name, page.name));
      if (page.isDirectory()) yield { dir: join(root, host.name, page.name), host: host.name, folder: page.name, key };
    }
  }
}

/**
 * Every complete snapshot in the folder, as an index record. Symbolic links (a host, page or
 * snapshot folder, an article.json) are not followed; `onLink` hears of each.
 */
export function* walkSnapshots(root: string, onLink?: (link: string) => void): Generator<SnapshotRecord> {
  for (const { dir, host, folder, key } of pageDirs(root, onLink)) {
    if (onLink) {
      for (const entry of safeReaddir(dir)) {
        if (entry.isSymbolicLink() && SNAPSHOT_NAME.test(entry.name)) onLink(join(dir, entry.name));
      }
    }
    for (const name of snapshotNames(dir)) {
      const article = readArchivedArticle(join(dir, name));
      if (!article) {
        const json = join(dir, name, SNAPSHOT_FILES.json);
        if (onLink && isLink(json)) onLink(json);
        continue;
      }
      yield { path: relativeToRoot(root, join(dir, name)), name, pageFolder: folder, key, host, article };
    }
  }
}

/** Whether the folder holds at least one complete snapshot. */
export function hasSnapshots(root: string): boolean {
  return !walkSnapshots(root).next().done;
}

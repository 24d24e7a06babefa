import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Dirent,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * File access below an archive root that never follows a symbolic link. Whoever can write into
 * the archive folder could plant one (checks.ndjson → a file elsewhere, a host folder → another
 * folder) and have clipfile write or read through it. So every part of a path below the root is
 * lstat'ed from the root down, files are opened with O_NOFOLLOW (and O_CREAT|O_EXCL when new),
 * and the folder a file was opened in is checked to resolve inside the root, which catches a
 * link swapped in between the check and the open. The root itself may be a link: the user
 * chose it.
 */

// Windows has neither flag: there the lstat of each part is the whole check.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const DIRECTORY = constants.O_DIRECTORY ?? 0;

/** How `openInsideRoot` opens: a new file, the end of a log, a file to read, a folder to fsync. */
export const OPEN_FLAGS = {
  createNew: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
  append: constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT,
  read: constants.O_RDONLY,
  folder: constants.O_RDONLY | DIRECTORY,
} as const;

/** A symbolic link found where the archive expects a file or folder of its own. */
export class PlantedLinkError extends Error {
  override readonly name = 'PlantedLinkError';
  constructor(readonly link: string) {
    super(`refusing to follow the symbolic link ${link} planted in the archive`);
  }
}

/** A path that leads out of the archive root ("../other-archive/…", an absolute path elsewhere). */
export class OutsideRootError extends Error {
  override readonly name = 'OutsideRootError';
  constructor(
    readonly path: string,
    readonly root: string,
  ) {
    super(`${path} is outside the archive ${root}`);
  }
}

/** A name in the archive that should be a folder is a file (or something else). */
export class NotAFolderError extends Error {
  override readonly name = 'NotAFolderError';
  readonly code = 'ENOTDIR';
  constructor(readonly path: string) {
    super(`${path} is in the archive's way: it should be a folder`);
  }
}

/**
 * Whether `path` (absolute, or relative to `root`) stays inside the archive: it is the root or
 * below it once "..", "." and separators are resolved, and no part of it below the root is a
 * symbolic link (which could lead anywhere). Parts that do not exist yet are fine.
 */
export function insideRoot(root: string, path: string): boolean {
  return isLexicallyInside(root, path) && plantedLinkOn(root, path) === undefined;
}

/**
 * The absolute path of `path` (relative to `root`, or absolute) when it stays inside the
 * archive; throws OutsideRootError or PlantedLinkError otherwise.
 */
export function resolveInsideRoot(root: string, path: string): string {
  refuseLinksOn(root, path);
  return resolve(root, path);
}

/** The first symbolic link on the way from the root down to `path`, if any (absolute path). */
export function plantedLinkOn(root: string, path: string): string | undefined {
  for (const part of partsBelowRoot(root, path)) {
    let isLink: boolean;
    try {
      isLink = lstatSync(part).isSymbolicLink();
    } catch {
      // Missing (or unreadable): nothing below it can be a link yet; the operation itself will say.
      return undefined;
    }
    if (isLink) return part;
  }
  return undefined;
}

/** Throws unless `path` stays inside the archive without crossing a symbolic link. */
export function refuseLinksOn(root: string, path: string): void {
  if (!isLexicallyInside(root, path)) throw new OutsideRootError(path, root);
  const link = plantedLinkOn(root, path);
  if (link !== undefined) throw new PlantedLinkError(link);
}

/** Creates `path` and every missing folder between it and the root, one at a time, none through a link. */
export function makeFoldersInsideRoot(root: string, path: string): void {
  if (!isLexicallyInside(root, path)) throw new OutsideRootError(path, root);
  for (const part of partsBelowRoot(root, path)) {
    try {
      mkdirSync(part);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const stats = lstatSync(part);
    if (stats.isSymbolicLink()) throw new PlantedLinkError(part);
    if (!stats.isDirectory()) throw new NotAFolderError(part);
  }
  verifyResolvesInside(root, path);
}

/** Creates the folder `path`, which must not exist yet (a temporary name of ours), in a folder free of links. */
export function makeNewFolderInsideRoot(root: string, path: string): void {
  refuseLinksOn(root, dirname(path));
  try {
    mkdirSync(path);
  } catch (error) {
    if (errorCode(error) === 'EEXIST' && isLink(path)) throw new PlantedLinkError(path);
    throw error;
  }
  verifyResolvesInside(root, path);
}

/**
 * Opens a file (or, with OPEN_FLAGS.folder, a folder) below the root without following a link,
 * neither on the way nor at the end. Returns the descriptor; the caller closes it.
 */
export function openInsideRoot(root: string, path: string, flags: number): number {
  refuseLinksOn(root, dirname(path));
  if (NO_FOLLOW === 0 && isLink(path)) throw new PlantedLinkError(path);
  let descriptor: number;
  try {
    descriptor = openSync(path, flags | NO_FOLLOW);
  } catch (error) {
    // ELOOP from O_NOFOLLOW (EMLINK on FreeBSD), EEXIST from O_EXCL on a dangling link.
    if (['ELOOP', 'EMLINK', 'EEXIST', 'ENOTDIR'].includes(errorCode(error) ?? '') && isLink(path)) {
      throw new PlantedLinkError(path);
    }
    throw error;
  }
  try {
    verifyResolvesInside(root, dirname(path));
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
  return descriptor;
}

/** The bytes of a file below the root, read without following a link. */
export function readFileInsideRoot(root: string, path: string): Buffer {
  const descriptor = openInsideRoot(root, path, OPEN_FLAGS.read);
  try {
    return readFileSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** The entries of a folder below the root (the root included), reached without following a link. */
export function readFolderInsideRoot(root: string, path: string): Dirent[] {
  refuseLinksOn(root, path);
  return readdirSync(path, { withFileTypes: true });
}

/**
 * Reads a file, refusing a link in its place. For callers that checked the folders above it
 * already (a walk that met them as real folders).
 */
export function readFileNoFollow(path: string): Buffer {
  if (NO_FOLLOW === 0 && isLink(path)) throw new PlantedLinkError(path);
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    if (['ELOOP', 'EMLINK'].includes(errorCode(error) ?? '') && isLink(path)) throw new PlantedLinkError(path);
    throw error;
  }
  try {
    return readFileSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Whether `path` itself is a symbolic link (false when it does not exist). */
export function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isLexicallyInside(root: string, path: string): boolean {
  const below = relative(resolve(root), resolve(root, path));
  return below === '' || (!isAbsolute(below) && below !== '..' && !below.startsWith(`..${sep}`));
}

/** root/a, root/a/b, root/a/b/c for root/a/b/c: every part below the root, top down. */
function partsBelowRoot(root: string, path: string): string[] {
  const top = resolve(root);
  const below = relative(top, resolve(root, path));
  if (below === '') return [];
  const parts: string[] = [];
  let current = top;
  for (const name of below.split(sep)) {
    current = join(current, name);
    parts.push(current);
  }
  return parts;
}

/** The folder really is where its name says, below the real root: no link was swapped in on the way. */
function verifyResolvesInside(root: string, folder: string): void {
  const expected = join(realpathSync.native(root), relative(resolve(root), resolve(root, folder)));
  if (realpathSync.native(folder) !== expected) throw new PlantedLinkError(plantedLinkOn(root, folder) ?? folder);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

// ---------------------------------------------------------------------------------------------
// Names safe on any file system (ext4, NTFS, FAT, HFS+/APFS)

/** Device names Windows reserves, whatever the case and with any extension ("con", "aux.txt", "com1.log"). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(?=\.|$)/i;
/** The longest name ext4, NTFS, FAT and HFS+ all take is 255 bytes (UTF-16 units on NTFS). */
export const MAX_NAME_BYTES = 255;

/**
 * One folder name that every common file system takes and that names the same folder on all
 * of them: lower-case ASCII letters, digits, ".", "_" and "-" only (no separators, none of
 * `<>:"/\|?*`, no controls, no case to fold, nothing for HFS+ to decompose); no leading dot (no
 * "." or "..", nothing hidden); no trailing dot or space (Windows drops them); no Windows device
 * name (`con` → `con_`, `aux.test` → `aux_.test`); at most `maxLength` bytes. Deterministic.
 */
export function portableFolderName(name: string, options: { maxLength?: number; fallback: string }): string {
  const maxLength = Math.min(options.maxLength ?? MAX_NAME_BYTES, MAX_NAME_BYTES);
  let safe = name
    .replace(/[. ]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  safe = safe.replace(WINDOWS_RESERVED, '$1_');
  safe = safe.slice(0, maxLength).replace(/[. ]+$/, '');
  return safe || options.fallback;
}

/**
 * Whether `name` is a single folder name every common file system takes as it is: ASCII
 * letters, digits, ".", "_" and "-" only, no leading dot, no trailing dot or space, no Windows
 * device name, at most 255 bytes. (Snapshot names keep their upper-case "T" and "Z".)
 */
export function isPortableFolderName(name: string): boolean {
  return (
    /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) &&
    !/[. ]$/.test(name) &&
    !WINDOWS_RESERVED.test(name) &&
    Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES
  );
}

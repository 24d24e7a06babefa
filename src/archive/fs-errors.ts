/**
 * File-system errors met on the archive path, explained: what a person reads when a write
 * fails ("disk full", "permission denied", the planted link refused) instead of an errno.
 */
import { SourceError } from '../errors.js';
import { NotAFolderError, OutsideRootError, PlantedLinkError } from './safe-fs.js';

/** The archive refused a path itself (a planted link, a path out of the root, a file where a folder belongs). */
function isRefusedPath(error: unknown): error is PlantedLinkError | OutsideRootError | NotAFolderError {
  return error instanceof PlantedLinkError || error instanceof OutsideRootError || error instanceof NotAFolderError;
}

/** Errors of the file system (or of SQLite's files) met on the archive path, which writeError explains. */
export function isArchiveFsError(error: unknown): boolean {
  if (error instanceof SourceError) return false;
  if (isRefusedPath(error)) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(E[A-Z0-9]+|SQLITE_[A-Z_]+)$/.test(code);
}

/** What went wrong with a file, in a few words: "disk full", "permission denied", the link refused. */
export function describeFsError(error: unknown): string {
  if (isRefusedPath(error)) return error.message;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'disk full';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'].includes(code)) return 'permission denied (read-only?)';
  return error instanceof Error ? error.message : String(error);
}

/** The one-line 'archive-write' failure of `source` for an error met writing the archive at `root`. */
export function writeError(source: string, root: string, error: unknown): SourceError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = isRefusedPath(error)
    ? error.message
    : code === 'SQLITE_BUSY'
      ? `the archive ${root} stayed locked by another clipfile for 2 minutes`
      : `cannot write to the archive ${root}: ${describeFsError(error)}`;
  return new SourceError(source, 'archive-write', reason, { cause: error });
}

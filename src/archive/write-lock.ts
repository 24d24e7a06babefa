/**
 * The archive's write lock: one process at a time writes. The lock is an exclusive SQLite
 * transaction on a file of its own, so the kernel drops it when the process dies (even by
 * SIGKILL) and a killed run never leaves the archive locked.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isArchiveFsError, writeError } from './fs-errors.js';
import { ARCHIVE_FILES } from './layout.js';
import { refuseLinksOn } from './safe-fs.js';

/** How long a writer waits for another clipfile's lock before it gives up (writeError says so). */
const LOCK_WAIT_MS = 120_000;

export class WriteLock {
  /** The lock is held by this process already (an index rebuild inside a write, say). */
  private held = false;

  constructor(private readonly root: string) {}

  /**
   * Runs `work` holding the lock; re-entrant. A file-system error of the archive path, in
   * taking the lock or in `work`, becomes an 'archive-write' failure of `source`.
   */
  hold<T>(source: string, work: () => T): T {
    if (this.held) return work();
    const lock = this.take(source);
    this.held = true;
    try {
      return work();
    } catch (error) {
      // A file-system error on the archive path is the archive's to explain, never "internal".
      throw isArchiveFsError(error) ? writeError(source, this.root, error) : error;
    } finally {
      this.held = false;
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    }
  }

  private take(source: string): Database.Database {
    let lock: Database.Database | undefined;
    try {
      mkdirSync(this.root, { recursive: true });
      // As root, permissions never refuse a write, but a read-only mount still does: ask first.
      accessSync(this.root, constants.W_OK);
      // SQLite follows a link to its database: a planted lock or index would be written through.
      for (const file of [ARCHIVE_FILES.lock, ARCHIVE_FILES.index]) refuseLinksOn(this.root, join(this.root, file));
      lock = new Database(join(this.root, ARCHIVE_FILES.lock));
      lock.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
      // The lock file never holds data: with no journal file, taking the lock needs no disk space
      // (on a full disk a run can still record a check in a block its log already has).
      lock.pragma('journal_mode = MEMORY');
      lock.exec('BEGIN EXCLUSIVE');
      return lock;
    } catch (error) {
      lock?.close();
      throw writeError(source, this.root, error);
    }
  }
}

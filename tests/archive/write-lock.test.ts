/**
 * The archive's write lock (src/archive/write-lock.ts) on a real folder: it gives back what the
 * work returns, lets the same process in again, is free the moment the work ends (even by an
 * error), turns a file-system error of the archive into one 'archive-write' line, and refuses
 * a lock file planted as a link. The lock held across processes, and through SIGKILL, is
 * tested by tests/archive/crash.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { ARCHIVE_FILES } from '../../src/archive/layout.js';
import { WriteLock } from '../../src/archive/write-lock.js';

const scratch = mkdtempSync(join(tmpdir(), 'clipfile-write-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let archives = 0;
const freshRoot = () => join(scratch, `archive-${++archives}`);

/** Whether another connection could take the lock right now (no waiting). */
function lockIsFree(root: string): boolean {
  const other = new Database(join(root, ARCHIVE_FILES.lock));
  try {
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN EXCLUSIVE');
    other.exec('ROLLBACK');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    other.close();
  }
}

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to throw');
}

describe('WriteLock', () => {
  it('makes the archive folder, holds the lock during the work and returns its value', () => {
    const root = freshRoot();
    const lock = new WriteLock(root);
    const value = lock.hold('page.html', () => {
      expect(lockIsFree(root)).toBe(false);
      return 42;
    });
    expect(value).toBe(42);
    expect(existsSync(join(root, ARCHIVE_FILES.lock))).toBe(true);
    expect(lockIsFree(root)).toBe(true);
  });

  it('lets the process that holds it in again (an index rebuild inside a write)', () => {
    const root = freshRoot();
    const lock = new WriteLock(root);
    expect(lock.hold('a', () => lock.hold('a', () => 'inner'))).toBe('inner');
    expect(lockIsFree(root)).toBe(true);
  });

  it('is free again after the work throws, and passes an error that is not the file system’s as it is', () => {
    const root = freshRoot();
    const lock = new WriteLock(root);
    const bug = new TypeError('a bug');
    expect(thrownBy(() => lock.hold('a', () => { throw bug; }))).toBe(bug);
    expect(lockIsFree(root)).toBe(true);
  });

  it('turns a full disk met during the work into one archive-write line naming the source and the archive', () => {
    const root = freshRoot();
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const error = thrownBy(() => new WriteLock(root).hold('https://news.example/story', () => { throw full; }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({
      code: 'archive-write',
      message: `https://news.example/story: cannot write to the archive ${root}: disk full`,
    });
    expect((error as SourceError).cause).toBe(full);
  });

  it('says the archive stayed locked when SQLite gives up waiting for another clipfile', () => {
    const root = freshRoot();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const error = thrownBy(() => new WriteLock(root).hold('list.txt', () => { throw busy; }));
    expect(error).toMatchObject({ code: 'archive-write', reason: `the archive ${root} stayed locked by another clipfile for 2 minutes` });
  });

  it('refuses a lock file planted as a link, and writes nothing through it', () => {
    const root = freshRoot();
    new WriteLock(root).hold('first', () => undefined);
    rmSync(join(root, ARCHIVE_FILES.lock));
    const target = join(scratch, 'precious.txt');
    writeFileSync(target, 'keep me');
    symlinkSync(target, join(root, ARCHIVE_FILES.lock));
    let ran = false;
    const error = thrownBy(() => new WriteLock(root).hold('page.html', () => (ran = true)));
    expect(error).toMatchObject({ code: 'archive-write' });
    expect((error as SourceError).message).toMatch(/^page\.html: refusing to follow the symbolic link .*\.clipfile\.lock planted in the archive$/);
    expect(ran).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });
});

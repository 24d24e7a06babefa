/**
 * File-system errors on the archive path, explained (src/archive/fs-errors.ts): real errors of
 * the disk, of SQLite and of the archive's own refusals become the one-line 'archive-write'
 * failure a user reads; clipfile's own mistakes are not passed off as disk trouble.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { describeFsError, isArchiveFsError, writeError } from '../../src/archive/fs-errors.js';
import { refuseLinksOn } from '../../src/archive/safe-fs.js';

/** What `work` throws. */
function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const scratch = () => mkdtempSync(join(tmpdir(), 'clipfile-fs-errors-'));

describe('errors of the disk', () => {
  it('a full disk (/dev/full) reads "disk full"', () => {
    const error = thrown(() => writeFileSync('/dev/full', 'snapshot'));
    expect(isArchiveFsError(error)).toBe(true);
    expect(describeFsError(error)).toBe('disk full');
    const failure = writeError('https://news.example/a', '/srv/archive', error);
    expect(failure).toBeInstanceOf(SourceError);
    expect(failure.message).toBe('https://news.example/a: cannot write to the archive /srv/archive: disk full');
    expect([failure.code, failure.cause]).toEqual(['archive-write', error]);
  });

  it('a file where a folder should be keeps the system’s own words', () => {
    const root = scratch();
    writeFileSync(join(root, 'news.example'), 'not a folder');
    const error = thrown(() => mkdirSync(join(root, 'news.example', 'page')));
    expect(isArchiveFsError(error)).toBe(true);
    expect(describeFsError(error)).toMatch(/^ENOTDIR: not a directory/);
  });

  it('permission and quota errors say so in a few words', () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: system message`), { code });
    expect(describeFsError(errno('EACCES'))).toBe('permission denied (read-only?)');
    expect(describeFsError(errno('EROFS'))).toBe('permission denied (read-only?)');
    expect(describeFsError(errno('EDQUOT'))).toBe('disk quota exceeded');
  });
});

describe('errors of SQLite', () => {
  it('a read-only index.db is "permission denied"; one locked by another writer says how long it waited', () => {
    const file = join(scratch(), 'index.db');
    new Database(file).exec('CREATE TABLE t (x)').close();
    const readOnly = new Database(file, { readonly: true });
    const readOnlyError = thrown(() => readOnly.exec('INSERT INTO t VALUES (1)'));
    readOnly.close();
    expect(isArchiveFsError(readOnlyError)).toBe(true);
    expect(describeFsError(readOnlyError)).toBe('permission denied (read-only?)');

    const holder = new Database(file);
    const waiter = new Database(file, { timeout: 0 });
    holder.exec('BEGIN EXCLUSIVE');
    const busy = thrown(() => waiter.exec('INSERT INTO t VALUES (2)'));
    holder.exec('ROLLBACK');
    holder.close();
    waiter.close();
    expect(isArchiveFsError(busy)).toBe(true);
    expect(writeError('page.html', '/srv/archive', busy).reason).toBe('the archive /srv/archive stayed locked by another clipfile for 2 minutes');
  });
});

describe('the archive’s own refusals', () => {
  it('a planted symbolic link is refused in the refusal’s own words', () => {
    const root = scratch();
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'news.example'));
    const error = thrown(() => refuseLinksOn(root, join(root, 'news.example', 'page')));
    expect(isArchiveFsError(error)).toBe(true);
    expect(writeError('https://news.example/a', root, error).reason).toBe(
      `refusing to follow the symbolic link ${join(root, 'news.example')} planted in the archive`,
    );
    const outside = thrown(() => refuseLinksOn(root, '/etc/passwd'));
    expect(describeFsError(outside)).toBe(`/etc/passwd is outside the archive ${root}`);
  });
});

describe('what is not a file-system error', () => {
  it('a SourceError, clipfile’s own bug and Node’s argument errors are left to their callers', () => {
    expect(isArchiveFsError(new SourceError('a', 'archive-write', 'already explained'))).toBe(false);
    expect(isArchiveFsError(new TypeError('cannot read properties of undefined'))).toBe(false);
    const nodeArgument = thrown(() => writeFileSync(join(scratch(), 'x'), {} as unknown as string));
    expect((nodeArgument as NodeJS.ErrnoException).code).toBe('ERR_INVALID_ARG_TYPE');
    expect(isArchiveFsError(nodeArgument)).toBe(false);
    expect(isArchiveFsError(undefined)).toBe(false);
    expect(describeFsError('a string')).toBe('a string');
  });
});

/** Which archive a command works on (src/cli/archive-root.ts): -o, else $CLIPFILE_ARCHIVE, else ./archive. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addArchiveOption, archiveExists, archiveRoot } from '../../src/cli/archive-root.js';
import { testCommand } from '../helpers/commander.js';

const saved = process.env['CLIPFILE_ARCHIVE'];
afterEach(() => {
  if (saved === undefined) delete process.env['CLIPFILE_ARCHIVE'];
  else process.env['CLIPFILE_ARCHIVE'] = saved;
});

describe('archiveRoot', () => {
  it('takes -o / --archive first, then $CLIPFILE_ARCHIVE, then ./archive, as absolute paths', () => {
    process.env['CLIPFILE_ARCHIVE'] = '/srv/env-archive';
    const { cmd } = testCommand(addArchiveOption);
    cmd.parse(['node', 'extract', '-o', 'mine']);
    expect(archiveRoot(cmd.opts())).toBe(resolve('mine'));
    expect(archiveRoot({})).toBe('/srv/env-archive');
    delete process.env['CLIPFILE_ARCHIVE'];
    expect(archiveRoot({})).toBe(resolve('archive'));
    const long = testCommand(addArchiveOption).cmd;
    long.parse(['node', 'extract', '--archive', '/data/a']);
    expect(archiveRoot(long.opts())).toBe('/data/a');
  });

  it('says whether the archive folder is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clipfile-root-'));
    expect(archiveExists(dir)).toBe(true);
    expect(archiveExists(join(dir, 'archive'))).toBe(false);
  });
});

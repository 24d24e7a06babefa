/**
 * The primitives that keep the archive's reads and writes inside its root: real folders and
 * real symbolic links in a scratch folder, the targets outside checked byte for byte.
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OPEN_FLAGS,
  OutsideRootError,
  PlantedLinkError,
  insideRoot,
  makeFoldersInsideRoot,
  makeNewFolderInsideRoot,
  openInsideRoot,
  readFileInsideRoot,
  readFileNoFollow,
  readFolderInsideRoot,
  resolveInsideRoot,
} from '../../src/archive/safe-fs.js';
import { fingerprint } from '../helpers/archive-files.js';

const scratch = mkdtempSync(join(tmpdir(), 'clipfile-safe-fs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let root: string;
let outside: string;
let outsidePrint: Record<string, string>;
let run = 0;
beforeEach(() => {
  run++;
  root = join(scratch, `archive-${run}`);
  outside = join(scratch, `outside-${run}`);
  mkdirSync(join(root, 'host', 'page'), { recursive: true });
  mkdirSync(join(outside, 'page'), { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), 'not the archive\n');
  writeFileSync(join(outside, 'page', 'checks.ndjson'), '{"outside":true}\n');
  outsidePrint = fingerprint(outside);
});

function expectRefused(work: () => unknown, link: string): void {
  expect(work).toThrow(PlantedLinkError);
  expect(work).toThrow(`refusing to follow the symbolic link ${link} planted in the archive`);
  expect(fingerprint(outside)).toEqual(outsidePrint);
}

describe('insideRoot', () => {
  it('is true for paths below the root, the root itself, and parts not made yet', () => {
    for (const path of ['', '.', 'host', 'host/page', 'host/page/2026-11-25T20-58-54Z', 'host/../host/page', 'not/yet/made', join(root, 'host')]) {
      expect(insideRoot(root, path), path).toBe(true);
    }
  });

  it('is false for paths that lead out by "..", or elsewhere absolutely', () => {
    for (const path of ['..', '../other-archive/host/page/2026-11-25T20-58-54Z', 'host/../../x', 'host/page/../../../', outside, '/etc/passwd']) {
      expect(insideRoot(root, path), path).toBe(false);
    }
    expect(() => resolveInsideRoot(root, '../other-archive/x')).toThrow(OutsideRootError);
  });

  it('is false through a symbolic link below the root, wherever it points', () => {
    symlinkSync(outside, join(root, 'linked-host'));
    symlinkSync(join(root, 'host'), join(root, 'host-alias'));
    expect(insideRoot(root, 'linked-host/page')).toBe(false);
    expect(insideRoot(root, 'host-alias/page')).toBe(false);
    expect(() => resolveInsideRoot(root, 'linked-host/page/checks.ndjson')).toThrow(PlantedLinkError);
    expect(resolveInsideRoot(root, 'host/page')).toBe(join(root, 'host', 'page'));
  });

  it('follows a root that is itself a link (the user chose it)', () => {
    const alias = join(scratch, `alias-${run}`);
    symlinkSync(root, alias);
    expect(insideRoot(alias, 'host/page')).toBe(true);
    const descriptor = openInsideRoot(alias, join(alias, 'host', 'page', 'checks.ndjson'), OPEN_FLAGS.append);
    writeSync(descriptor, 'line\n');
    closeSync(descriptor);
    expect(readFileSync(join(root, 'host', 'page', 'checks.ndjson'), 'utf8')).toBe('line\n');
  });
});

describe('writing below the root', () => {
  it('appending refuses a file that is a link, and the target is unchanged', () => {
    const link = join(root, 'host', 'page', 'checks.ndjson');
    symlinkSync(join(outside, 'secret.txt'), link);
    expectRefused(() => openInsideRoot(root, link, OPEN_FLAGS.append), link);
  });

  it('creating refuses a dangling link and makes nothing at its target', () => {
    const link = join(root, 'host', 'page', 'article.json');
    symlinkSync(join(outside, 'made-by-clipfile.json'), link);
    expectRefused(() => openInsideRoot(root, link, OPEN_FLAGS.createNew), link);
    expect(existsSync(join(outside, 'made-by-clipfile.json'))).toBe(false);
  });

  it('opening refuses a link among the folders on the way, naming the first one', () => {
    rmSync(join(root, 'host'), { recursive: true });
    symlinkSync(outside, join(root, 'host'));
    expectRefused(() => openInsideRoot(root, join(root, 'host', 'page', 'checks.ndjson'), OPEN_FLAGS.append), join(root, 'host'));
    expectRefused(() => readFileInsideRoot(root, join(root, 'host', 'secret.txt')), join(root, 'host'));
    expectRefused(() => readFolderInsideRoot(root, join(root, 'host')), join(root, 'host'));
  });

  it('making folders refuses a linked host or page folder and creates nothing behind it', () => {
    symlinkSync(outside, join(root, 'other-host'));
    expectRefused(() => makeFoldersInsideRoot(root, join(root, 'other-host', 'new-page')), join(root, 'other-host'));
    expect(existsSync(join(outside, 'new-page'))).toBe(false);
    symlinkSync(join(outside, 'page'), join(root, 'host', 'linked-page'));
    expectRefused(() => makeFoldersInsideRoot(root, join(root, 'host', 'linked-page')), join(root, 'host', 'linked-page'));
    makeFoldersInsideRoot(root, join(root, 'fresh', 'page'));
    expect(existsSync(join(root, 'fresh', 'page'))).toBe(true);
  });

  it('a new folder (a temporary) is refused where a link stands, not made through it', () => {
    const temporary = join(root, 'host', 'page', '.tmp-2026-11-25T20-58-54Z-4242');
    symlinkSync(join(outside, 'page'), temporary);
    expectRefused(() => makeNewFolderInsideRoot(root, temporary), temporary);
    makeNewFolderInsideRoot(root, join(root, 'host', 'page', '.tmp-other'));
    expect(() => makeNewFolderInsideRoot(root, join(root, 'host', 'page', '.tmp-other'))).toThrow(/EEXIST/);
  });

  it('folders outside the root are refused before anything is made', () => {
    expect(() => makeFoldersInsideRoot(root, join(root, '..', `escaped-${run}`))).toThrow(OutsideRootError);
    expect(existsSync(join(scratch, `escaped-${run}`))).toBe(false);
  });
});

describe('reading a file in a folder already walked', () => {
  it('refuses the file when it is a link', () => {
    const link = join(root, 'host', 'page', 'article.json');
    symlinkSync(join(outside, 'secret.txt'), link);
    expectRefused(() => readFileNoFollow(link), link);
    writeFileSync(join(root, 'host', 'page', 'real.json'), '{}');
    expect(readFileNoFollow(join(root, 'host', 'page', 'real.json')).toString()).toBe('{}');
  });
});

/**
 * src/archive/folders.ts on real archive folders: page folders host by host, snapshots oldest
 * first, article.json read back, and planted links neither followed nor read.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  entryExists,
  findPageFolder,
  folderMtime,
  hasSnapshots,
  latestSnapshotName,
  pageDirs,
  readArchivedArticle,
  relativeToRoot,
  safeReaddir,
  snapshotNames,
  walkSnapshots,
} from '../../src/archive/folders.js';
import { writeSnapshot } from '../helpers/archived-snapshot.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'clipfile-folders-'));
}

const BRIDGE = 'https://news.example/bridge';
const FERRY = 'https://other.example/ferry';

describe('snapshots of a page folder', () => {
  it('lists complete snapshots oldest first, a second one of the same second after the first, and nothing else', () => {
    const pageDir = join(scratch(), 'page--0123456789');
    for (const name of ['2026-11-25T10-00-00Z-2', '2026-11-25T10-00-00Z-10', '2026-11-24T23-59-59Z', '2026-11-25T10-00-00Z']) {
      mkdirSync(join(pageDir, name), { recursive: true });
    }
    mkdirSync(join(pageDir, '.tmp-2026-11-26T00-00-00Z-123'));
    mkdirSync(join(pageDir, 'notes'));
    writeFileSync(join(pageDir, '2026-11-27T00-00-00Z'), 'a file, not a snapshot folder');
    expect(snapshotNames(pageDir)).toEqual([
      '2026-11-24T23-59-59Z',
      '2026-11-25T10-00-00Z',
      '2026-11-25T10-00-00Z-2',
      '2026-11-25T10-00-00Z-10',
    ]);
    expect(latestSnapshotName(pageDir)).toBe('2026-11-25T10-00-00Z-10');
  });

  it('has no snapshots and no latest one in a folder that is missing or a link', () => {
    const root = scratch();
    expect(snapshotNames(join(root, 'missing'))).toEqual([]);
    expect(latestSnapshotName(join(root, 'missing'))).toBeUndefined();
    const real = join(root, 'real');
    mkdirSync(join(real, '2026-11-25T10-00-00Z'), { recursive: true });
    symlinkSync(real, join(root, 'link'));
    expect(snapshotNames(real)).toEqual(['2026-11-25T10-00-00Z']);
    expect(snapshotNames(join(root, 'link'))).toEqual([]);
    expect(safeReaddir(join(root, 'link')).map((e) => e.name)).toEqual([]);
    expect(safeReaddir(join(root, 'link'), { followLink: true }).map((e) => e.name)).toEqual(['2026-11-25T10-00-00Z']);
  });

  it('finds the page folder of a key in a host folder, and no other', () => {
    const host = join(scratch(), 'news.example');
    mkdirSync(join(host, '2026-11-20-bridge--aaaaaaaaaa'), { recursive: true });
    mkdirSync(join(host, '2026-11-20-ferry--bbbbbbbbbb'));
    writeFileSync(join(host, 'x--cccccccccc'), 'a file');
    expect(findPageFolder(host, 'bbbbbbbbbb')).toBe('2026-11-20-ferry--bbbbbbbbbb');
    expect(findPageFolder(host, 'cccccccccc')).toBeUndefined();
    expect(findPageFolder(host, 'bbbbbbbbb')).toBeUndefined();
  });
});

describe('article.json', () => {
  it('reads a written snapshot back as the Article it archived', () => {
    const root = scratch();
    const written = writeSnapshot(root, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const article = readArchivedArticle(join(written.pageDir, written.name));
    expect(article?.title).toBe('The bridge report');
    expect(article?.provenance.fetchedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(article?.provenance.url).toBe(BRIDGE);
  });

  it('gives nothing for a missing, damaged or linked article.json, or a snapshot reached through a link', () => {
    const root = scratch();
    const written = writeSnapshot(root, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const snapshot = join(written.pageDir, written.name);
    expect(readArchivedArticle(join(root, 'nowhere'))).toBeUndefined();
    symlinkSync(snapshot, join(root, 'linked-snapshot'));
    expect(readArchivedArticle(join(root, 'linked-snapshot'))).toBeUndefined();

    const damaged = join(root, 'damaged');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'article.json'), '{"title": "cut sho');
    expect(readArchivedArticle(damaged)).toBeUndefined();

    const linked = join(root, 'linked-json');
    mkdirSync(linked);
    symlinkSync(join(snapshot, 'article.json'), join(linked, 'article.json'));
    expect(readArchivedArticle(linked)).toBeUndefined();
  });
});

describe('walking the archive', () => {
  it('yields each complete snapshot as an index record, skipping dot folders, stray files and unreadable snapshots', () => {
    const root = scratch();
    const first = writeSnapshot(root, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const second = writeSnapshot(root, BRIDGE, 'pier', '2026-11-25T12:00:00.000Z');
    const ferry = writeSnapshot(root, FERRY, 'ferry', '2026-11-25T11:00:00.000Z');
    mkdirSync(join(root, '.feeds', 'page--0123456789', '2026-11-25T10-00-00Z'), { recursive: true });
    writeFileSync(join(root, 'index.db'), '');
    mkdirSync(join(root, 'news.example', 'not-a-page-folder', '2026-11-25T10-00-00Z'), { recursive: true });
    mkdirSync(join(first.pageDir, '2026-11-26T00-00-00Z')); // no article.json: incomplete

    const records = [...walkSnapshots(root)].sort((a, b) => a.path.localeCompare(b.path));
    expect(records.map((r) => [r.path, r.name, r.key, r.host, r.pageFolder, r.article.title])).toEqual(
      [
        [`news.example/${first.folder}/${first.name}`, first.name, first.key, 'news.example', first.folder, 'The bridge report'],
        [`news.example/${first.folder}/${second.name}`, second.name, first.key, 'news.example', first.folder, 'The pier report'],
        [`other.example/${ferry.folder}/${ferry.name}`, ferry.name, ferry.key, 'other.example', ferry.folder, 'The ferry report'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(hasSnapshots(root)).toBe(true);
    expect([...pageDirs(root)].map((p) => `${p.host}/${p.folder}`).sort()).toEqual(
      [`news.example/${first.folder}`, `other.example/${ferry.folder}`].sort(),
    );
  });

  it('follows no planted link (host, page, snapshot or article.json) and names each to onLink', () => {
    const root = scratch();
    const outside = scratch();
    const elsewhere = writeSnapshot(outside, FERRY, 'ferry', '2026-11-25T11:00:00.000Z');
    const real = writeSnapshot(root, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    symlinkSync(join(outside, elsewhere.host), join(root, 'linked.example'));
    symlinkSync(elsewhere.pageDir, join(root, real.host, elsewhere.folder));
    symlinkSync(join(elsewhere.pageDir, elsewhere.name), join(real.pageDir, '2026-11-26T00-00-00Z'));
    mkdirSync(join(real.pageDir, '2026-11-27T00-00-00Z'));
    symlinkSync(join(elsewhere.pageDir, elsewhere.name, 'article.json'), join(real.pageDir, '2026-11-27T00-00-00Z', 'article.json'));

    const links: string[] = [];
    const records = [...walkSnapshots(root, (link) => links.push(link))];
    expect(records.map((r) => r.path)).toEqual([`${real.host}/${real.folder}/${real.name}`]);
    expect(links.sort()).toEqual(
      [
        join(root, 'linked.example'),
        join(root, real.host, elsewhere.folder),
        join(real.pageDir, '2026-11-26T00-00-00Z'),
        join(real.pageDir, '2026-11-27T00-00-00Z', 'article.json'),
      ].sort(),
    );
  });

  it('follows a root that is itself a link (the user named it), and finds nothing in an empty or missing folder', () => {
    const root = scratch();
    const real = writeSnapshot(root, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const alias = join(scratch(), 'archive-link');
    symlinkSync(root, alias);
    expect([...walkSnapshots(alias)].map((r) => r.path)).toEqual([`${real.host}/${real.folder}/${real.name}`]);
    expect(hasSnapshots(scratch())).toBe(false);
    expect(hasSnapshots(join(scratch(), 'missing'))).toBe(false);
  });
});

describe('small helpers', () => {
  it('tells an entry exists without following a link, even a dangling one', () => {
    const root = scratch();
    symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
    expect(entryExists(join(root, 'dangling'))).toBe(true);
    expect(entryExists(join(root, 'nowhere'))).toBe(false);
  });

  it("gives a folder's mtime, undefined when it is gone, and paths relative to the root with '/'", () => {
    const root = scratch();
    mkdirSync(join(root, 'a'));
    expect(typeof folderMtime(join(root, 'a'))).toBe('number');
    expect(folderMtime(join(root, 'gone'))).toBeUndefined();
    expect(relativeToRoot(root, join(root, 'news.example', 'page--0123456789', '2026-11-25T10-00-00Z'))).toBe(
      'news.example/page--0123456789/2026-11-25T10-00-00Z',
    );
  });
});

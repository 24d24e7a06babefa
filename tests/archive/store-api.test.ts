/**
 * Archive (src/archive/store.ts and the modules it is split into: snapshot-write, checks-log,
 * folders, index-upkeep, write-lock) called directly on real folders and a real index.db: what
 * a snapshot folder holds, when a check is all that is written, how the index follows the
 * folder when it is deleted, damaged or changed by hand. The CLI-level tests (store.test.ts,
 * archive.test.ts) cover links, full disks and the command line.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readChecks } from '../../src/archive/checks-log.js';
import { pageDirs, snapshotNames } from '../../src/archive/folders.js';
import { ARCHIVE_FILES, SNAPSHOT_FILES, TEMP_PREFIX } from '../../src/archive/layout.js';
import { Archive, type SnapshotInput } from '../../src/archive/store.js';
import { fetchedStory } from '../helpers/fetched-story.js';

const opened: Archive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
});

function newArchive(): { archive: Archive; root: string; notes: string[] } {
  const root = join(mkdtempSync(join(tmpdir(), 'clipfile-store-api-')), 'archive');
  const notes: string[] = [];
  const archive = new Archive(root, (note) => notes.push(note));
  opened.push(archive);
  return { archive, root, notes };
}

/** A page fetched from `url` at `fetchedAt`, extracted for real; `word` changes its content. */
function snapshotOf(url: string, word: string, fetchedAt: string, headers: Record<string, string> = {}): SnapshotInput {
  return fetchedStory(url, word, fetchedAt, { headers });
}

const URL_A = 'https://news.example/2026/bridge?utm_source=feed';

describe('storing snapshots', () => {
  it('writes a complete snapshot folder, then only a check while the content is the same', () => {
    const { archive, root } = newArchive();
    const first = archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z'));
    expect(first.status).toBe('archived');
    // Filed under the URL without its tracking parameter.
    expect(first.url).toBe('https://news.example/2026/bridge');
    expect(readdirSync(join(root, first.snapshotPath)).sort()).toEqual(
      [SNAPSHOT_FILES.json, SNAPSHOT_FILES.markdown, SNAPSHOT_FILES.source].sort(),
    );
    const again = archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T11:00:00.000Z'));
    expect(again).toEqual({ ...first, status: 'unchanged' });
    const changed = archive.storeSnapshot(snapshotOf(URL_A, 'ferry', '2026-11-25T12:00:00.000Z'));
    expect(changed.status).toBe('archived');
    expect(changed.key).toBe(first.key);

    const [page] = [...pageDirs(root)];
    expect(snapshotNames(page!.dir)).toEqual(['2026-11-25T10-00-00Z', '2026-11-25T12-00-00Z']);
    expect(readChecks(page!.dir).map((check) => [check.result, check.snapshot])).toEqual([
      ['archived', '2026-11-25T10-00-00Z'],
      ['unchanged', '2026-11-25T10-00-00Z'],
      ['archived', '2026-11-25T12-00-00Z'],
    ]);
    const db = archive.index();
    expect(db.snapshotsOf(first.key).map((s) => s.name)).toEqual(['2026-11-25T10-00-00Z', '2026-11-25T12-00-00Z']);
    expect(db.checksOf(first.key)).toHaveLength(3);
    expect(archive.readSnapshot(changed.snapshotPath)?.title).toBe('The ferry report');
  });

  it('gives a second snapshot of the same second its own name', () => {
    const { archive } = newArchive();
    const at = '2026-11-25T10:00:00.000Z';
    archive.storeSnapshot(snapshotOf(URL_A, 'bridge', at));
    const second = archive.storeSnapshot(snapshotOf(URL_A, 'ferry', at));
    expect(second.snapshotPath.endsWith('/2026-11-25T10-00-00Z-2')).toBe(true);
    expect(archive.index().listPages()[0]!.latestSnapshot).toBe('2026-11-25T10-00-00Z-2');
  });

  it('removes a temporary folder left by a run that died, and keeps the snapshots', () => {
    const { archive, root } = newArchive();
    const first = archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z'));
    const pageDir = join(root, first.snapshotPath, '..');
    const abandoned = join(pageDir, `${TEMP_PREFIX}2026-11-25T10-30-00Z-99999`);
    mkdirSync(abandoned);
    writeFileSync(join(abandoned, SNAPSHOT_FILES.source), 'half a page');
    archive.storeSnapshot(snapshotOf(URL_A, 'ferry', '2026-11-25T11:00:00.000Z'));
    expect(existsSync(abandoned)).toBe(false);
    expect(snapshotNames(pageDir)).toHaveLength(2);
  });

  it('puts back the check line of a snapshot that has none, with a note', () => {
    const { archive, root, notes } = newArchive();
    const first = archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z'));
    const pageDir = join(root, first.snapshotPath, '..');
    writeFileSync(join(pageDir, ARCHIVE_FILES.checks), '');
    archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T11:00:00.000Z'));
    expect(readChecks(pageDir).map((check) => check.result)).toEqual(['archived', 'unchanged']);
    expect(notes.join('\n')).toMatch(/added the missing check line of .*2026-11-25T10-00-00Z to checks\.ndjson/);
  });

  it('refuses a file or stdin without a page URL, naming the source', () => {
    const { archive } = newArchive();
    const input = snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z');
    expect(() => archive.storeSnapshot({ ...input, capture: { ...input.capture, url: null, requestedUrl: 'page.html' } })).toThrow(
      /needs --url/,
    );
  });
});

describe('conditional requests', () => {
  it('gives the latest snapshot\'s validators, and records a 304 as unchanged', () => {
    const { archive, root } = newArchive();
    expect(archive.hasPage(URL_A)).toBe(false);
    expect(archive.latestValidators(URL_A)).toBeUndefined();
    const first = archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z', { etag: '"v1"' }));
    expect(archive.hasPage('https://news.example/2026/bridge#comments')).toBe(true);
    expect(archive.latestValidators(URL_A)).toEqual({ etag: '"v1"', lastModified: undefined });
    const outcome = archive.recordNotModified(URL_A, '2026-11-26T10:00:00.000Z', URL_A);
    expect(outcome).toEqual({ ...first, status: 'unchanged' });
    const checks = readChecks(join(root, first.snapshotPath, '..'));
    expect(checks.at(-1)).toMatchObject({ result: 'unchanged', checkedAt: '2026-11-26T10:00:00.000Z' });
  });

  it('fails a 304 for a page the archive does not hold, naming the source', () => {
    const { archive } = newArchive();
    expect(() => archive.recordNotModified(URL_A, '2026-11-26T10:00:00.000Z', URL_A)).toThrow(/holds no snapshot/);
  });
});

describe('the index follows the folder', () => {
  it('is rebuilt from the snapshot folders when index.db is missing', () => {
    const { root } = newArchive();
    const writer = new Archive(root);
    const stored = writer.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z'));
    writer.close();
    rmSync(join(root, ARCHIVE_FILES.index));
    const notes: string[] = [];
    const reader = new Archive(root, (note) => notes.push(note));
    opened.push(reader);
    expect(reader.index().findPage(stored.key)?.url).toBe('https://news.example/2026/bridge');
    expect(notes).toEqual([expect.stringMatching(/index\.db was missing; rebuilt the index from the archive folder \(1 snapshot of 1 page\)/)]);
  });

  it('sets a damaged index.db aside and rebuilds it', () => {
    const { root } = newArchive();
    const writer = new Archive(root);
    writer.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z'));
    writer.close();
    writeFileSync(join(root, ARCHIVE_FILES.index), 'not a database, but long enough to be read as one '.repeat(100));
    const notes: string[] = [];
    const reader = new Archive(root, (note) => notes.push(note));
    opened.push(reader);
    expect(reader.index().listPages()).toHaveLength(1);
    expect(notes.join('\n')).toMatch(/index\.db could not be read .*; kept it as index\.db\.unreadable-\d+/);
    expect(readdirSync(root).some((name) => name.startsWith('index.db.unreadable-'))).toBe(true);
  });

  it('forgets a page folder deleted by hand and indexes one renamed by hand, with a note', () => {
    const { root } = newArchive();
    const writer = new Archive(root);
    const kept = writer.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z'));
    const gone = writer.storeSnapshot(snapshotOf('https://news.example/2026/ferry', 'ferry', '2026-11-25T10:00:00.000Z'));
    writer.close();
    rmSync(join(root, gone.snapshotPath, '..'), { recursive: true });
    const keptDir = join(root, kept.snapshotPath, '..');
    const renamed = join(root, 'news.example', `renamed-by-hand--${kept.key}`);
    renameSync(keptDir, renamed);

    const notes: string[] = [];
    const reader = new Archive(root, (note) => notes.push(note));
    opened.push(reader);
    const db = reader.index();
    expect(db.findPage(gone.key)).toBeUndefined();
    expect(db.findPage(kept.key)?.folder).toBe(`renamed-by-hand--${kept.key}`);
    expect(db.snapshotsOf(kept.key)[0]!.path).toBe(`news.example/renamed-by-hand--${kept.key}/2026-11-25T10-00-00Z`);
    expect(notes.join('\n')).toMatch(/1 page folder gone from the archive .*: removed from the index; 1 page folder changed outside clipfile: indexed again/);
  });

  it('reindex counts what the folder holds and matches what was indexed as it was written', () => {
    const { archive } = newArchive();
    archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T10:00:00.000Z'));
    archive.storeSnapshot(snapshotOf(URL_A, 'bridge', '2026-11-25T11:00:00.000Z'));
    archive.storeSnapshot(snapshotOf(URL_A, 'ferry', '2026-11-25T12:00:00.000Z'));
    const before = archive.index().listPages();
    expect(archive.reindex()).toEqual({ pages: 1, snapshots: 2, checks: 3 });
    expect(archive.index().listPages()).toEqual(before);
    expect(readFileSync(join(archive.root, ARCHIVE_FILES.index)).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});

/**
 * src/archive/index-queries.ts on real index files: the latest snapshot of a page (a second
 * snapshot of the same second included), pages by key, key prefix and URL, the page list with
 * its filters, and a page's snapshots and checks in time order.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  checksOf,
  findPage,
  indexedFolders,
  isEmpty,
  latestSnapshotOf,
  listPages,
  pagesByKeyPrefix,
  pagesByUrl,
  snapshotsOf,
  urlsOf,
} from '../../src/archive/index-queries.js';
import { addCheck, addSnapshot, setFolderMtime } from '../../src/archive/index-writes.js';
import { snapshotRecord } from '../helpers/archived-snapshot.js';
import { useScratchIndex } from '../helpers/index-file.js';

const open = useScratchIndex();

const BRIDGE = 'https://news.example/bridge';
const FERRY = 'https://news.example/ferry';
const MARKET = 'https://other.example/market';

/** Two snapshots of the bridge (10:00, 12:00), the ferry (11:00), the market (09:00). */
function threePages(db: Database.Database) {
  const bridge = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
  const pier = snapshotRecord(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z');
  const ferry = snapshotRecord(FERRY, 'ferry', '2026-11-25T11:00:00.000Z');
  const market = snapshotRecord(MARKET, 'market', '2026-11-25T09:00:00.000Z');
  for (const record of [pier, bridge, ferry, market]) addSnapshot(db, record);
  return { bridge, pier, ferry, market };
}

describe('pages', () => {
  it('is empty until a snapshot is added (a check alone adds none)', () => {
    const db = open();
    expect(isEmpty(db)).toBe(true);
    addCheck(db, '0123456789', FERRY, 'news.example', 'ferry--0123456789', { checkedAt: '2026-11-25T10:00:00.000Z', result: 'unchanged', snapshot: null });
    expect(isEmpty(db)).toBe(true);
    expect(listPages(db)).toEqual([]);
    addSnapshot(db, snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z'));
    expect(isEmpty(db)).toBe(false);
  });

  it('finds a page by its key in any case, and by a hex key prefix only', () => {
    const db = open();
    const { bridge, ferry, market } = threePages(db);
    expect(findPage(db, bridge.key.toUpperCase())).toEqual({ key: bridge.key, url: BRIDGE, host: 'news.example', folder: bridge.pageFolder });
    expect(findPage(db, 'ffffffffff')).toBeUndefined();
    expect(pagesByKeyPrefix(db, '')).toEqual([]);
    expect(pagesByKeyPrefix(db, bridge.key.slice(0, 6).toUpperCase()).map((p) => p.key)).toEqual([bridge.key]);
    // A LIKE wildcard is no hex digit: refused, not matched against every key.
    expect(pagesByKeyPrefix(db, '%')).toEqual([]);
    expect(pagesByKeyPrefix(db, '_')).toEqual([]);
    // Every key starts with one of the sixteen digits: all three pages, in key order.
    const all = [...'0123456789abcdef'].flatMap((digit) => pagesByKeyPrefix(db, digit)).map((p) => p.key);
    expect(all).toEqual([bridge.key, ferry.key, market.key].sort());
  });

  it('finds pages by URL in lookup form, of the kinds asked for, in key order', () => {
    const db = open();
    const { bridge, ferry } = threePages(db);
    addCheck(db, ferry.key, FERRY, 'news.example', ferry.pageFolder, {
      checkedAt: '2026-11-25T13:00:00.000Z',
      result: 'unchanged',
      snapshot: null,
      reachedBy: ['https://news.example/go'],
    });
    addCheck(db, bridge.key, BRIDGE, 'news.example', bridge.pageFolder, {
      checkedAt: '2026-11-25T13:00:00.000Z',
      result: 'unchanged',
      snapshot: null,
      reachedBy: ['https://news.example/go'],
    });
    expect(pagesByUrl(db, [])).toEqual([]);
    expect(pagesByUrl(db, [BRIDGE]).map((p) => p.url)).toEqual([BRIDGE]);
    expect(pagesByUrl(db, ['https://news.example/go']).map((p) => p.key)).toEqual([bridge.key, ferry.key].sort());
    expect(pagesByUrl(db, ['https://news.example/go'], ['identity', 'final', 'canonical'])).toEqual([]);
    const byKey = [bridge, ferry].sort((a, b) => a.key.localeCompare(b.key)).map((r) => r.article.provenance.url);
    expect(pagesByUrl(db, [BRIDGE, FERRY, 'https://news.example/none'], ['identity']).map((p) => p.url)).toEqual(byKey);
    expect(urlsOf(db, ferry.key)).toEqual([
      { url: FERRY, kind: 'final' },
      { url: FERRY, kind: 'identity' },
      { url: FERRY, kind: 'redirect' },
      { url: FERRY, kind: 'requested' },
      { url: 'https://news.example/go', kind: 'requested' },
    ]);
    expect(urlsOf(db, 'ffffffffff')).toEqual([]);
  });

  it("gives every page's folder with its recorded mtime, null until one is recorded", () => {
    const db = open();
    const { bridge, ferry } = threePages(db);
    setFolderMtime(db, bridge.key, 1764064800000);
    const folders = indexedFolders(db).sort((a, b) => a.key.localeCompare(b.key));
    expect(folders.find((f) => f.key === bridge.key)).toEqual({ key: bridge.key, url: BRIDGE, host: 'news.example', folder: bridge.pageFolder, folderMtime: 1764064800000 });
    expect(folders.find((f) => f.key === ferry.key)?.folderMtime).toBeNull();
    expect(folders).toHaveLength(3);
  });
});

describe('listPages', () => {
  it('lists pages by their latest snapshot, newest first, with snapshot counts and the last check', () => {
    const db = open();
    const { bridge, pier } = threePages(db);
    addCheck(db, bridge.key, BRIDGE, 'news.example', bridge.pageFolder, { checkedAt: '2026-11-25T14:00:00.000Z', result: 'unchanged', snapshot: null });
    const pages = listPages(db);
    expect(pages.map((p) => [p.url, p.snapshots, p.latestSnapshot, p.latestFetchedAt, p.title])).toEqual([
      [BRIDGE, 2, pier.name, '2026-11-25T12:00:00.000Z', 'The pier report'],
      [FERRY, 1, '2026-11-25T11-00-00Z', '2026-11-25T11:00:00.000Z', 'The ferry report'],
      [MARKET, 1, '2026-11-25T09-00-00Z', '2026-11-25T09:00:00.000Z', 'The market report'],
    ]);
    expect(pages[0]!.lastChecked).toBe('2026-11-25T14:00:00.000Z');
    expect(pages[1]!.lastChecked).toBeNull();
    expect(pages[0]!.publishedTime).toBe('2026-11-20T08:00:00.000Z');
  });

  it('keeps pages whose latest snapshot is at or after `since`, and those the host filter keeps', () => {
    const db = open();
    threePages(db);
    expect(listPages(db, { since: '2026-11-25T11:00:00.000Z' }).map((p) => p.url)).toEqual([BRIDGE, FERRY]);
    expect(listPages(db, { since: '2026-11-26' })).toEqual([]);
    expect(listPages(db, { host: (url) => new URL(url).hostname === 'other.example' }).map((p) => p.url)).toEqual([MARKET]);
    expect(
      listPages(db, { since: '2026-11-25T10:00:00.000Z', host: (url) => url.startsWith('https://news.') }).map((p) => p.url),
    ).toEqual([BRIDGE, FERRY]);
  });

  it('orders pages of one fetch time by URL', () => {
    const db = open();
    addSnapshot(db, snapshotRecord(FERRY, 'ferry', '2026-11-25T10:00:00.000Z'));
    addSnapshot(db, snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z'));
    expect(listPages(db).map((p) => p.url)).toEqual([BRIDGE, FERRY]);
  });
});

describe('the latest snapshot', () => {
  it('is the later of two snapshots of one second by name ("…Z-2" after "…Z")', () => {
    const db = open();
    const first = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const second = snapshotRecord(BRIDGE, 'pier', '2026-11-25T10:00:00.000Z');
    second.name = `${second.name}-2`;
    second.path = `${second.path}-2`;
    addSnapshot(db, second);
    addSnapshot(db, first);
    const latest = db
      .prepare<[string], { name: string }>(`SELECT name FROM snapshots WHERE id = ${latestSnapshotOf('(SELECT id FROM pages WHERE key = ?)')}`)
      .get(first.key);
    expect(latest).toEqual({ name: '2026-11-25T10-00-00Z-2' });
    expect(listPages(db).map((p) => [p.latestSnapshot, p.title])).toEqual([['2026-11-25T10-00-00Z-2', 'The pier report']]);
    expect(snapshotsOf(db, first.key).map((s) => s.name)).toEqual(['2026-11-25T10-00-00Z', '2026-11-25T10-00-00Z-2']);
  });
});

describe("a page's history", () => {
  it('gives its snapshots and checks oldest first, and nothing for an unknown key', () => {
    const db = open();
    const { bridge, pier } = threePages(db);
    for (const [checkedAt, result, snapshot] of [
      ['2026-11-25T12:00:00.000Z', 'archived', pier.name],
      ['2026-11-25T10:00:00.000Z', 'archived', bridge.name],
      ['2026-11-25T11:00:00.000Z', 'unchanged', null],
    ] as const) {
      addCheck(db, bridge.key, BRIDGE, 'news.example', bridge.pageFolder, { checkedAt, result, snapshot });
    }
    expect(snapshotsOf(db, bridge.key)).toEqual([
      {
        name: bridge.name,
        path: bridge.path,
        fetchedAt: '2026-11-25T10:00:00.000Z',
        title: 'The bridge report',
        byline: bridge.article.byline,
        wordCount: bridge.article.wordCount,
        contentSha256: bridge.article.provenance.sha256.content,
      },
      expect.objectContaining({ name: pier.name, title: 'The pier report' }),
    ]);
    expect(checksOf(db, bridge.key)).toEqual([
      { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: bridge.name },
      { checkedAt: '2026-11-25T11:00:00.000Z', result: 'unchanged', snapshot: null },
      { checkedAt: '2026-11-25T12:00:00.000Z', result: 'archived', snapshot: pier.name },
    ]);
    expect(snapshotsOf(db, 'ffffffffff')).toEqual([]);
    expect(checksOf(db, 'ffffffffff')).toEqual([]);
  });
});

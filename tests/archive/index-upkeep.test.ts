/**
 * src/archive/index-upkeep.ts on real archive folders and index files: the index rebuilt from
 * the folder when it is missing, empty, damaged or of another version (a damaged one kept
 * aside), brought in line with page folders changed by hand, and rebuilt on request with the
 * missing check lines restored and planted links left out; a failing update is only a note.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appendCheck, readChecks } from '../../src/archive/checks-log.js';
import { pageDirs } from '../../src/archive/folders.js';
import type { IndexDatabase } from '../../src/archive/index-db.js';
import { IndexKeeper, syncPage } from '../../src/archive/index-upkeep.js';
import { WriteLock } from '../../src/archive/write-lock.js';
import { writeSnapshot, type WrittenSnapshot } from '../helpers/archived-snapshot.js';

const keepers: IndexKeeper[] = [];
afterEach(() => {
  for (const keeper of keepers.splice(0)) keeper.close();
});

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'clipfile-index-upkeep-'));
}

function keeperOf(root: string): { keeper: IndexKeeper; notes: string[] } {
  const notes: string[] = [];
  const keeper = new IndexKeeper(root, new WriteLock(root), (note) => notes.push(note));
  keepers.push(keeper);
  return { keeper, notes };
}

const BRIDGE = 'https://news.example/bridge';
const FERRY = 'https://news.example/ferry';

let template: { root: string; bridge: WrittenSnapshot; pier: WrittenSnapshot; ferry: WrittenSnapshot } | undefined;

/**
 * An archive of two pages: the bridge twice (10:00, 12:00), the ferry once (11:00), each with its
 * check lines. Written once per file and copied: each snapshot written costs a handful of fsyncs.
 */
function twoPages(root: string): { bridge: WrittenSnapshot; pier: WrittenSnapshot; ferry: WrittenSnapshot } {
  if (!template) {
    const from = scratch();
    const bridge = writeSnapshot(from, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const pier = writeSnapshot(from, BRIDGE, 'pier', '2026-11-25T12:00:00.000Z');
    const ferry = writeSnapshot(from, FERRY, 'ferry', '2026-11-25T11:00:00.000Z');
    appendCheck(from, bridge.pageDir, { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: bridge.name });
    appendCheck(from, bridge.pageDir, { checkedAt: '2026-11-25T11:00:00.000Z', result: 'unchanged', snapshot: null });
    appendCheck(from, bridge.pageDir, { checkedAt: '2026-11-25T12:00:00.000Z', result: 'archived', snapshot: pier.name });
    appendCheck(from, ferry.pageDir, { checkedAt: '2026-11-25T11:00:00.000Z', result: 'archived', snapshot: ferry.name });
    template = { root: from, bridge, pier, ferry };
  }
  cpSync(template.root, root, { recursive: true });
  const moved = (written: WrittenSnapshot): WrittenSnapshot => ({ ...written, pageDir: join(root, written.host, written.folder) });
  return { bridge: moved(template.bridge), pier: moved(template.pier), ferry: moved(template.ferry) };
}

function pagesIn(db: IndexDatabase): [string, number, string][] {
  return db.listPages().map((page) => [page.url, page.snapshots, page.latestSnapshot]);
}

/** A page folder changed by hand an hour after the index saw it (the folder's mtime moves on). */
function touchedLater(dir: string): void {
  const later = new Date(Date.now() + 3_600_000);
  utimesSync(dir, later, later);
}

const REBUILT_TWO_PAGES = 'rebuilt the index from the archive folder (3 snapshots of 2 pages)';

describe('opening the index', () => {
  it('creates an empty index for an empty folder, with nothing to say', () => {
    const root = scratch();
    const { keeper, notes } = keeperOf(root);
    const db = keeper.open();
    expect(db.isEmpty()).toBe(true);
    expect(existsSync(join(root, 'index.db'))).toBe(true);
    expect(keeper.open()).toBe(db);
    expect(notes).toEqual([]);
  });

  it('rebuilds a missing index from the snapshot folders and their check logs', () => {
    const root = scratch();
    const { bridge, pier, ferry } = twoPages(root);
    const { keeper, notes } = keeperOf(root);
    const db = keeper.open();
    expect(notes).toEqual([`index.db was missing; ${REBUILT_TWO_PAGES}`]);
    expect(pagesIn(db)).toEqual([
      [BRIDGE, 2, pier.name],
      [FERRY, 1, ferry.name],
    ]);
    expect(db.checksOf(bridge.key).map((c) => [c.checkedAt, c.result])).toEqual([
      ['2026-11-25T10:00:00.000Z', 'archived'],
      ['2026-11-25T11:00:00.000Z', 'unchanged'],
      ['2026-11-25T12:00:00.000Z', 'archived'],
    ]);
    // Built beside index.db and renamed into place: nothing else is left in the root.
    expect(readdirSync(root).filter((name) => !name.endsWith('.example')).sort()).toEqual(['.clipfile.lock', 'index.db']);
  });

  it('rebuilds an index truncated to 0 bytes, which SQLite would take for an empty one', () => {
    const root = scratch();
    twoPages(root);
    writeFileSync(join(root, 'index.db'), '');
    const { keeper, notes } = keeperOf(root);
    expect(keeper.open().listPages()).toHaveLength(2);
    expect(notes).toEqual([`index.db was empty (0 bytes: truncated?); ${REBUILT_TWO_PAGES}`]);
  });

  it('replaces an index of another version, keeping no copy of it', () => {
    const root = scratch();
    twoPages(root);
    keeperOf(root).keeper.open();
    keepers.splice(0).forEach((k) => k.close());
    const raw = new Database(join(root, 'index.db'));
    raw.prepare("UPDATE meta SET value = '3' WHERE key = 'schema'").run();
    raw.close();
    const { keeper, notes } = keeperOf(root);
    expect(keeper.open().listPages()).toHaveLength(2);
    expect(notes).toEqual([`index.db was written by another version of clipfile (index schema 3); ${REBUILT_TWO_PAGES}`]);
    expect(readdirSync(root).filter((name) => name.startsWith('index.db'))).toEqual(['index.db']);
  });

  it('sets a damaged index aside under a new name and rebuilds it', () => {
    const root = scratch();
    twoPages(root);
    const damaged = 'this was index.db before the disk went bad; '.repeat(100);
    writeFileSync(join(root, 'index.db'), damaged);
    const { keeper, notes } = keeperOf(root);
    expect(keeper.open().listPages()).toHaveLength(2);
    const aside = readdirSync(root).filter((name) => name.startsWith('index.db.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^index\.db\.unreadable-\d+$/);
    expect(notes).toEqual([
      `index.db could not be read (file is not a database); kept it as ${aside[0]}`,
      `index.db could not be read (file is not a database); ${REBUILT_TWO_PAGES}`,
    ]);
  });
});

describe('following page folders changed by hand', () => {
  it('says nothing and changes nothing when the folder is as the index saw it', () => {
    const root = scratch();
    twoPages(root);
    keeperOf(root).keeper.open();
    keepers.splice(0).forEach((k) => k.close());
    const { keeper, notes } = keeperOf(root);
    expect(keeper.open().listPages()).toHaveLength(2);
    expect(notes).toEqual([]);
  });

  it('forgets a page whose folder was deleted, and indexes a snapshot copied in and one removed', () => {
    const root = scratch();
    const { bridge, ferry } = twoPages(root);
    keeperOf(root).keeper.open();
    keepers.splice(0).forEach((k) => k.close());

    rmSync(ferry.pageDir, { recursive: true });
    const later = writeSnapshot(root, BRIDGE, 'tunnel', '2026-11-26T09:00:00.000Z');
    rmSync(join(bridge.pageDir, bridge.name), { recursive: true });
    touchedLater(bridge.pageDir);

    const { keeper, notes } = keeperOf(root);
    const db = keeper.open();
    expect(notes).toEqual([
      `1 page folder gone from the archive (news.example/${ferry.folder}): removed from the index; 1 page folder changed outside clipfile: indexed again`,
    ]);
    expect(pagesIn(db)).toEqual([[BRIDGE, 2, later.name]]);
    expect(db.snapshotsOf(bridge.key).map((s) => s.title)).toEqual(['The pier report', 'The tunnel report']);
    expect(db.findPage(ferry.key)).toBeUndefined();
  });

  it('follows a page folder renamed by hand: its snapshots under their new paths', () => {
    const root = scratch();
    const { bridge, pier } = twoPages(root);
    keeperOf(root).keeper.open();
    keepers.splice(0).forEach((k) => k.close());
    const renamed = `my-favourite--${bridge.key}`;
    renameSync(bridge.pageDir, join(root, 'news.example', renamed));

    const { keeper, notes } = keeperOf(root);
    const db = keeper.open();
    expect(notes).toEqual(['1 page folder changed outside clipfile: indexed again']);
    expect(db.findPage(bridge.key)?.folder).toBe(renamed);
    expect(db.snapshotsOf(bridge.key).map((s) => s.path)).toEqual([
      `news.example/${renamed}/${bridge.name}`,
      `news.example/${renamed}/${pier.name}`,
    ]);
  });

  it('keeps a page whose folder was replaced by a planted link: that is no deletion', () => {
    const root = scratch();
    const { ferry } = twoPages(root);
    keeperOf(root).keeper.open();
    keepers.splice(0).forEach((k) => k.close());
    const outside = scratch();
    renameSync(ferry.pageDir, join(outside, ferry.folder));
    symlinkSync(join(outside, ferry.folder), ferry.pageDir);

    const { keeper, notes } = keeperOf(root);
    expect(keeper.open().findPage(ferry.key)?.url).toBe(FERRY);
    expect(notes).toEqual([]);
  });
});

describe('reindex', () => {
  it('rebuilds from the folder, restores missing check lines, and leaves planted links out with a note', () => {
    const root = scratch();
    const { bridge, ferry } = twoPages(root);
    // The "archived" line of the ferry's snapshot was lost (a full disk, say).
    writeFileSync(join(ferry.pageDir, 'checks.ndjson'), '');
    const outside = scratch();
    const elsewhere = writeSnapshot(outside, 'https://news.example/market', 'market', '2026-11-25T09:00:00.000Z');
    const link = join(root, 'news.example', elsewhere.folder);
    symlinkSync(elsewhere.pageDir, link);

    const { keeper, notes } = keeperOf(root);
    expect(keeper.reindex()).toEqual({ pages: 2, snapshots: 3, checks: 4 });
    expect(notes).toEqual([
      `refusing to follow the symbolic link ${link} planted in the archive: left out of the index`,
      `added the missing check line of news.example/${ferry.folder}/${ferry.name} to checks.ndjson`,
    ]);
    expect(readChecks(ferry.pageDir)).toEqual([{ checkedAt: '2026-11-25T11:00:00.000Z', result: 'archived', snapshot: ferry.name }]);
    const db = keeper.open();
    expect(pagesIn(db).map(([url]) => url)).toEqual([BRIDGE, FERRY]);
    expect(db.checksOf(bridge.key)).toHaveLength(3);
    // A second rebuild finds the same, and adds no line twice.
    expect(keeper.reindex()).toEqual({ pages: 2, snapshots: 3, checks: 4 });
    expect(readChecks(ferry.pageDir)).toHaveLength(1);
  });
});

describe('update', () => {
  it('runs the work in a transaction, and turns a failure into a note instead of an error', () => {
    const root = scratch();
    const { bridge } = twoPages(root);
    const { keeper, notes } = keeperOf(root);
    keeper.open();
    notes.splice(0);
    keeper.update((db) => db.addCheck(bridge.key, BRIDGE, 'news.example', bridge.folder, { checkedAt: '2026-11-26T10:00:00.000Z', result: 'unchanged', snapshot: null }));
    expect(keeper.open().checksOf(bridge.key)).toHaveLength(4);
    expect(() =>
      keeper.update((db) => {
        db.addCheck(bridge.key, BRIDGE, 'news.example', bridge.folder, { checkedAt: '2026-11-27T10:00:00.000Z', result: 'unchanged', snapshot: null });
        throw new Error('disk on fire');
      }),
    ).not.toThrow();
    expect(notes).toEqual(['the index could not be updated (disk on fire); run "clipfile reindex"']);
    // Rolled back: the check of the failed update is not in the index.
    expect(keeper.open().checksOf(bridge.key).map((c) => c.checkedAt)).not.toContain('2026-11-27T10:00:00.000Z');
  });
});

describe('syncPage', () => {
  it('catches the index up with a page folder written after the index last saw it: its snapshots and check lines', () => {
    const root = scratch();
    const { bridge } = twoPages(root);
    const { keeper } = keeperOf(root);
    const db = keeper.open();
    // A run killed between the folder's rename and the index commit.
    const later = writeSnapshot(root, BRIDGE, 'tunnel', '2026-11-26T09:00:00.000Z');
    appendCheck(root, bridge.pageDir, { checkedAt: '2026-11-26T09:00:00.000Z', result: 'archived', snapshot: later.name });
    appendFileSync(join(bridge.pageDir, 'checks.ndjson'), '{"checkedAt":"2026-11-26T10');
    const page = [...pageDirs(root)].find((p) => p.key === bridge.key)!;
    syncPage(db, root, page);
    expect(db.snapshotsOf(bridge.key).map((s) => s.name)).toEqual([bridge.name, '2026-11-25T12-00-00Z', later.name]);
    expect(db.checksOf(bridge.key).map((c) => c.checkedAt).at(-1)).toBe('2026-11-26T09:00:00.000Z');
    expect(db.checksOf(bridge.key)).toHaveLength(4);
    // Again: nothing is added twice.
    syncPage(db, root, page);
    expect(db.snapshotsOf(bridge.key)).toHaveLength(3);
    expect(db.checksOf(bridge.key)).toHaveLength(4);
  });
});

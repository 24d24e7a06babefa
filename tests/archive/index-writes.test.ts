/**
 * src/archive/index-writes.ts on real index files (opened by openIndexConnection): a snapshot
 * in with its page, URLs, full text and quotations, once only; checks; a page that follows its
 * renamed folder; and forgetting a snapshot or a page completely.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addCheck, addSnapshot, removePage, removeSnapshot, setFolderMtime } from '../../src/archive/index-writes.js';
import { quote, snapshotRecord } from '../helpers/archived-snapshot.js';
import { useScratchIndex } from '../helpers/index-file.js';

const open = useScratchIndex();

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function urls(db: Database.Database): [string, string][] {
  return (db.prepare('SELECT url, kind FROM page_urls ORDER BY kind, url').all() as { url: string; kind: string }[]).map((r) => [r.kind, r.url]);
}

const BRIDGE = 'https://news.example/bridge';
const FERRY = 'https://news.example/ferry';

describe('addSnapshot', () => {
  it('adds the page, its snapshot row, and the URLs it was reached by in lookup form', () => {
    const db = open();
    const record = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    record.article.provenance.requestedUrl = 'http://NEWS.example/Bridge/?utm_source=mail';
    record.article.provenance.redirects = ['http://NEWS.example/Bridge/?utm_source=mail', 'https://news.example/b%c3%a9', BRIDGE];
    record.article.canonicalUrl = 'https://www.news.example/bridge#top';
    addSnapshot(db, record);
    expect(db.prepare('SELECT url, key, host, folder, last_checked AS lastChecked FROM pages').all()).toEqual([
      { url: BRIDGE, key: record.key, host: 'news.example', folder: record.pageFolder, lastChecked: null },
    ]);
    expect(
      db.prepare('SELECT name, path, fetched_at AS fetchedAt, title, word_count AS words, content_sha256 AS content FROM snapshots').get(),
    ).toEqual({
      name: '2026-11-25T10-00-00Z',
      path: record.path,
      fetchedAt: '2026-11-25T10:00:00.000Z',
      title: 'The bridge report',
      words: record.article.wordCount,
      content: record.article.provenance.sha256.content,
    });
    expect(urls(db)).toEqual([
      ['canonical', 'https://www.news.example/bridge'],
      ['final', BRIDGE],
      ['identity', BRIDGE],
      ['redirect', 'http://news.example/Bridge'],
      ['redirect', 'https://news.example/b%C3%A9'],
      ['redirect', BRIDGE],
      ['requested', 'http://news.example/Bridge'],
    ]);
  });

  it("takes no canonical URL of another site, and no URL that is not a web address", () => {
    const db = open();
    const record = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    record.article.canonicalUrl = 'https://elsewhere.example/bridge';
    record.article.provenance.requestedUrl = '/home/me/saved/bridge.html';
    record.article.provenance.redirects = ['file:///home/me/saved/bridge.html', 'http://[bad'];
    addSnapshot(db, record);
    expect(urls(db)).toEqual([
      ['final', BRIDGE],
      ['identity', BRIDGE],
    ]);
  });

  it('indexes the text and quotations once: a snapshot added again changes nothing', () => {
    const db = open();
    const record = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z', {
      quotes: [
        quote('We will rebuild the pier', 'Anna Berg'),
        quote('It was a disaster', null, { speakerMention: 'a spokesman', partial: true }),
        quote('The ferry runs again', 'Anna Berg', { speakerMention: 'she', speakerGuessed: true }),
      ],
    });
    addSnapshot(db, record);
    addSnapshot(db, record);
    expect(count(db, 'snapshots')).toBe(1);
    expect(count(db, 'snapshots_fts')).toBe(1);
    expect(count(db, 'quotes_fts')).toBe(3);
    expect(
      db.prepare('SELECT position, text, speaker, speaker_mention AS mention, speaker_guessed AS guessed, partial FROM quotes ORDER BY position').all(),
    ).toEqual([
      { position: 0, text: 'We will rebuild the pier', speaker: 'Anna Berg', mention: 'Anna Berg', guessed: 0, partial: 0 },
      { position: 1, text: 'It was a disaster', speaker: null, mention: 'a spokesman', guessed: 0, partial: 1 },
      { position: 2, text: 'The ferry runs again', speaker: 'Anna Berg', mention: 'she', guessed: 1, partial: 0 },
    ]);
    const fts = db.prepare('SELECT title, quotes, speakers FROM snapshots_fts').get();
    // Speakers by name only: "a spokesman" and "she" are no names to search by.
    expect(fts).toEqual({
      title: 'The bridge report',
      quotes: 'Anna Berg: We will rebuild the pier\nIt was a disaster\nAnna Berg: The ferry runs again',
      speakers: 'Anna Berg',
    });
  });

  it('follows a page folder renamed by hand: the page keeps its key and URL, with the new folder', () => {
    const db = open();
    const first = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    addSnapshot(db, first);
    const moved = { ...snapshotRecord(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z'), pageFolder: 'renamed--x', host: 'moved.example' };
    moved.path = `moved.example/renamed--x/${moved.name}`;
    addSnapshot(db, moved);
    expect(db.prepare('SELECT url, key, host, folder FROM pages').all()).toEqual([
      { url: BRIDGE, key: first.key, host: 'moved.example', folder: 'renamed--x' },
    ]);
    expect(count(db, 'snapshots')).toBe(2);
  });
});

describe('addCheck', () => {
  it('records a check once, keeps the latest check time, and adds the web URLs it reached the page by', () => {
    const db = open();
    const record = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    addSnapshot(db, record);
    const { key, host, pageFolder } = record;
    addCheck(db, key, BRIDGE, host, pageFolder, { checkedAt: '2026-11-25T12:00:00.000Z', result: 'unchanged', snapshot: null, reachedBy: ['https://news.example/short/', 'file:///x', 42 as unknown as string] });
    addCheck(db, key, BRIDGE, host, pageFolder, { checkedAt: '2026-11-25T12:00:00.000Z', result: 'unchanged', snapshot: null });
    addCheck(db, key, BRIDGE, host, pageFolder, { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: record.name });
    addCheck(db, key, BRIDGE, host, pageFolder, { checkedAt: '2026-11-25T13:00:00.000Z', result: 'unchanged', snapshot: null, reachedBy: 'https://news.example/not-a-list' as unknown as string[] });
    expect(db.prepare('SELECT checked_at AS at, result, snapshot FROM checks ORDER BY checked_at').all()).toEqual([
      { at: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: record.name },
      { at: '2026-11-25T12:00:00.000Z', result: 'unchanged', snapshot: null },
      { at: '2026-11-25T13:00:00.000Z', result: 'unchanged', snapshot: null },
    ]);
    // An older check, added after a newer one, does not set the time back.
    expect(db.prepare('SELECT last_checked AS at FROM pages').get()).toEqual({ at: '2026-11-25T13:00:00.000Z' });
    expect(urls(db).filter(([kind]) => kind === 'requested')).toEqual([
      ['requested', BRIDGE],
      ['requested', 'https://news.example/short'],
    ]);
  });

  it('adds the page of a check that comes before any snapshot of it', () => {
    const db = open();
    addCheck(db, '0123456789', FERRY, 'news.example', 'ferry--0123456789', { checkedAt: '2026-11-25T10:00:00.000Z', result: 'unchanged', snapshot: null });
    expect(db.prepare('SELECT url, key, folder, last_checked AS at FROM pages').all()).toEqual([
      { url: FERRY, key: '0123456789', folder: 'ferry--0123456789', at: '2026-11-25T10:00:00.000Z' },
    ]);
  });
});

describe('setFolderMtime', () => {
  it("records the folder's mtime on its page, and nothing for an unknown key", () => {
    const db = open();
    const record = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    addSnapshot(db, record);
    setFolderMtime(db, record.key, 1764064800123.5);
    setFolderMtime(db, 'ffffffffff', 1);
    expect(db.prepare('SELECT key, folder_mtime AS mtime FROM pages').all()).toEqual([{ key: record.key, mtime: 1764064800123.5 }]);
  });
});

describe('forgetting', () => {
  it('removes one snapshot with its quotations and full text, and keeps the page and its other snapshot', () => {
    const db = open();
    const first = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z', { quotes: [quote('We will rebuild the pier', 'Anna Berg')] });
    const second = snapshotRecord(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z', { quotes: [quote('The pier is open', 'Jonas Berg')] });
    addSnapshot(db, first);
    addSnapshot(db, second);
    removeSnapshot(db, first.key, first.name);
    removeSnapshot(db, first.key, '2030-01-01T00-00-00Z');
    expect(db.prepare('SELECT name FROM snapshots').all()).toEqual([{ name: second.name }]);
    expect(db.prepare('SELECT text FROM quotes').all()).toEqual([{ text: 'The pier is open' }]);
    expect(db.prepare("SELECT text FROM quotes_fts WHERE quotes_fts MATCH 'rebuild OR pier'").all()).toEqual([{ text: 'The pier is open' }]);
    expect(db.prepare("SELECT title FROM snapshots_fts WHERE snapshots_fts MATCH 'bridge OR pier'").all()).toEqual([{ title: 'The pier report' }]);
    expect(count(db, 'pages')).toBe(1);
  });

  it('removes a page with everything of it, leaves other pages alone, and ignores an unknown key', () => {
    const db = open();
    const bridge = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z', { quotes: [quote('We will rebuild the pier', 'Anna Berg')] });
    const ferry = snapshotRecord(FERRY, 'ferry', '2026-11-25T11:00:00.000Z');
    addSnapshot(db, bridge);
    addSnapshot(db, snapshotRecord(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z'));
    addSnapshot(db, ferry);
    addCheck(db, bridge.key, BRIDGE, bridge.host, bridge.pageFolder, { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: bridge.name });
    removePage(db, bridge.key);
    removePage(db, 'ffffffffff');
    expect(db.prepare('SELECT key FROM pages').all()).toEqual([{ key: ferry.key }]);
    expect(count(db, 'snapshots')).toBe(1);
    expect(count(db, 'snapshots_fts')).toBe(1);
    expect(count(db, 'quotes')).toBe(0);
    expect(count(db, 'quotes_fts')).toBe(0);
    expect(count(db, 'checks')).toBe(0);
    expect(urls(db)).toEqual([
      ['final', FERRY],
      ['identity', FERRY],
      ['redirect', FERRY],
      ['requested', FERRY],
    ]);
  });
});

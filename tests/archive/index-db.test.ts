/**
 * IndexDatabase (src/archive/index-db.ts over index-schema, index-writes, index-queries and
 * index-search) on real SQLite files: the schema check, snapshots and checks in, pages,
 * latest snapshots, URLs, full-text hits and quotations out, and forgetting.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexDatabase, IndexFromOtherVersionError, NAMING_URL_KINDS, type SnapshotRecord } from '../../src/archive/index-db.js';
import { lookupUrl, pageIdentity, pageKey, snapshotFolderName } from '../../src/archive/layout.js';
import { parseSearchQuery } from '../../src/archive/search-query.js';
import { buildArchivedArticle } from '../../src/archive/store.js';
import { fetchedStory } from '../helpers/fetched-story.js';

const opened: IndexDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function indexFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'clipfile-index-db-')), 'index.db');
}

function open(file = indexFile(), options: { readonly?: boolean } = {}): IndexDatabase {
  const db = IndexDatabase.open(file, options);
  opened.push(db);
  return db;
}

/** The index record of a real extraction of a story page: `word` marks its text, `quote` adds a quotation. */
function record(url: string, word: string, fetchedAt: string, quote?: { speaker: string; words: string }): SnapshotRecord {
  const extraParagraph = quote ? `“${quote.words},” said ${quote.speaker}, who chairs the harbour board.` : undefined;
  const { article, capture, decoded } = fetchedStory(url, word, fetchedAt, { extraParagraph });
  const archived = buildArchivedArticle({ article, capture, decoded, options: {} }, pageIdentity(url, article.canonicalUrl));
  const key = pageKey(url);
  const name = snapshotFolderName(fetchedAt);
  return { path: `news.example/page--${key}/${name}`, name, pageFolder: `page--${key}`, key, host: 'news.example', article: archived };
}

const BRIDGE = 'https://news.example/bridge';
const FERRY = 'https://news.example/ferry';

describe('opening', () => {
  it('creates the tables in a new file, and opens them again read-only', () => {
    const file = indexFile();
    const db = open(file);
    expect(db.isEmpty()).toBe(true);
    db.addSnapshot(record(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z'));
    db.close();
    opened.splice(0);
    const reader = open(file, { readonly: true });
    expect(reader.readonly).toBe(true);
    expect(reader.isEmpty()).toBe(false);
  });

  it('refuses an index of another schema version, and a database that is no index', () => {
    const other = indexFile();
    open(other).close();
    opened.splice(0);
    const raw = new Database(other);
    raw.prepare("UPDATE meta SET value = '2' WHERE key = 'schema'").run();
    raw.close();
    expect(() => IndexDatabase.open(other)).toThrow(IndexFromOtherVersionError);

    const foreign = indexFile();
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    expect(() => IndexDatabase.open(foreign)).toThrow(/not a clipfile index \(unknown tables\)/);
  });
});

describe('pages and snapshots', () => {
  it('lists each page by its latest snapshot, newest first, and counts its snapshots', () => {
    const db = open();
    db.addSnapshot(record(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z'));
    db.addSnapshot(record(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z'));
    db.addSnapshot(record(FERRY, 'ferry', '2026-11-25T11:00:00.000Z'));
    // The same snapshot again changes nothing.
    db.addSnapshot(record(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z'));
    const pages = db.listPages();
    expect(pages.map((p) => [p.url, p.snapshots, p.latestSnapshot, p.title])).toEqual([
      [BRIDGE, 2, '2026-11-25T12-00-00Z', 'The pier report'],
      [FERRY, 1, '2026-11-25T11-00-00Z', 'The ferry report'],
    ]);
    expect(db.listPages({ since: '2026-11-25T11:30:00.000Z' }).map((p) => p.url)).toEqual([BRIDGE]);
    expect(db.snapshotsOf(pageKey(BRIDGE)).map((s) => s.name)).toEqual(['2026-11-25T10-00-00Z', '2026-11-25T12-00-00Z']);
    expect(db.pagesByKeyPrefix(pageKey(FERRY).slice(0, 6).toUpperCase()).map((p) => p.url)).toEqual([FERRY]);
  });

  it('finds a page by any URL it was reached by, the URLs naming it apart from those merely requested', () => {
    const db = open();
    db.addSnapshot(record(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z'));
    const shortLink = 'https://short.example/b1';
    db.addCheck(pageKey(BRIDGE), BRIDGE, 'news.example', `page--${pageKey(BRIDGE)}`, {
      checkedAt: '2026-11-26T10:00:00.000Z',
      result: 'unchanged',
      snapshot: '2026-11-25T10-00-00Z',
      reachedBy: [shortLink, 'not a url'],
    });
    expect(db.pagesByUrl([lookupUrl(shortLink)]).map((p) => p.url)).toEqual([BRIDGE]);
    expect(db.pagesByUrl([lookupUrl(shortLink)], NAMING_URL_KINDS)).toEqual([]);
    expect(db.pagesByUrl([lookupUrl(`${BRIDGE}/`)], NAMING_URL_KINDS).map((p) => p.url)).toEqual([BRIDGE]);
    expect(db.urlsOf(pageKey(BRIDGE)).map((u) => u.kind)).toContain('requested');
    expect(db.listPages()[0]!.lastChecked).toBe('2026-11-26T10:00:00.000Z');
  });

  it('forgets a page with its snapshots, checks, URLs and full text', () => {
    const db = open();
    db.addSnapshot(record(BRIDGE, 'lighthouse', '2026-11-25T10:00:00.000Z', { speaker: 'Anna Berg', words: 'We will rebuild the pier' }));
    db.addSnapshot(record(FERRY, 'ferry', '2026-11-25T11:00:00.000Z'));
    expect(db.search(parseSearchQuery('lighthouse')!)).toHaveLength(1);
    db.removePage(pageKey(BRIDGE));
    expect(db.findPage(pageKey(BRIDGE))).toBeUndefined();
    expect(db.pagesByUrl([lookupUrl(BRIDGE)])).toEqual([]);
    expect(db.search(parseSearchQuery('lighthouse')!)).toEqual([]);
    expect(db.quotesWithSpeakers({ allSnapshots: true })).toEqual([]);
    expect(db.listPages().map((p) => p.url)).toEqual([FERRY]);
  });
});

describe('full text', () => {
  it('searches the latest snapshot of each page unless every snapshot is asked for', () => {
    const db = open();
    db.addSnapshot(record(BRIDGE, 'lighthouse', '2026-11-25T10:00:00.000Z'));
    db.addSnapshot(record(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z'));
    const query = parseSearchQuery('lighthouse')!;
    expect(db.search(query)).toEqual([]);
    const all = db.search(query, { allSnapshots: true, markers: ['[', ']'] });
    expect(all.map((hit) => hit.snapshot)).toEqual(['2026-11-25T10-00-00Z']);
    expect(all[0]!.snippet).toContain('[lighthouse]');
    expect(all[0]!.score).toBeGreaterThan(0);
    expect(db.search(parseSearchQuery('title:pier')!).map((hit) => hit.title)).toEqual(['The pier report']);
  });

  it('finds quotations by every word of the speaker, and by words in them', () => {
    const db = open();
    db.addSnapshot(record(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z', { speaker: 'Anna Berg', words: 'We will rebuild the pier' }));
    db.addSnapshot(record(FERRY, 'ferry', '2026-11-25T11:00:00.000Z', { speaker: 'Jonas Berg', words: 'The ferry will run again' }));
    const berg = db.quotesBySpeaker('berg');
    expect(berg.map((q) => q.speaker)).toEqual(['Jonas Berg', 'Anna Berg']);
    expect(berg[1]).toMatchObject({ text: expect.stringMatching(/^We will rebuild the pier/), partial: false, url: BRIDGE, key: pageKey(BRIDGE) });
    expect(db.quotesBySpeaker('Anna Berg').map((q) => q.url)).toEqual([BRIDGE]);
    expect(db.quotesBySpeaker('berg', { words: 'ferry' }).map((q) => q.speaker)).toEqual(['Jonas Berg']);
    expect(db.quotesBySpeaker('—')).toEqual([]);
    expect(db.search(parseSearchQuery('speaker:"Anna Berg"')!).map((hit) => hit.url)).toEqual([BRIDGE]);
    expect(db.quotesWithSpeakers().map((q) => [q.speaker, q.host])).toEqual([
      ['Jonas Berg', 'news.example'],
      ['Anna Berg', 'news.example'],
    ]);
  });
});

/**
 * src/archive/index-search.ts on real index files: full-text hits ranked (title above text),
 * with snippets and limits, of the latest snapshot unless every one is asked for; quotations by
 * speaker (every word, case and accents ignored), and the stated speakers only for merging.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { quotesBySpeaker, quotesWithSpeakers, search } from '../../src/archive/index-search.js';
import { addSnapshot } from '../../src/archive/index-writes.js';
import { parseSearchQuery } from '../../src/archive/search-query.js';
import { quote, snapshotRecord } from '../helpers/archived-snapshot.js';
import { useScratchIndex } from '../helpers/index-file.js';

const open = useScratchIndex();

const BRIDGE = 'https://news.example/bridge';
const FERRY = 'https://news.example/ferry';
const MARKET = 'https://other.example/market';

function query(text: string) {
  const parsed = parseSearchQuery(text);
  if (!parsed) throw new Error(`no query in ${text}`);
  return parsed;
}

describe('search', () => {
  it('ranks a page with the word in its title above one with it only in its text, best first', () => {
    const db = open();
    const titled = snapshotRecord(BRIDGE, 'lighthouse', '2026-11-25T10:00:00.000Z');
    const mentioned = snapshotRecord(FERRY, 'ferry', '2026-11-25T11:00:00.000Z');
    mentioned.article.text += '\n\nThe old lighthouse keeper came to watch.';
    addSnapshot(db, mentioned);
    addSnapshot(db, titled);
    addSnapshot(db, snapshotRecord(MARKET, 'market', '2026-11-25T12:00:00.000Z'));
    const hits = search(db, query('lighthouse'));
    expect(hits.map((hit) => hit.url)).toEqual([BRIDGE, FERRY]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[1]!.score).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ key: titled.key, snapshot: titled.name, path: titled.path, fetchedAt: '2026-11-25T10:00:00.000Z', title: 'The lighthouse report' });
    // The default markers around each match, in the column that matched best.
    expect(hits[0]!.snippet).toContain('**lighthouse**');
    expect(hits[1]!.snippet).toMatch(/…?.*The old \*\*lighthouse\*\* keeper came to watch\./);
    expect(search(db, query('lighthouse'), { limit: 1 }).map((hit) => hit.url)).toEqual([BRIDGE]);
    expect(search(db, query('lighthouse'), { markers: ['<mark>', '</mark>'] })[1]!.snippet).toContain('The old <mark>lighthouse</mark> keeper');
    expect(search(db, query('submarine'))).toEqual([]);
  });

  it('ignores case and accents, and keeps to the latest snapshot of each page unless all are asked for', () => {
    const db = open();
    const first = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    first.article.text += '\n\nThey met at the Café Núñez by the harbour.';
    const second = snapshotRecord(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z');
    addSnapshot(db, first);
    addSnapshot(db, second);
    expect(search(db, query('cafe nunez'))).toEqual([]);
    const all = search(db, query('CAFE nunez'), { allSnapshots: true });
    expect(all.map((hit) => [hit.snapshot, hit.path])).toEqual([[first.name, first.path]]);
    expect(search(db, query('pier')).map((hit) => hit.snapshot)).toEqual([second.name]);
  });
});

describe('quotesBySpeaker', () => {
  function quoted(db: Database.Database) {
    const bridge = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z', {
      quotes: [
        quote('We will rebuild the pier', 'José Núñez'),
        quote('It is a disaster', null, { speakerMention: 'Khalimov', partial: true }),
        quote('The money is there', 'Anna Berg', { speakerMention: 'she', speakerGuessed: true }),
      ],
    });
    const ferry = snapshotRecord(FERRY, 'ferry', '2026-11-25T11:00:00.000Z', {
      quotes: [quote('The ferry will run again', 'Jonas Berg'), quote('Tickets stay cheap', 'Anna Berg')],
    });
    addSnapshot(db, bridge);
    addSnapshot(db, ferry);
    return { bridge, ferry };
  }

  it('finds quotations whose speaker has every word given, case and accents ignored, newest article first', () => {
    const db = open();
    const { bridge } = quoted(db);
    const nunez = quotesBySpeaker(db, 'jose NUNEZ');
    expect(nunez).toEqual([
      {
        speaker: 'José Núñez',
        speakerMention: 'José Núñez',
        text: 'We will rebuild the pier',
        cue: 'said',
        speakerGuessed: false,
        partial: false,
        paragraph: 0,
        start: 0,
        end: 24,
        confidence: 0.9,
        title: 'The bridge report',
        publishedTime: bridge.article.publishedTime,
        fetchedAt: '2026-11-25T10:00:00.000Z',
        url: BRIDGE,
        key: bridge.key,
        snapshot: bridge.name,
      },
    ]);
    expect(quotesBySpeaker(db, 'berg').map((q) => [q.speaker, q.text])).toEqual([
      ['Jonas Berg', 'The ferry will run again'],
      ['Anna Berg', 'Tickets stay cheap'],
      ['Anna Berg', 'The money is there'],
    ]);
    expect(quotesBySpeaker(db, 'Anna Lind')).toEqual([]);
    expect(quotesBySpeaker(db, 'berg', { limit: 1 }).map((q) => q.speaker)).toEqual(['Jonas Berg']);
  });

  it('finds a speaker by the mention as written, and marks a partial quotation and a guessed speaker', () => {
    const db = open();
    quoted(db);
    expect(quotesBySpeaker(db, 'khalimov').map((q) => [q.speaker, q.speakerMention, q.partial])).toEqual([[null, 'Khalimov', true]]);
    expect(quotesBySpeaker(db, 'anna').map((q) => [q.text, q.speakerGuessed])).toEqual([
      ['Tickets stay cheap', false],
      ['The money is there', true],
    ]);
  });

  it('keeps quotations with the words asked for, and finds nothing for a speaker of no letters or digits', () => {
    const db = open();
    quoted(db);
    expect(quotesBySpeaker(db, 'berg', { words: 'ferry OR money' }).map((q) => q.text)).toEqual([
      'The ferry will run again',
      'The money is there',
    ]);
    expect(quotesBySpeaker(db, 'berg', { words: 'submarine' })).toEqual([]);
    expect(quotesBySpeaker(db, '— “ ” …')).toEqual([]);
    // A name that is also FTS5 syntax is a word, not an operator.
    expect(quotesBySpeaker(db, 'NEAR OR')).toEqual([]);
  });

  it('keeps to the latest snapshot of each page unless all are asked for', () => {
    const db = open();
    quoted(db);
    addSnapshot(db, snapshotRecord(BRIDGE, 'pier', '2026-11-25T12:00:00.000Z', { quotes: [quote('The pier is open', 'José Núñez')] }));
    expect(quotesBySpeaker(db, 'nunez').map((q) => q.text)).toEqual(['The pier is open']);
    expect(quotesBySpeaker(db, 'nunez', { allSnapshots: true }).map((q) => q.text)).toEqual(['The pier is open', 'We will rebuild the pier']);
  });
});

describe('quotesWithSpeakers', () => {
  it('gives every quotation whose speaker the text states, with its host, and leaves out guesses and unnamed speakers', () => {
    const db = open();
    const bridge = snapshotRecord(BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z', {
      quotes: [
        quote('We will rebuild the pier', 'Anna Berg'),
        quote('It is a disaster', null, { speakerMention: 'a spokesman' }),
        quote('The money is there', 'Anna Berg', { speakerGuessed: true }),
      ],
    });
    const market = snapshotRecord(MARKET, 'market', '2026-11-25T11:00:00.000Z', { quotes: [quote('Stalls open at six', 'Jonas Berg')] });
    addSnapshot(db, bridge);
    addSnapshot(db, market);
    addSnapshot(db, snapshotRecord(MARKET, 'fair', '2026-11-25T12:00:00.000Z', { quotes: [quote('The fair is back', 'Jonas Berg')] }));
    expect(quotesWithSpeakers(db).map((q) => [q.speaker, q.text, q.host, q.speakerGuessed])).toEqual([
      ['Jonas Berg', 'The fair is back', 'other.example', false],
      ['Anna Berg', 'We will rebuild the pier', 'news.example', false],
    ]);
    expect(quotesWithSpeakers(db, { allSnapshots: true }).map((q) => q.text)).toEqual([
      'The fair is back',
      'Stalls open at six',
      'We will rebuild the pier',
    ]);
  });
});

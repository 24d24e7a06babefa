/**
 * src/archive/feed-state.ts on a real archive folder: a feed's validators and the entries it
 * listed, kept across reads and across new FeedStates of the same folder, bounded, and never
 * written through a planted link.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedStates, MAX_SEEN_ENTRIES } from '../../src/archive/feed-state.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'clipfile-feed-state-'));
}

const FEED = 'https://news.example/feed.xml';
const SITEMAP = 'https://news.example/sitemap.xml';

describe('FeedStates', () => {
  it('knows nothing of a feed never read', () => {
    expect(new FeedStates(scratch()).get(FEED)).toBeUndefined();
  });

  it("records a read's validators and entries, and gives them back to a later run", () => {
    const root = scratch();
    const recorded = new FeedStates(root).record(FEED, {
      etag: '"v1"',
      lastModified: 'Wed, 25 Nov 2026 10:00:00 GMT',
      checkedAt: '2026-11-25T10:00:00.000Z',
      entryIds: ['a', 'b'],
    });
    const expected = {
      feedUrl: FEED,
      etag: '"v1"',
      lastModified: 'Wed, 25 Nov 2026 10:00:00 GMT',
      checkedAt: '2026-11-25T10:00:00.000Z',
      seen: { a: '2026-11-25T10:00:00.000Z', b: '2026-11-25T10:00:00.000Z' },
    };
    expect(recorded).toEqual(expected);
    expect(new FeedStates(root).get(FEED)).toEqual(expected);
    // One file in .feeds, no temporary left beside it.
    const files = readdirSync(join(root, '.feeds'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{20}\.json$/);
  });

  it('keeps when each entry was first seen, adds new ones, and replaces the validators', () => {
    const states = new FeedStates(scratch());
    states.record(FEED, { etag: '"v1"', lastModified: null, checkedAt: '2026-11-25T10:00:00.000Z', entryIds: ['a', 'b'] });
    const second = states.record(FEED, { etag: null, lastModified: null, checkedAt: '2026-11-25T11:00:00.000Z', entryIds: ['b', 'c'] });
    expect(second.etag).toBeNull();
    expect(second.checkedAt).toBe('2026-11-25T11:00:00.000Z');
    expect(second.seen).toEqual({ a: '2026-11-25T10:00:00.000Z', b: '2026-11-25T10:00:00.000Z', c: '2026-11-25T11:00:00.000Z' });
  });

  it('keeps each feed apart', () => {
    const states = new FeedStates(scratch());
    states.record(FEED, { etag: '"feed"', lastModified: null, checkedAt: '2026-11-25T10:00:00.000Z', entryIds: ['a'] });
    states.record(SITEMAP, { etag: '"map"', lastModified: null, checkedAt: '2026-11-25T10:00:00.000Z', entryIds: ['z'] });
    expect(states.get(FEED)?.etag).toBe('"feed"');
    expect(Object.keys(states.get(FEED)!.seen)).toEqual(['a']);
    expect(states.get(SITEMAP)?.etag).toBe('"map"');
  });

  it(`forgets the entries first seen longest ago past ${MAX_SEEN_ENTRIES}`, () => {
    const states = new FeedStates(scratch());
    const old = Array.from({ length: MAX_SEEN_ENTRIES }, (_, i) => `old-${i}`);
    states.record(FEED, { etag: null, lastModified: null, checkedAt: '2026-11-25T10:00:00.000Z', entryIds: old.slice(0, 5) });
    states.record(FEED, { etag: null, lastModified: null, checkedAt: '2026-11-25T11:00:00.000Z', entryIds: old.slice(5) });
    const state = states.record(FEED, { etag: null, lastModified: null, checkedAt: '2026-11-25T12:00:00.000Z', entryIds: ['new-1', 'new-2', 'new-3'] });
    const ids = Object.keys(state.seen);
    expect(ids).toHaveLength(MAX_SEEN_ENTRIES);
    // The three forgotten are three of the five seen first; the new ones are kept.
    expect(old.slice(0, 5).filter((id) => !(id in state.seen))).toHaveLength(3);
    expect(old.slice(5).every((id) => id in state.seen)).toBe(true);
    expect(['new-1', 'new-2', 'new-3'].every((id) => state.seen[id] === '2026-11-25T12:00:00.000Z')).toBe(true);
  });

  it(`keeps exactly ${MAX_SEEN_ENTRIES} entries, and forgets the first seen at one more`, () => {
    const states = new FeedStates(scratch());
    const ids = Array.from({ length: MAX_SEEN_ENTRIES }, (_, i) => `e-${i}`);
    states.record(FEED, { etag: null, lastModified: null, checkedAt: '2026-11-25T10:00:00.000Z', entryIds: ids.slice(0, 1) });
    const full = states.record(FEED, { etag: null, lastModified: null, checkedAt: '2026-11-25T11:00:00.000Z', entryIds: ids.slice(1) });
    expect(Object.keys(full.seen)).toHaveLength(MAX_SEEN_ENTRIES);
    expect(full.seen['e-0']).toBe('2026-11-25T10:00:00.000Z');
    const over = states.record(FEED, { etag: null, lastModified: null, checkedAt: '2026-11-25T12:00:00.000Z', entryIds: ['next'] });
    expect(Object.keys(over.seen)).toHaveLength(MAX_SEEN_ENTRIES);
    expect('e-0' in over.seen).toBe(false);
    expect(over.seen.next).toBe('2026-11-25T12:00:00.000Z');
  });

  it('takes a damaged file, or one that names another feed, for a feed never read', () => {
    const root = scratch();
    const states = new FeedStates(root);
    states.record(FEED, { etag: '"v1"', lastModified: null, checkedAt: '2026-11-25T10:00:00.000Z', entryIds: ['a'] });
    const file = join(root, '.feeds', readdirSync(join(root, '.feeds'))[0]!);
    writeFileSync(file, JSON.stringify({ feedUrl: SITEMAP, etag: '"other"', lastModified: null, checkedAt: 'x', seen: {} }));
    expect(states.get(FEED)).toBeUndefined();
    writeFileSync(file, '{"feedUrl": "https://news.example/fe');
    expect(states.get(FEED)).toBeUndefined();
    // And a new read replaces it whole.
    states.record(FEED, { etag: '"v2"', lastModified: null, checkedAt: '2026-11-25T11:00:00.000Z', entryIds: ['b'] });
    expect(states.get(FEED)?.seen).toEqual({ b: '2026-11-25T11:00:00.000Z' });
  });

  it('neither reads nor writes through a .feeds folder that is a planted link', () => {
    const root = scratch();
    const outside = scratch();
    new FeedStates(outside).record(FEED, { etag: '"outside"', lastModified: null, checkedAt: '2026-11-25T10:00:00.000Z', entryIds: ['a'] });
    const before = readdirSync(join(outside, '.feeds')).map((name) => readFileSync(join(outside, '.feeds', name), 'utf8'));
    mkdirSync(root, { recursive: true });
    symlinkSync(join(outside, '.feeds'), join(root, '.feeds'));
    const states = new FeedStates(root);
    expect(states.get(FEED)).toBeUndefined();
    expect(() =>
      states.record(FEED, { etag: '"mine"', lastModified: null, checkedAt: '2026-11-25T11:00:00.000Z', entryIds: ['b'] }),
    ).toThrow();
    expect(readdirSync(join(outside, '.feeds')).map((name) => readFileSync(join(outside, '.feeds', name), 'utf8'))).toEqual(before);
  });
});

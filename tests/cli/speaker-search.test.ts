/**
 * `search speaker:NAME` over the merged speakers (src/cli/speaker-search.ts), on a real
 * index.db of real extractions: one person quoted under three forms on two sites, and a
 * namesake. A speaker term finds every page quoting the person and none of the namesake's; the
 * query's other words still hold; page text with FTS syntax in a speaker's name stays text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePage } from '../../src/acquire/index.js';
import type { Capture } from '../../src/article.js';
import { IndexDatabase } from '../../src/archive/index-db.js';
import type { SnapshotRecord } from '../../src/archive/index-rows.js';
import { hostFolderName, pageIdentity, pageKey, snapshotFolderName } from '../../src/archive/layout.js';
import { parseSearchQuery, type SearchQuery } from '../../src/archive/search-query.js';
import { buildArchivedArticle } from '../../src/archive/snapshot-write.js';
import { searchWithSpeakers } from '../../src/cli/speaker-search.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { quote } from '../helpers/archived-snapshot.js';
import { repoRoot } from '../helpers/cli.js';
import { emptyIndexFile } from '../helpers/index-file.js';

// The pages of tests/cli/speakers.test.ts: "Helena Marsh", "Marsh" (she), "Mrs. Marsh"; and "Victor Marsh" (he).
const FULL = 'https://news.example.com/2024/01/water-board-full';
const PRICES = 'https://news.example.com/2024/02/water-prices';
const BILLS = 'https://daily.example.org/2024/03/bills-promise';
const FARMER = 'https://daily.example.org/2024/04/farmer-rain';
const HOSTILE = 'https://daily.example.org/2024/05/hostile';
const PAGES = { 'water-board-full': FULL, 'water-prices': PRICES, 'bills-promise': BILLS, 'farmer-rain': FARMER };

/** A fixture page extracted for real, as the index records its snapshot. */
function record(html: string, url: string, fetchedAt: string): SnapshotRecord {
  const capture: Capture = { requestedUrl: url, url, source: 'http', redirects: [url], status: 200, headers: {}, contentType: 'text/html', bytes: new TextEncoder().encode(html), fetchedAt };
  const decoded = decodePage(capture);
  const article = extractArticle({ html: decoded.html, url, source: url });
  const archived = buildArchivedArticle({ article, capture, decoded, options: {} }, pageIdentity(url, article.canonicalUrl));
  const key = pageKey(url);
  const name = snapshotFolderName(fetchedAt);
  return { path: `${hostFolderName(url)}/page--${key}/${name}`, name, pageFolder: `page--${key}`, key, host: hostFolderName(url), article: archived };
}

let index: IndexDatabase;
let hostileRecord: SnapshotRecord;
beforeAll(() => {
  index = IndexDatabase.open(emptyIndexFile());
  index.db.pragma('synchronous = OFF');
  for (const [name, url] of Object.entries(PAGES)) {
    index.addSnapshot(record(readFileSync(resolve(repoRoot, 'fixtures/speakers', `${name}.html`), 'utf8'), url, '2026-11-20T08:00:00.000Z'));
  }
  // A page whose quoted "speaker" carries FTS5 syntax, as a hostile page may make it.
  hostileRecord = record(readFileSync(resolve(repoRoot, 'fixtures/speakers/farmer-rain.html'), 'utf8'), HOSTILE, '2026-11-20T09:00:00.000Z');
  hostileRecord.article.quotes = [quote('Rain again.', 'Ola" OR speaker:* NEAR(Berg', { speakerMention: 'Ola" OR speaker:* NEAR(Berg' })];
  index.addSnapshot(hostileRecord);
});
afterAll(() => index.close());

function query(text: string): SearchQuery {
  const parsed = parseSearchQuery(text);
  if (!parsed) throw new Error(`no query in ${text}`);
  return parsed;
}

const urls = (text: string, options: { limit?: number; allSnapshots?: boolean } = {}) =>
  searchWithSpeakers(index, query(text), options)
    .map((hit) => hit.url)
    .sort();

describe('searchWithSpeakers', () => {
  it('finds every page quoting the person under any of her forms, and none of the namesake’s', () => {
    expect(urls('speaker:"Helena Marsh"')).toEqual([BILLS, FULL, PRICES].sort());
    expect(urls('speaker:"Victor Marsh"')).toEqual([FARMER]);
  });

  it('keeps the query’s other words: her pages that mention bills', () => {
    expect(urls('speaker:"Helena Marsh" bills')).toEqual([BILLS, PRICES].sort());
    expect(urls('speaker:"Helena Marsh" AND bills')).toEqual([BILLS, PRICES].sort());
  });

  it('searches as the index does when no speaker term must hold, or no identity has the name', () => {
    for (const text of ['bills', 'speaker:Marsh* bills', 'speaker:"Helena Marsh" OR rain', 'speaker:Nobody']) {
      expect(searchWithSpeakers(index, query(text), {}), text).toEqual(index.search(query(text)));
    }
    expect(urls('speaker:Nobody')).toEqual([]);
  });

  it('applies the limit after keeping her pages, and no limit when it is negative', () => {
    expect(searchWithSpeakers(index, query('speaker:"Helena Marsh"'), { limit: 2 })).toHaveLength(2);
    expect(searchWithSpeakers(index, query('speaker:"Helena Marsh"'), { limit: -1 })).toHaveLength(3);
  });

  it('takes FTS syntax in a speaker’s name from a page as words, never as operators', () => {
    // Widened to that form, the search still finds only the page quoting it, not every page with a speaker.
    expect(urls('speaker:"Ola Berg"')).toEqual([HOSTILE]);
    expect(urls('speaker:Ola')).toEqual([HOSTILE]);
    expect(urls('speaker:"Helena Marsh"')).not.toContain(HOSTILE);
    expect(() => searchWithSpeakers(index, query('speaker:"title:* OR NEAR("'), {})).not.toThrow();
  });
});

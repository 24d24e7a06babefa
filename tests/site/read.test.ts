/**
 * What the site is built from (src/site/read.ts), read from a real archive folder and index.db:
 * every page with its snapshots oldest first, an Article by its snapshot, and the speakers'
 * quotations of each page's latest snapshot.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSitePages, readSiteSnapshot, readSpeakerQuotes } from '../../src/site/read.js';
import { BRIDGE_URL, FERRY_ADDITION, FERRY_QUOTE, FERRY_SPEAKER, FERRY_URL, siteArchive, type SiteArchive } from '../helpers/site-archive.js';

let site: SiteArchive;
beforeAll(() => {
  site = siteArchive();
});
afterAll(() => site.archive.close());

describe('readSitePages', () => {
  it('lists every page once, with its snapshots oldest first and what the history table shows of each', () => {
    const pages = readSitePages(site.archive);
    expect(pages.map((p) => p.url).sort()).toEqual([BRIDGE_URL, FERRY_URL].sort());
    const ferry = pages.find((p) => p.url === FERRY_URL)!;
    expect(ferry.key).toBe(site.ferry[0]!.key);
    expect(ferry.host).toBe('harbour.example');
    expect(ferry.snapshots.map((s) => s.path)).toEqual(site.ferry.map((s) => s.snapshotPath));
    expect(ferry.snapshots.map((s) => s.fetchedAt)).toEqual(['2026-11-21T08:00:00Z', '2026-11-22T08:00:00Z']);
    expect(ferry.snapshots[1]).toMatchObject({ title: 'The ferry report', name: site.ferry[1]!.snapshotPath.split('/').at(-1) });
    expect(ferry.snapshots[1]!.wordCount).toBeGreaterThan(ferry.snapshots[0]!.wordCount);
    expect(ferry.snapshots[0]!.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ferry.snapshots[0]!.contentSha256).not.toBe(ferry.snapshots[1]!.contentSha256);
  });
});

describe('readSiteSnapshot', () => {
  it('reads a snapshot’s Article, and nothing for a snapshot gone from the folder or a path out of the archive', () => {
    const [ferry] = readSitePages(site.archive).filter((p) => p.url === FERRY_URL);
    const latest = readSiteSnapshot(site.archive, ferry!.snapshots[1]!);
    expect(latest?.text).toContain(FERRY_ADDITION);
    expect(readSiteSnapshot(site.archive, { ...ferry!.snapshots[0]!, path: '../../etc' })).toBeUndefined();

    const bridge = readSitePages(site.archive).find((p) => p.url === BRIDGE_URL)!;
    rmSync(join(site.root, bridge.snapshots[0]!.path, 'article.json'));
    expect(readSiteSnapshot(site.archive, bridge.snapshots[0]!)).toBeUndefined();
  });
});

describe('readSpeakerQuotes', () => {
  it('gives the named speakers’ quotations of the latest snapshots only, with their page', () => {
    const quotes = readSpeakerQuotes(site.archive);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ speaker: FERRY_SPEAKER, key: site.ferry[0]!.key });
    expect(quotes[0]!.text).toContain(FERRY_QUOTE);
  });
});

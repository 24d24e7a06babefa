/**
 * The pages the site's modules are tested on (read, render-page, render-pool): story pages
 * extracted for real, one quoting a named speaker and given a second snapshot with a paragraph
 * added, one of a single snapshot. As a real archive (Archive.storeSnapshot, in this process),
 * or as the snapshots' Articles in memory with the page sources the site reads (no disk).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchivedArticle } from '../../src/article.js';
import { hostFolderName, pageIdentity, pageKey, snapshotFolderName } from '../../src/archive/layout.js';
import { buildArchivedArticle, type SnapshotInput } from '../../src/archive/snapshot-write.js';
import { Archive, type StoreOutcome } from '../../src/archive/store.js';
import type { SitePageSource } from '../../src/site/read.js';
import type { SnapshotReader } from '../../src/site/render-page.js';
import { fetchedStory } from './fetched-story.js';

export const FERRY_URL = 'https://harbour.example/2026/11/ferry';
export const BRIDGE_URL = 'https://coast.example/news/bridge';
export const FERRY_QUOTE = 'We will keep the night ferry running all winter';
export const FERRY_SPEAKER = 'Helena Marsh';
/** What the ferry story's second snapshot adds to its text. */
export const FERRY_ADDITION = 'The timetable changes on Monday.';

const QUOTED = `“${FERRY_QUOTE},” said ${FERRY_SPEAKER}, the council leader.`;

/** The snapshots, oldest first within a page: ferry (two), bridge (one). */
function storyInputs(): SnapshotInput[] {
  return [
    fetchedStory(FERRY_URL, 'ferry', '2026-11-21T08:00:00Z', { extraParagraph: QUOTED }),
    fetchedStory(FERRY_URL, 'ferry', '2026-11-22T08:00:00Z', { extraParagraph: `${QUOTED} ${FERRY_ADDITION}` }),
    fetchedStory(BRIDGE_URL, 'bridge', '2026-11-21T09:00:00Z'),
  ];
}

export interface SiteArchive {
  root: string;
  archive: Archive;
  ferry: StoreOutcome[];
  bridge: StoreOutcome;
}

/** The stories stored in a new archive folder. */
export function siteArchive(): SiteArchive {
  const root = join(mkdtempSync(join(tmpdir(), 'clipfile-site-archive-')), 'archive');
  const archive = new Archive(root);
  const [ferry1, ferry2, bridge] = storyInputs().map((input) => archive.storeSnapshot(input));
  return { root, archive, ferry: [ferry1!, ferry2!], bridge: bridge! };
}

/** The stories as the site reads them, from memory: the page sources, and a reader of their snapshots' Articles. */
export function sitePagesInMemory(): { ferry: SitePageSource; bridge: SitePageSource; read: SnapshotReader } {
  const articles = new Map<string, ArchivedArticle>();
  const pages = new Map<string, SitePageSource>();
  for (const input of storyInputs()) {
    const url = input.capture.url!;
    const article = buildArchivedArticle(input, pageIdentity(url, input.article.canonicalUrl));
    const key = pageKey(url);
    const name = snapshotFolderName(article.provenance.fetchedAt);
    const path = `${hostFolderName(url)}/page--${key}/${name}`;
    articles.set(path, article);
    let page = pages.get(url);
    if (!page) pages.set(url, (page = { key, url, host: hostFolderName(url), snapshots: [] }));
    page.snapshots.push({ name, path, fetchedAt: article.provenance.fetchedAt, title: article.title, wordCount: article.wordCount, contentSha256: article.provenance.sha256.content });
  }
  return { ferry: pages.get(FERRY_URL)!, bridge: pages.get(BRIDGE_URL)!, read: (path) => structuredClone(articles.get(path)) };
}

/**
 * A real snapshot folder on disk, written the way the archive writes one (writeSnapshotFolder
 * of a real extraction of a story page), for tests of the modules that read the folder back.
 */
import { join } from 'node:path';
import type { Quote } from '../../src/article.js';
import type { SnapshotRecord } from '../../src/archive/index-rows.js';
import { hostFolderName, newPageFolderName, pageIdentity, pageKey, snapshotFolderName } from '../../src/archive/layout.js';
import { buildArchivedArticle, freeSnapshotNameIn, writeSnapshotFolder, type SnapshotInput } from '../../src/archive/snapshot-write.js';
import { fetchedStory } from './fetched-story.js';

export interface WrittenSnapshot {
  /** The page folder (absolute), its host folder name, its own name and its key. */
  pageDir: string;
  host: string;
  folder: string;
  key: string;
  /** The snapshot folder's name, and its index record. */
  name: string;
  record: SnapshotRecord;
}

/** Archives a story page of `url` (its text marked by `word`) fetched at `fetchedAt` under `root`. */
export function writeSnapshot(
  root: string,
  url: string,
  word: string,
  fetchedAt: string,
  options: { extraParagraph?: string } = {},
): WrittenSnapshot {
  const input = options.extraParagraph ? fetchedStory(url, word, fetchedAt, options) : storyInput(url, word, fetchedAt);
  const archived = buildArchivedArticle(input, pageIdentity(url, input.article.canonicalUrl));
  const key = pageKey(url);
  const host = hostFolderName(url);
  // The page keeps the folder of its first snapshot, as the store does.
  const folder = newPageFolderName(url, null, '2026-11-20T08:00:00Z', fetchedAt);
  const pageDir = join(root, host, folder);
  const name = freeSnapshotNameIn(pageDir, snapshotFolderName(fetchedAt));
  writeSnapshotFolder(root, { source: url, pageDir, name }, archived, input, () => {});
  return { pageDir, host, folder, key, name, record: { path: `${host}/${folder}/${name}`, name, pageFolder: folder, key, host, article: archived } };
}

const extracted = new Map<string, SnapshotInput>();

/**
 * fetchedStory, extracted once per test file for each URL and word (an extraction takes a tenth
 * of a second or more): only the fetch time differs between snapshots.
 */
function storyInput(url: string, word: string, fetchedAt: string): SnapshotInput {
  const cacheKey = `${url}\n${word}`;
  let input = extracted.get(cacheKey);
  if (!input) extracted.set(cacheKey, (input = fetchedStory(url, word, fetchedAt)));
  return { ...input, capture: { ...input.capture, fetchedAt } };
}

/**
 * The index record of a snapshot of `url` (a real extraction of a story marked by `word`),
 * without writing a folder; `quotes` replaces the quotations the extraction found.
 */
export function snapshotRecord(url: string, word: string, fetchedAt: string, options: { quotes?: Quote[] } = {}): SnapshotRecord {
  const input = storyInput(url, word, fetchedAt);
  const archived = structuredClone(buildArchivedArticle(input, pageIdentity(url, input.article.canonicalUrl)));
  if (options.quotes) archived.quotes = options.quotes;
  const key = pageKey(url);
  const host = hostFolderName(url);
  const folder = `page--${key}`;
  const name = snapshotFolderName(fetchedAt);
  return { path: `${host}/${folder}/${name}`, name, pageFolder: folder, key, host, article: archived };
}

/** A quotation of an article, attributed to `speaker` (null: not told). */
export function quote(text: string, speaker: string | null, more: Partial<Quote> = {}): Quote {
  return {
    text,
    speaker,
    speakerMention: speaker,
    cue: 'said',
    partial: false,
    paragraph: 0,
    start: 0,
    end: text.length,
    pieces: [{ start: 0, end: text.length }],
    confidence: 0.9,
    ...more,
  };
}

/**
 * What the archive remembers of each feed or sitemap it has read: the validators of its last
 * response (so an unchanged feed costs one 304) and the entries seen, with when they were first
 * seen. One small JSON file per feed in ARCHIVE/.feeds/, replaced whole (written under a
 * temporary name, then renamed), never through a planted link.
 */
import { createHash } from 'node:crypto';
import { closeSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeFoldersInsideRoot, OPEN_FLAGS, openInsideRoot, readFileInsideRoot } from './safe-fs.js';

const FEEDS_FOLDER = '.feeds';
/** Entries remembered per feed; the oldest are forgotten first (a feed lists its newest few). */
export const MAX_SEEN_ENTRIES = 10_000;

export interface FeedState {
  feedUrl: string;
  etag: string | null;
  lastModified: string | null;
  checkedAt: string;
  /** Entry id → when it was first seen (ISO 8601). */
  seen: Record<string, string>;
}

export class FeedStates {
  constructor(private readonly root: string) {}

  /** The feed's state, or undefined when it was never read (or its file is unreadable). */
  get(feedUrl: string): FeedState | undefined {
    try {
      const state = JSON.parse(readFileInsideRoot(this.root, this.fileOf(feedUrl)).toString('utf8')) as FeedState;
      return state.feedUrl === feedUrl ? state : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records a read of the feed: its validators and the entries it listed now. */
  record(feedUrl: string, update: { etag: string | null; lastModified: string | null; checkedAt: string; entryIds: string[] }): FeedState {
    const previous = this.get(feedUrl);
    const seen: Record<string, string> = { ...previous?.seen };
    for (const id of update.entryIds) seen[id] ??= update.checkedAt;
    const ids = Object.keys(seen);
    if (ids.length > MAX_SEEN_ENTRIES) {
      ids.sort((a, b) => seen[a]!.localeCompare(seen[b]!));
      for (const id of ids.slice(0, ids.length - MAX_SEEN_ENTRIES)) delete seen[id];
    }
    const state: FeedState = { feedUrl, etag: update.etag, lastModified: update.lastModified, checkedAt: update.checkedAt, seen };
    this.write(feedUrl, state);
    return state;
  }

  private write(feedUrl: string, state: FeedState): void {
    const folder = join(this.root, FEEDS_FOLDER);
    makeFoldersInsideRoot(this.root, folder);
    const file = this.fileOf(feedUrl);
    const temporary = `${file}.tmp-${process.pid}-${Date.now()}`;
    const descriptor = openInsideRoot(this.root, temporary, OPEN_FLAGS.createNew);
    try {
      writeSync(descriptor, `${JSON.stringify(state)}\n`);
    } catch (error) {
      closeSync(descriptor);
      unlinkSync(temporary);
      throw error;
    }
    closeSync(descriptor);
    renameSync(temporary, file);
  }

  private fileOf(feedUrl: string): string {
    return join(this.root, FEEDS_FOLDER, `${createHash('sha256').update(feedUrl).digest('hex').slice(0, 20)}.json`);
  }
}

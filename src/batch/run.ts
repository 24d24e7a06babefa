/**
 * One archive run over a list of sources: http(s) URLs through the polite fetcher (robots.txt,
 * per-host limits and delay, retries, conditional requests), files and stdin read directly;
 * every page extracted by the given Extractor (an ExtractPool in the CLI) and stored in the
 * archive. Each source ends in exactly one outcome, reported as it happens; nothing here prints.
 *
 *   const run = new BatchRun(sources, archive, { fetcher, archive: { fetch, warc }, extract, onOutcome });
 *   await run.run();        // run.stop() (Ctrl-C) lets what is in flight finish, skips the rest;
 *                           // run.abandon() (Ctrl-C twice) reports what is in flight as interrupted too
 *
 * A URL listed twice (compared by pageIdentityUrl: fragment and tracking parameters dropped) is fetched once; each later listing gets
 * the first one's outcome with `duplicateOf` naming it.
 */
import { acquire } from '../acquire/index.js';
import { pageIdentityUrl } from '../archive/layout.js';
import type { Archive } from '../archive/store.js';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { type ArchiveOptions, type Extractor, storeCapture } from '../pipeline.js';
import { Admission } from './admission.js';
import type { PoliteFetcher } from './fetcher.js';

export type BatchStatus = 'archived' | 'unchanged' | 'failed' | 'skipped';

export interface BatchOutcome {
  /** The source as listed. */
  source: string;
  /** Its place in the list, from 0. */
  index: number;
  status: BatchStatus;
  /** The page URL it was filed under (archived, unchanged). */
  url: string | null;
  key: string | null;
  /** The snapshot folder relative to the archive root: the new one, or the latest when unchanged. */
  snapshotPath: string | null;
  title: string | null;
  /** How sure the extraction is that it found the story (archived, unchanged; null if unknown). */
  confidence: number | null;
  /** failed: what went wrong (a SourceError for anything expected). */
  error: unknown;
  /** skipped: why ("disallowed by robots.txt", "interrupted"). */
  skipReason: 'disallowed' | 'interrupted' | null;
  /** skipped as disallowed: the redirect hop robots.txt refused, when it is not the source itself. */
  disallowedHop: string | null;
  /** HTTP attempts made (1 unless retried); 0 for files, sources never requested and duplicates. */
  attempts: number;
  /** The source as first listed, when this one repeats it (same page); it was not fetched again. */
  duplicateOf: string | null;
}

export interface BatchRunOptions {
  fetcher: PoliteFetcher;
  archive: ArchiveOptions;
  extract: Extractor;
  /** Sources in hand at once (being fetched, extracted or stored). Default 16. */
  maxInHand?: number;
  /** Sources of one host (or of the local group) in hand at once. Default 4. */
  maxInHandPerHost?: number;
  onOutcome(outcome: BatchOutcome): void;
}

const LOCAL_GROUP = '';

export class BatchRun {
  private readonly admission: Admission<number>;
  private stopping = false;
  private abandoned = false;
  private wake: (() => void) | null = null;
  private readonly reported = new Set<number>();
  /** Sources started and not yet reported. */
  private readonly inFlight = new Set<number>();
  /** Later listings of a source, by the index of its first listing. */
  private readonly repeats = new Map<number, number[]>();
  /** Sources to fetch: the list without its repeats. */
  readonly uniqueSources: number;

  constructor(
    private readonly sources: readonly string[],
    private readonly store: Archive,
    private readonly options: BatchRunOptions,
  ) {
    this.admission = new Admission({ total: options.maxInHand ?? 16, perGroup: options.maxInHandPerHost ?? 4 });
    const firstListing = new Map<string, number>();
    sources.forEach((source, index) => {
      const identity = sourceIdentity(source);
      const first = identity === null ? undefined : firstListing.get(identity);
      if (first !== undefined) {
        const repeats = this.repeats.get(first);
        if (repeats) repeats.push(index);
        else this.repeats.set(first, [index]);
        return;
      }
      if (identity !== null) firstListing.set(identity, index);
      this.admission.add(groupOf(source), index);
    });
    this.uniqueSources = this.admission.pending;
  }

  /** Resolves once every source has its outcome. */
  async run(): Promise<void> {
    for (;;) {
      // Once stopping, nothing more is admitted; what is in hand finishes.
      for (let next = this.nextToStart(); next; next = this.nextToStart()) {
        const { group, item: index } = next;
        this.inFlight.add(index);
        void this.runOne(index).finally(() => {
          this.admission.done(group);
          this.wake?.();
        });
      }
      if (this.abandoned) break;
      if (this.admission.active === 0 && (this.admission.pending === 0 || this.stopping)) break;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    for (const index of this.admission.drain().sort((a, b) => a - b)) {
      this.report(index, { status: 'skipped', skipReason: 'interrupted' });
    }
  }

  private nextToStart(): { group: string; item: number } | undefined {
    return this.stopping ? undefined : this.admission.next();
  }

  /** Takes no new source; pages already requested or extracting finish and are stored. */
  stop(): void {
    this.stopping = true;
    this.options.fetcher.stop();
    this.wake?.();
  }

  /**
   * Stops now: the sources in flight are reported as interrupted at once (and never stored,
   * whatever their fetch or extraction still brings), then those not started; run() resolves.
   */
  abandon(): void {
    this.stop();
    this.abandoned = true;
    for (const index of [...this.inFlight].sort((a, b) => a - b)) {
      this.report(index, { status: 'skipped', skipReason: 'interrupted' });
    }
    this.wake?.();
  }

  private async runOne(index: number): Promise<void> {
    const source = this.sources[index]!;
    let attempts = 0;
    try {
      let capture: Capture;
      if (isHttpSource(source)) {
        checkUrl(source);
        const fetched = await this.options.fetcher.fetchPolitely(source, this.store.latestValidators(source) ?? {});
        if (fetched.kind === 'disallowed') {
          const disallowedHop = fetched.url === source ? null : fetched.url;
          return this.report(index, { status: 'skipped', skipReason: 'disallowed', disallowedHop, attempts: fetched.attempts });
        }
        if (fetched.kind === 'stopped') return this.report(index, { status: 'skipped', skipReason: 'interrupted' });
        attempts = fetched.attempts;
        capture = fetched.capture;
      } else {
        capture = await acquire(source, this.options.archive.fetch);
      }
      if (this.abandoned) return;
      // Abandoned while extracting: the page is not stored (its source is already reported).
      const extractUnlessAbandoned: Extractor = async (page) => {
        const article = await this.options.extract(page);
        if (this.abandoned) throw new Error('abandoned');
        return article;
      };
      const stored = await storeCapture(source, capture, this.options.archive, this.store, extractUnlessAbandoned);
      this.report(index, {
        status: stored.status,
        url: stored.url,
        key: stored.key,
        snapshotPath: stored.snapshotPath,
        title: stored.title,
        confidence: stored.confidence,
        attempts,
      });
    } catch (error) {
      attempts = error instanceof SourceError && error.attempts !== undefined ? error.attempts : attempts;
      this.report(index, { status: 'failed', error, attempts });
    }
  }

  /** Reports a source's one outcome (and its repeats'); any later one (after abandon()) is dropped. */
  private report(index: number, outcome: Partial<BatchOutcome> & { status: BatchStatus }): void {
    if (this.reported.has(index)) return;
    this.reported.add(index);
    this.inFlight.delete(index);
    const full: BatchOutcome = {
      source: this.sources[index]!,
      index,
      url: null,
      key: null,
      snapshotPath: null,
      title: null,
      confidence: null,
      error: null,
      skipReason: null,
      disallowedHop: null,
      attempts: 0,
      duplicateOf: null,
      ...outcome,
    };
    this.options.onOutcome(full);
    for (const repeat of this.repeats.get(index) ?? []) {
      this.options.onOutcome({ ...full, source: this.sources[repeat]!, index: repeat, attempts: 0, duplicateOf: full.source });
    }
  }
}

/** What makes two listings the same source: the page's identity URL, or the path of a file; none for stdin. */
function sourceIdentity(source: string): string | null {
  if (source === '-') return null;
  if (!isHttpSource(source)) return `file ${source}`;
  try {
    return pageIdentityUrl(source);
  } catch {
    return source; // a bad URL: its own failure, once
  }
}

/** An http(s) source that is no URL at all ("http://", "http://[::1") fails as bad-url, naming it. */
function checkUrl(source: string): void {
  try {
    new URL(source);
  } catch (error) {
    throw new SourceError(source, 'bad-url', 'invalid URL', { cause: error });
  }
}

export function isHttpSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Pacing is per host name and port, as the scheduler's; files and stdin share one group. */
function groupOf(source: string): string {
  if (!isHttpSource(source)) return LOCAL_GROUP;
  try {
    return new URL(source).host;
  } catch {
    return LOCAL_GROUP;
  }
}

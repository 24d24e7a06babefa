/**
 * One archive run over a list of sources: http(s) URLs through the polite fetcher (robots.txt,
 * per-host limits and delay, retries, conditional requests), files and stdin read directly;
 * every page extracted by the given Extractor (an ExtractPool in the CLI) and stored in the
 * archive. Each source ends in exactly one outcome, reported as it happens; nothing here prints.
 *
 *   const run = new BatchRun(sources, archive, { fetcher, archive: { fetch, warc }, extract, onOutcome });
 *   await run.run();        // run.stop() (Ctrl-C) lets what is in flight finish, skips the rest
 */
import { acquire } from '../acquire/index.js';
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
  /** HTTP attempts made (1 unless retried); 0 for files and for sources never requested. */
  attempts: number;
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
  private wake: (() => void) | null = null;

  constructor(
    private readonly sources: readonly string[],
    private readonly store: Archive,
    private readonly options: BatchRunOptions,
  ) {
    this.admission = new Admission({ total: options.maxInHand ?? 16, perGroup: options.maxInHandPerHost ?? 4 });
    sources.forEach((source, index) => this.admission.add(groupOf(source), index));
  }

  /** Resolves once every source has its outcome. */
  async run(): Promise<void> {
    for (;;) {
      // Once stopping, nothing more is admitted; what is in hand finishes.
      for (let next = this.nextToStart(); next; next = this.nextToStart()) {
        const { group, item: index } = next;
        void this.runOne(index).finally(() => {
          this.admission.done(group);
          this.wake?.();
        });
      }
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

  private async runOne(index: number): Promise<void> {
    const source = this.sources[index]!;
    let attempts = 0;
    try {
      let capture: Capture;
      if (isHttpSource(source)) {
        const fetched = await this.options.fetcher.fetchPolitely(source, this.store.latestValidators(source) ?? {});
        if (fetched.kind === 'disallowed') return this.report(index, { status: 'skipped', skipReason: 'disallowed' });
        if (fetched.kind === 'stopped') return this.report(index, { status: 'skipped', skipReason: 'interrupted' });
        attempts = fetched.attempts;
        capture = fetched.capture;
      } else {
        capture = await acquire(source, this.options.archive.fetch);
      }
      const stored = await storeCapture(source, capture, this.options.archive, this.store, this.options.extract);
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

  private report(index: number, outcome: Partial<BatchOutcome> & { status: BatchStatus }): void {
    this.options.onOutcome({
      source: this.sources[index]!,
      index,
      url: null,
      key: null,
      snapshotPath: null,
      title: null,
      confidence: null,
      error: null,
      skipReason: null,
      attempts: 0,
      ...outcome,
    });
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

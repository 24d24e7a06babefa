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
 * the first one's outcome with `duplicateOf` naming it. Feeds, sitemaps and WARC files add the
 * pages they list as they are read (src/sources/).
 */
import { pathToFileURL } from 'node:url';
import { acquire, decodePage } from '../acquire/index.js';
import type { Archive } from '../archive/store.js';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { type Extractor, storeCapture } from '../pipeline.js';
import { headOf, isFeedContentType, sniffKind } from '../sources/detect.js';
import { expandListing } from '../sources/expand.js';
import { announcedFeeds } from '../sources/saved-page.js';
import { readWarcPages, type WarcCounts } from '../sources/warc-input.js';
import { Admission } from './admission.js';
import type { BatchOutcome, BatchRunOptions, BatchStatus, SourceItem } from './outcome.js';
import { checkUrl, groupOf, isHttpSource, readListingFile, sniffFile, sourceIdentity, withPageUrl } from './source-kinds.js';

export type { BatchOutcome, BatchRunOptions, BatchStatus, NoteSink, OutcomeKind, SourceItem } from './outcome.js';
export { isHttpSource } from './source-kinds.js';

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
  private readonly listedCount: number;

  private readonly items: SourceItem[] = [];
  /** Sitemaps read (or queued) in this run, so an index pointing back is not followed. */
  private readonly sitemapsSeen = new Set<string>();
  /** Pages added from feeds and sitemaps, so two feeds listing one page archive it once. */
  private readonly listedPages = new Set<string>();

  constructor(
    sources: readonly (string | SourceItem)[],
    private readonly store: Archive,
    private readonly options: BatchRunOptions,
  ) {
    this.admission = new Admission({ total: options.maxInHand ?? 16, perGroup: options.maxInHandPerHost ?? 4 });
    const firstListing = new Map<string, number>();
    for (const listed of sources) {
      const item = typeof listed === 'string' ? { source: listed } : listed;
      const identity = sourceIdentity(item.source);
      const first = identity === null ? undefined : firstListing.get(identity);
      const index = this.add(item, first === undefined);
      if (first !== undefined) {
        const repeats = this.repeats.get(first);
        if (repeats) repeats.push(index);
        else this.repeats.set(first, [index]);
        continue;
      }
      if (identity !== null) firstListing.set(identity, index);
    }
    this.uniqueSources = this.admission.pending;
    this.listedCount = this.items.length;
  }

  /** Sources to fetch or read so far: those listed (without repeats), and the pages feeds, sitemaps and WARCs added. */
  get total(): number {
    return this.uniqueSources + this.items.length - this.listedCount;
  }

  private add(item: SourceItem, admit = true): number {
    const index = this.items.push(item) - 1;
    if (admit) this.admission.add(groupOf(item.source), index);
    return index;
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

  /** One source, from fetching or reading it to its outcome: stored, expanded, skipped or failed. */
  private async runOne(index: number): Promise<void> {
    const item = this.items[index]!;
    const source = item.source;
    const attempts = { made: 0 };
    try {
      let capture = isHttpSource(source) ? await this.fetchPage(index, attempts) : await this.readPage(index);
      if (!capture) return; // reported already: a feed, sitemap or WARC expanded, a page skipped
      if (item.origin) capture = { ...capture, origin: { ...item.origin, ...capture.origin } };
      if (this.options.discover && capture.status !== 304 && (await this.discoverFeeds(index, capture))) return;
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
        attempts: attempts.made,
        origin: capture.origin ?? null,
        rendered: stored.rendered,
        warnings: stored.warnings,
      });
    } catch (error) {
      const made = error instanceof SourceError && error.attempts !== undefined ? error.attempts : attempts.made;
      this.report(index, { status: 'failed', error, attempts: made });
    }
  }

  /**
   * An http(s) source through the polite fetcher (conditional on the feed's or the latest
   * snapshot's validators): the page's capture, or undefined once the source is reported
   * (disallowed, stopped, an unchanged feed, a feed or sitemap expanded).
   */
  private async fetchPage(index: number, attempts: { made: number }): Promise<Capture | undefined> {
    const item = this.items[index]!;
    const source = item.source;
    checkUrl(source);
    const feedState = this.options.feedStates?.get(source);
    const validators = feedState
      ? { etag: feedState.etag, lastModified: feedState.lastModified }
      : (this.store.latestValidators(source) ?? {});
    const fetched = await this.options.fetcher.fetchPolitely(source, validators);
    if (fetched.kind === 'disallowed') {
      const disallowedHop = fetched.url === source ? null : fetched.url;
      this.report(index, { status: 'skipped', skipReason: 'disallowed', disallowedHop, attempts: fetched.attempts });
      return undefined;
    }
    if (fetched.kind === 'stopped') {
      this.report(index, { status: 'skipped', skipReason: 'interrupted' });
      return undefined;
    }
    attempts.made = fetched.attempts;
    const capture = fetched.capture;
    if (capture.status === 304 && feedState) {
      // An unchanged feed: one 304, nothing listed again.
      this.report(index, { status: 'unchanged', kind: item.sitemapDepth ? 'sitemap' : 'feed', url: source, entries: 0, attempts: attempts.made });
      return undefined;
    }
    if (capture.status === 304) return capture;
    const kind = sniffKind(headOf(capture.bytes), capture.contentType);
    if (kind === 'feed' || kind === 'sitemap') {
      await this.expand(index, kind, capture, attempts.made);
      return undefined;
    }
    if (isFeedContentType(capture.contentType)) {
      throw new SourceError(source, 'bad-feed', `served as a feed (${capture.contentType}) but the body is not one`);
    }
    if (item.sitemapDepth) throw new SourceError(source, 'bad-sitemap', 'listed as a sitemap but is not one');
    return capture;
  }

  /** A file or stdin: the page's capture, or undefined once a WARC, feed or sitemap file is expanded. */
  private async readPage(index: number): Promise<Capture | undefined> {
    const item = this.items[index]!;
    const source = item.source;
    const kind = source === '-' ? 'html' : await sniffFile(source);
    if (kind === 'unknown') throw new SourceError(source, 'binary', 'gzip data that is neither a WARC file nor a sitemap');
    if (kind === 'warc') {
      await this.importWarc(index);
      return undefined;
    }
    if (kind === 'feed' || kind === 'sitemap') {
      await this.expand(index, kind, await readListingFile(source, this.options.archive.fetch.maxBytes), 0);
      return undefined;
    }
    const capture = await acquire(source, this.localOptions(item));
    return withPageUrl(capture, item, this.options.archive.fetch.pageUrl);
  }

  /** A file's fetch options: its `FILE URL` list line's URL wins over --url. */
  private localOptions(item: SourceItem) {
    return item.pageUrl ? { ...this.options.archive.fetch, pageUrl: item.pageUrl } : this.options.archive.fetch;
  }

  /** A feed or sitemap: its entries join the run (new pages once each), and it gets a row of its own. */
  private async expand(index: number, kind: 'feed' | 'sitemap', capture: Capture, attempts: number): Promise<void> {
    const item = this.items[index]!;
    const source = item.source;
    const baseUrl = capture.url ?? pathToFileURL(source).href;
    const expansion = await expandListing(
      source,
      kind,
      { text: () => decodePage(capture).html, bytes: capture.bytes },
      baseUrl,
      {
        ...this.options.expand,
        isArchived: (url) => this.store.hasPage(url),
        depth: item.sitemapDepth ?? 0,
        visited: this.sitemapsSeen,
      },
    );
    for (const problem of expansion.problems) this.options.onNote?.(source, problem);
    let added = 0;
    for (const listed of expansion.listed) {
      if (!listed.isSitemap) {
        const identity = sourceIdentity(listed.source) ?? listed.source;
        if (this.listedPages.has(identity)) continue;
        this.listedPages.add(identity);
      }
      this.add({ source: listed.source, origin: listed.isSitemap ? undefined : listed.origin, sitemapDepth: listed.isSitemap ? (item.sitemapDepth ?? 0) + 1 : undefined });
      added++;
    }
    if (capture.source === 'http' && this.options.feedStates) {
      this.options.feedStates.record(source, {
        etag: capture.headers['etag'] ?? null,
        lastModified: capture.headers['last-modified'] ?? null,
        checkedAt: capture.fetchedAt,
        entryIds: expansion.entryIds,
      });
    }
    this.report(index, { status: 'expanded', kind: item.sitemapDepth ? 'sitemap' : expansion.kind, url: capture.url, entries: added, attempts, origin: item.origin ?? null });
    this.wake?.();
  }

  /** --discover: a page that is not an article, announcing feeds, is expanded into them instead of stored. */
  private async discoverFeeds(index: number, capture: Capture): Promise<boolean> {
    if (!capture.url) return false;
    const decoded = decodePage(capture);
    const feeds = announcedFeeds(decoded.html, capture.url).filter((feed) => !this.items.some((item) => item.source === feed));
    if (feeds.length === 0) return false;
    const article = await this.options.extract({ html: decoded.html, url: capture.url, source: this.items[index]!.source });
    if (article.readerable) return false;
    for (const feed of feeds) this.add({ source: feed });
    this.report(index, { status: 'expanded', kind: 'page', url: capture.url, entries: feeds.length, title: article.title });
    this.wake?.();
    return true;
  }

  /** Every HTML page of a WARC file, streamed, a few in hand at once; the file gets a row of its own. */
  private async importWarc(index: number): Promise<void> {
    const source = this.items[index]!.source;
    const counts: WarcCounts = { records: 0, pages: 0, revisits: 0, other: 0 };
    const inHand = new Set<Promise<void>>();
    const limit = Math.max(2, this.options.maxInHand ?? 16);
    const storePage = async (pageIndex: number, capture: Capture) => {
      try {
        const stored = await storeCapture(source, capture, this.options.archive, this.store, this.options.extract);
        this.report(pageIndex, { status: stored.status, url: stored.url, key: stored.key, snapshotPath: stored.snapshotPath, title: stored.title, confidence: stored.confidence, origin: capture.origin ?? null });
      } catch (error) {
        this.report(pageIndex, { status: 'failed', error });
      }
    };
    let failure: unknown = null;
    try {
      for await (const record of readWarcPages(source, source, counts, { maxBytes: this.options.archive.fetch.maxBytes ?? Number.MAX_SAFE_INTEGER })) {
        if (this.stopping) break;
        const pageIndex = this.add({ source }, false);
        if (record.kind === 'bad-record') {
          this.report(pageIndex, { status: 'failed', error: record.error });
          continue;
        }
        const done = storePage(pageIndex, { ...record.capture, origin: { warc: source } });
        inHand.add(done);
        void done.finally(() => inHand.delete(done));
        if (inHand.size >= limit) await Promise.race(inHand);
      }
    } catch (error) {
      failure = error;
    }
    await Promise.all(inHand);
    const skipped = counts.revisits + counts.other;
    if (skipped > 0) this.options.onNote?.(source, `${counts.records} records: ${counts.pages} HTML pages, ${counts.revisits} revisits and ${counts.other} other records skipped`);
    if (failure) return this.report(index, { status: 'failed', kind: 'warc', error: failure, entries: counts.pages });
    this.report(index, { status: 'expanded', kind: 'warc', entries: counts.pages });
  }

  /** Reports a source's one outcome (and its repeats'); any later one (after abandon()) is dropped. */
  private report(index: number, outcome: Partial<BatchOutcome> & { status: BatchStatus }): void {
    if (this.reported.has(index)) return;
    this.reported.add(index);
    this.inFlight.delete(index);
    const full: BatchOutcome = {
      source: this.items[index]!.source,
      disallowedHop: null,
      duplicateOf: null,
      kind: 'page',
      entries: null,
      origin: null,
      rendered: null,
      warnings: [],
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
    };
    this.options.onOutcome(full);
    for (const repeat of this.repeats.get(index) ?? []) {
      this.options.onOutcome({ ...full, source: this.items[repeat]!.source, index: repeat, attempts: 0, duplicateOf: full.source });
    }
  }
}


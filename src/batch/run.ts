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
import { open, readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { acquire, DEFAULT_MAX_BYTES, decodePage } from '../acquire/index.js';
import { sizeLimitError } from '../acquire/local.js';
import type { FeedStates } from '../archive/feed-state.js';
import { pageIdentityUrl } from '../archive/layout.js';
import type { Archive } from '../archive/store.js';
import type { Capture, CaptureOrigin, RenderReason } from '../article.js';
import { SourceError } from '../errors.js';
import { type ArchiveOptions, type Extractor, storeCapture } from '../pipeline.js';
import { headOf, isFeedContentType, isGzip, sniffKind, SNIFF_BYTES, type ContentKind } from '../sources/detect.js';
import { expandListing, type ExpandOptions } from '../sources/expand.js';
import { announcedFeeds, savedPageUrl } from '../sources/saved-page.js';
import { readWarcPages, type WarcCounts } from '../sources/warc-input.js';
import { Admission } from './admission.js';
import type { PoliteFetcher } from './fetcher.js';

export type BatchStatus = 'archived' | 'unchanged' | 'failed' | 'skipped' | 'expanded';

/** One source of the run: as listed, or found in a feed, sitemap or WARC on the way. */
export interface SourceItem {
  source: string;
  /** The page URL of a file, from a `FILE URL` list line. */
  pageUrl?: string;
  /** The feed or sitemap entry that listed it. */
  origin?: CaptureOrigin;
  /** A child sitemap of a sitemap index, this many indexes deep. */
  sitemapDepth?: number;
}

/** What a source turned out to be: a page, or a feed, sitemap or WARC that expands into pages. */
export type OutcomeKind = 'page' | 'feed' | 'sitemap' | 'warc';

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
  kind: OutcomeKind;
  /** A feed, sitemap or WARC: the pages (or child sitemaps) it added to the run; null for a page. */
  entries: number | null;
  /** How the page was found (the feed entry, a saved page's marks, the WARC), when not named directly. */
  origin: CaptureOrigin | null;
  /** Why the page was rendered in Chromium (--render); null when its Article came from the HTML as served. */
  rendered: RenderReason | null;
  /** archived: the Article's warnings (links left relative, a render that failed, …); else []. */
  warnings: readonly string[];
}

/** Reasons to print after a source's name that do not fail it ("2 entries without a link left out"). */
export type NoteSink = (source: string, note: string) => void;

export interface BatchRunOptions {
  fetcher: PoliteFetcher;
  archive: ArchiveOptions;
  extract: Extractor;
  /** Sources in hand at once (being fetched, extracted or stored). Default 16. */
  maxInHand?: number;
  /** Sources of one host (or of the local group) in hand at once. Default 4. */
  maxInHandPerHost?: number;
  onOutcome(outcome: BatchOutcome): void;
  /** Feeds and sitemaps: --since, --limit, --new-only. */
  expand?: Omit<ExpandOptions, 'isArchived'>;
  /** --discover: a page that is not an article is read for the feeds it announces. */
  discover?: boolean;
  /** Where feeds' validators and seen entries are remembered (the archive's). */
  feedStates?: FeedStates;
  onNote?: NoteSink;
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

  private async runOne(index: number): Promise<void> {
    const item = this.items[index]!;
    const source = item.source;
    let attempts = 0;
    try {
      let capture: Capture;
      if (isHttpSource(source)) {
        checkUrl(source);
        const feedState = this.options.feedStates?.get(source);
        const validators = feedState
          ? { etag: feedState.etag, lastModified: feedState.lastModified }
          : (this.store.latestValidators(source) ?? {});
        const fetched = await this.options.fetcher.fetchPolitely(source, validators);
        if (fetched.kind === 'disallowed') {
          const disallowedHop = fetched.url === source ? null : fetched.url;
          return this.report(index, { status: 'skipped', skipReason: 'disallowed', disallowedHop, attempts: fetched.attempts });
        }
        if (fetched.kind === 'stopped') return this.report(index, { status: 'skipped', skipReason: 'interrupted' });
        attempts = fetched.attempts;
        capture = fetched.capture;
        if (capture.status === 304 && feedState) {
          // An unchanged feed: one 304, nothing listed again.
          return this.report(index, { status: 'unchanged', kind: item.sitemapDepth ? 'sitemap' : 'feed', url: source, entries: 0, attempts });
        }
        if (capture.status !== 304) {
          const kind = sniffKind(headOf(capture.bytes), capture.contentType);
          if (kind === 'feed' || kind === 'sitemap') return await this.expand(index, kind, capture, attempts);
          if (isFeedContentType(capture.contentType)) {
            throw new SourceError(source, 'bad-feed', `served as a feed (${capture.contentType}) but the body is not one`);
          }
          if (item.sitemapDepth) throw new SourceError(source, 'bad-sitemap', 'listed as a sitemap but is not one');
        }
      } else {
        const kind = source === '-' ? 'html' : await sniffFile(source);
        if (kind === 'unknown') throw new SourceError(source, 'binary', 'gzip data that is neither a WARC file nor a sitemap');
        if (kind === 'warc') return await this.importWarc(index);
        if (kind === 'feed' || kind === 'sitemap') {
          return await this.expand(index, kind, await readListingFile(source, this.options.archive.fetch.maxBytes), 0);
        }
        capture = await acquire(source, this.localOptions(item));
        capture = withPageUrl(capture, item, this.options.archive.fetch.pageUrl);
      }
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
        attempts,
        origin: capture.origin ?? null,
        rendered: stored.rendered,
        warnings: stored.warnings,
      });
    } catch (error) {
      attempts = error instanceof SourceError && error.attempts !== undefined ? error.attempts : attempts;
      this.report(index, { status: 'failed', error, attempts });
    }
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

/** What a file holds, from its first bytes: a WARC, a feed or sitemap (gzipped too), else a page. */
async function sniffFile(path: string): Promise<ContentKind> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return 'html'; // acquire names the problem (not found, a folder, no permission)
  }
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const kind = sniffKind(headOf(head), null);
    // Unknown text is left to acquire (it may be HTML without markup); unknown gzip is refused here.
    return kind === 'unknown' && !isGzip(head) ? 'html' : kind;
  } catch {
    return 'html';
  } finally {
    await handle.close();
  }
}

/**
 * A file's page URL: --url or its list line's, else what the saver left in it (SingleFile's
 * header, saved-from mark, canonical link, og:url), recorded as urlFrom.
 */
function withPageUrl(capture: Capture, item: SourceItem, optionUrl: string | undefined): Capture {
  if (capture.source === 'stdin' && capture.url) return capture;
  if (capture.url) return { ...capture, origin: { urlFrom: item.pageUrl ? 'list' : optionUrl ? 'option' : 'list' } };
  const saved = savedPageUrl(decodePage(capture).html);
  if (!saved) {
    throw new SourceError(
      capture.requestedUrl,
      'no-page-url',
      'no page URL in the file (no SingleFile header, "saved from" mark, canonical link or og:url); give one with --url, or a "FILE URL" list line',
    );
  }
  return { ...capture, url: saved.url, origin: { urlFrom: saved.from } };
}

/** A feed or sitemap file (a gzipped sitemap too, which acquire refuses as binary). */
async function readListingFile(source: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Capture> {
  if ((await stat(source)).size > maxBytes) throw sizeLimitError(source, maxBytes);
  return {
    requestedUrl: source,
    url: null,
    source: 'file',
    redirects: [],
    status: null,
    headers: {},
    contentType: null,
    bytes: new Uint8Array(await readFile(source)),
    fetchedAt: new Date().toISOString(),
  };
}

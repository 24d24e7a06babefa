/**
 * One archive run over a list of sources: http(s) URLs through the polite fetcher (robots.txt,
 * per-host limits and delay, retries, conditional requests), files and stdin read directly;
 * every page extracted by the given Extractor (an ExtractPool in the CLI) and stored in the
 * archive. Each source ends in exactly one outcome, reported as it happens; nothing here prints.
 *
 *   const run = new BatchRun(sources, archive, { fetcher, archive: { fetch, warc }, extract, onOutcome });
 *   await run.run();        // run.stop() (Ctrl-C) lets what is in flight finish, skips the rest
 */
import { open, readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { acquire, DEFAULT_MAX_BYTES, decodePage } from '../acquire/index.js';
import { sizeLimitError } from '../acquire/local.js';
import type { FeedStates } from '../archive/feed-state.js';
import type { Archive } from '../archive/store.js';
import type { Capture, CaptureOrigin } from '../article.js';
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
  /** HTTP attempts made (1 unless retried); 0 for files and for sources never requested. */
  attempts: number;
  kind: OutcomeKind;
  /** A feed, sitemap or WARC: the pages (or child sitemaps) it added to the run; null for a page. */
  entries: number | null;
  /** How the page was found (the feed entry, a saved page's marks, the WARC), when not named directly. */
  origin: CaptureOrigin | null;
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
  private wake: (() => void) | null = null;

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
    for (const source of sources) this.add(typeof source === 'string' ? { source } : source);
  }

  /** Sources in the run so far: those listed, and the pages feeds, sitemaps and WARCs added. */
  get total(): number {
    return this.items.length;
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
    const item = this.items[index]!;
    const source = item.source;
    let attempts = 0;
    try {
      let capture: Capture;
      if (isHttpSource(source)) {
        const feedState = this.options.feedStates?.get(source);
        const validators = feedState
          ? { etag: feedState.etag, lastModified: feedState.lastModified }
          : (this.store.latestValidators(source) ?? {});
        const fetched = await this.options.fetcher.fetchPolitely(source, validators);
        if (fetched.kind === 'disallowed') return this.report(index, { status: 'skipped', skipReason: 'disallowed' });
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
      const stored = await storeCapture(source, capture, this.options.archive, this.store, this.options.extract);
      this.report(index, {
        status: stored.status,
        url: stored.url,
        key: stored.key,
        snapshotPath: stored.snapshotPath,
        title: stored.title,
        confidence: stored.confidence,
        attempts,
        origin: capture.origin ?? null,
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
        if (this.listedPages.has(listed.source)) continue;
        this.listedPages.add(listed.source);
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

  private report(index: number, outcome: Partial<BatchOutcome> & { status: BatchStatus }): void {
    this.options.onOutcome({
      source: this.items[index]!.source,
      kind: 'page',
      entries: null,
      origin: null,
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

/**
 * Fetching many pages well: robots.txt first (unless ignored), then the page through the
 * HostScheduler (global and per-host limits, per-host delay, Crawl-delay), with retries, and
 * as a conditional request when the last snapshot's ETag / Last-Modified are known. Each
 * redirect hop is a request like the first: its origin's robots.txt is asked, and it waits for
 * its host's turn.
 *
 *   const fetcher = createPoliteFetcher({ perHostDelayMs: 1000 });
 *   const result = await fetcher.fetchPolitely(url, { etag: '"v1"' });
 *   // result.kind: 'fetched' | 'not-modified' | 'disallowed' | 'stopped'; failures throw SourceError
 *
 * Results, not errors: a page robots.txt disallows ('disallowed': nothing requested; for a
 * redirect hop it disallows, nothing from that hop on), and a page not started because `stop()`
 * was called ('stopped'; report it as skipped). Everything else that goes wrong is a SourceError
 * with a one-line reason ("HTTP 503 Service Unavailable (after 4 attempts)"), thrown after the
 * retries.
 */
import type { Capture } from '../article.js';
import {
  acquire,
  conditionalHeaders,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  defaultUserAgent,
  type Validators,
} from '../acquire/index.js';
import { SourceError } from '../errors.js';
import { DEFAULT_ROBOTS_TIMEOUT_MS, RobotsCache, type RobotsRules } from './robots.js';
import { withRetries, type Attempt, type RetryPolicy } from './retry.js';
import { HostScheduler, StoppedError } from './scheduler.js';
import { onRequestSent } from './wire.js';

export interface PoliteFetcherOptions {
  /** Default `clipfile/<version> (+https://github.com/clipfile/clipfile)`; its first token is matched in robots.txt. */
  userAgent?: string;
  /** Requests at once over all hosts. Default 8. */
  concurrency?: number;
  /** Requests at once to one host. Default 2. */
  perHostConnections?: number;
  /**
   * Minimum time between two requests reaching one host (from when each goes out, redirect hops
   * included); a longer Crawl-delay wins. Default 1000.
   */
  perHostDelayMs?: number;
  /** Fetch disallowed pages too, and do not read robots.txt at all. */
  ignoreRobots?: boolean;
  /** Longest Crawl-delay honoured; a longer one is cut to this, with a note. Default 60000. */
  maxCrawlDelayMs?: number;
  /** robots.txt fetch timeout. Default 10000 (or timeoutMs when shorter). */
  robotsTimeoutMs?: number;
  /** Retries of each page (see RetryPolicy); `signal` is the fetcher's own (stop()). */
  retry?: Omit<RetryPolicy, 'signal'>;
  /** One attempt, redirects and body included. Default 30000. */
  timeoutMs?: number;
  /** Default 20 MiB. */
  maxBytes?: number;
  /** Default 10. */
  maxRedirects?: number;
  /** Told things the user should know that are not failures (robots.txt unavailable, Crawl-delay capped); once per origin. */
  onNote?: (note: string) => void;
}


export type PoliteFetchResult =
  | { kind: 'fetched'; capture: Capture; attempts: number }
  /** A 304 to our conditional request: `capture` has status 304 and no bytes. */
  | { kind: 'not-modified'; capture: Capture; attempts: number }
  /**
   * robots.txt disallows `url`: the page itself (nothing requested, `attempts` 0), or a redirect
   * hop on the way to it (`url` was not requested, nor anything after it; `attempts` counts the
   * attempts that led there).
   */
  | { kind: 'disallowed'; reason: typeof DISALLOWED_REASON; url: string; attempts: number }
  | { kind: 'stopped' };

export interface PoliteFetcher {
  fetchPolitely(url: string, previous?: Validators): Promise<PoliteFetchResult>;
  /** Ctrl-C: nothing new starts (waiting pages resolve as 'stopped', retries end); requests in flight finish. */
  stop(): void;
  /** Resolves once every fetchPolitely call so far has settled. */
  idle(): Promise<void>;
  readonly scheduler: HostScheduler;
}

export const DEFAULT_MAX_CRAWL_DELAY_MS = 60_000;

/**
 * Whole on purpose (longer than 60 lines): a closure over the one scheduler, robots.txt cache and
 * stop signal that every request of the fetcher shares; its helpers (Crawl-delay, robots, one
 * fetch with its redirect hops and retries) are the inner functions.
 */
export function createPoliteFetcher(options: PoliteFetcherOptions = {}): PoliteFetcher {
  const userAgent = options.userAgent ?? defaultUserAgent();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxCrawlDelayMs = options.maxCrawlDelayMs ?? DEFAULT_MAX_CRAWL_DELAY_MS;
  const scheduler = new HostScheduler({
    concurrency: options.concurrency,
    perHostConnections: options.perHostConnections,
    perHostDelayMs: options.perHostDelayMs,
  });
  const robots = new RobotsCache({
    userAgent,
    timeoutMs: Math.min(options.robotsTimeoutMs ?? DEFAULT_ROBOTS_TIMEOUT_MS, timeoutMs),
    // robots.txt is a request to the host like any other: paced with the rest (from when it goes
    // out, which for a host's first connection is well after the task starts).
    runRequest: (url, request) => scheduler.schedule(url.host, request),
    onNote: options.onNote,
  });
  const stopping = new AbortController();
  const pending = new Set<Promise<unknown>>();
  const cappedDelayNoted = new Set<string>();
  let stopListening = () => {};

  /** Makes the host's Crawl-delay the scheduler's, capped. */
  function applyCrawlDelay(host: string, rules: RobotsRules): void {
    if (rules.crawlDelayMs === undefined) return;
    let delayMs = rules.crawlDelayMs;
    if (delayMs > maxCrawlDelayMs) {
      delayMs = maxCrawlDelayMs;
      if (!cappedDelayNoted.has(rules.origin)) {
        cappedDelayNoted.add(rules.origin);
        options.onNote?.(`${rules.origin}/robots.txt: Crawl-delay of ${rules.crawlDelayMs / 1000} s capped at ${maxCrawlDelayMs / 1000} s`);
      }
    }
    // http and https of one host share the host's pacing: the larger delay holds.
    if (delayMs > scheduler.delayFor(host)) scheduler.setHostDelay(host, delayMs);
  }

  /** robots.txt of `url`'s origin, its Crawl-delay applied to the host: may `url` be requested? */
  async function robotsAllow(url: URL): Promise<boolean> {
    const rules = await robots.rulesFor(url);
    applyCrawlDelay(url.host, rules);
    return rules.isAllowed(url.href);
  }

  async function fetchOne(url: string, previous: Validators): Promise<PoliteFetchResult> {
    // Pacing is per host name and port (URL.host); robots.txt is per origin.
    const requested = httpUrl(url);
    if (!options.ignoreRobots && !(await robotsAllow(requested))) return disallowed(url, 0);

    const conditional = conditionalHeaders(previous);
    let attempts = 0;
    const attemptFetch = (attempt: Attempt) => {
      attempts = attempt.number;
      return acquire(url, {
        userAgent,
        timeoutMs,
        // An attempt never outlasts the URL's time budget.
        timeLeftMs: () => attempt.remainingMs(),
        maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
        maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
        headers: conditional,
        acceptNotModified: conditional !== undefined,
        // Every request of the chain is one to its host like any other: a redirect hop asks its
        // own origin's robots.txt and waits for its host's turn. Hops and retries go ahead of
        // the host's waiting pages, so a page in hand is not held up behind the whole list.
        sendRequest: async (hopUrl, hop, send) => {
          if (hop > 0 && !options.ignoreRobots && !(await robotsAllow(hopUrl))) throw new HopDisallowed(hopUrl.href);
          const request = () => {
            attempt.startClock();
            return send();
          };
          return scheduler.schedule(hopUrl.host, request, { front: hop > 0 || attempt.number > 1 });
        },
      });
    };

    let capture: Capture;
    try {
      capture = await withRetries(attemptFetch, { ...options.retry, signal: stopping.signal });
    } catch (error) {
      if (error instanceof HopDisallowed) return disallowed(error.url, attempts);
      if (error instanceof SourceError) error.attempts = attempts;
      throw error;
    }
    return capture.status === 304 ? { kind: 'not-modified', capture, attempts } : { kind: 'fetched', capture, attempts };
  }

  return {
    scheduler,
    fetchPolitely(url, previous = {}) {
      const result = fetchOne(url, previous).catch((error: unknown): PoliteFetchResult => {
        if (error instanceof StoppedError) return { kind: 'stopped' };
        throw error;
      });
      // Pacing follows requests as they reach the wire, while this fetcher has any in hand.
      if (pending.size === 0) stopListening = onRequestSent((host) => scheduler.requestSent(host));
      pending.add(result);
      const forget = () => {
        pending.delete(result);
        if (pending.size === 0) stopListening();
      };
      result.then(forget, forget);
      return result;
    },
    stop() {
      scheduler.stop();
      stopping.abort();
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

export const DISALLOWED_REASON = 'disallowed by robots.txt';

function disallowed(url: string, attempts: number): PoliteFetchResult {
  return { kind: 'disallowed', reason: DISALLOWED_REASON, url, attempts };
}

/** Ends a redirect chain at a hop robots.txt disallows: the page is skipped, not failed. */
class HopDisallowed extends Error {
  override readonly name = 'HopDisallowed';
  constructor(readonly url: string) {
    super(`redirect to ${url}, which robots.txt disallows`);
  }
}

function httpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new SourceError(url, 'bad-url', 'invalid URL', { cause: error });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SourceError(url, 'bad-url', `not an http(s) URL: ${parsed.protocol}`);
  }
  return parsed;
}

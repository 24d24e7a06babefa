/**
 * Retries of one URL: on network errors and timeouts, 408, 429 and 5xx; exponential backoff with
 * full jitter, Retry-After honoured; a bounded number of attempts and a bounded total time.
 */
import { findErrorCode } from '../acquire/http.js';
import { serverText } from '../acquire/index.js';
import { SourceError } from '../errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 4. */
  maxAttempts?: number;
  /** Backoff before the 2nd attempt is up to this; it doubles (`factor`) each time. Default 1000. */
  baseDelayMs?: number;
  /** Default 2. */
  factor?: number;
  /** Longest backoff. Default 30000. */
  maxDelayMs?: number;
  /**
   * Total time for one URL, from the start of its first attempt: no wait reaches past it, and
   * attempts are told what is left (see Attempt.remainingMs). Default 120000.
   */
  budgetMs?: number;
  /** Injectable for tests: waits `ms`, or less when `signal` aborts. Default: a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests: a number in [0, 1). Default Math.random. */
  random?: () => number;
  /** Injectable for tests: a monotonic clock in ms. Default performance.now. */
  now?: () => number;
  /** Told of every retry before its wait (for progress messages). */
  onRetry?: (retry: RetryNotice) => void;
  /** Aborting it ends a wait at once and the retries with it (Ctrl-C): the last error is thrown. */
  signal?: AbortSignal;
}

export interface RetryNotice {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  error: SourceError;
  delayMs: number;
  /** Whether the delay came from the server's Retry-After. */
  fromRetryAfter: boolean;
}

export interface Attempt {
  /** 1 for the first attempt. */
  readonly number: number;
  /**
   * Starts the URL's time budget now, unless it has started: call it when the request really
   * begins (after queueing for a connection), so time in a queue is not charged to the URL.
   * A task that never calls it has its budget counted from the `withRetries` call.
   */
  startClock(): void;
  /** Time left in the budget; the whole budget before the clock starts. */
  remainingMs(): number;
}

/** An attempt is not worth starting with less time than this left in the budget. */
const MIN_ATTEMPT_MS = 1000;

export const DEFAULT_RETRY_POLICY = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  factor: 2,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
} as const;

/**
 * Runs `task` until it succeeds, fails in a way a retry cannot fix, runs out of attempts, or
 * the next wait would reach past the time budget; then rejects with the last error (its reason
 * ends with "(after N attempts)" when there was more than one).
 */
export async function withRetries<T>(task: (attempt: Attempt) => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const settings = { ...DEFAULT_RETRY_POLICY, ...definedOnly(policy) };
  const now = policy.now ?? (() => performance.now());
  const sleep = policy.sleep ?? sleepFor;
  const random = policy.random ?? Math.random;
  const calledAt = now();
  let clockStartedAt: number | undefined;
  const remainingMs = () => settings.budgetMs - (now() - (clockStartedAt ?? now()));

  for (let number = 1; ; number++) {
    try {
      return await task({
        number,
        startClock: () => {
          clockStartedAt ??= now();
        },
        remainingMs,
      });
    } catch (error) {
      clockStartedAt ??= calledAt;
      if (!(error instanceof SourceError) || !isRetryable(error)) throw withAttempts(error, number);
      if (number >= settings.maxAttempts) throw withAttempts(error, number);

      const retryAfter = retryAfterMs(error);
      // The server asked for a longer wait than is left: give up now, saying so, rather than come
      // back before it said to.
      if (retryAfter !== undefined && retryAfter + MIN_ATTEMPT_MS > remainingMs()) {
        throw retryAfterTooLong(error, number, retryAfter, settings.budgetMs, remainingMs());
      }
      const backoff = random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * settings.factor ** (number - 1));
      const delayMs = retryAfter ?? backoff;
      // Never wait past the budget, leaving an attempt at least a second.
      if (delayMs + MIN_ATTEMPT_MS > remainingMs()) throw withAttempts(error, number);

      // Stopped (Ctrl-C): the URL failed as it stands; no more attempts.
      if (policy.signal?.aborted) throw withAttempts(error, number);
      policy.onRetry?.({ attempt: number, error, delayMs, fromRetryAfter: retryAfter !== undefined });
      await sleep(delayMs, policy.signal);
      if (policy.signal?.aborted) throw withAttempts(error, number);
    }
  }
}

const PERMANENT_NETWORK_CODES = new Set([
  'ENOTFOUND',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/**
 * Network errors and timeouts (but not an unknown host or a bad certificate, which a retry
 * minutes later will not fix), 408, 429 and 5xx. Every other failure is final.
 */
export function isRetryable(error: SourceError): boolean {
  if (error.code === 'timeout') return true;
  if (error.code === 'network') return !PERMANENT_NETWORK_CODES.has(findErrorCode(error.cause) ?? '');
  if (error.code !== 'http-status' || error.status === undefined) return false;
  return error.status === 408 || error.status === 429 || (error.status >= 500 && error.status <= 599);
}

/** The error's Retry-After as a wait in ms (0 for a date in the past), or undefined when absent or unreadable. */
export function retryAfterMs(error: SourceError, wallClockNow = Date.now()): number | undefined {
  return error.retryAfter === undefined ? undefined : parseRetryAfter(error.retryAfter, wallClockNow);
}

/** A Retry-After value (delta-seconds or an HTTP date) as a wait in ms; undefined when unreadable. */
export function parseRetryAfter(value: string, wallClockNow = Date.now()): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names a weekday or month; Date.parse alone would accept "1.5" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - wallClockNow);
}

/** Longest Retry-After value quoted in a reason: it is the server's text. */
const MAX_QUOTED_RETRY_AFTER_CHARS = 40;

/**
 * "HTTP 503 Service Unavailable: server asked to retry after 27 h 46 min (Retry-After: 100000),
 * more than the 2 min clipfile waits for one URL" (and "(after N attempts)" when there were more).
 */
function retryAfterTooLong(error: SourceError, attempts: number, waitMs: number, budgetMs: number, leftMs: number): SourceError {
  const value = serverText(error.retryAfter ?? '', MAX_QUOTED_RETRY_AFTER_CHARS);
  const limit =
    waitMs + MIN_ATTEMPT_MS > budgetMs
      ? `the ${durationText(budgetMs)} clipfile waits for one URL`
      : `the ${durationText(Math.max(0, leftMs))} left of the ${durationText(budgetMs)} clipfile waits for one URL`;
  const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  return new SourceError(
    error.source,
    error.code,
    `${error.reason}: server asked to retry after ${durationText(waitMs)} (Retry-After: ${value}), more than ${limit}${tried}`,
    { cause: error, status: error.status, retryAfter: error.retryAfter },
  );
}

/** A wait for people: "45 s", "2 min", "2 min 5 s", "27 h 46 min", "81 days 10 h". */
export function durationText(ms: number): string {
  const total = Math.ceil(ms / 1000);
  if (!Number.isFinite(total) || total >= 100 * 365 * 86_400) return 'over 100 years';
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
  if (total >= 48 * 3600) return pair(Math.floor(total / 86_400), 'days', Math.floor(total / 3600) % 24, 'h');
  if (total >= 3600) return pair(Math.floor(total / 3600), 'h', Math.floor(total / 60) % 60, 'min');
  if (total >= 60) return pair(Math.floor(total / 60), 'min', total % 60, 's');
  return `${total} s`;
}

function withAttempts(error: unknown, attempts: number): unknown {
  if (attempts === 1 || !(error instanceof SourceError)) return error;
  return new SourceError(error.source, error.code, `${error.reason} (after ${attempts} attempts)`, {
    cause: error,
    status: error.status,
    retryAfter: error.retryAfter,
  });
}


function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

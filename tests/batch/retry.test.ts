/**
 * withRetries and its readers (src/batch/retry.ts) on an injected clock: exponential backoff
 * with full jitter, Retry-After in seconds and as a date, the time budget of a URL, and what
 * the give-up message says. The fetcher's retries over real HTTP are in fetcher.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { durationText, isRetryable, parseRetryAfter, withRetries } from '../../src/batch/retry.js';
import { sourceFailure as failureOf } from '../helpers/assertions.js';

describe('withRetries (injected time)', () => {
  /** A fake clock whose sleeps advance it; records every sleep. */
  function fakeTime() {
    let now = 0;
    const sleeps: number[] = [];
    return {
      sleeps,
      advance: (ms: number) => (now += ms),
      policy: {
        now: () => now,
        sleep: async (ms: number) => {
          sleeps.push(ms);
          now += ms;
        },
        random: () => 0.5,
      },
    };
  }
  const httpError = (status: number, retryAfter?: string) =>
    new SourceError('https://x.example/a', 'http-status', `HTTP ${status}`, { status, retryAfter });

  it('backs off exponentially with full jitter, capped', async () => {
    const time = fakeTime();
    const error = await failureOf(
      withRetries(() => Promise.reject(httpError(503)), { ...time.policy, maxAttempts: 5, maxDelayMs: 3000 }),
    );
    // random 0.5 × min(3000, 1000 × 2^(n-1)).
    expect(time.sleeps).toEqual([500, 1000, 1500, 1500]);
    expect(error.reason).toBe('HTTP 503 (after 5 attempts)');
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const time = fakeTime();
    let calls = 0;
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
    const failures = [httpError(429, '3'), httpError(503, inFiveSeconds)];
    const result = await withRetries(async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'ok';
    }, time.policy);

    expect(result).toBe('ok');
    expect(time.sleeps[0]).toBe(3000);
    // The date has whole seconds, so up to 1 s less.
    expect(time.sleeps[1]).toBeGreaterThan(3900);
    expect(time.sleeps[1]).toBeLessThanOrEqual(5000);
  });

  it('gives up at once when Retry-After reaches past the time budget, saying so', async () => {
    const time = fakeTime();
    const error = await failureOf(withRetries(() => Promise.reject(httpError(429, '300')), time.policy));

    expect(time.sleeps).toEqual([]);
    expect(error).toMatchObject({ code: 'http-status', status: 429, retryAfter: '300' });
    expect(error.reason).toBe(
      'HTTP 429: server asked to retry after 5 min (Retry-After: 300), more than the 2 min clipfile waits for one URL',
    );
  });

  it('names what is left of the budget when Retry-After would fit a fresh one, and quotes a long value cut short', async () => {
    const time = fakeTime();
    const spent = await failureOf(
      withRetries(async (attempt) => {
        attempt.startClock();
        time.advance(100_000);
        throw httpError(503, '30');
      }, time.policy),
    );
    expect(spent.reason).toBe(
      'HTTP 503: server asked to retry after 30 s (Retry-After: 30), more than the 20 s left of the 2 min clipfile waits for one URL',
    );

    const huge = await failureOf(withRetries(() => Promise.reject(httpError(503, '9'.repeat(400))), fakeTime().policy));
    expect(huge.reason).toBe(
      `HTTP 503: server asked to retry after over 100 years (Retry-After: ${'9'.repeat(39)}…), more than the 2 min clipfile waits for one URL`,
    );
  });

  it('bounds the total time per URL, counted from when the first attempt really starts', async () => {
    const time = fakeTime();
    const timeouts: number[] = [];
    const error = await failureOf(
      withRetries(
        async (attempt) => {
          if (attempt.number === 1) time.advance(500_000); // waiting in the host's queue: not charged
          attempt.startClock();
          timeouts.push(attempt.remainingMs());
          time.advance(50_000); // each attempt takes 50 s, then times out
          throw new SourceError('https://x.example/a', 'timeout', 'timed out after 50 s');
        },
        { ...time.policy, maxAttempts: 10 },
      ),
    );

    // 0–50 s, sleep 0.5 s, 50.5–100.5 s, sleep 1 s, 101.5 s: 18.5 s left, the 3rd attempt is told so.
    expect(timeouts).toEqual([120_000, 69_500, 18_500]);
    expect(error.reason).toBe('timed out after 50 s (after 3 attempts)');
  });

  it('retries network errors, timeouts, 408, 429 and 5xx; nothing else', () => {
    const source = 'https://x.example/a';
    for (const code of [408, 429, 500, 502, 503, 504]) expect(isRetryable(httpError(code)), String(code)).toBe(true);
    for (const code of [400, 401, 403, 404, 410, 451]) expect(isRetryable(httpError(code)), String(code)).toBe(false);
    expect(isRetryable(new SourceError(source, 'network', 'connection reset'))).toBe(true);
    expect(isRetryable(new SourceError(source, 'timeout', 'timed out after 30 s'))).toBe(true);
    const unknownHost = new SourceError(source, 'network', 'host not found: x.example', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND x.example'), { code: 'ENOTFOUND' }),
    });
    expect(isRetryable(unknownHost)).toBe(false);
    expect(isRetryable(new SourceError(source, 'not-html', 'not HTML: application/pdf'))).toBe(false);
    expect(isRetryable(new SourceError(source, 'too-large', 'larger than 20 MiB'))).toBe(false);
  });

  it('words waits for people', () => {
    expect([45, 60, 125, 3600, 100_000, 172_800, 7_034_400].map((seconds) => durationText(seconds * 1000))).toEqual([
      '45 s',
      '1 min',
      '2 min 5 s',
      '1 h',
      '27 h 46 min',
      '2 days',
      '81 days 10 h',
    ]);
  });

  it('reads Retry-After values', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});

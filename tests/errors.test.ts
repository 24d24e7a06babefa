/** SourceError (src/errors.ts): the one-line failure of a source, as every command prints it and --json reports it. */
import { describe, expect, it } from 'vitest';
import { SourceError } from '../src/errors.js';

describe('SourceError', () => {
  it('reads as "SOURCE: REASON", keeps source, code and reason apart for --json, and is an Error', () => {
    const error = new SourceError('https://news.example/a', 'http-status', 'HTTP 404 Not Found', { status: 404 });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('https://news.example/a: HTTP 404 Not Found');
    expect(String(error)).toBe('SourceError: https://news.example/a: HTTP 404 Not Found');
    expect({ source: error.source, code: error.code, reason: error.reason, status: error.status }).toEqual({
      source: 'https://news.example/a',
      code: 'http-status',
      reason: 'HTTP 404 Not Found',
      status: 404,
    });
  });

  it('carries Retry-After as sent and the cause, and leaves them out when not given', () => {
    const cause = new Error('socket hang up');
    const error = new SourceError('-', 'http-status', 'HTTP 503 Service Unavailable', { status: 503, retryAfter: '120', cause });
    expect(error.retryAfter).toBe('120');
    expect(error.cause).toBe(cause);

    const bare = new SourceError('page.html', 'empty', 'the file is empty');
    expect(bare.status).toBeUndefined();
    expect(bare.retryAfter).toBeUndefined();
    expect('cause' in bare).toBe(false);
    // --json never shows a status or Retry-After the error does not have.
    expect(JSON.parse(JSON.stringify(bare))).not.toHaveProperty('status');
    expect(bare.attempts).toBeUndefined();
  });

  it('keeps a cause that is undefined on purpose apart from no cause', () => {
    expect('cause' in new SourceError('a', 'network', 'reset', { cause: undefined })).toBe(true);
    expect('cause' in new SourceError('a', 'network', 'reset', { status: 1 })).toBe(false);
  });
});

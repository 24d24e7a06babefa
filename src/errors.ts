/**
 * An error about one source that the user should read as a single line, e.g.
 * "https://x.org/a: HTTP 404 Not Found". `code` is stable for scripts (--json output).
 */
export type SourceErrorCode =
  | 'http-status'
  | 'not-html'
  | 'too-large'
  | 'timeout'
  | 'network'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'bad-url'
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'parse-failed'
  | 'no-article'
  /** The page is past extraction's limits (elements, nesting depth): see src/extract/limits.ts. */
  | 'too-complex'
  | 'archive-write'
  | 'bad-feed'
  | 'bad-sitemap'
  | 'bad-warc'
  | 'no-page-url'
  /** Rendering in Chromium took longer than --render-timeout (src/render/render.ts). */
  | 'render-timeout'
  /** Chromium could not start, or the page could not be rendered (its tab crashed, …). */
  | 'render-failed';

export interface SourceErrorOptions {
  cause?: unknown;
  /** The HTTP status of an 'http-status' error, for retry decisions. */
  status?: number;
  /** The response's Retry-After header as sent (seconds or an HTTP date), when it had one. */
  retryAfter?: string;
}

export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly status?: number;
  readonly retryAfter?: string;
  /** HTTP attempts made before giving up, when the source was fetched with retries. */
  attempts?: number;
  constructor(
    /** The source as the user named it (URL, path, or "-"). */
    readonly source: string,
    readonly code: SourceErrorCode,
    /** What happened, without the source: "HTTP 404 Not Found", "timed out after 30 s". */
    readonly reason: string,
    options?: SourceErrorOptions,
  ) {
    super(`${source}: ${reason}`, options && 'cause' in options ? { cause: options.cause } : undefined);
    if (options?.status !== undefined) this.status = options.status;
    if (options?.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

import { fileURLToPath } from 'node:url';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { fetchPage, type RequestGate } from './http.js';
import { readLocal } from './local.js';

export { decodePage } from './decode.js';
export { defaultUserAgent, serverText, statusLine, type RequestGate } from './http.js';

export interface AcquireOptions {
  /** The page's URL for a file or stdin (`--url`); ignored for http sources. */
  pageUrl?: string;
  /** Whole request, redirects and body included (not a hop's wait for its turn). Default 30000. */
  timeoutMs?: number;
  /** Default 20 MiB. */
  maxBytes?: number;
  /** Default 10. */
  maxRedirects?: number;
  /** Default `clipfile/<version> (+https://github.com/clipfile/clipfile)`. */
  userAgent?: string;
  /** What "-" reads; default process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** Extra request headers (e.g. If-None-Match); they override the defaults. */
  headers?: Record<string, string>;
  /** A 304 Not Modified reply yields a Capture with status 304 and empty bytes instead of an error. */
  acceptNotModified?: boolean;
  /** Sends each request of an http fetch, redirect hops included, when it may go (see RequestGate). */
  sendRequest?: RequestGate;
  /** Time left for the whole fetch from outside (a retry budget); read as each request goes. */
  timeLeftMs?: () => number;
}

/** Validators of an earlier capture of the page, for a conditional request. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

/** If-None-Match / If-Modified-Since from an earlier capture's validators; undefined when it had none. */
export function conditionalHeaders(validators: Validators): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  return Object.keys(headers).length > 0 ? headers : undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 10;

/**
 * Gets the raw bytes of a page: `source` is an http(s) URL, a file path (or file: URL), or "-"
 * for stdin. Every failure is a SourceError naming `source` as given.
 */
export async function acquire(source: string, options: AcquireOptions = {}): Promise<Capture> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const local = { maxBytes, stdin: options.stdin ?? process.stdin };

  if (source === '-' || !looksLikeUrl(source)) {
    return readLocal(source, { ...local, pageUrl: pageUrlOf(source, options.pageUrl) });
  }

  const url = parseUrl(source);
  if (url.protocol === 'file:') {
    return readLocal(source, { ...local, pageUrl: pageUrlOf(source, options.pageUrl), filePath: fileURLToPath(url) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // "localhost:8080/page" parses as scheme "localhost:".
    const hint = /^[a-z0-9.-]+:\d+(\/|$)/i.test(source) ? `did you mean http://${source} ?` : 'only http and https';
    throw new SourceError(source, 'bad-url', `unsupported URL scheme "${url.protocol}"; ${hint}`);
  }
  if (url.username || url.password) {
    throw new SourceError(source, 'bad-url', 'URLs with a user name or password are not supported');
  }
  return fetchPage(source, url, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    userAgent: options.userAgent,
    headers: options.headers,
    acceptNotModified: options.acceptNotModified,
    sendRequest: options.sendRequest,
    timeLeftMs: options.timeLeftMs,
  });
}

/** "scheme:…", but not a Windows drive path like "C:\page.html". */
function looksLikeUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source);
}

function parseUrl(source: string): URL {
  try {
    return new URL(source);
  } catch (error) {
    throw new SourceError(source, 'bad-url', 'invalid URL', { cause: error });
  }
}

/** `--url` must be an absolute http(s) URL, since relative links in the page resolve against it. */
function pageUrlOf(source: string, pageUrl: string | undefined): string | null {
  if (pageUrl === undefined) return null;
  let url: URL | undefined;
  try {
    url = new URL(pageUrl);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new SourceError(source, 'bad-url', `--url is not an http(s) URL: ${pageUrl}`);
  }
  return url.href;
}

import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { headOf, isFeedContentType, sniffKind } from '../sources/detect.js';
import { clipfileVersion } from '../version.js';
import { readAtMost, sizeLimitError } from './local.js';

export interface HttpOptions {
  /** Covers the whole fetch: every redirect hop, the headers and the body (counted while a request is out). */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent?: string;
  /** Extra request headers; they override the defaults. */
  headers?: Record<string, string>;
  /** A 304 reply (to a conditional request) yields a Capture with status 304 and no bytes instead of an error. */
  acceptNotModified?: boolean;
  /**
   * Sends each request of the chain: the first (hop 0) and every redirect hop, when it may go
   * (the batch fetcher asks the hop's robots.txt and waits for the host's turn). May throw to end
   * the chain; what it throws is passed on as it is. Default: send at once.
   */
  sendRequest?: RequestGate;
  /** Time the caller has left (a URL's retry budget): a request never runs past it. Read as each request goes. */
  timeLeftMs?: () => number;
}

/** Runs `send` (one request of a redirect chain, `hop` 0 for the first) when `url` may be requested. */
export type RequestGate = <T>(url: URL, hop: number, send: () => Promise<T>) => Promise<T>;

/** Longest reason phrase kept from a status line: it is the server's text, shown to the user. */
export const MAX_REASON_PHRASE_CHARS = 200;

const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Types servers put on HTML by mistake (or omit); accepted only when the body looks like HTML. */
const AMBIGUOUS_TYPES = new Set([null, 'text/plain', 'application/octet-stream']);
/** Types a feed or sitemap comes with: read, then kept only when the body is one (src/sources/detect.ts). */
const LISTING_TYPES = new Set([
  'application/xml',
  'text/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/gzip',
  'application/x-gzip',
]);
const PROVENANCE_HEADERS = [
  'content-type',
  'content-length',
  'etag',
  'last-modified',
  'date',
  'content-language',
  'content-encoding',
];

/**
 * GETs an http(s) URL, following redirects, and returns the final HTML response's bytes. The
 * timeout runs while a request is out (headers and body, every hop), not while `sendRequest`
 * holds a hop back.
 */
export async function fetchPage(source: string, url: URL, options: HttpOptions): Promise<Capture> {
  const headers = {
    'user-agent': options.userAgent ?? defaultUserAgent(),
    accept: ACCEPT,
    ...lowerCaseKeys(options.headers ?? {}),
  };
  const gate: RequestGate = options.sendRequest ?? ((_url, _hop, send) => send());
  const clock = new RequestClock(options.timeoutMs, options.timeLeftMs);
  const redirects = [url.href];
  let current = url;
  // Redirects are followed by hand to record the chain, to name loops in the error, and to let
  // each hop wait for its own host's turn.
  for (let hop = 0; ; hop++) {
    const requested = current;
    const step = await gate(requested, hop, () => clock.time(source, requested, () => requestOnce(source, requested, headers, options, clock.signal)));
    if (step.kind === 'final') return captureOf(source, url, step.response, redirects, headers, step.contentType, step.bytes);

    const next = resolveLocation(source, step.location, current);
    if (redirects.includes(next.href)) {
      throw new SourceError(source, 'redirect-loop', `redirect loop back to ${next.href}`);
    }
    if (redirects.length > options.maxRedirects) {
      throw new SourceError(source, 'too-many-redirects', `more than ${options.maxRedirects} redirects`);
    }
    redirects.push(next.href);
    current = next;
  }
}

type Step =
  | { kind: 'redirect'; location: string }
  | { kind: 'final'; response: Response; contentType: string | null; bytes: Uint8Array };

/** One request: a redirect (its body discarded), or the final response read in full and checked. */
async function requestOnce(
  source: string,
  url: URL,
  headers: Record<string, string>,
  options: HttpOptions,
  signal: AbortSignal,
): Promise<Step> {
  const response = await fetch(url, { redirect: 'manual', headers, signal });
  const location = response.headers.get('location');
  if (REDIRECT_STATUSES.has(response.status) && location !== null) {
    await discardBody(response);
    return { kind: 'redirect', location };
  }
  const contentType = mediaType(response.headers.get('content-type'));
  if (response.status === 304 && options.acceptNotModified) {
    await discardBody(response);
    return { kind: 'final', response, contentType, bytes: new Uint8Array(0) };
  }
  const rejection = rejectBeforeBody(source, response, contentType, options.maxBytes);
  if (rejection) {
    await discardBody(response);
    throw rejection;
  }
  const bytes = response.body ? await readAtMost(chunksOf(response.body), options.maxBytes) : new Uint8Array(0);
  if (bytes === null) throw sizeLimitError(source, options.maxBytes);
  if (!HTML_TYPES.has(contentType ?? '') && !looksLikeHtml(bytes) && !isListing(bytes, contentType)) throw notHtml(source, contentType);
  return { kind: 'final', response, contentType, bytes };
}

/**
 * One attempt's time limit, spent only while a request is out: a hop waiting for its host's turn
 * (which the user set with --delay, or robots.txt with Crawl-delay) is not a slow server.
 */
class RequestClock {
  private readonly controller = new AbortController();
  /** The limit as it stands: the timeout, or less when the caller's time ran short. */
  private limitMs: number;
  private spentMs = 0;

  constructor(
    timeoutMs: number,
    private readonly timeLeftMs?: () => number,
  ) {
    this.limitMs = timeoutMs;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs one request against what is left of the limit; its failures become SourceErrors (timeout, network). */
  async time<T>(source: string, url: URL, request: () => Promise<T>): Promise<T> {
    const callerLeftMs = this.timeLeftMs?.();
    if (callerLeftMs !== undefined) this.limitMs = Math.min(this.limitMs, this.spentMs + Math.max(0, callerLeftMs));
    const startedAt = performance.now();
    const timer = setTimeout(() => this.controller.abort(), Math.max(1, this.limitMs - this.spentMs));
    try {
      return await request();
    } catch (error) {
      if (error instanceof SourceError) throw error;
      if (this.controller.signal.aborted) {
        throw new SourceError(source, 'timeout', `timed out after ${seconds(this.limitMs)} s`, { cause: error });
      }
      throw networkError(source, url, error);
    } finally {
      clearTimeout(timer);
      this.spentMs += performance.now() - startedAt;
    }
  }
}

/** 30000 → "30", 250 → "0.25", 18532.4 → "18.53". */
function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}

function captureOf(
  source: string,
  url: URL,
  response: Response,
  redirects: string[],
  requestHeaders: Record<string, string>,
  contentType: string | null,
  bytes: Uint8Array,
): Capture {
  return {
    requestedUrl: source,
    url: redirects.at(-1) ?? url.href,
    source: 'http',
    redirects,
    status: response.status,
    headers: provenanceHeaders(response.headers),
    contentType,
    bytes,
    fetchedAt: new Date().toISOString(),
    exchange: {
      method: 'GET',
      requestHeaders: Object.entries(requestHeaders),
      responseHeaders: [...response.headers],
      statusText: response.statusText,
      // Node's fetch (undici) speaks HTTP/1.1 unless allowH2 is set, and Response does not say.
      httpVersion: '1.1',
    },
  };
}

function resolveLocation(source: string, location: string, base: URL): URL {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch (error) {
    throw new SourceError(source, 'bad-url', `redirect to an invalid URL: ${location}`, { cause: error });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new SourceError(source, 'bad-url', `redirect to an unsupported URL: ${next.href}`);
  }
  return next;
}

/** Why the final response is unusable before reading its body (status, type, announced size), if it is. */
function rejectBeforeBody(source: string, response: Response, contentType: string | null, maxBytes: number) {
  if (response.status < 200 || response.status > 299) {
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    return new SourceError(source, 'http-status', statusLine(response.status, response.statusText), {
      status: response.status,
      retryAfter,
    });
  }
  if (!HTML_TYPES.has(contentType ?? '') && !AMBIGUOUS_TYPES.has(contentType) && !LISTING_TYPES.has(contentType ?? '')) {
    return notHtml(source, contentType);
  }
  // With Content-Encoding, Content-Length counts compressed bytes; the streaming check decides then.
  if (!response.headers.has('content-encoding') && Number(response.headers.get('content-length')) > maxBytes) {
    return sizeLimitError(source, maxBytes);
  }
  return null;
}

/**
 * "HTTP 503 Service Unavailable": the server's reason phrase (its own text, so capped), else the
 * standard one.
 */
export function statusLine(status: number, reasonPhrase: string): string {
  const phrase = serverText(reasonPhrase, MAX_REASON_PHRASE_CHARS) || standardReasonPhrase(status);
  return `HTTP ${status} ${phrase}`.trimEnd();
}

/** Text a server sent, for a message: trimmed, and cut to `maxChars` characters (the last one "…") when longer. */
export function serverText(text: string, maxChars: number): string {
  const chars = [...text.trim()];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : chars.join('');
}

/** The body's chunks; the TS DOM lib lacks ReadableStream's async iterator that Node has. */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    finished = true;
  } finally {
    // The consumer stopped early (size limit): stop the download too.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

async function discardBody(response: Response): Promise<void> {
  // Cancelling releases the connection instead of leaving the body pending.
  await response.body?.cancel().catch(() => undefined);
}

/** "text/html; charset=utf-8" → "text/html"; null when absent or empty. */
function mediaType(header: string | null): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type || null;
}

/** A feed or sitemap (gzipped too), or a body served as a feed, which the batch run reports on. */
function isListing(bytes: Uint8Array, contentType: string | null): boolean {
  const kind = sniffKind(headOf(bytes), contentType);
  return kind === 'feed' || kind === 'sitemap' || isFeedContentType(contentType);
}

function notHtml(source: string, contentType: string | null): SourceError {
  return new SourceError(source, 'not-html', `not HTML: ${contentType ?? 'no content type and no HTML markup'}`);
}

/**
 * The HTML signatures of the WHATWG MIME Sniffing standard (`<!DOCTYPE HTML`, `<HTML`, `<HEAD`,
 * `<BODY`, `<!--`, `<P`, …, each ending in a space or ">"), after a BOM and whitespace; plus XHTML
 * (`<?xml` followed by an `<html` element).
 */
function looksLikeHtml(bytes: Uint8Array): boolean {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024))
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (start.startsWith('<?xml')) return /<html[\s>]/.test(start);
  return start.startsWith('<!--') || /^<(!doctype html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)[\s>]/.test(start);
}

function provenanceHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of PROVENANCE_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Turns undici's "fetch failed" (the real error is in the cause chain) into a readable reason. */
function networkError(source: string, url: URL, error: unknown): SourceError {
  if (innermostMessage(error) === 'bad port') {
    // undici refuses the ports the Fetch standard blocks (e.g. 6000, 6667).
    return new SourceError(source, 'bad-url', 'port blocked by fetch (a "bad port" in the Fetch standard)', { cause: error });
  }
  const code = findErrorCode(error);
  const reason = code ? NETWORK_REASONS[code]?.(url) : undefined;
  const detail = reason ?? describeUnknownFailure(error, code);
  return new SourceError(source, 'network', detail, { cause: error });
}

const NETWORK_REASONS: Record<string, (url: URL) => string> = {
  ECONNREFUSED: () => 'connection refused',
  ECONNRESET: () => 'connection reset',
  UND_ERR_SOCKET: () => 'connection closed by the server before the response was complete',
  ENOTFOUND: (url) => `host not found: ${url.hostname}`,
  EAI_AGAIN: (url) => `DNS lookup failed for ${url.hostname} (temporary failure; offline?)`,
  ETIMEDOUT: () => 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: () => 'connection timed out',
  EHOSTUNREACH: () => 'host unreachable',
  ENETUNREACH: () => 'network unreachable',
  EPIPE: () => 'connection closed while sending the request',
  UND_ERR_HEADERS_OVERFLOW: () => 'response headers too large',
  HPE_INVALID_CONSTANT: () => 'invalid HTTP response',
  Z_DATA_ERROR: () => 'corrupt compressed response',
  Z_BUF_ERROR: () => 'truncated compressed response',
  ERR_TLS_CERT_ALTNAME_INVALID: (url) => `TLS certificate is not valid for ${url.hostname}`,
  CERT_HAS_EXPIRED: () => 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: () => 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: () => 'self-signed TLS certificate in chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () => 'TLS certificate could not be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: () => 'TLS certificate could not be verified',
};

/** The first `code` in an error's cause chain (and in AggregateError members, as Happy Eyeballs throws). */
export function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > 8) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const nested = [error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  for (const inner of nested) {
    const found = findErrorCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function describeUnknownFailure(error: unknown, code: string | undefined): string {
  const message = innermostMessage(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

function innermostMessage(error: unknown): string {
  let innermost = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  return innermost instanceof Error ? innermost.message : String(innermost);
}

/** `clipfile/<version> (+https://github.com/clipfile/clipfile)`. */
export function defaultUserAgent(): string {
  return `clipfile/${clipfileVersion()} (+https://github.com/clipfile/clipfile)`;
}

/**
 * The reason phrase HTTP/1.1 gives a status. node:http, which holds the table, is loaded only
 * here (fetch does not need it), so a one-page `extract` of a file never loads it.
 */
function standardReasonPhrase(status: number): string {
  return process.getBuiltinModule('node:http').STATUS_CODES[status] ?? '';
}

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { Capture } from '../article.js';

export interface WarcInfo {
  /** e.g. "clipfile/0.1.0". */
  software: string;
}

const warcVersion = 'WARC/1.1';

/**
 * Node's fetch hands over the body decoded (gunzipped, de-chunked), so headers describing the
 * wire form would make a reader decode it again. They are kept under X-Archive-Orig-<name>, as
 * pywb and other archiving tools do, and Content-Length is rewritten to the stored length.
 */
const WIRE_FORM_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

/**
 * The capture as a gzipped WARC 1.1 file, one gzip member per record: warcinfo, then request and
 * response (plus a metadata record listing the redirect chain, if any) for http captures, or a
 * resource record for files and stdin.
 */
export async function buildWarc(capture: Capture, info: WarcInfo): Promise<Uint8Array> {
  const date = capture.fetchedAt;
  const warcinfo = WARCRecord.createWARCInfo(
    { date, warcVersion },
    {
      software: info.software,
      format: 'WARC File Format 1.1',
      conformsTo: 'http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
    },
  );
  const records = [warcinfo, ...(capture.exchange && capture.url ? exchangeRecords(capture, capture.url, capture.exchange) : [resourceRecord(capture)])];
  const members = await Promise.all(records.map((record) => WARCSerializer.serialize(record, { gzip: true })));
  return Buffer.concat(members);
}

function exchangeRecords(capture: Capture, url: string, exchange: NonNullable<Capture['exchange']>): WARCRecord[] {
  const target = new URL(url);
  const date = capture.fetchedAt;
  const requestId = recordId();
  const responseId = recordId();
  const request = WARCRecord.create({
    type: 'request',
    url,
    date,
    warcVersion,
    warcHeaders: { 'WARC-Record-ID': requestId, 'WARC-Concurrent-To': responseId },
    statusline: `${exchange.method} ${target.pathname}${target.search} HTTP/${exchange.httpVersion}`,
    // fetch sends Host itself (derived from the URL); an HTTP/1.1 request is incomplete without it.
    httpHeaders: [['host', target.host], ...exchange.requestHeaders],
  });
  const response = WARCRecord.create(
    {
      type: 'response',
      url,
      date,
      warcVersion,
      warcHeaders: { 'WARC-Record-ID': responseId, 'WARC-Concurrent-To': requestId },
      statusline: `HTTP/${exchange.httpVersion} ${capture.status} ${exchange.statusText}`,
      httpHeaders: storedResponseHeaders(exchange.responseHeaders, capture.bytes.length),
    },
    [capture.bytes],
  );
  if (capture.redirects.length < 2) return [request, response];

  const chain = capture.redirects.map((visited) => `visited: ${visited}\r\n`).join('');
  const metadata = WARCRecord.create(
    { type: 'metadata', url, date, warcVersion, warcHeaders: { 'WARC-Refers-To': responseId } },
    [new TextEncoder().encode(chain)],
  );
  return [request, response, metadata];
}

function resourceRecord(capture: Capture): WARCRecord {
  return WARCRecord.create(
    {
      type: 'resource',
      url: capture.url ?? localUrl(capture.requestedUrl),
      date: capture.fetchedAt,
      warcVersion,
      warcHeaders: { 'Content-Type': capture.contentType ?? 'text/html' },
    },
    [capture.bytes],
  );
}

/** WARC-Target-URI is mandatory: a file: URL for a file, a URN for stdin read without --url. */
function localUrl(requested: string): string {
  if (requested === '-') return 'urn:clipfile:stdin';
  if (/^file:/i.test(requested)) return requested;
  return pathToFileURL(path.resolve(requested)).href;
}

function storedResponseHeaders(headers: [string, string][], bodyLength: number): [string, string][] {
  const stored: [string, string][] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' && value === String(bodyLength)) continue;
    stored.push([WIRE_FORM_HEADERS.has(lower) ? `x-archive-orig-${lower}` : name, asSent(value)]);
  }
  stored.push(['content-length', String(bodyLength)]);
  return stored;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * fetch reads header bytes as Latin-1 and warcio writes header strings as UTF-8. Reading UTF-8
 * bytes back as UTF-8 makes warcio store them exactly as sent; other bytes stay in their Latin-1
 * reading (HTTP's historical charset), which keeps their meaning though not their bytes.
 */
function asSent(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  try {
    return strictUtf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function recordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

/**
 * WARC files as input, read with warcio's streaming reader (gzipped or not): each HTML
 * `response` record with status 200 becomes a Capture dated by its WARC-Date, with the URL of
 * WARC-Target-URI and the record's HTTP headers. Other records are counted and skipped. The
 * file is never held whole: one record's payload at a time.
 */
import { createReadStream, statSync } from 'node:fs';
import { WARCParser } from 'warcio';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';

const WARC_VERSION_LINE = /^WARC\/\d+\.\d+$/;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Response headers kept in provenance, as for a live fetch. */
const PROVENANCE_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified', 'date', 'content-language'];

export interface WarcCounts {
  /** Records read, of any type. */
  records: number;
  /** HTML responses handed out as Captures. */
  pages: number;
  revisits: number;
  /** Records that are not an HTML 200 response (requests, metadata, images, redirects, …). */
  other: number;
}

export type WarcItem =
  | { kind: 'page'; capture: Capture; recordIndex: number }
  /** A response record that cannot be used (a broken HTTP header): one line, and the file goes on. */
  | { kind: 'bad-record'; error: SourceError; recordIndex: number };

/**
 * The pages of a WARC file, one at a time. `counts` is filled in as records are read. Throws a
 * SourceError (`bad-warc`) when the file is not a WARC or ends mid-record. Whole on purpose
 * (longer than 60 lines): the reader is sequential, so each record is read or skipped whole
 * before the next, and what counts as truncated is only known at the end of this one loop.
 */
export async function* readWarcPages(
  source: string,
  filePath: string,
  counts: WarcCounts,
  options: { maxBytes: number },
): AsyncGenerator<WarcItem> {
  const parser = new WARCParser(createReadStream(filePath), { parseHttp: true });
  let recordIndex = -1;
  try {
    for (;;) {
      let record;
      try {
        record = await parser.parse();
      } catch (error) {
        if (error instanceof SourceError) throw error;
        const where = counts.records === 0 ? 'not a WARC file' : `broken after record ${counts.records}`;
        throw new SourceError(source, 'bad-warc', `${where}: ${(error as Error).message}`);
      }
      if (!record) break;
      // warcio reads any text as a record; only a `WARC/1.x` version line makes one.
      if (!WARC_VERSION_LINE.test(record.warcHeaders.protocol ?? '')) {
        const where = counts.records === 0 ? 'not a WARC file' : `broken after record ${counts.records}`;
        throw new SourceError(source, 'bad-warc', `${where}: no WARC version line`);
      }
      recordIndex++;
      counts.records++;
      const type = record.warcType;
      if (type === 'revisit' || type !== 'response') {
        await skipWhole(source, record, recordIndex);
        if (type === 'revisit') counts.revisits++;
        else counts.other++;
        continue;
      }
      const url = record.warcTargetURI ?? '';
      const http = record.httpHeaders;
      if (!http || !/^HTTP\/\d/.test(http.protocol ?? '') || !Number.isInteger(Number(http.statusCode))) {
        await skipWhole(source, record, recordIndex);
        yield { kind: 'bad-record', recordIndex, error: new SourceError(source, 'bad-warc', `record ${recordIndex + 1} (${url}): broken HTTP header`) };
        continue;
      }
      const contentType = mediaType(http.headers.get('content-type'));
      if (Number(http.statusCode) !== 200 || !HTML_TYPES.has(contentType ?? '')) {
        await skipWhole(source, record, recordIndex);
        counts.other++;
        continue;
      }
      const bytes = await record.readFully(true);
      if (unread(record) > 0) throw truncated(source, recordIndex);
      if (bytes.length > options.maxBytes) {
        yield { kind: 'bad-record', recordIndex, error: new SourceError(source, 'too-large', `record ${recordIndex + 1} (${url}): page larger than the size limit`) };
        continue;
      }
      counts.pages++;
      yield { kind: 'page', recordIndex, capture: captureOf(source, record, url, contentType, http.headers, Number(http.statusCode), bytes) };
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(source, 'bad-warc', `unreadable WARC: ${(error as Error).message}`);
  }
  if (counts.records === 0) throw new SourceError(source, 'bad-warc', 'not a WARC file (no records)');
  // A gzip member cut short ends the reader quietly: the bytes not reached tell.
  const reader = (parser as unknown as { _reader?: { compressed?: unknown; getRawOffset?: () => number } })._reader;
  if (reader?.compressed && typeof reader.getRawOffset === 'function' && reader.getRawOffset() < statSync(filePath).size) {
    throw truncated(source, recordIndex);
  }
}

interface RecordReader {
  reader?: unknown;
  /** warcio's LimitReader of the block; `reader` refuses to be read once decoding began. */
  _reader?: unknown;
}

/** Bytes of the record's block that the file did not hold (its Content-Length promised more). */
function unread(record: RecordReader): number {
  const reader = record._reader as { limit?: unknown } | undefined;
  return typeof reader?.limit === 'number' ? reader.limit : 0;
}

/**
 * Reads past a record's block. warcio's own skipFully spins forever on a plain (not gzipped)
 * file cut inside a block, so the block is drained chunk by chunk and what is missing checked.
 */
async function skipWhole(source: string, record: RecordReader, recordIndex: number): Promise<void> {
  for await (const chunk of record.reader as AsyncIterable<Uint8Array>) void chunk;
  if (unread(record) > 0) throw truncated(source, recordIndex);
}

function truncated(source: string, recordIndex: number): SourceError {
  return new SourceError(source, 'bad-warc', `truncated: the file ends inside record ${recordIndex + 1}`);
}

function captureOf(
  source: string,
  record: { warcDate: string | null | undefined },
  url: string,
  contentType: string | null,
  headers: Map<string, string> | Headers,
  status: number,
  bytes: Uint8Array,
): Capture {
  const kept: Record<string, string> = {};
  for (const name of PROVENANCE_HEADERS) {
    const value = headers.get(name);
    if (value) kept[name] = value;
  }
  const date = Date.parse(record.warcDate ?? '');
  return {
    requestedUrl: source,
    url: /^https?:\/\//i.test(url) ? url : null,
    source: 'warc',
    redirects: [],
    status,
    headers: kept,
    contentType,
    bytes,
    // When the page was captured, not when it is imported.
    fetchedAt: Number.isNaN(date) ? new Date().toISOString() : new Date(date).toISOString(),
  };
}

function mediaType(header: string | null | undefined): string | null {
  return header?.split(';')[0]?.trim().toLowerCase() || null;
}

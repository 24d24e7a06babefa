import { packageVersion } from '../helpers/cli.js';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquire } from '../../src/acquire/index.js';
import { buildWarc } from '../../src/archive/warc.js';
import { TestServer, bytes, html, redirect } from '../helpers/server.js';

let server: TestServer;
let tmp: string;
beforeAll(async () => {
  server = await TestServer.start();
  tmp = await mkdtemp(path.join(tmpdir(), 'clipfile-warc-'));
});
afterAll(async () => {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => server.reset());

const SOFTWARE = `clipfile/${packageVersion}`;
const PAGE = '<!doctype html><html><head><title>Ünïcode</title></head><body><p>Привет, 世界 — “quotes” 🎉</p></body></html>';

interface ParsedRecord {
  record: WARCRecord;
  /** The record's content: the HTTP payload for request/response, the whole block otherwise. */
  payload: Uint8Array;
  /** Where the record's gzip member starts and how long it is, as a CDX index would say. */
  offset: number;
  length: number;
}

async function readWarc(warc: Uint8Array, parseHttp = true): Promise<ParsedRecord[]> {
  const parser = new WARCParser([warc], { parseHttp });
  const records: ParsedRecord[] = [];
  for await (const record of parser) {
    const payload = await record.readFully(false);
    records.push({ record, payload, offset: parser.offset, length: parser.recordLength });
  }
  return records;
}

function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

const GZIPPED = gzipSync(PAGE);

async function fetchStory() {
  const headers = {
    'content-encoding': 'gzip',
    'content-length': String(GZIPPED.length),
    etag: '"v7"',
    // Header strings go out as Latin-1 here: the first is "café" in UTF-8 bytes, the second in Latin-1.
    'x-utf8': Buffer.from('café').toString('latin1'),
    'x-latin1': 'café',
  };
  server.route('/story', bytes(GZIPPED, 'text/html; charset=utf-8', { headers }));
  return acquire(server.url('/story'));
}

describe('buildWarc, http capture', () => {
  it('writes warcinfo, request and response records that warcio reads back', async () => {
    const capture = await fetchStory();
    expect(new TextDecoder().decode(capture.bytes)).toBe(PAGE);

    const records = await readWarc(await buildWarc(capture, { software: SOFTWARE }));
    expect(records.map(({ record }) => record.warcType)).toEqual(['warcinfo', 'request', 'response']);
    const [warcinfo, request, response] = records.map(({ record }) => record) as [WARCRecord, WARCRecord, WARCRecord];

    expect(warcinfo.warcHeaders.statusline).toBe('WARC/1.1');
    const info = new TextDecoder().decode(records[0]?.payload);
    expect(info).toContain(`software: ${SOFTWARE}\r\n`);
    expect(info).toContain('format: WARC File Format 1.1\r\n');

    for (const record of [request, response]) {
      expect(record.warcTargetURI).toBe(capture.url);
      expect(record.warcDate).toBe(capture.fetchedAt);
    }
    expect(request.warcConcurrentTo).toEqual([response.warcHeader('WARC-Record-ID')]);
    expect(response.warcConcurrentTo).toEqual([request.warcHeader('WARC-Record-ID')]);

    expect(request.httpHeaders?.statusline).toBe('GET /story HTTP/1.1');
    expect(request.httpHeaders?.headers.get('user-agent')).toBe(`clipfile/${packageVersion} (+https://github.com/clipfile/clipfile)`);
    expect(request.httpHeaders?.headers.get('user-agent')).toBe(server.requestsTo('/story')[0]?.headers['user-agent']);
    expect(request.httpHeaders?.headers.get('host')).toBe(new URL(server.origin).host);

    expect(records[2]?.payload).toEqual(capture.bytes);
    expect(response.httpHeaders?.statusCode).toBe(200);
    expect(response.httpHeaders?.statusText).toBe('OK');
    const headers = response.httpHeaders?.headers;
    expect(headers?.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers?.get('etag')).toBe('"v7"');
  });

  it('stores UTF-8 header bytes as sent, and Latin-1 ones by their meaning', async () => {
    const capture = await fetchStory();
    expect(capture.exchange?.responseHeaders).toContainEqual(['x-utf8', 'cafÃ©']);
    expect(capture.exchange?.responseHeaders).toContainEqual(['x-latin1', 'café']);
    const warc = gunzipSync(await buildWarc(capture, { software: SOFTWARE }));
    expect(warc.includes(Buffer.from('x-utf8: café\r\n'))).toBe(true);
    // Byte E9 is not UTF-8 and warcio only writes UTF-8: "é" is kept, as C3 A9.
    expect(warc.includes(Buffer.from('x-latin1: café\r\n'))).toBe(true);
  });

  it('stores the decoded body with headers that no longer claim the gzip encoding', async () => {
    const capture = await fetchStory();
    const [, , response] = await readWarc(await buildWarc(capture, { software: SOFTWARE }));
    const headers = response?.record.httpHeaders?.headers;

    expect(headers?.get('content-encoding')).toBeNull();
    expect(headers?.get('x-archive-orig-content-encoding')).toBe('gzip');
    expect(headers?.get('content-length')).toBe(String(capture.bytes.length));
    expect(headers?.get('x-archive-orig-content-length')).toBe(String(GZIPPED.length));
    // Decoding as warcio would for a replay gives the same bytes: nothing left to gunzip.
    const [, , decoded] = await readWarcContent(await buildWarc(capture, { software: SOFTWARE }));
    expect(decoded).toEqual(capture.bytes);
  });

  it('drops Transfer-Encoding: chunked (the body is stored whole) and adds Content-Length', async () => {
    server.route('/chunked', html(PAGE));
    const capture = await acquire(server.url('/chunked'));
    expect(capture.exchange?.responseHeaders).toContainEqual(['transfer-encoding', 'chunked']);

    const [, , response] = await readWarc(await buildWarc(capture, { software: SOFTWARE }));
    const headers = response?.record.httpHeaders?.headers;
    expect(headers?.get('transfer-encoding')).toBeNull();
    expect(headers?.get('x-archive-orig-transfer-encoding')).toBe('chunked');
    expect(headers?.get('content-length')).toBe(String(capture.bytes.length));
    expect(headers?.get('x-archive-orig-content-length')).toBeNull();
    expect(response?.payload).toEqual(capture.bytes);
  });

  it('carries sha256 digests (hex, as warcio writes them) that verify', async () => {
    const capture = await fetchStory();
    const warc = await buildWarc(capture, { software: SOFTWARE });

    const [, request, response] = await readWarc(warc);
    expect(response?.record.warcPayloadDigest).toBe(sha256(capture.bytes));
    expect(response?.record.warcPayloadDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(request?.record.warcPayloadDigest).toBe(sha256(new Uint8Array(0)));

    // The block digest covers the HTTP headers too: read the blocks unparsed.
    const blocks = await readWarc(warc, false);
    for (const { record, payload } of blocks.slice(1)) {
      expect(record.warcBlockDigest).toBe(sha256(payload));
      expect(record.warcContentLength).toBe(payload.length);
    }
  });

  it('notes a redirect chain in a metadata record after the response', async () => {
    server.route('/a', redirect('/b', 301)).route('/b', redirect('/c')).route('/c', html(PAGE));
    const capture = await acquire(server.url('/a'));

    const records = await readWarc(await buildWarc(capture, { software: SOFTWARE }));
    expect(records.map(({ record }) => record.warcType)).toEqual(['warcinfo', 'request', 'response', 'metadata']);
    const [, request, response, metadata] = records;
    expect(request?.record.warcTargetURI).toBe(server.url('/c'));
    expect(request?.record.httpHeaders?.statusline).toBe('GET /c HTTP/1.1');
    expect(response?.record.warcTargetURI).toBe(server.url('/c'));
    expect(metadata?.record.warcHeader('WARC-Refers-To')).toBe(response?.record.warcHeader('WARC-Record-ID'));
    expect(metadata?.record.warcContentType).toBe('application/warc-fields');
    expect(new TextDecoder().decode(metadata?.payload)).toBe(
      ['/a', '/b', '/c'].map((p) => `visited: ${server.url(p)}\r\n`).join(''),
    );
  });

  it('writes one gzip member per record, readable alone from its offset', async () => {
    const capture = await fetchStory();
    const warc = await buildWarc(capture, { software: SOFTWARE });
    const file = path.join(tmp, 'page.warc.gz');
    await writeFile(file, warc);

    const onDisk = await readFile(file);
    // warcio writes WARC/1.1 when asked to (its default is WARC/1.0).
    expect(gunzipSync(onDisk).subarray(0, 10).toString('latin1')).toBe('WARC/1.1\r\n');

    const records = await readWarc(onDisk);
    expect(records[0]?.offset).toBe(0);
    expect(records.at(-1)!.offset + records.at(-1)!.length).toBe(onDisk.length);
    for (const { offset, length, record } of records) {
      const member = gunzipSync(onDisk.subarray(offset, offset + length)).toString('latin1');
      expect(member.startsWith('WARC/1.1\r\n')).toBe(true);
      expect(member).toContain(`WARC-Type: ${record.warcType}\r\n`);
    }
  });
});

describe('buildWarc, file and stdin captures', () => {
  it('writes a resource record with the bytes under the file: URL', async () => {
    const file = path.join(tmp, 'saved page.html');
    await writeFile(file, PAGE);
    const capture = await acquire(file);

    const records = await readWarc(await buildWarc(capture, { software: SOFTWARE }));
    expect(records.map(({ record }) => record.warcType)).toEqual(['warcinfo', 'resource']);
    const resource = records[1]!;
    expect(resource.payload).toEqual(capture.bytes);
    expect(resource.record.warcTargetURI).toBe(pathToFileURL(file).href);
    expect(resource.record.warcContentType).toBe('text/html');
    expect(resource.record.warcDate).toBe(capture.fetchedAt);
    expect(resource.record.warcPayloadDigest).toBe(sha256(capture.bytes));
    expect(resource.record.warcBlockDigest).toBe(sha256(capture.bytes));
  });

  it('files the resource under --url when given, and stdin without one under a URN', async () => {
    const file = path.join(tmp, 'page.html');
    await writeFile(file, PAGE);
    const withUrl = await acquire(file, { pageUrl: 'https://news.example.com/story' });
    const [, resource] = await readWarc(await buildWarc(withUrl, { software: SOFTWARE }));
    expect(resource?.record.warcTargetURI).toBe('https://news.example.com/story');

    const fromStdin = await acquire('-', { stdin: Readable.from([Buffer.from(PAGE)]) });
    const [, stdinResource] = await readWarc(await buildWarc(fromStdin, { software: SOFTWARE }));
    expect(stdinResource?.record.warcTargetURI).toBe('urn:clipfile:stdin');
    expect(stdinResource?.payload).toEqual(fromStdin.bytes);
  });
});

/** The records' content as a replay tool sees it: HTTP transfer and content encodings undone. */
async function readWarcContent(warc: Uint8Array): Promise<Uint8Array[]> {
  const contents: Uint8Array[] = [];
  for await (const record of new WARCParser([warc])) contents.push(await record.readFully(true));
  return contents;
}

/**
 * readWarcPages (src/sources/warc-input.ts) on real WARC files written by the test, plain and
 * gzipped per record: each HTML 200 response becomes a Capture dated by its WARC-Date; other
 * records are counted and skipped; a broken record is one bad-record item and the file goes on;
 * a file that is no WARC or ends mid-record fails as bad-warc.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceError } from '../../src/errors.js';
import { readWarcPages, type WarcCounts, type WarcItem } from '../../src/sources/warc-input.js';
import { sourceFailure } from '../helpers/assertions.js';

const dir = mkdtempSync(join(tmpdir(), 'clipfile-warc-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let recordId = 0;
function record(type: string, uri: string, block: string, date = '2026-11-01T12:34:56Z'): string {
  const contentType = type === 'response' || type === 'revisit' ? 'application/http; msgtype=response' : type === 'request' ? 'application/http; msgtype=request' : 'application/warc-fields';
  return (
    `WARC/1.1\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: ${date}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-${String(++recordId).padStart(12, '0')}>\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(block)}\r\n\r\n${block}\r\n\r\n`
  );
}

function httpResponse(status: string, contentType: string, body: string, extra = ''): string {
  return `HTTP/1.1 ${status}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nETag: "e1"\r\nX-Private: not kept\r\n${extra}\r\n${body}`;
}

const PAGE_A = '<html><head><title>A</title></head><body><p>Story A</p></body></html>';
const PAGE_B = '<html><body><p>Story B, ünïcode</p></body></html>';

const RECORDS = [
  record('warcinfo', '', 'software: test\r\n'),
  record('request', 'https://news.example/a', 'GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n'),
  record('response', 'https://news.example/a', httpResponse('200 OK', 'text/html; charset=utf-8', PAGE_A, 'Last-Modified: Sat, 31 Oct 2026 10:00:00 GMT\r\n')),
  record('response', 'https://news.example/gone', httpResponse('404 Not Found', 'text/html', '<p>gone</p>')),
  record('response', 'https://news.example/logo.png', httpResponse('200 OK', 'image/png', 'PNGDATA')),
  record('revisit', 'https://news.example/a', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'),
  record('response', 'https://news.example/b', httpResponse('200 OK', 'application/xhtml+xml', PAGE_B), '2026-11-02T00:00:00+01:00'),
];

async function readAll(path: string, maxBytes = 1_000_000): Promise<{ items: WarcItem[]; counts: WarcCounts }> {
  const counts: WarcCounts = { records: 0, pages: 0, revisits: 0, other: 0 };
  const items: WarcItem[] = [];
  for await (const item of readWarcPages('crawl.warc', path, counts, { maxBytes })) items.push(item);
  return { items, counts };
}

async function failureOf(path: string): Promise<SourceError> {
  return sourceFailure(readAll(path));
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readWarcPages', () => {
  for (const [name, content] of [
    ['plain', RECORDS.join('')],
    ['gzipped per record', Buffer.concat(RECORDS.map((r) => gzipSync(r)))],
  ] as const) {
    it(`${name}: the HTML 200 responses as Captures, the rest counted`, async () => {
      const { items, counts } = await readAll(write(`crawl-${name.replace(/\s/g, '-')}.warc${typeof content === 'string' ? '' : '.gz'}`, content));
      expect(counts).toEqual({ records: 7, pages: 2, revisits: 1, other: 4 });
      expect(items.map((item) => [item.kind, item.recordIndex])).toEqual([['page', 2], ['page', 6]]);
      const [a, b] = items.map((item) => (item.kind === 'page' ? item.capture : null));
      expect(a).toMatchObject({
        requestedUrl: 'crawl.warc',
        url: 'https://news.example/a',
        source: 'warc',
        redirects: [],
        status: 200,
        contentType: 'text/html',
        fetchedAt: '2026-11-01T12:34:56.000Z',
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-length': String(Buffer.byteLength(PAGE_A)),
          etag: '"e1"',
          'last-modified': 'Sat, 31 Oct 2026 10:00:00 GMT',
        },
      });
      expect(Buffer.from(a!.bytes).toString('utf8')).toBe(PAGE_A);
      expect(b).toMatchObject({ url: 'https://news.example/b', contentType: 'application/xhtml+xml', fetchedAt: '2026-11-01T23:00:00.000Z' });
      expect(Buffer.from(b!.bytes).toString('utf8')).toBe(PAGE_B);
    });
  }

  it('a record whose target is not an http(s) URL gives a Capture with no URL', async () => {
    const { items } = await readAll(write('dns.warc', record('response', 'urn:x-test:a', httpResponse('200 OK', 'text/html', PAGE_A))));
    expect(items[0]).toMatchObject({ kind: 'page', capture: { url: null } });
  });

  it('a record with a broken HTTP header is one bad-record item, and the records after it are read', async () => {
    const broken = record('response', 'https://news.example/x', 'HTTP/1.1 banana\r\nContent-Type: text/html\r\n\r\n<p>x</p>');
    const { items, counts } = await readAll(write('broken-header.warc', broken + RECORDS[2]));
    expect(items.map((item) => item.kind)).toEqual(['bad-record', 'page']);
    const bad = items[0] as Extract<WarcItem, { kind: 'bad-record' }>;
    expect(bad.error).toMatchObject({ source: 'crawl.warc', code: 'bad-warc', reason: 'record 1 (https://news.example/x): broken HTTP header' });
    expect(counts.pages).toBe(1);
  });

  it('a page past the size limit is one too-large bad-record item, not a Capture', async () => {
    const { items, counts } = await readAll(write('big.warc', RECORDS[2]! + RECORDS[6]!), Buffer.byteLength(PAGE_B));
    expect(items.map((item) => item.kind)).toEqual(['bad-record', 'page']);
    expect((items[0] as Extract<WarcItem, { kind: 'bad-record' }>).error).toMatchObject({
      code: 'too-large',
      reason: 'record 1 (https://news.example/a): page larger than the size limit',
    });
    expect(counts.pages).toBe(1);
  });

  it('an empty file fails as bad-warc: not a WARC file (no records)', async () => {
    const error = await failureOf(write('empty.warc', ''));
    expect(error).toMatchObject({ source: 'crawl.warc', code: 'bad-warc', reason: 'not a WARC file (no records)' });
  });

  it('a text or HTML file given as a WARC fails as bad-warc: not a WARC file, not an empty success', async () => {
    for (const [name, content] of [['notes.warc', 'hello world\nthis is not a WARC\n\nmore\n'], ['page.warc', '<html><body><p>Story</p></body></html>\n']]) {
      const error = await failureOf(write(name!, content!));
      expect(error).toMatchObject({ code: 'bad-warc', reason: 'not a WARC file: no WARC version line' });
    }
  });

  it('a WARC followed by text fails as broken after its last good record', async () => {
    const error = await failureOf(write('tail.warc', RECORDS[2]! + 'trailing junk\n\n'));
    expect(error).toMatchObject({ code: 'bad-warc', reason: 'broken after record 1: no WARC version line' });
  });

  it('a plain file cut inside a record fails as truncated, naming the record', async () => {
    const whole = RECORDS.slice(0, 3).join('');
    const cut = whole.slice(0, whole.indexOf('Story A'));
    const error = await failureOf(write('cut.warc', cut));
    expect(error).toMatchObject({ code: 'bad-warc', reason: 'truncated: the file ends inside record 3' });
  });

  it('a gzipped file cut short fails as bad-warc rather than ending quietly', async () => {
    const whole = Buffer.concat(RECORDS.map((r) => gzipSync(r)));
    const error = await failureOf(write('cut.warc.gz', whole.subarray(0, Math.floor(whole.length * 0.7))));
    expect(error.code).toBe('bad-warc');
  });
});

/**
 * pageCaptures (src/sources/read-pages.ts): the pages of one `extract` source. A URL on a real
 * server, a saved file (its saver's URL taken when no --url), stdin, and a WARC file's HTML
 * pages; a feed or sitemap is refused with a pointer to `clipfile archive`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquireOptions } from '../../src/acquire/index.js';
import type { Capture } from '../../src/article.js';
import { pageCaptures } from '../../src/sources/read-pages.js';
import { sourceFailure } from '../helpers/assertions.js';
import { bytes, html, TestServer } from '../helpers/server.js';

const PAGE = '<!doctype html><html><head><title>Story</title><link rel="canonical" href="https://news.example/story"></head><body><p>Text</p></body></html>';

let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'clipfile-read-pages-'));
beforeAll(async () => {
  server = await TestServer.start();
  server.route('/page', html(PAGE));
  server.route('/feed', bytes('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', 'application/rss+xml'));
  server.route(
    '/sitemap',
    bytes('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/a</loc></url></urlset>', 'application/xml'),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function all(source: string, options: AcquireOptions = {}): Promise<Capture[]> {
  const captures: Capture[] = [];
  for await (const capture of pageCaptures(source, options)) captures.push(capture);
  return captures;
}

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function warcRecord(uri: string, block: string, id: number): string {
  return (
    `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2026-11-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000${id}>\r\n` +
    `Content-Type: application/http; msgtype=response\r\nContent-Length: ${Buffer.byteLength(block)}\r\n\r\n${block}\r\n\r\n`
  );
}
const httpOk = (body: string) => `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${body}`;

describe('pageCaptures', () => {
  it('a URL: one http Capture of the page, its URL the one served (not the canonical)', async () => {
    const captures = await all(server.url('/page'));
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ source: 'http', url: server.url('/page'), status: 200 });
    expect(captures[0]!.origin).toBeUndefined();
    expect(Buffer.from(captures[0]!.bytes).toString('utf8')).toBe(PAGE);
  });

  it('a feed or a sitemap URL is refused as not-html, pointing to clipfile archive', async () => {
    for (const [path, kind] of [['/feed', 'feed'], ['/sitemap', 'sitemap']] as const) {
      const error = await sourceFailure(all(server.url(path)));
      expect(error).toMatchObject({
        source: server.url(path),
        code: 'not-html',
        reason: `a ${kind}, not a page: give it to \`clipfile archive\` to archive its entries`,
      });
    }
  });

  it('a saved file without --url takes the URL its saver left, recorded as urlFrom', async () => {
    const [capture] = await all(write('saved.html', PAGE));
    expect(capture).toMatchObject({ source: 'file', url: 'https://news.example/story', origin: { urlFrom: 'canonical' } });
  });

  it('a file with --url keeps that URL; a file with no mark has none', async () => {
    const [given] = await all(write('given.html', PAGE), { pageUrl: 'https://news.example/given' });
    expect(given).toMatchObject({ url: 'https://news.example/given' });
    expect(given!.origin).toBeUndefined();
    const [bare] = await all(write('bare.html', '<html><body><p>x</p></body></html>'));
    expect(bare).toMatchObject({ source: 'file', url: null });
  });

  it('stdin is read as one page, never taken for a WARC path', async () => {
    const stdin = Readable.from([Buffer.from(PAGE)]);
    const [capture] = await all('-', { stdin, pageUrl: 'https://news.example/stdin' });
    expect(capture).toMatchObject({ source: 'stdin', url: 'https://news.example/stdin' });
    expect(Buffer.from(capture!.bytes).toString('utf8')).toBe(PAGE);
  });

  it("a WARC file: each HTML page, in the file's order", async () => {
    const path = write('two.warc', warcRecord('https://news.example/w1', httpOk('<p>one</p>'), 1) + warcRecord('https://news.example/w2', httpOk('<p>two</p>'), 2));
    const captures = await all(path);
    expect(captures.map((capture) => [capture.source, capture.url, capture.fetchedAt])).toEqual([
      ['warc', 'https://news.example/w1', '2026-11-01T12:00:00.000Z'],
      ['warc', 'https://news.example/w2', '2026-11-01T12:00:00.000Z'],
    ]);
  });

  it('a WARC record that cannot be used fails the source, naming the record', async () => {
    const path = write('bad.warc', warcRecord('https://news.example/x', 'HTTP/1.1 banana\r\n\r\n<p>x</p>', 3));
    const error = await sourceFailure(all(path));
    expect(error).toMatchObject({ source: path, code: 'bad-warc', reason: 'record 1 (https://news.example/x): broken HTTP header' });
  });

  it('a missing file fails as acquire names it', async () => {
    const path = join(dir, 'missing.html');
    const error = await sourceFailure(all(path));
    expect(error).toMatchObject({ source: path, code: 'not-found' });
  });
});

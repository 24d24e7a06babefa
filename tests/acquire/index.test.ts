/**
 * acquire (src/acquire/index.ts): what kind of source a string is (a URL, a file path, a file:
 * URL, "-"), what it refuses before any request, and the options every source kind shares.
 * Fetching and reading themselves are tested in http.test.ts and local.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquire, conditionalHeaders, defaultUserAgent } from '../../src/acquire/index.js';
import { acquireFailure } from '../helpers/assertions.js';
import { TestServer, html } from '../helpers/server.js';

const PAGE = '<!doctype html><title>Ferry</title><p>The ferry runs.</p>';
let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await TestServer.start();
  dir = mkdtempSync(join(tmpdir(), 'clipfile-acquire-'));
  writeFileSync(join(dir, 'page.html'), PAGE);
  writeFileSync(join(dir, 'big.html'), `<p>${'x'.repeat(2048)}</p>`);
});
afterAll(() => server.close());

describe('what a source is', () => {
  it('fetches an http URL with the default user agent and no conditional headers', async () => {
    server.route('/a', html(PAGE));
    const capture = await acquire(server.url('/a'));
    expect(capture).toMatchObject({ source: 'http', url: server.url('/a'), status: 200 });
    const [request] = server.requestsTo('/a');
    expect(request!.headers['user-agent']).toBe(defaultUserAgent());
    expect(request!.headers['if-none-match']).toBeUndefined();
  });

  it('reads a path, a file: URL and "-" (stdin) as local pages, with --url as their page URL', async () => {
    const path = join(dir, 'page.html');
    const fromPath = await acquire(path, { pageUrl: 'https://news.example/ferry' });
    expect(fromPath).toMatchObject({ source: 'file', url: 'https://news.example/ferry', requestedUrl: path });
    expect(new TextDecoder().decode(fromPath.bytes)).toBe(PAGE);

    const fileUrl = pathToFileURL(path).href;
    const fromFileUrl = await acquire(fileUrl);
    expect(fromFileUrl).toMatchObject({ source: 'file', url: null, requestedUrl: fileUrl });
    expect(fromFileUrl.bytes).toEqual(fromPath.bytes);

    const fromStdin = await acquire('-', { stdin: Readable.from([Buffer.from(PAGE)]), pageUrl: 'https://news.example/b' });
    expect(fromStdin).toMatchObject({ source: 'stdin', url: 'https://news.example/b' });
  });

  it('takes a Windows drive path for a file, not a URL of scheme "c:"', async () => {
    const error = await acquireFailure('C:\\clips\\page.html');
    expect(error.code).toBe('not-found');
  });

  it('passes the size limit to local reads too', async () => {
    const error = await acquireFailure(join(dir, 'big.html'), { maxBytes: 1024 });
    expect(error.code).toBe('too-large');
  });
});

describe('refused before any request', () => {
  it('a scheme other than http(s) or file, with a hint when it looks like a host and port', async () => {
    const hinted = await acquireFailure('localhost:8080/page');
    expect(hinted.message).toBe('localhost:8080/page: unsupported URL scheme "localhost:"; did you mean http://localhost:8080/page ?');
    expect(hinted.code).toBe('bad-url');
    const ftp = await acquireFailure('ftp://files.example/page.html');
    expect(ftp.reason).toBe('unsupported URL scheme "ftp:"; only http and https');
  });

  it('a URL with a user name or password, and one that does not parse', async () => {
    const before = server.requests.length;
    const withPassword = await acquireFailure(server.url('/a').replace('http://', 'http://editor:secret@'));
    expect(withPassword.reason).toBe('URLs with a user name or password are not supported');
    const broken = await acquireFailure('http://[::1/page');
    expect([broken.code, broken.reason, broken.source]).toEqual(['bad-url', 'invalid URL', 'http://[::1/page']);
    expect(server.requests.length).toBe(before);
  });

  it('a --url that is not an absolute http(s) URL, naming the source', async () => {
    for (const pageUrl of ['/ferry', 'javascript:alert(1)', 'file:///etc/passwd']) {
      const error = await acquireFailure(join(dir, 'page.html'), { pageUrl });
      expect(error.message).toBe(`${join(dir, 'page.html')}: --url is not an http(s) URL: ${pageUrl}`);
    }
  });
});

describe('conditionalHeaders', () => {
  it('asks with the ETag and Last-Modified an earlier capture had, and with nothing when it had none', async () => {
    expect(conditionalHeaders({ etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' })).toEqual({
      'if-none-match': '"v1"',
      'if-modified-since': 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    expect(conditionalHeaders({ etag: null, lastModified: '' })).toBeUndefined();

    server.route('/c', html(PAGE));
    await acquire(server.url('/c'), { headers: conditionalHeaders({ etag: '"v1"' }) });
    expect(server.requestsTo('/c')[0]!.headers['if-none-match']).toBe('"v1"');
  });
});

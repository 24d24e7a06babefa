/**
 * src/batch/source-kinds.ts: what a listed source is before anything is fetched: its identity
 * (when two listings are one page), its pacing group, what a file holds from its first bytes
 * (real files), a file's page URL, and reading a feed or sitemap file within the size limit.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Capture } from '../../src/article.js';
import { checkUrl, groupOf, isHttpSource, readListingFile, sniffFile, sourceIdentity, withPageUrl } from '../../src/batch/source-kinds.js';
import { sourceFailure } from '../helpers/assertions.js';

const dir = mkdtempSync(join(tmpdir(), 'clipfile-source-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('sourceIdentity', () => {
  it('is the page identity URL: fragment and tracking parameters dropped, host case and default port normalised', () => {
    expect(sourceIdentity('https://News.Example:443/a?id=3&utm_source=x&fbclid=y#top')).toBe('https://news.example/a?id=3');
    expect(sourceIdentity('https://news.example/a')).toBe(sourceIdentity('https://news.example/a#comments'));
  });

  it('a file is known by its path, stdin by nothing, a bad URL by itself', () => {
    expect(sourceIdentity('pages/a.html')).toBe('file pages/a.html');
    expect(sourceIdentity('-')).toBeNull();
    expect(sourceIdentity('http://[::1')).toBe('http://[::1');
  });
});

describe('isHttpSource, checkUrl, groupOf', () => {
  it('an http(s) source is one that starts with the scheme, in any case', () => {
    expect(isHttpSource('HTTPS://news.example/a')).toBe(true);
    expect(isHttpSource('http://x')).toBe(true);
    expect(isHttpSource('ftp://news.example/a')).toBe(false);
    expect(isHttpSource('news.example/a.html')).toBe(false);
    expect(isHttpSource('-')).toBe(false);
  });

  it('checkUrl refuses what is no URL as bad-url, naming the source', async () => {
    for (const source of ['http://', 'http://[::1', 'https://exa mple.org/']) {
      const error = await sourceFailure(Promise.resolve().then(() => checkUrl(source)));
      expect(error).toMatchObject({ source, code: 'bad-url', reason: 'invalid URL' });
    }
    expect(() => checkUrl('https://news.example/a')).not.toThrow();
  });

  it('groups by host name and port; files, stdin and bad URLs share the local group', () => {
    expect(groupOf('https://news.example/a')).toBe('news.example');
    expect(groupOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080');
    expect(groupOf('http://127.0.0.1:8081/a')).not.toBe(groupOf('http://127.0.0.1:8080/b'));
    expect(groupOf('https://news.example:443/b')).toBe('news.example');
    expect(groupOf('a.html')).toBe('');
    expect(groupOf('-')).toBe('');
    expect(groupOf('http://[::1')).toBe('');
  });
});

describe('sniffFile', () => {
  it('tells a WARC, an RSS feed, an Atom feed, a sitemap and a gzipped sitemap from their first bytes', async () => {
    expect(await sniffFile(file('a.warc', 'WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n'))).toBe('warc');
    expect(await sniffFile(file('feed.xml', '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>'))).toBe('feed');
    expect(await sniffFile(file('atom.xml', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'))).toBe('feed');
    const sitemap = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/a</loc></url></urlset>';
    expect(await sniffFile(file('sitemap.xml', sitemap))).toBe('sitemap');
    expect(await sniffFile(file('sitemap.xml.gz', gzipSync(sitemap)))).toBe('sitemap');
  });

  it('a page, or text it cannot place, is html (acquire judges it)', async () => {
    expect(await sniffFile(file('page.html', '<!doctype html><html><body><p>Story</p></body></html>'))).toBe('html');
    expect(await sniffFile(file('notes.txt', 'just some words'))).toBe('html');
  });

  it('unknown gzipped bytes are refused here (unknown), not handed on as a page', async () => {
    expect(await sniffFile(file('blob.gz', gzipSync('just some words')))).toBe('unknown');
  });

  it('a missing file or a folder is html, left to acquire to name the problem', async () => {
    expect(await sniffFile(join(dir, 'missing.html'))).toBe('html');
    mkdirSync(join(dir, 'folder'), { recursive: true });
    expect(await sniffFile(join(dir, 'folder'))).toBe('html');
  });
});

describe('withPageUrl', () => {
  const capture = (html: string, fields: Partial<Capture> = {}): Capture => ({
    requestedUrl: 'saved/a.html',
    url: null,
    source: 'file',
    redirects: [],
    status: null,
    headers: {},
    contentType: null,
    bytes: new TextEncoder().encode(html),
    fetchedAt: '2026-11-25T20:58:54.000Z',
    ...fields,
  });

  it('a URL already given is kept, and says whether it came from the list line or --url', () => {
    const given = capture('<p>x</p>', { url: 'https://news.example/a' });
    expect(withPageUrl(given, { source: 'saved/a.html', pageUrl: 'https://news.example/a' }, undefined)).toMatchObject({
      url: 'https://news.example/a',
      origin: { urlFrom: 'list' },
    });
    expect(withPageUrl(given, { source: 'saved/a.html' }, 'https://news.example/a').origin).toEqual({ urlFrom: 'option' });
  });

  it('stdin with --url is left as it is', () => {
    const stdin = capture('<p>x</p>', { source: 'stdin', requestedUrl: '-', url: 'https://news.example/s' });
    expect(withPageUrl(stdin, { source: '-' }, 'https://news.example/s')).toBe(stdin);
  });

  it("otherwise takes the URL the saver left: SingleFile's header, then the canonical link", () => {
    const singleFile = capture('<!--\n Page saved with SingleFile \n url: https://news.example/single \n saved date: x\n--><html><head><link rel="canonical" href="https://news.example/canon"></head></html>');
    expect(withPageUrl(singleFile, { source: 'saved/a.html' }, undefined)).toMatchObject({ url: 'https://news.example/single', origin: { urlFrom: 'singlefile' } });
    const canonical = capture('<html><head><link rel="canonical" href="https://news.example/canon"></head></html>');
    expect(withPageUrl(canonical, { source: 'saved/a.html' }, undefined)).toMatchObject({ url: 'https://news.example/canon', origin: { urlFrom: 'canonical' } });
  });

  it('a file with no page URL in it fails as no-page-url, telling how to give one', async () => {
    const bare = capture('<html><head><link rel="canonical" href="/relative"></head><body><p>x</p></body></html>');
    const error = await sourceFailure(Promise.resolve().then(() => withPageUrl(bare, { source: 'saved/a.html' }, undefined)));
    expect(error).toMatchObject({ source: 'saved/a.html', code: 'no-page-url' });
    expect(error.reason).toContain('give one with --url, or a "FILE URL" list line');
  });
});

describe('readListingFile', () => {
  it("reads a feed file's bytes as a file Capture with no URL", async () => {
    const body = '<rss version="2.0"><channel><item><link>https://news.example/a</link></item></channel></rss>';
    const path = file('list.xml', body);
    const capture = await readListingFile(path);
    expect(capture).toMatchObject({ requestedUrl: path, url: null, source: 'file', status: null, contentType: null, redirects: [] });
    expect(new TextDecoder().decode(capture.bytes)).toBe(body);
  });

  it('refuses a file over the size limit as too-large, without reading it', async () => {
    const path = file('big.xml', 'x'.repeat(2048));
    const error = await sourceFailure(readListingFile(path, 1024));
    expect(error).toMatchObject({ source: path, code: 'too-large', reason: 'larger than 1 KiB' });
  });
});

/**
 * `clipfile archive` with sources that are not one page: feeds (RSS 2.0, RSS 1.0/RDF, Atom,
 * JSON Feed) and sitemaps (gzipped, an index, a self-referencing index, a news sitemap) served
 * by a real server on 127.0.0.1 whose request log is asserted; the cron scenario; saved pages
 * without --url; WARC files written by clipfile's own --warc and by wget; the bad inputs.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createReadStream, existsSync } from 'node:fs';
import { WARCParser } from 'warcio';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validateArchivedArticle } from '../helpers/schema.js';
import { bytes, html, TestServer } from '../helpers/server.js';

let server: TestServer;
let tmp: string;
beforeAll(async () => {
  server = await TestServer.start();
  tmp = await mkdtemp(path.join(tmpdir(), 'clipfile-sources-'));
});
afterAll(async () => {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => server.reset());

const FAST = ['--delay', '0', '--ignore-robots', '--json', '--workers', '1'];

function story(title: string, extraHead = ''): string {
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) =>
      `<p>${title} paragraph ${i + 1}: the council met on Tuesday evening to debate the new budget, and residents filled the hall to hear how the money for schools, roads and the library would be shared out over the coming year.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${extraHead}</head><body><article><h1>${title}</h1>${paragraphs}</article></body></html>`;
}

function routeStories(...names: string[]): void {
  for (const name of names) server.route(`/news/${name}`, html(story(`Story ${name}`)));
}

interface Row {
  source: string;
  url: string | null;
  status: string;
  kind: string;
  entries: number | null;
  error: string | null;
  code: string | null;
  snapshot: string | null;
  origin: Record<string, unknown> | null;
}

function rows(stdout: string): Row[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
}

async function newArchive(): Promise<string> {
  return mkdtemp(path.join(tmp, 'archive-'));
}

/** A snapshot's article.json, checked against the published schema (provenance.origin included). */
async function articleJson(dir: string, snapshot: string): Promise<{ url: string; provenance: Record<string, unknown> }> {
  const article = JSON.parse(await readFile(path.join(dir, snapshot, 'article.json'), 'utf8'));
  expect(validateArchivedArticle(article)).toEqual([]);
  return article;
}

const rss2 = (items: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title><link>${server.url('/')}</link>${items.join('')}</channel></rss>`;
const rssItem = (name: string, date: string) =>
  `<item><title>Story ${name}</title><link>${server.url(`/news/${name}`)}</link><guid>id-${name}</guid><pubDate>${new Date(date).toUTCString()}</pubDate></item>`;

describe('feeds expand into their entries', () => {
  /** Each format's feed lists two entries of its own, `${prefix}1` and `${prefix}2`, dated the 21st and 22nd. */
  const formats: [name: string, prefix: string, type: string, body: (prefix: string) => string][] = [
    ['RSS 2.0', 'rss', 'application/rss+xml', (p) => rss2([rssItem(`${p}1`, '2026-11-21T10:00:00Z'), rssItem(`${p}2`, '2026-11-22T10:00:00Z')])],
    [
      'RSS 1.0 (RDF)',
      'rdf',
      'application/rdf+xml',
      (p) =>
        `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="${server.url('/')}"><title>News</title><link>${server.url('/')}</link></channel>` +
        ['1', '2'].map((n) => `<item rdf:about="${server.url(`/news/${p}${n}`)}"><title>Story ${p}${n}</title><link>${server.url(`/news/${p}${n}`)}</link><dc:date>2026-11-2${n}T10:00:00Z</dc:date></item>`).join('') +
        `</rdf:RDF>`,
    ],
    [
      'Atom',
      'atom',
      'application/atom+xml',
      (p) =>
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:news</id><updated>2026-11-22T10:00:00Z</updated>` +
        ['1', '2'].map((n) => `<entry><id>urn:${p}${n}</id><title>Story ${p}${n}</title><link rel="alternate" href="/news/${p}${n}"/><updated>2026-11-2${n}T10:00:00Z</updated></entry>`).join('') +
        `</feed>`,
    ],
    [
      'JSON Feed',
      'json',
      'application/feed+json',
      (p) =>
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'News',
          items: ['1', '2'].map((n) => ({ id: `${p}${n}`, url: server.url(`/news/${p}${n}`), title: `Story ${p}${n}`, date_published: `2026-11-2${n}T10:00:00Z` })),
        }),
    ],
  ];
  // One run for the four formats (each parsed on its own in tests/sources/feed.test.ts): a CLI
  // run costs more than the pages it archives.
  it('RSS 2.0, RSS 1.0 (RDF), Atom, JSON Feed: a row for each feed (expanded, 2 entries), each entry archived with its feed in its provenance', async () => {
    const feedPath = (prefix: string) => `/feed-${prefix}`;
    for (const [, prefix, type, body] of formats) {
      routeStories(`${prefix}1`, `${prefix}2`);
      server.route(feedPath(prefix), bytes(body(prefix), type));
    }
    const dir = await newArchive();
    const result = await runCli(['archive', ...formats.map(([, prefix]) => server.url(feedPath(prefix))), '-o', dir, ...FAST]);
    expect(result.stderr).not.toMatch(/error/);
    const out = rows(result.stdout);
    for (const [name, prefix] of formats) {
      const feed = server.url(feedPath(prefix));
      expect(out.find((row) => row.source === feed), name).toMatchObject({ status: 'expanded', kind: 'feed', entries: 2 });
      const entries = [1, 2].map((n) => server.url(`/news/${prefix}${n}`));
      const archived = out.filter((row) => row.status === 'archived' && entries.includes(row.url!));
      expect(archived.map((row) => row.url).sort(), name).toEqual(entries);
      const article = await articleJson(dir, archived.find((row) => row.url === entries[1])!.snapshot!);
      expect(article.provenance['origin'], name).toMatchObject({ feed, entryTitle: `Story ${prefix}2`, entryDate: '2026-11-22T10:00:00.000Z' });
      expect(server.requestsTo(feedPath(prefix)), name).toHaveLength(1);
      expect(server.requestsTo(`/news/${prefix}1`), name).toHaveLength(1);
    }
    expect(out.filter((row) => row.status === 'archived')).toHaveLength(8);
    expect(result.code).toBe(0);
  });

  it('--since and --limit choose the newest entries of each feed', async () => {
    routeStories('a', 'b', 'c');
    server.route('/feed', bytes(rss2([rssItem('a', '2026-10-01T00:00:00Z'), rssItem('b', '2026-11-10T00:00:00Z'), rssItem('c', '2026-11-12T00:00:00Z')]), 'application/rss+xml'));
    const dir = await newArchive();
    const since = await runCli(['archive', server.url('/feed'), '-o', dir, ...FAST, '--since', '2026-11-01']);
    expect(rows(since.stdout).filter((row) => row.status === 'archived').map((row) => row.url).sort()).toEqual([server.url('/news/b'), server.url('/news/c')]);
    expect(server.requestsTo('/news/a')).toHaveLength(0);

    const dir2 = await newArchive();
    const limited = await runCli(['archive', server.url('/feed'), '-o', dir2, ...FAST, '--limit', '1']);
    expect(rows(limited.stdout).filter((row) => row.status === 'archived').map((row) => row.url)).toEqual([server.url('/news/c')]);

    const bad = await runCli(['archive', server.url('/feed'), '-o', dir2, '--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since/);
  });

  it('cron: the second run makes one conditional request for the feed and archives only the entry added in between', async () => {
    routeStories('one', 'two', 'three');
    let items = [rssItem('one', '2026-11-20T10:00:00Z'), rssItem('two', '2026-11-21T10:00:00Z')];
    let version = 1;
    server.route('/feed', (req, res) => {
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { etag, 'content-type': 'application/rss+xml' });
      res.end(rss2(items));
    });
    const dir = await newArchive();
    const args = ['archive', server.url('/feed'), '-o', dir, ...FAST, '--new-only'];
    const first = await runCli(args);
    expect(rows(first.stdout).filter((row) => row.status === 'archived')).toHaveLength(2);

    // Nothing changed: one 304, nothing else asked.
    server.requests.length = 0;
    const quiet = await runCli(args);
    expect(rows(quiet.stdout)).toEqual([expect.objectContaining({ source: server.url('/feed'), status: 'unchanged', kind: 'feed', entries: 0 })]);
    expect(server.requests.map((request) => request.path)).toEqual(['/feed']);
    expect(server.requests[0]!.headers['if-none-match']).toBe('"v1"');

    // The site adds an entry: one conditional request for the feed (200 now), one for the new page.
    items = [...items, rssItem('three', '2026-11-22T10:00:00Z')];
    version = 2;
    server.requests.length = 0;
    const second = await runCli(args);
    expect(server.requests.map((request) => request.path).sort()).toEqual(['/feed', '/news/three']);
    expect(server.requestsTo('/feed')[0]!.headers['if-none-match']).toBe('"v1"');
    const out = rows(second.stdout);
    expect(out.find((row) => row.kind === 'feed')).toMatchObject({ status: 'expanded', entries: 1 });
    expect(out.filter((row) => row.status === 'archived').map((row) => row.url)).toEqual([server.url('/news/three')]);
  });

  it('--discover follows the feeds a home page announces instead of archiving the home page', async () => {
    routeStories('d1');
    server.route('/feed', bytes(rss2([rssItem('d1', '2026-11-20T10:00:00Z')]), 'application/rss+xml'));
    server.route('/', html(`<!doctype html><html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="/feed"></head><body><ul><li><a href="/news/d1">Story d1</a></li><li><a href="/news/d2">Story d2</a></li></ul></body></html>`));
    const dir = await newArchive();
    const result = await runCli(['archive', server.url('/'), '-o', dir, ...FAST, '--discover']);
    const out = rows(result.stdout);
    expect(out.find((row) => row.source === server.url('/'))).toMatchObject({ status: 'expanded', kind: 'page', entries: 1 });
    expect(out.find((row) => row.source === server.url('/feed'))).toMatchObject({ status: 'expanded', kind: 'feed', entries: 1 });
    expect(out.filter((row) => row.status === 'archived').map((row) => row.url)).toEqual([server.url('/news/d1')]);
  });
});

const urlset = (names: string[], news = false) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${news ? ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' : ''}>` +
  names
    .map(
      (name, i) =>
        `<url><loc>${server.url(`/news/${name}`)}</loc><lastmod>2026-11-0${i + 1}</lastmod>${news ? `<news:news><news:publication><news:name>N</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-11-1${i}T08:00:00Z</news:publication_date><news:title>Story ${name}</news:title></news:news>` : ''}</url>`,
    )
    .join('') +
  `</urlset>`;

describe('sitemaps expand into their pages', () => {
  it('a gzipped sitemap index of a plain and a news sitemap; an index listing itself is not read again', async () => {
    routeStories('s1', 's2', 's3');
    server.route('/sitemap.xml', bytes(
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${server.url('/sitemap.xml')}</loc></sitemap><sitemap><loc>${server.url('/pages.xml.gz')}</loc></sitemap><sitemap><loc>${server.url('/news.xml')}</loc></sitemap></sitemapindex>`,
      'application/xml',
    ));
    server.route('/pages.xml.gz', bytes(gzipSync(urlset(['s1', 's2'])), 'application/gzip'));
    server.route('/news.xml', bytes(urlset(['s3'], true), 'text/xml'));
    const dir = await newArchive();
    const result = await runCli(['archive', server.url('/sitemap.xml'), '-o', dir, ...FAST]);
    const out = rows(result.stdout);
    expect(out.find((row) => row.source === server.url('/sitemap.xml'))).toMatchObject({ status: 'expanded', kind: 'sitemap', entries: 2 });
    expect(out.find((row) => row.source === server.url('/pages.xml.gz'))).toMatchObject({ status: 'expanded', entries: 2 });
    expect(out.filter((row) => row.status === 'archived').map((row) => row.url).sort()).toEqual(['s1', 's2', 's3'].map((n) => server.url(`/news/${n}`)));
    expect(result.stderr).toMatch(new RegExp(`${server.url('/sitemap.xml')}: the sitemap index lists itself; not read again`));
    expect(server.requestsTo('/sitemap.xml')).toHaveLength(1);
    const news = out.find((row) => row.url === server.url('/news/s3'))!;
    expect((await articleJson(dir, news.snapshot!)).provenance['origin']).toMatchObject({ feed: server.url('/news.xml'), entryTitle: 'Story s3', entryDate: '2026-11-10T08:00:00.000Z' });
    expect(result.code).toBe(0);
  });
});

describe('bad input: one line naming the source and the reason; the other sources go on', () => {
  it('malformed XML, an HTML page served as a feed, a feed of 0 entries, relative and duplicate links', async () => {
    routeStories('ok', 'rel');
    server.route('/broken', bytes('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>A</b></item>', 'application/rss+xml'));
    server.route('/html-feed', bytes(story('Not a feed'), 'application/rss+xml'));
    server.route('/empty', bytes(rss2([]), 'application/rss+xml'));
    server.route('/dupes', bytes(rss2([rssItem('ok', '2026-11-20T10:00:00Z'), rssItem('ok', '2026-11-20T10:00:00Z'), '<item><title>rel</title><link>/news/rel</link></item>', '<item><title>none</title></item>']), 'application/rss+xml'));
    const dir = await newArchive();
    const result = await runCli(['archive', ...['/broken', '/html-feed', '/empty', '/dupes'].map((p) => server.url(p)), '-o', dir, ...FAST]);
    const out = rows(result.stdout);
    expect(out.find((row) => row.source === server.url('/broken'))).toMatchObject({ status: 'failed', code: 'bad-feed', error: expect.stringMatching(/^malformed XML/) });
    expect(out.find((row) => row.source === server.url('/html-feed'))).toMatchObject({ status: 'failed', code: 'bad-feed', error: expect.stringMatching(/served as a feed/) });
    expect(out.find((row) => row.source === server.url('/empty'))).toMatchObject({ status: 'expanded', entries: 0 });
    expect(out.find((row) => row.source === server.url('/dupes'))).toMatchObject({ status: 'expanded', entries: 2 });
    const lines = result.stderr.split('\n');
    expect(lines.filter((line) => line.includes(server.url('/broken')))).toHaveLength(1);
    expect(lines.filter((line) => line.includes(server.url('/html-feed')))).toHaveLength(1);
    expect(result.stderr).toContain(`${server.url('/empty')}: the feed lists no entries`);
    expect(result.stderr).toContain(`${server.url('/dupes')}: 1 entry without an http(s) link left out`);
    expect(result.stderr).toContain(`${server.url('/dupes')}: 1 entry repeating an earlier link left out`);
    expect(out.filter((row) => row.status === 'archived').map((row) => row.url).sort()).toEqual([server.url('/news/ok'), server.url('/news/rel')]);
    expect(result.code).toBe(1);
  });

  it('a truncated or non-WARC .warc.gz, and a record with a broken HTTP header', async () => {
    const good = await writeWarcWithClipfile(['w1']);
    const whole = await readFile(good);
    const truncated = path.join(tmp, 'truncated.warc.gz');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.7)));
    const notWarc = path.join(tmp, 'notes.warc.gz');
    await writeFile(notWarc, gzipSync('these are my notes, not a crawl\n'.repeat(20)));
    const brokenHeader = path.join(tmp, 'broken-header.warc');
    const block = 'HTTP/1.1 banana\r\nContent-Type: text/html\r\n\r\n<p>x</p>';
    await writeFile(brokenHeader, `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.test/a\r\nWARC-Date: 2026-11-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${Buffer.byteLength(block)}\r\n\r\n${block}\r\n\r\n`);
    const dir = await newArchive();
    const result = await runCli(['archive', truncated, notWarc, brokenHeader, good, '-o', dir, '--json', '--workers', '1']);
    const out = rows(result.stdout);
    for (const file of [truncated, notWarc, brokenHeader]) {
      expect(out.some((row) => row.source === file && row.status === 'failed'), file).toBe(true);
      expect(result.stderr.split('\n').filter((line) => line.startsWith('error') && line.includes(file)).length, result.stderr).toBeGreaterThanOrEqual(1);
    }
    expect(out.find((row) => row.source === good && row.kind === 'warc')).toMatchObject({ status: 'expanded', entries: 1 });
    expect(result.code).toBe(1);
  });
});

describe('saved pages without --url', () => {
  // Which mark wins when a page has several is tests/sources/saved-page.test.ts's; here each file has one
  // (the archive files a page under its canonical URL when it has one).
  it('take the URL the saver left (SingleFile, saved-from, canonical, og:url), recorded as urlFrom; FILE URL list lines; none: one line suggesting --url', async () => {
    const files: [string, string, string, string][] = [
      ['singlefile.html', `<!DOCTYPE html> <html><!--\n Page saved with SingleFile \n url: https://news.example.org/a \n saved date: Tue Dec 01 2026\n--><head><title>A</title></head><body>${story('Saved A').replace(/^.*<body>|<\/body>.*$/gs, '')}</body></html>`, 'https://news.example.org/a', 'singlefile'],
      ['ie.html', `<!-- saved from url=(0028)https://news.example.org/b -->\n${story('Saved B')}`, 'https://news.example.org/b', 'saved-from'],
      ['canonical.html', story('Saved C', '<link rel="canonical" href="https://news.example.org/c"><meta property="og:url" content="https://news.example.org/og">'), 'https://news.example.org/c', 'canonical'],
      ['og.html', story('Saved D', '<meta property="og:url" content="https://news.example.org/d">'), 'https://news.example.org/d', 'og:url'],
    ];
    const folder = await mkdtemp(path.join(tmp, 'saved-'));
    for (const [name, body] of files) await writeFile(path.join(folder, name), body);
    await writeFile(path.join(folder, 'bare.html'), story('Bare'));
    await writeFile(path.join(folder, 'listed.html'), story('Listed'));
    await writeFile(path.join(folder, 'list.txt'), `${path.join(folder, 'listed.html')}\thttps://news.example.org/listed\n`);
    const dir = await newArchive();
    const result = await runCli(['archive', ...files.map(([name]) => path.join(folder, name)), path.join(folder, 'bare.html'), '-i', path.join(folder, 'list.txt'), '-o', dir, '--json', '--workers', '1']);
    const out = rows(result.stdout);
    for (const [name, , url, from] of files) {
      const row = out.find((r) => r.source === path.join(folder, name))!;
      expect(row, name).toMatchObject({ status: 'archived', url });
      expect((await articleJson(dir, row.snapshot!)).provenance['origin']).toEqual({ urlFrom: from });
    }
    expect(out.find((r) => r.source === path.join(folder, 'listed.html'))).toMatchObject({ status: 'archived', url: 'https://news.example.org/listed' });
    expect(out.find((r) => r.source === path.join(folder, 'bare.html'))).toMatchObject({ status: 'failed', code: 'no-page-url' });
    const bareLines = result.stderr.split('\n').filter((line) => line.includes('bare.html'));
    expect(bareLines).toHaveLength(1);
    expect(bareLines[0]).toMatch(/--url/);
    expect(result.code).toBe(1);
  });
});

/** Archives pages from the test server with --warc and returns the path of one capture.warc.gz. */
async function writeWarcWithClipfile(names: string[]): Promise<string> {
  routeStories(...names);
  const dir = await newArchive();
  const result = await runCli(['archive', ...names.map((n) => server.url(`/news/${n}`)), '-o', dir, ...FAST, '--warc']);
  const snapshot = rows(result.stdout)[0]!.snapshot!;
  return path.join(dir, snapshot, 'capture.warc.gz');
}

describe('WARC files as input', () => {
  it("clipfile's own --warc: the page is archived with the capture's date and URL", async () => {
    const warc = await writeWarcWithClipfile(['cw']);
    const dir = await newArchive();
    server.requests.length = 0;
    const result = await runCli(['archive', warc, '-o', dir, '--json', '--workers', '1']);
    expect(server.requests).toHaveLength(0);
    const out = rows(result.stdout);
    expect(out.find((row) => row.kind === 'warc')).toMatchObject({ status: 'expanded', entries: 1 });
    const page = out.find((row) => row.status === 'archived')!;
    expect(page.url).toBe(server.url('/news/cw'));
    const article = await articleJson(dir, page.snapshot!);
    expect(article.provenance['source']).toBe('warc');
    expect(article.provenance['origin']).toEqual({ warc });
    expect(result.code).toBe(0);
  });

  it("Debian's wget --warc-file: HTML responses archived dated by WARC-Date, the rest counted and skipped; extract prints one Article per page", async () => {
    if (!existsSync('/usr/bin/wget')) throw new Error('wget is missing: apt-get install -y wget');
    routeStories('g1', 'g2');
    server.route('/logo.png', bytes(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'));
    const folder = await mkdtemp(path.join(tmp, 'wget-'));
    // Asynchronously: the server answering wget runs in this process.
    await promisify(execFile)('wget', ['-q', '--warc-file', path.join(folder, 'crawl'), '-O', '/dev/null', server.url('/news/g1'), server.url('/news/g2'), server.url('/logo.png')], { cwd: folder });
    const warc = path.join(folder, 'crawl.warc.gz');
    const dir = await newArchive();
    const result = await runCli(['archive', warc, '-o', dir, '--json', '--workers', '1']);
    const out = rows(result.stdout);
    expect(out.find((row) => row.kind === 'warc')).toMatchObject({ status: 'expanded', entries: 2 });
    expect(out.filter((row) => row.status === 'archived').map((row) => row.url).sort()).toEqual([server.url('/news/g1'), server.url('/news/g2')]);
    expect(result.stderr).toMatch(/HTML pages, 0 revisits and \d+ other records skipped/);
    // Dated when wget captured the page (its WARC-Date), not when it was imported.
    const warcDates = new Map<string, string>();
    for await (const record of new WARCParser(createReadStream(warc))) {
      if (record.warcType === 'response') warcDates.set(record.warcTargetURI!, new Date(record.warcDate!).toISOString());
    }
    for (const row of out.filter((r) => r.status === 'archived')) {
      const article = await articleJson(dir, row.snapshot!);
      expect(article.provenance['fetchedAt']).toBe(warcDates.get(row.url!));
      expect(article.provenance['source']).toBe('warc');
    }

    const extracted = await runCli(['extract', warc, '--json']);
    const articles = extracted.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { url: string; title: string });
    expect(articles.map((a) => a.title).sort()).toEqual(['Story g1', 'Story g2']);
    expect(extracted.code).toBe(0);
  });
});

/**
 * Sources benchmark (issue 14).
 *
 *   npm run bench:sources
 *
 * 1. Expands a gzipped 50,000-URL news sitemap (written here) with the streaming reader the
 *    archive uses: time and peak RSS of this process (which holds nothing else).
 * 2. Imports a WARC of the corpus pages (aeb-dev and readability, each a `response` record
 *    with its URL) with `clipfile archive pages.warc.gz`, against `clipfile archive -i list`
 *    of the same pages as files (`FILE URL` lines): wall time of each (target: the WARC within
 *    1.2× the files' time), pages archived, peak RSS of each run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { expandListing } from '../src/sources/expand.js';
import { findRepoRoot, writeCorpusFiles } from '../eval/corpus.js';
import { runBench } from './run.js';

const SITEMAP_URLS = 50_000;
const WARC_TARGET_RATIO = 1.2;

function newsSitemap(count: number): Uint8Array {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'];
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    parts.push(`<url><loc>https://news.example.org/2026/story-${i}</loc><lastmod>${date}</lastmod><news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication><news:publication_date>${date}</news:publication_date><news:title>Story number ${i}</news:title></news:news></url>\n`);
  }
  parts.push('</urlset>\n');
  return gzipSync(parts.join(''));
}

interface Page {
  file: string;
  url: string;
  bytes: Uint8Array;
}

/** The corpus pages as files (aeb-dev's gunzipped into `dir`), with their bytes. */
function corpusPages(dir: string): Page[] {
  return writeCorpusFiles(dir).map(({ file, url }) => ({ file, url, bytes: readFileSync(file) }));
}

async function writeWarc(pages: Page[], file: string): Promise<void> {
  const members: Uint8Array[] = [];
  for (const page of pages) {
    const record = WARCRecord.create(
      {
        type: 'response',
        url: page.url,
        date: '2026-11-01T06:00:00Z',
        warcVersion: 'WARC/1.1',
        statusline: 'HTTP/1.1 200 OK',
        httpHeaders: { 'content-type': 'text/html', 'content-length': String(page.bytes.length) },
      },
      [page.bytes],
    );
    members.push(await WARCSerializer.serialize(record, { gzip: true }));
  }
  writeFileSync(file, Buffer.concat(members));
}

/** A clipfile run in a child process: wall seconds, rows by status, peak RSS (from /usr/bin/time's sibling: getrusage of children). */
function timeCli(args: string[]): { seconds: number; archived: number; failed: number } {
  const cli = path.join(findRepoRoot(), 'bin', 'clipfile.js');
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const rows = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { status: string; kind: string });
  const pages = rows.filter((row) => row.kind === 'page');
  return { seconds, archived: pages.filter((row) => row.status === 'archived').length, failed: pages.filter((row) => row.status === 'failed').length };
}

runBench('bench:sources', async () => {
  // 1. A 50,000-URL sitemap.
  const sitemap = newsSitemap(SITEMAP_URLS);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const expansion = await expandListing('bench-sitemap.xml.gz', 'sitemap', { text: () => '', bytes: sitemap }, 'https://news.example.org/', {});
  const seconds = (performance.now() - started) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`sitemap: ${expansion.listed.length} URLs (${(sitemap.length / 1024 / 1024).toFixed(1)} MiB gzipped) expanded in ${seconds.toFixed(2)} s; process RSS before ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak ${(peak / 2 ** 20).toFixed(0)} MiB`);

  // 2. The corpus as a WARC versus as files.
  const dir = mkdtempSync(path.join(tmpdir(), 'clipfile-bench-sources-'));
  try {
    const pages = corpusPages(dir);
    const warc = path.join(dir, 'pages.warc.gz');
    await writeWarc(pages, warc);
    const list = path.join(dir, 'list.txt');
    writeFileSync(list, pages.map((page) => `${page.file}\t${page.url}\n`).join(''));
    const files = timeCli(['archive', '-i', list, '-o', path.join(dir, 'from-files')]);
    const fromWarc = timeCli(['archive', warc, '-o', path.join(dir, 'from-warc')]);
    const ratio = fromWarc.seconds / files.seconds;
    console.log(`files: ${pages.length} pages, ${files.archived} archived, ${files.failed} failed in ${files.seconds.toFixed(1)} s (${(files.archived / files.seconds).toFixed(1)} pages/s)`);
    console.log(`warc:  ${pages.length} records, ${fromWarc.archived} archived, ${fromWarc.failed} failed in ${fromWarc.seconds.toFixed(1)} s (${(fromWarc.archived / fromWarc.seconds).toFixed(1)} pages/s)`);
    console.log(`warc / files = ${ratio.toFixed(2)}× (target ≤ ${WARC_TARGET_RATIO}×): ${ratio <= WARC_TARGET_RATIO ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

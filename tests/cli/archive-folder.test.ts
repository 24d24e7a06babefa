import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, snapshotDirs } from '../helpers/archive-files.js';
import { archiveInProcess } from '../helpers/archive-in-process.js';
import { runCli } from '../helpers/cli.js';
import { fixturePages, fixturePath } from '../helpers/fixtures.js';
import { validateArchivedArticle } from '../helpers/schema.js';
import { TestServer, html, withValidators } from '../helpers/server.js';

const seedPath = fixturePath('seed-tajik-commander');
const seedUrl = fixturePages['seed-tajik-commander']!.url;
const seedHtml = readFileSync(seedPath, 'utf8');

function freshArchive(): string {
  return mkdtempSync(join(tmpdir(), 'clipfile-archive-'));
}

/** Every article.json written validates against the published schema. */
function expectValidSnapshots(archive: string): void {
  const dirs = snapshotDirs(archive);
  expect(dirs.length).toBeGreaterThan(0);
  for (const dir of dirs) {
    const article = JSON.parse(readFileSync(join(archive, dir, 'article.json'), 'utf8'));
    expect(validateArchivedArticle(article), dir).toEqual([]);
  }
}

let server: TestServer;
let storyVersion = 1;
beforeAll(async () => {
  server = await TestServer.start();
  server.route('/story', (req, res) => {
    // Version 2 rewrites one sentence and the headline: a change the archive must keep.
    const page =
      storyVersion === 1
        ? seedHtml
        : seedHtml
            .replaceAll('defects to Islamic State', 'defects to IS, officials confirm')
            .replace('A total number of 200-500 estimated Tajiks', 'As many as 500 Tajiks');
    html(page, { headers: { etag: `"v${storyVersion}"` } })(req, res);
  });
});
afterAll(async () => server.close());

describe('clipfile archive', () => {
  const archive = freshArchive();

  it('writes a snapshot folder: article.md, article.json with provenance, source.html as captured', async () => {
    const result = await runCli(['archive', seedPath, '--url', seedUrl, '-o', archive, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const line = JSON.parse(result.stdout);
    expect(line).toMatchObject({ status: 'archived', url: seedUrl, title: 'U.S-trained Tajik special forces commander defects to Islamic State', error: null });
    expect(line.snapshot).toMatch(/^news\.example\.com\/2015-05-29-u-s-trained-tajik-special-forces-commander-defects-to--[0-9a-f]{10}\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);

    const folder = join(archive, line.snapshot);
    expect(readdirSync(folder).sort()).toEqual(['article.json', 'article.md', 'source.html']);
    expect(readFileSync(join(folder, 'source.html'))).toEqual(readFileSync(seedPath));
    const markdown = readFileSync(join(folder, 'article.md'), 'utf8');
    expect(markdown.startsWith('---\ntitle: U.S-trained Tajik special forces commander defects to Islamic State\n')).toBe(true);
    expect(markdown).toContain('[May 28, 2015](https://twitter.com/Charles_Lister/status/604022543839940608)');

    const article = JSON.parse(readFileSync(join(folder, 'article.json'), 'utf8'));
    expect(article.schemaVersion).toBe(1);
    expect(article.embeds[0].id).toBe('604022543839940608');
    expect(article.provenance).toMatchObject({ requestedUrl: seedPath, url: seedUrl, source: 'file', status: null, encoding: 'UTF-8' });
    expect(article.provenance.sha256.capture).toBe(createHash('sha256').update(readFileSync(seedPath)).digest('hex'));
    expect(article.provenance.sha256.text).toBe(createHash('sha256').update(article.text).digest('hex'));
    expect(article.provenance.clipfile.version).toMatch(/^\d+\.\d+\.\d+/);
    expectValidSnapshots(archive);
  });

  it('records an unchanged page as a check, without a second snapshot', async () => {
    const before = fingerprint(archive);
    const result = await runCli(['archive', seedPath, '--url', seedUrl, '-o', archive]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^unchanged https:\/\/news\.example\.com\//);
    expect(snapshotDirs(archive)).toHaveLength(1);
    const after = fingerprint(archive);
    for (const [file, hash] of Object.entries(before)) {
      if (file.includes('/20') && !file.endsWith('checks.ndjson')) expect(after[file], file).toBe(hash);
    }
    const history = await runCli(['history', seedUrl, '-o', archive]);
    expect(history.stdout).toMatch(/confirmed unchanged 1×/);
  });

  it('finds it by search, with bm25 ranking and highlighted snippets', async () => {
    const result = await runCli(['search', 'sharia law', '-o', archive]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('U.S-trained Tajik special forces commander defects to Islamic State');
    expect(result.stdout).toContain('reestablish **sharia** **law** there');
    const json = await runCli(['search', '"American pigs"', '--json', '-o', archive]);
    const hit = JSON.parse(json.stdout.trim().split('\n')[0]!);
    expect(hit).toMatchObject({ url: seedUrl, title: 'U.S-trained Tajik special forces commander defects to Islamic State' });
    expect(hit.snippet).toContain('“Listen, you **American pigs**, I’ve been three times to America');
    const none = await runCli(['search', 'zebra', '-o', archive]);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    // Characters FTS5 would choke on are just words here.
    const odd = await runCli(['search', 'U.S-trained "unclosed', '-o', archive]);
    expect(odd.code).toBe(0);
  });

  it('shows a snapshot by key, URL or key@snapshot, as Markdown or JSON', async () => {
    const list = await runCli(['list', '--json', '-o', archive]);
    const page = JSON.parse(list.stdout.trim());
    expect(page).toMatchObject({ url: seedUrl, snapshots: 1, host: 'news.example.com' });
    const byKey = await runCli(['show', page.key, '-o', archive]);
    expect(byKey.stdout.startsWith('---\ntitle: U.S-trained')).toBe(true);
    const byUrl = await runCli(['show', seedUrl, '--format', 'json', '-o', archive]);
    expect(JSON.parse(byUrl.stdout).provenance.url).toBe(seedUrl);
    const exact = await runCli(['show', `${page.key}@${page.latestSnapshot}`, '--format', 'text', '-o', archive]);
    expect(exact.stdout).toContain('“Listen, you dogs');
    const missing = await runCli(['show', 'https://nowhere.example/', '-o', archive]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('error https://nowhere.example/: not in the archive');
  });

  it('lists with --since and --host filters', async () => {
    const recent = await runCli(['list', '--since', '2000-01-01', '--host', 'example.com', '-o', archive]);
    expect(recent.stdout).toContain(seedUrl);
    const future = await runCli(['list', '--since', '2999-01-01', '-o', archive]);
    expect(future.stdout).toBe('');
    const otherHost = await runCli(['list', '--host', 'other.org', '-o', archive]);
    expect(otherHost.stdout).toBe('');
    const bad = await runCli(['list', '--since', 'yesterday', '-o', archive]);
    expect(bad.code).toBe(2);
  });
});

describe('where the archive is', () => {
  it('is $CLIPFILE_ARCHIVE when -o is not given, and a file whose saver left no URL needs --url to be filed', async () => {
    const archive = freshArchive();
    const result = await runCli(['archive', seedPath, '--url', seedUrl], { env: { CLIPFILE_ARCHIVE: archive } });
    expect(result.code, result.stderr).toBe(0);
    expect(snapshotDirs(archive)).toHaveLength(1);
    // The seed page names itself (rel=canonical), so it needs no --url (issue 14); a bare page does.
    const bare = join(archive, '..', `bare-${process.pid}.html`);
    writeFileSync(bare, '<!doctype html><html><head><title>Bare</title></head><body><p>No URL anywhere in this page.</p></body></html>');
    const withoutUrl = await runCli(['archive', bare], { env: { CLIPFILE_ARCHIVE: archive } });
    expect(withoutUrl.code).toBe(1);
    expect(withoutUrl.stderr.trim().split('\n')).toEqual([
      `error ${bare}: no page URL in the file (no SingleFile header, "saved from" mark, canonical link or og:url); give one with --url, or a "FILE URL" list line`,
      expect.stringMatching(/^0 archived, 0 unchanged, 1 failed in [\d.]+ s$/),
    ]);
    expect(snapshotDirs(archive)).toHaveLength(1);
  });
});

describe('versions of a page over time', () => {
  // The first version of each page is archived in-process (tests/helpers/archive-in-process.ts):
  // what is under test is the CLI run that meets it.
  it('stores a new snapshot when the content changed, keeps the HTTP exchange as a WARC with --warc, and history --diff shows what changed', async () => {
    const archive = freshArchive();
    storyVersion = 1;
    expect((await archiveInProcess(archive, server.url('/story'))).status).toBe('archived');
    // Snapshot names have one-second resolution; a second run in the same second gets "-2".
    storyVersion = 2;
    const second = await runCli(['archive', server.url('/story'), '-o', archive, '--warc', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).status).toBe('archived');
    expect(snapshotDirs(archive)).toHaveLength(2);

    const folder = join(archive, JSON.parse(second.stdout).snapshot);
    const warc = gunzipSync(readFileSync(join(folder, 'capture.warc.gz'))).toString('latin1');
    expect(warc.startsWith('WARC/1.1\r\n')).toBe(true);
    expect(warc).toContain(`WARC-Target-URI: ${server.url('/story')}`);
    expect(warc).toContain('etag: "v2"');

    const history = await runCli(['history', server.url('/story'), '--diff', '-o', archive]);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toContain('Title: "U.S-trained Tajik special forces commander defects to Islamic State" → "U.S-trained Tajik special forces commander defects to IS, officials confirm"');
    expect(history.stdout).toContain('[-A total number of 200--]{+As many as+} 500 [-estimated-] Tajiks are currently fighting');
    expect(history.stdout).toContain('(3 words added, 6 removed)');
    const json = JSON.parse((await runCli(['history', server.url('/story'), '--json', '-o', archive])).stdout);
    expect(json.snapshots).toHaveLength(2);
    expect(json.checks.map((c: { result: string }) => c.result)).toEqual(['archived', 'archived']);
    expectValidSnapshots(archive);
  });

  it('asks again with the last ETag / Last-Modified; a 304 counts as unchanged without a download', async () => {
    const archive = freshArchive();
    const lastModified = 'Fri, 29 May 2015 10:02:00 GMT';
    server.route('/conditional', withValidators(seedHtml, { etag: '"e1"', lastModified }));
    expect((await archiveInProcess(archive, server.url('/conditional'))).status).toBe('archived');
    const second = await runCli(['archive', server.url('/conditional'), '-o', archive, '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'unchanged', title: 'U.S-trained Tajik special forces commander defects to Islamic State' });
    const [, again] = server.requestsTo('/conditional');
    expect(again?.headers['if-none-match']).toBe('"e1"');
    expect(again?.headers['if-modified-since']).toBe(lastModified);
    expect(snapshotDirs(archive)).toHaveLength(1);
    const history = JSON.parse((await runCli(['history', server.url('/conditional'), '--json', '-o', archive])).stdout);
    expect(history.checks.map((c: { result: string }) => c.result)).toEqual(['archived', 'unchanged']);
  });
});

describe('the index is derived from the folder', () => {
  // Each way the index is rebuilt (missing, empty, damaged, of another version) and the note it
  // gives are tested on the module (tests/archive/index-upkeep.test.ts); here, that the notes
  // reach stderr and the commands still answer.
  it('is rebuilt automatically when deleted or corrupt, with a note on stderr, and by reindex', async () => {
    const archive = freshArchive();
    await archiveInProcess(archive, seedPath, { pageUrl: seedUrl });
    rmSync(join(archive, 'index.db'));
    const afterDelete = await runCli(['search', 'Khalimov', '-o', archive]);
    expect(afterDelete.code).toBe(0);
    expect(afterDelete.stdout).toContain(seedUrl);
    expect(afterDelete.stderr).toMatch(/index\.db was missing; rebuilt the index from the archive folder \(1 snapshot of 1 page\)/);

    for (const suffix of ['-wal', '-shm']) rmSync(join(archive, `index.db${suffix}`), { force: true });
    writeFileSync(join(archive, 'index.db'), 'this is not a database'.repeat(100));
    const afterCorruption = await runCli(['list', '-o', archive]);
    expect(afterCorruption.code).toBe(0);
    expect(afterCorruption.stdout).toContain(seedUrl);
    expect(afterCorruption.stderr).toMatch(/index\.db could not be read .*rebuilt the index/s);

    const reindex = await runCli(['reindex', '--json', '-o', archive]);
    expect(JSON.parse(reindex.stdout)).toEqual({ pages: 1, snapshots: 1, checks: 1 });
    const db = new Database(join(archive, 'index.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM snapshots_fts WHERE snapshots_fts MATCH 'sharia'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('says plainly when there is no archive', async () => {
    const result = await runCli(['list', '-o', join(tmpdir(), 'clipfile-no-such-archive')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no archive here/);
  });
});

describe('a file system that refuses writes', () => {
  // Real small file systems (tmpfs), mounted read-only or filled up; the tests run as root.
  const mounts: string[] = [];
  function mountTmpfs(sizeKiB: number): string {
    const dir = mkdtempSync(join(tmpdir(), 'clipfile-fs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  }
  afterAll(() => {
    for (const dir of mounts) execFileSync('umount', [dir]);
  });

  it('a read-only archive: a clear error, earlier data intact', async () => {
    const dir = mountTmpfs(4096);
    const archive = join(dir, 'archive');
    expect((await archiveInProcess(archive, seedPath, { pageUrl: seedUrl })).status).toBe('archived');
    const before = fingerprint(archive);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const result = await runCli(['archive', server.url('/story'), '-o', archive]);
    expect(result.code).toBe(1);
    // One line for the failure, then the run's summary.
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error http:.*: cannot write to the archive .*: permission denied \(read-only\?\)$/),
      expect.stringMatching(/^0 archived, 0 unchanged, 1 failed in [\d.]+ s$/),
    ]);
    expect(fingerprint(archive)).toEqual(before);
  });

  it('a full disk: a clear error, no partial snapshot, earlier data intact', async () => {
    const dir = mountTmpfs(1024);
    const archive = join(dir, 'archive');
    expect((await archiveInProcess(archive, seedPath, { pageUrl: seedUrl })).status).toBe('archived');
    const before = fingerprint(archive);
    // Fill the file system, leaving less room than the next page needs.
    const free = () => Number(execFileSync('df', ['--output=avail', '-B1', dir]).toString().split('\n')[1]);
    writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, free() - 64 * 1024)));
    const bigPage = seedHtml.replace('</article>', `${'<p>More reporting on the defection and its aftermath in the region. </p>'.repeat(3000)}</article>`);
    storyVersion = 1;
    server.route('/big', html(bigPage));
    const result = await runCli(['archive', server.url('/big'), '-o', archive]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/disk full/);
    rmSync(join(dir, 'filler'));
    const after = fingerprint(archive);
    for (const [file, hash] of Object.entries(before)) expect(after[file], file).toBe(hash);
    expect(snapshotDirs(archive)).toHaveLength(1);
    expect(Object.keys(after).some((file) => file.includes('.tmp-'))).toBe(false);
    expect(existsSync(join(archive, 'index.db'))).toBe(true);
    expect(statSync(join(archive, 'index.db')).size).toBeGreaterThan(0);
  });
});

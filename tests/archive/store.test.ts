/**
 * The archive cannot be made to write or read outside its root, and fails honestly at the
 * disk's edge. Everything runs the built CLI on real folders: real symbolic links planted in
 * the archive (their targets outside checked byte for byte), and real small tmpfs file systems
 * filled to the byte (the tests run as root, as CI does).
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostFolderName } from '../../src/archive/layout.js';
import { fingerprint, pageDirs, snapshotDirs } from '../helpers/archive-files.js';
import { archiveFilesInProcess, archiveInProcess } from '../helpers/archive-in-process.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { TestServer, html } from '../helpers/server.js';

const scratch = mkdtempSync(join(tmpdir(), 'clipfile-store-'));
const mounts: string[] = [];
let server: TestServer | undefined;
let revision = 1;
afterAll(async () => {
  await server?.close();
  for (const dir of mounts) execFileSync('umount', [dir]);
  rmSync(scratch, { recursive: true, force: true });
});

const PROSE = [
  'The harbour board agreed on Monday to rebuild the old ferry pier, closed since a storm tore away its outer half four winters ago, after the town raised the last of the money from a summer of concerts and a bequest.',
  'Work starts in March. The engineers will drive new piles beside the old ones, which stay as a breakwater, and lay a deck of recycled hardwood wide enough for the small car ferry that used to cross to the island twice a day.',
  'Islanders have made do with a water taxi that carries twelve people and no cars. "My mother has not been to the mainland doctor in a year," said one woman who runs the island shop, "because she cannot climb into the boat."',
  'The board expects the pier to open by the end of the summer, and the ferry company says it will restore the old timetable as soon as the first car can drive aboard.',
];

/** A story page with a fixed title and publication date; `revision` changes its text. */
function writeStory(name: string, revision: number): string {
  const file = join(scratch, `${name}-r${revision}.html`);
  writeFileSync(
    file,
    `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour board votes to rebuild the ferry pier</title>
<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>
<body><main><article><h1>Harbour board votes to rebuild the ferry pier</h1>
${PROSE.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
<p>Revision ${revision} of this report adds the board's vote count and the date the tender closes.</p>
</article></main></body></html>`,
  );
  return file;
}

interface ArchiveLine {
  status: string;
  code: string | null;
  error: string | null;
  snapshot: string | null;
}

async function archivePage(archive: string, name: string, url: string, revision: number): Promise<CliResult & { line: ArchiveLine }> {
  const result = await runCli(['archive', writeStory(name, revision), '--url', url, '-o', archive, '--json']);
  const line = JSON.parse(result.stdout.trim()) as ArchiveLine;
  return { ...result, line };
}

function pageFolderOf(archive: string, host: string): string {
  const [folder] = readdirSync(join(archive, host));
  expect(folder, `a page folder in ${host}`).toBeDefined();
  return join(archive, host, folder!);
}

function temporaries(archive: string): string[] {
  return pageDirs(archive).flatMap((page) => readdirSync(join(archive, page)).filter((name) => name.startsWith('.tmp-')));
}

describe('symbolic links planted in the archive', () => {
  const archive = join(scratch, 'archive');
  const outside = join(scratch, 'outside');
  // Three pages on the test server's host, one more host from a file (its folder becomes a link).
  const served = ['checks', 'page', 'temporary', 'control'] as const;
  const pages = {
    ...Object.fromEntries(served.map((name) => [name, { url: '', host: '' }])),
    host: { url: 'https://host.example/story', host: 'host.example' },
  } as Record<(typeof served)[number] | 'host', { url: string; host: string }>;
  let links: Record<'checks' | 'host' | 'page' | 'temporary', string>;
  let outsidePrint: Record<string, string>;

  async function archiveServed(): Promise<Map<string, ArchiveLine & { url: string }>> {
    const result = await runCli(['archive', ...served.map((name) => pages[name].url), '-o', archive, '--json', '--delay', '0']);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as ArchiveLine & { url: string; source: string });
    expect(lines, result.stderr).toHaveLength(served.length);
    return new Map(lines.map((line) => [served.find((name) => pages[name].url === line.source)!, line]));
  }

  it('are refused by name when archiving, and nothing is written through them', async () => {
    server = await TestServer.start();
    for (const name of served) {
      server.route(`/${name}`, (req, res) => html(readFileSync(writeStory(name, revision), 'utf8'))(req, res));
      pages[name] = { url: server.url(`/${name}`), host: hostFolderName(server.url('/')) };
    }
    // The first versions are archived in-process (tests/helpers/archive-in-process.ts); the CLI
    // runs that meet the planted links are the subject.
    const first = new Map<string, { snapshot: string }>();
    for (const name of served) {
      const outcome = await archiveInProcess(archive, pages[name].url);
      expect(outcome.status, name).toBe('archived');
      first.set(name, { snapshot: outcome.snapshotPath });
    }
    expect((await archiveInProcess(archive, writeStory('host', 1), { pageUrl: pages.host.url })).status).toBe('archived');

    // Plant the links: each target outside holds data that must come through untouched.
    mkdirSync(join(outside, 'temporary-target'), { recursive: true });
    writeFileSync(join(outside, 'secret.txt'), 'a file outside the archive\n');
    writeFileSync(join(outside, 'temporary-target', 'keep.txt'), 'keep me\n');
    const checksFile = join(archive, first.get('checks')!.snapshot!, '..', 'checks.ndjson');
    unlinkSync(checksFile);
    symlinkSync(join(outside, 'secret.txt'), checksFile);
    const hostFolder = join(archive, pages.host.host);
    renameSync(hostFolder, join(outside, 'moved-host'));
    symlinkSync(join(outside, 'moved-host'), hostFolder);
    const pageFolder = join(archive, first.get('page')!.snapshot!, '..');
    renameSync(pageFolder, join(outside, 'moved-page'));
    symlinkSync(join(outside, 'moved-page'), pageFolder);
    const temporary = join(archive, first.get('temporary')!.snapshot!, '..', '.tmp-2026-11-20T08-00-00Z-999999');
    symlinkSync(join(outside, 'temporary-target'), temporary);
    links = { checks: join(checksFile), host: hostFolder, page: join(pageFolder), temporary: join(temporary) };
    outsidePrint = fingerprint(outside);
    const snapshotsBefore = snapshotDirs(archive);

    // A new revision of every page: each planted link is refused by name, the other page is stored.
    revision = 2;
    const second = await archiveServed();
    const secondHost = await archivePage(archive, 'host', pages.host.url, 2);
    expect(secondHost.code).toBe(1);
    for (const [kind, line] of [...second.entries(), ['host', secondHost.line] as const]) {
      if (kind === 'control') continue;
      expect(line, kind).toMatchObject({
        status: 'failed',
        code: 'archive-write',
        error: `refusing to follow the symbolic link ${links[kind as keyof typeof links]} planted in the archive`,
      });
    }
    expect(secondHost.stderr).toContain(`refusing to follow the symbolic link ${links.host} planted in the archive`);
    expect(fingerprint(outside), 'the outside is untouched').toEqual(outsidePrint);
    expect(temporaries(archive)).toEqual(['.tmp-2026-11-20T08-00-00Z-999999']);

    // The archive's other pages still work.
    expect(second.get('control')).toMatchObject({ status: 'archived', code: null });
    const added = snapshotDirs(archive).filter((snapshot) => !snapshotsBefore.includes(snapshot));
    expect(added).toEqual([second.get('control')!.snapshot]);
  }, 120_000);

  it('are not followed by show, which names the link instead of printing what is behind it', async () => {
    // The index still lists the page whose folder became a link; its files are not read through it.
    const show = await runCli(['show', pages.page.url, '-o', archive]);
    expect(show.code).toBe(1);
    expect(show.stdout).toBe('');
    expect(show.stderr).toContain(`refusing to follow the symbolic link ${links.page} planted in the archive`);
    const text = await runCli(['show', pages.host.url, '--format', 'text', '-o', archive]);
    expect(text.stdout).not.toContain('harbour board');
    expect(text.stdout.trim()).toBe('');
  });

  it('are named by reindex, which keeps every real page', async () => {
    const reindex = await runCli(['reindex', '--json', '-o', archive]);
    expect(reindex.code, reindex.stderr).toBe(0);
    // checks, temporary (its real snapshot) and control (two) are real; host and page are links.
    expect(JSON.parse(reindex.stdout)).toMatchObject({ pages: 3, snapshots: 4 });
    for (const kind of ['host', 'page'] as const) {
      expect(reindex.stderr).toContain(`refusing to follow the symbolic link ${links[kind]} planted in the archive: left out of the index`);
    }
    expect(reindex.stderr).toContain(`refusing to follow the symbolic link ${links.checks} planted in the archive`);
    expect(fingerprint(outside)).toEqual(outsidePrint);

    const list = await runCli(['list', '--json', '-o', archive]);
    expect(list.code, list.stderr).toBe(0);
    const listed = list.stdout.trim().split('\n').map((line) => JSON.parse(line).url as string);
    expect(listed.sort()).toEqual([pages.checks.url, pages.control.url, pages.temporary.url].sort());
    const show = await runCli(['show', pages.control.url, '--format', 'text', '-o', archive]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('Revision 2 of this report');
  });

  it('a linked index.db is refused before any write, and its target is unchanged', async () => {
    const own = join(scratch, 'index-archive');
    expect((await archiveInProcess(own, writeStory('indexed', 1), { pageUrl: 'https://indexed.example/story' })).status).toBe('archived');
    const target = join(scratch, 'outside-index.db');
    renameSync(join(own, 'index.db'), target);
    symlinkSync(target, join(own, 'index.db'));
    const before = readFileSync(target);
    const second = await archivePage(own, 'indexed', 'https://indexed.example/story', 2);
    expect(second.code).toBe(1);
    expect(second.line).toMatchObject({
      status: 'failed',
      code: 'archive-write',
      error: `refusing to follow the symbolic link ${join(own, 'index.db')} planted in the archive`,
    });
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(snapshotDirs(own)).toHaveLength(1);
  });

  it('a path out of the archive is not a snapshot to show', async () => {
    const other = join(scratch, 'other-archive');
    const stored = await archiveInProcess(other, writeStory('other', 1), { pageUrl: 'https://other.example/story' });
    for (const reference of [`../other-archive/${stored.snapshotPath}`, join(other, stored.snapshotPath)]) {
      const show = await runCli(['show', reference, '-o', archive]);
      expect(show.code, reference).toBe(1);
      expect(show.stdout).toBe('');
      expect(show.stderr).toMatch(/not in the archive/);
    }
  });
});

describe('a disk that fills up right after a snapshot is renamed into place', () => {
  function mountTmpfs(sizeKiB: number): string {
    const dir = mkdtempSync(join(tmpdir(), 'clipfile-fs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  }

  const freeBytes = (dir: string) => {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  };

  const measured = new Map<string, number>();
  /**
   * Blocks the snapshot of `url` takes: measured by archiving the same file on another disk
   * as `clipfile archive FILE --url URL` does, in this process, once per file (the files' sizes
   * do not depend on when or where it is archived, but article.json records the CLI's options,
   * which archiveFilesInProcess records too).
   */
  async function snapshotBlocks(url: string, file: string, blockSize: number): Promise<number> {
    const key = `${url} ${file} ${blockSize}`;
    if (!measured.has(key)) measured.set(key, await measureSnapshotBlocks(url, file, blockSize));
    return measured.get(key)!;
  }

  async function measureSnapshotBlocks(url: string, file: string, blockSize: number): Promise<number> {
    const measure = join(scratch, `measure-${Date.now()}`);
    const [stored] = await archiveFilesInProcess(measure, [[file, url, 'option']]);
    const snapshot = join(measure, stored!.snapshotPath);
    return readdirSync(snapshot).reduce((sum, name) => sum + Math.ceil(statSync(join(snapshot, name)).size / blockSize), 0);
  }

  /**
   * A tmpfs archive holding one page, then filled so that exactly the next snapshot's blocks
   * are free: the snapshot fits, its check line (a new checks.ndjson needs a block) does not.
   */
  async function archiveOntoFullDisk(): Promise<{ dir: string; archive: string; url: string; file: string; result: CliResult }> {
    const dir = mountTmpfs(4096);
    const archive = join(dir, 'archive');
    expect((await archiveInProcess(archive, writeStory('first', 1), { pageUrl: 'https://first.example/story' })).status).toBe('archived');
    const url = 'https://full.example/story';
    const file = writeStory('full', 1);
    const blockSize = statfsSync(dir).bsize;
    const needed = (await snapshotBlocks(url, file, blockSize)) * blockSize;
    writeFileSync(join(dir, 'filler'), Buffer.alloc(freeBytes(dir) - needed));
    expect(freeBytes(dir)).toBe(needed);
    const result = await runCli(['archive', file, '--url', url, '-o', archive, '--json']);
    return { dir, archive, url, file, result };
  }

  function checkLines(archive: string, host: string): Array<{ result: string; snapshot: string }> {
    const file = join(pageFolderOf(archive, host), 'checks.ndjson');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }

  it('reports the snapshot archived with a warning, and the next run restores its check line', async () => {
    const { dir, archive, file, url, result } = await archiveOntoFullDisk();
    expect(result.code, result.stderr).toBe(0);
    const line = JSON.parse(result.stdout);
    expect(line).toMatchObject({ status: 'archived', code: null, error: null });
    expect(result.stderr).toMatch(
      /warning .*: archived, but its line in checks\.ndjson could not be written \(disk full\); the next run on this page or "clipfile reindex" adds it/,
    );
    expect(snapshotDirs(archive)).toContain(line.snapshot);
    expect(readdirSync(join(archive, line.snapshot)).sort()).toEqual(['article.json', 'article.md', 'source.html']);
    expect(checkLines(archive, 'full.example')).toEqual([]);

    // Still full: a run that cannot even restore the line fails as archive-write, not internal.
    const stillFull = await runCli(['archive', file, '--url', url, '-o', archive, '--json']);
    expect(stillFull.code).toBe(1);
    expect(JSON.parse(stillFull.stdout)).toMatchObject({ status: 'failed', code: 'archive-write', error: expect.stringMatching(/: disk full$/) });

    rmSync(join(dir, 'filler'));
    const next = await runCli(['archive', file, '--url', url, '-o', archive, '--json']);
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ status: 'unchanged', snapshot: line.snapshot });
    expect(next.stderr).toContain(`added the missing check line of ${line.snapshot} to checks.ndjson`);
    expect(checkLines(archive, 'full.example').map((check) => [check.result, check.snapshot])).toEqual([
      ['archived', line.snapshot.split('/').at(-1)],
      ['unchanged', line.snapshot.split('/').at(-1)],
    ]);
    const history = await runCli(['history', url, '--json', '-o', archive]);
    expect(JSON.parse(history.stdout).checks.map((check: { result: string }) => check.result)).toEqual(['archived', 'unchanged']);
  }, 120_000);

  it('reindex restores the missing check line too', async () => {
    const { dir, archive, result } = await archiveOntoFullDisk();
    expect(result.code, result.stderr).toBe(0);
    const line = JSON.parse(result.stdout);
    expect(line).toMatchObject({ status: 'archived', code: null });
    expect(checkLines(archive, 'full.example')).toEqual([]);

    rmSync(join(dir, 'filler'));
    const reindex = await runCli(['reindex', '--json', '-o', archive]);
    expect(reindex.code, reindex.stderr).toBe(0);
    expect(JSON.parse(reindex.stdout)).toEqual({ pages: 2, snapshots: 2, checks: 2 });
    expect(reindex.stderr).toContain(`added the missing check line of ${line.snapshot} to checks.ndjson`);
    expect(checkLines(archive, 'full.example')).toEqual([
      { checkedAt: expect.any(String), result: 'archived', snapshot: line.snapshot.split('/').at(-1) },
    ]);
  }, 120_000);
});

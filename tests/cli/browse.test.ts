/**
 * list, search, history and show as a person meets them: a real archive of pages fetched from a
 * local server (written in this process as `clipfile archive` writes it), then changed by hand (a folder deleted, index.db truncated, a title
 * planted with terminal escapes) between commands.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageKey } from '../../src/archive/layout.js';
import { pageDirs } from '../helpers/archive-files.js';
import { archiveFilesInProcess, copyArchive } from '../helpers/archive-in-process.js';
import { runCli } from '../helpers/cli.js';
import { TestServer, html } from '../helpers/server.js';
import { story } from '../helpers/stories.js';

let server: TestServer;

beforeAll(async () => {
  server = await TestServer.start();
  server.route('/guns', html(story({ title: 'Gun law debated', word: 'gun', published: '2026-11-20T08:00:00Z' })));
  server.route('/rifles', html(story({ title: 'Rifle club opens', word: 'rifle', published: '2026-11-21T08:00:00Z' })));
  server.route('/parks', html(story({ title: 'Parks budget', word: 'parks', published: '2026-11-22T08:00:00Z' })));
  archivedOnce = join(mkdtempSync(join(tmpdir(), 'clipfile-browse-')), 'archive');
  const urls = ['/guns', '/rifles', '/parks'].map((path) => server.url(path));
  await archiveFilesInProcess(archivedOnce, urls);
});
afterAll(async () => server.close());

/** The three stories, archived once for this file (in the first beforeAll). */
let archivedOnce: string;

/** A fresh archive holding the three stories: a copy of the one written once. */
function archiveOfThree(): string {
  return copyArchive(archivedOnce, join(mkdtempSync(join(tmpdir(), 'clipfile-browse-')), 'archive'));
}

const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

describe('list', () => {
  let root: string;
  beforeAll(async () => {
    root = archiveOfThree();
  });

  it('--host takes the host, host:port, or the folder spelling; a wrong port matches nothing, and says so', async () => {
    for (const host of ['127.0.0.1', `127.0.0.1:${server.port}`, `127.0.0.1_${server.port}`, server.url('/')]) {
      const result = await runCli(['list', '--host', host, '--json', '-o', root]);
      expect(result.code, host).toBe(0);
      expect(jsonLines(result.stdout), host).toHaveLength(3);
    }
    const none = await runCli(['list', '--host', `127.0.0.1:${server.port + 1}`, '-o', root]);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'no pages match\n' });
    const other = await runCli(['list', '--host', 'example.org', '-o', root]);
    expect(other).toMatchObject({ code: 0, stdout: '', stderr: 'no pages match\n' });
  });

  it('says so when the archive holds no page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'clipfile-empty-'));
    const result = await runCli(['list', '-o', empty]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: 'no pages in the archive\n' });
  });
});

describe('search', () => {
  let root: string;
  beforeAll(async () => {
    root = archiveOfThree();
  });

  it('explains a query mistake in one line with its position, exit 2', async () => {
    const result = await runCli(['search', 'NOT gun', '-o', root]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error search "NOT gun": NOT needs words before it ("a NOT b" finds a without b) (at character 1)\n');
    const dangling = await runCli(['search', 'gun', 'OR', '-o', root]);
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toBe('error search "gun OR": OR needs words after it (at character 5)\n');
  });

  it('takes OR and NOT in capitals as operators, lower-case or as a word', async () => {
    const titles = async (...query: string[]) =>
      jsonLines((await runCli(['search', ...query, '--json', '-o', root])).stdout).map((hit) => hit.title).sort();
    expect(await titles('gun OR rifle')).toEqual(['Gun law debated', 'Rifle club opens']);
    expect(await titles('gun or rifle')).toEqual([]);
    expect(await titles('council NOT gun')).toEqual(['Parks budget', 'Rifle club opens']);
  });

  it('gives positive scores, best first', async () => {
    const hits = jsonLines((await runCli(['search', 'gun OR council', '--json', '-o', root])).stdout);
    expect(hits).toHaveLength(3);
    expect(hits[0].title).toBe('Gun law debated');
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
  });
});

describe('the index follows the folder', () => {
  it('forgets a page folder deleted by hand, with a note; show says not in the archive, never ENOENT', async () => {
    const root = archiveOfThree();
    const gone = pageDirs(root).find((dir) => dir.endsWith(pageKey(server.url('/guns'))))!;
    rmSync(join(root, gone), { recursive: true });
    const list = await runCli(['list', '--json', '-o', root]);
    expect(list.code).toBe(0);
    expect(jsonLines(list.stdout).map((page) => page.title).sort()).toEqual(['Parks budget', 'Rifle club opens']);
    expect(list.stderr).toBe(`warning 1 page folder gone from the archive (${gone}): removed from the index\n`);
    const search = await runCli(['search', 'gun', '-o', root]);
    expect(search).toMatchObject({ code: 0, stdout: '', stderr: 'no matches\n' });
    const show = await runCli(['show', pageKey(server.url('/guns')), '-o', root]);
    expect(show.code).toBe(1);
    expect(show.stderr).toBe(`error ${pageKey(server.url('/guns'))}: not in the archive\n`);
  });

  it('does not take a page folder replaced by a link for a deleted one', async () => {
    const root = archiveOfThree();
    const page = pageDirs(root).find((dir) => dir.endsWith(pageKey(server.url('/parks'))))!;
    const elsewhere = join(root, '..', 'moved-away');
    renameSync(join(root, page), elsewhere);
    symlinkSync(elsewhere, join(root, page));
    const list = await runCli(['list', '--json', '-o', root]);
    expect(list.code).toBe(0);
    expect(jsonLines(list.stdout)).toHaveLength(3);
    expect(list.stderr).toBe('');
  });

  it('notices a snapshot removed by hand from a page', async () => {
    const root = archiveOfThree();
    const page = pageDirs(root).find((dir) => dir.endsWith(pageKey(server.url('/parks'))))!;
    const [snapshot] = readdirSync(join(root, page)).filter((name) => /^\d{4}-/.test(name));
    rmSync(join(root, page, snapshot!), { recursive: true });
    const show = await runCli(['show', pageKey(server.url('/parks')), '-o', root]);
    expect(show.code).toBe(1);
    expect(show.stderr).toMatch(/^warning 1 page folder changed outside clipfile: indexed again\nerror [0-9a-f]{10}: page [0-9a-f]{10} has no snapshot\n$/);
  });

  it('rebuilds an index.db truncated to 0 bytes, with a note, instead of showing an empty archive', async () => {
    const root = archiveOfThree();
    truncateSync(join(root, 'index.db'), 0);
    const list = await runCli(['list', '--json', '-o', root]);
    expect(list.code).toBe(0);
    expect(jsonLines(list.stdout)).toHaveLength(3);
    expect(list.stderr).toBe('warning index.db was empty (0 bytes: truncated?); rebuilt the index from the archive folder (3 snapshots of 3 pages)\n');
    const search = await runCli(['search', 'rifle', '--json', '-o', root]);
    expect(jsonLines(search.stdout).map((hit) => hit.title)).toEqual(['Rifle club opens']);
  });
});

describe('page text on a terminal', () => {
  it('reaches list, search, history and show made visible, never as escape sequences; JSON stays exact', async () => {
    const root = archiveOfThree();
    const hostile = 'Parks \u001b[2J\u001b]0;owned\u0007 \u202Eevil\u202C \u001b]8;;http://x.example/\u0007link\u001b]8;;\u0007';
    const page = pageDirs(root).find((dir) => dir.endsWith(pageKey(server.url('/parks'))))!;
    const [snapshot] = readdirSync(join(root, page)).filter((name) => /^\d{4}-/.test(name));
    const file = join(root, page, snapshot!, 'article.json');
    const article = JSON.parse(readFileSync(file, 'utf8'));
    article.title = hostile;
    article.text = `${article.text}\n\nA planted line \u001b[31mred\u001b[0m \u202Ereversed parks`;
    writeFileSync(file, JSON.stringify(article));
    expect((await runCli(['reindex', '-o', root])).code).toBe(0);

    const outputs = [
      await runCli(['list', '-o', root]),
      await runCli(['search', 'parks', '-o', root]),
      await runCli(['history', pageKey(server.url('/parks')), '-o', root]),
      await runCli(['show', pageKey(server.url('/parks')), '-f', 'text', '-o', root]),
    ];
    for (const output of outputs) {
      expect(output.code).toBe(0);
      expect(output.stdout).not.toMatch(/[\u001b\u0007\u202e\u202c]/);
    }
    const [list, search, history, show] = outputs.map((output) => output.stdout);
    const visible = 'Parks \\x1b[2J\\x1b]0;owned\\x07 \\u{202e}evil\\u{202c} \\x1b]8;;http://x.example/\\x07link\\x1b]8;;\\x07';
    expect(list).toContain(visible);
    expect(search).toContain(visible);
    const planted = await runCli(['search', 'planted', '-o', root]);
    expect(planted.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(planted.stdout).toContain('A **planted** line \\x1b[31mred\\x1b[0m \\u{202e}reversed parks');
    expect(history).toContain(visible);
    expect(show).toContain('A planted line \\x1b[31mred\\x1b[0m \\u{202e}reversed parks');
    const json = jsonLines((await runCli(['list', '--json', '-o', root])).stdout);
    expect(json.find((line) => line.key === pageKey(server.url('/parks'))).title).toBe(hostile);
  });
});

describe('show reads only what is inside the archive', () => {
  it('refuses an archive path that climbs out, even to a folder that looks like a page', async () => {
    const root = archiveOfThree();
    const outside = join(root, '..', 'elsewhere', `127.0.0.1_${server.port}`, `2026-01-01-x--${pageKey(server.url('/guns'))}`);
    mkdirSync(outside, { recursive: true });
    const result = await runCli(['show', `../elsewhere/127.0.0.1_${server.port}/2026-01-01-x--${pageKey(server.url('/guns'))}`, '-o', root], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/: not in the archive: the path leads outside /);
  });
});

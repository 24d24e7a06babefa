/**
 * Page identity and lookups as a user meets them: pages fetched from a real local server into a
 * real folder (archived in this process as `clipfile archive` archives them; a CLI run of
 * `archive` where filing is what a test checks), then found in every form a person types. Each kind of reference
 * goes once through `history`/`show` (what a person sees, errors included); its other spellings
 * through resolvePage (src/archive/resolve.ts), which both commands call, on the same folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyPageKey, pageKey } from '../../src/archive/layout.js';
import { resolvePage } from '../../src/archive/resolve.js';
import { Archive } from '../../src/archive/store.js';
import { pageDirs } from '../helpers/archive-files.js';
import { archiveFilesInProcess } from '../helpers/archive-in-process.js';
import { runCli } from '../helpers/cli.js';
import { story } from '../helpers/stories.js';
import { TestServer, html, redirect, sequence } from '../helpers/server.js';

let server: TestServer;
let parent: string;
let root: string;
let hostFolder: string;

async function archive(...urls: string[]) {
  const result = await runCli(['archive', ...urls, '-o', root, '--json', '--delay', '0', '--ignore-robots']);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { source: string; status: string; key: string; snapshot: string });
}

/** The key `history` resolves a reference to (via its JSON), or the failure. */
async function keyOfCli(reference: string, cwd?: string): Promise<string> {
  const result = await runCli(['history', reference, '--json', '-o', root], { cwd });
  expect(result.code, `${reference}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout).key;
}

/** The key resolvePage gives a reference, the archive opened in this process. */
function keyOf(reference: string, cwd = process.cwd()): string {
  const archive = new Archive(root);
  try {
    return resolvePage(archive.index(), archive.root, reference, cwd).page.key;
  } finally {
    archive.close();
  }
}

const unicodePath = '/новости/мост';

beforeAll(async () => {
  server = await TestServer.start();
  hostFolder = `127.0.0.1_${server.port}`;
  parent = mkdtempSync(join(tmpdir(), 'clipfile-resolve-'));
  root = join(parent, 'archive');
  server.route('/story', html(story({ title: 'Bridge vote delayed', word: 'alpha', canonical: server.url('/story'), published: '2026-11-20T08:00:00Z' })));
  server.route('/old-link', redirect('/story', 301));
  server.route('/dir/', html(story({ title: 'Library hours', word: 'bravo', published: '2026-11-21T08:00:00Z' })));
  server.route(encodeURI(unicodePath), html(story({ title: 'Новый мост', word: 'charlie', published: '2026-11-22T08:00:00Z' })));
  server.route('/undated', html(story({ title: 'Park reopens', word: 'delta' })));
  server.route('/story-a', html(story({ title: 'First of the day', word: 'echo', published: '2026-11-23T08:00:00Z' })));
  server.route('/story-b', html(story({ title: 'Second of the day', word: 'foxtrot', published: '2026-11-24T08:00:00Z' })));
  server.route('/latest', sequence(redirect('/story-a'), redirect('/story-b')));
  server.route('/amp/wide', html(story({ title: 'Wide roads', word: 'hotel', canonical: server.url('/wide'), published: '2026-11-26T08:00:00Z' })));
  server.route(
    '/syndicated',
    html(story({ title: 'From a wire', word: 'india', canonical: 'https://elsewhere.example/original', published: '2026-11-27T08:00:00Z' })),
  );
  await archiveFilesInProcess(root, [
    server.url('/story?utm_source=newsletter&utm_medium=email&fbclid=AbC'),
    server.url('/old-link'),
    server.url('/dir/'),
    // As typed: not percent-encoded.
    `http://127.0.0.1:${server.port}${unicodePath}`,
    server.url('/undated'),
    server.url('/amp/wide'),
    server.url('/syndicated'),
    // Twice: a redirect to one page, then to another.
    server.url('/latest'),
    server.url('/latest'),
  ]);
});
afterAll(async () => server.close());

describe('one page, however it was reached', () => {
  it('files a story reached with tracking parameters and through a redirect under its canonical URL, once', async () => {
    const storyKey = pageKey(server.url('/story'));
    const folders = pageDirs(root).filter((dir) => dir.endsWith(`--${storyKey}`));
    expect(folders).toHaveLength(1);
    const again = await archive(server.url('/story?utm_campaign=winter'));
    expect(again[0]).toMatchObject({ status: 'unchanged', key: storyKey });
    expect(pageDirs(root).filter((dir) => dir.includes(storyKey))).toHaveLength(1);
    const article = JSON.parse((await runCli(['show', storyKey, '-f', 'json', '-o', root])).stdout);
    expect(article.provenance.url).toBe(server.url('/story'));
  });

  it('files a page under the canonical URL it states on its own site, and ignores one on another site', async () => {
    expect(pageDirs(root).filter((dir) => dir.endsWith(`--${pageKey(server.url('/wide'))}`))).toHaveLength(1);
    expect(keyOf(server.url('/amp/wide'))).toBe(pageKey(server.url('/wide')));
    expect(keyOf(server.url('/wide'))).toBe(pageKey(server.url('/wide')));
    const wire = JSON.parse((await runCli(['show', server.url('/syndicated'), '-f', 'json', '-o', root])).stdout);
    expect(wire.provenance).toMatchObject({ url: server.url('/syndicated'), ignoredCanonical: 'https://elsewhere.example/original' });
    const other = await runCli(['show', 'https://elsewhere.example/original', '-o', root]);
    expect(other.code).toBe(1);
  });

  it('names a page with no publication date by its capture date, saying so', () => {
    const today = new Date().toISOString().slice(0, 10);
    const undated = pageDirs(root).find((dir) => dir.endsWith(`--${pageKey(server.url('/undated'))}`));
    expect(undated).toBe(`${hostFolder}/captured-${today}-park-reopens--${pageKey(server.url('/undated'))}`);
  });
});

describe('show and history find a page by', () => {
  const storyKey = () => pageKey(server.url('/story'));

  it('its key, a unique prefix of 4 or more hex digits, in any case, and key@snapshot', async () => {
    expect(await keyOfCli(storyKey().slice(0, 4))).toBe(storyKey());
    expect(keyOf(storyKey())).toBe(storyKey());
    expect(keyOf(storyKey().toUpperCase())).toBe(storyKey());
    const snapshot = readdirSync(join(root, pageDirs(root).find((dir) => dir.endsWith(storyKey()))!))[0]!;
    const exact = await runCli(['show', `${storyKey().slice(0, 6)}@${snapshot}`, '-o', root]);
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.stdout).toContain('title: Bridge vote delayed');
    const wrongSnapshot = await runCli(['show', `${storyKey()}@2020-01-01T00-00-00Z`, '-o', root]);
    expect(wrongSnapshot.code).toBe(1);
    expect(wrongSnapshot.stderr).toContain(`has no snapshot 2020-01-01T00-00-00Z (it has: ${snapshot})`);
    const tooShort = await runCli(['show', storyKey().slice(0, 3), '-o', root]);
    expect(tooShort.code).toBe(1);
    expect(tooShort.stderr).toContain('a key prefix needs at least 4 hex digits');
  });

  it('any spelling of any URL it was reached by', async () => {
    const port = server.port;
    expect(await keyOfCli(server.url('/story?utm_source=twitter#comments'))).toBe(storyKey());
    for (const url of [
      server.url('/story'),
      `HTTP://127.0.0.1:${port}/story`,
      server.url('/story/'),
      server.url('/story?utm_source=twitter#comments'),
      server.url('/old-link'),
    ]) {
      expect(keyOf(url), url).toBe(storyKey());
    }
    expect(keyOf(server.url('/dir'))).toBe(pageKey(server.url('/dir/')));
    const unicodeKey = pageKey(server.url(encodeURI(unicodePath)));
    expect(keyOf(`http://127.0.0.1:${port}${unicodePath}`)).toBe(unicodeKey);
    expect(keyOf(server.url(encodeURI(unicodePath)).toLowerCase())).toBe(unicodeKey);
  });

  it('a path: relative to the archive, as tab completion gives it, absolute, or a page folder name', async () => {
    const folder = pageDirs(root).find((dir) => dir.endsWith(storyKey()))!;
    const snapshot = readdirSync(join(root, folder)).find((name) => /^\d{4}-/.test(name))!;
    expect(keyOf(folder)).toBe(storyKey());
    expect(await keyOfCli(`archive/${folder}/${snapshot}/`, parent)).toBe(storyKey());
    expect(keyOf(`archive/${folder}/${snapshot}/article.md`)).toBe(storyKey());
    expect(keyOf(join(root, folder))).toBe(storyKey());
    expect(keyOf(basename(folder))).toBe(storyKey());
    const bySnapshotPath = await runCli(['show', `${folder}/${snapshot}`, '-f', 'text', '-o', root]);
    expect(bySnapshotPath.stdout).toContain('alpha report');
  });

  it('but never a path outside the archive', async () => {
    const other = join(parent, 'other-archive', hostFolder, `2026-11-20-bridge--${storyKey()}`);
    mkdirSync(other, { recursive: true });
    for (const reference of [`../other-archive/${hostFolder}/2026-11-20-bridge--${storyKey()}`, other, '/etc/passwd']) {
      const result = await runCli(['show', reference, '-o', root], { cwd: root });
      expect(result.code, reference).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error ${reference}: not in the archive: the path leads outside ${root} (give a path inside it, a key or a URL)\n`,
      );
    }
  });

  it('and lists the candidates when a reference names several pages', async () => {
    const result = await runCli(['show', server.url('/latest'), '-o', root]);
    expect(result.code).toBe(1);
    const pages = ['/story-a', '/story-b'].map((path) => `${pageKey(server.url(path))} ${server.url(path)}`).sort();
    expect(result.stderr).toBe(`error ${server.url('/latest')}: names 2 pages, give a key: ${pages.join('; ')}\n`);
  });

  it('and lists the pages a short key prefix shares', async () => {
    // Two URLs whose keys share their first 4 hex digits (about 300 tries find a pair).
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; !pair; n++) {
      const url = `https://prefix.example/p-${n}`;
      const other = seen.get(pageKey(url).slice(0, 4));
      if (other) pair = [other, url];
      else seen.set(pageKey(url).slice(0, 4), url);
    }
    const file = join(parent, 'shared-prefix.html');
    writeFileSync(file, story({ title: 'Shared prefix', word: 'golf', published: '2026-11-25T08:00:00Z' }));
    const stored = await archiveFilesInProcess(root, pair.map((url) => [file, url, 'option'] as const));
    expect(stored.map((result) => result.status)).toEqual(['archived', 'archived']);
    const prefix = pageKey(pair[0]).slice(0, 4);
    const result = await runCli(['show', prefix.toUpperCase(), '-o', root]);
    expect(result.code).toBe(1);
    const candidates = pair.map((url) => `${pageKey(url)} ${url}`).sort();
    expect(result.stderr).toBe(`error ${prefix.toUpperCase()}: names 2 pages, give more of the key: ${candidates.join('; ')}\n`);
    expect(keyOf(pageKey(pair[1]).slice(0, 8))).toBe(pageKey(pair[1]));
  });

  it('and says plainly when nothing matches', async () => {
    const result = await runCli(['history', 'https://nowhere.example/', '-o', root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error https://nowhere.example/: not in the archive\n');
  });
});

describe('an archive written by an earlier clipfile', () => {
  /** Makes a page folder look as an earlier clipfile wrote it: keyed by `oldUrl`, filed under it. */
  async function asEarlierClipfileWroteIt(legacyRoot: string, oldUrl: string): Promise<string> {
    const [folder] = pageDirs(legacyRoot);
    const oldKey = legacyPageKey(oldUrl);
    const oldFolder = folder!.replace(/--[0-9a-f]{10}$/, `--${oldKey}`);
    renameSync(join(legacyRoot, folder!), join(legacyRoot, oldFolder));
    for (const snapshot of readdirSync(join(legacyRoot, oldFolder)).filter((name) => /^\d{4}-/.test(name))) {
      const file = join(legacyRoot, oldFolder, snapshot, 'article.json');
      const article = JSON.parse(readFileSync(file, 'utf8'));
      article.url = oldUrl;
      article.provenance.url = oldUrl;
      delete article.provenance.ignoredCanonical;
      writeFileSync(file, JSON.stringify(article));
    }
    rmSync(join(legacyRoot, 'index.db'));
    // As `clipfile reindex` does.
    const archive = new Archive(legacyRoot);
    try {
      archive.reindex();
    } finally {
      archive.close();
    }
    return oldFolder;
  }

  const run = (legacyRoot: string, ...args: string[]) =>
    runCli([...args, '-o', legacyRoot, ...(args[0] === 'archive' ? ['--delay', '0', '--ignore-robots'] : [])]);

  it('keeps finding and appending to a page filed under its URL with tracking parameters', async () => {
    const legacyRoot = join(mkdtempSync(join(tmpdir(), 'clipfile-legacy-')), 'archive');
    const tracked = server.url('/dir/?utm_source=feed');
    await archiveFilesInProcess(legacyRoot, [tracked]);
    const oldFolder = await asEarlierClipfileWroteIt(legacyRoot, tracked);

    const again = await run(legacyRoot, 'archive', server.url('/dir/?utm_source=other'), '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', key: legacyPageKey(tracked) });
    expect(pageDirs(legacyRoot)).toEqual([oldFolder]);
    for (const reference of [legacyPageKey(tracked), tracked, server.url('/dir/')]) {
      const history = await run(legacyRoot, 'history', reference, '--json');
      expect(history.code, `${reference}: ${history.stderr}`).toBe(0);
      expect(JSON.parse(history.stdout).checks).toHaveLength(2);
    }
  });

  it('keeps finding and appending to a page filed under its final URL while it states a canonical one', async () => {
    const legacyRoot = join(mkdtempSync(join(tmpdir(), 'clipfile-legacy-')), 'archive');
    await archiveFilesInProcess(legacyRoot, [server.url('/amp/wide')]);
    const oldFolder = await asEarlierClipfileWroteIt(legacyRoot, server.url('/amp/wide'));

    const again = await run(legacyRoot, 'archive', server.url('/amp/wide'), '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', key: legacyPageKey(server.url('/amp/wide')) });
    expect(pageDirs(legacyRoot)).toEqual([oldFolder]);
    expect(await run(legacyRoot, 'show', server.url('/wide'))).toMatchObject({ code: 0 });
  });
});

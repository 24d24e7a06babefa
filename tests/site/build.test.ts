/**
 * Building the site from a real archive (the archive pipeline in this process, real folders
 * and index.db): what a build writes, that a rebuild renders only the pages whose snapshots
 * changed and drops the pages gone from the archive, and that clipfile never writes into a
 * folder it did not make.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { archiveSource } from '../../src/pipeline.js';
import { SITE_STATE, buildSite } from '../../src/site/build.js';
import { sitePaths } from '../../src/site/pages/layout.js';
import { searchSite } from '../../src/site/search-index.js';
import { runCli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { embedsUrl, hostilePath, hostileUrl, seedUrl } from '../helpers/site.js';

let root: string;
let archive: Archive;
let out: string;

async function archiveFile(file: string, url: string): Promise<{ key: string; snapshotPath: string }> {
  return archiveSource(file, { fetch: { pageUrl: url }, warc: false }, archive);
}

/** What the index page's search finds: the site's own search scripts run over its files. */
async function searchKeys(words: string): Promise<string[]> {
  return (await searchSite(out, words)).results.map((hit) => hit.key);
}

function mtime(path: string): number {
  return statSync(join(out, path)).mtimeMs;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'clipfile-site-build-'));
  archive = new Archive(join(root, 'archive'));
  out = join(root, 'archive', 'site');
});

afterEach(() => {
  archive.close();
  rmSync(root, { recursive: true, force: true });
});

describe('buildSite', () => {
  it('writes one page and one history per article, the index, the speakers and the search files', async () => {
    const seed = await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    const hostile = await archiveFile(hostilePath, hostileUrl);
    const result = await buildSite(archive, out);
    expect(result).toMatchObject({ pages: 2, rendered: 2, removed: 0, skipped: [] });
    for (const key of [seed.key, hostile.key]) {
      expect(existsSync(join(out, sitePaths.article(key)))).toBe(true);
      expect(existsSync(join(out, sitePaths.history(key)))).toBe(true);
    }
    for (const file of ['index.html', 'speakers.html', 'assets/site.css', 'assets/search.js', 'assets/search-engine.js', 'search/core.js', 'search/delta.js']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(existsSync(join(out, sitePaths.speaker('Gulmurod Khalimov')))).toBe(true);
    expect(await searchKeys('sharia')).toEqual([seed.key]);
    // The archive's own commands still see the archive only (the site folder is not a host).
    expect(archive.index().listPages().map((p) => p.key).sort()).toEqual([seed.key, hostile.key].sort());
  });

  it('rebuilds only the page with a new snapshot, and its history shows the change', async () => {
    const seed = await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    const other = await archiveFile(fixturePath('embed-kinds'), embedsUrl);
    await buildSite(archive, out);
    const untouched = mtime(sitePaths.article(other.key));
    const reworded = join(root, 'reworded.html');
    writeFileSync(reworded, readFileSync(fixturePath('seed-tajik-commander'), 'utf8').replace('reestablish sharia law', 'reestablish zanzibarite law'));
    await new Promise((done) => setTimeout(done, 20));
    await archiveFile(reworded, seedUrl);

    const again = await buildSite(archive, out);
    expect(again).toMatchObject({ pages: 2, rendered: 1, removed: 0 });
    expect(mtime(sitePaths.article(other.key))).toBe(untouched);
    const history = readFileSync(join(out, sitePaths.history(seed.key)), 'utf8');
    expect(history).toContain('<del>sharia</del>');
    expect(history).toContain('<ins>zanzibarite</ins>');
    expect(await searchKeys('zanzibarite')).toEqual([seed.key]);
    expect(await searchKeys('sharia')).toEqual([]);

    expect(await buildSite(archive, out)).toMatchObject({ pages: 2, rendered: 0 });
  });

  it('drops the files, search entries and speakers of a page no longer in the archive', async () => {
    const seed = await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    const other = await archiveFile(fixturePath('embed-kinds'), embedsUrl);
    await buildSite(archive, out);
    rmSync(join(archive.root, seed.snapshotPath, '..'), { recursive: true });
    archive.close();
    archive = new Archive(join(root, 'archive'));

    expect(await buildSite(archive, out)).toMatchObject({ pages: 1, rendered: 0, removed: 1 });
    expect(existsSync(join(out, sitePaths.article(seed.key)))).toBe(false);
    expect(existsSync(join(out, sitePaths.history(seed.key)))).toBe(false);
    expect(existsSync(join(out, sitePaths.speaker('Gulmurod Khalimov')))).toBe(false);
    expect(readFileSync(join(out, 'speakers.html'), 'utf8')).not.toContain('Khalimov');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain(seed.key);
    expect(await searchKeys('sharia')).toEqual([]);
    expect(existsSync(join(out, sitePaths.article(other.key)))).toBe(true);
  });

  it('builds everything again when the search state is gone', async () => {
    await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    await buildSite(archive, out);
    rmSync(join(out, SITE_STATE.searchMain));
    expect(await buildSite(archive, out)).toMatchObject({ pages: 1, rendered: 1 });
    expect(await searchKeys('sharia')).toHaveLength(1);
  });
});

describe('clipfile site', () => {
  it('refuses a folder it did not build, with one line naming it, and leaves it as it was', async () => {
    await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    archive.close();
    const mine = join(root, 'my-notes');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.md'), 'chapter one');
    const result = await runCli(['site', '-o', join(root, 'archive'), '--out', mine]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `error ${mine}: ${mine} is not empty and was not built by clipfile site; choose an empty or new folder`,
    ]);
    expect(readFileSync(join(mine, 'thesis.md'), 'utf8')).toBe('chapter one');
    expect(existsSync(join(mine, 'index.html'))).toBe(false);
  });

  it('says where the site is, and what it built', async () => {
    await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    archive.close();
    const result = await runCli(['site', '-o', join(root, 'archive')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^site of 1 page in ${join(root, 'archive', 'site', 'index.html')}: 1 built, 0 unchanged, 0 removed, 1 speaker in [0-9.]+ s\\n$`));
    expect(result.stdout).toBe('');
  });

  it('fails with one line when there is no archive', async () => {
    const result = await runCli(['site', '-o', join(root, 'nothing')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error ${join(root, 'nothing')}: no archive here (archive a page first, or name one with -o DIR)\n`);
  });
});

/**
 * Building the site from a real archive (the archive pipeline in this process, real folders
 * and index.db): what a build writes, that a rebuild renders only the pages whose snapshots
 * changed and drops the pages gone from the archive, and that clipfile never writes into a
 * folder it did not make.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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

/** Every file of the site, relative to it. */
function siteFiles(dir = out): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? siteFiles(join(dir, entry.name)) : [relative(out, join(dir, entry.name))],
  );
}

/** Sets every file of the site back to 2001, so a build's writes show in their times. */
function ageSiteFiles(): void {
  const old = new Date('2001-01-01T00:00:00Z');
  for (const file of siteFiles()) utimesSync(join(out, file), old, old);
}

/** Files written since ageSiteFiles (or new). */
function writtenSinceAged(): string[] {
  return siteFiles().filter((file) => statSync(join(out, file)).mtimeMs > Date.UTC(2002, 0, 1)).sort();
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

  it('a rebuild after a new snapshot writes only that page, the listings it changes and the search delta', async () => {
    const seed = await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    const other = await archiveFile(fixturePath('embed-kinds'), embedsUrl);
    const hostile = await archiveFile(hostilePath, hostileUrl);
    expect(await buildSite(archive, out)).toMatchObject({ pages: 3, rendered: 3 });
    const mainIndex = siteFiles().filter((file) => /^search\/(?:core|s-[0-9a-f]{3}|docs-\d+)\.js$/.test(file));
    expect(mainIndex.length).toBeGreaterThan(10);
    ageSiteFiles();
    // Nothing changed: nothing is written but the build's own state.
    expect(await buildSite(archive, out)).toMatchObject({ pages: 3, rendered: 0 });
    expect(writtenSinceAged().filter((file) => !file.startsWith('.clipfile-site/'))).toEqual([]);

    const reworded = join(root, 'reworded.html');
    writeFileSync(reworded, readFileSync(fixturePath('seed-tajik-commander'), 'utf8').replace('reestablish sharia law', 'reestablish zanzibarite law'));
    await archiveFile(reworded, seedUrl);
    expect(await buildSite(archive, out)).toMatchObject({ pages: 3, rendered: 1 });
    const written = writtenSinceAged();
    expect(written).toContain(sitePaths.article(seed.key));
    expect(written).toContain(sitePaths.history(seed.key));
    expect(written).toContain('search/delta.js');
    expect(written).toContain(SITE_STATE.manifest);
    for (const file of written) {
      // The seed's pages, the first listing (the seed is now the newest capture), the seed's
      // site and author listings, the search delta and its shards, the build state, and the
      // page of Khalimov, whose quotation held the reworded words: nothing else.
      if (file === sitePaths.speaker('Gulmurod Khalimov')) continue;
      expect(file).toMatch(new RegExp(`^(?:articles/${seed.key}(?:\\.history)?\\.html|index\\.html|(?:sites|authors)/[0-9a-f]{16}\\.html|search/(?:delta|d-[0-9a-f]{3})\\.js|\\.clipfile-site/.*)$`));
    }
    expect(readFileSync(join(out, sitePaths.speaker('Gulmurod Khalimov')), 'utf8')).toContain('zanzibarite');
    for (const file of [sitePaths.article(other.key), sitePaths.article(hostile.key), sitePaths.history(other.key), 'speakers.html', 'assets/site.css', ...mainIndex]) {
      expect(written).not.toContain(file);
    }
    expect(await searchKeys('zanzibarite')).toEqual([seed.key]);
    expect(await searchKeys('sharia')).toEqual([]);
  });

  it('renders on worker threads the same files as in one thread', async () => {
    await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    await archiveFile(fixturePath('embed-kinds'), embedsUrl);
    await archiveFile(hostilePath, hostileUrl);
    expect(await buildSite(archive, out, { workersFrom: 1 })).toMatchObject({ pages: 3, rendered: 3, skipped: [] });
    const pooled = new Map(siteFiles().filter((file) => !/^(?:search|\.clipfile-site)\//.test(file)).map((file) => [file, readFileSync(join(out, file), 'utf8')]));
    const single = join(root, 'single');
    await buildSite(archive, single, { workersFrom: Infinity });
    for (const [file, content] of pooled) expect(readFileSync(join(single, file), 'utf8'), file).toBe(content);
    expect(pooled.size).toBeGreaterThan(10);
    expect(await searchKeys('sharia')).toHaveLength(1);
  });

  it('splits the index into listing pages, with a listing for each site and author', async () => {
    const seed = await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    await archiveFile(fixturePath('embed-kinds'), embedsUrl);
    await buildSite(archive, out);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const siteListing = sitePaths.listing('site', 'The Daily Sentinel', 1);
    const authorListing = sitePaths.listing('author', 'Adam Farouk', 1);
    expect(index).toContain(`<option value="${siteListing}">The Daily Sentinel</option>`);
    expect(index).toContain(`<option value="${authorListing}">Adam Farouk</option>`);
    expect(index).toContain(`<option value="${sitePaths.speaker('Gulmurod Khalimov')}">Gulmurod Khalimov</option>`);
    for (const listing of [siteListing, authorListing]) {
      const page = readFileSync(join(out, listing), 'utf8');
      expect(page).toContain(`href="../${sitePaths.article(seed.key)}"`);
      expect(page.match(/class="page-item"/g)).toHaveLength(1);
    }
  });

  it('drops the files, search entries and speakers of a page no longer in the archive', async () => {
    const seed = await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    const other = await archiveFile(fixturePath('embed-kinds'), embedsUrl);
    await buildSite(archive, out);
    expect(existsSync(join(out, sitePaths.listing('author', 'Adam Farouk', 1)))).toBe(true);
    rmSync(join(archive.root, seed.snapshotPath, '..'), { recursive: true });
    archive.close();
    archive = new Archive(join(root, 'archive'));

    expect(await buildSite(archive, out)).toMatchObject({ pages: 1, rendered: 0, removed: 1 });
    expect(existsSync(join(out, sitePaths.article(seed.key)))).toBe(false);
    expect(existsSync(join(out, sitePaths.history(seed.key)))).toBe(false);
    expect(existsSync(join(out, sitePaths.speaker('Gulmurod Khalimov')))).toBe(false);
    expect(existsSync(join(out, sitePaths.listing('author', 'Adam Farouk', 1)))).toBe(false);
    expect(existsSync(join(out, sitePaths.listing('site', 'The Daily Sentinel', 1)))).toBe(false);
    expect(readFileSync(join(out, 'speakers.html'), 'utf8')).not.toContain('Khalimov');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain(seed.key);
    expect(await searchKeys('sharia')).toEqual([]);
    expect(existsSync(join(out, sitePaths.article(other.key)))).toBe(true);
  });

  it("leaves out, with its reason, a built page whose snapshot lost its article.json by hand (no page folder changed)", async () => {
    const seed = await archiveFile(fixturePath('seed-tajik-commander'), seedUrl);
    const other = await archiveFile(fixturePath('embed-kinds'), embedsUrl);
    await buildSite(archive, out);
    rmSync(join(archive.root, seed.snapshotPath, 'article.json'));
    archive.close();
    archive = new Archive(join(root, 'archive'));

    const result = await buildSite(archive, out);
    expect(result).toMatchObject({ rendered: 0, skipped: [{ key: seed.key }] });
    expect(result.skipped[0]!.reason).toContain(seed.snapshotPath);
    expect(existsSync(join(out, sitePaths.article(seed.key)))).toBe(false);
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

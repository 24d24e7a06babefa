/**
 * `clipfile site` (src/cli/site.ts), run in this process on a real archive: what it says it
 * built (a line for people, one JSON line for scripts), where the site goes by default, a page
 * left out (a warning and exit 1), and a folder it must not write into (one line, exit 1).
 * The site itself is tested in tests/site/; the CLI binary's start in tests/site/build.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { siteCommand } from '../../src/cli/site.js';
import { siteArchive, type SiteArchive } from '../helpers/site-archive.js';

let site: SiteArchive;
beforeAll(() => {
  site = siteArchive();
  site.archive.close();
});

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs `clipfile site ARGS` in this process: its stdout, stderr and exit code. */
async function runSite(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await siteCommand().parseAsync(['node', 'site', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, stderr, code };
}

describe('clipfile site', () => {
  it('builds into the archive’s site/ folder by default and says what it built, then that nothing changed', async () => {
    const first = await runSite(['-o', site.root]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(new RegExp(`^site of 2 pages in ${join(site.root, 'site', 'index.html')}: 2 built, 0 unchanged, 0 removed, 1 speaker in \\d+\\.\\d s\\n$`));
    expect(existsSync(join(site.root, 'site', 'index.html'))).toBe(true);

    const again = await runSite(['-o', site.root]);
    expect(again.stderr).toMatch(/: 0 built, 2 unchanged, 0 removed, 1 speaker in /);
  });

  it('--json prints one line with the build’s counts, the index page and the seconds, and nothing on stderr', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'clipfile-cli-site-')), 'public');
    const { stdout, stderr, code } = await runSite(['-o', site.root, '--out', out, '--json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n')).toHaveLength(2);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ out, pages: 2, rendered: 2, removed: 0, speakers: 1, skipped: [], index: join(out, 'index.html') });
    expect(typeof result.seconds).toBe('number');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('refuses a folder it did not build, in one line naming it, and writes nothing there', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clipfile-cli-site-'));
    mkdirSync(join(out, 'photos'));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const { stdout, stderr, code } = await runSite(['-o', site.root, '--out', out, '--json']);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe(`error ${out}: ${out} is not empty and was not built by clipfile site; choose an empty or new folder\n`);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });

  it('fails in one line when there is no archive', async () => {
    const missing = join(tmpdir(), 'clipfile-no-archive-here');
    const { stderr, code } = await runSite(['-o', missing]);
    expect(code).toBe(1);
    expect(stderr).toBe(`error ${missing}: no archive here (archive a page first, or name one with -o DIR)\n`);
  });
  it('leaves out a page whose snapshot cannot be read, with a warning naming it, and exits 1', async () => {
    // Last: it breaks the file's archive. A new site folder, so the page is not one built before.
    const broken = site;
    rmSync(join(broken.root, broken.bridge.snapshotPath, 'article.json'));
    const out = join(mkdtempSync(join(tmpdir(), 'clipfile-cli-site-')), 'fresh');
    const { stderr, code } = await runSite(['-o', broken.root, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toContain(`warning page ${broken.bridge.key} left out of the site: snapshot ${broken.bridge.snapshotPath} could not be read\n`);
    expect(stderr).toMatch(/site of 1 page in .*: 1 built, 0 unchanged, 0 removed, 1 speaker in /);
  });
});

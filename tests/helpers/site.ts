import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { archiveFilesInProcess } from './archive-in-process.js';
import { repoRoot, runCli } from './cli.js';
import { fixturePages, fixturePath, fixturesDir } from './fixtures.js';
import { findChromium, INSTALL_HINT, launchChromium as launchRenderBrowser } from '../../src/render/browser.js';
import type { SiteBuildResult } from '../../src/site/build.js';

export const seedUrl = fixturePages['seed-tajik-commander']!.url;
export const hostileUrl = 'https://harbourgazette.example/2024/11/ferry-vote';
export const hostilePath = resolve(fixturesDir, 'site', 'hostile-story.html');
export const embedsUrl = fixturePages['embed-kinds']!.url;

/** Where browser tests keep their screenshots (gitignored). */
export const artifactsDir = resolve(repoRoot, 'test-artifacts', 'site');

/** The global the hostile fixture's scripts and handlers would set, had any of them run. */
export const HOSTILE_MARKER = '__clipfileHostileRan';

/**
 * Archives files as `clipfile archive` does with a "FILE URL" line each, in this process: the
 * site is the subject, and the CLI run that archives a page is tested in tests/cli/.
 */
async function archiveFiles(archive: string, files: [file: string, url: string][]): Promise<void> {
  const results = await archiveFilesInProcess(archive, files);
  expect(results.map((result) => result.status)).toEqual(files.map(() => 'archived'));
}

/**
 * An archive, as the CLI writes it, of fixture pages: the seed article, a hostile page and the
 * page of embedded posts.
 */
export async function fixtureArchive(): Promise<string> {
  const archive = mkdtempSync(join(tmpdir(), 'clipfile-site-'));
  await archiveFiles(archive, [
    [fixturePath('seed-tajik-commander'), seedUrl],
    [hostilePath, hostileUrl],
    [fixturePath('embed-kinds'), embedsUrl],
  ]);
  return archive;
}

/** A second snapshot of the seed article: a sentence and the headline reworded, so its history has a diff. */
export async function archiveRewordedSeed(archive: string): Promise<void> {
  const reworded = join(archive, '..', `seed-reworded-${process.pid}.html`);
  writeFileSync(
    reworded,
    readFileSync(fixturePath('seed-tajik-commander'), 'utf8')
      .replaceAll('defects to Islamic State', 'defects to IS, officials confirm')
      .replace('A total number of 200-500 estimated Tajiks', 'As many as 500 Tajiks'),
  );
  await archiveFiles(archive, [[reworded, seedUrl]]);
}

/** What `clipfile site --json` prints: the build's result. */
export type SiteBuildJson = SiteBuildResult;

export async function buildSiteWithCli(archive: string, out?: string): Promise<SiteBuildJson> {
  const result = await runCli(['site', '-o', archive, '--json', ...(out ? ['--out', out] : [])]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as SiteBuildJson;
}

/**
 * The Chromium clipfile renders with (src/render/browser.ts: $CLIPFILE_CHROMIUM, Debian's
 * headless shell, /usr/bin/chromium, Playwright's own), launched with the team's flags; fails
 * (never skips) when there is none.
 */
export function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if (!found) throw new Error(`the browser tests need Chromium: ${INSTALL_HINT}`);
  return launchRenderBrowser(found.path);
}

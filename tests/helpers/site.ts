import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot, runCli } from './cli.js';
import { fixturePages, fixturePath, fixturesDir } from './fixtures.js';

export const seedUrl = fixturePages['seed-tajik-commander']!.url;
export const hostileUrl = 'https://harbourgazette.example/2024/11/ferry-vote';
export const hostilePath = resolve(fixturesDir, 'site', 'hostile-story.html');
export const embedsUrl = fixturePages['embed-kinds']!.url;

/** Where browser tests keep their screenshots (gitignored). */
export const artifactsDir = resolve(repoRoot, 'test-artifacts', 'site');

/** The global the hostile fixture's scripts and handlers would set, had any of them run. */
export const HOSTILE_MARKER = '__clipfileHostileRan';

async function archiveFile(archive: string, file: string, url: string): Promise<void> {
  const result = await runCli(['archive', file, '--url', url, '-o', archive, '--json']);
  expect(result.code, result.stderr).toBe(0);
}

/**
 * An archive made by the real CLI from fixture pages: the seed article (twice: the second
 * snapshot rewords a sentence and the headline, so its history has a diff), a hostile page
 * and the page of embedded posts.
 */
export async function fixtureArchive(): Promise<string> {
  const archive = mkdtempSync(join(tmpdir(), 'clipfile-site-'));
  const seed = fixturePath('seed-tajik-commander');
  await archiveFile(archive, seed, seedUrl);
  const reworded = join(archive, '..', `seed-reworded-${process.pid}.html`);
  writeFileSync(
    reworded,
    readFileSync(seed, 'utf8')
      .replaceAll('defects to Islamic State', 'defects to IS, officials confirm')
      .replace('A total number of 200-500 estimated Tajiks', 'As many as 500 Tajiks'),
  );
  await archiveFile(archive, reworded, seedUrl);
  await archiveFile(archive, hostilePath, hostileUrl);
  await archiveFile(archive, fixturePath('embed-kinds'), embedsUrl);
  return archive;
}

export interface SiteBuildJson {
  out: string;
  pages: number;
  rendered: number;
  removed: number;
  speakers: number;
  skipped: { key: string; reason: string }[];
}

export async function buildSiteWithCli(archive: string, out?: string): Promise<SiteBuildJson> {
  const result = await runCli(['site', '-o', archive, '--json', ...(out ? ['--out', out] : [])]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as SiteBuildJson;
}

/** Debian's Chromium, headless, as the team runs it; fails (never skips) when it is missing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

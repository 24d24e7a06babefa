import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveFilesInProcess } from '../helpers/archive-in-process.js';
import { repoRoot, runCli } from '../helpers/cli.js';

// One person under three forms in three articles ("Helena Marsh"; "Marsh" with "she"; "Mrs.
// Marsh"), and a namesake under a fourth ("Victor Marsh", "he"), on two sites.
const PAGES = [
  ['water-board-full', 'https://news.example.com/2024/01/water-board-full'],
  ['water-prices', 'https://news.example.com/2024/02/water-prices'],
  ['bills-promise', 'https://daily.example.org/2024/03/bills-promise'],
  ['farmer-rain', 'https://daily.example.org/2024/04/farmer-rain'],
] as const;

const archive = join(mkdtempSync(join(tmpdir(), 'clipfile-speakers-')), 'archive');

interface Identity {
  name: string;
  names: string[];
  quotations: number;
  articles: number;
}

const jsonLines = <T>(stdout: string): T[] => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);

// Written in this process as `clipfile archive` writes it: `speakers` and `quotes` are the subject.
beforeAll(async () => {
  await archiveFilesInProcess(archive, PAGES.map(([name, url]) => [resolve(repoRoot, 'fixtures/speakers', `${name}.html`), url] as const));
});

describe('clipfile speakers', () => {
  it('lists one speaker for the three forms of one person, and the namesake apart, with counts and names', async () => {
    const result = await runCli(['speakers', '-o', archive, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines<Identity>(result.stdout)).toEqual([
      { name: 'Helena Marsh', names: ['Helena Marsh', 'Marsh', 'Mrs. Marsh'], quotations: 5, articles: 3 },
      { name: 'Victor Marsh', names: ['Victor Marsh'], quotations: 2, articles: 1 },
    ]);
  });

  it('prints a line per speaker for people', async () => {
    const result = await runCli(['speakers', '-o', archive]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Helena Marsh  5 quotations in 3 articles  (as Helena Marsh, Marsh, Mrs. Marsh)\nVictor Marsh  2 quotations in 1 article\n',
    );
  });

  it('--site and --since count only the quotations they keep, still merged over the whole archive', async () => {
    const site = await runCli(['speakers', '-o', archive, '--json', '--site', 'daily.example.org']);
    expect(jsonLines<Identity>(site.stdout).map((s) => [s.name, s.quotations, s.articles])).toEqual([
      ['Victor Marsh', 2, 1],
      ['Helena Marsh', 1, 1],
    ]);
    const since = await runCli(['speakers', '-o', archive, '--json', '--since', '2024-02-01']);
    expect(jsonLines<Identity>(since.stdout).map((s) => [s.name, s.quotations, s.articles])).toEqual([
      ['Helena Marsh', 3, 2],
      ['Victor Marsh', 2, 1],
    ]);
  });

  it('refuses a --since that is not a date, with exit 2', async () => {
    const result = await runCli(['speakers', '-o', archive, '--since', 'last week']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since.*YYYY-MM-DD/);
  });
});

describe('quotes --speaker uses the merged speakers', () => {
  it('finds every quotation of the person asked for, under any of her forms, and none of the namesake', async () => {
    const result = await runCli(['quotes', '--speaker', 'Helena Marsh', '-o', archive, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = jsonLines<{ speaker: string; speakerMention: string; url: string }>(result.stdout);
    expect(rows.map((r) => r.url)).toEqual([PAGES[2][1], PAGES[1][1], PAGES[1][1], PAGES[0][1], PAGES[0][1]]);
    expect(new Set(rows.map((r) => r.speakerMention))).toEqual(new Set(['Mrs. Marsh', 'Marsh', 'she']));
  });

  it('a surname alone still finds both people', async () => {
    const result = await runCli(['quotes', '--speaker', 'marsh', '-o', archive, '--json']);
    expect(jsonLines(result.stdout)).toHaveLength(7);
  });
});

describe('search speaker: uses the merged speakers', () => {
  it('finds the pages quoting the person under any of her forms, not the namesake’s', async () => {
    const result = await runCli(['search', 'speaker:"Helena Marsh"', '-o', archive, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const urls = jsonLines<{ url: string }>(result.stdout).map((hit) => hit.url).sort();
    expect(urls).toEqual([PAGES[2][1], PAGES[0][1], PAGES[1][1]].sort());
  });

  it('keeps the other words of the query: the pages about bills among hers', async () => {
    const result = await runCli(['search', 'speaker:"Helena Marsh" bills', '-o', archive, '--json']);
    const urls = jsonLines<{ url: string }>(result.stdout).map((hit) => hit.url).sort();
    expect(urls).toEqual([PAGES[2][1], PAGES[1][1]].sort());
    const namesake = await runCli(['search', 'speaker:"Victor Marsh"', '-o', archive, '--json']);
    expect(jsonLines<{ url: string }>(namesake.stdout).map((hit) => hit.url)).toEqual([PAGES[3][1]]);
  });
});

describe('a speaker guessed from the passage', () => {
  // One quotation the text attributes and one it does not, which clipfile gives, as a guess, to
  // the person the passage is about.
  const page = resolve(repoRoot, 'fixtures/speakers/night-talks.html');
  const guessArchive = join(mkdtempSync(join(tmpdir(), 'clipfile-guessed-')), 'archive');

  it('is marked as a guess where people read it, and never counted by speakers', async () => {
    const shown = await runCli(['quotes', page]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Oskar Lindqvist {2}\(said\)\n {4}“We will hold the line/);
    expect(shown.stdout).toMatch(/\nOskar Lindqvist {2}\(speaker guessed from the passage\)\n {4}“Nobody will leave this room/);

    const [archived] = await archiveFilesInProcess(guessArchive, [[page, 'https://harbour.example.net/2024/05/night-talks', 'option']]);
    expect(archived!.status).toBe('archived');
    const listed = await runCli(['speakers', '-o', guessArchive, '--json']);
    expect(jsonLines<Identity>(listed.stdout)).toEqual([{ name: 'Oskar Lindqvist', names: ['Oskar Lindqvist'], quotations: 1, articles: 1 }]);
    const csv = await runCli(['quotes', '-o', guessArchive, '--speaker', 'Lindqvist', '--csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.trim().split(/\r?\n/).map((line) => line.split(',').at(-1))).toEqual(['speaker_guessed', 'no', 'yes']);
  });
});

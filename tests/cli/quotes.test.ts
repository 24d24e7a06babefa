import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsvStrictly } from 'csv-parse/sync';
import { archiveFilesInProcess } from '../helpers/archive-in-process.js';
import { repoRoot, runCli, runCliOnTerminal } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'clipfile-quotes-'));
const quotesFixture = (name: string) => resolve(repoRoot, 'fixtures/quotes', `${name}.html`);
const SEED_URL = 'https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/';
const COUNCIL_URL = 'https://city.example.org/news/council-budget';
const LIBRARY_URL = 'https://city.example.org/news/libraries-reopen';

/** Parses RFC 4180 CSV (quoted fields with doubled quotes, CRLF rows). */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('clipfile quotes SOURCE', () => {
  it('prints the article’s quotations speaker first', async () => {
    const result = await runCli(['quotes', fixturePath('seed-tajik-commander'), '--url', SEED_URL]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Gulmurod Khalimov {2}\(as “Khalimov”, says\)\n {4}“Listen, you dogs, /);
    expect(result.stdout).toMatch(/\nGulmurod Khalimov {2}\(as “he”, said\)\n {4}“Listen, you American pigs, /);
    expect(result.stderr).toBe('');
  });

  it('gives scripts one JSON object per source with the quotations', async () => {
    const result = await runCli(['quotes', fixturePath('seed-tajik-commander'), '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!);
    expect(parsed.title).toBe('U.S-trained Tajik special forces commander defects to Islamic State');
    expect(parsed.quotes).toHaveLength(2);
    expect(parsed.quotes.map((q: { speaker: string }) => q.speaker)).toEqual(['Gulmurod Khalimov', 'Gulmurod Khalimov']);
    expect(Object.keys(parsed.quotes[0]).sort()).toEqual(
      ['confidence', 'cue', 'end', 'paragraph', 'partial', 'pieces', 'speaker', 'speakerMention', 'speakerRole', 'start', 'text'].sort(),
    );
  });

  it('reads stdin with -, and filters by --speaker', async () => {
    const html = readFileSync(quotesFixture('council-2024'), 'utf8');
    const result = await runCli(['quotes', '-', '--speaker', 'haddad', '--json'], { input: html });
    expect(result.code).toBe(0);
    const { quotes } = JSON.parse(result.stdout);
    expect(quotes).toEqual([expect.objectContaining({ speaker: 'Omar Haddad', text: 'a quiet dismantling of the city', partial: true })]);
  });

  it('fails with a one-line error for a missing file, and is a usage error with nothing to read', async () => {
    const missing = await runCli(['quotes', join(scratch(), 'nope.html')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const nothing = await runCli(['quotes']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/name a source .* or a speaker/);
  });
});

describe('quotations across the archive', () => {
  const dir = scratch();
  const archive = join(dir, 'archive');

  // The archive is written in this process as `clipfile archive` writes it: `quotes` is the subject.
  beforeAll(async () => {
    await archiveFilesInProcess(archive, [
      [fixturePath('seed-tajik-commander'), SEED_URL],
      [quotesFixture('council-2024'), COUNCIL_URL],
      [quotesFixture('council-2025'), LIBRARY_URL],
    ]);
    // A second, changed snapshot of the council page: Vint's first quotation reworded.
    const changed = join(dir, 'council-changed.html');
    writeFileSync(
      changed,
      readFileSync(quotesFixture('council-2024'), 'utf8').replace(
        'This budget protects the services people rely on every day',
        'This budget protects the services our residents rely on',
      ),
    );
    const [second] = await archiveFilesInProcess(archive, [[changed, COUNCIL_URL, 'option']]);
    expect(second!.status).toBe('archived');
  });

  it('lists a speaker’s quotations newest article first, with title, date and URL', async () => {
    const result = await runCli(['quotes', '--speaker', 'Vint', '-o', archive]);
    expect(result.code).toBe(0);
    const first = result.stdout.indexOf('I said we would find a way');
    const second = result.stdout.indexOf('This budget protects the services our residents rely on');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(result.stdout).toContain('Libraries reopen a year after the budget fight, 2025-04-10\n    https://city.example.org/news/libraries-reopen');
    expect(result.stdout).toContain('Council approves new budget after long debate, 2024-03-05\n    https://city.example.org/news/council-budget');
    // The latest snapshot of each page only: the reworded quotation, not the old one.
    expect(result.stdout).not.toContain('people rely on every day');
    expect(result.stdout).not.toContain('Khalimov');
  });

  it('--all-snapshots includes the earlier snapshots; --json gives one object per quotation', async () => {
    const result = await runCli(['quotes', '--speaker', 'rosa vint', '-o', archive, '--all-snapshots', '--json']);
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        'This budget protects the services people rely on every day,',
        'This budget protects the services our residents rely on,',
      ]),
    );
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ speaker: 'Rosa Vint', url: LIBRARY_URL, publishedTime: '2025-04-10T09:30:00.000Z' });
    expect(rows.every((r) => r.speaker === 'Rosa Vint')).toBe(true);
  });

  it('writes CSV for spreadsheets, quoting fields that hold commas and quotation marks', async () => {
    const result = await runCli(['quotes', '--speaker', 'Khalimov', '-o', archive, '--csv']);
    expect(result.code).toBe(0);
    const rows = parseCsv(result.stdout);
    expect(rows[0]).toEqual(['speaker', 'speaker_mention', 'quote', 'cue', 'partial', 'confidence', 'title', 'date', 'url', 'snapshot', 'speaker_guessed']);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 5)).toEqual([
      'Gulmurod Khalimov',
      'Khalimov',
      'Listen, you dogs, the president and ministers, if only you knew how many boys, our brothers are here, waiting and yearning to return to reestablish sharia law there.',
      'says',
      'no',
    ]);
    expect(rows[2]![1]).toBe('he');
    expect(rows[1]!.slice(6, 9)).toEqual(['U.S-trained Tajik special forces commander defects to Islamic State', '2015-05-29', SEED_URL]);
  });

  it('says so when nobody by that name is quoted', async () => {
    const result = await runCli(['quotes', '--speaker', 'Nobody Known', '-o', archive]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no quotations by Nobody Known/);
  });

  it('search speaker:NAME keeps the pages quoting that speaker; other words search the page', async () => {
    const khalimov = await runCli(['search', 'speaker:Khalimov sharia', '-o', archive, '--json']);
    expect(khalimov.code).toBe(0);
    const hits = khalimov.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(hits.map((h) => h.url)).toEqual([SEED_URL]);
    expect(hits[0].snippet).toContain('**sharia**');

    const vint = await runCli(['search', 'speaker:"Rosa Vint"', '-o', archive, '--json']);
    expect(vint.stdout.trim().split('\n').map((line) => JSON.parse(line).url).sort()).toEqual([COUNCIL_URL, LIBRARY_URL]);

    // Haddad is quoted on both council pages, but only one mentions libraries being closed last spring.
    const both = await runCli(['search', 'speaker:Haddad spring', '-o', archive, '--json']);
    expect(both.stdout.trim().split('\n').map((line) => JSON.parse(line).url)).toEqual([LIBRARY_URL]);

    // Vint is quoted, but not on a page about sharia.
    const none = await runCli(['search', 'speaker:Vint sharia', '-o', archive]);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
  });

  it('rebuilds the quotations with reindex', async () => {
    expect((await runCli(['reindex', '-o', archive])).code).toBe(0);
    const result = await runCli(['quotes', '--speaker', 'Haddad', '-o', archive, '--json']);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('a page that carries escape sequences and spreadsheet formulas', () => {
  const hostile = quotesFixture('hostile-council');
  const HOSTILE_URL = 'https://city.example.org/news/flood-plan';
  /** C0 controls but line feed and carriage return, DEL, C1, bidi controls: none may reach a terminal. */
  const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('shows the quotations with their escapes made visible, on a terminal and in a pipe', async () => {
    for (const result of [
      await runCli(['quotes', hostile, '--url', HOSTILE_URL]),
      await runCliOnTerminal(['quotes', hostile, '--url', HOSTILE_URL]),
    ]) {
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(TERMINAL_UNSAFE);
      expect(result.stdout).toContain('“The river will rise again\\x1b[2J\\x1b]0;owned\\x07 and we must be ready');
    }
    // JSON stays exact.
    const json = await runCli(['quotes', hostile, '--url', HOSTILE_URL, '--json']);
    expect(JSON.parse(json.stdout).quotes[0].text).toContain('again\u001b[2J\u001b]0;owned\u0007 and');
  });

  it('--csv writes formula-looking cells with a leading apostrophe, so a spreadsheet shows them as text', async () => {
    const result = await runCli(['quotes', hostile, '--url', HOSTILE_URL, '--csv']);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\r\n')).toBe(true);
    const rows = parseCsvStrictly(result.stdout, { record_delimiter: '\r\n' }) as string[][];
    expect(rows).toHaveLength(3);
    const title = '\'=HYPERLINK("http://evil.example/","Flood plan")';
    expect(rows.slice(1).map((row) => [row[0], row[6]])).toEqual([
      ['Ana Ruiz', title],
      ['Ben Ortiz', title],
    ]);
    expect(rows[2]![2]!.startsWith("'-2+3 is what the budget looks like")).toBe(true);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('--speaker says when the page has quotations, only none by that speaker', async () => {
    const result = await runCli(['quotes', hostile, '--speaker', 'Haddad']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`${hostile}: no quotations by Haddad (2 quotations by others; drop --speaker to see them)`);
    const none = await runCli(['quotes', fixturePath('index-page'), '--speaker', 'Haddad']);
    expect(none.stderr.trim()).toMatch(/: no quotations found$/);
  });

  it('--json gives a failed source its row, naming it', async () => {
    const missing = join(scratch(), 'missing.html');
    const result = await runCli(['quotes', hostile, missing, '--json']);
    expect(result.code).toBe(1);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((row) => [row.source, row.status])).toEqual([
      [hostile, 'extracted'],
      [missing, 'failed'],
    ]);
    expect(rows[1]).toEqual({ source: missing, status: 'failed', error: 'file not found', code: 'not-found' });
  });
});

/**
 * `clipfile export` on a real archive (written in this process as `clipfile archive` writes it) of corpus pages (aeb-dev, a fixed
 * slice), the seed fixture (quotations, a tweet) and a page served on 127.0.0.1 whose title is
 * a spreadsheet formula and which changes between two runs (two snapshots). Rows are checked
 * against the archived article.json files, and the CSV read back with csv-parse must equal the
 * JSON lines.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadAebDev } from '../../eval/corpus.js';
import { TABLES, cellFromCsv, type TableName } from '../../src/export/tables.js';
import { archiveFilesInProcess } from '../helpers/archive-in-process.js';
import { runCli } from '../helpers/cli.js';
import { TestServer, html } from '../helpers/server.js';
import { story } from '../helpers/stories.js';

/** How many corpus pages the archive holds: enough for variety, few enough for a quick test. */
const CORPUS_PAGES = 8;
const SEED_URL = 'https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/';
const FORMULA_TITLE = '=HYPERLINK("http://evil.example/x","click, me") and "quotes"';

let server: TestServer;
let root: string;
let work: string;

// Each test runs the CLI several times; a loaded 2-core machine makes a run take seconds.
vi.setConfig({ testTimeout: 150_000 });

beforeAll(async () => {
  server = await TestServer.start();
  work = mkdtempSync(join(tmpdir(), 'clipfile-export-'));
  root = join(work, 'archive');
  // A missing corpus throws here: the suite fails, never skips.
  const pages = loadAebDev().slice(0, CORPUS_PAGES);
  const list = pages.map((page): [string, string] => {
    const file = join(work, `${page.id}.html`);
    writeFileSync(file, page.html);
    return [file, page.url];
  });
  list.push([join(process.cwd(), 'fixtures/pages/seed-tajik-commander.html'), SEED_URL]);
  await archiveFilesInProcess(root, list);

  for (const word of ['first', 'second']) {
    server.route('/formula', html(story({ title: FORMULA_TITLE.replace('quotes', `${word} quotes`), word, published: '2026-11-20T08:00:00Z' })));
    await archiveFilesInProcess(root, [server.url('/formula')]);
  }
}, 240_000);
afterAll(async () => server.close());

type Row = Record<string, string | number | boolean | null>;

async function exportRows(table: TableName, ...args: string[]): Promise<Row[]> {
  const result = await runCli(['export', '--table', table, '-o', root, ...args]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
}

async function exportCsv(table: TableName): Promise<string> {
  const result = await runCli(['export', '--table', table, '--format', 'csv', '-o', root]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** A CSV read back as a program would: typed by the documented columns, formula guards removed. */
function readCsv(table: TableName, text: string): Row[] {
  const records = parseCsv(text, { columns: true, relax_quotes: false }) as Record<string, string>[];
  return records.map((record) =>
    Object.fromEntries(
      TABLES[table].columns.map((column) => {
        const raw = record[column.name]!;
        const unguarded = /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
        return [column.name, cellFromCsv(column.type, unguarded)];
      }),
    ),
  );
}

const articleJson = (path: string) => JSON.parse(readFileSync(join(root, path, 'article.json'), 'utf8'));

describe('export', () => {
  it('articles: one row per page, from its latest snapshot', async () => {
    const rows = await exportRows('articles');
    expect(rows).toHaveLength(CORPUS_PAGES + 2);
    expect(Object.keys(rows[0]!)).toEqual(TABLES.articles.columns.map((column) => column.name));
    for (const row of rows) {
      const article = articleJson(row.path as string);
      expect(row.snapshot_id).toBe(`${row.page_key}@${(row.path as string).split('/').at(-1)}`);
      expect(row).toMatchObject({ title: article.title, word_count: article.wordCount, quotes: article.quotes.length, embeds: article.embeds.length });
    }
    const formula = rows.find((row) => row.url === server.url('/formula'))!;
    expect(formula).toMatchObject({ title: FORMULA_TITLE.replace('quotes', 'second quotes'), snapshots: 2 });
    const seed = rows.find((row) => row.url === SEED_URL)!;
    expect(seed).toMatchObject({ authors: 'Adam Farouk', site_name: 'The Daily Sentinel', published_time: '2015-05-29T08:15:00.000Z', quotes: 2, embeds: 1 });
  });

  it('snapshots, quotes and embeds: one row each, joined by page_key and snapshot_id', async () => {
    const snapshots = await exportRows('snapshots');
    expect(snapshots).toHaveLength(CORPUS_PAGES + 3);
    const formula = snapshots.filter((row) => row.final_url === server.url('/formula'));
    expect(formula.map((row) => row.latest)).toEqual([false, true]);
    expect(formula[0]!.content_sha256).not.toBe(formula[1]!.content_sha256);

    const quotes = await exportRows('quotes');
    const articles = await exportRows('articles');
    const expectedQuotes = articles.reduce((sum, row) => sum + (row.quotes as number), 0);
    expect(quotes).toHaveLength(expectedQuotes);
    const seedKey = articles.find((row) => row.url === SEED_URL)!.page_key;
    const seedQuotes = quotes.filter((row) => row.page_key === seedKey);
    expect(seedQuotes.map((row) => [row.position, row.speaker])).toEqual([
      [0, 'Gulmurod Khalimov'],
      [1, 'Gulmurod Khalimov'],
    ]);
    expect(seedQuotes[0]!.text).toMatch(/^Listen, you dogs/);
    const snapshotIds = new Set(snapshots.map((row) => row.snapshot_id));
    for (const row of quotes) expect(snapshotIds.has(row.snapshot_id as string)).toBe(true);

    const embeds = await exportRows('embeds');
    expect(embeds).toHaveLength(articles.reduce((sum, row) => sum + (row.embeds as number), 0));
    expect(embeds.find((row) => row.page_key === seedKey)).toMatchObject({
      kind: 'tweet',
      post_id: '604022543839940608',
      author_handle: 'Charles_Lister',
    });
  });

  it('CSV read back with csv-parse equals the JSON lines, for every table; a formula title is written as text', async () => {
    for (const table of ['articles', 'snapshots', 'quotes', 'embeds'] as const) {
      const csv = await exportCsv(table);
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(readCsv(table, csv)).toEqual(await exportRows(table));
    }
    const csv = await exportCsv('articles');
    // The cell is quoted (it holds commas and quotes) and starts with the guard, so no spreadsheet runs it.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/x"",""click, me"") and ""second quotes"""`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('--output writes the file whole; --all-snapshots adds the quotes of earlier snapshots', async () => {
    const file = join(work, 'quotes.csv');
    const result = await runCli(['export', '--table', 'quotes', '--format', 'csv', '--output', file, '-o', root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(await exportCsv('quotes'));
    const latest = await exportRows('snapshots');
    const all = await exportRows('quotes', '--all-snapshots');
    const quotesPerSnapshot = latest.reduce((sum, row) => sum + articleJson(row.path as string).quotes.length, 0);
    expect(all).toHaveLength(quotesPerSnapshot);
  });
});

/**
 * The tables alone: a hostile Article (a formula title with quotes, commas and line breaks)
 * becomes CSV that csv-parse reads back to the JSON row, with the formula guarded.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ArchivedArticle } from '../../src/article.js';
import type { CatalogEntry } from '../../src/archive/catalog.js';
import { csvRows } from '../../src/cli/csv.js';
import { TABLES, cellFromCsv, csvCells, jsonRow } from '../../src/export/tables.js';

const TITLE = '=HYPERLINK("http://evil.example","x")\r\nsecond line, with "quotes"\nthird';

function entry(): CatalogEntry & { article: ArchivedArticle } {
  const article = {
    title: TITLE, byline: '@mention', authors: ['A, B', 'C'], siteName: '', section: null, tags: [], lang: 'en', publishedTime: null,
    modifiedTime: null, excerpt: '+1 line\nbreak', image: null, wordCount: 3, confidence: 0.5, readerable: true,
    quotes: [{ text: '-minus\r\nsays', speaker: null, speakerMention: null, cue: null, partial: false, paragraph: 0, start: 0, end: 1, pieces: [], confidence: 0.4 }],
    embeds: [], url: 'https://a.example/', provenance: { fetchedAt: '2026-11-25T20:58:54.000Z' },
  } as unknown as ArchivedArticle;
  return { page: { key: 'abcdef0123', url: 'https://a.example/', host: 'a.example', folder: 'f' }, name: '2026-11-25T20-58-54Z', path: 'a.example/f/2026-11-25T20-58-54Z', fetchedAt: '', latest: true, pageSnapshots: 1, article };
}

describe('tables', () => {
  for (const name of ['articles', 'quotes'] as const) {
    it(`${name}: CSV cells read back equal the JSON row; formula cells start with a guard`, () => {
      const table = TABLES[name];
      const source = entry();
      const rows = table.rowsOf({ entry: source, article: source.article });
      expect(rows).toHaveLength(1);
      const json = jsonRow(table, rows[0]!);
      const text = csvRows([table.columns.map((column) => column.name), ...rows.map(csvCells)]);
      const [record] = parseCsv(text, { columns: true }) as Record<string, string>[];
      const back = Object.fromEntries(
        table.columns.map((column) => {
          const raw = record![column.name]!;
          if (/^[=+\-@\t\r]/.test(raw)) throw new Error(`unguarded formula cell in ${column.name}: ${raw}`);
          return [column.name, cellFromCsv(column.type, /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw)];
        }),
      );
      expect(back).toEqual(json);
    });
  }

  it('an empty string is missing data: null in JSON, an empty CSV cell', () => {
    const source = entry();
    const json = jsonRow(TABLES.articles, TABLES.articles.rowsOf({ entry: source, article: source.article })[0]!);
    expect(json.site_name).toBeNull();
    expect(json.title).toBe(TITLE);
    expect(json.authors).toBe('A, B; C');
  });
});

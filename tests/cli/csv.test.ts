import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRows, neutraliseFormula } from '../../src/cli/csv.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Cells rich in what breaks CSV or spreadsheets: separators, quotes, line breaks, formula starts. */
const cell = fc.string({
  unit: fc.oneof(fc.constantFrom(',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', "'", ' '), fc.string({ unit: 'grapheme', maxLength: 1 })),
  maxLength: 20,
});
const table = fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));

describe('csvRows', () => {
  it('parses back to the same cells (a formula-looking one with a leading apostrophe), none starting a formula', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const csv = csvRows(rows);
        const parsed = parse(csv, { record_delimiter: '\r\n', relax_quotes: false }) as string[][];
        expect(parsed).toEqual(rows.map((row) => row.map((value) => (FORMULA_START.test(value) ? `'${value}` : value))));
        for (const value of parsed.flat()) expect(value).not.toMatch(FORMULA_START);
      }),
      { numRuns: 1000 },
    );
  });

  it('ends every row with CRLF and quotes fields with separators, quotes or line breaks (RFC 4180)', () => {
    expect(csvRows([['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\ronly']])).toBe('a,"b,c","say ""hi""","two\nlines","cr\ronly"\r\n');
    expect(csvRows([['x'], ['y']])).toBe('x\r\ny\r\n');
  });

  it('neutralises the cells spreadsheets run as formulas', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example/","x")')).toBe('\'=HYPERLINK("http://evil.example/","x")');
    expect(['+1', '-1', '@SUM(A1)', '\t=1', '\r=1'].map(neutraliseFormula)).toEqual(["'+1", "'-1", "'@SUM(A1)", "'\t=1", "'\r=1"]);
    expect(neutraliseFormula('plain = text')).toBe('plain = text');
  });
});

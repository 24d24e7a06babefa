/**
 * CSV for spreadsheets (quotes --csv, and later export): RFC 4180 through csv-stringify, CRLF
 * rows, every field with a comma, quotation mark or line break quoted.
 *
 * Page text is hostile: a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return
 * before one) is a formula to Excel, LibreOffice and Google Sheets, which run it on opening
 * (`=HYPERLINK(…)` in a title). Such a cell is written with a leading `'`, which spreadsheets
 * read as "this is text" and do not show; the rest of the cell is exact.
 */
import { stringify } from 'csv-stringify/sync';

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as written: a formula-looking value gets a leading `'`. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Rows of cells as CSV text, each row ending in CRLF. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((row) => row.map(neutraliseFormula)),
    // csv-stringify quotes a lone CR or LF only when asked to: RFC 4180 wants them quoted.
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

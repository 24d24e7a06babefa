/** Dates as pages write them, made ISO 8601 (or null). */
import { collapseSpace } from '../../text/index.js';

export const MONTH_NAME =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?';

const MONTH = new RegExp(`\\b${MONTH_NAME}(?![a-z])`, 'i');

/**
 * Dates come out in one of two ISO 8601 forms:
 * - a date-only input stays date-only ("2024-06-25"; a year or year-month input stays "2024", "2024-06"),
 *   since inventing a midnight in some zone would claim a precision the page never gave;
 * - anything with a time becomes UTC with milliseconds, `Date#toISOString()` ("2021-11-01T09:52:50.000Z"),
 *   so the instant is kept and all outputs compare as strings. A time without a zone is taken as UTC:
 *   the page does not say, and reading it in the machine's zone would make the output depend on
 *   where clipfile runs.
 * Anything that does not parse, or lands outside 1900–2199, gives null.
 */
export function normalizeDate(input: string): string | null {
  const text = collapseSpace(input);
  const reduced = /^(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?$/.exec(text);
  if (reduced) {
    const [, year, month, day] = reduced;
    if (!validDate(Number(year), Number(month ?? 1), Number(day ?? 1))) return null;
    return [year, month?.padStart(2, '0'), day?.padStart(2, '0')].filter(Boolean).join('-');
  }
  const iso =
    /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    if (!validDate(Number(year), Number(month), Number(day))) return null;
    // Truncated to milliseconds, as Date.parse does.
    const millis = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
    if (Number(hour) > 24 || Number(minute) > 59 || Number(second ?? 0) > 60) return null;
    let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0), millis);
    const offset = zone ? /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) : null;
    if (offset) time -= (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * 60_000;
    return inRange(time) ? new Date(time).toISOString() : null;
  }
  // Free text ("March 25, 2015", RFC 2822). Date.parse guesses at anything, so ask for a year
  // and a month name or a numeric day-month before trusting it.
  if (!/\b(?:1[89]|2[01])\d{2}\b/.test(text) || !(MONTH.test(text) || /\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/.test(text))) return null;
  const hasZone = /\b(?:GMT|UTC|UT|Z|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\b/.test(text);
  const time = Date.parse(hasZone ? text : `${text} UTC`);
  if (!inRange(time)) return null;
  const iso8601 = new Date(time).toISOString();
  return /\d:\d{2}/.test(text) ? iso8601 : iso8601.slice(0, 10);
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year < 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function inRange(time: number): boolean {
  return Number.isFinite(time) && time >= Date.UTC(1900, 0, 1) && time < Date.UTC(2200, 0, 1);
}

/**
 * normalizeDate (src/extract/metadata/dates.ts): the date forms pages write, and what it
 * refuses.
 */
import { describe, expect, it } from 'vitest';
import { normalizeDate } from '../../../src/extract/metadata/index.js';

describe('normalizeDate', () => {
  it.each([
    ['2024-06-25', '2024-06-25'],
    ['2015/3/5', '2015-03-05'],
    ['2024', '2024'],
    ['2021-11-01T10:52:50+0100', '2021-11-01T09:52:50.000Z'],
    ['2013-09-11T10:00:00-04:00', '2013-09-11T14:00:00.000Z'],
    ['2017-11-03 03:01:00.000000', '2017-11-03T03:01:00.000Z'],
    ['2017-11-24T18:42:20.314667', '2017-11-24T18:42:20.314Z'],
    ['2018-04-05T06:00', '2018-04-05T06:00:00.000Z'],
    ['Tue, 21 Nov 2017 10:00:00 GMT', '2017-11-21T10:00:00.000Z'],
    ['March 25, 2015', '2015-03-25'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2024-13-01', '2023-02-29', 'Follow 2015', '0000-00-00T00:00:00Z', '12345'])('rejects %j', (input) => {
    expect(normalizeDate(input)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isSince, parseSince } from '../../src/sources/since.js';

describe('--since DATE|DURATION', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('reads dates (a bare date is midnight UTC) and durations back from now', () => {
    expect(parseSince('2026-11-01', now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-01T06:30:00Z', now).toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(parseSince('36h', now).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(parseSince('7d', now).toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(parseSince('90m', now).toISOString()).toBe('2026-12-01T10:30:00.000Z');
  });
  it('refuses anything else, saying what it takes', () => {
    for (const bad of ['yesterday', '7', '2026-13-45', '-3d', '']) expect(() => parseSince(bad, now), bad).toThrow(/date \(2026-11-01\) nor a duration/);
  });
  it('keeps undated entries and those at or after the cut-off', () => {
    const since = new Date('2026-11-01T00:00:00Z');
    expect(isSince('2026-11-01T00:00:00Z', since)).toBe(true);
    expect(isSince('2026-10-31T23:59:59Z', since)).toBe(false);
    expect(isSince(null, since)).toBe(true);
    expect(isSince('2026-10-01T00:00:00Z', undefined)).toBe(true);
  });
});

/**
 * `--since DATE|DURATION`: a calendar date or time (`2026-11-01`, `2026-11-01T06:00:00Z`) or a
 * span back from now (`36h`, `7d`, `90m`, `2w`). Entries dated before it are left out.
 */
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const DURATION = /^(\d+(?:\.\d+)?)\s*([mhdw])$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The cut-off time, or an Error whose message reads after "--since: ". */
export function parseSince(value: string, now: Date = new Date()): Date {
  const trimmed = value.trim();
  const duration = DURATION.exec(trimmed);
  if (duration) return new Date(now.getTime() - Number(duration[1]) * UNIT_MS[duration[2]!.toLowerCase()]!);
  if (ISO_DATE.test(trimmed)) {
    // A bare date means the start of that day in UTC, as the archive's dates are.
    const date = new Date(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Error(`"${value}" is neither a date (2026-11-01) nor a duration (36h, 7d)`);
}

/** An entry with no date passes: it cannot be shown to be older. */
export function isSince(date: string | null, since: Date | undefined): boolean {
  if (!since || !date) return true;
  const time = Date.parse(date);
  return Number.isNaN(time) || time >= since.getTime();
}

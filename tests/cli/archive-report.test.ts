/**
 * src/cli/archive-report.ts: what `archive` says about each source and the run. ArchiveTally's
 * counts, summary line and retry list; reportOutcome's --json row on stdout and its stderr line
 * (through a Reporter on a real stream) for each kind of outcome.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchOutcome } from '../../src/batch/outcome.js';
import { ArchiveTally, isDoubtfulOutcome, reportOutcome } from '../../src/cli/archive-report.js';
import { Reporter } from '../../src/cli/reporter.js';
import { SourceError } from '../../src/errors.js';

function outcome(fields: Partial<BatchOutcome> = {}): BatchOutcome {
  return {
    source: 'https://news.example/a',
    index: 0,
    status: 'archived',
    url: 'https://news.example/a',
    key: 'c65795c9e7',
    snapshotPath: 'news.example/a/2026-11-25T20-58-54Z',
    title: 'A story',
    confidence: 0.9,
    error: null,
    skipReason: null,
    disallowedHop: null,
    attempts: 1,
    duplicateOf: null,
    kind: 'page',
    entries: null,
    origin: null,
    rendered: null,
    warnings: [],
    ...fields,
  };
}

const failed = (source: string, index: number) =>
  outcome({ source, index, status: 'failed', url: null, key: null, snapshotPath: null, title: null, confidence: null, error: new SourceError(source, 'http-status', 'HTTP 503 Service Unavailable') });

describe('ArchiveTally', () => {
  it('counts statuses; duplicates, disallowed and interrupted apart; a plain summary line', () => {
    const tally = new ArchiveTally(undefined);
    tally.add(outcome({ index: 0 }));
    tally.add(outcome({ index: 1, status: 'unchanged' }));
    tally.add(failed('https://news.example/f', 2));
    tally.add(outcome({ index: 3, status: 'skipped', skipReason: 'disallowed' }));
    tally.add(outcome({ index: 4, status: 'skipped', skipReason: 'interrupted', source: 'https://news.example/i' }));
    tally.add(outcome({ index: 5, duplicateOf: 'https://news.example/a' }));
    tally.add(outcome({ index: 6, status: 'expanded', kind: 'feed', entries: 3 }));
    expect(tally.counts).toEqual({ archived: 1, unchanged: 1, failed: 1, skipped: 2, expanded: 1 });
    expect(tally.duplicates).toBe(1);
    expect(tally.summary(3.24)).toBe(
      '1 feed, sitemap or WARC expanded, 1 archived, 1 unchanged, 1 failed, 1 disallowed by robots.txt, 1 interrupted, 1 listed twice (fetched once) in 3.2 s',
    );
  });

  it('a run with nothing special says only the three counts and the time', () => {
    const tally = new ArchiveTally(undefined);
    tally.add(outcome());
    expect(tally.summary(0.04)).toBe('1 archived, 0 unchanged, 0 failed in 0.0 s');
  });

  it('counts pages below --min-confidence and says so after the time; never without the option', () => {
    const tally = new ArchiveTally(0.5);
    tally.add(outcome({ confidence: 0.3 }));
    tally.add(outcome({ confidence: 0.5 }));
    tally.add(failed('https://news.example/f', 2));
    expect(tally.doubtful).toBe(1);
    expect(tally.summary(1)).toBe('2 archived, 0 unchanged, 1 failed in 1.0 s; 1 below --min-confidence 0.5');
    const without = new ArchiveTally(undefined);
    without.add(outcome({ confidence: 0.01 }));
    expect(without.doubtful).toBe(0);
  });

  it('the retry list: failed and interrupted sources, each once, in list order', () => {
    const tally = new ArchiveTally(undefined);
    tally.add(failed('https://news.example/c', 5));
    tally.add(outcome({ index: 1, status: 'skipped', skipReason: 'interrupted', source: 'https://news.example/b' }));
    tally.add(outcome({ index: 0, status: 'skipped', skipReason: 'disallowed', source: 'https://news.example/robots' }));
    tally.add(failed('https://news.example/a', 0));
    tally.add(failed('https://news.example/c', 7));
    expect(tally.retryList()).toEqual(['https://news.example/a', 'https://news.example/b', 'https://news.example/c']);
  });
});

describe('isDoubtfulOutcome', () => {
  it('only with --min-confidence, only below it, never when confidence is unknown', () => {
    expect(isDoubtfulOutcome(outcome({ confidence: 0.2 }), 0.5)).toBe(true);
    expect(isDoubtfulOutcome(outcome({ confidence: 0.5 }), 0.5)).toBe(false);
    expect(isDoubtfulOutcome(outcome({ confidence: 0.2 }), undefined)).toBe(false);
    expect(isDoubtfulOutcome(outcome({ confidence: null }), 0.5)).toBe(false);
  });
});

describe('reportOutcome', () => {
  let stdout: string[];
  let stderr: string[];
  let reporter: Reporter;
  const realWrite = process.stdout.write;
  beforeEach(() => {
    stdout = [];
    stderr = [];
    // The --json row goes to process.stdout; record it instead of printing it.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout.push(chunk.toString());
      return true;
    }) as typeof process.stdout.write;
    reporter = new Reporter(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          stderr.push(chunk.toString());
          done();
        },
      }),
      { color: false },
    );
  });
  afterEach(() => {
    process.stdout.write = realWrite;
  });
  const rows = () => stdout.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

  it('archived: a --json row with every field, and "archived url → snapshot" plus its warnings on stderr', () => {
    reportOutcome(outcome({ warnings: ['links left relative'] }), { json: true }, reporter);
    expect(rows()).toEqual([
      {
        source: 'https://news.example/a',
        url: 'https://news.example/a',
        status: 'archived',
        key: 'c65795c9e7',
        snapshot: 'news.example/a/2026-11-25T20-58-54Z',
        title: 'A story',
        error: null,
        code: null,
        reason: null,
        attempts: 1,
        confidence: 0.9,
        duplicateOf: null,
        kind: 'page',
        entries: null,
        origin: null,
        rendered: null,
        warnings: ['links left relative'],
      },
    ]);
    expect(stderr.join('')).toBe(
      'archived  https://news.example/a → news.example/a/2026-11-25T20-58-54Z\nwarning https://news.example/a: links left relative\n',
    );
  });

  it('without --json nothing goes to stdout; --quiet keeps stderr silent for a success', () => {
    reportOutcome(outcome(), { quiet: true }, reporter);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([]);
  });

  it('failed: error and code in the row, one error line even with --quiet', () => {
    reportOutcome(failed('https://news.example/f', 0), { json: true, quiet: true }, reporter);
    expect(rows()[0]).toMatchObject({ status: 'failed', error: 'HTTP 503 Service Unavailable', code: 'http-status', reason: null });
    expect(stderr.join('')).toBe('error https://news.example/f: HTTP 503 Service Unavailable\n');
  });

  it('disallowed: the reason in the row, and the redirect hop robots.txt refused on stderr', () => {
    reportOutcome(outcome({ status: 'skipped', skipReason: 'disallowed', disallowedHop: 'https://other.example/x', url: null }), { json: true }, reporter);
    expect(rows()[0]).toMatchObject({ status: 'skipped', reason: 'disallowed by robots.txt' });
    expect(stderr.join('')).toBe('skipped   https://news.example/a: disallowed by robots.txt (redirected to https://other.example/x)\n');
  });

  it('interrupted: the reason in the row, no stderr line', () => {
    reportOutcome(outcome({ status: 'skipped', skipReason: 'interrupted' }), { json: true }, reporter);
    expect(rows()[0]).toMatchObject({ reason: 'interrupted' });
    expect(stderr).toEqual([]);
  });

  it('a duplicate: a row naming the first listing, and a note that it was not fetched again', () => {
    reportOutcome(outcome({ source: 'https://news.example/a#x', duplicateOf: 'https://news.example/a' }), { json: true }, reporter);
    expect(rows()[0]).toMatchObject({ source: 'https://news.example/a#x', duplicateOf: 'https://news.example/a' });
    expect(stderr.join('')).toBe('duplicate https://news.example/a#x: listed before as https://news.example/a, not fetched again\n');
  });

  it('an expanded feed, and a feed not modified since last time', () => {
    reportOutcome(outcome({ source: 'https://news.example/feed', status: 'expanded', kind: 'feed', entries: 3 }), {}, reporter);
    reportOutcome(outcome({ source: 'https://news.example/feed', status: 'unchanged', kind: 'feed' }), {}, reporter);
    expect(stderr.join('')).toBe('expanded  https://news.example/feed: feed, 3 entries to archive\nunchanged https://news.example/feed: feed not modified\n');
  });

  it('below --min-confidence: doubtful in the row and a warning even with --quiet; the field only with the option', () => {
    reportOutcome(outcome({ confidence: 0.3 }), { json: true, quiet: true, minConfidence: 0.5 }, reporter);
    reportOutcome(outcome({ confidence: 0.3 }), { json: true }, reporter);
    const [withOption, without] = rows();
    expect(withOption).toMatchObject({ doubtful: true });
    expect(without).not.toHaveProperty('doubtful');
    expect(stderr.join('')).toContain(
      'warning https://news.example/a: doubtful extraction: confidence 0.30 is below --min-confidence 0.5; check the result\n',
    );
  });

  it('a title with control characters is exact in JSON and never reaches stderr raw', () => {
    reportOutcome(outcome({ source: 'https://news.example/\u001b[2J', status: 'expanded', kind: 'sitemap', entries: 1 }), { json: true }, reporter);
    expect(rows()[0]!['source']).toBe('https://news.example/\u001b[2J');
    expect(stderr.join('')).toBe('expanded  https://news.example/\\x1b[2J: sitemap, 1 entry to archive\n');
  });
});

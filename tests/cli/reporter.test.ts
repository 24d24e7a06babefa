/**
 * Reporter (src/cli/reporter.ts), writing to a real stream: every line is one safe line (page
 * and server text cannot run escape sequences or break the line), no colour when asked for none,
 * a progress bar only on a terminal and kept below the lines written while it shows; the word
 * diff's markers; errorCode and describeUnexpected.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeStats, diffSnapshots, markDiffPart, renderDiffParts } from '../../src/archive/diff.js';
import { describeUnexpected, errorCode, Reporter } from '../../src/cli/reporter.js';
import { SourceError } from '../../src/errors.js';

/** A stream that records what is written; a terminal when `isTTY`. */
function sink(isTTY = false): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as Writable & { isTTY?: boolean };
  if (isTTY) stream.isTTY = true;
  return { stream, text: () => chunks.join('') };
}

const HOSTILE = 'Title\u001b]0;pwned\u0007 with\nbreak\u202eevil';
const HOSTILE_SHOWN = 'Title\\x1b]0;pwned\\x07 with break\\u{202e}evil';

describe('Reporter lines (no colour)', () => {
  it('failure: a SourceError is its message; anything else is an internal error naming the source', () => {
    const out = sink();
    const reporter = new Reporter(out.stream, { color: false });
    reporter.failure(new SourceError('https://news.example/a', 'http-status', 'HTTP 404 Not Found'), 'ignored');
    reporter.failure(new TypeError('x is undefined\n    at stack line'), 'https://news.example/b');
    reporter.failure('thrown text', 'file.html');
    expect(out.text()).toBe(
      'error https://news.example/a: HTTP 404 Not Found\n' +
        'error https://news.example/b: internal error: x is undefined\n' +
        'error file.html: internal error: thrown text\n',
    );
  });

  it('every kind of line shows page and server text as one safe line', () => {
    const out = sink();
    const reporter = new Reporter(out.stream, { color: false });
    reporter.error('https://news.example/a', HOSTILE);
    reporter.outcome('archived', `https://news.example/a → ${HOSTILE}`);
    reporter.outcome('unchanged', 'u');
    reporter.outcome('skipped', 's');
    reporter.note(HOSTILE);
    reporter.warning(HOSTILE);
    reporter.info(HOSTILE);
    reporter.failure(new SourceError('https://news.example/a', 'http-status', `HTTP 500 ${HOSTILE}`), 'x');
    expect(out.text().split('\n')).toEqual([
      `error https://news.example/a: ${HOSTILE_SHOWN}`,
      `archived  https://news.example/a → ${HOSTILE_SHOWN}`,
      'unchanged u',
      'skipped   s',
      HOSTILE_SHOWN,
      `warning ${HOSTILE_SHOWN}`,
      HOSTILE_SHOWN,
      `error https://news.example/a: HTTP 500 ${HOSTILE_SHOWN}`,
      '',
    ]);
    expect(out.text()).not.toContain('\u001b');
  });

  it('reason is the failure without its source, for --json', () => {
    const reporter = new Reporter(sink().stream, { color: false });
    expect(reporter.reason(new SourceError('https://news.example/a', 'timeout', 'timed out after 30 s'))).toBe('timed out after 30 s');
    expect(reporter.reason(new RangeError('bad'))).toBe('internal error: bad');
  });

  it('without colour, search hits are marked **word**', () => {
    expect(new Reporter(sink().stream, { color: false }).highlightMarkers()).toEqual(['**', '**']);
  });
});

describe('Reporter progress bar', () => {
  const state = { total: 4, archived: 1, unchanged: 1, failed: 0, skipped: 0, startedAt: Date.now() - 1000 };

  it('is not drawn when stderr is not a terminal (cron logs, pipes)', () => {
    const out = sink(false);
    const reporter = new Reporter(out.stream, { color: false });
    reporter.progress(state);
    reporter.info('line');
    reporter.endProgress();
    expect(out.text()).toBe('line\n');
  });

  it('on a terminal: drawn, redrawn below each line written meanwhile, and cleared at the end', () => {
    const out = sink(true);
    const reporter = new Reporter(out.stream, { color: false });
    reporter.progress({ ...state, failed: 1, skipped: 1 });
    const drawn = out.text();
    expect(drawn).toMatch(/^\r\u001b\[2K█{24} 4\/4 · 1 archived · 1 unchanged · 1 failed · 1 skipped · \d+\.\d\/s · ETA 0 s$/);
    const bar = drawn.slice('\r\u001b[2K'.length);
    reporter.info('a line');
    expect(out.text().slice(drawn.length)).toBe(`\r\u001b[2Ka line\n${bar}`);
    reporter.endProgress();
    expect(out.text().endsWith(`${bar}\r\u001b[2K`)).toBe(true);
    const before = out.text().length;
    reporter.info('after');
    expect(out.text().slice(before)).toBe('after\n');
  });

  it('half done: half the bar, "0 failed" and no skipped part', () => {
    const out = sink(true);
    new Reporter(out.stream, { color: false }).progress({ ...state, unchanged: 1, archived: 1, total: 4 });
    expect(out.text()).toContain('█'.repeat(12) + '░'.repeat(12) + ' 2/4 · 1 archived · 1 unchanged · 0 failed · ');
    expect(out.text()).not.toContain('skipped');
  });
});

describe('Reporter.renderDiff', () => {
  const format = { parts: (diff: Parameters<typeof renderDiffParts>[0]) => renderDiffParts(diff), mark: markDiffPart, stats: describeStats };

  it('indents the title change and the wdiff-marked text, then the counts', () => {
    const diff = diffSnapshots({ title: 'Old', text: 'The mayor said yes today.' }, { title: 'New', text: 'The mayor said no today.' });
    const rendered = new Reporter(sink().stream, { color: false }).renderDiff(diff, format);
    expect(rendered).toBe('    Title: "Old" → "New"\n    The mayor said [-yes-]{+no+} today.\n    (1 word added, 1 removed)\n');
  });

  it('shows control characters in page text instead of running them', () => {
    const diff = diffSnapshots({ title: 'T', text: 'a b' }, { title: 'T\u001b[2J', text: 'a \u001b[2Jb' });
    const rendered = new Reporter(sink().stream, { color: false }).renderDiff(diff, format);
    expect(rendered).not.toContain('\u001b');
    expect(rendered).toContain('\\x1b[2J');
    expect(rendered.split('\n')[0]).toBe('    Title: "T" → "T\\u001b[2J"');
  });
});

describe('errorCode and describeUnexpected', () => {
  it('a SourceError has its code; anything else is internal', () => {
    expect(errorCode(new SourceError('s', 'bad-url', 'invalid URL'))).toBe('bad-url');
    expect(errorCode(new Error('bug'))).toBe('internal');
    expect(errorCode(undefined)).toBe('internal');
  });

  it('an unexpected error is "internal error:" and the first line of its message', () => {
    expect(describeUnexpected(new Error('first\nsecond'))).toBe('internal error: first');
    expect(describeUnexpected(null)).toBe('internal error: null');
  });
});

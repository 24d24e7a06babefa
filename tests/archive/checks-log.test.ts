/**
 * src/archive/checks-log.ts on real page folders: checks appended and read back, a line cut
 * short skipped, and the "archived" line of a snapshot restored from the snapshot itself.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCheck, missingChecks, readChecks, restoreMissingChecks } from '../../src/archive/checks-log.js';
import { writeSnapshot } from '../helpers/archived-snapshot.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'clipfile-checks-log-'));
}

const BRIDGE = 'https://news.example/bridge';

describe('the check log', () => {
  it('appends one JSON line per check and reads them back in order', () => {
    const root = scratch();
    const pageDir = join(root, 'news.example', 'page--0123456789');
    mkdirSync(pageDir, { recursive: true });
    appendCheck(root, pageDir, { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: '2026-11-25T10-00-00Z' });
    appendCheck(root, pageDir, { checkedAt: '2026-11-25T11:00:00.000Z', result: 'unchanged', snapshot: null, reachedBy: [BRIDGE] });
    expect(readFileSync(join(pageDir, 'checks.ndjson'), 'utf8').split('\n')).toEqual([
      '{"checkedAt":"2026-11-25T10:00:00.000Z","result":"archived","snapshot":"2026-11-25T10-00-00Z"}',
      `{"checkedAt":"2026-11-25T11:00:00.000Z","result":"unchanged","snapshot":null,"reachedBy":["${BRIDGE}"]}`,
      '',
    ]);
    expect(readChecks(pageDir)).toEqual([
      { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: '2026-11-25T10-00-00Z' },
      { checkedAt: '2026-11-25T11:00:00.000Z', result: 'unchanged', snapshot: null, reachedBy: [BRIDGE] },
    ]);
  });

  it('skips a line cut short by a crash and a line that is no check, and keeps the rest', () => {
    const pageDir = scratch();
    writeFileSync(
      join(pageDir, 'checks.ndjson'),
      [
        '{"checkedAt":"2026-11-25T10:00:00.000Z","result":"archived","snapshot":"2026-11-25T10-00-00Z"}',
        '{"note":"no check"}',
        '{"checkedAt":"2026-11-25T12:00:00.000Z","result":"unchanged","snapshot":null}',
        '{"checkedAt":"2026-11-25T13:00:00.000Z","res',
      ].join('\n'),
    );
    expect(readChecks(pageDir).map((c) => c.checkedAt)).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T12:00:00.000Z']);
  });

  it('skips lines whose result, date, snapshot or URLs are not what appendCheck writes', () => {
    const pageDir = scratch();
    const good = { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: '2026-11-25T10-00-00Z' };
    writeFileSync(
      join(pageDir, 'checks.ndjson'),
      [
        good,
        { ...good, result: 'deleted' },
        { ...good, result: true },
        { ...good, checkedAt: 'yesterday' },
        { ...good, snapshot: 42 },
        { ...good, reachedBy: 'https://news.example/a' },
        { ...good, reachedBy: [1] },
        ['archived'],
        'archived',
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    expect(readChecks(pageDir)).toEqual([good]);
  });

  it('reads nothing from a missing log or one reached through a link', () => {
    const root = scratch();
    expect(readChecks(join(root, 'missing'))).toEqual([]);
    writeFileSync(join(root, 'elsewhere.ndjson'), '{"checkedAt":"2026-11-25T10:00:00.000Z","result":"unchanged","snapshot":null}\n');
    const pageDir = join(root, 'page');
    mkdirSync(pageDir);
    symlinkSync(join(root, 'elsewhere.ndjson'), join(pageDir, 'checks.ndjson'));
    expect(readChecks(pageDir)).toEqual([]);
  });

  it('refuses to append through a planted link, and leaves its target untouched', () => {
    const root = scratch();
    const outside = join(scratch(), 'target.txt');
    writeFileSync(outside, 'not ours\n');
    const pageDir = join(root, 'news.example', 'page--0123456789');
    mkdirSync(pageDir, { recursive: true });
    symlinkSync(outside, join(pageDir, 'checks.ndjson'));
    expect(() => appendCheck(root, pageDir, { checkedAt: '2026-11-25T10:00:00.000Z', result: 'unchanged', snapshot: null })).toThrow();
    expect(readFileSync(outside, 'utf8')).toBe('not ours\n');
  });
});

describe('missing check lines', () => {
  it("derives each snapshot's missing 'archived' line from its fetch time, and restores it with a note", () => {
    const root = scratch();
    const first = writeSnapshot(root, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const second = writeSnapshot(root, BRIDGE, 'pier', '2026-11-25T12:00:00.000Z');
    appendCheck(root, first.pageDir, { checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: first.name });
    appendCheck(root, first.pageDir, { checkedAt: '2026-11-25T11:00:00.000Z', result: 'unchanged', snapshot: null });

    const expected = [{ checkedAt: '2026-11-25T12:00:00.000Z', result: 'archived', snapshot: second.name }];
    expect(missingChecks(first.pageDir)).toEqual(expected);
    const notes: string[] = [];
    expect(restoreMissingChecks(root, first.pageDir, (n) => notes.push(n))).toEqual(expected);
    expect(notes).toEqual([`added the missing check line of news.example/${first.folder}/${second.name} to checks.ndjson`]);
    expect(readChecks(first.pageDir).map((c) => [c.result, c.snapshot])).toEqual([
      ['archived', first.name],
      ['unchanged', null],
      ['archived', second.name],
    ]);
    // Restored once: nothing is missing any more, and nothing is added twice.
    expect(missingChecks(first.pageDir)).toEqual([]);
    expect(restoreMissingChecks(root, first.pageDir, (n) => notes.push(n))).toEqual([]);
    expect(notes).toHaveLength(1);
  });

  it('derives nothing for a snapshot folder without a readable article.json', () => {
    const root = scratch();
    const pageDir = join(root, 'news.example', 'page--0123456789');
    mkdirSync(join(pageDir, '2026-11-25T10-00-00Z'), { recursive: true });
    writeFileSync(join(pageDir, '2026-11-25T10-00-00Z', 'article.json'), '{"cut');
    expect(missingChecks(pageDir)).toEqual([]);
  });

  it('throws when a line cannot be written, unless tolerant: then a note says so', () => {
    // A planted link in the log's place refuses the write (permissions would not, as root).
    const root = scratch();
    const written = writeSnapshot(root, BRIDGE, 'bridge', '2026-11-25T10:00:00.000Z');
    const outside = join(scratch(), 'target.txt');
    writeFileSync(outside, '');
    symlinkSync(outside, join(written.pageDir, 'checks.ndjson'));
    expect(() => restoreMissingChecks(root, written.pageDir, () => {})).toThrow();
    const notes: string[] = [];
    const restored = restoreMissingChecks(root, written.pageDir, (n) => notes.push(n), { tolerant: true });
    expect(restored).toEqual([{ checkedAt: '2026-11-25T10:00:00.000Z', result: 'archived', snapshot: written.name }]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      new RegExp(`^the missing check line of news\\.example/${written.folder}/${written.name} could not be added to checks\\.ndjson \\(.+\\)$`),
    );
    expect(readFileSync(outside, 'utf8')).toBe('');
  });
});

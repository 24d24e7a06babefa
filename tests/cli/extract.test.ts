/**
 * `clipfile extract` for scripts and terminals: --json rows, the per-page time limit, --url
 * with several sources, and page text on a terminal against page text in a pipe.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, runCliOnTerminal } from '../helpers/cli.js';
import { fixturePages, fixturePath } from '../helpers/fixtures.js';

const seedPath = fixturePath('seed-tajik-commander');
const seedUrl = fixturePages['seed-tajik-commander']!.url;
const hostilePath = join(repoRoot, 'fixtures/quotes/hostile-council.html');
const scratch = () => mkdtempSync(join(tmpdir(), 'clipfile-cli-extract-'));
/** What must never reach a terminal: C0 but LF and CR (the pty adds CRs), DEL, C1, bidi controls. */
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe.concurrent('extract --json', () => {
  it('is one line per source, even for one, carrying its source and status', async () => {
    const result = await runCli(['extract', seedPath, '--url', seedUrl, '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(2); // one line and its newline
    expect(JSON.parse(lines[0]!)).toMatchObject({ source: seedPath, status: 'extracted', url: seedUrl, schemaVersion: 1 });
  });

  it('--format json on one source stays pretty, for people', async () => {
    const result = await runCli(['extract', seedPath, '--url', seedUrl, '--format', 'json']);
    expect(result.stdout.split('\n').length).toBeGreaterThan(20);
    const article = JSON.parse(result.stdout);
    expect(article.url).toBe(seedUrl);
    expect(article).not.toHaveProperty('source');
  });

  it('with --url and several sources is a usage error (exit 2)', async () => {
    const result = await runCli(['extract', seedPath, seedPath, '--url', seedUrl, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--url names the page of one source, but 2 sources were given/);
  });
});

describe('extract --time-limit', () => {
  it('fails a page whose extraction takes too long with a one-line timeout, and goes on to the next source', async () => {
    // 100 tables nested in divs (about 500 deep, under the depth limit; tables are not shortened
    // as wrapper chains are) around a 1.3 MB story: Readability weighs each of them against the
    // text inside (depth × text), about 15 s of CPU on a quiet machine, three times the limit;
    // the limit leaves the next page, extracted cold on a loaded machine, plenty of time.
    const story = `<p>${'The council voted on Tuesday to repair the bridge before winter. '.repeat(10)}</p>`.repeat(2_000);
    const deep = join(scratch(), 'deep.html');
    writeFileSync(deep, '<div><table><tr><td>'.repeat(100) + story + '</td></tr></table></div>'.repeat(100));
    const started = Date.now();
    const result = await runCli(['extract', deep, seedPath, '--time-limit', '5', '--json']);
    const elapsed = Date.now() - started;
    expect(result.code).toBe(1);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows[0]).toEqual({ source: deep, status: 'failed', error: 'extraction took longer than 5 s', code: 'timeout' });
    // Extraction was cut off mid-way on this thread: the next page still comes out exactly as alone.
    const alone = await runCli(['extract', seedPath, '--json']);
    expect(rows[1]).toEqual(JSON.parse(alone.stdout));
    expect(result.stderr.trim()).toBe(`error ${deep}: extraction took longer than 5 s`);
    // Far from the time the page would take; generous for a loaded machine.
    expect(elapsed).toBeLessThan(30_000);
  });

  it('is a usage error when not a positive number', async () => {
    expect((await runCli(['extract', seedPath, '--time-limit', '0'])).code).toBe(2);
  });
});

describe('page text', () => {
  it('reaches a terminal with its control characters made visible, and a pipe exactly', async () => {
    for (const format of ['text', 'md', 'html']) {
      const onTerminal = await runCliOnTerminal(['extract', hostilePath, '--format', format]);
      expect(onTerminal.code).toBe(0);
      expect(onTerminal.stdout).not.toMatch(TERMINAL_UNSAFE);
      // (Markdown escapes the brackets.)
      expect(onTerminal.stdout).toMatch(/The river will rise again\\x1b\\?\[2J\\x1b\\?\]0;owned\\x07 and/);

      const piped = await runCli(['extract', hostilePath, '--format', format]);
      expect(piped.stdout).toMatch(/The river will rise again\u001b\\?\[2J\u001b\\?\]0;owned\u0007 and/);
    }
  });
});

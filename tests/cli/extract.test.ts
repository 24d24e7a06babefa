/**
 * `clipfile extract` for scripts and terminals: --json rows, the per-page time limit, --url
 * with several sources, and page text on a terminal against page text in a pipe.
 */
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { cliEnv, repoRoot, runCli, runCliOnTerminal, cliPath } from '../helpers/cli.js';
import { fixturePages, fixturePath } from '../helpers/fixtures.js';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { TestServer, bytes, closedPort, delayed, html, status } from '../helpers/server.js';

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
    // text inside (depth × text), about 15 s of CPU on a quiet machine, seven times the limit;
    // the limit, which the run spends in full, leaves the next page (a fifth of a second on a
    // quiet machine, extracted on a loaded one) ten times what it needs.
    // `--max-depth 2048` lifts the depth × markup limit that would refuse it before it started.
    const story = `<p>${'The council voted on Tuesday to repair the bridge before winter. '.repeat(10)}</p>`.repeat(2_000);
    const deep = join(scratch(), 'deep.html');
    writeFileSync(deep, '<div><table><tr><td>'.repeat(100) + story + '</td></tr></table></div>'.repeat(100));
    const started = Date.now();
    const result = await runCli(['extract', deep, seedPath, '--time-limit', '2', '--max-depth', '2048', '--json']);
    const elapsed = Date.now() - started;
    expect(result.code).toBe(1);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows[0]).toEqual({ source: deep, status: 'failed', error: 'extraction took longer than 2 s', code: 'timeout' });
    // Extraction was cut off mid-way on this thread: the next page still comes out exactly as alone.
    const alone = await runCli(['extract', seedPath, '--json']);
    expect(rows[1]).toEqual(JSON.parse(alone.stdout));
    expect(result.stderr.trim()).toBe(`error ${deep}: extraction took longer than 2 s`);
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

const execAsync = promisify(exec);
const seedHtml = readFileSync(seedPath);
const scratchDir = mkdtempSync(join(tmpdir(), 'clipfile-cli-'));

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
  server
    .route('/story', html(seedHtml.toString('utf8')))
    .route('/paper.pdf', bytes('%PDF-1.7\n%âãÏÓ\n', 'application/pdf'))
    .route('/gone', status(404))
    .route('/slow', delayed(5_000, html('<p>too late</p>')))
    .route('/cp1251', bytes(readFileSync(fixturePath('windows-1251')), 'text/html; charset=windows-1251'));
});
afterAll(async () => server.close());

/** Exactly one line on stderr, naming the source. */
function expectOneLineError(stderr: string, source: string, reason: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toContain(source);
  expect(lines[0]).toMatch(reason);
}

describe.concurrent('clipfile extract', () => {
  it('prints Markdown with front matter for a file, data on stdout only', async () => {
    const result = await runCli(['extract', seedPath, '--url', seedUrl]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('---\ntitle: U.S-trained Tajik special forces commander defects to Islamic State\n')).toBe(true);
    expect(result.stdout).toContain('\n---\n\n# U.S-trained Tajik');
    expect(result.stdout).toContain('[May 28, 2015](https://twitter.com/Charles_Lister/status/604022543839940608)');
  });

  it('fetches a URL over HTTP and prints the Article as JSON', async () => {
    const result = await runCli(['extract', server.url('/story'), '--format', 'json']);
    expect(result.code).toBe(0);
    const article = JSON.parse(result.stdout);
    expect(article.schemaVersion).toBe(1);
    expect(article.url).toBe(server.url('/story'));
    expect(article.title).toBe('U.S-trained Tajik special forces commander defects to Islamic State');
    expect(article.embeds[0]).toMatchObject({ kind: 'tweet', id: '604022543839940608', authorHandle: 'Charles_Lister' });
    expect(article.quotes.map((q: { speaker: string }) => q.speaker)).toEqual(['Gulmurod Khalimov', 'Gulmurod Khalimov']);
    expect(article.wordCount).toBeGreaterThan(300);
    for (const field of ['authors', 'byline', 'siteName', 'lang', 'publishedTime', 'modifiedTime', 'excerpt', 'image', 'tags', 'canonicalUrl', 'text', 'markdown']) {
      expect(article).toHaveProperty(field);
    }
  });

  it('reads HTML from stdin with --url, resolving links against it', async () => {
    const result = await runCli(['extract', '-', '--url', seedUrl, '--json'], { input: seedHtml });
    expect(result.code).toBe(0);
    const article = JSON.parse(result.stdout);
    expect(article.url).toBe(seedUrl);
    expect(article.image).toBe('https://news.example.com/media/2015/05/khalimov-video.jpg');
  });

  it('prints block-aware plain text without URLs, and clean HTML without scripts', async () => {
    const text = await runCli(['extract', seedPath, '--url', seedUrl, '--format', 'text']);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(/https?:\/\//);
    expect(text.stdout).toContain('looted conquered towns and cities.\n');
    expect(text.stdout).toContain('joined the ranks of IS.\n\n“Listen, you dogs');
    const htmlOut = await runCli(['extract', seedPath, '--url', seedUrl, '--format', 'html']);
    expect(htmlOut.code).toBe(0);
    // Attribute order is the DOM's (linkedom lists the last one set first): each is checked alone.
    const embedTag = /<blockquote [^>]*>/.exec(htmlOut.stdout.slice(htmlOut.stdout.indexOf('<blockquote ')))![0];
    for (const attribute of ['class="clipfile-embed"', 'data-kind="tweet"', 'data-id="604022543839940608"']) {
      expect(embedTag).toContain(attribute);
    }
    expect(htmlOut.stdout).not.toMatch(/<script|<style|clipfileembed/);
  });

  it('decodes a windows-1251 page from its Content-Type header', async () => {
    const result = await runCli(['extract', server.url('/cp1251'), '--format', 'text']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('«Мы хотели, чтобы музей был открыт для всех»');
  });

  it('prints one JSON object per line for several sources and goes on past a failure', async () => {
    const missing = join(scratchDir, 'missing.html');
    const result = await runCli(['extract', seedPath, missing, server.url('/story'), '--json']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const rows = lines.map((line) => JSON.parse(line));
    expect(rows.map((row) => [row.source, row.status, row.title])).toEqual([
      [seedPath, 'extracted', 'U.S-trained Tajik special forces commander defects to Islamic State'],
      [missing, 'failed', undefined],
      [server.url('/story'), 'extracted', 'U.S-trained Tajik special forces commander defects to Islamic State'],
    ]);
    expect(rows[1]).toEqual({ source: missing, status: 'failed', error: 'file not found', code: 'not-found' });
    expectOneLineError(result.stderr, missing, /file not found/);
  });

  it('stops quietly when the reader of stdout goes away (| head)', async () => {
    // Twenty Articles are far more than a pipe holds, so writing goes on after head has left.
    const sources = Array<string>(20).fill(`'${seedPath}'`).join(' ');
    const { stdout, stderr } = await execAsync(`'${process.execPath}' '${cliPath}' extract ${sources} --json | head -c 100`, { cwd: repoRoot, env: cliEnv() });
    expect(stdout).toHaveLength(100);
    expect(stderr).toBe('');
  });
});

describe.concurrent('bad input gives one line naming the source and a non-zero exit', () => {
  it('an empty file', async () => {
    const empty = join(scratchDir, 'empty.html');
    writeFileSync(empty, '');
    const result = await runCli(['extract', empty]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expectOneLineError(result.stderr, empty, /empty/);
  });

  it('a binary file', async () => {
    const binary = join(scratchDir, 'image.html');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    const result = await runCli(['extract', binary]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, binary, /not HTML.*PNG/);
  });

  it('a PDF URL', async () => {
    const result = await runCli(['extract', server.url('/paper.pdf')]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, server.url('/paper.pdf'), /not HTML: application\/pdf/);
  });

  it('a 404', async () => {
    const result = await runCli(['extract', server.url('/gone')]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, server.url('/gone'), /HTTP 404 Not Found/);
  });

  it('a timeout', async () => {
    const result = await runCli(['extract', server.url('/slow'), '--timeout', '0.5']);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, server.url('/slow'), /timed out after 0\.5 s/);
  });

  it('an unreachable host', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/story`;
    const result = await runCli(['extract', url]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, url, /connection refused/);
  });

  it('a page with no article text', async () => {
    const blank = join(scratchDir, 'blank.html');
    writeFileSync(blank, '<!doctype html><html><head><title>x</title></head><body><div></div></body></html>');
    const result = await runCli(['extract', blank]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, blank, /no article/);
  });
});

describe.concurrent('usage errors exit 2', () => {
  it.each([
    [['extract']],
    [['extract', seedPath, '--format', 'pdf']],
    [['extract', seedPath, '--bogus']],
    [['extract', seedPath, '--url', 'not a url']],
    [['extract', seedPath, '--timeout', '-1']],
    [['no-such-command']],
  ])('clipfile %j', async (args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/error/);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('extract');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('messages for people', () => {
  it('are plain (no escape codes) when stderr is not a terminal, even with FORCE_COLOR unset', async () => {
    const result = await runCli(['extract', server.url('/gone')], { env: { NO_COLOR: '' } });
    expect(result.stderr).not.toContain('\u001b[');
    expect(result.stderr).toMatch(/^error /);
  });
});

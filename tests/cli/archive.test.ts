/**
 * `clipfile archive` for scripts: two Ctrl-Cs (real signals), a URL listed twice, bad URLs in
 * a list, --url with several sources, and what reaches stderr from a hostile server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDirs } from '../helpers/archive-files.js';
import { cliEnv, cliPath, repoRoot, runCli, runCliOnTerminal } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { TestServer, delayed, html } from '../helpers/server.js';

const seedHtml = readFileSync(fixturePath('seed-tajik-commander'), 'utf8');
const story = (name: string) => seedHtml.replaceAll('Khalimov', `Khalimov-${name}`);
const scratch = () => mkdtempSync(join(tmpdir(), 'clipfile-cli-archive-'));

interface Row {
  source: string;
  status: string;
  reason: string | null;
  error: string | null;
  code: string | null;
  snapshot: string | null;
  attempts: number;
  duplicateOf: string | null;
}
const rows = (stdout: string): Row[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
  server.route('/fast', html(story('fast')));
  for (let n = 1; n <= 6; n++) server.route(`/slow-${n}`, delayed(20_000, html(story(`slow-${n}`))));
  for (let n = 1; n <= 3; n++) server.route(`/page-${n}`, html(story(`page-${n}`)));
  hostile = await hostileServer();
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => hostile.server.close(resolve));
});

/**
 * A reason phrase that would clear the screen and set the window title on a terminal. Node's
 * own http server refuses to send one, so this one writes the response by hand.
 */
const HOSTILE_REASON = 'Gone\u001b[2J\u001b]0;owned\u0007';
let hostile: { server: Server; url: string };
async function hostileServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((socket) => {
    socket.once('data', () =>
      socket.end(`HTTP/1.1 404 ${HOSTILE_REASON}\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/escape` };
}

/** Resolves when `condition` holds, checked every 20 ms. */
function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
}

describe('Ctrl-C twice', () => {
  it('stops at once, yet every source not archived is listed by --failed-out and reported interrupted, with the summary; exit 130', async () => {
    const dir = scratch();
    const failedOut = join(dir, 'retry.txt');
    const slow = [1, 2, 3, 4, 5, 6].map((n) => server.url(`/slow-${n}`));
    const sources = [server.url('/fast'), ...slow];
    const args = ['archive', ...sources, '--delay', '0', '--per-host', '3', '-c', '3', '-o', join(dir, 'archive'), '--json', '--failed-out', failedOut];
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: cliEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));

    // The fast page archived, three slow ones in flight (their server holds them 20 s).
    const slowRequests = () => slow.filter((url) => server.requestsTo(new URL(url).pathname).length > 0).length;
    await until(() => stdout.includes('"status":"archived"') && slowRequests() === 3);
    child.kill('SIGINT');
    await until(() => stderr.includes('interrupted: finishing the pages in hand'));
    child.kill('SIGINT');
    const code = await closed;

    expect(code).toBe(130);
    const outcomes = rows(stdout);
    expect(outcomes.map((row) => row.source).sort()).toEqual([...sources].sort());
    const archived = outcomes.filter((row) => row.status === 'archived').map((row) => row.source);
    expect(archived).toEqual([server.url('/fast')]);
    for (const row of outcomes.filter((row) => row.status !== 'archived')) {
      expect(row).toMatchObject({ status: 'skipped', reason: 'interrupted' });
    }
    // Exactly the sources not archived, in list order: in flight and never started alike.
    expect(readFileSync(failedOut, 'utf8')).toBe(slow.map((url) => `${url}\n`).join(''));
    expect(snapshotDirs(join(dir, 'archive'))).toHaveLength(1);
    expect(stderr).toMatch(/^1 archived, 0 unchanged, 0 failed, 6 interrupted in [\d.]+ s$/m);
    // Stopping did not wait for the server's 20 s.
    expect(server.requestsTo('/slow-4')).toHaveLength(0);
  });
});

describe('a URL listed twice', () => {
  it('is fetched once; the repeat gets the first one’s outcome with duplicateOf', async () => {
    const dir = scratch();
    const first = server.url('/page-1');
    const repeat = `${first}#comments`; // the same page: the fragment never reaches the server
    const other = server.url('/page-2');
    const before = server.requestsTo('/page-1').length;
    const result = await runCli(['archive', first, other, repeat, '--delay', '0', '-o', join(dir, 'archive'), '--json']);
    expect(result.code).toBe(0);
    expect(server.requestsTo('/page-1').length - before).toBe(1);
    const byRow = rows(result.stdout);
    expect(byRow).toHaveLength(3);
    const firstRow = byRow.find((row) => row.source === first)!;
    const repeatRow = byRow.find((row) => row.source === repeat)!;
    expect(firstRow).toMatchObject({ status: 'archived', duplicateOf: null, attempts: 1 });
    expect(repeatRow).toMatchObject({ status: 'archived', duplicateOf: first, snapshot: firstRow.snapshot, attempts: 0 });
    expect(snapshotDirs(join(dir, 'archive'))).toHaveLength(2);
    expect(result.stderr).toMatch(/^2 archived, 0 unchanged, 0 failed, 1 listed twice \(fetched once\) in [\d.]+ s$/m);
  });
});

describe('bad sources in a list', () => {
  it('are bad-url, one line each naming the source; the good ones are archived', async () => {
    const dir = scratch();
    const list = join(dir, 'urls.txt');
    const bad = ['http://', 'http://[::1', 'https://', 'ftp://example.org/a'];
    writeFileSync(list, [...bad, server.url('/page-3')].join('\n'));
    const result = await runCli(['archive', '-i', list, '--delay', '0', '-o', join(dir, 'archive'), '--json']);
    expect(result.code).toBe(1);
    const byRow = rows(result.stdout);
    expect(byRow.filter((row) => row.status === 'failed').map((row) => [row.source, row.code]).sort()).toEqual(
      bad.map((source) => [source, 'bad-url']).sort(),
    );
    expect(byRow.find((row) => row.source === server.url('/page-3'))?.status).toBe('archived');
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error '));
    expect(errors).toHaveLength(bad.length);
    for (const source of bad) expect(errors.filter((line) => line.startsWith(`error ${source}: `))).toHaveLength(1);
    expect(result.stderr).not.toMatch(/internal/);
  });
});

describe('--url', () => {
  it('with several sources is a usage error (exit 2), counting the lines of -i', async () => {
    const dir = scratch();
    const a = join(dir, 'a.html');
    writeFileSync(a, story('a'));
    const two = await runCli(['archive', a, a, '--url', 'https://example.org/a', '-o', join(dir, 'archive')]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/--url names the page of one source, but 2 sources were given/);
    const list = join(dir, 'list.txt');
    writeFileSync(list, `${a}\n`);
    const withList = await runCli(['archive', a, '-i', list, '--url', 'https://example.org/a', '-o', join(dir, 'archive')]);
    expect(withList.code).toBe(2);
    const one = await runCli(['archive', '-i', list, '--url', 'https://example.org/a', '-o', join(dir, 'archive'), '--json']);
    expect(one.code).toBe(0);
    expect(rows(one.stdout)[0]).toMatchObject({ source: a, status: 'archived' });
  });
});

describe('what a server sends, on stderr', () => {
  it('a reason phrase with escape sequences reaches a pipe with them made visible', async () => {
    const dir = scratch();
    const result = await runCli(['archive', hostile.url, '--ignore-robots', '--retries', '0', '-o', join(dir, 'archive'), '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stderr).toContain(`error ${hostile.url}: HTTP 404 Gone\\x1b[2J\\x1b]0;owned\\x07`);
    // JSON stays exact.
    expect(rows(result.stdout)[0]!.error).toBe(`HTTP 404 ${HOSTILE_REASON}`);
  });
});

describe('what a list line holds, on stderr', () => {
  it('reaches a terminal and a pipe with its escapes made visible', async () => {
    const dir = scratch();
    const list = join(dir, 'urls.txt');
    const hostileLine = 'missing-\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eevil.html';
    writeFileSync(list, `${hostileLine}\n`);
    const shown = 'missing-\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\u{202e}evil.html';
    const piped = await runCli(['archive', '-i', list, '-o', join(dir, 'pipe')]);
    const onTerminal = await runCliOnTerminal(['archive', '-i', list, '-o', join(dir, 'tty')]);
    for (const result of [piped, onTerminal]) {
      expect(result.code).toBe(1);
      const output = result.stderr + result.stdout; // the terminal run has both in stdout
      expect(output).toContain(`error ${shown}: file not found`);
      expect(output).not.toContain('\u001b]0;owned');
      expect(output).not.toMatch(/[\u0080-\u009f\u202e]/);
    }
    expect(piped.stderr).not.toContain('\u001b');
  });
});

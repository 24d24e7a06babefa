import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDirs } from '../helpers/archive-files.js';
import { cliEnv, cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { TestServer, delayed, html, status } from '../helpers/server.js';

const seedHtml = readFileSync(fixturePath('seed-tajik-commander'), 'utf8');
const page = (n: number) => seedHtml.replaceAll('Khalimov', `Khalimov-${n}`);
const scratch = () => mkdtempSync(join(tmpdir(), 'clipfile-list-'));

let server: TestServer;
let interruptSeen: Promise<void>;
let seeInterrupt: () => void;
beforeAll(async () => {
  interruptSeen = new Promise((resolve) => (seeInterrupt = resolve));
  server = await TestServer.start();
  for (let n = 1; n <= 4; n++) server.route(`/story-${n}`, html(page(n)));
  server.route('/gone', status(404));
  server.route('/slow-1', delayed(700, html(page(11))));
  // Held until the CLI has said it is interrupted: the page is then in hand, for certain.
  server.route('/slow-2', async (req, res) => {
    await interruptSeen;
    await html(page(12))(req, res);
  });
  for (let n = 3; n <= 4; n++) server.route(`/slow-${n}`, html(page(10 + n)));
});
afterAll(async () => server.close());

describe('archive -i: a list of sources', () => {
  it('reads a file, skipping blank lines and # comments, and writes the failures for a retry', async () => {
    const dir = scratch();
    const list = join(dir, 'urls.txt');
    writeFileSync(
      list,
      ['# morning sources', server.url('/story-1'), '', `${server.url('/gone')}   # removed by the site`, server.url('/story-2'), ''].join('\n'),
    );
    const failedOut = join(dir, 'failed.txt');
    const result = await runCli(['archive', '-i', list, '-o', join(dir, 'archive'), '--json', '--failed-out', failedOut]);
    expect(result.code).toBe(1);
    // One line per source, in the order they finish.
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.source, line.status, line.error]).sort()).toEqual([
      [server.url('/gone'), 'failed', 'HTTP 404 Not Found'],
      [server.url('/story-1'), 'archived', null],
      [server.url('/story-2'), 'archived', null],
    ]);
    expect(readFileSync(failedOut, 'utf8')).toBe(`${server.url('/gone')}\n`);
    expect(result.stderr).toMatch(/^2 archived, 0 unchanged, 1 failed in [\d.]+ s$/m);
  });

  it('reads the list from stdin with -i -, and is quiet with --quiet when all is well', async () => {
    const dir = scratch();
    const result = await runCli(['archive', '-i', '-', '-o', join(dir, 'archive'), '--quiet'], {
      input: `${server.url('/story-3')}\n${server.url('/story-4')}\n`,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(snapshotDirs(join(dir, 'archive'))).toHaveLength(2);
  });

  it('is a usage error (exit 2) with nothing to archive or an unreadable list', async () => {
    expect((await runCli(['archive', '-o', scratch()])).code).toBe(2);
    const missing = await runCli(['archive', '-i', join(scratch(), 'nope.txt'), '-o', scratch()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the list .*nope\.txt: no such file/);
  });
});

describe('Ctrl-C during a run', () => {
  it('finishes the pages in hand, starts no other, reports, exits 130, and lists the rest for a retry', async () => {
    const dir = scratch();
    const failedOut = join(dir, 'retry.txt');
    const urls = [1, 2, 3, 4].map((n) => server.url(`/slow-${n}`));
    // One connection to the host and no delay: the third page could be asked for the moment the
    // second is done, and the server holds the second until the CLI has taken the Ctrl-C, so
    // nothing but the interruption keeps the third unasked (no race with a timer).
    const child = spawn(process.execPath, [cliPath, 'archive', ...urls, '--delay', '0', '--per-host', '1', '-o', join(dir, 'archive'), '--json', '--failed-out', failedOut], {
      cwd: repoRoot,
      env: cliEnv(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Interrupt once the first page is archived and the second is being fetched.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (stdout.includes('"status":"archived"') && server.requestsTo('/slow-2').length > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGINT');
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (stderr.includes('interrupted: finishing the pages in hand')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    seeInterrupt();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const outcomes = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map((line) => [line.source, line.status, line.reason]);
    expect(outcomes.sort()).toEqual([
      [urls[0], 'archived', null],
      [urls[1], 'archived', null],
      [urls[2], 'skipped', 'interrupted'],
      [urls[3], 'skipped', 'interrupted'],
    ]);
    expect(server.requestsTo('/slow-3')).toHaveLength(0);
    expect(snapshotDirs(join(dir, 'archive'))).toHaveLength(2);
    expect(stderr).toMatch(/interrupted: finishing the pages in hand/);
    expect(stderr).toMatch(/2 archived, 0 unchanged, 0 failed, 2 interrupted/);
    expect(readFileSync(failedOut, 'utf8')).toBe(`${urls[2]}\n${urls[3]}\n`);
  });
});

describe('what a person sees', () => {
  it('a progress bar on a terminal; plain lines, no escape codes, in a pipe or a cron log', async () => {
    const dir = scratch();
    const urls = [server.url('/story-1'), server.url('/story-2')];
    // `script` gives the command a real pseudo-terminal.
    const command = [process.execPath, cliPath, 'archive', ...urls, '-o', join(dir, 'tty')].map((a) => `'${a}'`).join(' ');
    const onTerminal = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, env: cliEnv({ NO_COLOR: '' }) });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(output));
    });
    expect(onTerminal).toContain('\u001b[2K');
    expect(onTerminal).toMatch(/2\/2 · .*2 archived.* · 0 unchanged · 0 failed · [\d.]+\/s · ETA 0 s/);

    const piped = await runCli(['archive', ...urls, '-o', join(dir, 'pipe')], { env: { NO_COLOR: '' } });
    expect(piped.stderr).not.toContain('\u001b');
    // A line per page as it finishes (on a loaded machine story-2 may finish first), then the tally.
    const lines = piped.stderr.trim().split('\n');
    expect(lines.slice(0, 2).sort()).toEqual([
      expect.stringMatching(/^archived  http:\/\/127\.0\.0\.1:\d+\/story-1 → /),
      expect.stringMatching(/^archived  http:\/\/127\.0\.0\.1:\d+\/story-2 → /),
    ]);
    expect(lines.slice(2)).toEqual([expect.stringMatching(/^2 archived, 0 unchanged, 0 failed in [\d.]+ s$/)]);
  });
});

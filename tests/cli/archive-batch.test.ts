/**
 * `clipfile archive` over lists of URLs on several hosts, against real servers on 127.0.0.1
 * (one port per "host"): politeness read from the servers' own request logs, robots.txt,
 * retries, and a list full of faults that must not stop the good pages.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { snapshotDirs } from '../helpers/archive-files.js';
import { runCli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import {
  ARRIVAL_JITTER_MS,
  InFlightCounter,
  TestServer,
  arrivalGapsMs,
  bytes,
  delayed,
  html,
  redirect,
  resetConnection,
  sequence,
  startServers,
  status,
  type Handler,
  type LoggedRequest,
} from '../helpers/server.js';

const seedHtml = readFileSync(fixturePath('seed-tajik-commander'), 'utf8');
const cyrillicPage = readFileSync(fixturePath('windows-1251'));
/** A distinct story per path, so every page is a snapshot of its own. */
const story = (name: string) => seedHtml.replaceAll('Khalimov', `Khalimov-${name}`);
const scratch = () => mkdtempSync(join(tmpdir(), 'clipfile-batch-'));


interface Line {
  source: string;
  status: string;
  url: string | null;
  snapshot: string | null;
  error: string | null;
  reason: string | null;
  attempts: number;
}

function jsonLines(stdout: string): Line[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

function bySource(lines: Line[]): Map<string, Line> {
  return new Map(lines.map((line) => [line.source, line]));
}

/** Page requests (robots.txt left out), in arrival order. */
function pageRequests(server: TestServer): LoggedRequest[] {
  return server.requests.filter((request) => request.path !== '/robots.txt').sort((a, b) => a.at - b.at);
}

let servers: TestServer[];
const host = (index: number) => servers[index]!;

beforeAll(async () => {
  servers = await startServers(4);
});
afterAll(() => Promise.all(servers.map((server) => server.close())));
beforeEach(() => servers.forEach((server) => server.reset()));

describe('politeness across hosts', () => {
  it('paces each host and runs hosts in parallel; per-host connections never exceeded', async () => {
    const perHost = servers.slice(0, 3).map(() => new InFlightCounter());
    const urls: string[] = [];
    servers.slice(0, 3).forEach((server, h) => {
      for (let n = 0; n < 4; n++) {
        server.route(`/p${n}`, perHost[h]!.wrap(delayed(150, html(story(`h${h}p${n}`)))));
        urls.push(server.url(`/p${n}`));
      }
    });
    const dir = scratch();
    const result = await runCli(['archive', ...urls, '-o', dir, '--json', '--delay', '0.4', '--per-host', '1', '-c', '8']);
    expect(result.stderr).toMatch(/^12 archived, 0 unchanged, 0 failed in [\d.]+ s$/m);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).map((line) => line.status)).toEqual(Array(12).fill('archived'));

    for (const [h, server] of servers.slice(0, 3).entries()) {
      const arrivals = pageRequests(server);
      expect(arrivals).toHaveLength(4);
      for (const gap of arrivalGapsMs(arrivals)) expect(gap).toBeGreaterThanOrEqual(400 - ARRIVAL_JITTER_MS);
      expect(perHost[h]!.peak).toBe(1);
      // robots.txt was asked once per host, before any page.
      const robots = server.requests.filter((request) => request.path === '/robots.txt');
      expect(robots).toHaveLength(1);
      expect(robots[0]!.at).toBeLessThanOrEqual(arrivals[0]!.at);
      expect(robots[0]!.headers['user-agent']).toMatch(/^clipfile\/\d+\.\d+\.\d+ \(\+https?:\/\/\S+\)$/);
    }
    // Hosts overlap in time rather than take turns: the three first pages all arrive before any
    // host's second (as far as the logs can tell: a stalled server logs late).
    const firsts = servers.slice(0, 3).map((server) => pageRequests(server)[0]!.earliestAt);
    const seconds = servers.slice(0, 3).map((server) => pageRequests(server)[1]!.at);
    expect(Math.max(...firsts)).toBeLessThan(Math.min(...seconds));
    expect(snapshotDirs(dir)).toHaveLength(12);
  });

  it('does not let a long run of one host at the top of the list hold up the others', async () => {
    const urls: string[] = [];
    for (let n = 0; n < 8; n++) {
      host(0).route(`/a${n}`, html(story(`a${n}`)));
      urls.push(host(0).url(`/a${n}`));
    }
    host(1).route('/b0', html(story('b0')));
    host(1).route('/b1', html(story('b1')));
    urls.push(host(1).url('/b0'), host(1).url('/b1'));
    const dir = scratch();
    const result = await runCli(['archive', ...urls, '-o', dir, '--delay', '0.3', '--quiet']);
    expect(result.code).toBe(0);
    const firstB = pageRequests(host(1))[0]!.earliestAt;
    // Host 0 is paced at 0.3 s: 8 pages take 2.1 s; host 1 must not wait behind them.
    expect(firstB).toBeLessThan(pageRequests(host(0))[2]!.at);
    expect(snapshotDirs(dir)).toHaveLength(10);
  });
});

describe('robots.txt', () => {
  beforeEach(() => {
    host(0).route('/robots.txt', bytes('User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n', 'text/plain'));
    host(0).route('/private/memo', html(story('memo')));
    host(0).route('/public/one', html(story('one')));
    host(0).route('/public/two', html(story('two')));
  });

  it('skips what it disallows (reported as such, exit 0) and keeps its Crawl-delay', async () => {
    const urls = [host(0).url('/private/memo'), host(0).url('/public/one'), host(0).url('/public/two')];
    const dir = scratch();
    const result = await runCli(['archive', ...urls, '-o', dir, '--json', '--delay', '0']);
    expect(result.code).toBe(0);
    const lines = bySource(jsonLines(result.stdout));
    expect(lines.get(urls[0]!)).toMatchObject({ status: 'skipped', reason: 'disallowed by robots.txt', snapshot: null, attempts: 0 });
    expect(lines.get(urls[1]!)).toMatchObject({ status: 'archived', reason: null });
    expect(lines.get(urls[2]!)).toMatchObject({ status: 'archived', reason: null });
    expect(host(0).requestsTo('/private/memo')).toHaveLength(0);
    expect(result.stderr).toMatch(/^skipped {3}http:\S+\/private\/memo: disallowed by robots\.txt$/m);
    expect(result.stderr).toMatch(/^2 archived, 0 unchanged, 0 failed, 1 disallowed by robots\.txt in [\d.]+ s$/m);
    // Crawl-delay: 1 overrides --delay 0.
    for (const gap of arrivalGapsMs(pageRequests(host(0)))) expect(gap).toBeGreaterThanOrEqual(1000 - ARRIVAL_JITTER_MS);
  });

  it('--ignore-robots fetches it all and never asks for robots.txt', async () => {
    const dir = scratch();
    const result = await runCli(['archive', host(0).url('/private/memo'), '-o', dir, '--json', '--ignore-robots']);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)[0]).toMatchObject({ status: 'archived' });
    expect(host(0).requestsTo('/robots.txt')).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries 500 and 429 (waiting its Retry-After), not 404; --retries bounds the attempts', async () => {
    host(0).route('/flaky', sequence(status(500), html(story('flaky'))));
    host(1).route('/busy', sequence(status(429, { headers: { 'retry-after': '1' } }), html(story('busy'))));
    host(2).route('/gone', status(404));
    host(3).route('/down', status(503));
    const urls = [host(0).url('/flaky'), host(1).url('/busy'), host(2).url('/gone'), host(3).url('/down')];
    const dir = scratch();
    const failedOut = join(dir, 'retry.txt');
    const result = await runCli(['archive', ...urls, '-o', join(dir, 'archive'), '--json', '--retries', '1', '--failed-out', failedOut]);
    expect(result.code).toBe(1);
    const lines = bySource(jsonLines(result.stdout));
    expect(lines.get(urls[0]!)).toMatchObject({ status: 'archived', attempts: 2 });
    expect(lines.get(urls[1]!)).toMatchObject({ status: 'archived', attempts: 2 });
    expect(lines.get(urls[2]!)).toMatchObject({ status: 'failed', attempts: 1, error: 'HTTP 404 Not Found', code: 'http-status' });
    expect(lines.get(urls[3]!)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(lines.get(urls[3]!)!.error).toMatch(/^HTTP 503 Service Unavailable \(after 2 attempts\)$/);
    expect(arrivalGapsMs(host(1).requestsTo('/busy'))[0]).toBeGreaterThanOrEqual(1000 - ARRIVAL_JITTER_MS);
    expect(host(2).requestsTo('/gone')).toHaveLength(1);
    expect(result.stderr).toMatch(/^retry {4}http:\S+\/flaky: HTTP 500 Internal Server Error; attempt 2 of 2 in [\d.]+ s$/m);
    expect(result.stderr).toMatch(/attempt 2 of 2 in 1\.0 s \(Retry-After\)$/m);
    expect(readFileSync(failedOut, 'utf8').split('\n').filter(Boolean).sort()).toEqual([urls[2], urls[3]].sort());
  });
});

describe('a list full of faults', () => {
  it('archives the good pages, reports each bad one in one line, and keeps going', async () => {
    const server = host(0);
    const routes: Record<string, Handler> = {
      '/good': html(story('good')),
      '/gzip': bytes(gzipSync(story('gzip')), 'text/html; charset=utf-8', { headers: { 'content-encoding': 'gzip' } }),
      '/cyrillic': bytes(cyrillicPage, 'text/html; charset=windows-1251'),
      '/hop1': redirect('/hop2'),
      '/hop2': redirect('/good-after-redirect'),
      '/good-after-redirect': html(story('redirected')),
      '/loop-a': redirect('/loop-b'),
      '/loop-b': redirect('/loop-a'),
      '/image': bytes('GIF89a', 'image/gif'),
      '/huge': html(`<p>${'x'.repeat(300 * 1024)}</p>`),
      '/slow': delayed(3000, html(story('slow'))),
      '/reset': resetConnection('<html><body><p>half'),
    };
    for (const [path, handler] of Object.entries(routes)) server.route(path, handler);
    const paths = ['/good', '/gzip', '/cyrillic', '/hop1', '/loop-a', '/image', '/huge', '/slow', '/reset'];
    const dir = scratch();
    const list = join(dir, 'urls.txt');
    writeFileSync(list, paths.map((path) => server.url(path)).join('\n'));
    const result = await runCli([
      'archive', '-i', list, '-o', join(dir, 'archive'), '--json',
      '--delay', '0', '--retries', '0', '--timeout', '1', '--max-size', '0.25',
    ]);
    expect(result.code).toBe(1);
    const lines = bySource(jsonLines(result.stdout));
    expect(lines.size).toBe(paths.length);
    const outcome = (path: string) => lines.get(server.url(path))!;
    for (const path of ['/good', '/gzip', '/cyrillic', '/hop1']) expect(outcome(path)).toMatchObject({ status: 'archived', error: null });
    expect(outcome('/hop1').url).toBe(server.url('/good-after-redirect'));
    expect(outcome('/loop-a').error).toMatch(/redirect loop/);
    expect(outcome('/image').error).toMatch(/not HTML: image\/gif/);
    expect(outcome('/huge').error).toMatch(/larger than/);
    expect(outcome('/slow').error).toMatch(/timed out after 1 s/);
    expect(outcome('/reset')).toMatchObject({ status: 'failed' });
    // One line on stderr per failure, naming the URL.
    const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error '));
    expect(errorLines).toHaveLength(5);
    for (const line of errorLines) expect(line).toMatch(/^error http:\/\/127\.0\.0\.1:\d+\/\S+: \S/);
    expect(result.stderr).toMatch(/^4 archived, 0 unchanged, 5 failed in [\d.]+ s$/m);

    const articles = snapshotDirs(join(dir, 'archive')).map((snapshot) => readFileSync(join(dir, 'archive', snapshot, 'article.md'), 'utf8'));
    expect(articles).toHaveLength(4);
    expect(articles.some((markdown) => markdown.includes('Khalimov-gzip'))).toBe(true);
    expect(articles.some((markdown) => /[а-яё]{4,}/i.test(markdown))).toBe(true);
  });
});

describe('redirect hops under the same rules', () => {
  it("skips a page whose redirect leads where the other host's robots.txt disallows, and never requests it", async () => {
    host(0).route('/story', redirect(host(1).url('/private/story')));
    host(1).route('/robots.txt', bytes('User-agent: *\nDisallow: /private/\n', 'text/plain'));
    host(1).route('/private/story', html(story('hidden')));
    const dir = scratch();
    const result = await runCli(['archive', host(0).url('/story'), '-o', dir, '--json', '--delay', '0']);

    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toMatchObject([{ status: 'skipped', reason: 'disallowed by robots.txt', snapshot: null }]);
    expect(host(0).requests.map((request) => request.path)).toEqual(['/robots.txt', '/story']);
    expect(host(1).requests.map((request) => request.path)).toEqual(['/robots.txt']);
    expect(result.stderr).toMatch(/^0 archived, 0 unchanged, 0 failed, 1 disallowed by robots\.txt in [\d.]+ s$/m);
    expect(snapshotDirs(dir)).toHaveLength(0);
  });

  it('with --delay 1, sends a hop to the same host a full second after the first request', async () => {
    host(2).route('/moved', redirect('/landing', 301)).route('/landing', html(story('landing')));
    const dir = scratch();
    const result = await runCli(['archive', host(2).url('/moved'), '-o', dir, '--json', '--delay', '1', '--ignore-robots']);

    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toMatchObject([{ status: 'archived', url: host(2).url('/landing') }]);
    expect(host(2).requests.map((request) => request.path)).toEqual(['/moved', '/landing']);
    expect(arrivalGapsMs(host(2).requests)[0]).toBeGreaterThanOrEqual(1000 - ARRIVAL_JITTER_MS);
  });

  it('fails at once, in one line saying why, when Retry-After asks for more than a URL gets', async () => {
    host(3).route('/later', status(503, { headers: { 'retry-after': '100000' } }));
    const dir = scratch();
    const result = await runCli(['archive', host(3).url('/later'), '-o', dir, '--json', '--ignore-robots']);

    const reason =
      'HTTP 503 Service Unavailable: server asked to retry after 27 h 46 min (Retry-After: 100000), more than the 2 min clipfile waits for one URL';
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout)).toMatchObject([{ status: 'failed', code: 'http-status', error: reason, attempts: 1 }]);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error '))).toEqual([`error ${host(3).url('/later')}: ${reason}`]);
    expect(host(3).requestsTo('/later')).toHaveLength(1);
  });
});

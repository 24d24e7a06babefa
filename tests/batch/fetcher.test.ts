import diagnostics from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RetryNotice } from '../../src/batch/retry.js';
import { HostScheduler } from '../../src/batch/scheduler.js';
import { createPoliteFetcher, type PoliteFetcher, type PoliteFetcherOptions } from '../../src/batch/fetcher.js';
import { sourceFailure as failureOf, until } from '../helpers/assertions.js';
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
  startThreadServer,
  status,
  minArrivalGapMs,
  withValidators,
} from '../helpers/server.js';

const PAGE = '<!doctype html><html><head><title>Hi</title></head><body><p>Hello</p></body></html>';

let servers: TestServer[];
let fetchers: PoliteFetcher[] = [];
beforeAll(async () => {
  servers = await startServers(4);
  // The first fetch() of a process loads undici (tens of ms): keep that out of the timed tests.
  await fetch(server(3).url('/warm-up')).then((response) => response.arrayBuffer());
});
afterAll(() => Promise.all(servers.map((server) => server.close())));
beforeEach(() => servers.forEach((server) => server.reset()));
afterEach(async () => {
  for (const fetcher of fetchers) fetcher.stop();
  await Promise.all(fetchers.map((fetcher) => fetcher.idle()));
  fetchers = [];
});

function server(index: number): TestServer {
  const found = servers[index];
  if (!found) throw new Error(`no server ${index}`);
  return found;
}

/** A fetcher with fast test settings unless overridden; stopped after the test. */
function politeFetcher(options: PoliteFetcherOptions = {}): PoliteFetcher {
  const fetcher = createPoliteFetcher({ perHostDelayMs: 0, retry: { baseDelayMs: 20 }, ...options });
  fetchers.push(fetcher);
  return fetcher;
}

describe('politeness per host', () => {
  it('spaces the requests to each host by the delay, and runs the hosts in parallel', async () => {
    const delayMs = 200;
    const hosts = [server(0), server(1), server(2)];
    const pagesPerHost = 4;
    for (const host of hosts) {
      for (let i = 0; i < pagesPerHost; i++) host.route(`/p${i}`, delayed(50, html(PAGE)));
    }
    const fetcher = politeFetcher({ perHostDelayMs: delayMs, perHostConnections: 2, concurrency: 8 });

    const startedAt = performance.timeOrigin + performance.now();
    // Grouped by host: a first-come queue would make the last host wait for the first two.
    const urls = hosts.flatMap((host) => Array.from({ length: pagesPerHost }, (_, i) => host.url(`/p${i}`)));
    const results = await Promise.all(urls.map((url) => fetcher.fetchPolitely(url)));
    const elapsedMs = performance.timeOrigin + performance.now() - startedAt;

    expect(results.every((result) => result.kind === 'fetched')).toBe(true);
    const requestsPerHost = pagesPerHost + 1; // robots.txt is paced like any request
    for (const host of hosts) {
      expect(host.requests).toHaveLength(requestsPerHost);
      expect(minArrivalGapMs(host.requests)).toBeGreaterThanOrEqual(delayMs - ARRIVAL_JITTER_MS);
      expect(host.maxInFlight).toBeLessThanOrEqual(2);
    }
    // Every host starts at once, whatever its place in the list: each one's first request comes
    // before any host's second (as far as the log can tell: a stalled server logs late).
    const arrivals = hosts.map((host) => [...host.requests].sort((a, b) => a.at - b.at));
    const firstArrivals = arrivals.map((requests) => requests[0]?.earliestAt ?? Infinity);
    const secondArrivals = arrivals.map((requests) => requests[1]?.at ?? -Infinity);
    expect(Math.max(...firstArrivals)).toBeLessThan(Math.min(...secondArrivals));
    // That, not the time taken, shows the hosts ran side by side: a loaded machine can stretch any
    // run, but not reorder these arrivals.
    const serializedMs = hosts.length * (requestsPerHost - 1) * delayMs;
    expect(elapsedMs).toBeGreaterThanOrEqual((requestsPerHost - 1) * delayMs - ARRIVAL_JITTER_MS);
    console.info(
      `politeness: ${hosts.length} hosts × ${requestsPerHost} requests, delay ${delayMs} ms: min gap per host ` +
        hosts.map((host) => minArrivalGapMs(host.requests).toFixed(1)).join(' / ') +
        ' ms' +
        `, peak in flight per host ${hosts.map((host) => host.maxInFlight).join('/')}, ` +
        `${elapsedMs.toFixed(0)} ms in all (serialized: ${serializedMs} ms)`,
    );
  });

  it('keeps at most perHostConnections in flight to a host', async () => {
    const host = server(0);
    host.route('/slow', delayed(200, html(PAGE)));
    const fetcher = politeFetcher({ perHostConnections: 2, concurrency: 8, ignoreRobots: true });

    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => fetcher.fetchPolitely(`${host.url('/slow')}?${i}`)));

    expect(results.every((result) => result.kind === 'fetched')).toBe(true);
    expect(host.requests).toHaveLength(5);
    expect(host.maxInFlight).toBe(2);
  });

  it('keeps at most concurrency requests in flight over all hosts, one host after another', async () => {
    const counter = new InFlightCounter();
    const hosts = [server(0), server(1), server(2), server(3)];
    for (const host of hosts) host.route('/slow', counter.wrap(delayed(200, html(PAGE))));
    const fetcher = politeFetcher({ perHostConnections: 2, concurrency: 3, ignoreRobots: true });

    const urls = hosts.flatMap((host) => [1, 2, 3].map((i) => `${host.url('/slow')}?${i}`));
    const results = await Promise.all(urls.map((url) => fetcher.fetchPolitely(url)));

    expect(results.every((result) => result.kind === 'fetched')).toBe(true);
    expect(counter.peak).toBe(3);
    for (const host of hosts) expect(host.maxInFlight).toBeLessThanOrEqual(2);
    // Round robin: the first three requests went to three different hosts, not two to the first.
    const arrivals = hosts.flatMap((host, index) => host.requests.map((request) => ({ index, at: request.at })));
    const firstThree = arrivals.sort((a, b) => a.at - b.at).slice(0, 3);
    expect(new Set(firstThree.map((arrival) => arrival.index)).size).toBe(3);
    console.info(`connections: peak per host ${hosts.map((host) => host.maxInFlight).join('/')} (limit 2), in all ${counter.peak} (limit 3)`);
  });

  it('serves a ready host while another waits out its delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const scheduler = new HostScheduler({ perHostDelayMs: 300, perHostConnections: 1 });
      const starts = { slow: [] as number[], fast: [] as number[] };
      const task = (host: 'slow' | 'fast') => () => {
        starts[host].push(performance.now());
        return Promise.resolve();
      };
      const slow = [1, 2, 3].map(() => scheduler.schedule('slow', task('slow')));
      const fast = scheduler.schedule('fast', task('fast'));

      await vi.advanceTimersByTimeAsync(0);
      expect(starts).toEqual({ slow: [0], fast: [0] });
      await fast;
      await vi.advanceTimersByTimeAsync(299);
      expect(starts.slow).toEqual([0]);
      await vi.advanceTimersByTimeAsync(301);
      await Promise.all(slow);
      expect(starts.slow).toEqual([0, 300, 600]);
      await scheduler.idle();
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts nothing more on a host while a started request has not gone out (a slow connection)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const scheduler = new HostScheduler({ perHostDelayMs: 300, perHostConnections: 2 });
      const starts: number[] = [];
      let finishFirst = () => {};
      const first = scheduler.schedule('h', () => {
        starts.push(performance.now());
        return new Promise<void>((resolve) => (finishFirst = resolve));
      });
      const second = scheduler.schedule('h', () => {
        starts.push(performance.now());
        return Promise.resolve();
      });

      // Connecting takes 500 ms: counted from the first task's start, the second would go at 300.
      await vi.advanceTimersByTimeAsync(500);
      expect(starts).toEqual([0]);
      scheduler.requestSent('h');
      await vi.advanceTimersByTimeAsync(299);
      expect(starts).toEqual([0]);
      await vi.advanceTimersByTimeAsync(1);
      expect(starts).toEqual([0, 800]);
      finishFirst();
      await Promise.all([first, second]);

      // A task that ends without a request (connection refused) holds nothing back; with no delay
      // to keep, a host's connections start together.
      const refused = scheduler.schedule('r', () => Promise.reject(new Error('ECONNREFUSED')));
      const next = scheduler.schedule('r', () => Promise.resolve(performance.now()));
      await expect(refused).rejects.toThrow('ECONNREFUSED');
      await vi.advanceTimersByTimeAsync(300);
      await expect(next).resolves.toBe(1100);
      const unpaced = new HostScheduler({ perHostDelayMs: 0, perHostConnections: 2 });
      const together: number[] = [];
      const slow = unpaced.schedule('u', () => new Promise((resolve) => setTimeout(resolve, 100)));
      await unpaced.schedule('u', () => Promise.resolve(together.push(performance.now())));
      expect(together).toEqual([1100]);
      await vi.advanceTimersByTimeAsync(100);
      await slow;
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts the delay from when a request reaches the wire, not from when its task started', async () => {
    // The main thread busy between a task's start and its request going out (storing a snapshot,
    // say): the next request to the host must still reach it a full delay after this one. The
    // server runs on a thread of its own, so the stall is the client's alone.
    const delayMs = 300;
    const host = await startThreadServer(PAGE);
    let blocked = false;
    const blockOnce = (message: unknown) => {
      const request = (message as { request?: { path?: string } }).request;
      if (blocked || request?.path !== '/first') return;
      blocked = true;
      const until = performance.now() + 150;
      while (performance.now() < until) {
        // the event loop is held, as a synchronous fsync would hold it
      }
    };
    diagnostics.subscribe('undici:request:create', blockOnce);
    try {
      const fetcher = politeFetcher({ perHostDelayMs: delayMs, ignoreRobots: true });
      const results = await Promise.all([fetcher.fetchPolitely(host.url('/first')), fetcher.fetchPolitely(host.url('/second'))]);
      expect(results.map((result) => result.kind)).toEqual(['fetched', 'fetched']);
    } finally {
      diagnostics.unsubscribe('undici:request:create', blockOnce);
    }
    const requests = await host.requests();
    await host.close();
    expect(blocked).toBe(true);
    expect(requests.map((request) => request.path)).toEqual(['/first', '/second']);
    expect(minArrivalGapMs(requests)).toBeGreaterThanOrEqual(delayMs - ARRIVAL_JITTER_MS);
  });

  it('paces a host that a redirect reached like any request to it', async () => {
    const delayMs = 300;
    server(1).route('/landing', html(PAGE));
    server(1).route('/next', html(PAGE));
    server(0).route('/hop', redirect(server(1).url('/landing')));
    const fetcher = politeFetcher({ perHostDelayMs: delayMs, ignoreRobots: true });
    expect(await fetcher.fetchPolitely(server(0).url('/hop'))).toMatchObject({ kind: 'fetched' });
    expect(await fetcher.fetchPolitely(server(1).url('/next'))).toMatchObject({ kind: 'fetched' });
    expect(server(1).requests.map((request) => request.path)).toEqual(['/landing', '/next']);
    expect(minArrivalGapMs(server(1).requests)).toBeGreaterThanOrEqual(delayMs - ARRIVAL_JITTER_MS);
  });
});

describe('robots.txt', () => {
  it('skips disallowed pages without requesting them, and fetches robots.txt once per origin', async () => {
    const host = server(0);
    host.route('/robots.txt', bytes('User-agent: *\nDisallow: /private\n', 'text/plain'));
    for (const path of ['/private/a', '/public/a', '/public/b', '/public/c']) host.route(path, html(PAGE));
    const fetcher = politeFetcher();

    const paths = ['/private/a', '/public/a', '/public/b', '/public/c'];
    const results = await Promise.all(paths.map((path) => fetcher.fetchPolitely(host.url(path))));

    expect(results.map((result) => result.kind)).toEqual(['disallowed', 'fetched', 'fetched', 'fetched']);
    expect(results[0]).toEqual({ kind: 'disallowed', reason: 'disallowed by robots.txt', url: host.url('/private/a'), attempts: 0 });
    expect(host.requestsTo('/private/a')).toHaveLength(0);
    expect(host.requestsTo('/robots.txt')).toHaveLength(1);
    expect(host.requestsTo('/robots.txt')[0]?.headers['user-agent']).toMatch(/^clipfile\//);
  });

  it("follows clipfile's own User-agent group over *", async () => {
    const host = server(0);
    host.route('/robots.txt', bytes('User-agent: clipfile\nDisallow: /no-clipfile\n\nUser-agent: *\nDisallow: /\n', 'text/plain'));
    host.route('/page', html(PAGE));
    const fetcher = politeFetcher();

    expect((await fetcher.fetchPolitely(host.url('/page'))).kind).toBe('fetched');
    expect((await fetcher.fetchPolitely(host.url('/no-clipfile'))).kind).toBe('disallowed');
  });

  it('with ignoreRobots, fetches disallowed pages and never reads robots.txt', async () => {
    const host = server(0);
    host.route('/robots.txt', bytes('User-agent: *\nDisallow: /\n', 'text/plain'));
    host.route('/page', html(PAGE));
    const fetcher = politeFetcher({ ignoreRobots: true });

    expect((await fetcher.fetchPolitely(host.url('/page'))).kind).toBe('fetched');
    expect(host.requestsTo('/robots.txt')).toHaveLength(0);
  });

  it('respects Crawl-delay when it is longer than the per-host delay', async () => {
    const host = server(0);
    host.route('/robots.txt', bytes('User-agent: *\nCrawl-delay: 0.3\n', 'text/plain'));
    for (let i = 0; i < 4; i++) host.route(`/p${i}`, html(PAGE));
    const fetcher = politeFetcher({ perHostDelayMs: 50 });

    await Promise.all([0, 1, 2, 3].map((i) => fetcher.fetchPolitely(host.url(`/p${i}`))));

    const pages = host.requests.filter((request) => request.path.startsWith('/p'));
    expect(pages).toHaveLength(4);
    expect(minArrivalGapMs(host.requests)).toBeGreaterThanOrEqual(300 - ARRIVAL_JITTER_MS);
    console.info(
      `crawl-delay 0.3 s: min gap ${minArrivalGapMs(host.requests).toFixed(1)} ms`,
    );
  });

  it('allows everything when robots.txt is missing (404) or gone (410), without a note', async () => {
    const notes: string[] = [];
    server(0).route('/page', html(PAGE));
    server(1).route('/robots.txt', status(410)).route('/page', html(PAGE));
    const fetcher = politeFetcher({ onNote: (note) => notes.push(note) });

    expect((await fetcher.fetchPolitely(server(0).url('/page'))).kind).toBe('fetched');
    expect((await fetcher.fetchPolitely(server(1).url('/page'))).kind).toBe('fetched');
    expect(notes).toEqual([]);
  });

  it('allows everything, with one note, when robots.txt fails (5xx) or times out', async () => {
    const notes: string[] = [];
    server(0).route('/robots.txt', status(503)).route('/page', html(PAGE));
    server(1).route('/robots.txt', delayed(2000, bytes('User-agent: *\nDisallow: /\n', 'text/plain'))).route('/page', html(PAGE));
    const fetcher = politeFetcher({ robotsTimeoutMs: 200, onNote: (note) => notes.push(note) });

    const results = await Promise.all([
      fetcher.fetchPolitely(server(0).url('/page')),
      fetcher.fetchPolitely(`${server(0).url('/page')}?again`),
      fetcher.fetchPolitely(server(1).url('/page')),
    ]);

    expect(results.map((result) => result.kind)).toEqual(['fetched', 'fetched', 'fetched']);
    expect(notes.sort()).toEqual(
      [
        `${server(0).url('/robots.txt')}: robots.txt unavailable (HTTP 503 Service Unavailable); treating every page as allowed`,
        `${server(1).url('/robots.txt')}: robots.txt timed out after 0.2 s; treating every page as allowed`,
      ].sort(),
    );
    expect(server(0).requestsTo('/robots.txt')).toHaveLength(1);
  });

  it('reads only the first 500 KiB of a huge robots.txt', async () => {
    const notes: string[] = [];
    const padding = '# padding line\n'.repeat(Math.ceil((600 * 1024) / 15));
    const host = server(0);
    host.route('/robots.txt', bytes(`User-agent: *\nDisallow: /early\n${padding}Disallow: /late\n`, 'text/plain'));
    host.route('/late', html(PAGE));
    const fetcher = politeFetcher({ onNote: (note) => notes.push(note) });

    expect((await fetcher.fetchPolitely(host.url('/early'))).kind).toBe('disallowed');
    expect((await fetcher.fetchPolitely(host.url('/late'))).kind).toBe('fetched');
    expect(notes).toEqual([`${host.url('/robots.txt')}: larger than 500 KiB; rules past the first 500 KiB ignored`]);
  });
});

describe('redirect hops', () => {
  const DISALLOW_PRIVATE = bytes('User-agent: *\nDisallow: /private\n', 'text/plain');

  it("asks the hop's own robots.txt and skips a page it disallows, without requesting it", async () => {
    const [from, to] = [server(0), server(1)];
    from.route('/story', redirect(to.url('/private/story')));
    to.route('/robots.txt', DISALLOW_PRIVATE).route('/private/story', html(PAGE));
    const fetcher = politeFetcher();

    const result = await fetcher.fetchPolitely(from.url('/story'));

    expect(result).toEqual({ kind: 'disallowed', reason: 'disallowed by robots.txt', url: to.url('/private/story'), attempts: 1 });
    expect(from.requests.map((request) => request.path)).toEqual(['/robots.txt', '/story']);
    expect(to.requests.map((request) => request.path)).toEqual(['/robots.txt']);
    // Asked once per origin, however many hops lead there.
    expect((await fetcher.fetchPolitely(`${from.url('/story')}?again`)).kind).toBe('disallowed');
    expect(to.requestsTo('/robots.txt')).toHaveLength(1);
    expect(to.requestsTo('/private/story')).toHaveLength(0);
  });

  it('skips a page that redirects to a disallowed path of its own host', async () => {
    const host = server(0);
    host.route('/robots.txt', DISALLOW_PRIVATE).route('/old', redirect('/private/new')).route('/private/new', html(PAGE));
    const fetcher = politeFetcher();

    const result = await fetcher.fetchPolitely(host.url('/old'));

    expect(result).toEqual({ kind: 'disallowed', reason: 'disallowed by robots.txt', url: host.url('/private/new'), attempts: 1 });
    expect(host.requests.map((request) => request.path)).toEqual(['/robots.txt', '/old']);
  });

  it('follows an allowed hop to another host and applies that host\'s Crawl-delay', async () => {
    const [from, to] = [server(0), server(1)];
    from.route('/story', redirect(to.url('/public/story')));
    to.route('/robots.txt', bytes('User-agent: *\nDisallow: /private\nCrawl-delay: 0.4\n', 'text/plain'));
    to.route('/public/story', html(PAGE)).route('/public/next', html(PAGE));
    const fetcher = politeFetcher();

    const first = await fetcher.fetchPolitely(from.url('/story'));
    const second = await fetcher.fetchPolitely(to.url('/public/next'));

    expect(first).toMatchObject({ kind: 'fetched', capture: { url: to.url('/public/story'), redirects: [from.url('/story'), to.url('/public/story')] } });
    expect(second.kind).toBe('fetched');
    expect(to.requests.map((request) => request.path)).toEqual(['/robots.txt', '/public/story', '/public/next']);
    expect(minArrivalGapMs(to.requests)).toBeGreaterThanOrEqual(400 - ARRIVAL_JITTER_MS);
  });

  it('with ignoreRobots, follows a hop robots.txt disallows and never asks for it', async () => {
    const [from, to] = [server(0), server(1)];
    from.route('/story', redirect(to.url('/private/story')));
    to.route('/robots.txt', DISALLOW_PRIVATE).route('/private/story', html(PAGE));

    const result = await politeFetcher({ ignoreRobots: true }).fetchPolitely(from.url('/story'));

    expect(result).toMatchObject({ kind: 'fetched', capture: { url: to.url('/private/story') } });
    expect(from.requestsTo('/robots.txt')).toHaveLength(0);
    expect(to.requests.map((request) => request.path)).toEqual(['/private/story']);
  });

  it('sends a hop to the same host no sooner than the delay after the first request', async () => {
    const delayMs = 1000;
    const host = server(2);
    host.route('/moved', redirect('/landing', 301)).route('/landing', html(PAGE));
    const fetcher = politeFetcher({ perHostDelayMs: delayMs, ignoreRobots: true });

    const result = await fetcher.fetchPolitely(host.url('/moved'));

    expect(result).toMatchObject({ kind: 'fetched', capture: { url: host.url('/landing') } });
    expect(host.requests.map((request) => request.path)).toEqual(['/moved', '/landing']);
    const [gap] = arrivalGapsMs(host.requests);
    expect(gap).toBeGreaterThanOrEqual(delayMs - ARRIVAL_JITTER_MS);
    console.info(`redirect hop to the same host, delay ${delayMs} ms: arrived ${gap!.toFixed(1)} ms after the first request`);
  });

  it("does not count a hop's wait for its turn against the timeout", async () => {
    const host = server(2);
    host.route('/moved', redirect('/moved-again')).route('/moved-again', redirect('/landing')).route('/landing', html(PAGE));
    const fetcher = politeFetcher({ perHostDelayMs: 400, timeoutMs: 200, ignoreRobots: true });

    expect(await fetcher.fetchPolitely(host.url('/moved'))).toMatchObject({ kind: 'fetched', attempts: 1 });
    expect(host.requests).toHaveLength(3);
    expect(minArrivalGapMs(host.requests)).toBeGreaterThanOrEqual(400 - ARRIVAL_JITTER_MS);
  });

  it('sends no hop once stopped: the page ends as stopped', async () => {
    const host = server(2);
    host.route('/moved', redirect('/landing')).route('/landing', html(PAGE));
    const fetcher = politeFetcher({ perHostDelayMs: 500, ignoreRobots: true });

    const result = fetcher.fetchPolitely(host.url('/moved'));
    await until(() => host.requestsTo('/moved').length === 1);
    await until(() => fetcher.scheduler.counts.waiting === 1);
    fetcher.stop();

    expect(await result).toEqual({ kind: 'stopped' });
    expect(host.requests.map((request) => request.path)).toEqual(['/moved']);
  });

  it('still names a redirect loop and a chain past maxRedirects', async () => {
    const host = server(0);
    host.route('/a', redirect('/b')).route('/b', redirect('/a'));
    for (let i = 0; i < 4; i++) host.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    const fetcher = politeFetcher({ ignoreRobots: true, maxRedirects: 2 });

    await expect(failureOf(fetcher.fetchPolitely(host.url('/a')))).resolves.toMatchObject({
      code: 'redirect-loop',
      reason: `redirect loop back to ${host.url('/a')}`,
    });
    await expect(failureOf(fetcher.fetchPolitely(host.url('/hop0')))).resolves.toMatchObject({
      code: 'too-many-redirects',
      reason: 'more than 2 redirects',
    });
  });
});

describe('retries', () => {
  it('retries a 500 and succeeds', async () => {
    const host = server(0);
    host.route('/flaky', sequence(status(500), html(PAGE)));
    const result = await politeFetcher().fetchPolitely(host.url('/flaky'));

    expect(result).toMatchObject({ kind: 'fetched', attempts: 2 });
    expect(host.requestsTo('/flaky')).toHaveLength(2);
  });

  it('waits as long as Retry-After says after a 429', async () => {
    const host = server(0);
    host.route('/busy', sequence(status(429, { headers: { 'retry-after': '1' } }), html(PAGE)));
    const retries: RetryNotice[] = [];
    const result = await politeFetcher({ retry: { onRetry: (retry) => retries.push(retry) } }).fetchPolitely(host.url('/busy'));

    expect(result).toMatchObject({ kind: 'fetched', attempts: 2 });
    const [gap] = arrivalGapsMs(host.requestsTo('/busy'));
    expect(gap).toBeGreaterThanOrEqual(1000 - ARRIVAL_JITTER_MS);
    expect(retries).toMatchObject([{ attempt: 1, delayMs: 1000, fromRetryAfter: true }]);
    expect(retries[0]?.error.status).toBe(429);
    console.info(`429 Retry-After: 1 → next request ${gap!.toFixed(0)} ms later`);
  });

  it('does not retry a 404', async () => {
    const host = server(0);
    host.route('/gone', status(404));
    const error = await failureOf(politeFetcher().fetchPolitely(host.url('/gone')));

    expect(error).toMatchObject({ code: 'http-status', status: 404, reason: 'HTTP 404 Not Found' });
    expect(host.requestsTo('/gone')).toHaveLength(1);
  });

  it('retries after a connection reset', async () => {
    const host = server(0);
    host.route('/reset', sequence(resetConnection(), html(PAGE)));
    const result = await politeFetcher().fetchPolitely(host.url('/reset'));

    expect(result).toMatchObject({ kind: 'fetched', attempts: 2 });
    expect(host.requestsTo('/reset')).toHaveLength(2);
  });

  it('gives up after maxAttempts, saying how many there were', async () => {
    const host = server(0);
    host.route('/down', status(503));
    const fetcher = politeFetcher({ retry: { maxAttempts: 3, baseDelayMs: 10 } });
    const error = await failureOf(fetcher.fetchPolitely(host.url('/down')));

    expect(error).toMatchObject({ code: 'http-status', status: 503, reason: 'HTTP 503 Service Unavailable (after 3 attempts)' });
    expect(error.message).toBe(`${host.url('/down')}: HTTP 503 Service Unavailable (after 3 attempts)`);
    expect(host.requestsTo('/down')).toHaveLength(3);
  });

  it('gives up at once, saying why, when Retry-After asks for more than the 2 minutes a URL gets', async () => {
    const host = server(0);
    host.route('/later', status(503, { headers: { 'retry-after': '100000' } }));
    const retries: RetryNotice[] = [];
    const error = await failureOf(politeFetcher({ retry: { onRetry: (retry) => retries.push(retry) } }).fetchPolitely(host.url('/later')));

    expect(error).toMatchObject({ code: 'http-status', status: 503, attempts: 1 });
    expect(error.reason).toBe(
      'HTTP 503 Service Unavailable: server asked to retry after 27 h 46 min (Retry-After: 100000), more than the 2 min clipfile waits for one URL',
    );
    expect(retries).toEqual([]);
    expect(host.requestsTo('/later')).toHaveLength(1);
  });

  it('reads a Retry-After date far ahead the same way, counting the attempts made', async () => {
    const host = server(0);
    const inThreeDays = new Date(Date.now() + 72.5 * 3600_000).toUTCString();
    host.route('/later', sequence(status(429, { headers: { 'retry-after': '0' } }), status(429, { headers: { 'retry-after': inThreeDays } })));
    const error = await failureOf(politeFetcher().fetchPolitely(host.url('/later')));

    expect(error).toMatchObject({ code: 'http-status', status: 429, attempts: 2 });
    expect(error.reason).toBe(
      `HTTP 429 Too Many Requests: server asked to retry after 3 days (Retry-After: ${inThreeDays}), ` +
        'more than the 2 min clipfile waits for one URL (after 2 attempts)',
    );
    expect(host.requestsTo('/later')).toHaveLength(2);
  });

  it('paces retries like any request to the host', async () => {
    const host = server(0);
    host.route('/flaky', sequence(status(502), status(502), html(PAGE)));
    const result = await politeFetcher({ perHostDelayMs: 150, retry: { baseDelayMs: 1 } }).fetchPolitely(host.url('/flaky'));

    expect(result).toMatchObject({ kind: 'fetched', attempts: 3 });
    expect(minArrivalGapMs(host.requests)).toBeGreaterThanOrEqual(150 - ARRIVAL_JITTER_MS);
  });
});

describe('conditional requests', () => {
  const etag = '"v1"';
  const lastModified = 'Wed, 21 Oct 2015 07:28:00 GMT';

  it('sends If-None-Match and returns not-modified on a 304', async () => {
    const host = server(0);
    host.route('/cond', withValidators(PAGE, { etag, lastModified }));
    const result = await politeFetcher().fetchPolitely(host.url('/cond'), { etag });

    expect(result.kind).toBe('not-modified');
    if (result.kind !== 'not-modified') return;
    expect(result.capture.status).toBe(304);
    expect(result.capture.bytes).toHaveLength(0);
    expect(host.requestsTo('/cond')[0]?.headers['if-none-match']).toBe(etag);
  });

  it('sends If-Modified-Since', async () => {
    const host = server(0);
    host.route('/cond', withValidators(PAGE, { lastModified }));
    const result = await politeFetcher().fetchPolitely(host.url('/cond'), { lastModified });

    expect(result.kind).toBe('not-modified');
    expect(host.requestsTo('/cond')[0]?.headers['if-modified-since']).toBe(lastModified);
  });

  it('fetches the page when it changed, or when no validators are known', async () => {
    const host = server(0);
    host.route('/cond', withValidators(PAGE, { etag }));
    const fetcher = politeFetcher();

    const changed = await fetcher.fetchPolitely(host.url('/cond'), { etag: '"v0"' });
    const fresh = await fetcher.fetchPolitely(host.url('/cond'));

    expect(changed).toMatchObject({ kind: 'fetched', capture: { status: 200, headers: { etag } } });
    expect(fresh.kind).toBe('fetched');
    expect(host.requestsTo('/cond')[1]?.headers).not.toHaveProperty('if-none-match');
    expect(host.requestsTo('/cond')[1]?.headers).not.toHaveProperty('if-modified-since');
  });
});

describe('bad input', () => {
  it('refuses what is not an http(s) URL, naming it', async () => {
    const fetcher = politeFetcher();
    await expect(failureOf(fetcher.fetchPolitely('ftp://x.example/a'))).resolves.toMatchObject({
      code: 'bad-url',
      message: 'ftp://x.example/a: not an http(s) URL: ftp:',
    });
    await expect(failureOf(fetcher.fetchPolitely('not a url'))).resolves.toMatchObject({ code: 'bad-url', reason: 'invalid URL' });
  });

  it.each(['http://', 'http://[::1', 'https://'])('refuses %s as a bad URL, not an internal error', async (source) => {
    const error = await failureOf(politeFetcher().fetchPolitely(source));
    expect(error).toMatchObject({ code: 'bad-url', source, message: `${source}: invalid URL` });
  });
});

describe('stop()', () => {
  it('lets requests in flight finish and starts nothing new', async () => {
    const host = server(0);
    host.route('/slow', delayed(300, html(PAGE)));
    const fetcher = politeFetcher({ perHostConnections: 1, ignoreRobots: true });

    const results = [1, 2, 3, 4].map((i) => fetcher.fetchPolitely(`${host.url('/slow')}?${i}`));
    await until(() => host.inFlight === 1);
    fetcher.stop();
    const settled = await Promise.all(results);
    await fetcher.idle();

    expect(settled.map((result) => result.kind)).toEqual(['fetched', 'stopped', 'stopped', 'stopped']);
    expect(host.requests).toHaveLength(1);
    expect((await fetcher.fetchPolitely(host.url('/slow'))).kind).toBe('stopped');
    expect(host.requests).toHaveLength(1);
  });

  it('cuts a retry wait short, failing with the last error', async () => {
    const host = server(0);
    host.route('/down', status(503));
    const fetcher = politeFetcher({ retry: { baseDelayMs: 20_000, random: () => 0.99 } });

    const startedAt = Date.now();
    const failure = failureOf(fetcher.fetchPolitely(host.url('/down')));
    await until(() => host.requestsTo('/down').length === 1);
    fetcher.stop();
    const error = await failure;

    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(error.reason).toBe('HTTP 503 Service Unavailable');
    expect(host.requestsTo('/down')).toHaveLength(1);
  });
});

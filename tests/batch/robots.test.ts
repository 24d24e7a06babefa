/**
 * RobotsCache (src/batch/robots.ts) against real robots.txt files on 127.0.0.1: which rules
 * apply to our agent, Crawl-delay, one fetch per origin, and what an unusable robots.txt means
 * (4xx: none; 5xx, refused, timed out: everything allowed with a note; too large: the head's rules).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RobotsCache } from '../../src/batch/robots.js';
import { bytes, closedPort, delayed, redirect, status, TestServer } from '../helpers/server.js';

const USER_AGENT = 'clipfile/0.1.0 (+https://example.org/bot)';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const text = (body: string) => bytes(body, 'text/plain');

function cacheWithNotes(options: Partial<ConstructorParameters<typeof RobotsCache>[0]> = {}) {
  const notes: string[] = [];
  const cache = new RobotsCache({ userAgent: USER_AGENT, onNote: (note) => notes.push(note), ...options });
  return { cache, notes };
}

describe('RobotsCache: parsed rules', () => {
  it("applies the group written for the User-Agent's product token over the * group", async () => {
    server.route('/robots.txt', text('User-agent: *\nDisallow: /\n\nUser-agent: clipfile\nDisallow: /private\nCrawl-delay: 2\n'));
    const { cache, notes } = cacheWithNotes();
    expect(await cache.isAllowed(server.url('/news/a'))).toBe(true);
    expect(await cache.isAllowed(server.url('/private/b'))).toBe(false);
    expect(await cache.crawlDelayMs(server.url('/news/a'))).toBe(2000);
    const rules = await cache.rulesFor(server.url('/'));
    expect(rules).toMatchObject({ origin: server.origin, state: 'parsed', status: 200, note: undefined });
    expect(notes).toEqual([]);
  });

  it('falls back to the * group, and an explicit agentToken replaces the product token', async () => {
    server.route('/robots.txt', text('User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /drafts\nCrawl-delay: 0.5\n'));
    const { cache } = cacheWithNotes();
    expect(await cache.isAllowed(server.url('/story'))).toBe(true);
    expect(await cache.isAllowed(server.url('/drafts/x'))).toBe(false);
    expect(await cache.crawlDelayMs(server.url('/story'))).toBe(500);

    const asOther = new RobotsCache({ userAgent: USER_AGENT, agentToken: 'otherbot' });
    expect(await asOther.isAllowed(server.url('/story'))).toBe(false);
    expect(await asOther.crawlDelayMs(server.url('/story'))).toBeUndefined();
  });

  it('sends our User-Agent, fetches once per origin even for concurrent askers, and caches the answer', async () => {
    server.route('/robots.txt', delayed(50, text('User-agent: *\nDisallow: /x\n')));
    const { cache } = cacheWithNotes();
    const answers = await Promise.all(['/a', '/x/1', '/b', '/x/2'].map((path) => cache.isAllowed(server.url(path))));
    expect(answers).toEqual([true, false, true, false]);
    expect(await cache.isAllowed(server.url('/c'))).toBe(true);
    const requests = server.requestsTo('/robots.txt');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers['user-agent']).toBe(USER_AGENT);
  });

  it('keeps the origin it was asked for after a redirect, and does not judge another origin', async () => {
    server.route('/robots.txt', redirect('/elsewhere/robots.txt'));
    server.route('/elsewhere/robots.txt', text('User-agent: *\nDisallow: /secret\n'));
    const { cache } = cacheWithNotes();
    const rules = await cache.rulesFor(server.url('/'));
    expect(rules.origin).toBe(server.origin);
    expect(rules.isAllowed(server.url('/secret/1'))).toBe(false);
    // URLs of another origin are not covered by these rules: allowed.
    expect(rules.isAllowed('http://other.invalid/secret/1')).toBe(true);
  });

  it('runs the robots.txt request through runRequest, with the robots.txt URL', async () => {
    server.route('/robots.txt', text('User-agent: *\nAllow: /\n'));
    const ran: string[] = [];
    const cache = new RobotsCache({
      userAgent: USER_AGENT,
      runRequest: (url, request) => {
        ran.push(url.href);
        return request();
      },
    });
    expect(await cache.isAllowed(server.url('/a'))).toBe(true);
    expect(ran).toEqual([server.url('/robots.txt')]);
  });

  it('forgets a refused runRequest, so the next asker fetches again', async () => {
    server.route('/robots.txt', text('User-agent: *\nDisallow: /\n'));
    let refuse = true;
    const cache = new RobotsCache({
      userAgent: USER_AGENT,
      runRequest: (_url, request) => (refuse ? Promise.reject(new Error('scheduler stopped')) : request()),
    });
    await expect(cache.isAllowed(server.url('/a'))).rejects.toThrow('scheduler stopped');
    await new Promise((resolve) => setImmediate(resolve));
    refuse = false;
    expect(await cache.isAllowed(server.url('/a'))).toBe(false);
    expect(server.requestsTo('/robots.txt')).toHaveLength(1);
  });
});

describe('RobotsCache: an unusable robots.txt', () => {
  it.each([404, 410, 401, 403])('HTTP %i means there is none: everything allowed, no note', async (code) => {
    server.route('/robots.txt', status(code));
    const { cache, notes } = cacheWithNotes();
    const rules = await cache.rulesFor(server.url('/'));
    expect(rules).toMatchObject({ state: 'absent', status: code, crawlDelayMs: undefined, note: undefined });
    expect(rules.isAllowed(server.url('/anything'))).toBe(true);
    expect(notes).toEqual([]);
  });

  it('HTTP 503: everything allowed, and one note naming the robots.txt and the status', async () => {
    server.route('/robots.txt', status(503));
    const { cache, notes } = cacheWithNotes();
    const rules = await cache.rulesFor(server.url('/a'));
    await cache.rulesFor(server.url('/b'));
    expect(rules).toMatchObject({ state: 'unavailable', status: 503 });
    expect(rules.isAllowed(server.url('/a'))).toBe(true);
    expect(notes).toEqual([
      `${server.url('/robots.txt')}: robots.txt unavailable (HTTP 503 Service Unavailable); treating every page as allowed`,
    ]);
  });

  it('a refused connection: everything allowed, status null, a note saying unreachable', async () => {
    const port = await closedPort();
    const { cache, notes } = cacheWithNotes();
    const rules = await cache.rulesFor(`http://127.0.0.1:${port}/a`);
    expect(rules).toMatchObject({ state: 'unavailable', status: null });
    expect(rules.isAllowed(`http://127.0.0.1:${port}/a`)).toBe(true);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/robots\\.txt: robots\\.txt unreachable \\(.*ECONNREFUSED.*\\); treating every page as allowed$`));
  });

  it('a robots.txt slower than timeoutMs: everything allowed, a note saying it timed out', async () => {
    server.route('/robots.txt', delayed(2000, text('User-agent: *\nDisallow: /\n')));
    const { cache, notes } = cacheWithNotes({ timeoutMs: 200 });
    const rules = await cache.rulesFor(server.url('/a'));
    expect(rules).toMatchObject({ state: 'unavailable', status: null });
    expect(rules.isAllowed(server.url('/a'))).toBe(true);
    expect(notes).toEqual([`${server.url('/robots.txt')}: robots.txt timed out after 0.2 s; treating every page as allowed`]);
  });

  it('past maxBytes: the whole rules in the head apply, a cut last line and everything after are ignored, with a note', async () => {
    const rules0 = 'User-agent: *\nDisallow: /early\n';
    const head = `${rules0}${'#'.repeat(1016 - rules0.length - 1)}\n`; // 1016 bytes
    // The cap falls inside "Disallow: /late": half a rule must not become "Disallow: /" or similar.
    const body = `${head}Disallow: /late\n${'# filler\n'.repeat(500)}Disallow: /after\n`;
    server.route('/robots.txt', text(body));
    const maxBytes = 1024; // 8 bytes into "Disallow: /late"
    const { cache, notes } = cacheWithNotes({ maxBytes });
    const rules = await cache.rulesFor(server.url('/'));
    expect(rules.state).toBe('parsed');
    expect(rules.isAllowed(server.url('/early/1'))).toBe(false);
    expect(rules.isAllowed(server.url('/late/1'))).toBe(true);
    expect(rules.isAllowed(server.url('/after/1'))).toBe(true);
    expect(rules.isAllowed(server.url('/story'))).toBe(true);
    expect(notes).toEqual([`${server.url('/robots.txt')}: larger than 1 KiB; rules past the first 1 KiB ignored`]);
  });
});

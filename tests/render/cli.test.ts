/**
 * --render on the command line: `archive --render auto` on a mixed list renders only the pages
 * that need it (the server's log shows which scripts ran), keeps source.html and rendered.html
 * with their provenance, and a page whose script never ends fails alone with render-timeout
 * (in a run of its own, with a short budget);
 * `--render always` without a browser says how to get one (exit 2); `--help` says the default.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivedArticle } from '../../src/article.js';
import { STAMP_BYTES } from '../../src/runtime/code-cache.js';
import { findChromium, INSTALL_HINT } from '../../src/render/browser.js';
import { type CliResult, runCli } from '../helpers/cli.js';
import { validateArchivedArticle } from '../helpers/schema.js';
import { bytes, html, TestServer } from '../helpers/server.js';
import {
  BUILT_AFTER_LOAD,
  ENDLESS_LOOP,
  FAKE_WIDGET_JS,
  FETCHED_FROM_JSON,
  STORY_JSON,
  STORY_PARAGRAPHS,
  STORY_TITLE,
  staticStoryWithProbe,
  TWEET_PLACEHOLDER,
  TWEET_TEXT,
} from './pages.js';

/** playwright-core's largest file: --render loads it (src/render/browser.ts). */
const PLAYWRIGHT_CORE_BUNDLE = createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle');

/**
 * The Node 20 code cache's files (src/runtime/code-cache.ts) made for `source`: each begins with the
 * size and inode of the file it was made from.
 */
function cachedFilesOf(cacheDir: string, source: string): string[] {
  const { size, ino } = statSync(source, { bigint: true });
  return readdirSync(cacheDir).filter((name) => readFileSync(join(cacheDir, name)).subarray(0, STAMP_BYTES).toString('latin1').includes(` ${size} ${ino} `));
}

interface Row {
  source: string;
  status: string;
  snapshot: string | null;
  code: string | null;
  error: string | null;
  rendered: string | null;
  warnings: string[];
}

/** The budget of the run with the pages whose scripts never end: they use all of it. */
const ENDLESS_BUDGET_S = 2;
let server: TestServer;
const folders: string[] = [];
const scratch = () => {
  const folder = mkdtempSync(join(tmpdir(), 'clipfile-render-cli-'));
  folders.push(folder);
  return folder;
};

beforeAll(async () => {
  if (!findChromium()) throw new Error(`the render tests need Chromium: ${INSTALL_HINT}`);
  server = await TestServer.start();
  server.route('/static', html(staticStoryWithProbe('/static-probe.js')));
  server.route('/static-probe.js', bytes('document.title = "ran";', 'text/javascript'));
  server.route('/shell', html(FETCHED_FROM_JSON));
  server.route('/api/story.json', bytes(STORY_JSON, 'application/json'));
  server.route('/tweet', html(TWEET_PLACEHOLDER));
  server.route('/widget.js', bytes(FAKE_WIDGET_JS, 'text/javascript'));
  server.route('/loop', html(ENDLESS_LOOP));
  server.route('/tweet-loop', html(TWEET_PLACEHOLDER.replace('/widget.js', '/endless-widget.js')));
  server.route('/endless-widget.js', bytes('for (;;) {}', 'text/javascript'));
  server.route('/built', html(BUILT_AFTER_LOAD));
});

afterAll(async () => {
  await server?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('archive --render auto on a mixed list', () => {
  let rows: Row[];
  let mixed: CliResult;
  let endless: CliResult;
  const archives = new Map<string, string>();

  beforeAll(async () => {
    // Two runs at once: the pages that render within a budget a loaded CI machine's Chromium
    // meets, and the endless ones, whose runs use all of a short budget (rather than everyone's
    // wait for a long one).
    const archiveRun = (paths: string[], budget: string) => {
      const archive = scratch();
      for (const path of paths) archives.set(server.url(path), archive);
      const sources = paths.map((path) => server.url(path));
      return runCli(['archive', ...sources, '-o', archive, '--json', '--render', 'auto', '--render-timeout', budget, '--ignore-robots', '--delay', '0'], { timeoutMs: 120_000 });
    };
    [mixed, endless] = await Promise.all([archiveRun(['/static', '/shell', '/tweet'], '15s'), archiveRun(['/loop', '/tweet-loop'], `${ENDLESS_BUDGET_S}s`)]);
    rows = [mixed, endless].flatMap((result) => result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Row));
  });

  const row = (path: string) => rows.find((candidate) => candidate.source === server.url(path))!;
  const snapshotFile = (path: string, file: string) => join(archives.get(server.url(path))!, row(path).snapshot!, file);
  const articleJson = (path: string) => JSON.parse(readFileSync(snapshotFile(path, 'article.json'), 'utf8')) as ArchivedArticle;

  it('leaves a story served whole unrendered: its script was never run', () => {
    expect(row('/static')).toMatchObject({ status: 'archived', rendered: null });
    expect(server.requestsTo('/static-probe.js')).toEqual([]);
    const stored = articleJson('/static');
    expect(stored.provenance.rendered).toBeUndefined();
    expect(() => readFileSync(snapshotFile('/static', 'rendered.html'))).toThrow(/ENOENT/);
  });

  it('renders the shell (its script fetched the story once) and keeps both the served and the rendered page', () => {
    expect(row('/shell')).toMatchObject({ status: 'archived', rendered: 'no-article' });
    expect(server.requestsTo('/api/story.json')).toHaveLength(1);
    expect(server.requestsTo('/shell')).toHaveLength(1); // the browser was handed the fetched bytes
    expect(readFileSync(snapshotFile('/shell', 'source.html'), 'utf8')).toBe(FETCHED_FROM_JSON);
    expect(readFileSync(snapshotFile('/shell', 'rendered.html'), 'utf8')).toContain(STORY_PARAGRAPHS[11]);
    const stored = articleJson('/shell');
    expect(stored.title).toBe(STORY_TITLE);
    expect(stored.text).toContain(STORY_PARAGRAPHS[0]);
    expect(stored.provenance.rendered).toBe(true);
    expect(stored.provenance.render).toMatchObject({ reason: 'no-article', browser: expect.stringMatching(/^Chromium \d+\./) });
    expect(stored.provenance.clipfile.options).toMatchObject({ render: 'auto', renderTimeoutMs: 15000 });
    expect(validateArchivedArticle(stored)).toEqual([]);
  });

  it('renders the page whose tweet waits for its widget, and keeps the tweet', () => {
    expect(row('/tweet')).toMatchObject({ status: 'archived', rendered: 'script-embed' });
    expect(server.requestsTo('/widget.js')).toHaveLength(1);
    const stored = articleJson('/tweet');
    expect(stored.embeds[0]).toMatchObject({ kind: 'tweet', text: TWEET_TEXT });
    expect(validateArchivedArticle(stored)).toEqual([]);
    expect(mixed.code, mixed.stderr).toBe(0);
  });

  it('keeps the story as served when rendering it fails, saying so', () => {
    expect(server.requestsTo('/endless-widget.js')).toHaveLength(1);
    const tweetLoop = row('/tweet-loop');
    expect(tweetLoop).toMatchObject({ status: 'archived', rendered: null });
    expect(tweetLoop.warnings).toEqual([`not rendered (render-timeout: rendering took longer than ${ENDLESS_BUDGET_S} s): the article is from the HTML as served`]);
    expect(endless.stderr).toContain('not rendered (render-timeout');
    const stored = articleJson('/tweet-loop');
    expect(stored.text).toContain(STORY_PARAGRAPHS[11]);
    expect(stored.provenance.rendered).toBeUndefined();
    expect(validateArchivedArticle(stored)).toEqual([]);
  });

  it('fails the endless page alone, with render-timeout in one line; exit 1', () => {
    const budget = `rendering took longer than ${ENDLESS_BUDGET_S} s`;
    expect(row('/loop')).toMatchObject({ status: 'failed', code: 'render-timeout', error: budget, snapshot: null });
    expect(endless.stderr).toContain(`error ${server.url('/loop')}: ${budget}\n`);
    expect(row('/tweet-loop').status).toBe('archived');
    expect(endless.code).toBe(1);
  });
});

describe('the browser', () => {
  it('extract --render always renders a page and says so in its --json row, run after run', async () => {
    // The second run starts from the code cache the first one left (src/runtime/code-cache.ts),
    // playwright-core's compiled code included.
    const cache = join(scratch(), 'compile-cache');
    for (const run of [1, 2]) {
      const result = await runCli(['extract', server.url('/built'), '--render', 'always', '--json'], { timeoutMs: 120_000, env: { NODE_COMPILE_CACHE: cache } });
      expect(result.code, `run ${run}: ${result.stderr}`).toBe(0);
      expect(result.stderr, `run ${run}`).toBe('');
      const row = JSON.parse(result.stdout) as Row & { text: string };
      expect(row).toMatchObject({ status: 'extracted', rendered: 'always' });
      expect(row.text).toContain(STORY_PARAGRAPHS[3]);
      if (!('enableCompileCache' in module)) expect(cachedFilesOf(cache, PLAYWRIGHT_CORE_BUNDLE), `run ${run}`).toHaveLength(1);
    }
  });

  it('--render always with no browser: one line on how to get one, exit 2, nothing fetched', async () => {
    const before = server.requests.length;
    const result = await runCli(['extract', server.url('/built'), '--render', 'always'], { env: { CLIPFILE_CHROMIUM: '/nonexistent/chromium' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: --render always needs Chromium: CLIPFILE_CHROMIUM=/nonexistent/chromium names no file; ${INSTALL_HINT}\n(run clipfile extract --help for usage)\n`,
    );
    expect(server.requests.length).toBe(before);
  });

  it('with no browser the default is never, silently: the shell fails as served, no word of Chromium', async () => {
    const result = await runCli(['extract', server.url('/built'), '--json'], { env: { CLIPFILE_CHROMIUM: '/nonexistent/chromium' } });
    const row = JSON.parse(result.stdout) as Row & { text: string; confidence: number };
    expect(row.rendered).toBeNull();
    expect(row.text).toBe('Loading…');
    expect(result.stderr).not.toMatch(/chromium/i);
  });

  it('--help says which default applies and why', async () => {
    const found = await runCli(['archive', '--help']);
    expect(found.stdout).toMatch(/--render <mode>[\s\S]*default:\s+auto:\s+Chromium\s+found:\s+\S+/);
    const missing = await runCli(['extract', '--help'], { env: { CLIPFILE_CHROMIUM: '/nonexistent/chromium' } });
    expect(missing.stdout).toMatch(/default:\s+never:\s+no\s+Chromium\s+found;\s+install\s+one\s+\(apt-get\s+install\s+chromium-headless-shell,\s+or\s+chromium\)/);
  });
});

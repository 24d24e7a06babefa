/**
 * The extract stage with rendering (src/render/stage.ts): which captures may be rendered, and
 * under `--render never | always | auto` when the page goes through Chromium and which Article
 * wins. Real pages from a 127.0.0.1 server, one real browser for the file (started by the
 * Renderer on first use; fails, never skips, without one), and a Renderer that cannot start
 * Chromium for a render that fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capture } from '../../src/article.js';
import { decodePage } from '../../src/acquire/index.js';
import { SourceError } from '../../src/errors.js';
import { extractArticle, type PageInput } from '../../src/extract/pipeline.js';
import { findChromium, INSTALL_HINT } from '../../src/render/browser.js';
import { Renderer } from '../../src/render/render.js';
import { extractPage, isRenderable, type ExtractedPage, type RenderSetup } from '../../src/render/stage.js';
import { sourceFailure } from '../helpers/assertions.js';
import { TestServer, bytes } from '../helpers/server.js';
import { BUILT_AFTER_LOAD, STORY_TITLE, page, storyMarkup } from './pages.js';

let server: TestServer;
let renderer: Renderer;
const broken = new Renderer({ executablePath: '/nonexistent/chromium' });
/** The three pages that go through the browser, rendered at once (the renders mostly wait: for load, network quiet, scrolling). */
let always: ExtractedPage;
let autoShell: ExtractedPage;
let autoWiped: ExtractedPage;
let rendersBefore: number;

beforeAll(async () => {
  const chromium = findChromium();
  if (!chromium) throw new Error(`the render tests need Chromium: ${INSTALL_HINT}`);
  server = await TestServer.start();
  server.route('/wipe.js', bytes(`document.body.innerHTML = ${JSON.stringify(SUBSCRIPTION_WALL)};`, 'text/javascript'));
  renderer = new Renderer({ executablePath: chromium.path, pagesAtOnce: 3 });
  // The tests of `never` and of what is not rendered run first, so they see no browser started.
  rendersBefore = renderer.rendered;
});
afterAll(async () => {
  await renderer?.close();
  await server?.close();
});

/** A page as fetched from the test server at `path`. */
function fetched(path: string, html: string, more: Partial<Capture> = {}): Capture {
  const url = server.url(path);
  return { requestedUrl: url, url, source: 'http', redirects: [url], status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, contentType: 'text/html', bytes: new TextEncoder().encode(html), fetchedAt: '2026-12-02T03:00:00Z', ...more };
}

const extract = (input: PageInput) => extractArticle(input);

function run(capture: Capture, render: RenderSetup | undefined) {
  return extractPage(capture, decodePage(capture), capture.requestedUrl, extract, render);
}

/** What the "widget" script puts in place of the page: a story of its own, shorter and less certain than the one served. */
const SUBSCRIPTION_WALL = `<article><h1>${STORY_TITLE}</h1>${[
  'Subscribe to keep reading this story and every other report from our newsroom, with unlimited access on any device.',
  'Already a subscriber? Sign in to continue reading the council report and the rest of our local coverage this week.',
  'Plans start at one pound a week for the first three months, and you can cancel at any time from your account page.',
]
  .map((p) => `<p>${p}</p>`)
  .join('')}</article>`;

/** The static story, and a script-filled embed placeholder whose (local) widget script puts the subscription wall in its place. */
const WIPED_BY_SCRIPT = page(
  storyMarkup('<blockquote class="twitter-tweet"><a href="https://twitter.com/citydesk/status/1862000000000000001"></a></blockquote><script async src="/wipe.js"></script>'),
);

describe('isRenderable', () => {
  it('renders only pages fetched over http(s), not saved files, stdin, WARC records or a 304', () => {
    expect(isRenderable(fetched('/a', '<p>x</p>'))).toBe(true);
    expect(isRenderable(fetched('/a', '<p>x</p>', { source: 'file', url: 'https://news.example/a' }))).toBe(false);
    expect(isRenderable(fetched('/a', '<p>x</p>', { source: 'stdin' }))).toBe(false);
    expect(isRenderable(fetched('/a', '<p>x</p>', { source: 'warc' }))).toBe(false);
    expect(isRenderable(fetched('/a', '', { status: 304 }))).toBe(false);
    expect(isRenderable(fetched('/a', '<p>x</p>', { url: null }))).toBe(false);
  });
});

describe('extractPage', () => {
  it('never: the HTML as served, even a shell that says "Loading…"; no browser is started', async () => {
    const shell = await run(fetched('/shell', BUILT_AFTER_LOAD), { mode: 'never', renderer });
    expect([shell.article.text, shell.rendered]).toEqual(['Loading…', null]);
    const served = await run(fetched('/story', page(storyMarkup())), undefined);
    expect([served.article.title, served.rendered]).toEqual([STORY_TITLE, null]);
    expect(renderer.started).toBe(false);
  });

  it('does not render a saved file, even under always, nor a story the HTML as served gives under auto; renders the pages that need it', async () => {
    const file = fetched('/file', page(storyMarkup()), { source: 'file', url: 'https://news.example/saved' });
    expect((await run(file, { mode: 'always', renderer })).rendered).toBeNull();
    const plain = await run(fetched('/auto-plain', page(storyMarkup())), { mode: 'auto', renderer });
    expect([plain.article.title, plain.rendered]).toEqual([STORY_TITLE, null]);
    expect(renderer.started).toBe(false);
    expect(renderer.rendered).toBe(rendersBefore);

    [always, autoShell, autoWiped] = await Promise.all([
      run(fetched('/always', BUILT_AFTER_LOAD), { mode: 'always', renderer }),
      run(fetched('/auto-shell', BUILT_AFTER_LOAD), { mode: 'auto', renderer }),
      run(fetched('/wiped', WIPED_BY_SCRIPT), { mode: 'auto', renderer }),
    ]);
    expect(renderer.rendered).toBe(rendersBefore + 3);
  });

  it('always: the page as Chromium leaves it, saying so', () => {
    expect(always.article.title).toBe(STORY_TITLE);
    expect(always.article.wordCount).toBeGreaterThan(300);
    expect(always.rendered).toMatchObject({ reason: 'always', browser: expect.stringMatching(/chrom/i) });
    expect(always.rendered!.html).toContain('Paragraph 12 of the report');
  });

  it('auto: renders a doubtful shell whose story a script builds, and takes the rendered story', () => {
    expect(autoShell.article.title).toBe(STORY_TITLE);
    expect(autoShell.article.text).toContain('Paragraph 12 of the report');
    expect(autoShell.rendered?.reason).toBe('low-confidence');
  });

  it('auto: keeps the served story when the rendered one is both shorter and less certain (a script put a wall in its place)', () => {
    expect(autoWiped.rendered).toBeNull();
    expect(autoWiped.article.text).toContain('Paragraph 12 of the report');
    expect(autoWiped.article.text).not.toContain('Subscribe');
  });

  it('auto: when rendering fails, keeps a confident served story with a warning, and fails a doubtful one', async () => {
    const kept = await run(fetched('/embed', WIPED_BY_SCRIPT), { mode: 'auto', renderer: broken });
    expect(kept.rendered).toBeNull();
    expect(kept.article.title).toBe(STORY_TITLE);
    expect(kept.article.warnings).toContainEqual(expect.stringMatching(/^not rendered \(render-failed: could not start Chromium \(\/nonexistent\/chromium\): .*\): the article is from the HTML as served$/));

    const error = await sourceFailure(run(fetched('/shell-broken', BUILT_AFTER_LOAD), { mode: 'auto', renderer: broken }));
    expect(error).toBeInstanceOf(SourceError);
    expect([error.code, error.source]).toEqual(['render-failed', server.url('/shell-broken')]);
  });
});

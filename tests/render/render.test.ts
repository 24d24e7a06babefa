/**
 * src/render/render.ts with a real Chromium and a real 127.0.0.1 server: stories built by
 * script, fetched from JSON, a tweet filled in by a (local) widget script, an endless loop
 * ended by the budget while another page renders, and what a page may not reach. One browser
 * for the file. Without a browser these tests fail: CI installs Debian's chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { findChromium, INSTALL_HINT } from '../../src/render/browser.js';
import { Renderer, type RenderInput } from '../../src/render/render.js';
import { bytes, html, TestServer } from '../helpers/server.js';
import {
  BUILT_AFTER_LOAD,
  ENDLESS_LOOP,
  FAKE_WIDGET_JS,
  FETCHED_FROM_JSON,
  page,
  STORY_JSON,
  STORY_PARAGRAPHS,
  STORY_TITLE,
  storyMarkup,
  TWEET_PLACEHOLDER,
  TWEET_TEXT,
} from './pages.js';

const USER_AGENT = 'clipfile-render-test/1';
let server: TestServer;
let other: TestServer;
let renderer: Renderer;

beforeAll(async () => {
  const chromium = findChromium();
  if (!chromium) throw new Error(`the render tests need Chromium: ${INSTALL_HINT}`);
  [server, other] = await Promise.all([TestServer.start(), TestServer.start()]);
  server.route('/api/story.json', bytes(STORY_JSON, 'application/json'));
  server.route('/widget.js', bytes(FAKE_WIDGET_JS, 'text/javascript'));
  server.route('/pic.png', bytes('not really a png', 'image/png'));
  server.route('/backdrop.png', bytes('not really a png', 'image/png'));
  server.route('/font.woff2', bytes('not really a font', 'font/woff2'));
  other.route('/landing', html(page('<p>another site</p>')));
  renderer = new Renderer({ executablePath: chromium.path, userAgent: USER_AGENT, pagesAtOnce: 2 });
});

afterAll(async () => {
  await renderer?.close();
  await server?.close();
  await other?.close();
});

/** The page at `path` on the test server, its bytes given to the browser as a fetch would have. */
function input(path: string, body: string): RenderInput {
  return { url: server.url(path), bytes: new TextEncoder().encode(body), contentType: 'text/html; charset=utf-8', source: server.url(path) };
}

function extractRendered(path: string, rendered: string) {
  return extractArticle({ html: rendered, url: server.url(path), source: path });
}

describe('Renderer', () => {
  it('gets the story a script builds after load, without asking the server for the page again', async () => {
    const rendered = await renderer.render(input('/built', BUILT_AFTER_LOAD));
    const article = extractRendered('/built', rendered.html);
    expect(article.title).toBe(STORY_TITLE);
    expect(article.text).toContain(STORY_PARAGRAPHS[11]);
    expect(rendered.browser).toMatch(/^Chromium \d+\.\d+/);
    expect(server.requestsTo('/built')).toHaveLength(0); // the captured bytes were rendered
  });

  it('gets the story a script fetches from a JSON endpoint of the same server', async () => {
    const rendered = await renderer.render(input('/shell', FETCHED_FROM_JSON));
    const article = extractRendered('/shell', rendered.html);
    expect(article.text).toContain(STORY_PARAGRAPHS[0]);
    expect(article.wordCount).toBeGreaterThan(300);
    const asked = server.requestsTo('/api/story.json');
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked[0]!.headers['user-agent']).toBe(USER_AGENT);
  });

  it('keeps the tweet that only its widget script turns into markup', async () => {
    const before = extractRendered('/tweet', TWEET_PLACEHOLDER);
    expect(before.embeds[0]?.text ?? null).toBeNull();
    const rendered = await renderer.render(input('/tweet', TWEET_PLACEHOLDER));
    const article = extractRendered('/tweet', rendered.html);
    expect(article.embeds).toHaveLength(1);
    expect(article.embeds[0]).toMatchObject({ kind: 'tweet', authorHandle: 'citydesk', text: TWEET_TEXT });
    expect(article.markdown).toContain(TWEET_TEXT);
  });

  it('ends a page whose script loops forever at its budget (render-timeout) while another page renders', async () => {
    const started = Date.now();
    const [looping, built] = await Promise.allSettled([
      renderer.render(input('/loop', ENDLESS_LOOP), 3_000),
      renderer.render(input('/built-again', BUILT_AFTER_LOAD)),
    ]);
    expect(looping.status).toBe('rejected');
    const error = (looping as PromiseRejectedResult).reason as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe('render-timeout');
    expect(error.message).toBe(`${server.url('/loop')}: rendering took longer than 3 s`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(built.status).toBe('fulfilled');
    expect(extractRendered('/built-again', (built as PromiseFulfilledResult<{ html: string }>).value.html).text).toContain(STORY_PARAGRAPHS[5]);
    // The browser goes on after it.
    const after = await renderer.render(input('/after-loop', BUILT_AFTER_LOAD));
    expect(after.html).toContain(STORY_PARAGRAPHS[2]);
  });

  it('refuses navigation to file:///, to another port and popups; the page stays and nothing reaches the other server', async () => {
    const leaving = page(
      storyMarkup(),
      `<script>
addEventListener('load', () => {
  window.open('${other.url('/popup')}');
  const frame = document.createElement('iframe');
  frame.src = 'file:///etc/passwd';
  document.body.append(frame);
  setTimeout(() => { location.href = 'file:///etc/passwd'; }, 10);
  setTimeout(() => { location.href = '${other.url('/landing')}'; }, 50);
});
</script>`,
    );
    const rendered = await renderer.render(input('/leaving', leaving));
    expect(other.requests).toEqual([]);
    expect(rendered.html).not.toMatch(/root:.*:0:0:/);
    expect(rendered.html).not.toContain('another site');
    expect(extractRendered('/leaving', rendered.html).text).toContain(STORY_PARAGRAPHS[11]);
  });

  it('takes a page that starts leaving before its load event once its network is quiet, not at the end of its budget', async () => {
    // The navigation is refused, and the page's load event, held up by it, never comes.
    const leavingEarly = page(
      storyMarkup(),
      `<script>
document.addEventListener('DOMContentLoaded', () => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '${other.url('/landing')}';
  document.body.append(form);
  form.submit();
});
</script>`,
    );
    const budgetMs = 20_000;
    const started = Date.now();
    const rendered = await renderer.render(input('/leaving-early', leavingEarly), budgetMs);
    const tookMs = Date.now() - started;
    expect(other.requests).toEqual([]);
    expect(extractRendered('/leaving-early', rendered.html).text).toContain(STORY_PARAGRAPHS[11]);
    // Waiting out the load event took 80 % of the budget (16 s); quiet comes after 0.5 s. Half
    // the budget leaves a loaded machine room.
    expect(tookMs).toBeLessThan(budgetMs / 2);
  });

  it('pauses the animations that repeat forever, and only those, without changing the story', async () => {
    // The page notes each animation's state into the DOM a while after load (while the
    // renderer waits for network quiet): an endless one paused, a finite one left running.
    const animated = page(
      storyMarkup('<div id="spinner">…</div><div id="fade">…</div><p id="states">none</p>'),
      `<style>
@keyframes turn { from { transform: rotate(0deg); } to { transform: rotate(360deg); } }
#spinner { animation: turn 100ms linear infinite; }
#fade { animation: turn 60s linear 1; }
</style><script>
addEventListener('load', () => setTimeout(() => {
  const state = (id) => document.getAnimations().find((a) => a.effect.target.id === id)?.playState;
  document.getElementById('states').textContent = 'spinner ' + state('spinner') + ', fade ' + state('fade');
}, 300));
</script>`,
    );
    const rendered = await renderer.render(input('/animated', animated));
    expect(rendered.html).toContain('<p id="states">spinner paused, fade running</p>');
    expect(extractRendered('/animated', rendered.html).text).toContain(STORY_PARAGRAPHS[11]);
  });

  it("does not load the page's images (nor CSS backgrounds) or fonts", async () => {
    const heavy = page(
      storyMarkup('<img src="/pic.png" alt="a picture"><div class="hero">…</div>'),
      `<style>@font-face { font-family: x; src: url(/font.woff2); } body { font-family: x; } .hero { background: url(/backdrop.png); }</style>`,
    );
    await renderer.render(input('/heavy', heavy));
    expect(server.requestsTo('/pic.png')).toEqual([]);
    expect(server.requestsTo('/backdrop.png')).toEqual([]);
    expect(server.requestsTo('/font.woff2')).toEqual([]);
  });

  it('gives each page a fresh context: cookies and storage one page sets are not seen by the next of the same origin', async () => {
    server.route('/set-cookie', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'fromServer=1; Path=/; Max-Age=3600' });
      res.end('ok');
    });
    server.route('/whoami', bytes('you', 'text/plain'));
    // Each page writes what it finds into the DOM; the first also leaves all it can behind.
    const report = `document.getElementById('found').textContent = 'cookie [' + document.cookie + '] local [' + localStorage.getItem('left') + '] session [' + sessionStorage.getItem('left') + ']';`;
    const leaving = page(
      '<p id="found">nothing</p>',
      `<script>addEventListener('DOMContentLoaded', async () => {
  document.cookie = 'fromPage=1; Path=/; Max-Age=3600';
  localStorage.setItem('left', 'yes');
  sessionStorage.setItem('left', 'yes');
  await fetch('/set-cookie');
  ${report}
});</script>`,
    );
    const looking = page(
      '<p id="found">nothing</p>',
      `<script>addEventListener('DOMContentLoaded', () => {
  ${report}
  fetch('/whoami');
});</script>`,
    );
    const first = await renderer.render(input('/leaves-state', leaving));
    // The first page did store them (the browser kept them for as long as its context lived).
    expect(first.html).toMatch(/<p id="found">cookie \[fromPage=1; fromServer=1\] local \[yes\] session \[yes\]<\/p>/);
    const second = await renderer.render(input('/finds-state', looking));
    expect(second.html).toContain('<p id="found">cookie [] local [null] session [null]</p>');
    const asked = server.requestsTo('/whoami');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.headers.cookie).toBeUndefined();
  });

  it('gives pages the pointer of Playwright’s headless Chromium (fine, hovering) with images off', async () => {
    // Chromium keeps only the last --blink-settings: turning images off must not lose these.
    const probe = page(
      '<p id="pointer">unknown</p>',
      `<script>addEventListener('DOMContentLoaded', () => {
  document.getElementById('pointer').textContent = 'hover ' + matchMedia('(hover: hover)').matches + ', fine ' + matchMedia('(pointer: fine)').matches;
});</script>`,
    );
    const rendered = await renderer.render(input('/pointer', probe));
    expect(rendered.html).toContain('<p id="pointer">hover true, fine true</p>');
  });
});

/**
 * parseHtml parses every page into a document of its own in one shared jsdom window: each page
 * must see its own URL and nothing of the pages before it, and a closed page must be free to go
 * (a batch run parses thousands in one worker).
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/pipeline.js';
import { parseHtml, stripInertMarkup } from '../src/extract/parse.js';
import { fixturePath } from './helpers/fixtures.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

describe('parseHtml', () => {
  it("gives each page its own URL, so relative links resolve against the page's", () => {
    const first = parseHtml('<p><a href="next.html">next</a></p>', 'https://one.example/a/story.html');
    const firstLink = first.document.querySelector('a')!.href;
    first.close();
    const second = parseHtml('<p><a href="next.html">next</a></p>', 'https://two.example/b/story.html');
    expect(firstLink).toBe('https://one.example/a/next.html');
    expect(second.document.URL).toBe('https://two.example/b/story.html');
    expect(second.document.querySelector('a')!.href).toBe('https://two.example/b/next.html');
    second.close();

    const withBase = parseHtml('<head><base href="https://cdn.example/x/"></head><a href="y.html">y</a>', 'https://three.example/');
    expect(withBase.document.querySelector('a')!.href).toBe('https://cdn.example/x/y.html');
    withBase.close();
    const local = parseHtml('<a href="y.html">y</a>', null);
    expect(local.document.URL).toBe('about:blank');
    local.close();
  });

  it('shares nothing between pages: ids, titles and copies are the page’s own', () => {
    const first = parseHtml('<title>One</title><p id="lead">first</p>', 'https://one.example/');
    const copy = first.copy();
    copy.getElementById('lead')!.textContent = 'changed in the copy';
    expect(first.document.getElementById('lead')!.textContent).toBe('first');
    first.close();
    const second = parseHtml('<title>Two</title><p>second</p>', 'https://two.example/');
    expect(second.document.title).toBe('Two');
    expect(second.document.getElementById('lead')).toBeNull();
    second.close();
  });

  it('runs no script and reads no stylesheet, and keeps JSON-LD', () => {
    const html =
      '<style>p { color: red }</style><script>document.title = "hacked"</script>' +
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script><title>Kept</title><p>text</p>';
    expect(stripInertMarkup(html)).not.toMatch(/color: red|hacked/);
    const page = parseHtml(html, 'https://one.example/');
    expect(page.document.title).toBe('Kept');
    expect(page.document.querySelector('script[type="application/ld+json"]')!.textContent).toBe('{"@type":"NewsArticle"}');
    page.close();
  });

  it('lets a closed page, its copy and what was queried in it be collected', async () => {
    // Ids (jsdom's named window properties) and selector queries (its selector engine's window
    // listeners) are what once kept every page alive in the shared window.
    const html = readFileSync(fixturePath('seed-tajik-commander'), 'utf8');
    const released = [0, 1, 2].flatMap((n) => parseQueryAndClose(html.replace('<body', `<body id="page-${n}"`), n));
    // A whole extraction leaves nothing behind either.
    extractArticle({ html, url: 'https://news.example/story', source: 'seed' });
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    collectGarbage();
    expect(released.flatMap((ref, i) => (ref.deref() === undefined ? [] : [i]))).toEqual([]);
  });
});

/** In a function of its own, so no variable of the caller's frame holds the documents. */
function parseQueryAndClose(html: string, n: number): WeakRef<Document>[] {
  const page = parseHtml(html, `https://news.example/${n}`);
  const copy = page.copy();
  page.document.querySelectorAll('p, a[href], #page-0');
  copy.querySelector('div')?.getAttribute('id');
  const refs = [new WeakRef(page.document), new WeakRef(copy)];
  page.close();
  return refs;
}

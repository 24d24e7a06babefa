/**
 * parseHtml builds the tree a browser with scripting off would build (parse5), in a linkedom
 * document, with what the pipeline relies on from a browser's DOM: the page's URL and base URL,
 * whole text nodes, lower-case names for created elements. Pages share nothing, and a page is
 * free to go once dropped (a batch run parses thousands in one worker).
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/pipeline.js';
import { stripInertMarkup } from '../src/extract/parse.js';
import { parseFullHtml } from './helpers/full-dom.js';
import { fixturePath } from './helpers/fixtures.js';
import { withCpuTime } from './helpers/cpu-time.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const body = (html: string) => parseFullHtml(html, 'https://news.example/').body.innerHTML;

describe('parseHtml', () => {
  it("gives each page its own URL and base URL, which Readability resolves links against", () => {
    const first = parseFullHtml('<p><a href="next.html">next</a></p>', 'https://one.example/a/story.html');
    const second = parseFullHtml('<p><a href="next.html">next</a></p>', 'https://two.example/b/story.html');
    expect(first.URL).toBe('https://one.example/a/story.html');
    expect(first.documentURI).toBe('https://one.example/a/story.html');
    expect(second.baseURI).toBe('https://two.example/b/story.html');

    const withBase = parseFullHtml('<head><base href="/x/"></head><a href="y.html">y</a>', 'https://three.example/a/b.html');
    expect(withBase.baseURI).toBe('https://three.example/x/');
    const badBase = parseFullHtml('<head><base href="http://[bad"></head><p>x</p>', 'https://four.example/a/');
    expect(badBase.baseURI).toBe('https://four.example/a/');
    expect(parseFullHtml('<a href="y.html">y</a>', null).URL).toBe('about:blank');

    const story = '<article><h1>Title</h1>' + '<p>A paragraph of the story, long enough to be kept by Readability. '.repeat(12) +
      '<a href="../more.html">more</a> <img src="pic.jpg" alt="a picture"></p></article>';
    const article = extractArticle({ html: `<head><base href="https://cdn.example/s/t/"></head><body>${story}</body>`, url: 'https://five.example/' });
    expect(article.markdown).toContain('[more](https://cdn.example/s/more.html)');
    expect(article.markdown).toContain('![a picture](https://cdn.example/s/t/pic.jpg)');
  });

  it('builds the tree browsers build from misnested and incomplete markup', () => {
    expect(body('<b><p>x</b>y</p>')).toBe('<b></b><p><b>x</b>y</p>');
    expect(body('<table><tr><td>x<td>y</table>')).toBe('<table><tbody><tr><td>x</td><td>y</td></tr></tbody></table>');
    expect(body('<table>stray<tr><td>x</td></tr></table>')).toBe('stray<table><tbody><tr><td>x</td></tr></tbody></table>');
    expect(body('<a href="x">1<a href="y">2</a>')).toBe('<a href="x">1</a><a href="y">2</a>');
    expect(body('<h1>a<h2>b</h2>')).toBe('<h1>a</h1><h2>b</h2>');
    expect(body('<p>one<p>two<ul><li>a<li>b</ul>')).toBe('<p>one</p><p>two</p><ul><li>a</li><li>b</li></ul>');
    // With scripting off, <noscript> holds markup (lazy-loaded images keep their real source there).
    const noscript = parseFullHtml('<p>x</p><noscript><img src="real.jpg"></noscript>', null);
    expect(noscript.querySelector('noscript img')?.getAttribute('src')).toBe('real.jpg');
  });

  it('keeps each run of text in one text node, entities and all', () => {
    const paragraph = parseFullHtml('<p>home &gt; news &amp; views &#8212; today</p>', null).querySelector('p')!;
    expect(paragraph.childNodes).toHaveLength(1);
    expect(paragraph.textContent).toBe('home > news & views — today');
  });

  it('lower-cases the names of elements created by name, as HTML documents do', () => {
    const document = parseFullHtml('<p>x</p>', null);
    document.body.append(document.createElement('DIV'));
    expect(document.body.innerHTML).toBe('<p>x</p><div></div>');
    expect(document.querySelectorAll('div')).toHaveLength(1);
  });

  it('shares nothing between pages: ids and titles are the page’s own', () => {
    const first = parseFullHtml('<title>One</title><p id="lead">first</p>', 'https://one.example/');
    expect(first.getElementById('lead')!.textContent).toBe('first');
    const second = parseFullHtml('<title>Two</title><p>second</p>', 'https://two.example/');
    expect(second.title).toBe('Two');
    expect(second.getElementById('lead')).toBeNull();
  });

  it('runs no script and reads no stylesheet, and keeps JSON-LD', () => {
    const html =
      '<style>p { color: red }</style><script>document.title = "hacked"</script>' +
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script><title>Kept</title><p>text</p>';
    expect(stripInertMarkup(html)).not.toMatch(/color: red|hacked/);
    const page = parseFullHtml(html, 'https://one.example/');
    expect(page.title).toBe('Kept');
    expect(page.querySelector('script[type="application/ld+json"]')!.textContent).toBe('{"@type":"NewsArticle"}');
  });

  it('lets a dropped page and what was queried in it be collected', async () => {
    const html = readFileSync(fixturePath('seed-tajik-commander'), 'utf8');
    const released = [0, 1, 2].flatMap((n) => parseQueryAndDrop(html.replace('<body', `<body id="page-${n}"`), n));
    // A whole extraction leaves nothing behind either.
    extractArticle({ html, url: 'https://news.example/story', source: 'seed' });
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    collectGarbage();
    expect(released.flatMap((ref, i) => (ref.deref() === undefined ? [] : [i]))).toEqual([]);
  });
});

/** In a function of its own, so no variable of the caller's frame holds the documents. */
function parseQueryAndDrop(html: string, n: number): WeakRef<Document>[] {
  const page = parseFullHtml(html, `https://news.example/${n}`);
  page.querySelectorAll('p, a[href], #page-0');
  page.querySelector('div')?.getAttribute('id');
  return [new WeakRef(page)];
}

describe('stripInertMarkup on hostile pages', () => {
  // The regular expressions it replaced, which searched to the end of the page from every unclosed tag.
  const STYLE_BLOCK = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;
  const SCRIPT_BLOCK = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
  const JSON_LD = /\btype\s*=\s*["']?application\/ld\+json/i;
  const reference = (html: string) =>
    html.replace(STYLE_BLOCK, '').replace(SCRIPT_BLOCK, (block, attributes: string) => (JSON_LD.test(attributes) ? block : ''));

  it('removes what the regular expressions removed, on any mix of opening and closing tags', () => {
    const piece = fc.constantFrom(
      '<script>', '<SCRIPT type="application/ld+json">', '<script type=application/ld+json>', '</script>', '</script >',
      '</SCRIPT\n>', '<style>', '<style media="a">', '</style>', '</STYLE >', '<scripts>', '</scriptx>', 'text', '>', '<', '{"a":1}',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const html = pieces.join('');
        expect(stripInertMarkup(html)).toBe(reference(html));
      }),
      { seed: 20261201, numRuns: 3_000 },
    );
  });

  it('takes linear time on a page of unclosed <script> and <style> tags', () => {
    // 200,000 unclosed tags before 1 MB of text: the regular expressions took minutes, this takes milliseconds.
    const html = `${'<script>'.repeat(100_000)}${'<style>'.repeat(100_000)}${'x'.repeat(1_000_000)}`;
    const { value: stripped, cpuMs } = withCpuTime(() => stripInertMarkup(html));
    expect(stripped).toBe(html);
    expect(cpuMs).toBeLessThan(2_000);
  });
});

/**
 * Wrapper chains (src/extract/parse.ts): a story inside hundreds of bare nested divs is
 * extracted in seconds with every word, and pages whose chains are no longer than the corpora's
 * are given to Readability exactly as parsed.
 */
import { parse, serialize } from 'parse5';
import { describe, expect, it } from 'vitest';
import { deepNestingPage, nestedWrappersPage } from '../../eval/hostile-pages.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { collapseWrapperChains, WRAPPER_CHAIN_ENDS, stripInertMarkup } from '../../src/extract/parse.js';
import { parseFullHtml } from '../helpers/full-dom.js';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { fixturePath } from '../helpers/fixtures.js';
import { withCpuTime } from '../helpers/cpu-time.js';

/** How deep `<div>`s and `<section>`s nest in a parsed body. */
function wrapperDepth(document: Document): number {
  let deepest = 0;
  for (const element of Array.from(document.body.querySelectorAll('div, section'))) {
    let depth = 0;
    for (let node: Element | null = element; node; node = node.parentElement) if (/^(div|section)$/i.test(node.tagName)) depth++;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

function chain(length: number, inside: string, attributes = (_level: number) => ''): string {
  let html = inside;
  for (let level = length - 1; level >= 0; level--) html = `<div${attributes(level)}>\n  ${html}\n</div>`;
  return html;
}

describe('wrapper chains', () => {
  it('extracts a 0.2 MB story inside 500 bare nested divs in seconds, not minutes', () => {
    // Before chains were shortened, Readability spent over two minutes on this page (about
    // 500² × the story's text); now about a second, so 40 s allows for a loaded machine.
    const started = performance.now();
    const article = extractArticle({ html: nestedWrappersPage(500, 300), url: 'https://news.example/deep', source: 'deep.html' });
    expect(performance.now() - started).toBeLessThan(40_000);
    expect(article.wordCount).toBe(300 * 10 * 11);
  });

  it('keeps every word: the story reads the same inside 500 wrappers as inside 3', () => {
    const deep = extractArticle({ html: nestedWrappersPage(500, 12), url: 'https://news.example/a', source: 'deep.html' });
    const shallow = extractArticle({ html: nestedWrappersPage(3, 12), url: 'https://news.example/a', source: 'shallow.html' });
    expect(deep.text).toBe(shallow.text);
    expect(deep.markdown).toBe(shallow.markdown);
    expect(deep.wordCount).toBe(12 * 10 * 11);
  });

  it('shortens a chain longer than twice WRAPPER_CHAIN_ENDS to its ends, keeping their names', () => {
    const length = 2 * WRAPPER_CHAIN_ENDS + 1;
    // The innermost div holds the text itself, so the chain is the divs alone.
    const html = `<body>${chain(length, 'Deep words.', (level) => ` class="level-${level}"`)}</body>`;
    const document = parseFullHtml(html, 'https://news.example/');
    expect(wrapperDepth(document)).toBe(2 * WRAPPER_CHAIN_ENDS);
    const kept = Array.from(document.querySelectorAll('div')).map((div) => div.className);
    expect(kept).toEqual([
      ...Array.from({ length: WRAPPER_CHAIN_ENDS }, (_, level) => `level-${level}`),
      ...Array.from({ length: WRAPPER_CHAIN_ENDS }, (_, i) => `level-${length - WRAPPER_CHAIN_ENDS + i}`),
    ]);
    expect(document.body.textContent).toContain('Deep words.');
  });

  it('leaves chains up to twice WRAPPER_CHAIN_ENDS, and chains broken by text or a sibling, as parsed', () => {
    const pages = [
      // 31 divs and the paragraph (an element too) make 32.
      chain(2 * WRAPPER_CHAIN_ENDS - 1, '<p>Words.</p>'),
      // Text of its own in every level: no chain at all.
      chain(100, '<p>Words.</p>').replaceAll('<div>\n', '<div>x\n'),
      // A sibling at each level (as deepNestingPage's story is not): not a chain at all.
      chain(100, '<p>Words.</p>').replaceAll('<div>\n', '<div><span>·</span>\n'),
    ];
    for (const html of pages) {
      const tree = parse(html);
      const before = serialize(tree);
      collapseWrapperChains(tree);
      expect(serialize(tree)).toBe(before);
    }
  });

  it('shortens chains of any boxes and lists alike (div, article, ul, li), in seconds', () => {
    const story = `<p>${'The council voted on Tuesday to repair the bridge before winter. '.repeat(10)}</p>`.repeat(300);
    const html = `${'<div><article><ul><li>'.repeat(120)}${story}${'</li></ul></article></div>'.repeat(120)}`;
    const document = parseFullHtml(html, 'https://news.example/');
    let depth = 0;
    for (let node: Element | null = document.querySelector('p'); node && node !== document.body; node = node.parentElement) depth++;
    expect(depth).toBe(2 * WRAPPER_CHAIN_ENDS + 1);
    const started = performance.now();
    expect(extractArticle({ html, url: 'https://news.example/boxes', source: 'boxes.html' }).wordCount).toBe(300 * 10 * 11);
    expect(performance.now() - started).toBeLessThan(40_000);
  });

  it('shortens chains of sections and of elements with attributes alike (deepNestingPage)', () => {
    const document = parseFullHtml(deepNestingPage(500), 'https://news.example/');
    expect(wrapperDepth(document)).toBe(2 * WRAPPER_CHAIN_ENDS);
    expect(document.body.textContent).toContain('Paragraph 19.');
  });
});

/**
 * parseHtml builds the tree a browser with scripting off would build (parse5), in a linkedom
 * document, with what the pipeline relies on from a browser's DOM: the page's URL and base URL,
 * whole text nodes, lower-case names for created elements. Pages share nothing, and a page is
 * free to go once dropped (a batch run parses thousands in one worker).
 */
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

  it('keeps JSON-LD whose type has white space around it, as HTML reads it', () => {
    const kept = stripInertMarkup('<script type=" application/ld+json ">{"@type":"NewsArticle"}</script><script type=" text/javascript ">x()</script>');
    expect(kept).toContain('{"@type":"NewsArticle"}');
    expect(kept).not.toContain('x()');
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

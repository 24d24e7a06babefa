/**
 * Wrapper chains (src/extract/parse.ts): a story inside hundreds of bare nested divs is
 * extracted in seconds with every word, and pages whose chains are no longer than the corpora's
 * are given to Readability exactly as parsed.
 */
import { parse, serialize } from 'parse5';
import { describe, expect, it } from 'vitest';
import { deepNestingPage, nestedWrappersPage } from '../../bench/hostile-pages.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { collapseWrapperChains, WRAPPER_CHAIN_ENDS } from '../../src/extract/parse.js';
import { parseFullHtml } from '../helpers/full-dom.js';

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

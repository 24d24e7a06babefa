/**
 * The selector fast path (src/extract/linkedom-fast-paths.ts) gives what linkedom's css-select
 * gives: the same elements in the same order, for every element of real pages. The reference is
 * the same selector inside `:is(…)`, which the fast path does not take, so css-select compiles it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkedomFastPathsInstalled } from '../../src/extract/linkedom-fast-paths.js';
import { parseHtml } from '../../src/extract/parse.js';

const SELECTORS = ['p', 'a', '*', 'h1,h2', 'H2 , P', 'img, [class]', '[data-note]', 'template', 'li,ul,table', 'svg, path'];
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/pages');

const TEMPLATE_PAGE = `<!doctype html><html><head><title>t</title></head><body>
<div class="a"><p>One <a href="/x">link</a></p><template><p>in a template</p><a href="/t">t</a></template>
<section data-note="1"><h2>Two</h2><p class="c">Three <img src="i.png"></p></section>
<svg><path d="M0"></path></svg><ul><li>x</li></ul></div></body></html>`;

function pages(): Document[] {
  const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.html')).sort().slice(0, 3);
  expect(files.length).toBeGreaterThan(0);
  return [TEMPLATE_PAGE, ...files.map((file) => readFileSync(path.join(FIXTURES, file), 'utf8'))].map((html) =>
    // The browser's DOM types, which have matches(): linkedom has it; the pipeline's DOM leaves it out.
    parseHtml(html, 'https://news.example/page') as unknown as Document,
  );
}

const compiled = (selector: string) => `:is(${selector})`;

describe('linkedom selector fast path', () => {
  it('is installed on this linkedom', () => {
    expect(linkedomFastPathsInstalled()).toBe(true);
  });

  it('finds what css-select finds, in the same order, from the document and from every element', () => {
    let compared = 0;
    for (const document of pages()) {
      const elements = Array.from(document.querySelectorAll(compiled('*')));
      expect(elements.length).toBeGreaterThan(5);
      for (const selector of SELECTORS) {
        expect(Array.from(document.querySelectorAll(selector))).toEqual(Array.from(document.querySelectorAll(compiled(selector))));
        expect(document.querySelector(selector)).toBe(document.querySelector(compiled(selector)));
        for (const element of elements as Element[]) {
          const fast = Array.from(element.querySelectorAll(selector));
          const reference = Array.from(element.querySelectorAll(compiled(selector)));
          if (fast.length !== reference.length || fast.some((found, i) => found !== reference[i])) {
            throw new Error(`${selector} from <${element.tagName}>: ${fast.length} elements, css-select ${reference.length}`);
          }
          expect(element.querySelector(selector)).toBe(element.querySelector(compiled(selector)));
          expect(element.closest(selector)).toBe(element.closest(compiled(selector)));
          expect(element.matches(selector)).toBe(element.matches(compiled(selector)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it('leaves every other selector to linkedom', () => {
    const [document] = pages();
    expect(Array.from(document!.querySelectorAll('div > p')).map((p) => p.className)).toEqual(['']);
    expect(Array.from(document!.querySelectorAll('section p')).map((p) => p.className)).toEqual(['c']);
    expect(() => document!.querySelectorAll('p,')).toThrow();
  });
});

/** The headline signal (src/extract/quality/headline.ts): a heading of the page that says what the title says. */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/parse.js';
import { headlineLead, headlineSaysTitle, pageHeadings } from '../../../src/extract/quality/headline.js';

const page = (body: string) => parseHtml(`<!doctype html><html><body>${body}</body></html>`, 'https://paper.example/a');

describe('the headline', () => {
  it('is found in an h1 that says the title without the site name the title carries', () => {
    const headings = pageHeadings(page('<h2>Latest</h2><h1>Footbridge reopens after two years</h1><p>Story.</p>'));
    expect(headings).toEqual(['latest', 'footbridge reopens after two years']);
    expect(headlineSaysTitle(headings, 'Footbridge reopens after two years | The Courier')).toBe(true);
  });

  it('is not found in section headings, a heading that only starts like the title, or without a title', () => {
    const headings = pageHeadings(page('<h1>The Courier</h1><h2>Footbridge news and more from the town and its river</h2><h2>Comments</h2>'));
    expect(headlineSaysTitle(headings, 'Footbridge reopens after two years')).toBe(false);
    expect(headlineSaysTitle(headings, null)).toBe(false);
  });

  it('reads only the first headings of a page that has hundreds', () => {
    const many = Array.from({ length: 300 }, (_, i) => `<h2>Item ${i}</h2>`).join('') + '<h1>Footbridge reopens after two years</h1>';
    const headings = pageHeadings(page(many));
    expect(headings.length).toBeLessThan(300);
    expect(headlineSaysTitle(headings, 'Footbridge reopens after two years')).toBe(false);
  });
});

describe("the headline's lead", () => {
  const title = ['Kitchen Notes » Blog Archive » A New Arrival'];

  it("is the first block saying something under the heading that says the title's longest part, not under the site name", () => {
    const root = page(`<h1><a href="/">Kitchen Notes</a></h1><p>Habits of calm kitchens, a blog.</p>
      <div class="post"><h2>A New Arrival</h2><p><a href="/c/">General</a> · <a href="/a/">the author</a></p><p><img src="/a.jpg"></p>
      <div><p>Ada Rose, born 6 November. Future kitchen chemist…</p></div></div>`).body!;
    expect(headlineLead(root, title)?.text).toBe('Ada Rose, born 6 November. Future kitchen chemist…');
    expect(headlineLead(root, title)?.headline.textContent).toBe('A New Arrival');
  });

  it('is none without a heading in the title, or with nothing under the headline before the next heading', () => {
    expect(headlineLead(page('<h2>Latest</h2><p>Ada Rose, born 6 November. Future kitchen chemist…</p>').body!, title)).toBeNull();
    expect(headlineLead(page('<h2>A New Arrival</h2><p>Two words.</p><h2>Archives</h2><p>Older posts of the blog, by month and year.</p>').body!, title)).toBeNull();
  });
});

/**
 * Trimming after the story's end (src/extract/quality/trim-tail.ts): teasers of other pages
 * closing on a read-more link, and containers Readability appended after the story's own that
 * hold no prose. Each removes whole blocks only; what the story says in the same shape stays.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { HARBOUR_STORY, HARBOUR_URL } from './harbour-story.js';

const url = HARBOUR_URL;
const story = HARBOUR_STORY;

/** The text of a page whose story is followed by `after` inside the same wrapper, and by `outside` after the article. */
function extract(after: string, outside = ''): string {
  const html = `<!doctype html><html><head><title>The harbour</title></head><body><div id="page"><div class="wrap"><article>
    <h1>The harbour</h1>${story}${after}</article>${outside}</div></div></body></html>`;
  return extractArticle({ html, url, source: 'page.html' }).text;
}

describe('teasers of other pages after the story', () => {
  const teaser = (headline: string, summary: string, more: string) =>
    `<li><h3><a href="/${headline.length}">${headline}</a></h3><p>${summary} <a href="/${headline.length}">${more}</a></p></li>`;

  it('removes a list of headlines with summaries closing on "Read more…" or "Weiterlesen", headline and all', () => {
    const text = extract(
      `<ul>${teaser('Ferry to sail again in May', 'The town ferry, back from the yard with a new keel, will sail again before the summer season begins in earnest.', 'Read more...')}` +
        `${teaser('Neue Mole eröffnet', 'Die neue Mole am Nordhafen ist fertig und wurde am Samstag von der Bürgermeisterin mit einem Fest eröffnet.', 'Weiterlesen »')}</ul>`,
    );
    expect(text).not.toContain('Ferry to sail again in May');
    expect(text).not.toContain('will sail again before the summer');
    expect(text).not.toContain('Neue Mole');
    expect(text).toContain('Story paragraph 4');
  });

  it('leaves alone a closing paragraph that ends on another link, and teasers among the story\'s own paragraphs (a digest)', () => {
    const own = 'The council will publish the full costs of the work next month, and the minutes are on its site: <a href="/minutes">the minutes</a>.';
    expect(extract(`<p>${own}</p>`)).toContain('the minutes are on its site: the minutes.');
    const digest = `<p>Several lessons emerge from the rebuilding of the wall, and the town should weigh them carefully. <a href="/lessons">Continue reading</a></p>${story.replace(/Story/g, 'Digest')}`;
    expect(extract(digest)).toContain('Several lessons emerge from the rebuilding of the wall');
  });
});

describe('containers without prose after the story', () => {
  it('removes boxes of labels and links appended after the article: featured pictures under a heading, a gallery link, site links', () => {
    const picture = (i: number) => `<li><a href="/p${i}"><figure><img src="/img/${i}.jpg" alt="Picture ${i}" width="300" height="200"></figure></a></li>`;
    const text = extract(
      '',
      `<section class="promo"><h2>Featured Posts</h2><ul>${[1, 2, 3].map(picture).join('')}</ul></section><section><h2>Connect With Us</h2></section>` +
        `<div class="box"><p><b>PHOTOS OF THE DAY</b></p><p><a href="/g">VIEW PHOTO GALLERIES</a></p></div>` +
        `<div class="links"><h2>Paper links</h2><ul><li><a href="/m">Mobile site</a></li><li><a href="/t">Terms of Use</a></li><li><a href="/c">Contact Us</a></li></ul></div>`,
    );
    for (const label of ['Featured Posts', 'Connect With Us', 'PHOTOS OF THE DAY', 'VIEW PHOTO GALLERIES', 'Paper links', 'Terms of Use']) expect(text).not.toContain(label);
    expect(text).toContain('Story paragraph 4');
  });

  it('leaves alone a container after the story that says something: a correction under its heading, a list of facts without links', () => {
    const text = extract(
      '',
      `<div class="note"><h3>Correction</h3><p>An earlier version misspelled the harbour master's name.</p></div>` +
        `<div class="facts"><ul><li>Wall: 300 metres</li><li>Stones: 12,000</li><li>Cost: 2 million</li></ul></div>`,
    );
    expect(text).toContain("An earlier version misspelled the harbour master's name.");
    expect(text).toContain('Stones: 12,000');
  });
});

/**
 * A short post and Readability's retries (src/extract/quality/first-pass.ts): below 500
 * characters Readability drops its name rules and takes the sidebar's long "About me"; the
 * post its first pass found is kept. Where the later result holds the first pass, it stays.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { parseHtml } from '../../../src/extract/parse.js';
import { loadAebDev } from '../../../eval/corpus.js';
import type { Element } from '../../../src/extract/dom.js';
import { textOf } from '../../../src/extract/quality/dom.js';
import { headlinePassInstead } from '../../../src/extract/quality/first-pass.js';
import { headlineLead } from '../../../src/extract/quality/headline.js';

const url = 'https://blog.example/2012/10/top-five.html';
const post = `<div class="post"><h3 class="post-title">Top five posts of the week</h3><div class="post-body">
  • The worst quotation marks of the year, collected on a wall.<br>• Seven celebrity adverts from the last seven years.<br>
  • A bathroom sign that quotes a poet.<br>• A subway poster placed under the wrong president.<br></div>
  <p class="post-footer">posted by the author @ 2:23 PM</p></div>`;
const profile = `<div id="sidebar"><div id="profile-container"><h2 class="sidebar-title">About Me</h2><p class="profile-textblock">${'I have written adverts in this city for nineteen years and I dislike a long list of things, which follows here at length. '.repeat(8)}</p></div></div>`;

function page(body: string): string {
  return `<!doctype html><html><head><title>Top five posts of the week</title></head><body><div id="content">${body}</div></body></html>`;
}

describe("a short post beside a sidebar's About me", () => {
  it('keeps the post its first pass found, not the profile Readability retried into', () => {
    const { text } = extractArticle({ html: page(`${profile}<div id="main">${post}</div>`), url, source: 'page.html' });
    expect(text).toContain('Seven celebrity adverts from the last seven years.');
    expect(text).not.toContain('I have written adverts in this city');
  });

  it('leaves alone a story long enough for the first pass', () => {
    const long = `<div class="post"><div class="post-body">${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of a longer post tells the week's news at length, with enough words to pass the threshold.</p>`).join('')}</div></div>`;
    const { text } = extractArticle({ html: page(`${profile}<div id="main">${long}</div>`), url, source: 'page.html' });
    expect(text).toContain('Paragraph 5 of a longer post');
    expect(text).not.toContain('I have written adverts in this city');
  });
});

/**
 * Every pass short (src/extract/quality/first-pass.ts, headlinePassInstead): a post of one line
 * under its headline, with the comments taken out, leaves Readability nothing of 500 characters;
 * it keeps its longest pass, the sidebar's "About me". The pass holding the text under the
 * headline is the story.
 */
describe('a post of one line under its headline, every pass short', () => {
  const aboutMe = (times = 3) => `<div id="sidebar"><ul><li id="text-2" class="widget widget_text"><div class="textwidget"><p>${'I am a chemist, a cook and a parent, interested in why some kitchens run calmly, cleanly, happily, while so many others do not. '.repeat(times)}</p></div></li>
    </ul></div>`;
  const blogPage = (post: string, about = aboutMe()) => `<!doctype html><html><head><title>Kitchen Notes » Blog Archive » A New Arrival</title></head><body>
    <div id="header"><h1><a href="/">Kitchen Notes</a></h1><div class="description">Habits of calm kitchens</div></div>
    <div id="wrap"><div id="content"><div class="post" id="post-2567">${post}</div></div>${about}</div></body></html>`;
  // What follows a post on such a blog: its links and the reply form (the cleaning takes the form out).
  const reply = `<div class="entrymeta"><ul><li><a href="/2012/11/07/a-new-arrival/trackback/">Trackback-URL</a></li><li><a href="/2012/11/07/a-new-arrival/feed/">comments feed for this post</a></li></ul></div>
    <h3 id="respond">Leave a Reply</h3><form id="commentform" action="/wp-comments-post.php" method="post"><p><input type="text" name="author"><label for="author"><strong>Name</strong> (required)</label></p>
    <p><input type="text" name="email"><label for="email"><strong>Mail</strong> (will not be published) (required)</label></p><p><textarea name="comment"></textarea></p><p><input type="submit" value="Submit Comment"></p></form>`;
  const headline = `<h2><a href="/2012/11/07/a-new-arrival/" rel="bookmark">A New Arrival</a></h2>
    <span class="post-cat"><a href="/category/general/">General</a></span> <span class="post-author"><a href="/author/">the author</a></span>`;

  it('takes the pass under the headline, not the longest one in the sidebar', () => {
    const post = `${headline}<div class="post-content"><p><img src="/baby.jpg" alt=""></p><p>Ada Rose, born 6 November. Future kitchen chemist…</p></div>${reply}`;
    const { text } = extractArticle({ html: blogPage(post), url, source: 'page.html' });
    expect(text).toContain('Ada Rose, born 6 November. Future kitchen chemist');
    expect(text).not.toContain('I am a chemist, a cook');
  });

  it('leaves the longest pass alone when it holds the text under the headline', () => {
    // Two short paragraphs and a shorter "About me": every pass short, the longest holds the post whole.
    const post = `${headline}<div class="post-content"><p>Ada Rose was born on 6 November, and the kitchen has been quieter than we feared: a note on the first week.</p>
      <p>The bottles are boiled in the big pan and dried on the rack by the window, and the kettle has its own shelf now, out of reach of everyone.</p></div>${reply}`;
    const { text } = extractArticle({ html: blogPage(post, aboutMe(1)), url, source: 'page.html' });
    expect(text).toContain('Ada Rose was born on 6 November');
    expect(text).toContain('The bottles are boiled in the big pan');
  });

  it('moves nothing on a page without a heading that says its title', () => {
    const post = `<h2>Latest</h2><div class="post-content"><p><img src="/baby.jpg" alt=""></p><p>Ada Rose, born 6 November. Future kitchen chemist…</p></div>${reply}`;
    const { text } = extractArticle({ html: blogPage(post), url, source: 'page.html' });
    // Readability's longest pass, as before: where the story is, the page does not say.
    expect(text).toContain('I am a chemist, a cook');
  });
});

/**
 * Every pass short and none holding the lead (headlinePassInstead): Readability's scoring passed
 * over a story made of links and kept the footer's address; the region under the headline is the story.
 */
describe('a story of links its passes never reached', () => {
  const items = ['Streaming service cuts its prices again this winter', 'A label signs the band that sold out the arena', 'Concert tickets move to phones at six more venues'];
  const document = parseHtml(
    `<!doctype html><html><head><title>Rewind: the week in music - Tunesheet</title></head><body><div id="main">
      <div class="entry"><h2><a href="/rewind">Rewind: the week in music</a></h2><p>The week's news in short, with a link to each story below.</p>
      <ul>${items.map((t, i) => `<li><a href="/s${i}">${t}</a></li>`).join('')}</ul></div>
      <div class="menu"><h2>Rewind: the week in music</h2><p><a href="/a">Archive of every week in music</a> <a href="/b">Subscribe</a></p></div></div>
      <div id="bottom"><p>Tunesheet, 801 Harbour Street, Portland, Maine, 207-555-0142</p></div></body></html>`,
    url,
  );
  const address = document.querySelector('#bottom p')!.cloneNode(true) as Element;
  const reader = { _attempts: [{ articleContent: address, textLength: 59 }], _postProcessContent: () => {} };

  it('takes a copy of the region holding the headline and its lead, the page left as it is', () => {
    const region = headlinePassInstead(reader, address, () => headlineLead(document.body!, ['Rewind: the week in music - Tunesheet']));
    expect(textOf(region!)).toContain('Streaming service cuts its prices again this winter');
    expect(textOf(region!)).not.toContain('801 Harbour Street');
    expect(document.querySelector('.entry ul')).not.toBeNull();
  });

  it('keeps the pass when the region under the headline is the whole page or a menu of links', () => {
    const flat = parseHtml(`<!doctype html><html><body><h2>Rewind: the week in music</h2><p>The week's news in short, with a link to each story below.</p></body></html>`, url);
    expect(headlinePassInstead(reader, address, () => headlineLead(flat.body!, ['Rewind: the week in music']))).toBeNull();
    const menu = parseHtml(`<!doctype html><html><body><div><h2>Rewind: the week in music</h2><p><a href="/a">Archive of every week in music and more</a> <a href="/b">Subscribe to the weekly letter today</a> five more words here</p></div></body></html>`, url);
    expect(headlineLead(menu.body!, ['Rewind: the week in music'])).toBeNull();
  });
});

describe('a page whose root element is gone after Readability', () => {
  it('is still extracted on linkedom: the headline is looked for only where the page has a body', () => {
    // A corpus page on which linkedom's document.body throws after Readability's passes.
    const page = loadAebDev().find((p) => p.id.startsWith('05844573'));
    expect(page).toBeDefined();
    const article = extractArticle({ html: page!.html, url: page!.url, source: 'page.html' });
    expect(article.warnings.filter((w) => w.includes('extracted with jsdom'))).toEqual([]);
    expect(article.wordCount).toBeGreaterThan(500);
  });
});

/**
 * Pages of several posts (src/extract/quality/posts.ts): where Readability takes one of the
 * page's posts, every post is kept, in page order, each with its heading; related-story teasers
 * after a story, comment threads and galleries are not posts.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { parseHtml } from '../../../src/extract/parse.js';
import { markPosts, POST_ATTRIBUTE, unmarkPosts, withEveryPost } from '../../../src/extract/quality/posts.js';
import { textOf } from '../../../src/extract/quality/dom.js';

const url = 'https://band.example/index.html';

/** A sentence of a post's prose, different per post and per sentence. */
const prose = (post: string, n: number) =>
  Array.from({ length: n }, (_, i) => `<p>${post} news, part ${i + 1}: the band plays its new songs in small rooms this winter, and tickets go on sale at the door of each hall before the show.</p>`).join('');

const titles = ['Winter shows announced', 'A new record in the spring', 'Demos before the record'];

/**
 * A band's news page of its time: a layout table, the menu in the first row's left cell, one
 * post per row in a cell of its own. Readability scores each cell alone and takes the longest.
 */
function tablePage(): string {
  const menu = `<td class="menu" rowspan="4"><p><a href="/news">NEWS</a><br><a href="/shows">TOUR DATES</a><br><a href="/records">RECORDS</a><br><a href="/contact">CONTACT</a></p></td>`;
  const post = (title: string, paragraphs: number) => `<td class="content"><h1>${title}</h1>${prose(title, paragraphs)}</td>`;
  return `<!doctype html><html><head><title>The Night Ferries</title></head><body><table>
    <tr><td class="header" colspan="2"><img src="/header.gif" alt=""></td></tr>
    <tr>${menu}${post(titles[0]!, 1)}</tr>
    <tr>${post(titles[1]!, 6)}</tr>
    <tr>${post(titles[2]!, 1)}</tr>
    </table><p class="footer">© The Night Ferries</p></body></html>`;
}

/** A blog's front page: each post its own block (a heading, then the entry's text); Readability takes the longest entry. */
function blogPage(): string {
  const post = (title: string, paragraphs: number) =>
    `<div class="row"><div class="post"><h2>${title}</h2><div class="entry">${prose(title, paragraphs)}</div></div></div>`;
  return `<!doctype html><html><head><title>The Night Ferries</title></head><body>
    <div id="menu"><p><a href="/news">NEWS</a><br><a href="/shows">TOUR DATES</a><br><a href="/records">RECORDS</a></p></div>
    <div id="main">${post(titles[0]!, 2)}${post(titles[1]!, 8)}${post(titles[2]!, 2)}</div></body></html>`;
}

describe('a page of several posts', () => {
  it.each([
    ['a blog front page', blogPage],
    ['a layout table, one post per row', tablePage],
  ])('keeps all three posts of %s, in page order, each with its heading', (_, page) => {
    const article = extractArticle({ html: page(), url, source: 'index.html' });
    const order = titles.map((title) => article.markdown.search(new RegExp(`^#+ ${title}$`, 'm')));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const title of titles) expect(article.text).toContain(`${title} news, part 1`);
    expect(article.text).not.toContain('TOUR DATES');
    expect(article.html).not.toContain('data-clipfile-post');
  });

  it('finds the posts as one group of three, and puts the missing ones around the one taken', () => {
    const document = parseHtml(tablePage(), url);
    const posts = markPosts(document);
    expect(posts.groups.map((group) => group.length)).toEqual([3]);
    // Readability's content holding the second post only.
    const content = document.createElement('div');
    content.append(document.querySelectorAll('td.content')[1]!);
    const kept = withEveryPost(content, posts);
    expect(Array.from(kept.querySelectorAll('h1')).map((h) => textOf(h))).toEqual(titles);
    unmarkPosts(kept);
    expect(kept.querySelector(`[${POST_ATTRIBUTE}]`)).toBeNull();
  });

  it("takes the posts whole where Readability took one post's text under its heading", () => {
    const document = parseHtml(blogPage(), url);
    const posts = markPosts(document);
    const content = document.createElement('div');
    content.append(document.querySelectorAll('div.entry')[1]!);
    const kept = withEveryPost(content, posts);
    expect(Array.from(kept.querySelectorAll('h2')).map((h) => textOf(h))).toEqual(titles);
    expect(textOf(kept)).toContain('Demos before the record news, part 2');
  });
});

describe('not posts', () => {
  const story = `<article class="story"><h1>Footbridge reopens after two years of repairs</h1>
    ${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the story: the footbridge over the river opened again on Monday morning, and the first walkers crossed it before eight, the council said in its statement.</p>`).join('')}</article>`;
  const teaser = (title: string, longer = false) => `<div class="card"><h3><a href="/${title.toLowerCase().replace(/ /g, '-')}">${title}</a></h3>
    <p>${title}: what the town council decided about it on Tuesday evening, and what the neighbours on both banks of the river said about the plans for the coming summer months${longer ? ', when the boats are out and the quays are full of visitors from the city' : ''}.</p><a href="/more">Read more</a></div>`;
  const newsPage = (longer = false) => `<!doctype html><html><head><title>Footbridge reopens after two years of repairs</title></head><body><div id="main">${story}
    <div class="cards"><h2>From the river</h2>${['Ferry times change', 'Quay wall to be rebuilt', 'Boat club wins cup'].map((title) => teaser(title, longer)).join('')}</div></div></body></html>`;

  it('leaves out three teaser cards after a news story', () => {
    const article = extractArticle({ html: newsPage(), url: 'https://paper.example/footbridge', source: 'footbridge.html' });
    expect(article.text).toContain('Paragraph 6 of the story');
    for (const title of ['Ferry times change', 'Quay wall to be rebuilt', 'Boat club wins cup']) expect(article.text).not.toContain(title);
  });

  it('adds no card to the story where the cards are long enough to be posts of one shape: the story is none of them', () => {
    const document = parseHtml(newsPage(true), 'https://paper.example/footbridge');
    const posts = markPosts(document);
    expect(posts.groups.map((group) => group.length)).toEqual([3]);
    const content = document.createElement('div');
    content.append(document.querySelector('article')!);
    expect(textOf(withEveryPost(content, posts))).not.toContain('Ferry times change');
  });

  it('leaves reader comments in comments[], not in the story', () => {
    const comment = (who: string) => `<li class="comment"><div class="comment-author"><h4>${who}</h4></div><div class="comment-body">${prose(`${who} wrote`, 2)}</div></li>`;
    const html = `<!doctype html><html><head><title>Footbridge reopens</title></head><body><div id="main">${story}
      <div id="comments"><h3>3 comments</h3><ol class="commentlist">${comment('Ann')}${comment('Bo')}${comment('Cy')}</ol></div></div></body></html>`;
    const article = extractArticle({ html, url: 'https://paper.example/footbridge', source: 'footbridge.html' });
    expect(article.text).toContain('Paragraph 6 of the story');
    expect(article.text).not.toContain('Ann wrote news');
    expect(article.comments.map((c) => c.text).join(' ')).toContain('Ann wrote news');
  });

  it('finds no group in a gallery of captioned pictures', () => {
    const picture = (n: number) => `<div class="slide"><h3>Picture ${n}</h3><img src="/p${n}.jpg" alt=""><p>The footbridge from the north bank, morning.</p></div>`;
    const document = parseHtml(`<!doctype html><html><body><div class="gallery">${[1, 2, 3, 4].map(picture).join('')}</div></body></html>`, url);
    expect(markPosts(document).groups).toEqual([]);
  });
});

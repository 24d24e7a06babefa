/**
 * The shared reading of embed markup (src/extract/embeds/markup.ts): URLs resolved against the
 * page and limited to the web, the text a reader sees in a post, the "— Name (@handle)" credit,
 * the shape Twitter and Bluesky share, merging two records of one post, and players' titles.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/parse.js';
import type { Document, Element } from '../../../src/extract/dom.js';
import {
  hostIs,
  litePlayerId,
  litePlayerTitle,
  makeEmbed,
  mergeEmbeds,
  paragraphsOf,
  parseCredit,
  pickPermalink,
  readQuotedPost,
  readableText,
  resolveUrl,
  videoTitle,
  webUrl,
} from '../../../src/extract/embeds/markup.js';
import { embed } from '../../helpers/embeds.js';

const PAGE_URL = 'https://news.example/2024/05/story.html';

function page(body: string, head = ''): Document {
  return parseHtml(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, PAGE_URL);
}

function first(body: string, selector: string, head = ''): Element {
  const element = page(body, head).querySelector(selector);
  if (!element) throw new Error(`no ${selector} in the test page`);
  return element;
}

describe('resolveUrl and webUrl', () => {
  it('resolves a relative href against the page, or against its <base>', () => {
    const anchor = first('<a href="../pics/a.jpg">x</a>', 'a');
    expect(resolveUrl(anchor.getAttribute('href'), anchor)?.href).toBe('https://news.example/2024/pics/a.jpg');
    const based = first('<a href="p/1">x</a>', 'a', '<base href="https://cdn.example/root/">');
    expect(resolveUrl(based.getAttribute('href'), based)?.href).toBe('https://cdn.example/root/p/1');
  });

  it('trims the value, and gives null for absent, blank or unparsable ones', () => {
    const anchor = first('<a>x</a>', 'a');
    expect(resolveUrl('  https://a.example/x  ', anchor)?.href).toBe('https://a.example/x');
    expect(resolveUrl(null, anchor)).toBeNull();
    expect(resolveUrl(undefined, anchor)).toBeNull();
    expect(resolveUrl('   ', anchor)).toBeNull();
    expect(resolveUrl('http://[::1', anchor)).toBeNull();
  });

  it('keeps only http and https URLs: a data-href may say javascript: or data:', () => {
    expect(webUrl(new URL('http://a.example/'))?.href).toBe('http://a.example/');
    expect(webUrl(new URL('https://a.example/'))?.href).toBe('https://a.example/');
    expect(webUrl(new URL('javascript:alert(1)'))).toBeNull();
    expect(webUrl(new URL('data:text/html,hi'))).toBeNull();
    expect(webUrl(new URL('ftp://a.example/f'))).toBeNull();
    expect(webUrl(null)).toBeNull();
  });
});

describe('hostIs', () => {
  it('matches the domain and its subdomains, in any case, and nothing that merely ends alike', () => {
    expect(hostIs(new URL('https://twitter.com/x'), 'twitter.com')).toBe(true);
    expect(hostIs(new URL('https://MOBILE.Twitter.com/x'), 'twitter.com')).toBe(true);
    expect(hostIs(new URL('https://nottwitter.com/x'), 'twitter.com')).toBe(false);
    expect(hostIs(new URL('https://twitter.com.evil.example/x'), 'twitter.com')).toBe(false);
  });
});

describe('readableText', () => {
  it('collapses whitespace, keeps <br> as a line break and blocks as blank lines, links as their text', () => {
    const root = first(
      `<div id="r">One   <a href="/x">linked</a>
        word<br>next line<p>A paragraph</p><ul><li>item</li></ul>tail</div>`,
      '#r',
    );
    expect(readableText(root)).toBe('One linked word\nnext line\n\nA paragraph\n\nitem\n\ntail');
  });

  it('leaves out scripts, styles, buttons and svg, and whatever `skip` names', () => {
    const root = first(
      `<div id="r">Kept<script>var x = 1;</script><style>p{}</style><button>Follow</button><svg><text>icon</text></svg><span class="drop">dropped</span> end</div>`,
      '#r',
    );
    expect(readableText(root, (node) => node.nodeType === 1 && (node as Element).getAttribute('class') === 'drop')).toBe(
      'Kept end',
    );
  });

  it('gives an empty string for markup without text', () => {
    expect(readableText(first('<div id="r"><p> </p><br></div>', '#r'))).toBe('');
  });
});

describe('paragraphsOf', () => {
  it('gives the outermost <p> elements only', () => {
    // A parser closes a <p> at a block start, so nesting needs a non-parser-closing container.
    const root = first('<div id="r"><p>one</p><div><p>two</p></div></div>', '#r');
    expect(paragraphsOf(root).map((p) => p.textContent)).toEqual(['one', 'two']);
  });
});

describe('parseCredit', () => {
  it('reads "— Name (@handle)" with any dash, or none', () => {
    expect(parseCredit('\u2014 Jane Roe (@jroe) May 1, 2020')).toEqual({ name: 'Jane Roe', handle: 'jroe' });
    expect(parseCredit('\u2013 Jane Roe (@j.roe_2)')).toEqual({ name: 'Jane Roe', handle: 'j.roe_2' });
    expect(parseCredit('- Jane  Roe ( @jroe )')).toEqual({ name: 'Jane Roe', handle: 'jroe' });
    expect(parseCredit('Jane Roe (@jroe)')).toEqual({ name: 'Jane Roe', handle: 'jroe' });
  });

  it('keeps the handle when no name stands before it', () => {
    expect(parseCredit('\u2014 (@jroe)')).toEqual({ name: null, handle: 'jroe' });
  });

  it('without a handle, takes a name only from a dash-led line', () => {
    expect(parseCredit('\u2014 Jane Roe')).toEqual({ name: 'Jane Roe', handle: null });
    expect(parseCredit('some leftover words')).toEqual({ name: null, handle: null });
    expect(parseCredit('')).toEqual({ name: null, handle: null });
  });
});

describe('pickPermalink', () => {
  it('takes the last link outside the text paragraphs, else the last link', () => {
    const quote = first(
      '<blockquote><p>Text <a id="in" href="/a">in</a></p>\u2014 N (@n) <a id="date" href="/b">date</a><a id="later" href="/c">more</a></blockquote>',
      'blockquote',
    );
    const links = [...quote.querySelectorAll('a')].map((anchor) => ({ anchor }));
    expect(pickPermalink(links, quote)?.anchor.getAttribute('id')).toBe('later');
    expect(pickPermalink(links.slice(0, 1), quote)?.anchor.getAttribute('id')).toBe('in');
    expect(pickPermalink([], quote)).toBeUndefined();
  });
});

describe('readQuotedPost', () => {
  function read(body: string): ReturnType<typeof readQuotedPost> {
    const quote = first(body, 'blockquote');
    const anchors = [...quote.querySelectorAll('a[href]')].map((anchor) => ({ anchor }));
    return readQuotedPost(quote, pickPermalink(anchors, quote)?.anchor ?? null);
  }

  it('reads <p>TEXT</p> — Name (@handle) <a>date</a>', () => {
    expect(read('<blockquote><p>Hello   world</p>&mdash; Jane Roe (@jroe) <a href="/s/1">May 1, 2020</a></blockquote>')).toEqual({
      text: 'Hello world',
      name: 'Jane Roe',
      handle: 'jroe',
      date: 'May 1, 2020',
    });
  });

  it('reads a credit that a CMS wrapped in a <p> of its own, and keeps it out of the text', () => {
    expect(
      read('<blockquote><p>First</p><p>Second</p><p>&mdash; Jane Roe (@jroe) <a href="/s/1">May 1, 2020</a></p></blockquote>'),
    ).toEqual({ text: 'First\n\nSecond', name: 'Jane Roe', handle: 'jroe', date: 'May 1, 2020' });
  });

  it('reads markup without <p>: the text runs up to the last dash', () => {
    expect(read('<blockquote>Just text<br>two lines &mdash; Jane Roe (@jroe) <a href="/s/1">May 1</a></blockquote>')).toEqual({
      text: 'Just text\ntwo lines',
      name: 'Jane Roe',
      handle: 'jroe',
      date: 'May 1',
    });
  });

  it('keeps the whole text when no credit follows, and gives null date without a permalink', () => {
    expect(readQuotedPost(first('<blockquote>Only words<br>here</blockquote>', 'blockquote'), null)).toEqual({
      text: 'Only words\nhere',
      name: null,
      handle: null,
      date: null,
    });
  });

  it('takes a dash-led tail without a handle for the name', () => {
    expect(readQuotedPost(first('<blockquote>Words here \u2014 Jane Roe</blockquote>', 'blockquote'), null)).toEqual({
      text: 'Words here',
      name: 'Jane Roe',
      handle: null,
      date: null,
    });
  });
});

describe('makeEmbed and mergeEmbeds', () => {
  it('makes a record with every field not given set to null', () => {
    expect(makeEmbed('tweet', 'https://twitter.com/i/web/status/1', { id: '1' })).toEqual(
      embed({ kind: 'tweet', url: 'https://twitter.com/i/web/status/1', id: '1' }),
    );
  });

  it('keeps the richer record and fills its gaps from the other, in either order', () => {
    const rich = makeEmbed('tweet', 'https://twitter.com/a/status/1', { id: '1', authorName: 'A', text: 'T', date: 'D' });
    const poor = makeEmbed('tweet', 'https://twitter.com/i/web/status/1', { id: '1', authorHandle: 'a' });
    const merged = embed({
      kind: 'tweet',
      url: 'https://twitter.com/a/status/1',
      id: '1',
      authorName: 'A',
      authorHandle: 'a',
      text: 'T',
      date: 'D',
    });
    expect(mergeEmbeds(rich, poor)).toEqual(merged);
    expect(mergeEmbeds(poor, rich)).toEqual(merged);
  });
});

describe('videoTitle and the click-to-load players', () => {
  it("drops players' generic titles and keeps a real one", () => {
    for (const generic of ['YouTube video player', 'vimeo player', 'Embedded content', 'iframe', 'VIDEO']) {
      expect(videoTitle(generic)).toBeNull();
    }
    expect(videoTitle('  The harbour   rebuilt ')).toBe('The harbour rebuilt');
    expect(videoTitle('YouTube video player: harbour')).toBe('YouTube video player: harbour');
    expect(videoTitle(null)).toBeNull();
  });

  it('reads a lite player title from title or playlabel, and its id from videoid or data-videoid', () => {
    expect(litePlayerTitle(first('<lite-youtube videoid="abc" playlabel="Play: Harbour tour"></lite-youtube>', 'lite-youtube'))).toBe(
      'Harbour tour',
    );
    expect(litePlayerTitle(first('<lite-youtube title="Harbour" playlabel="Play: other"></lite-youtube>', 'lite-youtube'))).toBe(
      'Harbour',
    );
    expect(litePlayerTitle(first('<lite-vimeo title="Vimeo video"></lite-vimeo>', 'lite-vimeo'))).toBeNull();
    expect(litePlayerId(first('<lite-youtube videoid=" abc "></lite-youtube>', 'lite-youtube'))).toBe('abc');
    expect(litePlayerId(first('<amp-youtube data-videoid="xyz"></amp-youtube>', 'amp-youtube'))).toBe('xyz');
    expect(litePlayerId(first('<lite-youtube></lite-youtube>', 'lite-youtube'))).toBeNull();
  });
});

/**
 * Facebook on its own (src/extract/embeds/facebook.ts): the SDK's fb-post / fb-video plugins
 * with their fallback blockquote, <amp-facebook>, plugin iframes, and the ids of Facebook URLs.
 */
import { describe, expect, it } from 'vitest';
import { facebookProvider } from '../../../src/extract/embeds/facebook.js';
import { findEmbeds } from '../../../src/extract/embeds/index.js';
import { fromFrame, page, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

const plugin = (href: string, inner = '', kind = 'fb-post') => `<div class="${kind}" data-href="${href}">${inner}</div>`;

describe('the SDK plugin', () => {
  it('reads text, "Posted by Name on date" and the post id from the fallback blockquote', () => {
    const href = 'https://www.facebook.com/harbourtown/posts/10158000';
    expect(
      parseWith(
        facebookProvider,
        plugin(href, `<blockquote cite="${href}" class="fb-xfbml-parse-ignore"><p>The ferry runs again.</p>Posted by <a href="https://www.facebook.com/harbourtown">Harbour Town</a> on <a href="${href}">Friday, 4 June 2021</a></blockquote>`),
        'div',
      ),
    ).toEqual(
      embed({ kind: 'facebook', id: '10158000', url: href, authorName: 'Harbour Town', text: 'The ferry runs again.', date: 'Friday, 4 June 2021' }),
    );
  });

  it("takes a video's title from the link before its text", () => {
    const href = 'https://www.facebook.com/harbourtown/videos/987654/';
    expect(
      parseWith(
        facebookProvider,
        plugin(href, `<blockquote cite="${href}"><a href="${href}">Ferry at dawn</a><p>Filmed this morning</p>Posted by <a href="/h">Harbour Town</a></blockquote>`, 'fb-video'),
        'div',
      ),
    ).toEqual(embed({ kind: 'facebook', id: '987654', url: href, authorName: 'Harbour Town', text: 'Filmed this morning', title: 'Ferry at dawn' }));
  });

  it('reads ids from story_fbid, fbid and v parameters, and none from a page or a section alone', () => {
    const idOf = (href: string) => parseWith(facebookProvider, plugin(href), 'div')?.id;
    expect(idOf('https://www.facebook.com/permalink.php?story_fbid=123&id=9')).toBe('123');
    expect(idOf('https://www.facebook.com/photo.php?fbid=456')).toBe('456');
    expect(idOf('https://www.facebook.com/watch/?v=789')).toBe('789');
    expect(idOf('https://www.facebook.com/harbourtown/photos/a.1/321/')).toBe('321');
    expect(idOf('https://www.facebook.com/harbourtown')).toBeNull();
    expect(idOf('https://www.facebook.com/harbourtown/posts/')).toBeNull();
  });

  it('takes the URL from the blockquote cite when data-href is missing, resolved against the page', () => {
    expect(parseWith(facebookProvider, '<div class="fb-post"><blockquote cite="/harbour/posts/55"><p>T</p></blockquote></div>', 'div')).toEqual(
      embed({ kind: 'facebook', id: '55', url: 'https://news.example/harbour/posts/55', text: 'T' }),
    );
  });

  it('refuses a data-href that is no web URL', () => {
    expect(parseWith(facebookProvider, '<div class="fb-post" data-href="javascript:alert(1)"></div>', 'div')).toBeNull();
  });

  it('reads <amp-facebook data-href>', () => {
    expect(parseWith(facebookProvider, '<amp-facebook data-href="https://www.facebook.com/p/posts/66"></amp-facebook>', 'amp-facebook')).toEqual(
      embed({ kind: 'facebook', id: '66', url: 'https://www.facebook.com/p/posts/66' }),
    );
  });

  it('after the SDK ran, reads the plugin iframe left inside the div', () => {
    expect(
      findEmbeds(
        page('<div class="fb-post"><span><iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fp%2Fposts%2F77&width=500"></iframe></span></div>'),
      ).map((f) => f.embed),
    ).toEqual([embed({ kind: 'facebook', id: '77', url: 'https://www.facebook.com/p/posts/77' })]);
  });
});

describe('plugin frames', () => {
  it('reads the post a post.php or video.php frame names, versioned or not', () => {
    expect(fromFrame(facebookProvider, 'https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fp%2Fvideos%2F88%2F')).toEqual(
      embed({ kind: 'facebook', id: '88', url: 'https://www.facebook.com/p/videos/88/' }),
    );
    expect(fromFrame(facebookProvider, 'https://www.facebook.com/v2.5/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fp%2Fposts%2F89')?.id).toBe('89');
  });

  it('claims a plugin frame without a web href (null), leaves other Facebook frames and hosts (undefined)', () => {
    expect(fromFrame(facebookProvider, 'https://www.facebook.com/plugins/post.php?href=javascript%3Aalert(1)')).toBeNull();
    expect(fromFrame(facebookProvider, 'https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fnews.example%2F')).toBeUndefined();
    expect(fromFrame(facebookProvider, 'https://www.youtube.com/plugins/post.php?href=x')).toBeUndefined();
  });
});

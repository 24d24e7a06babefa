import { describe, expect, it } from 'vitest';
import { findEmbeds } from '../../../src/extract/embeds/index.js';
import { parseHtml } from '../../../src/extract/parse.js';

const page = (body: string) => parseHtml(`<html><body><p>Lead paragraph of the story.</p>${body}</body></html>`, 'https://news.example/a');

/** One piece of each provider's markup, and what it must be found as. */
const MARKUP: [string, string, string][] = [
  ['tweet', '<blockquote class="twitter-tweet"><p>hi</p>— A (@a) <a href="https://twitter.com/a/status/123">May 1</a></blockquote>', 'https://twitter.com/a/status/123'],
  ['youtube', '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
  ['vimeo', '<lite-vimeo videoid="76979871"></lite-vimeo>', 'https://vimeo.com/76979871'],
  ['instagram', '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C9xYz12AbCd/"></blockquote>', 'https://www.instagram.com/p/C9xYz12AbCd/'],
  ['tiktok', '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@h/video/7412345678901234567" data-video-id="7412345678901234567"><section></section></blockquote>', 'https://www.tiktok.com/@h/video/7412345678901234567'],
  ['bluesky', '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3kx"><p>radar</p></blockquote>', 'https://bsky.app/profile/did:plc:abc/post/3kx'],
  ['mastodon', '<iframe src="https://mastodon.social/@user/113123456789012345/embed"></iframe>', 'https://mastodon.social/@user/113123456789012345'],
  ['facebook', '<div class="fb-post" data-href="https://www.facebook.com/town/posts/10161234567890123"></div>', 'https://www.facebook.com/town/posts/10161234567890123'],
];

describe('the embed providers (embeds/detect.ts registry)', () => {
  it.each(MARKUP)('finds a %s embed by its own markup', (kind, markup, url) => {
    const found = findEmbeds(page(markup));
    expect(found.map((f) => [f.embed.kind, f.embed.url])).toEqual([[kind, url]]);
  });

  it('finds every provider in one page, in page order, each once', () => {
    const found = findEmbeds(page(MARKUP.map(([, markup]) => markup).join('<p>Between the posts, some story text.</p>')));
    expect(found.map((f) => f.embed.kind)).toEqual(MARKUP.map(([kind]) => kind));
  });

  it('takes an iframe of no known platform for no embed', () => {
    expect(findEmbeds(page('<iframe src="https://maps.example/embed?q=harbour"></iframe>'))).toEqual([]);
  });

  it('a bare status link in a tweet-classed wrapper is a tweet, after every real markup', () => {
    const found = findEmbeds(page('<figure class="wp-block-embed-twitter"><a href="https://x.com/a/status/99">https://x.com/a/status/99</a></figure>'));
    expect(found.map((f) => f.embed.url)).toEqual(['https://x.com/a/status/99']);
  });
});

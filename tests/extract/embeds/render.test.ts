/**
 * renderEmbedMarkdown and renderEmbedText (src/extract/embeds/render.ts): every kind of embed
 * as a quote or a play link with its credit, page text escaped, link targets intact.
 */
import { describe, expect, it } from 'vitest';
import { renderEmbedMarkdown, renderEmbedText } from '../../../src/extract/embeds/index.js';
import { LISTER_EMBED, embed } from '../../helpers/embeds.js';

describe('renderEmbedMarkdown', () => {
  it('renders a tweet as a quote with a linked credit line', () => {
    expect(renderEmbedMarkdown(LISTER_EMBED)).toBe(
      [
        "> Head of #Tajikistan's special police forces (OMON), Col. Gulmurod Khalimov, appears in new #ISIS video pic.twitter.com/kBq4ZQhA5u",
        '>',
        '> — Charles Lister (@Charles_Lister), [May 28, 2015](https://twitter.com/Charles_Lister/status/604022543839940608)',
      ].join('\n'),
    );
  });

  it('keeps paragraphs and line breaks, and says "Tweet" when there is no date', () => {
    const tweet = embed({
      kind: 'tweet',
      id: '42',
      url: 'https://x.com/dev/status/42',
      authorHandle: 'dev',
      text: 'Line one\nLine two\n  \n\n\nSecond paragraph\n',
    });
    expect(renderEmbedMarkdown(tweet)).toBe(
      '> Line one\\\n> Line two\n>\n> Second paragraph\n>\n> — @dev, [Tweet](https://x.com/dev/status/42)',
    );
  });

  it('renders a text-less tweet as a link naming its id', () => {
    const rendered = embed({
      kind: 'tweet',
      id: '800384752746254337',
      url: 'https://twitter.com/i/web/status/800384752746254337',
    });
    expect(renderEmbedMarkdown(rendered)).toBe(
      '> [Tweet 800384752746254337](https://twitter.com/i/web/status/800384752746254337)',
    );
    expect(
      renderEmbedMarkdown({ ...rendered, authorHandle: 'jack', url: 'https://twitter.com/jack/status/800384752746254337' }),
    ).toBe('> [Tweet 800384752746254337 by @jack](https://twitter.com/jack/status/800384752746254337)');
  });

  it('renders videos as a play link, title optional', () => {
    const video = embed({
      kind: 'youtube',
      id: 'dQw4w9WgXcQ',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      title: 'Storm *surge* [warning]',
    });
    expect(renderEmbedMarkdown(video)).toBe(
      '[▶ YouTube: Storm \\*surge\\* \\[warning\\]](https://www.youtube.com/watch?v=dQw4w9WgXcQ)',
    );
    expect(renderEmbedMarkdown({ ...video, title: null })).toBe(
      '[▶ YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)',
    );
    expect(renderEmbedMarkdown(embed({ kind: 'vimeo', id: '1', url: 'https://vimeo.com/1', title: 'Waves' }))).toBe(
      '[▶ Vimeo: Waves](https://vimeo.com/1)',
    );
  });

  it('renders the other platforms in the same shape, naming the platform when there is no text', () => {
    expect(
      renderEmbedMarkdown(
        embed({
          kind: 'instagram',
          id: 'C9',
          url: 'https://www.instagram.com/p/C9/',
          authorName: 'Seafront Café',
          authorHandle: 'seafrontcafe',
          text: 'Our terrace',
        }),
      ),
    ).toBe('> Our terrace\n>\n> — Seafront Café (@seafrontcafe), [Instagram post](https://www.instagram.com/p/C9/)');
    expect(
      renderEmbedMarkdown(
        embed({ kind: 'tiktok', id: '7', url: 'https://www.tiktok.com/@x/video/7', authorHandle: 'x' }),
      ),
    ).toBe('> [TikTok video by @x](https://www.tiktok.com/@x/video/7)');
    expect(renderEmbedMarkdown(embed({ kind: 'bluesky', id: '3k', url: 'https://bsky.app/profile/did:plc:q/post/3k' }))).toBe(
      '> [Bluesky post](https://bsky.app/profile/did:plc:q/post/3k)',
    );
    expect(
      renderEmbedMarkdown(
        embed({ kind: 'mastodon', id: '9', url: 'https://mastodon.social/@a_b/9', authorHandle: 'a_b' }),
      ),
    ).toBe('> [Mastodon post by @a_b](https://mastodon.social/@a_b/9)');
    expect(renderEmbedMarkdown(embed({ kind: 'facebook', id: '5', url: 'https://www.facebook.com/x/posts/5' }))).toBe(
      '> [Facebook post](https://www.facebook.com/x/posts/5)',
    );
    expect(
      renderEmbedMarkdown(
        embed({
          kind: 'facebook',
          id: '9',
          url: 'https://www.facebook.com/x/videos/9/',
          authorName: 'X',
          text: 'Clip',
        }),
      ),
    ).toBe('> Clip\n>\n> — X, [Facebook video](https://www.facebook.com/x/videos/9/)');
  });

  it('escapes page text so it can never inject Markdown', () => {
    const hostile = embed({
      kind: 'tweet',
      id: '1',
      url: 'https://twitter.com/x_y/status/1',
      authorName: '*Boss* [admin](http://evil.example)',
      authorHandle: 'x_y',
      text: [
        '# Not a heading',
        '> not a quote',
        '1. not a list',
        '- nor this',
        '+ nor this',
        '=== nor a setext line',
        'Use `code`, *stars*, _under_, snake_case, ~~strike~~ and a | pipe',
        '[click](http://evil.example) ![img](http://evil.example/i.png)',
        '<script>alert(1)</script> &amp; 3 < 4 & 5 > 2 \\ done',
      ].join('\n'),
      date: 'Jan [1]',
    });
    expect(renderEmbedMarkdown(hostile)).toBe(
      [
        '> \\# Not a heading\\',
        '> \\> not a quote\\',
        '> 1\\. not a list\\',
        '> \\- nor this\\',
        '> \\+ nor this\\',
        '> \\=== nor a setext line\\',
        '> Use \\`code\\`, \\*stars\\*, \\_under\\_, snake_case, \\~\\~strike\\~\\~ and a \\| pipe\\',
        '> \\[click\\](http://evil.example) !\\[img\\](http://evil.example/i.png)\\',
        '> \\<script>alert(1)\\</script> \\&amp; 3 < 4 & 5 > 2 \\\\ done',
        '>',
        '> — \\*Boss\\* \\[admin\\](http://evil.example) (@x_y), [Jan \\[1\\]](https://twitter.com/x_y/status/1)',
      ].join('\n'),
    );
  });

  it('keeps link targets intact when the URL holds parentheses or spaces', () => {
    expect(
      renderEmbedMarkdown(embed({ kind: 'facebook', url: 'https://www.facebook.com/a (b)/posts/1' })),
    ).toBe('> [Facebook post](https://www.facebook.com/a%20%28b%29/posts/1)');
  });
});

describe('renderEmbedText', () => {
  it('gives the text then the credit, without URLs', () => {
    expect(renderEmbedText(LISTER_EMBED)).toBe(
      "Head of #Tajikistan's special police forces (OMON), Col. Gulmurod Khalimov, appears in new #ISIS video pic.twitter.com/kBq4ZQhA5u\n— Charles Lister (@Charles_Lister), May 28, 2015",
    );
    expect(
      renderEmbedText(
        embed({ kind: 'bluesky', url: 'https://bsky.app/x', text: 'Hi *there*', authorHandle: 'a.bsky.social' }),
      ),
    ).toBe('Hi *there*\n— @a.bsky.social');
    expect(renderEmbedText(embed({ kind: 'facebook', url: 'https://facebook.com/x', text: 'Just text' }))).toBe(
      'Just text',
    );
  });

  it('gives nothing for embeds without words of their own (videos, text-less posts)', () => {
    expect(
      renderEmbedText(embed({ kind: 'tweet', id: '9', url: 'https://twitter.com/jack/status/9', authorHandle: 'jack' })),
    ).toBe('');
    expect(
      renderEmbedText(embed({ kind: 'youtube', id: 'a', url: 'https://www.youtube.com/watch?v=a', title: 'Title' })),
    ).toBe('');
    expect(
      renderEmbedText(embed({ kind: 'tiktok', id: '7', url: 'https://www.tiktok.com/@x/video/7', authorHandle: 'x' })),
    ).toBe('');
  });
});

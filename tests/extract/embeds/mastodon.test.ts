/** Mastodon on its own (src/extract/embeds/mastodon.ts): any server's 4.3+ blockquote and /embed frames. */
import { describe, expect, it } from 'vitest';
import { mastodonProvider } from '../../../src/extract/embeds/mastodon.js';
import { fromFrame, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

describe('the 4.3+ blockquote', () => {
  it('reads the post URL from data-embed-url without /embed, the user as handle, and the text', () => {
    expect(
      parseWith(
        mastodonProvider,
        `<blockquote class="mastodon-embed" data-embed-url="https://social.example/@harbour/112233/embed" style="x">
          <a href="https://social.example/@harbour/112233" target="_blank">Post by @harbour@social.example</a>
          <p>Ferry   back on time.</p><p>Second line</p></blockquote>`,
        'blockquote',
      ),
    ).toEqual(
      embed({
        kind: 'mastodon',
        id: '112233',
        url: 'https://social.example/@harbour/112233',
        authorHandle: 'harbour',
        text: 'Ferry back on time.\n\nSecond line',
      }),
    );
  });

  it('falls back to a post link, in /users/…/statuses/ form too, and keeps a remote user@host', () => {
    expect(
      parseWith(mastodonProvider, '<blockquote class="mastodon-embed"><a href="https://m.example/users/cam/statuses/9/">Post</a></blockquote>', 'blockquote'),
    ).toEqual(embed({ kind: 'mastodon', id: '9', url: 'https://m.example/users/cam/statuses/9', authorHandle: 'cam' }));
    expect(
      parseWith(mastodonProvider, '<blockquote class="mastodon-embed"><a href="https://m.example/@cam@other.example/10">Post</a></blockquote>', 'blockquote')
        ?.authorHandle,
    ).toBe('cam@other.example');
  });

  it('finds nothing without a post URL, nor in a non-web URL', () => {
    expect(parseWith(mastodonProvider, '<blockquote class="mastodon-embed"><a href="https://m.example/@cam">profile</a></blockquote>', 'blockquote')).toBeNull();
    expect(parseWith(mastodonProvider, '<blockquote class="mastodon-embed" data-embed-url="ftp://m.example/@cam/1/embed"></blockquote>', 'blockquote')).toBeNull();
  });
});

describe('frames: any host may run Mastodon', () => {
  it('takes an /embed URL, or a post URL in a frame classed mastodon-embed', () => {
    expect(fromFrame(mastodonProvider, 'https://m.example/@cam/55/embed')).toEqual(
      embed({ kind: 'mastodon', id: '55', url: 'https://m.example/@cam/55', authorHandle: 'cam' }),
    );
    expect(fromFrame(mastodonProvider, 'https://m.example/@cam/56', 'class="mastodon-embed"')?.url).toBe('https://m.example/@cam/56');
  });

  it('leaves a plain post-shaped URL in an unclassed frame to others (undefined), never null', () => {
    expect(fromFrame(mastodonProvider, 'https://m.example/@cam/57')).toBeUndefined();
    expect(fromFrame(mastodonProvider, 'https://m.example/video/57/embed')).toBeUndefined();
  });
});

/**
 * Instagram on its own (src/extract/embeds/instagram.ts): the embed.js blockquote with its
 * caption and "A post shared by" credit, <amp-instagram>, and post iframes.
 */
import { describe, expect, it } from 'vitest';
import { instagramProvider } from '../../../src/extract/embeds/instagram.js';
import { fromFrame, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

describe('the embed.js blockquote', () => {
  it('reads caption, author name and handle, and the <time> of the credit', () => {
    expect(
      parseWith(
        instagramProvider,
        `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/CAbc-12_x/?utm_source=ig_embed" data-instgrm-version="14">
          <div><a href="https://www.instagram.com/p/CAbc-12_x/">View this post on Instagram</a>
          <p><a href="https://www.instagram.com/p/CAbc-12_x/">Sunrise   over the harbour</a></p>
          <p>A post shared by <a href="https://www.instagram.com/harbour.cam/">Harbour Cam</a> (@harbour.cam) on <time datetime="2021-06-04T06:00:00+00:00">Jun 4, 2021</time></p></div>
        </blockquote>`,
        'blockquote',
      ),
    ).toEqual(
      embed({
        kind: 'instagram',
        id: 'CAbc-12_x',
        url: 'https://www.instagram.com/p/CAbc-12_x/',
        authorName: 'Harbour Cam',
        authorHandle: 'harbour.cam',
        text: 'Sunrise over the harbour',
        date: '2021-06-04T06:00:00+00:00',
      }),
    );
  });

  it('gives no caption for an uncaptioned post ("View this post on Instagram" is not one)', () => {
    expect(
      parseWith(
        instagramProvider,
        `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/reel/Rz9/">
          <p>View this post on Instagram</p><p>A post shared by Harbour Cam (@harbourcam)</p></blockquote>`,
        'blockquote',
      ),
    ).toEqual(embed({ kind: 'instagram', id: 'Rz9', url: 'https://www.instagram.com/reel/Rz9/', authorName: 'Harbour Cam', authorHandle: 'harbourcam' }));
  });

  it('normalises reels/, tv/ and a user-prefixed path to the canonical URL', () => {
    const urlOf = (permalink: string) =>
      parseWith(instagramProvider, `<blockquote class="instagram-media" data-instgrm-permalink="${permalink}"></blockquote>`, 'blockquote')?.url;
    expect(urlOf('https://instagram.com/reels/AAA/')).toBe('https://www.instagram.com/reel/AAA/');
    expect(urlOf('https://www.instagram.com/tv/BBB')).toBe('https://www.instagram.com/tv/BBB/');
    expect(urlOf('https://www.instagram.com/harbour.cam/p/CCC/?img_index=2')).toBe('https://www.instagram.com/p/CCC/');
  });

  it('falls back to a post link inside, and finds nothing without a post URL', () => {
    expect(
      parseWith(instagramProvider, '<blockquote class="instagram-media"><a href="https://www.instagram.com/p/DDD/">View</a></blockquote>', 'blockquote')?.id,
    ).toBe('DDD');
    expect(
      parseWith(instagramProvider, '<blockquote class="instagram-media"><a href="https://www.instagram.com/harbour.cam/">profile</a></blockquote>', 'blockquote'),
    ).toBeNull();
    expect(
      parseWith(instagramProvider, '<blockquote class="instagram-media" data-instgrm-permalink="https://evil.example/p/EEE/"></blockquote>', 'blockquote'),
    ).toBeNull();
  });

  it('reads <amp-instagram data-shortcode> and refuses a shortcode with other characters', () => {
    expect(parseWith(instagramProvider, '<amp-instagram data-shortcode="FFF_1"></amp-instagram>', 'amp-instagram')).toEqual(
      embed({ kind: 'instagram', id: 'FFF_1', url: 'https://www.instagram.com/p/FFF_1/' }),
    );
    expect(parseWith(instagramProvider, '<amp-instagram data-shortcode="a/../b"></amp-instagram>', 'amp-instagram')).toBeNull();
  });

  it('does not accept a div classed instagram-media (only the blockquote)', () => {
    expect(() => parseWith(instagramProvider, '<div class="instagram-media"></div>', 'div')).toThrow(/no detector/);
  });
});

describe('frames', () => {
  it('reads a post embed frame, claims an Instagram frame naming no post, leaves other hosts', () => {
    expect(fromFrame(instagramProvider, 'https://www.instagram.com/p/GGG/embed/captioned/')).toEqual(
      embed({ kind: 'instagram', id: 'GGG', url: 'https://www.instagram.com/p/GGG/' }),
    );
    expect(fromFrame(instagramProvider, 'https://www.instagram.com/harbour.cam/embed/')).toBeNull();
    expect(fromFrame(instagramProvider, 'https://www.tiktok.com/p/GGG/')).toBeUndefined();
  });
});

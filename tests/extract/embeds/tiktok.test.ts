/** TikTok on its own (src/extract/embeds/tiktok.ts): the embed.js blockquote and player iframes. */
import { describe, expect, it } from 'vitest';
import { tiktokProvider } from '../../../src/extract/embeds/tiktok.js';
import { fromFrame, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

describe('the embed.js blockquote', () => {
  it('reads id and handle from cite, the caption from the <p>', () => {
    expect(
      parseWith(
        tiktokProvider,
        `<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@harbour.cam/video/7012345678901234567" data-video-id="7012345678901234567">
          <section><a target="_blank" title="@harbour.cam" href="https://www.tiktok.com/@harbour.cam?refer=embed">@harbour.cam</a>
          <p>Ferry at   dawn <a href="https://www.tiktok.com/tag/ferry">#ferry</a></p>
          <a href="https://www.tiktok.com/music/sound-1">\u266c original sound - harbour.cam</a></section></blockquote>`,
        'blockquote',
      ),
    ).toEqual(
      embed({
        kind: 'tiktok',
        id: '7012345678901234567',
        url: 'https://www.tiktok.com/@harbour.cam/video/7012345678901234567',
        authorHandle: 'harbour.cam',
        text: 'Ferry at dawn #ferry',
      }),
    );
  });

  it('without a <p>, takes the section text less the profile link and the sound link', () => {
    expect(
      parseWith(
        tiktokProvider,
        `<blockquote class="tiktok-embed" data-video-id="123"><section><a href="https://www.tiktok.com/@cam">@cam</a> Short caption <a href="https://www.tiktok.com/music/x">\u266c sound</a></section></blockquote>`,
        'blockquote',
      ),
    ).toEqual(embed({ kind: 'tiktok', id: '123', url: 'https://www.tiktok.com/@cam/video/123', authorHandle: 'cam', text: 'Short caption' }));
  });

  it('without any handle, links the player URL; without a numeric id, finds nothing', () => {
    expect(parseWith(tiktokProvider, '<blockquote class="tiktok-embed" data-video-id=" 456 "><section></section></blockquote>', 'blockquote')).toEqual(
      embed({ kind: 'tiktok', id: '456', url: 'https://www.tiktok.com/embed/v2/456' }),
    );
    expect(parseWith(tiktokProvider, '<blockquote class="tiktok-embed" data-video-id="45x6"></blockquote>', 'blockquote')).toBeNull();
    expect(
      parseWith(tiktokProvider, '<blockquote class="tiktok-embed" cite="https://evil.example/@a/video/789"></blockquote>', 'blockquote'),
    ).toBeNull();
  });
});

describe('player frames', () => {
  it('reads /embed/, /embed/v2/ and /player/v1/ frames; claims other TikTok frames (null); leaves other hosts', () => {
    const player = (id: string) => embed({ kind: 'tiktok', id, url: `https://www.tiktok.com/embed/v2/${id}` });
    expect(fromFrame(tiktokProvider, 'https://www.tiktok.com/embed/111')).toEqual(player('111'));
    expect(fromFrame(tiktokProvider, 'https://www.tiktok.com/embed/v2/222?lang=en')).toEqual(player('222'));
    expect(fromFrame(tiktokProvider, 'https://www.tiktok.com/player/v1/333')).toEqual(player('333'));
    expect(fromFrame(tiktokProvider, 'https://www.tiktok.com/@cam')).toBeNull();
    expect(fromFrame(tiktokProvider, 'https://www.youtube.com/embed/111')).toBeUndefined();
  });
});

/** Vimeo on its own (src/extract/embeds/vimeo.ts): player.vimeo.com frames and click-to-load players. */
import { describe, expect, it } from 'vitest';
import { vimeoProvider } from '../../../src/extract/embeds/vimeo.js';
import { fromFrame, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

const video = (id: string, title: string | null = null) => embed({ kind: 'vimeo', id, url: `https://vimeo.com/${id}`, title });

describe('player frames', () => {
  it('reads the numeric id of player.vimeo.com/video/ID, with the frame title when it names the video', () => {
    expect(fromFrame(vimeoProvider, 'https://player.vimeo.com/video/76979871?h=8272103f6e', 'title="Harbour wall waves"')).toEqual(
      video('76979871', 'Harbour wall waves'),
    );
    expect(fromFrame(vimeoProvider, 'https://player.vimeo.com/video/76979871', 'title="Vimeo video player"')).toEqual(video('76979871'));
  });

  it('claims a player frame without a video id (nothing to link), and leaves other hosts alone', () => {
    expect(fromFrame(vimeoProvider, 'https://player.vimeo.com/showcase/123')).toBeNull();
    expect(fromFrame(vimeoProvider, 'https://player.vimeo.com/video/abc')).toBeNull();
    expect(fromFrame(vimeoProvider, 'https://vimeo.com/76979871')).toBeUndefined();
    expect(fromFrame(vimeoProvider, 'https://player.vimeo.com.evil.example/video/76979871')).toBeUndefined();
  });
});

describe('click-to-load players', () => {
  it('reads <lite-vimeo videoid> and <amp-vimeo data-videoid>, numeric ids only', () => {
    expect(parseWith(vimeoProvider, '<lite-vimeo videoid="364402896" title="Council meeting"></lite-vimeo>', 'lite-vimeo')).toEqual(
      video('364402896', 'Council meeting'),
    );
    expect(parseWith(vimeoProvider, '<amp-vimeo data-videoid="1084537" layout="responsive"></amp-vimeo>', 'amp-vimeo')).toEqual(video('1084537'));
    expect(parseWith(vimeoProvider, '<lite-vimeo videoid="36440x2896"></lite-vimeo>', 'lite-vimeo')).toBeNull();
    expect(parseWith(vimeoProvider, '<amp-vimeo></amp-vimeo>', 'amp-vimeo')).toBeNull();
  });
});

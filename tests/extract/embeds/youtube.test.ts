/** YouTube on its own (src/extract/embeds/youtube.ts): player frames of every host spelling, and click-to-load players. */
import { describe, expect, it } from 'vitest';
import { youtubeProvider } from '../../../src/extract/embeds/youtube.js';
import { fromFrame, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

const watch = (id: string, title: string | null = null) => embed({ kind: 'youtube', id, url: `https://www.youtube.com/watch?v=${id}`, title });

describe('player frames', () => {
  it('reads the id from /embed, /v, /shorts, /live, /watch?v= and youtu.be, on youtube.com, its subdomains and youtube-nocookie.com', () => {
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc')).toEqual(watch('dQw4w9WgXcQ'));
    expect(fromFrame(youtubeProvider, 'https://youtube.com/v/aaaaaaaaaa1')).toEqual(watch('aaaaaaaaaa1'));
    expect(fromFrame(youtubeProvider, 'https://m.youtube.com/shorts/bbbbbbb_-2')).toEqual(watch('bbbbbbb_-2'));
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/live/ccccccccc3')).toEqual(watch('ccccccccc3'));
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/watch?v=ddddddddd4&t=30')).toEqual(watch('ddddddddd4'));
    expect(fromFrame(youtubeProvider, 'https://youtu.be/eeeeeeeee5?t=3')).toEqual(watch('eeeeeeeee5'));
    expect(fromFrame(youtubeProvider, 'https://www.youtube-nocookie.com/embed/fffffffff6?rel=0')).toEqual(watch('fffffffff6'));
  });

  it('keeps a frame title that names the video, and drops the generic "YouTube video player"', () => {
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/embed/dQw4w9WgXcQ', 'title="Storm surge warning explained"')).toEqual(
      watch('dQw4w9WgXcQ', 'Storm surge warning explained'),
    );
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/embed/dQw4w9WgXcQ', 'title="YouTube video player"')).toEqual(watch('dQw4w9WgXcQ'));
  });

  it('leaves unclaimed a frame with no usable id (a playlist, a channel, too short an id) and any other host', () => {
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/embed/videoseries?list=PL123')).toBeUndefined();
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/channel/UC12345678')).toBeUndefined();
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/embed/abc')).toBeUndefined();
    expect(fromFrame(youtubeProvider, 'https://www.youtube.com/embed/<script>alert(1)</script>')).toBeUndefined();
    // A host that only ends with the name is someone else's.
    expect(fromFrame(youtubeProvider, 'https://notyoutube.com/embed/dQw4w9WgXcQ')).toBeUndefined();
    expect(fromFrame(youtubeProvider, 'https://youtube.com.evil.example/embed/dQw4w9WgXcQ')).toBeUndefined();
  });
});

describe('click-to-load players', () => {
  it('reads <lite-youtube videoid> with its play label, and <amp-youtube data-videoid>', () => {
    expect(parseWith(youtubeProvider, '<lite-youtube videoid="ddddddddd-4" playlabel="Play: Keynote"></lite-youtube>', 'lite-youtube')).toEqual(
      watch('ddddddddd-4', 'Keynote'),
    );
    expect(parseWith(youtubeProvider, '<amp-youtube data-videoid="gggggggggg7" layout="responsive"></amp-youtube>', 'amp-youtube')).toEqual(
      watch('gggggggggg7'),
    );
  });

  it('finds nothing in a player without an id, or with one that could not be a video id', () => {
    expect(parseWith(youtubeProvider, '<lite-youtube></lite-youtube>', 'lite-youtube')).toBeNull();
    expect(parseWith(youtubeProvider, '<lite-youtube videoid="a b c d e f"></lite-youtube>', 'lite-youtube')).toBeNull();
    expect(parseWith(youtubeProvider, '<lite-youtube videoid="abc"></lite-youtube>', 'lite-youtube')).toBeNull();
  });
});

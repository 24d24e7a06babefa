/** Bluesky on its own (src/extract/embeds/bluesky.ts): the embed.js blockquote and embed.bsky.app frames. */
import { describe, expect, it } from 'vitest';
import { blueskyProvider } from '../../../src/extract/embeds/bluesky.js';
import { fromFrame, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

describe('the embed.js blockquote', () => {
  it('reads text, name, handle and date from <p>TEXT</p> — Name (@handle) <a>date</a>', () => {
    expect(
      parseWith(
        blueskyProvider,
        `<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc123/app.bsky.feed.post/3kxyz" data-bluesky-cid="bafy">
          <p lang="en">Ferry back   on time.</p>&mdash; Harbour Cam (<a href="https://bsky.app/profile/did:plc:abc123?ref_src=embed">@harbour.bsky.social</a>)
          <a href="https://bsky.app/profile/did:plc:abc123/post/3kxyz?ref_src=embed">June 4, 2024 at 6:00 AM</a></blockquote>`,
        'blockquote',
      ),
    ).toEqual(
      embed({
        kind: 'bluesky',
        id: '3kxyz',
        url: 'https://bsky.app/profile/did:plc:abc123/post/3kxyz',
        authorName: 'Harbour Cam',
        authorHandle: 'harbour.bsky.social',
        text: 'Ferry back on time.',
        date: 'June 4, 2024 at 6:00 AM',
      }),
    );
  });

  it('takes the handle from a profile URL that names it, never from a DID', () => {
    expect(
      parseWith(blueskyProvider, '<blockquote class="bluesky-embed"><p>Hi</p><a href="https://bsky.app/profile/cam.example/post/3a">May 1</a></blockquote>', 'blockquote'),
    ).toEqual(embed({ kind: 'bluesky', id: '3a', url: 'https://bsky.app/profile/cam.example/post/3a', authorHandle: 'cam.example', text: 'Hi', date: 'May 1' }));
    expect(
      parseWith(blueskyProvider, '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:q/app.bsky.feed.post/3b"><p>Hi</p></blockquote>', 'blockquote'),
    ).toEqual(embed({ kind: 'bluesky', id: '3b', url: 'https://bsky.app/profile/did:plc:q/post/3b', text: 'Hi' }));
  });

  it('finds nothing without a post link or at:// URI, nor on a look-alike host', () => {
    expect(parseWith(blueskyProvider, '<blockquote class="bluesky-embed"><p>Hi</p></blockquote>', 'blockquote')).toBeNull();
    expect(
      parseWith(blueskyProvider, '<blockquote class="bluesky-embed"><a href="https://bsky.app.evil.example/profile/a/post/1">d</a></blockquote>', 'blockquote'),
    ).toBeNull();
  });
});

describe('frames', () => {
  it('reads embed.bsky.app frames; claims one naming no post (null); leaves other hosts', () => {
    expect(fromFrame(blueskyProvider, 'https://embed.bsky.app/embed/did:plc:abc/app.bsky.feed.post/3kq?id=1')).toEqual(
      embed({ kind: 'bluesky', id: '3kq', url: 'https://bsky.app/profile/did:plc:abc/post/3kq' }),
    );
    expect(fromFrame(blueskyProvider, 'https://embed.bsky.app/static/embed.js')).toBeNull();
    expect(fromFrame(blueskyProvider, 'https://bsky.app/profile/a/post/1')).toBeUndefined();
  });
});

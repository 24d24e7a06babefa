/**
 * Twitter / X on its own (src/extract/embeds/twitter.ts): status URLs in every spelling, the
 * widgets.js blockquote, the rendered widget, its iframe, and bare status links left by a CMS.
 */
import { describe, expect, it } from 'vitest';
import { twitterProvider } from '../../../src/extract/embeds/twitter.js';
import { findEmbeds } from '../../../src/extract/embeds/index.js';
import { detectWith, firstElement, fromFrame, page, parseWith } from '../../helpers/embed-provider.js';
import { embed } from '../../helpers/embeds.js';

const quote = (inner: string, attributes = 'class="twitter-tweet"') => `<blockquote ${attributes}>${inner}</blockquote>`;

describe('the widgets.js blockquote', () => {
  it('takes the handle of the URL from the permalink, the name and date from the credit', () => {
    expect(
      parseWith(
        twitterProvider,
        quote('<p>Harbour open</p>&mdash; Port Office (@portoffice) <a href="https://twitter.com/portoffice/status/111?ref_src=x">Jun 1, 2021</a>'),
        'blockquote',
      ),
    ).toEqual(
      embed({
        kind: 'tweet',
        id: '111',
        url: 'https://twitter.com/portoffice/status/111',
        authorName: 'Port Office',
        authorHandle: 'portoffice',
        text: 'Harbour open',
        date: 'Jun 1, 2021',
      }),
    );
  });

  it('builds the URL from the credit handle when the permalink has none (i/web/status)', () => {
    expect(
      parseWith(twitterProvider, quote('<p>Text</p>&mdash; Jane (@jane) <a href="https://x.com/i/web/status/222">May 2</a>'), 'blockquote'),
    ).toEqual(
      embed({ kind: 'tweet', id: '222', url: 'https://x.com/jane/status/222', authorName: 'Jane', authorHandle: 'jane', text: 'Text', date: 'May 2' }),
    );
  });

  it('reads the old #!/ and www. spellings, and a relative-free handle-less link', () => {
    expect(parseWith(twitterProvider, quote('<p>Old</p><a href="http://www.twitter.com/#!/oldie/status/333">then</a>'), 'blockquote')).toEqual(
      embed({ kind: 'tweet', id: '333', url: 'https://twitter.com/oldie/status/333', authorHandle: 'oldie', text: 'Old', date: 'then' }),
    );
    expect(parseWith(twitterProvider, quote('<p>No handle</p><a href="https://twitter.com/i/status/444">then</a>'), 'blockquote')).toEqual(
      embed({ kind: 'tweet', id: '444', url: 'https://twitter.com/i/web/status/444', text: 'No handle', date: 'then' }),
    );
  });

  it('falls back to data-tweet-id when no status link is left, and finds nothing without either', () => {
    expect(parseWith(twitterProvider, quote('<p>Hi</p>', 'class="twitter-tweet" data-tweet-id=" 555 "'), 'blockquote')).toEqual(
      embed({ kind: 'tweet', id: '555', url: 'https://twitter.com/i/web/status/555', text: 'Hi' }),
    );
    expect(parseWith(twitterProvider, quote('<p>Hi</p><a href="https://twitter.com/jane">profile</a>'), 'blockquote')).toBeNull();
    expect(parseWith(twitterProvider, quote('<p>Hi</p>', 'class="twitter-tweet" data-tweet-id="12ab"'), 'blockquote')).toBeNull();
  });

  it('accepts a div some CMS made of the blockquote, and twitter-video, but not a look-alike host', () => {
    expect(parseWith(twitterProvider, '<div class="twitter-video"><p>Clip</p><a href="https://mobile.twitter.com/v/status/9">d</a></div>', 'div')?.url).toBe(
      'https://twitter.com/v/status/9',
    );
    expect(
      parseWith(twitterProvider, quote('<p>Fake</p><a href="https://twitter.com.evil.example/a/status/1">d</a>'), 'blockquote'),
    ).toBeNull();
  });
});

describe('the rendered widget', () => {
  it('reads the id of a wrapper carrying data-tweet-id', () => {
    expect(parseWith(twitterProvider, '<div data-tweet-id="777"></div>', 'div')).toEqual(
      embed({ kind: 'tweet', id: '777', url: 'https://twitter.com/i/web/status/777' }),
    );
    expect(parseWith(twitterProvider, '<amp-twitter data-tweetid="778" width="1"></amp-twitter>', 'amp-twitter')?.id).toBe('778');
  });

  it('merges the original quote kept beside the rendered iframe into one record', () => {
    const found = findEmbeds(
      page(`<div class="twitter-tweet twitter-tweet-rendered">
        <iframe data-tweet-id="888" src="https://platform.twitter.com/embed/Tweet.html?id=888"></iframe>
        ${quote('<p>Full text</p>&mdash; Jane (@jane) <a href="https://twitter.com/jane/status/888">Mar 3</a>')}
      </div>`),
    );
    expect(found.map((f) => f.embed)).toEqual([
      embed({ kind: 'tweet', id: '888', url: 'https://twitter.com/jane/status/888', authorName: 'Jane', authorHandle: 'jane', text: 'Full text', date: 'Mar 3' }),
    ]);
    expect(found[0]!.element.getAttribute('class')).toBe('twitter-tweet twitter-tweet-rendered');
  });

  it('reads a rendered wrapper whose iframe is known only by its URL', () => {
    expect(
      findEmbeds(page('<div class="twitter-tweet-rendered"><iframe src="https://platform.x.com/embed/Tweet.html?id=999"></iframe></div>')).map(
        (f) => f.embed,
      ),
    ).toEqual([embed({ kind: 'tweet', id: '999', url: 'https://twitter.com/i/web/status/999' })]);
  });
});

describe('frames', () => {
  it('reads platform.twitter.com and platform.x.com frames by their id parameter', () => {
    expect(fromFrame(twitterProvider, 'https://platform.twitter.com/embed/Tweet.html?id=123')).toEqual(
      embed({ kind: 'tweet', id: '123', url: 'https://twitter.com/i/web/status/123' }),
    );
    expect(fromFrame(twitterProvider, 'https://platform.x.com/embed/Tweet.html?id=124')?.id).toBe('124');
    expect(fromFrame(twitterProvider, 'https://platform.twitter.com/embed/Tweet.html', 'data-tweet-id="125"')?.id).toBe('125');
  });

  it('claims its own frame naming no tweet (null), and leaves other hosts to others (undefined)', () => {
    expect(fromFrame(twitterProvider, 'https://platform.twitter.com/embed/Tweet.html?id=abc')).toBeNull();
    expect(fromFrame(twitterProvider, 'https://platform.twitter.com/widgets/follow_button.html')).toBeNull();
    expect(fromFrame(twitterProvider, 'https://www.youtube.com/embed/xyz?id=5')).toBeUndefined();
  });

  it('reads a frame by its data-tweet-id alone', () => {
    const document = page('<iframe data-tweet-id="126"></iframe><iframe data-tweet-id="x"></iframe>');
    const [withId, withoutId] = [...document.querySelectorAll('iframe')];
    expect(twitterProvider.fromFrameAttributes?.(withId!)?.url).toBe('https://twitter.com/i/web/status/126');
    expect(twitterProvider.fromFrameAttributes?.(withoutId!)).toBeNull();
  });
});

describe('bare status links a CMS left', () => {
  it('takes a status URL standing alone in a tweet-classed element, as link or as text, and the whole element for it', () => {
    const found = findEmbeds(
      page(`<figure class="wp-block-embed-twitter"><div class="wp-block-embed__wrapper">
          https://twitter.com/jane/status/4242
        </div></figure>
        <div class="tweet-holder"><p><a href="https://x.com/joe/status/4343">https://x.com/joe/status/4343</a></p></div>`),
    );
    expect(found.map((f) => f.embed)).toEqual([
      embed({ kind: 'tweet', id: '4242', url: 'https://twitter.com/jane/status/4242', authorHandle: 'jane' }),
      embed({ kind: 'tweet', id: '4343', url: 'https://x.com/joe/status/4343', authorHandle: 'joe' }),
    ]);
    expect(found.map((f) => f.element.localName)).toEqual(['figure', 'div']);
  });

  it('leaves a status link inside a sentence, and any outside a tweet-classed element', () => {
    expect(
      findEmbeds(
        page(`<div class="tweet-box"><p>As <a href="https://twitter.com/jane/status/1">she wrote</a> last week, the port is open.</p></div>
          <div class="story"><p><a href="https://twitter.com/jane/status/2">https://twitter.com/jane/status/2</a></p></div>`),
      ),
    ).toEqual([]);
  });

  it('is a fallback detector: the quote detectors are tried first', () => {
    const element = firstElement(page(quote('<p>T</p><a href="https://twitter.com/a/status/5">d</a>')), 'blockquote');
    expect(detectWith(twitterProvider, element)?.map((f) => f.embed.authorHandle)).toEqual(['a']);
    expect(twitterProvider.detectors.map((d) => d.fallback === true)).toEqual([false, false, true]);
  });
});

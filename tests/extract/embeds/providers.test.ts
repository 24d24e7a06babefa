/**
 * findEmbeds (src/extract/embeds/detect.ts and one file per provider): what each provider's
 * markup gives, in document order and each once, on made-up pages and on real corpus pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFullHtml } from '../../helpers/full-dom.js';
import type { Embed } from '../../../src/article.js';
import { findEmbeds } from '../../../src/extract/embeds/index.js';
import { LISTER_EMBED, embed } from '../../helpers/embeds.js';

const PAGE_URL = 'https://news.example/2024/05/story.html';
function parse(html: string, url = PAGE_URL): Document {
  return parseFullHtml(html, url);
}

function page(body: string, head = ''): Document {
  return parse(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`);
}

function embedsIn(body: string, head = ''): Embed[] {
  return findEmbeds(page(body, head)).map((found) => found.embed);
}

const LISTER_TWEET = `<blockquote class="twitter-tweet" lang="en"><p lang="en" dir="ltr">Head of <a href="https://twitter.com/hashtag/Tajikistan?src=hash">#Tajikistan</a>&#39;s special police forces (OMON),
    Col. Gulmurod Khalimov, appears in new <a href="https://twitter.com/hashtag/ISIS?src=hash">#ISIS</a> video <a href="http://t.co/kBq4ZQhA5u">pic.twitter.com/kBq4ZQhA5u</a></p>&mdash; Charles Lister (@Charles_Lister) <a href="https://twitter.com/Charles_Lister/status/604022543839940608?ref_src=twsrc%5Etfw">May 28, 2015</a></blockquote>`;

describe('findEmbeds: tweets', () => {
  it('reads the standard blockquote markup: text, author, handle, date, canonical url, id', () => {
    const document = page(`<p>Lister tweeted:</p>${LISTER_TWEET}<p>After.</p>`);
    const found = findEmbeds(document);
    expect(found.map((f) => f.embed)).toEqual([LISTER_EMBED]);
    expect(found[0]!.element).toBe(document.querySelector('blockquote'));
  });

  it('keeps x.com, drops the query, accepts the old /statuses/ path and twitter-video', () => {
    expect(
      embedsIn(`
        <blockquote class="twitter-tweet"><p lang="en" dir="ltr">Launch day</p>&mdash; Space Team (@spaceteam) <a href="https://x.com/spaceteam/status/1790000000000000001?s=20&amp;ref_src=twsrc%5Etfw">May 13, 2024</a></blockquote>
        <blockquote class="twitter-tweet tw-align-center"><p>Old one</p>— Shay Friedman (@ironshay)
          <a href="https://twitter.com/ironshay/statuses/370525864523743232">August 22, 2013</a></blockquote>
        <blockquote class="twitter-video" data-lang="en"><p lang="en" dir="ltr">Watch this</p>&mdash; NASA (@NASA) <a href="https://mobile.twitter.com/NASA/status/1234567890123456789">July 1, 2020</a></blockquote>`),
    ).toEqual([
      embed({
        kind: 'tweet',
        id: '1790000000000000001',
        url: 'https://x.com/spaceteam/status/1790000000000000001',
        authorName: 'Space Team',
        authorHandle: 'spaceteam',
        text: 'Launch day',
        date: 'May 13, 2024',
      }),
      embed({
        kind: 'tweet',
        id: '370525864523743232',
        url: 'https://twitter.com/ironshay/status/370525864523743232',
        authorName: 'Shay Friedman',
        authorHandle: 'ironshay',
        text: 'Old one',
        date: 'August 22, 2013',
      }),
      embed({
        kind: 'tweet',
        id: '1234567890123456789',
        url: 'https://twitter.com/NASA/status/1234567890123456789',
        authorName: 'NASA',
        authorHandle: 'NASA',
        text: 'Watch this',
        date: 'July 1, 2020',
      }),
    ]);
  });

  it('keeps <br> line breaks and paragraphs of the tweet text, whitespace normalised', () => {
    const [tweet] = embedsIn(`<blockquote class="twitter-tweet"><p>Drinking game:
        <br />(1) Think of a   noun
        <br />(2) Google it</p><p>
        Second   paragraph</p>&mdash; Dev (@dev) <a href="https://twitter.com/dev/status/42">Jan 1, 2020</a></blockquote>`);
    expect(tweet!.text).toBe('Drinking game:\n(1) Think of a noun\n(2) Google it\n\nSecond paragraph');
  });

  it('finds rendered tweets: iframe with data-tweet-id, rendered wrapper div, Tweet.html iframe', () => {
    const document = page(`
      <iframe id="twitter-widget-0" class="twitter-tweet twitter-tweet-rendered" data-tweet-id="800384752746254337" title="Twitter Tweet"></iframe>
      <div class="twitter-tweet twitter-tweet-rendered" style="display: flex;"><iframe id="twitter-widget-1" title="X Post" src="https://platform.twitter.com/embed/Tweet.html?dnt=false&amp;id=1454931184966770696&amp;lang=en"></iframe></div>
      <iframe src="https://platform.twitter.com/embed/Tweet.html?id=769239021021036544"></iframe>`);
    const found = findEmbeds(document);
    const rendered = (id: string): Embed =>
      embed({ kind: 'tweet', id, url: `https://twitter.com/i/web/status/${id}` });
    expect(found.map((f) => f.embed)).toEqual([
      rendered('800384752746254337'),
      rendered('1454931184966770696'),
      rendered('769239021021036544'),
    ]);
    expect(found.map((f) => f.element)).toEqual([
      document.querySelector('#twitter-widget-0'),
      document.querySelector('div.twitter-tweet-rendered'),
      document.querySelectorAll('iframe')[2],
    ]);
  });

  it('counts a blockquote and the iframe that replaced it once, widened to their bare wrapper', () => {
    const document = page(`
      <p>Before the tweet.</p>
      <div class="embed">
        <blockquote class="twitter-tweet"><p>Hello</p>&mdash; A (@a) <a href="https://twitter.com/a/status/111">May 1, 2020</a></blockquote>
        <iframe class="twitter-tweet twitter-tweet-rendered" data-tweet-id="111"></iframe>
      </div>
      <p>After the tweet.</p>`);
    const found = findEmbeds(document);
    expect(found.map((f) => f.embed)).toEqual([
      embed({
        kind: 'tweet',
        id: '111',
        url: 'https://twitter.com/a/status/111',
        authorName: 'A',
        authorHandle: 'a',
        text: 'Hello',
        date: 'May 1, 2020',
      }),
    ]);
    expect(found[0]!.element).toBe(document.querySelector('div.embed'));
  });

  it('merges a rendered iframe before its fallback quote but never widens to a text container', () => {
    const document = page(`<div class="story">
        <p>Story text that must stay.</p>
        <iframe class="twitter-tweet-rendered" data-tweet-id="222"></iframe>
        <blockquote class="twitter-tweet"><p>Fallback</p>&mdash; B (@b) <a href="https://twitter.com/b/status/222">June 2, 2021</a></blockquote>
      </div>`);
    const found = findEmbeds(document);
    expect(found).toHaveLength(1);
    expect(found[0]!.embed.text).toBe('Fallback');
    expect(found[0]!.embed.url).toBe('https://twitter.com/b/status/222');
    expect(found[0]!.element).toBe(document.querySelector('iframe'));
  });

  it('finds a lone status link or URL inside an element whose class names a tweet embed', () => {
    const document = page(`
      <figure class="wp-block-embed is-type-rich wp-block-embed-twitter"><div class="wp-block-embed__wrapper">
        https://twitter.com/jack/status/20
      </div></figure>
      <div class="embedded-tweet"><p><a href="https://x.com/i/web/status/333?ref=x">View on X</a></p></div>
      <div class="twitter-thread"><p>As <a href="https://twitter.com/jack/status/21">jack said</a>, this is a sentence.</p></div>
      <p><a href="https://twitter.com/jack/status/22">https://twitter.com/jack/status/22</a></p>`);
    const found = findEmbeds(document);
    expect(found.map((f) => f.embed)).toEqual([
      embed({ kind: 'tweet', id: '20', url: 'https://twitter.com/jack/status/20', authorHandle: 'jack' }),
      embed({ kind: 'tweet', id: '333', url: 'https://x.com/i/web/status/333' }),
    ]);
    expect(found.map((f) => f.element)).toEqual([
      document.querySelector('figure'),
      document.querySelector('div.embedded-tweet'),
    ]);
  });

  it('reads tweet markup whose <p> was stripped or whose blockquote became a div', () => {
    expect(
      embedsIn(`
        <blockquote class="twitter-tweet">Plain   text tweet &mdash; Plain (@plain) <a href="https://twitter.com/plain/status/7">May 7, 2017</a></blockquote>
        <div class="twitter-tweet"><p>In a div</p>&mdash; Div (@div) <a href="https://twitter.com/div/status/8">May 8, 2018</a></div>`),
    ).toEqual([
      embed({
        kind: 'tweet',
        id: '7',
        url: 'https://twitter.com/plain/status/7',
        authorName: 'Plain',
        authorHandle: 'plain',
        text: 'Plain text tweet',
        date: 'May 7, 2017',
      }),
      embed({
        kind: 'tweet',
        id: '8',
        url: 'https://twitter.com/div/status/8',
        authorName: 'Div',
        authorHandle: 'div',
        text: 'In a div',
        date: 'May 8, 2018',
      }),
    ]);
  });

  it('does not let a lone status link swallow a neighbouring text-less embed', () => {
    const document = page(`<div class="tweet-box">
        <p><a href="https://twitter.com/jack/status/20">https://twitter.com/jack/status/20</a></p>
        <div class="fb-post" data-href="https://www.facebook.com/page/posts/5"></div>
      </div>`);
    const found = findEmbeds(document);
    expect(found.map((f) => `${f.embed.kind}:${f.embed.id}`)).toEqual(['tweet:20', 'facebook:5']);
    expect(found.map((f) => f.element.localName)).toEqual(['p', 'div']);
  });

  it('ignores tweet-ish markup it cannot identify, without throwing', () => {
    expect(
      embedsIn(`
        <blockquote class="twitter-tweet"><p>No link at all</p>&mdash; Nobody</blockquote>
        <blockquote class="twitter-tweet"><p>Empty href</p><a href="">May 1</a><a>no href</a></blockquote>
        <div class="twitter-tweet-rendered"></div>
        <iframe data-tweet-id="not-a-number"></iframe>
        <a class="twitter-share" href="https://twitter.com/intent/tweet?url=x">Share</a>
        <blockquote class="twitter-tweet"><a href="http://[bad">x</a></blockquote>`),
    ).toEqual([]);
  });
});

describe('findEmbeds: videos', () => {
  it('finds YouTube (embed, nocookie, youtu.be, protocol-relative, lazy data-src, lite-youtube) and Vimeo', () => {
    expect(
      embedsIn(`
        <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" title="Storm surge warning explained"></iframe>
        <iframe src="https://www.youtube-nocookie.com/embed/aaaaaaaaaa1?rel=0" title="YouTube video player"></iframe>
        <iframe src="//www.youtube.com/embed/bbbbbbbbbb2"></iframe>
        <iframe src="about:blank" data-src="https://youtu.be/ccccccccc_3" title="  Lazy   clip "></iframe>
        <lite-youtube videoid="ddddddddd-4" playlabel="Play: Keynote"></lite-youtube>
        <iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" title="Harbour wall waves"></iframe>`),
    ).toEqual([
      embed({
        kind: 'youtube',
        id: 'dQw4w9WgXcQ',
        url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
        title: 'Storm surge warning explained',
      }),
      embed({ kind: 'youtube', id: 'aaaaaaaaaa1', url: 'https://www.youtube.com/watch?v=aaaaaaaaaa1' }),
      embed({ kind: 'youtube', id: 'bbbbbbbbbb2', url: 'https://www.youtube.com/watch?v=bbbbbbbbbb2' }),
      embed({
        kind: 'youtube',
        id: 'ccccccccc_3',
        url: 'https://www.youtube.com/watch?v=ccccccccc_3',
        title: 'Lazy clip',
      }),
      embed({
        kind: 'youtube',
        id: 'ddddddddd-4',
        url: 'https://www.youtube.com/watch?v=ddddddddd-4',
        title: 'Keynote',
      }),
      embed({
        kind: 'vimeo',
        id: '76979871',
        url: 'https://vimeo.com/76979871',
        title: 'Harbour wall waves',
      }),
    ]);
  });

  it('ignores iframes of other sites and players without a video id', () => {
    expect(
      embedsIn(`
        <iframe src="https://maps.example.com/embed?x=1"></iframe>
        <iframe></iframe>
        <iframe src="https://www.youtube.com/embed/videoseries?list=PL123"></iframe>
        <iframe src="https://player.vimeo.com/"></iframe>
        <lite-youtube></lite-youtube>`),
    ).toEqual([]);
  });
});

describe('findEmbeds: Instagram, TikTok, Bluesky, Mastodon, Facebook', () => {
  it('reads a captioned Instagram embed (caption, author, handle, time)', () => {
    expect(
      embedsIn(`<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/p/BxYZ123/?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="12">
        <div style="padding:8px;"><div></div>
          <p style="margin:8px 0 0 0;"><a href="https://www.instagram.com/p/BxYZ123/?utm_source=ig_embed" target="_blank">Sunset over the harbour #nofilter</a></p>
          <p style="color:#c9c8cd;">A post shared by <a href="https://www.instagram.com/harbourpics/" target="_blank"> Harbour Pics</a> (@harbourpics) on <time datetime="2019-05-10T15:00:00+00:00">May 10, 2019 at 8:00am PDT</time></p>
        </div></blockquote>`),
    ).toEqual([
      embed({
        kind: 'instagram',
        id: 'BxYZ123',
        url: 'https://www.instagram.com/p/BxYZ123/',
        authorName: 'Harbour Pics',
        authorHandle: 'harbourpics',
        text: 'Sunset over the harbour #nofilter',
        date: '2019-05-10T15:00:00+00:00',
      }),
    ]);
  });

  it('reads an uncaptioned Instagram embed (v14) and a reel', () => {
    expect(
      embedsIn(`
        <blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C9xYz12AbCd/?utm_source=ig_embed" data-instgrm-version="14"><div><a href="https://www.instagram.com/p/C9xYz12AbCd/?utm_source=ig_embed"><div>View this post on Instagram</div></a><p><a href="https://www.instagram.com/p/C9xYz12AbCd/?utm_source=ig_embed">A post shared by Seafront Café (@seafrontcafe)</a></p></div></blockquote>
        <blockquote class="instagram-media"><a href="https://www.instagram.com/reel/Reel_99/">View this post on Instagram</a></blockquote>`),
    ).toEqual([
      embed({
        kind: 'instagram',
        id: 'C9xYz12AbCd',
        url: 'https://www.instagram.com/p/C9xYz12AbCd/',
        authorName: 'Seafront Café',
        authorHandle: 'seafrontcafe',
      }),
      embed({ kind: 'instagram', id: 'Reel_99', url: 'https://www.instagram.com/reel/Reel_99/' }),
    ]);
  });

  it('reads a TikTok embed (standard markup and the short form without <p>)', () => {
    expect(
      embedsIn(`
        <blockquote class="tiktok-embed" cite="https://www.tiktok.com/@scout2015/video/6718335390845095173" data-video-id="6718335390845095173" style="max-width: 605px;"> <section> <a target="_blank" title="@scout2015" href="https://www.tiktok.com/@scout2015?refer=embed">@scout2015</a> <p>Scramble up ur name &#38; I’ll try to guess it <a title="foryoupage" target="_blank" href="https://www.tiktok.com/tag/foryoupage?refer=embed">#foryoupage</a></p> <a target="_blank" title="♬ original sound - Hawaii" href="https://www.tiktok.com/music/original-sound-6689804660171082501?refer=embed">♬ original sound - Hawaii</a> </section> </blockquote>
        <blockquote class="tiktok-embed" cite="https://www.tiktok.com/@harbourlife/video/7412345678901234567?lang=en" data-video-id="7412345678901234567"><section><a target="_blank" title="@harbourlife" href="https://www.tiktok.com/@harbourlife?refer=embed">@harbourlife</a> the 14 bus is now a boat</section></blockquote>
        <blockquote class="tiktok-embed" data-video-id="7000000000000000001"><section></section></blockquote>`),
    ).toEqual([
      embed({
        kind: 'tiktok',
        id: '6718335390845095173',
        url: 'https://www.tiktok.com/@scout2015/video/6718335390845095173',
        authorHandle: 'scout2015',
        text: 'Scramble up ur name & I’ll try to guess it #foryoupage',
      }),
      embed({
        kind: 'tiktok',
        id: '7412345678901234567',
        url: 'https://www.tiktok.com/@harbourlife/video/7412345678901234567',
        authorHandle: 'harbourlife',
        text: 'the 14 bus is now a boat',
      }),
      embed({
        kind: 'tiktok',
        id: '7000000000000000001',
        url: 'https://www.tiktok.com/embed/v2/7000000000000000001',
      }),
    ]);
  });

  it('reads a Bluesky embed (handle as text or as a link, at-uri fallback)', () => {
    expect(
      embedsIn(`
        <blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc123/app.bsky.feed.post/3kabc"><p lang="en">Radar shows the eye wall
          moving ashore.</p>&mdash; Dana Weather (@danaweather.bsky.social) <a href="https://bsky.app/profile/did:plc:abc123/post/3kabc?ref_src=embed">September 12, 2024 at 4:02 PM</a></blockquote>
        <blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:z72/app.bsky.feed.post/3laub"><p lang="en">Hello<br><br><a href="https://bsky.app/profile/did:plc:z72/post/3laub?ref_src=embed">[image or embed]</a></p>&mdash; Bluesky (<a href="https://bsky.app/profile/did:plc:z72?ref_src=embed">@bsky.app</a>) <a href="https://bsky.app/profile/did:plc:z72/post/3laub?ref_src=embed">November 13, 2024 at 5:05 PM</a></blockquote>
        <blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:q9/app.bsky.feed.post/3xyz"></blockquote>`),
    ).toEqual([
      embed({
        kind: 'bluesky',
        id: '3kabc',
        url: 'https://bsky.app/profile/did:plc:abc123/post/3kabc',
        authorName: 'Dana Weather',
        authorHandle: 'danaweather.bsky.social',
        text: 'Radar shows the eye wall moving ashore.',
        date: 'September 12, 2024 at 4:02 PM',
      }),
      embed({
        kind: 'bluesky',
        id: '3laub',
        url: 'https://bsky.app/profile/did:plc:z72/post/3laub',
        authorName: 'Bluesky',
        authorHandle: 'bsky.app',
        text: 'Hello\n\n[image or embed]',
        date: 'November 13, 2024 at 5:05 PM',
      }),
      embed({ kind: 'bluesky', id: '3xyz', url: 'https://bsky.app/profile/did:plc:q9/post/3xyz' }),
    ]);
  });

  it('reads Mastodon iframes and blockquotes', () => {
    expect(
      embedsIn(`
        <iframe src="https://mastodon.social/@emergencyservice/113123456789012345/embed" class="mastodon-embed" width="400"></iframe>
        <blockquote class="mastodon-embed" data-embed-url="https://fosstodon.org/@dev/112000000000000001/embed" style="background: #FCF8FF;"><a href="https://fosstodon.org/@dev/112000000000000001" target="_blank"><svg></svg><div>Post by @dev@fosstodon.org</div><div>View on Mastodon</div></a></blockquote>
        <iframe src="https://social.example/users/alice/statuses/99/embed"></iframe>`),
    ).toEqual([
      embed({
        kind: 'mastodon',
        id: '113123456789012345',
        url: 'https://mastodon.social/@emergencyservice/113123456789012345',
        authorHandle: 'emergencyservice',
      }),
      embed({
        kind: 'mastodon',
        id: '112000000000000001',
        url: 'https://fosstodon.org/@dev/112000000000000001',
        authorHandle: 'dev',
      }),
      embed({
        kind: 'mastodon',
        id: '99',
        url: 'https://social.example/users/alice/statuses/99',
        authorHandle: 'alice',
      }),
    ]);
  });

  it('reads Facebook posts and videos (SDK divs and plugin iframes), the iframe inside a div once', () => {
    const document = page(`
      <div class="fb-post" data-href="https://www.facebook.com/harbourtown/posts/10161234567890123" data-width="500"><blockquote cite="https://www.facebook.com/harbourtown/posts/10161234567890123" class="fb-xfbml-parse-ignore"><p>Evacuation order for zones A and B is now in effect.</p>Posted by <a href="https://www.facebook.com/harbourtown">Harbour Town Council</a> on <a href="https://www.facebook.com/harbourtown/posts/10161234567890123">Thursday, September 12, 2024</a></blockquote><span><iframe src="https://www.facebook.com/v2.5/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fharbourtown%2Fposts%2F10161234567890123"></iframe></span></div>
      <div class="fb-video" data-href="https://www.facebook.com/facebook/videos/10153231379946729/"><blockquote cite="https://developers.facebook.com/facebook/videos/10153231379946729/" class="fb-xfbml-parse-ignore"><a href="https://developers.facebook.com/facebook/videos/10153231379946729/">How to Share With Just Friends</a><p>How to share with just friends.</p>Posted by <a href="https://www.facebook.com/facebook/">Facebook</a> on Friday, December 5, 2014</blockquote></div>
      <iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fpermalink.php%3Fstory_fbid%3D555%26id%3D777&amp;width=500"></iframe>
      <div class="fb-post"></div>
      <div class="fb-post"><span><iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fpage%2Fposts%2F77"></iframe></span></div>`);
    const found = findEmbeds(document);
    expect(found.map((f) => f.embed)).toEqual([
      embed({
        kind: 'facebook',
        id: '10161234567890123',
        url: 'https://www.facebook.com/harbourtown/posts/10161234567890123',
        authorName: 'Harbour Town Council',
        text: 'Evacuation order for zones A and B is now in effect.',
        date: 'Thursday, September 12, 2024',
      }),
      embed({
        kind: 'facebook',
        id: '10153231379946729',
        url: 'https://www.facebook.com/facebook/videos/10153231379946729/',
        authorName: 'Facebook',
        text: 'How to share with just friends.',
        date: 'Friday, December 5, 2014',
        title: 'How to Share With Just Friends',
      }),
      embed({
        kind: 'facebook',
        id: '555',
        url: 'https://www.facebook.com/permalink.php?story_fbid=555&id=777',
      }),
      embed({ kind: 'facebook', id: '77', url: 'https://www.facebook.com/page/posts/77' }),
    ]);
    const posts = document.querySelectorAll('div.fb-post');
    expect([found[0]!.element, found[3]!.element]).toEqual([posts[0], posts[2]]);
  });

  it('resolves relative links against the document base URI', () => {
    expect(
      embedsIn(
        '<blockquote class="twitter-tweet"><p>Relative</p>&mdash; Jack (@jack) <a href="/jack/status/20?ref_src=x">March 21, 2006</a></blockquote>',
        '<base href="https://twitter.com/">',
      ),
    ).toEqual([
      embed({
        kind: 'tweet',
        id: '20',
        url: 'https://twitter.com/jack/status/20',
        authorName: 'Jack',
        authorHandle: 'jack',
        text: 'Relative',
        date: 'March 21, 2006',
      }),
    ]);
    expect(
      embedsIn(
        '<blockquote class="mastodon-embed"><a href="@jack/21">Post by @jack</a></blockquote>',
        '<base href="https://mastodon.example/">',
      ),
    ).toEqual([embed({ kind: 'mastodon', id: '21', url: 'https://mastodon.example/@jack/21', authorHandle: 'jack' })]);
  });

  it('reads AMP embed elements', () => {
    expect(
      embedsIn(`
        <amp-twitter width="375" height="472" layout="responsive" data-tweetid="885634330868850689"><blockquote placeholder class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Placeholder text</p>&mdash; AMP (@AMPhtml) <a href="https://twitter.com/AMPhtml/status/885634330868850689">July 13, 2017</a></blockquote></amp-twitter>
        <amp-youtube data-videoid="mGENRKrdoGY" layout="responsive" width="480" height="270"></amp-youtube>
        <amp-instagram data-shortcode="fBwFP" width="400" height="400"></amp-instagram>
        <amp-facebook width="552" height="310" data-href="https://www.facebook.com/ParksCanada/posts/1712989015384373"></amp-facebook>`),
    ).toEqual([
      embed({
        kind: 'tweet',
        id: '885634330868850689',
        url: 'https://twitter.com/AMPhtml/status/885634330868850689',
        authorName: 'AMP',
        authorHandle: 'AMPhtml',
        text: 'Placeholder text',
        date: 'July 13, 2017',
      }),
      embed({ kind: 'youtube', id: 'mGENRKrdoGY', url: 'https://www.youtube.com/watch?v=mGENRKrdoGY' }),
      embed({ kind: 'instagram', id: 'fBwFP', url: 'https://www.instagram.com/p/fBwFP/' }),
      embed({
        kind: 'facebook',
        id: '1712989015384373',
        url: 'https://www.facebook.com/ParksCanada/posts/1712989015384373',
      }),
    ]);
  });
});

describe('findEmbeds: order and nesting', () => {
  it('returns mixed embeds in document order, each once, nested copies not again', () => {
    const document = page(`
      <article>
        <p>Intro.</p>
        <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>
        <div class="twitter-embed-wrapper">${LISTER_TWEET}</div>
        <div class="fb-video" data-href="https://www.facebook.com/x/videos/9/"><iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fx%2Fvideos%2F9%2F"></iframe></div>
        <iframe src="https://player.vimeo.com/video/1234"></iframe>
        <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>
      </article>`);
    const found = findEmbeds(document);
    expect(found.map((f) => `${f.embed.kind}:${f.embed.id}`)).toEqual([
      'youtube:dQw4w9WgXcQ',
      'tweet:604022543839940608',
      'facebook:9',
      'vimeo:1234',
    ]);
    expect(found.map((f) => f.element.localName)).toEqual(['iframe', 'blockquote', 'div', 'iframe']);
  });

  it('sorts a bare status link found from its wrapper after an earlier embed in it', () => {
    const found = findEmbeds(
      page(`<div class="tweets">
        <iframe src="https://www.youtube.com/embed/eeeeeeeeee5"></iframe>
        <p><a href="https://twitter.com/jack/status/20">https://twitter.com/jack/status/20</a></p>
      </div>`),
    );
    expect(found.map((f) => f.embed.kind)).toEqual(['youtube', 'tweet']);
  });
});

describe('findEmbeds on real pages (../shared/corpus/readability)', () => {
  const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/readability');

  const parsed = new Map<string, Embed[]>();
  function corpusTweets(name: string): Embed[] {
    const cached = parsed.get(name);
    if (cached) return cached;
    const file = path.join(corpus, name, 'source.html');
    if (!existsSync(file)) {
      throw new Error(`corpus page missing: ${file} (the shared corpus must sit next to the repository)`);
    }
    const tweets = findEmbeds(parse(readFileSync(file, 'utf8'), `http://fakehost/${name}/`))
      .map((found) => found.embed)
      .filter((e) => e.kind === 'tweet');
    parsed.set(name, tweets);
    return tweets;
  }

  it('finds the corpus folder', () => {
    expect(existsSync(corpus), `shared corpus not found at ${corpus}`).toBe(true);
  });

  it('finds all five tweets with their ids', () => {
    const ids = ['001', 'aktualne', 'breitbart'].flatMap((name) => corpusTweets(name).map((t) => t.id));
    expect(ids).toEqual([
      '370525864523743232',
      '1454931184966770696',
      '800384752746254337',
      '769239021021036544',
      '807998073116835840',
    ]);
  });

  it('reads text, author name and handle of the blockquote tweets', () => {
    expect(corpusTweets('001')).toEqual([
      embed({
        kind: 'tweet',
        id: '370525864523743232',
        url: 'https://twitter.com/ironshay/status/370525864523743232',
        authorName: 'Shay Friedman',
        authorHandle: 'ironshay',
        text: 'Drinking game for web devs:\n(1) Think of a noun\n(2) Google "<noun>.js"\n(3) If a library with that name exists - drink',
        date: 'August 22, 2013',
      }),
    ]);
    expect(corpusTweets('aktualne')).toEqual([
      embed({
        kind: 'tweet',
        id: '1454931184966770696',
        url: 'https://twitter.com/WestHam/status/1454931184966770696',
        authorName: 'West Ham United',
        authorHandle: 'WestHam',
        text: '⭐️⭐️⭐️⭐️\n\nHighlights from our 4-1 win at Villa Park ⬇️ pic.twitter.com/BUPgYtgHaY',
        date: 'October 31, 2021',
      }),
    ]);
  });
});

describe('tweet credit in a paragraph of its own', () => {
  it('reads the name, handle and date from a "— Name (@handle) date" <p>', () => {
    const document = parse(
      `<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Senate resolves to:<br>Observe a minute silence.</p><div class="ad"></div>
      <p>— The Nigerian Senate (@NGRSenate) <a href="https://twitter.com/NGRSenate/status/1049648215035924480?ref_src=twsrc%5Etfw">October 9, 2018</a></p></blockquote>`,
      'https://news.example/a',
    );
    const [found] = findEmbeds(document);
    expect(found?.embed).toEqual({
      kind: 'tweet',
      id: '1049648215035924480',
      url: 'https://twitter.com/NGRSenate/status/1049648215035924480',
      authorName: 'The Nigerian Senate',
      authorHandle: 'NGRSenate',
      text: 'Senate resolves to:\nObserve a minute silence.',
      date: 'October 9, 2018',
      title: null,
    });
  });
});

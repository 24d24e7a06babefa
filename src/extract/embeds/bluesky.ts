/** Bluesky: the embed.js blockquote and embed.bsky.app iframes. */
import type { Embed } from '../../article.js';
import type { EmbedProvider } from './detect.js';
import { hasClass, hostIs, hrefOf, makeEmbed, pickPermalink, readQuotedPost, single } from './markup.js';
import type { Element } from '../dom.js';

const BLUESKY_POST_PATH = /^\/profile\/([^/]+)\/post\/([^/]+)/;
const BLUESKY_AT_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)/;

function isBluesky(el: Element): boolean {
  return el.localName === 'blockquote' && hasClass(el, 'bluesky-embed');
}

function blueskyEmbed(actor: string, postId: string, fields: Partial<Embed>): Embed {
  return makeEmbed('bluesky', `https://bsky.app/profile/${actor}/post/${postId}`, { ...fields, id: postId });
}

/** `<blockquote class="bluesky-embed" data-bluesky-uri>`: `<p>TEXT</p>— Name (@handle) <a>date</a>`. */
function parseBluesky(quote: Element): Embed | null {
  const postLinks = [...quote.querySelectorAll('a[href]')]
    .map((anchor) => {
      const href = hrefOf(anchor);
      const match = href && hostIs(href, 'bsky.app') ? BLUESKY_POST_PATH.exec(href.pathname) : null;
      return match ? { anchor, actor: decodeURIComponent(match[1]!), postId: match[2]! } : null;
    })
    .filter((link) => link !== null);
  const permalink = pickPermalink(postLinks, quote);
  const atUri = BLUESKY_AT_URI.exec(quote.getAttribute('data-bluesky-uri') ?? '');
  const actor = permalink?.actor ?? atUri?.[1];
  const postId = permalink?.postId ?? atUri?.[2];
  if (!actor || !postId) return null;

  const post = readQuotedPost(quote, permalink?.anchor ?? null);
  return blueskyEmbed(actor, postId, {
    authorName: post.name,
    // A profile URL names the handle itself unless it uses the account's DID.
    authorHandle: post.handle ?? (actor.startsWith('did:') ? null : actor),
    text: post.text,
    date: post.date,
  });
}

export const blueskyProvider: EmbedProvider = {
  detectors: [{ accepts: isBluesky, detect: single(parseBluesky) }],
  fromFrameUrl(url) {
    if (!hostIs(url, 'embed.bsky.app')) return undefined;
    const match = /^\/embed\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)/.exec(url.pathname);
    return match ? blueskyEmbed(match[1]!, match[2]!, {}) : null;
  },
  hints: { classWords: ['bluesky'] },
};

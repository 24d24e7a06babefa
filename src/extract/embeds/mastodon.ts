/** Mastodon (any server): the 4.3+ embed blockquote and `/embed` iframes. */
import type { Embed } from '../../article.js';
import type { EmbedProvider } from './detect.js';
import { hasClass, hrefOf, makeEmbed, paragraphsOf, paragraphText, resolveUrl, single } from './markup.js';
import type { Element } from '../dom.js';

interface MastodonRef {
  origin: string;
  path: string;
  user: string;
  id: string;
  wasEmbedUrl: boolean;
}

function isMastodonQuote(el: Element): boolean {
  return el.localName === 'blockquote' && hasClass(el, 'mastodon-embed');
}

/** `https://host/@user/123[/embed]` or `https://host/users/user/statuses/123[/embed]`. */
function parseMastodonUrl(url: URL | null): MastodonRef | null {
  if (!url || !/^https?:$/.test(url.protocol)) return null;
  const match =
    /^\/@([\w.-]+(?:@[\w.-]+)?)\/(\d+)(\/embed)?\/?$/.exec(url.pathname) ??
    /^\/users\/([\w.-]+)\/statuses\/(\d+)(\/embed)?\/?$/.exec(url.pathname);
  if (!match) return null;
  const path = url.pathname.replace(/\/embed\/?$/, '').replace(/\/$/, '');
  return { origin: url.origin, path, user: match[1]!, id: match[2]!, wasEmbedUrl: match[3] !== undefined };
}

function mastodonEmbed(ref: MastodonRef, fields: Partial<Embed>): Embed {
  return makeEmbed('mastodon', ref.origin + ref.path, { ...fields, id: ref.id, authorHandle: ref.user });
}

/** Mastodon 4.3+ `<blockquote class="mastodon-embed" data-embed-url>` with a "Post by" link. */
function parseMastodonQuote(quote: Element): Embed | null {
  const ref =
    parseMastodonUrl(resolveUrl(quote.getAttribute('data-embed-url'), quote)) ??
    [...quote.querySelectorAll('a[href]')].map((a) => parseMastodonUrl(hrefOf(a))).find((r) => r !== null) ??
    null;
  return ref ? mastodonEmbed(ref, { text: paragraphText(paragraphsOf(quote)) }) : null;
}

export const mastodonProvider: EmbedProvider = {
  detectors: [{ accepts: isMastodonQuote, detect: single(parseMastodonQuote) }],
  // Any host can run Mastodon: only an /embed URL, or a frame classed so, is taken for one.
  fromFrameUrl(url, frame) {
    const ref = parseMastodonUrl(url);
    return ref && (ref.wasEmbedUrl || frame.classList.contains('mastodon-embed')) ? mastodonEmbed(ref, {}) : undefined;
  },
  hints: { classWords: ['mastodon'] },
};

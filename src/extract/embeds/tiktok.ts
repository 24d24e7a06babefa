/** TikTok: the embed.js blockquote and player iframes. */
import type { Embed } from '../../article.js';
import { collapseSpace } from '../../text/index.js';
import type { EmbedProvider } from './detect.js';
import {
  ELEMENT_NODE,
  hasClass,
  hostIs,
  hrefOf,
  makeEmbed,
  nonEmptyBlock,
  paragraphsOf,
  paragraphText,
  readableText,
  resolveUrl,
  single,
} from './markup.js';
import type { Element, Node } from '../dom.js';

function isTikTok(el: Element): boolean {
  return el.localName === 'blockquote' && hasClass(el, 'tiktok-embed');
}

/** `<blockquote class="tiktok-embed" cite data-video-id>` with `@handle` in its section. */
function parseTikTok(quote: Element): Embed | null {
  const cite = resolveUrl(quote.getAttribute('cite'), quote);
  const fromCite =
    cite && hostIs(cite, 'tiktok.com') ? /^\/@([\w.-]+)\/video\/(\d+)/.exec(cite.pathname) : null;
  const dataId = quote.getAttribute('data-video-id')?.trim();
  const id = fromCite?.[2] ?? (dataId && /^\d+$/.test(dataId) ? dataId : null);
  if (!id) return null;

  const profileLinks = [...quote.querySelectorAll('a[href]')].map((anchor) => {
    const href = hrefOf(anchor);
    const match = href && hostIs(href, 'tiktok.com') ? /^\/@([\w.-]+)\/?$/.exec(href.pathname) : null;
    return match ? { anchor, handle: match[1]! } : null;
  });
  const profile = profileLinks.find((link) => link !== null);
  const handle = profile?.handle ?? fromCite?.[1] ?? null;
  // The caption is the <p>; shorter snippets put it straight in the <section> beside the links.
  const isSoundLink = (node: Node): boolean =>
    node.nodeType === ELEMENT_NODE &&
    (node as Element).localName === 'a' &&
    collapseSpace(node.textContent).startsWith('\u266c');
  const section = quote.querySelector('section') ?? quote;
  const text =
    paragraphText(paragraphsOf(quote)) ??
    nonEmptyBlock(readableText(section, (node) => node === profile?.anchor || isSoundLink(node)));
  const url = handle
    ? `https://www.tiktok.com/@${handle}/video/${id}`
    : `https://www.tiktok.com/embed/v2/${id}`;
  return makeEmbed('tiktok', url, { id, authorHandle: handle, text });
}

export const tiktokProvider: EmbedProvider = {
  detectors: [{ accepts: isTikTok, detect: single(parseTikTok) }],
  fromFrameUrl(url) {
    if (!hostIs(url, 'tiktok.com')) return undefined;
    const id = /^\/(?:embed(?:\/v2)?|player\/v1)\/(\d+)/.exec(url.pathname)?.[1];
    return id ? makeEmbed('tiktok', `https://www.tiktok.com/embed/v2/${id}`, { id }) : null;
  },
  hints: { classWords: ['tiktok'] },
};

/** Facebook: the SDK's `fb-post` / `fb-video` plugins (with their fallback blockquote) and plugin iframes. */
import type { Embed } from '../../article.js';
import { comesBefore } from '../tree-order.js';
import type { DetectContext, EmbedProvider } from './detect.js';
import { hasClass, hostIs, makeEmbed, nonEmpty, paragraphsOf, paragraphText, readableText, resolveUrl, single, webUrl } from './markup.js';
import { collapseSpace } from '../../text/index.js';
import type { Element } from '../dom.js';

function isFacebookPlugin(el: Element): boolean {
  return hasClass(el, 'fb-post', 'fb-video') || (el.localName === 'amp-facebook' && el.hasAttribute('data-href'));
}

/** The post or video id in a Facebook URL, where it has one. */
function facebookId(url: URL): string | null {
  for (const param of ['story_fbid', 'fbid', 'v']) {
    const value = url.searchParams.get(param);
    if (value && /^[\w-]+$/.test(value)) return value;
  }
  // /<page>/posts/<id>, /<page>/videos/<id>, /photos/a.1/<id>: the id is the last segment.
  const isSection = (segment: string): boolean => /^(?:posts|videos|reel|permalink|photos)$/.test(segment);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const last = segments.at(-1);
  if (!last || !segments.some(isSection) || isSection(last)) return null;
  return /^[\w-]+$/.test(last) ? last : null;
}

function facebookEmbed(url: URL, fields: Partial<Embed>): Embed {
  return makeEmbed('facebook', url.href, { ...fields, id: facebookId(url) });
}

/**
 * `<div class="fb-post|fb-video" data-href>` with the SDK's fallback blockquote:
 * `[<a>video title</a>] <p>TEXT</p> Posted by <a>Name</a> on <a>date</a>`.
 */
function parseFacebookPlugin(element: Element, context: DetectContext): Embed | null {
  const quote = element.querySelector('blockquote');
  const url =
    webUrl(resolveUrl(element.getAttribute('data-href'), element)) ??
    webUrl(resolveUrl(quote?.getAttribute('cite'), element));
  if (!url) {
    // After the SDK ran, the plugin iframe may be all that is left.
    const frames = [...element.querySelectorAll('iframe')].map((frame) => context.frame(frame));
    return frames.find((embed) => embed?.kind === 'facebook') ?? null;
  }
  if (!quote) return facebookEmbed(url, {});

  const paragraphs = paragraphsOf(quote);
  const firstParagraph = paragraphs[0];
  // A video's fallback opens with a link titled like the video, before the text.
  const titleLink = firstParagraph
    ? [...quote.children].find((child) => child.localName === 'a' && comesBefore(child, firstParagraph))
    : undefined;
  const credit = collapseSpace(
    readableText(quote, (node) => node === titleLink || paragraphs.includes(node as Element)),
  );
  const posted = /\bposted by\s+(.+?)(?:\s+on\s+(.+))?$/i.exec(credit);
  return facebookEmbed(url, {
    text: paragraphText(paragraphs),
    authorName: nonEmpty(posted?.[1]),
    date: nonEmpty(posted?.[2]),
    title: nonEmpty(titleLink?.textContent),
  });
}

export const facebookProvider: EmbedProvider = {
  detectors: [{ accepts: isFacebookPlugin, detect: single(parseFacebookPlugin) }],
  fromFrameUrl(url, frame) {
    if (!hostIs(url, 'facebook.com') || !/^(?:\/v[\d.]+)?\/plugins\/(?:post|video)\.php$/.test(url.pathname)) return undefined;
    const target = webUrl(resolveUrl(url.searchParams.get('href'), frame));
    return target ? facebookEmbed(target, {}) : null;
  },
  hints: { tags: ['amp-facebook'], classWords: ['fb-post', 'fb-video'] },
};

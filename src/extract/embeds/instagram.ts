/** Instagram: the embed.js blockquote, `<amp-instagram>`, and post iframes. */
import type { Embed } from '../../article.js';
import { collapseSpace } from '../../text/index.js';
import type { EmbedProvider } from './detect.js';
import { hasClass, hostIs, hrefOf, makeEmbed, nonEmpty, paragraphsOf, paragraphText, resolveUrl, single } from './markup.js';
import type { Element } from '../dom.js';

function isInstagram(el: Element): boolean {
  return (
    (el.localName === 'blockquote' && hasClass(el, 'instagram-media')) ||
    (el.localName === 'amp-instagram' && el.hasAttribute('data-shortcode'))
  );
}

function instagramFromUrl(url: URL | null): Embed | null {
  if (!url || !hostIs(url, 'instagram.com')) return null;
  const match = /^\/(?:[\w.]+\/)?(p|reel|reels|tv)\/([\w-]+)/.exec(url.pathname);
  if (!match) return null;
  const type = match[1] === 'reels' ? 'reel' : match[1]!;
  return makeEmbed('instagram', `https://www.instagram.com/${type}/${match[2]}/`, { id: match[2]! });
}

/** `<blockquote class="instagram-media" data-instgrm-permalink>`; caption only when captioned. */
function parseInstagram(element: Element): Embed | null {
  const shortcode = element.getAttribute('data-shortcode');
  if (element.localName === 'amp-instagram') {
    return shortcode && /^[\w-]+$/.test(shortcode)
      ? makeEmbed('instagram', `https://www.instagram.com/p/${shortcode}/`, { id: shortcode })
      : null;
  }
  const postLinks = [...element.querySelectorAll('a[href]')].map((a) => instagramFromUrl(hrefOf(a)));
  const base =
    instagramFromUrl(resolveUrl(element.getAttribute('data-instgrm-permalink'), element)) ??
    postLinks.find((e) => e !== null) ??
    null;
  if (!base) return null;

  // The credit line: "A post shared by Name (@handle)", maybe with a <time>.
  const paragraphs = paragraphsOf(element);
  const credit = paragraphs.find((p) => p.querySelector('time') || /\(@[\w.]+\)/.test(p.textContent ?? ''));
  const captions = paragraphs.filter(
    (p) => p !== credit && !/^view this (?:post|profile) on instagram$/i.test(collapseSpace(p.textContent)),
  );
  return { ...base, ...creditOf(credit), text: paragraphText(captions) };
}

function creditOf(credit: Element | undefined): Pick<Embed, 'authorName' | 'authorHandle' | 'date'> {
  if (!credit) return { authorName: null, authorHandle: null, date: null };
  const creditText = collapseSpace(credit.textContent);
  const authorHandle = /\(@([\w.]*\w)\)/.exec(creditText)?.[1] ?? null;
  const profileLink = [...credit.querySelectorAll('a[href]')].find((a) => {
    const href = hrefOf(a);
    return href !== null && instagramFromUrl(href) === null && hostIs(href, 'instagram.com');
  });
  const authorName =
    nonEmpty(profileLink?.textContent) ??
    nonEmpty(/\bshared by\s+(.*?)\s*\(@/i.exec(creditText)?.[1]);
  const time = credit.querySelector('time');
  const date = nonEmpty(time?.getAttribute('datetime')) ?? nonEmpty(time?.textContent);
  return { authorName, authorHandle, date };
}

export const instagramProvider: EmbedProvider = {
  detectors: [{ accepts: isInstagram, detect: single(parseInstagram) }],
  fromFrameUrl: (url) => (hostIs(url, 'instagram.com') ? instagramFromUrl(url) : undefined),
  hints: { tags: ['amp-instagram'], classWords: ['instagram'] },
};

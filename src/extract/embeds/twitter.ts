/** Twitter / X: the widgets.js blockquote, the rendered widget, its iframe, and bare status links. */
import type { Embed } from '../../article.js';
import type { DetectContext, EmbedProvider, FoundEmbed } from './detect.js';
import {
  BLOCK_ELEMENTS,
  CONTENT_ELEMENTS,
  hasClass,
  hostIs,
  hrefOf,
  makeEmbed,
  mergeEmbeds,
  pickPermalink,
  insideMatching,
  readQuotedPost,
  single,
} from './markup.js';
import { collapseSpace } from '../../text/index.js';
import type { Element, Node } from '../dom.js';

interface TweetRef {
  /** twitter.com or x.com, as the page wrote it. */
  host: string;
  handle: string | null;
  id: string;
}

/** The widgets.js source markup (a blockquote, though some CMSs turn it into a div). */
function isTweetQuote(el: Element): boolean {
  return (
    hasClass(el, 'twitter-tweet', 'twitter-video') &&
    !hasClass(el, 'twitter-tweet-rendered') &&
    el.localName !== 'iframe'
  );
}

function isRenderedTweet(el: Element): boolean {
  return (
    el.hasAttribute('data-tweet-id') ||
    hasClass(el, 'twitter-tweet-rendered') ||
    el.localName === 'twitterwidget' ||
    (el.localName === 'amp-twitter' && el.hasAttribute('data-tweetid'))
  );
}

/** Wrappers that sites put around a tweet that never rendered (only a status link is left). */
function isTweetClassed(el: Element): boolean {
  return /tweet|twitter/i.test(el.getAttribute('class') ?? '');
}

// i/web/status and i/status links carry no handle; statuses/ is the pre-2013 spelling.
const STATUS_URL =
  /^https?:\/\/(?:(?:www|mobile|m)\.)?(twitter\.com|x\.com)\/(?:#!\/)?(?:i\/web|i|(\w{1,15}))\/status(?:es)?\/(\d+)/i;

function parseStatusUrl(url: URL | string | null): TweetRef | null {
  if (!url) return null;
  const match = STATUS_URL.exec(String(url));
  if (!match) return null;
  return { host: match[1]!.toLowerCase(), handle: match[2] ?? null, id: match[3]! };
}

function tweetUrl(host: string, handle: string | null, id: string): string {
  return handle ? `https://${host}/${handle}/status/${id}` : `https://${host}/i/web/status/${id}`;
}

function tweetIdAttribute(element: Element): string | null {
  const raw = element.getAttribute('data-tweet-id') ?? element.getAttribute('data-tweetid');
  return raw && /^\d+$/.test(raw.trim()) ? raw.trim() : null;
}

function tweetById(id: string): Embed {
  return makeEmbed('tweet', tweetUrl('twitter.com', null, id), { id });
}

/** The standard `<blockquote class="twitter-tweet">` markup. */
function parseTweetQuote(quote: Element): Embed | null {
  const statusLinks = [...quote.querySelectorAll('a[href]')]
    .map((anchor) => ({ anchor, ref: parseStatusUrl(hrefOf(anchor)) }))
    .filter((link): link is { anchor: Element; ref: TweetRef } => link.ref !== null);
  const permalink = pickPermalink(statusLinks, quote);
  const id = permalink?.ref.id ?? tweetIdAttribute(quote);
  if (!id) return null;

  const post = readQuotedPost(quote, permalink?.anchor ?? null);
  const urlHandle = permalink?.ref.handle ?? null;
  const host = permalink?.ref.host ?? 'twitter.com';
  return makeEmbed('tweet', tweetUrl(host, urlHandle ?? post.handle, id), {
    id,
    authorName: post.name,
    authorHandle: post.handle ?? urlHandle,
    text: post.text,
    date: post.date,
  });
}

/**
 * A tweet after widgets.js ran: an iframe or wrapper carrying data-tweet-id, or a
 * `.twitter-tweet-rendered` wrapper around such an iframe (maybe next to the original quote).
 */
function parseRenderedTweet(element: Element, context: DetectContext): Embed | null {
  let embed: Embed | null = null;
  const inner = element.querySelectorAll('.twitter-tweet, .twitter-video, [data-tweet-id], iframe');
  const parts = [element, ...inner];
  for (const part of parts) {
    const piece = isTweetQuote(part) ? parseTweetQuote(part) : renderedTweetPiece(part, context);
    if (!piece || (embed && embed.id !== piece.id)) continue;
    embed = embed === null ? piece : mergeEmbeds(embed, piece);
  }
  return embed;
}

function renderedTweetPiece(element: Element, context: DetectContext): Embed | null {
  const id = tweetIdAttribute(element);
  if (id) return tweetById(id);
  if (element.localName !== 'iframe') return null;
  const frame = context.frame(element);
  return frame?.kind === 'tweet' ? frame : null;
}

/**
 * A tweet that never rendered: a status link (or bare status URL) standing alone in its block
 * inside an element whose class mentions tweet/twitter, e.g. WordPress's twitter embed figure.
 */
function findBareStatusLinks(container: Element, context: DetectContext): FoundEmbed[] {
  const hits: FoundEmbed[] = [];
  const consider = (node: Node, ref: TweetRef | null): void => {
    if (!ref) return;
    // The cheaper test first: most status links share their paragraph (a tweet's own date link).
    const element = soleContentBlock(node, container, context);
    if (!element || insideMatching(node, context.isPlatformMarkup, container)) return;
    hits.push({
      element,
      embed: makeEmbed('tweet', tweetUrl(ref.host, ref.handle, ref.id), {
        id: ref.id,
        authorHandle: ref.handle,
      }),
    });
  };
  for (const anchor of container.querySelectorAll('a[href]')) {
    consider(anchor, parseStatusUrl(hrefOf(anchor)));
  }
  const walker = container.ownerDocument.createTreeWalker(container, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const content = collapseSpace(node.textContent);
    // A status URL written out as text, the way WordPress leaves an embed it could not fetch
    // (tested before the climb to a link, which every text node of the page would pay).
    if (!/^https?:\/\/\S+$/.test(content) || node.parentElement?.closest('a')) continue;
    consider(node, parseStatusUrl(content));
  }
  return hits;
}

/** Whether any element below `element` is media or another platform's embed markup. */
function holdsEmbedMarkup(element: Element, context: DetectContext): boolean {
  return [...element.querySelectorAll('*')].some(
    (inner) => (CONTENT_ELEMENTS.has(inner.localName) && inner.localName !== 'img') || context.isPlatformMarkup(inner),
  );
}

/**
 * The outermost element (up to `container`) holding nothing but `node`'s content, provided it
 * is a block of its own; null when the link shares its paragraph with other text.
 */
function soleContentBlock(node: Node, container: Element, context: DetectContext): Element | null {
  let sole: Element | null = null;
  let inner: Node = node;
  for (let el = node.parentElement; el; inner = el, el = el.parentElement) {
    if (!blankBeside(el, inner) || holdsEmbedMarkup(el, context)) break;
    sole = el;
    if (el === container) break;
  }
  if (!sole) return null;
  return sole === container || BLOCK_ELEMENTS.has(sole.localName) ? sole : null;
}

/**
 * Whether `inner`, a child of `element`, holds all of its text (the rest is blank): read child by
 * child, not as the element's whole text, which for each link of a page of many would be the
 * page's text again and again.
 */
function blankBeside(element: Element, inner: Node): boolean {
  for (let child = element.firstChild; child; child = child.nextSibling) {
    // Comments and the like are no text (an element's textContent leaves them out).
    if (child === inner || (child.nodeType !== 1 && child.nodeType !== 3)) continue;
    if (/\S/.test(child.textContent ?? '')) return false;
  }
  return true;
}

export const twitterProvider: EmbedProvider = {
  detectors: [
    { accepts: isTweetQuote, detect: single(parseTweetQuote) },
    { accepts: isRenderedTweet, detect: single(parseRenderedTweet) },
    { accepts: isTweetClassed, detect: findBareStatusLinks, fallback: true },
  ],
  fromFrameUrl(url, frame) {
    if (!hostIs(url, 'platform.twitter.com') && !hostIs(url, 'platform.x.com')) return undefined;
    const id = url.searchParams.get('id') ?? tweetIdAttribute(frame);
    return id && /^\d+$/.test(id) ? tweetById(id) : null;
  },
  fromFrameAttributes(frame) {
    const id = tweetIdAttribute(frame);
    return id ? tweetById(id) : null;
  },
  hints: { tags: ['amp-twitter', 'twitterwidget'], classWords: ['tweet', 'twitter'], attributes: ['data-tweet-id'] },
};

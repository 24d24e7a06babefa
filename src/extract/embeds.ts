/**
 * Embedded posts and videos (tweets first of all), harvested from the untouched page DOM before
 * Readability runs: Readability drops iframes and mangles the embed blockquotes, so this is the
 * only moment the markup still says what each embed was.
 *
 * The DOM is read with nodeType checks rather than `instanceof Element`: the document comes from
 * linkedom, whose classes are not Node's globals.
 */
import type { Embed, EmbedKind } from '../article.js';
import { comesBefore, walkElements } from './tree-order.js';

export interface FoundEmbed {
  /** The outermost element that is the embed itself (never a container of article text). */
  element: Element;
  embed: Embed;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

// ---------------------------------------------------------------------------------------------
// Finding
// ---------------------------------------------------------------------------------------------

/** A platform's markup recogniser: which elements it looks at and what it makes of one. */
interface Detector {
  accepts(element: Element): boolean;
  detect(element: Element): FoundEmbed[];
}

// Plain predicates rather than CSS selectors: matching a selector against every element is many times slower.
function hasClass(element: Element, ...names: string[]): boolean {
  return names.some((name) => element.classList.contains(name));
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
function isFrame(el: Element): boolean {
  return el.localName === 'iframe' || (el.localName === 'embed' && el.hasAttribute('src'));
}
function isLitePlayer(el: Element): boolean {
  return ['lite-youtube', 'lite-vimeo', 'amp-youtube', 'amp-vimeo'].includes(el.localName);
}
function isInstagram(el: Element): boolean {
  return (
    (el.localName === 'blockquote' && hasClass(el, 'instagram-media')) ||
    (el.localName === 'amp-instagram' && el.hasAttribute('data-shortcode'))
  );
}
function isTikTok(el: Element): boolean {
  return el.localName === 'blockquote' && hasClass(el, 'tiktok-embed');
}
function isBluesky(el: Element): boolean {
  return el.localName === 'blockquote' && hasClass(el, 'bluesky-embed');
}
function isMastodonQuote(el: Element): boolean {
  return el.localName === 'blockquote' && hasClass(el, 'mastodon-embed');
}
function isFacebookPlugin(el: Element): boolean {
  return (
    hasClass(el, 'fb-post', 'fb-video') ||
    (el.localName === 'amp-facebook' && el.hasAttribute('data-href'))
  );
}
/** Wrappers that sites put around a tweet that never rendered (only a status link is left). */
function isTweetClassed(el: Element): boolean {
  return /tweet|twitter/i.test(el.getAttribute('class') ?? '');
}

/** In priority order: the first detector that recognises an element wins it. */
const DETECTORS: Detector[] = [
  { accepts: isTweetQuote, detect: single(parseTweetQuote) },
  { accepts: isRenderedTweet, detect: single(parseRenderedTweet) },
  { accepts: isFrame, detect: single(parseFrame) },
  { accepts: isLitePlayer, detect: single(parseLitePlayer) },
  { accepts: isInstagram, detect: single(parseInstagram) },
  { accepts: isTikTok, detect: single(parseTikTok) },
  { accepts: isBluesky, detect: single(parseBluesky) },
  { accepts: isMastodonQuote, detect: single(parseMastodonQuote) },
  { accepts: isFacebookPlugin, detect: single(parseFacebookPlugin) },
  { accepts: isTweetClassed, detect: findBareStatusLinks },
];

/** Elements any detector can accept, by tag name; the rest need a class or attribute hint. */
const EMBED_TAGS = new Set([
  'iframe', 'embed', 'lite-youtube', 'lite-vimeo', 'amp-youtube', 'amp-vimeo',
  'amp-instagram', 'amp-facebook', 'amp-twitter', 'twitterwidget',
]);
const EMBED_CLASS_HINT = /tweet|twitter|instagram|tiktok|bluesky|mastodon|fb-post|fb-video/i;

/**
 * A cheap test that rules out nearly every element of a page before the detectors run: their
 * classList reads cost a DOMTokenList per element.
 * It must accept everything some detector accepts.
 */
function mightBeEmbed(el: Element): boolean {
  if (EMBED_TAGS.has(el.localName)) return true;
  const classes = el.getAttribute('class');
  return (classes !== null && EMBED_CLASS_HINT.test(classes)) || el.hasAttribute('data-tweet-id');
}

/** Any platform's own embed markup; a status link inside one of these is not a bare link. */
function isPlatformMarkup(el: Element): boolean {
  return DETECTORS.some((d) => d.accepts !== isTweetClassed && d.accepts(el));
}

function single(parse: (element: Element) => Embed | null) {
  return (element: Element): FoundEmbed[] => {
    const embed = parse(element);
    return embed ? [{ element, embed }] : [];
  };
}

/**
 * The embedded posts and videos of a page, in document order, each once.
 * Expects the parsed page before Readability (scripts may or may not have been removed).
 */
export function findEmbeds(document: Document): FoundEmbed[] {
  const found = new FoundSet();
  // querySelectorAll yields document order, so an outer embed is always seen before its insides.
  for (const candidate of document.querySelectorAll('*')) {
    if (!mightBeEmbed(candidate)) continue;
    const detectors = DETECTORS.filter((d) => d.accepts(candidate));
    if (detectors.length === 0 || found.holds(candidate)) continue;
    for (const detector of detectors) {
      const hits = detector.detect(candidate);
      for (const hit of hits) {
        if (!found.holds(hit.element)) found.addOrMerge(hit);
      }
      if (hits.length > 0) break;
    }
  }
  // A bare status link is reported when its wrapper is visited, which can be before an embed
  // that precedes the link inside that wrapper.
  return found.inDocumentOrder(document);
}

/**
 * The embeds found so far, indexed so that each question about them costs the depth of one
 * element rather than a look at every embed: a page may carry thousands.
 */
class FoundSet {
  private readonly byKey = new Map<string, FoundEmbed>();
  private readonly byElement = new Map<Element, FoundEmbed>();

  /** Whether `element` is a found embed or lies inside one. */
  holds(element: Element): boolean {
    for (let node: Element | null = element; node; node = node.parentElement) {
      if (this.byElement.has(node)) return true;
    }
    return false;
  }

  /**
   * The same post twice (a tweet's blockquote next to the iframe that replaced it, a fallback
   * copy in a wrapper) is one embed: the richer record wins, the other fills its gaps.
   */
  addOrMerge(hit: FoundEmbed): void {
    const key = embedKey(hit.embed);
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, hit);
      this.byElement.set(hit.element, hit);
      return;
    }
    existing.embed = mergeEmbeds(existing.embed, hit.embed);
    const wrapper = commonAncestor(existing.element, hit.element);
    // Widen to the shared wrapper only when it holds nothing but these two copies.
    if (wrapper && holdsOnly(wrapper, [existing.element, hit.element])) {
      this.byElement.delete(existing.element);
      existing.element = wrapper;
      this.byElement.set(wrapper, existing);
    }
  }

  /** The embeds in the order their elements stand in the page (one walk, not pairwise comparisons). */
  inDocumentOrder(document: Document): FoundEmbed[] {
    if (this.byElement.size < 2) return [...this.byElement.values()];
    const ordered: FoundEmbed[] = [];
    walkElements(document, (element) => {
      const hit = this.byElement.get(element);
      if (hit) ordered.push(hit);
    });
    return ordered;
  }
}

function embedKey(embed: Embed): string {
  return `${embed.kind}:${embed.id ?? embed.url}`;
}

function richness(embed: Embed): number {
  return Object.values(embed).filter((value) => value !== null).length;
}

/** Two records of one post: the one with more fields wins, the other fills its gaps. */
function mergeEmbeds(a: Embed, b: Embed): Embed {
  return richness(b) > richness(a) ? fillGaps(b, a) : fillGaps(a, b);
}

function fillGaps(rich: Embed, poor: Embed): Embed {
  return {
    kind: rich.kind,
    id: rich.id ?? poor.id,
    url: rich.url,
    authorName: rich.authorName ?? poor.authorName,
    authorHandle: rich.authorHandle ?? poor.authorHandle,
    text: rich.text ?? poor.text,
    date: rich.date ?? poor.date,
    title: rich.title ?? poor.title,
  };
}

function commonAncestor(a: Element, b: Element): Element | null {
  const ancestorsOfA = new Set<Element>();
  for (let node: Element | null = a.parentElement; node; node = node.parentElement) ancestorsOfA.add(node);
  for (let node: Element | null = b; node; node = node.parentElement) {
    if (ancestorsOfA.has(node)) return node;
  }
  return null;
}

const CONTENT_ELEMENTS = new Set([
  'iframe',
  'embed',
  'object',
  'video',
  'audio',
  'img',
  'picture',
  'blockquote',
  'lite-youtube',
  'lite-vimeo',
]);

/** Whether `wrapper` has no text or media of its own outside `parts`. */
function holdsOnly(wrapper: Element, parts: Element[]): boolean {
  const stack: Node[] = [...wrapper.childNodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      if ((node.textContent ?? '').trim() !== '') return false;
    } else if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      if (parts.includes(element)) continue;
      if (CONTENT_ELEMENTS.has(element.localName) || isPlatformMarkup(element)) return false;
      stack.push(...element.childNodes);
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

function makeEmbed(kind: EmbedKind, url: string, fields: Partial<Embed> = {}): Embed {
  return {
    kind,
    id: fields.id ?? null,
    url,
    authorName: fields.authorName ?? null,
    authorHandle: fields.authorHandle ?? null,
    text: fields.text ?? null,
    date: fields.date ?? null,
    title: fields.title ?? null,
  };
}

/** An attribute or href resolved against the page; null when absent or unparsable. */
function resolveUrl(raw: string | null | undefined, element: Element): URL | null {
  if (!raw || raw.trim() === '') return null;
  try {
    return new URL(raw.trim(), element.ownerDocument.baseURI);
  } catch {
    return null;
  }
}

/** The URL when it is one a reader can open (http or https): a page's data-href may say anything. */
function webUrl(url: URL | null): URL | null {
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
}

function hrefOf(anchor: Element): URL | null {
  return resolveUrl(anchor.getAttribute('href'), anchor);
}

function normaliseSpace(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function nonEmpty(text: string | null | undefined): string | null {
  const normalised = normaliseSpace(text);
  return normalised === '' ? null : normalised;
}

function hostIs(url: URL, domain: string): boolean {
  const host = url.hostname.toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

/** Whether `node` lies within an element passing `test` below `root` (root excluded). */
function insideMatching(node: Node, test: (el: Element) => boolean, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (test(el)) return true;
  }
  return false;
}

const isParagraph = (el: Element): boolean => el.localName === 'p';

const BLOCK_ELEMENTS = new Set([
  'p',
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'blockquote',
  'figure',
  'figcaption',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'pre',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'center',
]);
const SILENT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'button']);

/**
 * The text a reader sees in `root`: whitespace collapsed, `<br>` kept as a line break, block
 * boundaries as blank lines, links as their text. `skip` leaves out nodes (the permalink, …).
 */
function readableText(root: Node, skip: (node: Node) => boolean = () => false): string {
  let out = '';
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (skip(child)) continue;
      if (child.nodeType === TEXT_NODE) {
        out += (child.textContent ?? '').replace(/\s+/g, ' ');
      } else if (child.nodeType === ELEMENT_NODE) {
        const name = (child as Element).localName;
        if (name === 'br') out += '\n';
        else if (SILENT_ELEMENTS.has(name)) continue;
        else if (BLOCK_ELEMENTS.has(name)) {
          out += '\n\n';
          walk(child);
          out += '\n\n';
        } else walk(child);
      }
    }
  };
  walk(root);
  return out
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The `<p>` elements of `root` that are not inside another of them. */
function paragraphsOf(root: Element): Element[] {
  return [...root.querySelectorAll('p')].filter((p) => !insideMatching(p, isParagraph, root));
}

/** Text of the given paragraphs, one blank line between them; null when all are empty. */
function paragraphText(paragraphs: Element[], skip?: (node: Node) => boolean): string | null {
  const text = paragraphs
    .map((p) => readableText(p, skip))
    .filter((t) => t !== '')
    .join('\n\n');
  return text === '' ? null : text;
}

interface Attribution {
  name: string | null;
  handle: string | null;
}

/** "— Name (@handle)" as embed markup writes it under a post. */
function parseAttribution(text: string): Attribution {
  const flat = normaliseSpace(text);
  const withHandle = /^[\s\u2014\u2013-]*(.*?)\s*\(\s*@([\w.-]*\w)\s*\)/.exec(flat);
  if (withHandle) {
    return { name: nonEmpty(withHandle[1]), handle: withHandle[2] ?? null };
  }
  // Without a handle, only a dash-led line is an attribution rather than leftover text.
  const dashLed = /^[\u2014\u2013]\s*(.+)$/.exec(flat);
  return { name: nonEmpty(dashLed?.[1]), handle: null };
}

// ---------------------------------------------------------------------------------------------
// Twitter / X
// ---------------------------------------------------------------------------------------------

interface TweetRef {
  /** twitter.com or x.com, as the page wrote it. */
  host: string;
  handle: string | null;
  id: string;
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

/** The post's own link: the last one outside the text's <p>, where the date stands. */
function pickPermalink<T extends { anchor: Element }>(links: T[], quote: Element): T | undefined {
  return links.filter((link) => !insideMatching(link.anchor, isParagraph, quote)).at(-1) ?? links.at(-1);
}

interface QuotedPost extends Attribution {
  text: string | null;
  date: string | null;
}

/**
 * The shape Twitter and Bluesky embeds share:
 * `<p>TEXT</p> — Name (@handle) <a href="permalink">date</a>`.
 */
function readQuotedPost(quote: Element, permalink: Element | null): QuotedPost {
  const isPermalink = (node: Node): boolean => node === permalink;
  const paragraphs = paragraphsOf(quote);
  const date =
    permalink && !insideMatching(permalink, isParagraph, quote) ? nonEmpty(permalink.textContent) : null;
  // Some CMSs wrap the "— Name (@handle) date" credit in a <p> of its own.
  const last = paragraphs.at(-1);
  if (last && paragraphs.length > 1 && /^[\u2014\u2013-]/.test(readableText(last).trim())) {
    const credit = parseAttribution(readableText(last, isPermalink));
    if (credit.name || credit.handle) {
      const creditDate = permalink && last.contains(permalink) ? nonEmpty(permalink.textContent) : date;
      return { text: paragraphText(paragraphs.slice(0, -1), isPermalink), date: creditDate, ...credit };
    }
  }
  const text = paragraphText(paragraphs, isPermalink);
  if (paragraphs.length > 0) {
    const credit = readableText(quote, (node) => isPermalink(node) || paragraphs.includes(node as Element));
    return { text, date, ...parseAttribution(credit) };
  }
  // Markup without <p>: the text runs up to the last "— Name (@handle)".
  const whole = readableText(quote, isPermalink);
  const dash = whole.lastIndexOf('\u2014');
  const credit = dash >= 0 ? parseAttribution(whole.slice(dash)) : { name: null, handle: null };
  const textEnd = credit.name || credit.handle ? dash : whole.length;
  return { text: nonEmptyBlock(whole.slice(0, textEnd)), date, ...credit };
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

function nonEmptyBlock(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * A tweet after widgets.js ran: an iframe or wrapper carrying data-tweet-id, or a
 * `.twitter-tweet-rendered` wrapper around such an iframe (maybe next to the original quote).
 */
function parseRenderedTweet(element: Element): Embed | null {
  let embed: Embed | null = null;
  const inner = element.querySelectorAll('.twitter-tweet, .twitter-video, [data-tweet-id], iframe');
  const parts = [element, ...inner];
  for (const part of parts) {
    const piece = isTweetQuote(part) ? parseTweetQuote(part) : renderedTweetPiece(part);
    if (!piece || (embed && embed.id !== piece.id)) continue;
    embed = embed === null ? piece : mergeEmbeds(embed, piece);
  }
  return embed;
}

function renderedTweetPiece(element: Element): Embed | null {
  const id = tweetIdAttribute(element);
  if (id) return makeEmbed('tweet', tweetUrl('twitter.com', null, id), { id });
  if (element.localName !== 'iframe') return null;
  const frame = parseFrame(element);
  return frame?.kind === 'tweet' ? frame : null;
}

/**
 * A tweet that never rendered: a status link (or bare status URL) standing alone in its block
 * inside an element whose class mentions tweet/twitter, e.g. WordPress's twitter embed figure.
 */
function findBareStatusLinks(container: Element): FoundEmbed[] {
  const hits: FoundEmbed[] = [];
  const consider = (node: Node, ref: TweetRef | null, content: string): void => {
    if (!ref || insideMatching(node, isPlatformMarkup, container)) return;
    const element = soleContentBlock(node, container, content);
    if (!element) return;
    hits.push({
      element,
      embed: makeEmbed('tweet', tweetUrl(ref.host, ref.handle, ref.id), {
        id: ref.id,
        authorHandle: ref.handle,
      }),
    });
  };
  for (const anchor of container.querySelectorAll('a[href]')) {
    consider(anchor, parseStatusUrl(hrefOf(anchor)), normaliseSpace(anchor.textContent));
  }
  const walker = container.ownerDocument.createTreeWalker(container, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const content = normaliseSpace(node.textContent);
    if (content === '' || node.parentElement?.closest('a')) continue;
    // A status URL written out as text, the way WordPress leaves an embed it could not fetch.
    if (/^https?:\/\/\S+$/.test(content)) consider(node, parseStatusUrl(content), content);
  }
  return hits;
}

/** Whether any element below `element` is media or another platform's embed markup. */
function holdsEmbedMarkup(element: Element): boolean {
  return [...element.querySelectorAll('*')].some(
    (inner) => (CONTENT_ELEMENTS.has(inner.localName) && inner.localName !== 'img') || isPlatformMarkup(inner),
  );
}

/**
 * The outermost element (up to `container`) holding nothing but `node`'s content, provided it
 * is a block of its own; null when the link shares its paragraph with other text.
 */
function soleContentBlock(node: Node, container: Element, content: string): Element | null {
  let sole: Element | null = null;
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (normaliseSpace(el.textContent) !== content || holdsEmbedMarkup(el)) break;
    sole = el;
    if (el === container) break;
  }
  if (!sole) return null;
  return sole === container || BLOCK_ELEMENTS.has(sole.localName) ? sole : null;
}

// ---------------------------------------------------------------------------------------------
// Iframes and players: one URL says which platform and which post
// ---------------------------------------------------------------------------------------------

const FRAME_SOURCE_ATTRIBUTES = ['src', 'data-src', 'data-lazy-src', 'data-url'];

/** An iframe (or `<embed>`) of a known platform; lazy-loaded frames keep the URL in data-src. */
function parseFrame(frame: Element): Embed | null {
  for (const attribute of FRAME_SOURCE_ATTRIBUTES) {
    const url = resolveUrl(frame.getAttribute(attribute), frame);
    const embed = url ? embedFromFrameUrl(url, frame) : null;
    if (embed) return embed;
  }
  const id = tweetIdAttribute(frame);
  return id ? makeEmbed('tweet', tweetUrl('twitter.com', null, id), { id }) : null;
}

function embedFromFrameUrl(url: URL, frame: Element): Embed | null {
  if (hostIs(url, 'platform.twitter.com') || hostIs(url, 'platform.x.com')) {
    const id = url.searchParams.get('id') ?? tweetIdAttribute(frame);
    return id && /^\d+$/.test(id) ? makeEmbed('tweet', tweetUrl('twitter.com', null, id), { id }) : null;
  }
  const title = videoTitle(frame.getAttribute('title'));
  const youtubeId = youtubeIdFrom(url);
  if (youtubeId) return youtubeEmbed(youtubeId, title);
  if (hostIs(url, 'player.vimeo.com')) {
    const id = /^\/video\/(\d+)/.exec(url.pathname)?.[1];
    return id ? vimeoEmbed(id, title) : null;
  }
  if (hostIs(url, 'facebook.com') && /^(?:\/v[\d.]+)?\/plugins\/(?:post|video)\.php$/.test(url.pathname)) {
    const target = webUrl(resolveUrl(url.searchParams.get('href'), frame));
    return target ? facebookEmbed(target, {}) : null;
  }
  if (hostIs(url, 'tiktok.com')) {
    const id = /^\/(?:embed(?:\/v2)?|player\/v1)\/(\d+)/.exec(url.pathname)?.[1];
    return id ? makeEmbed('tiktok', `https://www.tiktok.com/embed/v2/${id}`, { id }) : null;
  }
  if (hostIs(url, 'instagram.com')) return instagramFromUrl(url);
  if (hostIs(url, 'embed.bsky.app')) {
    const match = /^\/embed\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)/.exec(url.pathname);
    return match ? blueskyEmbed(match[1]!, match[2]!, {}) : null;
  }
  const mastodon = parseMastodonUrl(url);
  if (mastodon && (mastodon.wasEmbedUrl || frame.classList.contains('mastodon-embed'))) {
    return mastodonEmbed(mastodon, {});
  }
  return null;
}

/** Players' generic frame titles ("YouTube video player") name no video. */
function videoTitle(raw: string | null): string | null {
  const title = nonEmpty(raw);
  if (!title) return null;
  const generic =
    /^(?:(?:youtube|vimeo)(?: video)?(?: player)?|(?:embedded )?(?:video|content|iframe|media)(?: player)?)$/i;
  return generic.test(title) ? null : title;
}

function youtubeIdFrom(url: URL): string | null {
  const validId = (id: string | undefined): string | null =>
    id && /^[\w-]{6,}$/.test(id) && id !== 'videoseries' ? id : null;
  if (hostIs(url, 'youtu.be')) return validId(url.pathname.split('/')[1]);
  if (hostIs(url, 'youtube.com') || hostIs(url, 'youtube-nocookie.com')) {
    if (url.pathname === '/watch') return validId(url.searchParams.get('v') ?? undefined);
    return validId(/^\/(?:embed|v|shorts|live)\/([^/?#]+)/.exec(url.pathname)?.[1]);
  }
  return null;
}

function youtubeEmbed(id: string, title: string | null): Embed {
  return makeEmbed('youtube', `https://www.youtube.com/watch?v=${id}`, { id, title });
}

function vimeoEmbed(id: string, title: string | null): Embed {
  return makeEmbed('vimeo', `https://vimeo.com/${id}`, { id, title });
}

/** `<lite-youtube videoid>` and friends: click-to-load players that carry only the id. */
function parseLitePlayer(player: Element): Embed | null {
  const id = nonEmpty(player.getAttribute('videoid') ?? player.getAttribute('data-videoid'));
  if (!id) return null;
  const label = player.getAttribute('title') ?? player.getAttribute('playlabel')?.replace(/^play:?\s*/i, '');
  const title = videoTitle(label ?? null);
  if (player.localName.endsWith('youtube')) return /^[\w-]{6,}$/.test(id) ? youtubeEmbed(id, title) : null;
  return /^\d+$/.test(id) ? vimeoEmbed(id, title) : null;
}

// ---------------------------------------------------------------------------------------------
// Instagram, TikTok, Bluesky, Mastodon, Facebook
// ---------------------------------------------------------------------------------------------

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
    (p) => p !== credit && !/^view this (?:post|profile) on instagram$/i.test(normaliseSpace(p.textContent)),
  );
  let authorName: string | null = null;
  let authorHandle: string | null = null;
  let date: string | null = null;
  if (credit) {
    const creditText = normaliseSpace(credit.textContent);
    authorHandle = /\(@([\w.]*\w)\)/.exec(creditText)?.[1] ?? null;
    const profileLink = [...credit.querySelectorAll('a[href]')].find((a) => {
      const href = hrefOf(a);
      return href !== null && instagramFromUrl(href) === null && hostIs(href, 'instagram.com');
    });
    authorName =
      nonEmpty(profileLink?.textContent) ??
      nonEmpty(/\bshared by\s+(.*?)\s*\(@/i.exec(creditText)?.[1]);
    const time = credit.querySelector('time');
    date = nonEmpty(time?.getAttribute('datetime')) ?? nonEmpty(time?.textContent);
  }
  return { ...base, authorName, authorHandle, text: paragraphText(captions), date };
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
    normaliseSpace(node.textContent).startsWith('\u266c');
  const section = quote.querySelector('section') ?? quote;
  const text =
    paragraphText(paragraphsOf(quote)) ??
    nonEmptyBlock(readableText(section, (node) => node === profile?.anchor || isSoundLink(node)));
  const url = handle
    ? `https://www.tiktok.com/@${handle}/video/${id}`
    : `https://www.tiktok.com/embed/v2/${id}`;
  return makeEmbed('tiktok', url, { id, authorHandle: handle, text });
}

const BLUESKY_POST_PATH = /^\/profile\/([^/]+)\/post\/([^/]+)/;
const BLUESKY_AT_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)/;

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

interface MastodonRef {
  origin: string;
  path: string;
  user: string;
  id: string;
  wasEmbedUrl: boolean;
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
function parseFacebookPlugin(element: Element): Embed | null {
  const quote = element.querySelector('blockquote');
  const url =
    webUrl(resolveUrl(element.getAttribute('data-href'), element)) ??
    webUrl(resolveUrl(quote?.getAttribute('cite'), element));
  if (!url) {
    // After the SDK ran, the plugin iframe may be all that is left.
    const frames = [...element.querySelectorAll('iframe')].map((frame) => parseFrame(frame));
    return frames.find((embed) => embed?.kind === 'facebook') ?? null;
  }
  if (!quote) return facebookEmbed(url, {});

  const paragraphs = paragraphsOf(quote);
  const firstParagraph = paragraphs[0];
  // A video's fallback opens with a link titled like the video, before the text.
  const titleLink = firstParagraph
    ? [...quote.children].find(
        (child) =>
          child.localName === 'a' && comesBefore(child, firstParagraph),
      )
    : undefined;
  const credit = normaliseSpace(
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

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

const PLATFORM_NAMES: Record<EmbedKind, string> = {
  tweet: 'Tweet',
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  instagram: 'Instagram post',
  tiktok: 'TikTok video',
  bluesky: 'Bluesky post',
  mastodon: 'Mastodon post',
  facebook: 'Facebook post',
};

function isVideo(embed: Embed): boolean {
  return embed.kind === 'youtube' || embed.kind === 'vimeo';
}

function platformNoun(embed: Embed): string {
  if (embed.kind === 'facebook' && /\/videos?\/|video\.php|[?&]v=/.test(embed.url)) return 'Facebook video';
  return PLATFORM_NAMES[embed.kind];
}

/** "Name (@handle)", "@handle", "Name" or null. */
function authorLine(embed: Embed): string | null {
  const handle = embed.authorHandle ? `@${embed.authorHandle}` : null;
  if (embed.authorName && handle) return `${embed.authorName} (${handle})`;
  return embed.authorName ?? handle;
}

/** Label for an embed with no text: "Tweet 123 by @handle", "TikTok video by @x", … */
function textlessLabel(embed: Embed, withTweetId: boolean): string {
  let label = platformNoun(embed);
  if (embed.kind === 'tweet' && embed.id && (withTweetId || !embed.authorHandle)) label += ` ${embed.id}`;
  const by = embed.authorHandle ? `@${embed.authorHandle}` : embed.authorName;
  return by ? `${label} by ${by}` : label;
}

/** The Markdown block for one embed, without surrounding blank lines. */
export function renderEmbedMarkdown(embed: Embed): string {
  const url = markdownUrl(embed.url);
  if (isVideo(embed)) {
    const platform = PLATFORM_NAMES[embed.kind];
    const label = embed.title ? `▶ ${platform}: ${escapeMarkdownInline(embed.title)}` : `▶ ${platform}`;
    return `[${label}](${url})`;
  }
  if (!embed.text) {
    const date = embed.date ? `, ${escapeMarkdownInline(embed.date)}` : '';
    return `> [${escapeMarkdownInline(textlessLabel(embed, true))}](${url})${date}`;
  }
  const author = authorLine(embed);
  const link = `[${escapeMarkdownInline(embed.date ?? platformNoun(embed))}](${url})`;
  const credit = `— ${author ? `${escapeMarkdownInline(author)}, ` : ''}${link}`;
  const body = escapeMarkdownBlock(embed.text)
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
  return `${body}\n>\n> ${credit}`;
}

/** The plain-text form: the text, then "— Name (@handle), date"; never a URL. */
export function renderEmbedText(embed: Embed): string {
  // Plain text carries what a reader reads; a video or a post without text has no words of its
  // own (like an image, which plain text leaves out too).
  if (isVideo(embed) || !embed.text) return '';
  const credit = [authorLine(embed), embed.date].filter((part) => part !== null).join(', ');
  return credit === '' ? embed.text : `${embed.text}\n— ${credit}`;
}

/** A URL safe inside `(…)`: no spaces, parentheses or angle brackets left to end it early. */
function markdownUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Page text made inert inside one Markdown line: emphasis, code, links, HTML, strike-through and
 * table pipes are escaped. Underscores inside words stay (they cannot start emphasis), so
 * handles like Charles_Lister read as written.
 */
function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\\`*[\]~|]/g, '\\$&')
    .replace(/_/g, (underscore, offset: number, whole: string) =>
      /[\p{L}\p{N}]/u.test(whole[offset - 1] ?? '') && /[\p{L}\p{N}]/u.test(whole[offset + 1] ?? '')
        ? underscore
        : '\\_',
    )
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?\w+;)/g, '\\&');
}

/** Escapes what a line could start (heading, quote, list, rule, setext underline). */
function escapeLineStart(line: string): string {
  return line
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Multi-line page text as Markdown: blank lines keep paragraphs apart, single line breaks
 * become hard breaks (a trailing backslash) so the post's line layout survives.
 */
function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => escapeLineStart(escapeMarkdownInline(line)))
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

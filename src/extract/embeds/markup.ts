/**
 * What every provider's parser reads embed markup with: URLs resolved against the page, the
 * text a reader sees in a post, the "— Name (@handle) date" credit line, and the Embed record.
 *
 * The DOM is read with nodeType checks rather than `instanceof Element`: the document comes from
 * linkedom or jsdom, whose classes are not Node's globals.
 */
import type { Embed, EmbedKind } from '../../article.js';
import type { DetectContext, FoundEmbed } from './detect.js';
import { collapseSpace, nonEmptyText } from '../../text/index.js';
import type { Element, Node } from '../dom.js';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

// Plain predicates rather than CSS selectors: matching a selector against every element is many times slower.
export function hasClass(element: Element, ...names: string[]): boolean {
  return names.some((name) => element.classList.contains(name));
}

export function makeEmbed(kind: EmbedKind, url: string, fields: Partial<Embed> = {}): Embed {
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

function richness(embed: Embed): number {
  return Object.values(embed).filter((value) => value !== null).length;
}

/** Two records of one post: the one with more fields wins, the other fills its gaps. */
export function mergeEmbeds(a: Embed, b: Embed): Embed {
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

/** An attribute or href resolved against the page; null when absent or unparsable. */
export function resolveUrl(raw: string | null | undefined, element: Element): URL | null {
  if (!raw || raw.trim() === '') return null;
  try {
    return new URL(raw.trim(), element.ownerDocument.baseURI);
  } catch {
    return null;
  }
}

/** The URL when it is one a reader can open (http or https): a page's data-href may say anything. */
export function webUrl(url: URL | null): URL | null {
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : null;
}

export function hrefOf(anchor: Element): URL | null {
  return resolveUrl(anchor.getAttribute('href'), anchor);
}

/** Text with its whitespace collapsed; null when nothing is left. */
export const nonEmpty = nonEmptyText;

export function nonEmptyBlock(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

export function hostIs(url: URL, domain: string): boolean {
  const host = url.hostname.toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

/** Whether `node` lies within an element passing `test` below `root` (root excluded). */
export function insideMatching(node: Node, test: (el: Element) => boolean, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (test(el)) return true;
  }
  return false;
}

export const isParagraph = (el: Element): boolean => el.localName === 'p';

export const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'blockquote', 'figure',
  'figcaption', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'table', 'tr', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'center',
]);
const SILENT_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'button']);

/** Elements that are content of their own: a wrapper holding one is more than an embed's frame. */
export const CONTENT_ELEMENTS = new Set([
  'iframe', 'embed', 'object', 'video', 'audio', 'img', 'picture', 'blockquote', 'lite-youtube', 'lite-vimeo',
]);

/**
 * The text a reader sees in a post's markup: whitespace collapsed, `<br>` kept as a line break,
 * block boundaries as blank lines, links as their text. `skip` leaves out nodes (the permalink,
 * …). Not the article's renderText: a post keeps its own line layout, and reads lower-case
 * local names from markup no cleaning has touched.
 */
export function readableText(root: Node, skip: (node: Node) => boolean = () => false): string {
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
export function paragraphsOf(root: Element): Element[] {
  return [...root.querySelectorAll('p')].filter((p) => !insideMatching(p, isParagraph, root));
}

/** Text of the given paragraphs, one blank line between them; null when all are empty. */
export function paragraphText(paragraphs: Element[], skip?: (node: Node) => boolean): string | null {
  const text = paragraphs
    .map((p) => readableText(p, skip))
    .filter((t) => t !== '')
    .join('\n\n');
  return text === '' ? null : text;
}

/** Who a post's credit line names (not a quotation's speaker: see quotes/). */
export interface PostCredit {
  name: string | null;
  handle: string | null;
}

/** "— Name (@handle)" as embed markup writes it under a post. */
export function parseCredit(text: string): PostCredit {
  const flat = collapseSpace(text);
  const withHandle = /^[\s\u2014\u2013-]*(.*?)\s*\(\s*@([\w.-]*\w)\s*\)/.exec(flat);
  if (withHandle) {
    return { name: nonEmpty(withHandle[1]), handle: withHandle[2] ?? null };
  }
  // Without a handle, only a dash-led line is a credit rather than leftover text.
  const dashLed = /^[\u2014\u2013]\s*(.+)$/.exec(flat);
  return { name: nonEmpty(dashLed?.[1]), handle: null };
}

/** The post's own link: the last one outside the text's <p>, where the date stands. */
export function pickPermalink<T extends { anchor: Element }>(links: T[], quote: Element): T | undefined {
  return links.filter((link) => !insideMatching(link.anchor, isParagraph, quote)).at(-1) ?? links.at(-1);
}

export interface QuotedPost extends PostCredit {
  text: string | null;
  date: string | null;
}

/**
 * The shape Twitter and Bluesky embeds share:
 * `<p>TEXT</p> — Name (@handle) <a href="permalink">date</a>`.
 */
export function readQuotedPost(quote: Element, permalink: Element | null): QuotedPost {
  const isPermalink = (node: Node): boolean => node === permalink;
  const paragraphs = paragraphsOf(quote);
  const date =
    permalink && !insideMatching(permalink, isParagraph, quote) ? nonEmpty(permalink.textContent) : null;
  // Some CMSs wrap the "— Name (@handle) date" credit in a <p> of its own.
  const last = paragraphs.at(-1);
  if (last && paragraphs.length > 1 && /^[\u2014\u2013-]/.test(readableText(last).trim())) {
    const credit = parseCredit(readableText(last, isPermalink));
    if (credit.name || credit.handle) {
      const creditDate = permalink && last.contains(permalink) ? nonEmpty(permalink.textContent) : date;
      return { text: paragraphText(paragraphs.slice(0, -1), isPermalink), date: creditDate, ...credit };
    }
  }
  const text = paragraphText(paragraphs, isPermalink);
  if (paragraphs.length > 0) {
    const credit = readableText(quote, (node) => isPermalink(node) || paragraphs.includes(node as Element));
    return { text, date, ...parseCredit(credit) };
  }
  // Markup without <p>: the text runs up to the last "— Name (@handle)".
  const whole = readableText(quote, isPermalink);
  const dash = whole.lastIndexOf('\u2014');
  const credit = dash >= 0 ? parseCredit(whole.slice(dash)) : { name: null, handle: null };
  const textEnd = credit.name || credit.handle ? dash : whole.length;
  return { text: nonEmptyBlock(whole.slice(0, textEnd)), date, ...credit };
}

/** A detector's detect for markup that is one embed or none. */
export function single(parse: (element: Element, context: DetectContext) => Embed | null) {
  return (element: Element, context: DetectContext): FoundEmbed[] => {
    const embed = parse(element, context);
    return embed ? [{ element, embed }] : [];
  };
}

/** Players' generic frame titles ("YouTube video player") name no video. */
export function videoTitle(raw: string | null): string | null {
  const title = nonEmpty(raw);
  if (!title) return null;
  const generic =
    /^(?:(?:youtube|vimeo)(?: video)?(?: player)?|(?:embedded )?(?:video|content|iframe|media)(?: player)?)$/i;
  return generic.test(title) ? null : title;
}

/** The title of a click-to-load player (`<lite-youtube>`, `<amp-vimeo>`, …). */
export function litePlayerTitle(player: Element): string | null {
  const label = player.getAttribute('title') ?? player.getAttribute('playlabel')?.replace(/^play:?\s*/i, '');
  return videoTitle(label ?? null);
}

/** The video id a click-to-load player carries. */
export function litePlayerId(player: Element): string | null {
  return nonEmpty(player.getAttribute('videoid') ?? player.getAttribute('data-videoid'));
}

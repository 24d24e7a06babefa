/**
 * Where a saved page came from, read from what the saver left in it, in this order: SingleFile's
 * header comment (`url: …`), the browser's `<!-- saved from url=(NNNN)… -->` mark,
 * `<link rel="canonical">`, `og:url`. Also the feeds a page announces (`<link rel="alternate">`),
 * for `--discover`.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { absoluteHttpUrl } from './http-url.js';

export type UrlFrom = 'singlefile' | 'saved-from' | 'canonical' | 'og:url';

export interface SavedPageUrl {
  url: string;
  from: UrlFrom;
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** SingleFile writes "Page saved with SingleFile \n url: https://… \n saved date: …". */
const SINGLEFILE_URL = /^\s*url:\s*(\S+)\s*$/m;
/** IE, then Chrome and Firefox: `saved from url=(0042)https://…`, the number being the URL's length. */
const SAVED_FROM_URL = /saved from url=\(\d+\)(\S+)/i;

/** The page's own URL, or null when the saver left none. */
export function savedPageUrl(html: string): SavedPageUrl | null {
  const marks = collect(parse(html));
  const singleFile = marks.comments.find((comment) => /saved with SingleFile/i.test(comment));
  const candidates: [UrlFrom, string | undefined][] = [
    ['singlefile', singleFile ? SINGLEFILE_URL.exec(singleFile)?.[1] : undefined],
    ['saved-from', marks.comments.map((comment) => SAVED_FROM_URL.exec(comment)?.[1]).find(Boolean)],
    ['canonical', marks.canonical],
    ['og:url', marks.ogUrl],
  ];
  for (const [from, value] of candidates) {
    // Only an absolute http(s) URL names a page; a relative canonical in a file says nothing.
    const url = value && /^https?:\/\//i.test(value.trim()) ? absoluteHttpUrl(value, value.trim()) : null;
    if (url) return { url, from };
  }
  return null;
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml']);

/** The feeds an HTML page announces with `<link rel="alternate" type="…feed type…">`, absolute. */
export function announcedFeeds(html: string, pageUrl: string): string[] {
  const feeds = collect(parse(html)).feeds.map((href) => absoluteHttpUrl(href, pageUrl));
  return [...new Set(feeds.filter((url): url is string => url !== null))];
}

interface Marks {
  comments: string[];
  canonical?: string;
  ogUrl?: string;
  feeds: string[];
}

function collect(document: Node): Marks {
  const marks: Marks = { comments: [], feeds: [] };
  const stack: Node[] = [document];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === '#comment') marks.comments.push((node as DefaultTreeAdapterMap['commentNode']).data);
    else if (node.nodeName === 'link') readLink(node as Element, marks);
    else if (node.nodeName === 'meta') {
      const property = attribute(node as Element, 'property') ?? attribute(node as Element, 'name');
      if (property?.toLowerCase() === 'og:url') marks.ogUrl ??= attribute(node as Element, 'content');
    }
    // The saver's marks are in the head or before <html>: the body is not walked.
    if (node.nodeName === 'body') continue;
    if ('childNodes' in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return marks;
}

function readLink(link: Element, marks: Marks): void {
  const rels = (attribute(link, 'rel') ?? '').toLowerCase().split(/\s+/);
  const href = attribute(link, 'href');
  if (!href) return;
  if (rels.includes('canonical')) marks.canonical ??= href;
  if (rels.includes('alternate') && FEED_TYPES.has((attribute(link, 'type') ?? '').toLowerCase().trim())) marks.feeds.push(href);
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

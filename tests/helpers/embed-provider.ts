/**
 * Runs one embed provider (src/extract/embeds/<name>.ts) on made-up markup, without the other
 * providers: the context a detector may consult throws, so a test using this shows the
 * provider read the markup alone. Markup that needs the other providers (a rendered tweet's
 * iframe) goes through findEmbeds instead.
 */
import type { Embed } from '../../src/article.js';
import type { DetectContext, EmbedProvider, FoundEmbed } from '../../src/extract/embeds/detect.js';
import type { Document, Element } from '../../src/extract/dom.js';
import { parseHtml } from '../../src/extract/parse.js';

export const PAGE_URL = 'https://news.example/2024/05/story.html';

export function page(body: string, head = ''): Document {
  return parseHtml(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, PAGE_URL);
}

export function firstElement(document: Document, selector: string): Element {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`no ${selector} in the test page`);
  return element;
}

const ALONE: DetectContext = {
  frame() {
    throw new Error('the provider asked the other providers about a frame');
  },
  isPlatformMarkup() {
    throw new Error('the provider asked the other providers about platform markup');
  },
};

/** What the provider's first detector accepting the element finds in it; null when none accepts. */
export function detectWith(provider: EmbedProvider, element: Element): FoundEmbed[] | null {
  const detector = provider.detectors.find((d) => d.accepts(element));
  return detector ? detector.detect(element, ALONE) : null;
}

/** The one embed the provider reads from the first element matching `selector` in `body`. */
export function parseWith(provider: EmbedProvider, body: string, selector: string, head = ''): Embed | null {
  const element = firstElement(page(body, head), selector);
  const found = detectWith(provider, element);
  if (found === null) throw new Error(`no detector of the provider accepts ${selector}`);
  if (found.length > 1) throw new Error(`${found.length} embeds in one element`);
  return found[0]?.embed ?? null;
}

/** What the provider makes of a frame URL: undefined when the URL is not its own. */
export function fromFrame(provider: EmbedProvider, src: string, frameAttributes = ''): Embed | null | undefined {
  const frame = firstElement(page(`<iframe src="${src}" ${frameAttributes}></iframe>`), 'iframe');
  return provider.fromFrameUrl?.(new URL(src, PAGE_URL), frame);
}

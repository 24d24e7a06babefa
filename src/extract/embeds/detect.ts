/**
 * Embedded posts and videos (tweets first of all), harvested from the untouched page DOM before
 * Readability runs: Readability drops iframes and mangles the embed blockquotes, so this is the
 * only moment the markup still says what each embed was.
 *
 * Each provider is a file of its own exporting an EmbedProvider; PROVIDERS below lists them.
 * Adding one: write `embeds/NAME.ts` (its detectors, its frame URLs, its hints) and add one line
 * to PROVIDERS (and its kind to EmbedKind in article.ts and to PLATFORM_NAMES in render.ts).
 */
import type { Embed } from '../../article.js';
import { walkElements } from '../tree-order.js';
import { blueskyProvider } from './bluesky.js';
import { facebookProvider } from './facebook.js';
import { instagramProvider } from './instagram.js';
import { CONTENT_ELEMENTS, ELEMENT_NODE, mergeEmbeds, resolveUrl, TEXT_NODE } from './markup.js';
import { mastodonProvider } from './mastodon.js';
import { tiktokProvider } from './tiktok.js';
import { twitterProvider } from './twitter.js';
import { vimeoProvider } from './vimeo.js';
import { youtubeProvider } from './youtube.js';
import type { Document, Element, Node } from '../dom.js';

export interface FoundEmbed {
  /** The outermost element that is the embed itself (never a container of article text). */
  element: Element;
  embed: Embed;
}

/** What a detector may ask of the others while it reads one element. */
export interface DetectContext {
  /** The embed an iframe or `<embed>` stands for, whichever provider it belongs to. */
  frame(element: Element): Embed | null;
  /** Whether the element is any provider's own embed markup (the fallback detectors aside). */
  isPlatformMarkup(element: Element): boolean;
}

/** A markup recogniser: which elements it looks at and what it makes of one. */
export interface Detector {
  accepts(element: Element): boolean;
  detect(element: Element, context: DetectContext): FoundEmbed[];
  /** Tried after every other provider's detectors, and not counted as platform markup. */
  fallback?: boolean;
}

export interface EmbedProvider {
  /** In priority order: the first detector that recognises an element wins it. */
  detectors: Detector[];
  /**
   * The embed a frame URL stands for: undefined when the URL is not this provider's, null when
   * it is but names no post (no later provider is asked then).
   */
  fromFrameUrl?(url: URL, frame: Element): Embed | null | undefined;
  /** The embed a frame stands for by its attributes alone, when no URL of it was recognised. */
  fromFrameAttributes?(frame: Element): Embed | null;
  /** Tag names, class words (case-insensitive substrings) and attributes its markup may carry. */
  hints: { tags?: string[]; classWords?: string[]; attributes?: string[] };
}

/** The providers, in priority order: an element two of them accept goes to the first. */
const PROVIDERS: EmbedProvider[] = [
  twitterProvider,
  youtubeProvider,
  vimeoProvider,
  instagramProvider,
  tiktokProvider,
  blueskyProvider,
  mastodonProvider,
  facebookProvider,
];

const FRAME_SOURCE_ATTRIBUTES = ['src', 'data-src', 'data-lazy-src', 'data-url'];

function isFrame(el: Element): boolean {
  return el.localName === 'iframe' || (el.localName === 'embed' && el.hasAttribute('src'));
}

/** An iframe (or `<embed>`) of a known platform; lazy-loaded frames keep the URL in data-src. */
function embedOfFrame(frame: Element): Embed | null {
  for (const attribute of FRAME_SOURCE_ATTRIBUTES) {
    const url = resolveUrl(frame.getAttribute(attribute), frame);
    if (!url) continue;
    for (const provider of PROVIDERS) {
      const embed = provider.fromFrameUrl?.(url, frame);
      if (embed !== undefined) {
        if (embed) return embed;
        break;
      }
    }
  }
  for (const provider of PROVIDERS) {
    const embed = provider.fromFrameAttributes?.(frame);
    if (embed) return embed;
  }
  return null;
}

const frameDetector: Detector = {
  accepts: isFrame,
  detect: (element) => {
    const embed = embedOfFrame(element);
    return embed ? [{ element, embed }] : [];
  },
};

/**
 * Every detector in the order they are tried. A frame is any provider's, so frames come right
 * after the first provider's own markup (a tweet's rendered wrapper holds its iframe).
 */
const DETECTORS: Detector[] = (() => {
  const [first, ...rest] = PROVIDERS.map((provider) => provider.detectors.filter((d) => !d.fallback));
  const fallbacks = PROVIDERS.flatMap((provider) => provider.detectors.filter((d) => d.fallback));
  return [...first!, frameDetector, ...rest.flat(), ...fallbacks];
})();

const EMBED_TAGS = new Set(['iframe', 'embed', ...PROVIDERS.flatMap((p) => p.hints.tags ?? [])]);
const EMBED_CLASS_HINT = new RegExp(PROVIDERS.flatMap((p) => p.hints.classWords ?? []).join('|'), 'i');
const EMBED_ATTRIBUTES = PROVIDERS.flatMap((p) => p.hints.attributes ?? []);

/**
 * A cheap test that rules out nearly every element of a page before the detectors run: their
 * classList reads cost a DOMTokenList per element. It must accept everything some detector
 * accepts, which is what each provider's hints promise.
 */
function mightBeEmbed(el: Element): boolean {
  if (EMBED_TAGS.has(el.localName)) return true;
  const classes = el.getAttribute('class');
  return (classes !== null && EMBED_CLASS_HINT.test(classes)) || EMBED_ATTRIBUTES.some((name) => el.hasAttribute(name));
}

function isPlatformMarkup(el: Element): boolean {
  return DETECTORS.some((d) => !d.fallback && d.accepts(el));
}

const CONTEXT: DetectContext = { frame: embedOfFrame, isPlatformMarkup };

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
      const hits = detector.detect(candidate, CONTEXT);
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

function commonAncestor(a: Element, b: Element): Element | null {
  const ancestorsOfA = new Set<Element>();
  for (let node: Element | null = a.parentElement; node; node = node.parentElement) ancestorsOfA.add(node);
  for (let node: Element | null = b; node; node = node.parentElement) {
    if (ancestorsOfA.has(node)) return node;
  }
  return null;
}

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

import type { Element } from './dom.js';
/**
 * Where the story's images and links point. Each image gets one `src` a reader can load: the
 * lazy-loading attribute that holds the real picture, else `src`, else the largest `srcset`
 * candidate (its own, a lazy one, or its <picture>'s sources). Then images and links are made
 * absolute against the page's base URL; without one they are kept relative, and counted so
 * that the Article can say so.
 */

/** Attributes that lazy-loading scripts copy into `src`: the real picture while `src` is a placeholder. */
const LAZY_SRC_ATTRIBUTES = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-hi-res-src'];
const SRCSET_ATTRIBUTES = ['srcset', 'data-srcset', 'data-lazy-srcset'];
/** A URL scheme ("https:", "data:", "javascript:"): absent from relative URLs. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Characters no URL in an attribute holds unescaped: whitespace, braces, quotes, angle brackets. */
const NOT_A_URL = /[\s{}"'<>]/;

export interface ResolvedUrls {
  /** Images and links left relative because there was no base URL to resolve them against. */
  relative: number;
}

/**
 * Gives every image of `content` its chosen `src`, and makes image and link URLs absolute
 * against `base` (the page's base URL; null when unknown).
 */
export function resolveUrls(content: Element, base: string | null): ResolvedUrls {
  let relative = 0;
  const absolute = (url: string): string => {
    if (SCHEME.test(url) || url.startsWith('#')) return url;
    if (!base) {
      relative++;
      return url;
    }
    try {
      return new URL(url, base).href;
    } catch {
      return url;
    }
  };
  // A <picture> whose <img> was dropped (it had no src of its own) still shows its sources.
  for (const picture of Array.from(content.querySelectorAll('picture'))) {
    if (picture.querySelector('img')) continue;
    const largest = sourcesOf(picture).map(largestCandidate).find(Boolean);
    if (!largest) continue;
    const img = picture.ownerDocument.createElement('img');
    img.setAttribute('src', largest);
    picture.append(img);
  }
  for (const img of Array.from(content.querySelectorAll('img'))) {
    const src = imageUrl(img);
    if (src) img.setAttribute('src', absolute(src));
  }
  for (const link of Array.from(content.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href')!.trim();
    if (href) link.setAttribute('href', absolute(href));
  }
  return { relative };
}

/** The one URL that shows an image, or null for an image with nothing but an inline data: URL. */
export function imageUrl(img: Element): string | null {
  for (const name of LAZY_SRC_ATTRIBUTES) {
    const value = usable(img.getAttribute(name));
    if (value) return value;
  }
  const src = usable(img.getAttribute('src'));
  if (src) return src;
  const srcsets = SRCSET_ATTRIBUTES.map((name) => img.getAttribute(name));
  if (img.parentElement?.tagName === 'PICTURE') srcsets.push(...sourcesOf(img.parentElement));
  for (const srcset of srcsets) {
    const largest = largestCandidate(srcset);
    if (largest) return largest;
  }
  return null;
}

/** The srcsets of a <picture>'s <source>s, lazy ones included. */
function sourcesOf(picture: Element): (string | null)[] {
  return Array.from(picture.querySelectorAll('source')).flatMap((source) => SRCSET_ATTRIBUTES.map((name) => source.getAttribute(name)));
}

/**
 * A URL worth showing: not empty, not an inline data: image (a placeholder or megabytes of
 * base64), and a URL at all (lazy-loading attributes sometimes hold JSON or a template).
 */
function usable(value: string | null): string | null {
  const url = value?.trim();
  return url && !/^data:/i.test(url) && NOT_A_URL.test(url) === false ? url : null;
}

/**
 * The widest (or densest) candidate of a srcset. Candidates are split at a comma followed by
 * whitespace: image CDNs put bare commas inside their URLs ("c_fill,w_320").
 */
function largestCandidate(srcset: string | null): string | null {
  if (!srcset) return null;
  let best: string | null = null;
  let bestSize = -1;
  for (const entry of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = entry.trim().split(/\s+/);
    if (!usable(url ?? null)) continue;
    const size = Number.parseFloat(descriptor) || 0;
    if (size > bestSize) {
      best = url!;
      bestSize = size;
    }
  }
  return best;
}

/** How much two texts say the same thing: word 4-gram containment, cheap and order-aware. */
import { shingleList, wordRuns } from '../../text/index.js';

const SHINGLE_WORDS = 4;

/**
 * The words agreement compares: lower-cased letter-and-digit runs. The quality rules count
 * these too, so a length threshold and a shingle agree on what a word is.
 */
export function words(text: string): string[] {
  return wordRuns(text.toLowerCase());
}

/** The set of word 4-grams of a text (one shingle of all words when shorter). */
export function shingles(text: string): Set<string> {
  return new Set(shingleList(words(text), SHINGLE_WORDS));
}

/** Share of `part`'s shingles found in `whole` (0 when `part` is empty). */
export function containment(part: Set<string>, whole: Set<string>): number {
  if (part.size === 0) return 0;
  let found = 0;
  for (const s of part) if (whole.has(s)) found++;
  return found / part.size;
}

/** Symmetric agreement: the harmonic mean of the two containments. */
export function agreement(a: Set<string>, b: Set<string>): number {
  const ab = containment(a, b);
  const ba = containment(b, a);
  return ab + ba > 0 ? (2 * ab * ba) / (ab + ba) : 0;
}

/** How much two texts say the same thing: word 4-gram containment, cheap and order-aware. */

const WORDS = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return (text.toLowerCase().match(WORDS) ?? []) as string[];
}

/** The set of word 4-grams of a text (one shingle of all words when shorter). */
export function shingles(text: string): Set<string> {
  const list = words(text);
  const out = new Set<string>();
  if (list.length === 0) return out;
  if (list.length < 4) {
    out.add(list.join(' '));
    return out;
  }
  for (let i = 0; i + 4 <= list.length; i++) out.add(`${list[i]} ${list[i + 1]} ${list[i + 2]} ${list[i + 3]}`);
  return out;
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

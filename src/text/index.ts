/**
 * Plain-string helpers shared by src/, bench/ and tests/: whitespace, words, shingles. One
 * definition per job, so that what counts as a word is the same in the Article's wordCount, the
 * confidence and the benchmarks.
 */

/** Runs of whitespace (any Unicode space, line breaks included) made one space, ends trimmed. */
export function collapseSpace(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The text with its whitespace collapsed, or null when nothing is left. */
export function nonEmptyText(text: string | null | undefined): string | null {
  const collapsed = collapseSpace(text);
  return collapsed === '' ? null : collapsed;
}

/** Runs of letters and digits: the unit the quality rules and their agreement measure. */
const WORD_RUN = /[\p{L}\p{N}]+/gu;

/**
 * A reader's word: letters and digits, with inner apostrophes and hyphens ("don't",
 * "well-known") keeping it one. The Article's wordCount counts these.
 */
const READER_WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;

/** The letter-and-digit runs of a text, in order. */
export function wordRuns(text: string): string[] {
  return text.match(WORD_RUN) ?? [];
}

/** How many letter-and-digit runs a text has ("don't" is two): what the quality rules weigh. */
export function countWordRuns(text: string): number {
  return text.match(WORD_RUN)?.length ?? 0;
}

/** How many words a reader would count ("don't", "well-known" are one each): the Article's wordCount. */
export function countWords(text: string): number {
  return text.match(READER_WORD)?.length ?? 0;
}

/**
 * The shingles of a token list, in order: the n-grams of consecutive tokens joined by a space,
 * or one shingle of all tokens when there are fewer than n, or none for no tokens.
 */
export function shingleList(tokens: readonly string[], n: number): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length < n) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** The first line of an error's message, cut to `max` characters: for one-line error reports. */
export function oneLine(error: unknown, max = 200): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, max);
}

/** "1 entry", "2 entries", "0 pages": the count and the noun that agrees with it. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

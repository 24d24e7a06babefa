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

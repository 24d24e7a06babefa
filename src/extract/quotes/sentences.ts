/** Sentence boundaries in article text, aware of abbreviations ("Sen.", "U.S.") and initials. */
import type { QuoteLanguage } from './types.js';

const SENTENCE_END = /[.!?…]["”’)\]]*\s+(?=["“‘(\[]?[\p{Lu}\p{N}])/gu;

/** Offset (relative) just after the last sentence end in `segment`, or 0. */
export function lastSentenceStart(segment: string, language: QuoteLanguage): number {
  let at = 0;
  for (const match of segment.matchAll(SENTENCE_END)) {
    if (isAbbreviationBefore(segment, match.index, language)) continue;
    at = match.index + match[0].length;
  }
  return at;
}

/** Offset (relative) of the first sentence end in `segment`, or its length. */
export function firstSentenceEnd(segment: string, language: QuoteLanguage): number {
  for (const match of segment.matchAll(SENTENCE_END)) {
    if (isAbbreviationBefore(segment, match.index, language)) continue;
    return match.index + 1;
  }
  return segment.length;
}

function isAbbreviationBefore(segment: string, dotAt: number, language: QuoteLanguage): boolean {
  if (segment[dotAt] !== '.') return false;
  const word = letterRunBefore(segment, dotAt);
  return language.abbreviations.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word);
}

/**
 * The run of letters and dots that ends at `end`, read backwards from there: as long as the
 * word, where matching /[\p{L}.]+$/ against the text before it costs the whole text each time
 * (a page with thousands of sentence ends in one block took minutes).
 */
function letterRunBefore(text: string, end: number): string {
  let start = end;
  while (start > 0) {
    const low = text.charCodeAt(start - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && start >= 2 ? 2 : 1;
    if (!/^[\p{L}.]$/u.test(text.slice(start - width, start))) break;
    start -= width;
  }
  return text.slice(start, end);
}
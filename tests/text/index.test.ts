import { describe, expect, it } from 'vitest';
import { collapseSpace, countWordRuns, countWords, nonEmptyText, oneLine, shingleList, wordRuns } from '../../src/text/index.js';

describe('src/text: the one definition of whitespace, words and shingles', () => {
  it('collapses any run of whitespace, line breaks and no-break spaces included, and trims', () => {
    expect(collapseSpace('  a\n\t b\u00a0\u00a0c  ')).toBe('a b c');
    expect(collapseSpace(null)).toBe('');
    expect(nonEmptyText(' \n ')).toBeNull();
    expect(nonEmptyText(' x  y ')).toBe('x y');
  });

  it("counts a reader's words for wordCount, and letter-digit runs for the quality rules", () => {
    const text = "Don't stop: a well-known 24-hour café, l’été 2024.";
    // A reader counts "Don't", "well-known", "24-hour" and "l’été" once each.
    expect(countWords(text)).toBe(8);
    expect(countWordRuns(text)).toBe(12);
    expect(wordRuns('Привет, мир 42')).toEqual(['Привет', 'мир', '42']);
    expect(countWords('')).toBe(0);
  });

  it('makes n-gram shingles, one shingle of everything for a short text, none for nothing', () => {
    expect(shingleList(['a', 'b', 'c', 'd', 'e'], 4)).toEqual(['a b c d', 'b c d e']);
    expect(shingleList(['a', 'b'], 4)).toEqual(['a b']);
    expect(shingleList([], 4)).toEqual([]);
  });

  it("gives an error's first line, cut to a length", () => {
    expect(oneLine(new Error('first\nsecond'))).toBe('first');
    expect(oneLine('x'.repeat(300)).length).toBe(200);
    expect(oneLine(42, 1)).toBe('4');
  });
});

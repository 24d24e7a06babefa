/**
 * Finding quoted stretches (src/extract/quotes/find.ts): lines and paragraphs of the plain text,
 * every common style of double quotation mark, nesting, quotations over several paragraphs, and
 * stray marks that never carry a quotation past its paragraph.
 */
import { describe, expect, it } from 'vitest';
import { blocksOf, findMarkedQuotes, TURN } from '../../../src/extract/quotes/find.js';
import type { QuoteSpan } from '../../../src/extract/quotes/types.js';

/** The quoted text of each span, its pieces joined by " | ". */
function quoted(text: string): string[] {
  return findMarkedQuotes(text).map((span) => span.pieces.map((piece) => text.slice(piece.start, piece.end)).join(' | '));
}

describe('blocksOf', () => {
  it('gives each line its offsets and the index of its paragraph; a single line break splits lines, not paragraphs', () => {
    const text = 'First para.\n\nSecond, line one\nline two\n\n\n\nThird.';
    expect(blocksOf(text)).toEqual([
      { index: 0, paragraph: 0, start: 0, end: 11 },
      { index: 1, paragraph: 1, start: 13, end: 29 },
      { index: 2, paragraph: 1, start: 30, end: 38 },
      { index: 3, paragraph: 2, start: 42, end: 48 },
    ]);
    expect(text.slice(30, 38)).toBe('line two');
  });

  it('skips blank lines, including lines of spaces between paragraphs', () => {
    expect(blocksOf('\n\nA\n  \t\n\nB\n\n')).toEqual([
      { index: 0, paragraph: 1, start: 2, end: 3 },
      { index: 1, paragraph: 2, start: 9, end: 10 },
    ]);
    expect(blocksOf('')).toEqual([]);
  });
});

describe('findMarkedQuotes', () => {
  it('finds curly, straight, guillemet and low-high quotations, marks excluded', () => {
    expect(quoted('He said “we will rebuild,” and left.')).toEqual(['we will rebuild,']);
    expect(quoted('He said "we will rebuild" and left.')).toEqual(['we will rebuild']);
    expect(quoted('Il a dit « nous reconstruirons » hier.')).toEqual(['nous reconstruirons']);
    expect(quoted('Er sagte „wir bauen neu auf“ gestern.')).toEqual(['wir bauen neu auf']);
    expect(quoted('Он сказал «мы всё восстановим» вчера.')).toEqual(['мы всё восстановим']);
  });

  it('records where the marks stand and which paragraph holds the quotation', () => {
    const text = 'Intro.\n\nShe said “yes, today.” Then more.';
    const spans = findMarkedQuotes(text);
    expect(spans).toEqual<QuoteSpan[]>([
      { pieces: [{ start: 18, end: 29 }], paragraph: 1, openAt: 17, closeAt: 30, origin: 'marks', unclosed: false },
    ]);
  });

  it('keeps a nested quotation inside the outer one', () => {
    expect(quoted('“He told me “go home” and I did,” she said.')).toEqual(['He told me “go home” and I did,']);
  });

  it('finds several quotations in one paragraph, each on its own', () => {
    expect(quoted('“One,” he said. “Two and three.”')).toEqual(['One,', 'Two and three.']);
  });

  it('runs a quotation over paragraphs that open with a mark, the closing mark only at the end', () => {
    const text = '“The first part of it\n\n“and the second part,” she said.';
    const spans = findMarkedQuotes(text);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.unclosed).toBe(false);
    expect(quoted(text)).toEqual(['The first part of it | and the second part,']);
  });

  it('ends an unclosed quotation at the end of its paragraph when the next does not open with a mark', () => {
    const text = 'He said “we will rebuild the bridge\n\nThe council met on Monday.';
    const spans = findMarkedQuotes(text);
    expect(quoted(text)).toEqual(['we will rebuild the bridge']);
    expect(spans[0]).toMatchObject({ unclosed: true, closeAt: 35 });
  });

  it('does not carry an unclosed quotation into a transcript turn', () => {
    expect(TURN.test('WALLACE: Good evening.')).toBe(true);
    expect(TURN.test('Wallace: good evening.')).toBe(false);
    const text = '“We will see\n\n“SMITH: Good evening, everyone.”';
    expect(quoted(text)).toEqual(['We will see', 'SMITH: Good evening, everyone.']);
  });

  it('stops a quotation at a line break (<br>) as at a paragraph end', () => {
    expect(quoted('He wrote “first line\nsecond line” later.')).toEqual(['first line']);
  });

  it('takes a quotation whose opening mark is missing at the paragraph start (…,” he said)', () => {
    const text = 'We will rebuild the bridge,” he said.';
    const spans = findMarkedQuotes(text);
    expect(quoted(text)).toEqual(['We will rebuild the bridge,']);
    expect(spans[0]).toMatchObject({ openAt: 0, closeAt: 28, unclosed: true });
  });

  it('reads a wrong-direction opening mark as an opening mark', () => {
    expect(quoted('She said ”this is fine” and left.')).toEqual(['this is fine']);
  });

  it('leaves inch and second marks after numbers, and quotes with no letter or digit, alone', () => {
    expect(quoted('A 12" pipe and a 6" valve were fitted.')).toEqual([]);
    expect(quoted('The sign read “…” and nothing else.')).toEqual([]);
  });

  it('never carries a stray mark past its paragraph', () => {
    const text = 'A stray “ mark here.\n\nA clean “quotation” there.';
    expect(quoted(text)).toEqual(['mark here.', 'quotation']);
    expect(findMarkedQuotes(text)[0]).toMatchObject({ unclosed: true, closeAt: 20 });
  });

  it('accepts blocks computed once and passed in', () => {
    const text = 'A “b c” d.\n\nE “f g” h.';
    expect(findMarkedQuotes(text, blocksOf(text)).map((span) => span.paragraph)).toEqual([0, 1]);
  });
});

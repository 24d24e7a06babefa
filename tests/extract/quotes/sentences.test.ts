/**
 * Sentence boundaries (src/extract/quotes/sentences.ts), which decide how far back a quotation's
 * speaker is looked for and where a paraphrase ends: abbreviations, titles and initials of the
 * language do not end a sentence.
 */
import { describe, expect, it } from 'vitest';
import { english } from '../../../src/extract/quotes/patterns-en.js';
import { russian } from '../../../src/extract/quotes/patterns-ru.js';
import { firstSentenceEnd, lastSentenceStart } from '../../../src/extract/quotes/sentences.js';
import { withCpuTime } from '../../helpers/cpu-time.js';

describe('lastSentenceStart', () => {
  it('is just after the last sentence end, closing quotes and brackets included', () => {
    const text = 'The vote failed. “We lost,” she said.” Then Sen. Marsh spoke';
    expect(text.slice(lastSentenceStart(text, english))).toBe('Then Sen. Marsh spoke');
    const bracketed = 'It rained (again.) Ferries stopped';
    expect(bracketed.slice(lastSentenceStart(bracketed, english))).toBe('Ferries stopped');
  });

  it('does not cut at titles, abbreviations, initials or U.S.-style abbreviations, nor before a lower-case word', () => {
    for (const text of [
      'Mr. Khalimov said',
      'Dr. Helena Marsh of the U.S. Coast Guard said',
      'J. R. Hartley, the author, said',
      'the ferry left at 6 p.m. on Tuesday, the council said',
      'prices rose 3.5 per cent. in May, it said',
    ]) {
      expect(lastSentenceStart(text, english), text).toBe(0);
    }
  });

  it('ends a sentence before a number or an opening quote, and after ! ? and …', () => {
    const text = 'Is it over? 2026 was hard! “No more,” he said… Then quiet';
    expect(text.slice(lastSentenceStart(text, english))).toBe('Then quiet');
  });

  it('uses the language’s own abbreviations: Russian "г." does not end a sentence, English "Sen." is only an English one', () => {
    const ru = 'Это было в 2015 г. Москва ответила';
    expect(lastSentenceStart(ru, russian)).toBe(0);
    const en = 'Он сказал Sen. Петров ответил';
    expect(en.slice(lastSentenceStart(en, russian))).toBe('Петров ответил');
  });
});

describe('firstSentenceEnd', () => {
  it('is just after the first sentence’s end mark, past titles and initials; the whole text when none ends', () => {
    const text = 'Col. Gulmurod Khalimov, head of the OMON, said so. He left in April. More';
    expect(text.slice(0, firstSentenceEnd(text, english))).toBe('Col. Gulmurod Khalimov, head of the OMON, said so.');
    expect(firstSentenceEnd('no end in sight', english)).toBe('no end in sight'.length);
  });

  it('stays linear in a block of thousands of sentence ends', () => {
    const block = 'A. B. '.repeat(20_000) + 'x';
    const { cpuMs } = withCpuTime(() => lastSentenceStart(block, english));
    expect(cpuMs).toBeLessThan(2000);
  });
});

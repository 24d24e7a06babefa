/**
 * Agreement between candidate texts (src/extract/quality/agreement.ts), which decides which
 * candidate is the story when Readability's is empty, short or mostly links.
 */
import { describe, expect, it } from 'vitest';
import { agreement, containment, shingles, words } from '../../../src/extract/quality/agreement.js';

const STORY =
  'The harbour council voted on Tuesday to keep the night ferry running through the winter, after residents of the ' +
  'outer islands said the crossing was their only way to reach the hospital.';

describe('words and shingles', () => {
  it('counts lower-cased runs of letters and digits, punctuation and case aside, in any script', () => {
    expect(words('The Ferry’s 2 crossings—at 06:30!')).toEqual(['the', 'ferry', 's', '2', 'crossings', 'at', '06', '30']);
    expect(words('Паром отменён. Überfahrt')).toEqual(['паром', 'отменён', 'überfahrt']);
  });

  it('makes word 4-grams, so word order matters, and one shingle of a text shorter than four words', () => {
    expect(shingles('a b c d e')).toEqual(new Set(['a b c d', 'b c d e']));
    expect(shingles('Ferry cancelled')).toEqual(new Set(['ferry cancelled']));
    expect(shingles('  ...  ').size).toBe(0);
    expect(agreement(shingles('one two three four five'), shingles('five four three two one'))).toBe(0);
  });
});

describe('containment and agreement', () => {
  it('a block inside the story is contained in it, but agrees with it only as far as it covers it', () => {
    const story = shingles(STORY);
    const firstHalf = shingles(STORY.slice(0, STORY.indexOf(', after')));
    expect(containment(firstHalf, story)).toBe(1);
    expect(containment(story, firstHalf)).toBeGreaterThan(0.3);
    expect(containment(story, firstHalf)).toBeLessThan(0.6);
    const both = agreement(firstHalf, story);
    expect(both).toBeGreaterThan(containment(story, firstHalf));
    expect(both).toBeLessThan(1);
    // Symmetric.
    expect(agreement(story, firstHalf)).toBe(both);
  });

  it('a short passage of a long story agrees little with it, however fully it is contained', () => {
    const long = shingles(Array.from({ length: 10 }, (_, i) => `${STORY} Part ${i} adds more on the ferry budget for year ${2020 + i}.`).join(' '));
    const passage = shingles('the night ferry running through the winter');
    expect(containment(passage, long)).toBe(1);
    expect(agreement(passage, long)).toBeLessThan(0.1);
  });

  it('the same story in other markup and case agrees fully; a list of links and an empty text not at all', () => {
    expect(agreement(shingles(STORY), shingles(STORY.toUpperCase().replaceAll(' ', '\n  ')))).toBe(1);
    const links = shingles('Home | World | Sport | Weather | Subscribe | Sign in | Contact us | Terms of use');
    expect(agreement(shingles(STORY), links)).toBe(0);
    expect(containment(new Set(), shingles(STORY))).toBe(0);
    expect(agreement(new Set(), new Set())).toBe(0);
  });
});

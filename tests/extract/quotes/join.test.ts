/**
 * From attributed spans to quotations (src/extract/quotes/join.ts): the pieces of one quotation
 * joined when one attribution covers them, unattributed titles and scare quotes left out, and
 * each Quote's fields filled from its span and attribution.
 */
import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../../src/extract/quotes/clauses.js';
import { CONFIDENCE } from '../../../src/extract/quotes/confidence.js';
import { blocksOf, findMarkedQuotes } from '../../../src/extract/quotes/find.js';
import { english } from '../../../src/extract/quotes/index.js';
import { isTitleInSentence, joinQuotes, looksLikeTitle, withoutTitles, type AttributedSpan, type RoleOf } from '../../../src/extract/quotes/join.js';

const noRole: RoleOf = () => null;

/** One attribution per span, in order (null for none), each span whole unless listed as partial. */
function join(text: string, attributions: (Attribution | null)[], partial: boolean[] = [], roleOf: RoleOf = noRole) {
  const blocks = blocksOf(text);
  const spans = findMarkedQuotes(text, blocks);
  expect(spans).toHaveLength(attributions.length);
  const results: AttributedSpan[] = spans.map((span, i) => ({ span, attribution: attributions[i]!, partial: partial[i] ?? false }));
  return joinQuotes(text, blocks, results, english, roleOf);
}

function said(text: string, mention: string, speaker: string | null, how: Attribution['how'] = 'after', cue: string | null = 'said', confidence = 0.9): Attribution {
  return { mention, mentionStart: text.indexOf(mention), speaker, cue, how, confidence };
}

describe('looksLikeTitle', () => {
  it('takes a short run of capitalised words, small words allowed inside, for a title', () => {
    expect(looksLikeTitle('The Art of the Deal', english)).toBe(true);
    expect(looksLikeTitle('Fire and Fury.', english)).toBe(true);
    expect(looksLikeTitle('Apollo 11', english)).toBe(true);
  });

  it('refuses a sentence, a small word first, a long run, and nothing', () => {
    expect(looksLikeTitle('We will rebuild', english)).toBe(false);
    expect(looksLikeTitle('of Mice and Men', english)).toBe(false);
    expect(looksLikeTitle('One Two Three Four Five Six Seven Eight', english)).toBe(false);
    expect(looksLikeTitle('', english)).toBe(false);
  });
});

describe('joinQuotes', () => {
  it('fills a quotation from its span and attribution', () => {
    const text = 'Intro.\n\n“We will rebuild the bridge,” Ana Reyes said.';
    const quotes = join(text, [said(text, 'Ana Reyes', 'Ana Reyes')], [], () => 'the mayor');
    expect(quotes).toEqual([
      {
        text: 'We will rebuild the bridge,',
        speaker: 'Ana Reyes',
        speakerMention: 'Ana Reyes',
        speakerRole: 'the mayor',
        cue: 'said',
        partial: false,
        paragraph: 1,
        start: 9,
        end: 36,
        pieces: [{ start: 9, end: 36 }],
        confidence: 0.9,
      },
    ]);
  });

  it('joins “A,” X said, “B.” into one quotation of two pieces', () => {
    const text = '“We will rebuild,” Ana Reyes said, “and soon.”';
    const attribution = said(text, 'Ana Reyes', 'Ana Reyes');
    const quotes = join(text, [attribution, { ...attribution, how: 'inherited', cue: null }]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.text).toBe('We will rebuild, and soon.');
    const second = text.indexOf('and soon.');
    expect(quotes[0]!.pieces).toEqual([
      { start: 1, end: 1 + 'We will rebuild,'.length },
      { start: second, end: second + 'and soon.'.length },
    ]);
    expect(quotes[0]!.end).toBe(second + 'and soon.'.length);
  });

  it('keeps two quotations apart when their speakers differ, or another reporting act comes between', () => {
    const text = '“We will rebuild,” Ana Reyes said, “and soon.”';
    const reyes = said(text, 'Ana Reyes', 'Ana Reyes');
    expect(join(text, [reyes, { ...reyes, speaker: 'Tomas Brandt', how: 'inherited' }])).toHaveLength(2);
    const asking = '“We will rebuild,” Ana Reyes said before asking, “Who helps?”';
    const attribution = said(asking, 'Ana Reyes', 'Ana Reyes');
    expect(join(asking, [attribution, { ...attribution, how: 'inherited' }]).map((quote) => quote.text)).toEqual(['We will rebuild,', 'Who helps?']);
  });

  it('never joins onto a guess from who the passage is about, and marks the guess', () => {
    const text = '“We will rebuild,” Ana Reyes said, “and soon.”';
    const reyes = said(text, 'Ana Reyes', 'Ana Reyes');
    const quotes = join(text, [reyes, { ...reyes, how: 'salient', cue: null, confidence: CONFIDENCE.salient }]);
    expect(quotes).toHaveLength(2);
    expect(quotes[1]!.speakerGuessed).toBe(true);
    expect(quotes[0]!.speakerGuessed).toBeUndefined();
  });

  it('keeps a quotation in its own paragraph apart from one in the paragraph before', () => {
    const text = '“We will rebuild,” Ana Reyes said.\n\n“And soon.”';
    const reyes = said(text, 'Ana Reyes', 'Ana Reyes');
    expect(join(text, [reyes, { ...reyes, how: 'inherited' }]).map((quote) => quote.paragraph)).toEqual([0, 1]);
  });

  it('gives an unattributed quotation the unattributed confidence, lower for a partial one', () => {
    const text = 'The plan was “a costly mistake for everyone” and “We will see what happens next.”';
    const quotes = join(text, [null, null], [true, false]);
    expect(quotes.map((quote) => [quote.text, quote.partial, quote.confidence, quote.speaker])).toEqual([
      ['a costly mistake for everyone', true, CONFIDENCE.unattributedPartial, null],
      ['We will see what happens next.', false, CONFIDENCE.unattributed, null],
    ]);
  });

  it('leaves out unattributed titles, single scare-quoted words and stray markup, but keeps them when attributed', () => {
    const text = 'She read “Fire and Fury” and “resilience” and “pic.twitter.com/abc” and “2024” today.';
    // Markup and a bare number are left out even as whole quotations.
    expect(join(text, [null, null, null, null], [true, true, false, false])).toEqual([]);
    const attributed = join(text, [said(text, 'She', 'Ana Reyes', 'before', 'read'), null, null, null], [true, true, false, false]);
    expect(attributed.map((quote) => quote.text)).toEqual(['Fire and Fury']);
  });

  it('collapses whitespace inside a piece and joins multi-paragraph pieces by a blank line', () => {
    const text = '“The first   part\n\n“and the second part.”';
    const quotes = join(text, [null]);
    expect(quotes[0]!.text).toBe('The first part\n\nand the second part.');
    expect(quotes[0]!.pieces).toHaveLength(2);
  });

  it('rounds the confidence to two decimals', () => {
    const text = '“We will rebuild,” Ana Reyes said.';
    expect(join(text, [said(text, 'Ana Reyes', 'Ana Reyes', 'after', 'said', 0.8333333)])[0]!.confidence).toBe(0.83);
  });
});

describe('titles inside a sentence (isTitleInSentence, withoutTitles)', () => {
  const titlesOf = (text: string) => findMarkedQuotes(text, blocksOf(text)).filter((span) => isTitleInSentence(text, span, english));

  it('takes a short capitalised quotation after a word or a comma for a title, and blanks it but for its closing comma', () => {
    const text = 'Lena Ortiz, the author of “Quiet Rivers,” said the town had “a common story.”';
    const titles = titlesOf(text);
    expect(titles.map((s) => text.slice(s.openAt, s.closeAt))).toEqual(['“Quiet Rivers,”']);
    const blanked = withoutTitles(text, new Set(titles));
    expect(blanked).toHaveLength(text.length);
    expect(blanked).toBe(text.replace('“Quiet Rivers,”', `${' '.repeat('“Quiet Rivers,'.length)},`));
  });

  it('leaves alone a quotation that opens its sentence or its line, a sentence in quotation marks, and an unclosed one', () => {
    expect(titlesOf('“Quiet Rivers” sold well. Ortiz said: “Thank You.”')).toEqual([]);
    expect(titlesOf('Ortiz said the town had “a common story.”')).toEqual([]);
    expect(titlesOf('Ortiz wrote “Quiet Rivers\n\nand went on.')).toEqual([]);
  });
});

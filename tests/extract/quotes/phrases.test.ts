/**
 * PhraseReader (src/extract/quotes/phrases.ts): the speaker phrase read out of a sentence's
 * tokens, forwards after "said" and backwards from a reporting verb.
 */
import { describe, expect, it } from 'vitest';
import { english } from '../../../src/extract/quotes/index.js';
import { findNameMentions, NameBook, tokenize, type Token } from '../../../src/extract/quotes/names.js';
import { PhraseReader } from '../../../src/extract/quotes/phrases.js';

function readerFor(text: string): { reader: PhraseReader; tokens: Token[] } {
  const book = new NameBook(findNameMentions(text, [], english), english, text);
  return { reader: new PhraseReader(text, english, book), tokens: tokenize(text, 0, english) };
}

const words = (tokens: Token[]) => tokens.map((token) => token.text);

describe('PhraseReader', () => {
  it('reads a speaker phrase forwards up to an appositive, or takes the name the appositive gives', () => {
    const { reader, tokens } = readerFor('said Ana Reyes, the mayor, and said a spokesman, Luis Okoro, today');
    expect(words(reader.forwardPhrase(tokens, 1))).toEqual(['Ana', 'Reyes']);
    expect(words(reader.forwardPhrase(tokens, 7))).toEqual(['Luis', 'Okoro']);
  });

  it('reads the subject backwards from the verb, past a "who" clause, and drops a leading clause word', () => {
    const text = 'Ana Reyes, who runs the port, said it was safe. But Luis Okoro said no.';
    const { reader, tokens } = readerFor(text);
    const verb = (from: number) => tokens.findIndex((token, index) => index >= from && token.text === 'said');
    const first = verb(0);
    expect(words(reader.backwardPhrase(tokens, first, 0))).toEqual(['Ana', 'Reyes']);
    const secondStart = text.indexOf('But');
    expect(words(reader.backwardPhrase(tokens, verb(first + 1), secondStart))).toEqual(['Luis', 'Okoro']);
  });

  it('reads a forward phrase through two titles joined by "and" and a long run of titles to the name, but not past an article', () => {
    const { reader, tokens } = readerFor('said former Ostrava Gov. and Harbour National Committee Chairman Ana Reyes today');
    expect(words(reader.forwardPhrase(tokens, 1)).join(' ')).toBe('former Ostrava Gov. and Harbour National Committee Chairman Ana Reyes');
    const other = readerFor('according to a copy of the letter reviewed by The Herald today');
    expect(words(other.reader.forwardPhrase(other.tokens, 2)).join(' ')).toBe('a copy of the letter reviewed by The');
  });

  /** The subject read back from the first "said" (or `verb`) of a one-sentence text. */
  const subject = (text: string, verb = 'said') => {
    const { reader, tokens } = readerFor(text);
    return words(reader.backwardPhrase(tokens, tokens.findIndex((token) => token.text === verb), 0)).join(' ');
  };

  it('takes the name, not whose it is, when a possessive description comes first', () => {
    expect(subject("Reyes's attorney, Luis Okoro, said it was wrong.")).toBe('Luis Okoro');
    // A name alone before the appositive is still the subject.
    expect(subject('Luis Okoro, Reyes’s attorney, said it was wrong.')).toBe('Luis Okoro');
  });

  it('reads past an appositive between dashes to the name before it', () => {
    expect(subject('On Friday, Okoro — named by the Herald as the choice for Reyes’s deputy — told reporters it was wrong.', 'told')).toBe('Okoro');
  });

  it('takes the name before a description whose closing comma is missing, and leaves a clause before it alone', () => {
    expect(subject('Luis Okoro, the spokesman for the Harbour Party said it was wrong.')).toBe('Luis Okoro');
    expect(subject('After the vote, the spokesman for the Harbour Party said it was wrong.')).toBe('the spokesman for the Harbour Party');
    expect(subject('When Okoro left, the spokesman said it was wrong.')).toBe('the spokesman');
  });

  it('reads no subject back past a modal, and takes no function word for a role noun', () => {
    expect(subject('Ana Reyes said that the board should reiterate its support.', 'reiterate')).toBe('');
    expect(subject('Reyes said the plan is wrong for saying so.', 'saying')).toBe('');
    // A role noun alone is still a speaker.
    expect(subject('Later the spokesman said no.')).toBe('the spokesman');
  });

  it('finds no speaker in a lower-case clause before the verb', () => {
    const text = 'the plan, officials agreed, was sound';
    const { reader, tokens } = readerFor(text);
    const verb = tokens.findIndex((token) => token.text === 'was');
    expect(reader.backwardPhrase(tokens, verb, 0)).toEqual([]);
  });
});

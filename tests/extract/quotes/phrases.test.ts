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

  it('finds no speaker in a lower-case clause before the verb', () => {
    const text = 'the plan, officials agreed, was sound';
    const { reader, tokens } = readerFor(text);
    const verb = tokens.findIndex((token) => token.text === 'was');
    expect(reader.backwardPhrase(tokens, verb, 0)).toEqual([]);
  });
});

/**
 * Who a speaker phrase stands for (src/extract/quotes/resolve.ts): a name resolved to the full
 * name the article gives, a description to the person it describes, a pronoun to the person it
 * refers to. Names are invented.
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENCE } from '../../../src/extract/quotes/confidence.js';
import { english } from '../../../src/extract/quotes/index.js';
import { findNameMentions, NameBook, tokenize } from '../../../src/extract/quotes/names.js';
import { SpeakerResolver } from '../../../src/extract/quotes/resolve.js';
import { findQuotes } from '../../../src/extract/quotes/index.js';

function resolverFor(text: string): SpeakerResolver {
  return new SpeakerResolver(text, english, new NameBook(findNameMentions(text, [], english), english, text));
}

/** The speaker the phrase written at its `occurrence`-th place in the text stands for. */
function speakerOf(text: string, phrase: string, occurrence = 1, resolver = resolverFor(text)) {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(phrase, at + 1);
  expect(at).toBeGreaterThanOrEqual(0);
  return resolver.speakerOf(tokenize(phrase, at, english), at);
}

describe('SpeakerResolver.speakerOf', () => {
  it('gives a full name as written, titles dropped, with the name confidence', () => {
    const text = 'Mayor Ana Reyes opened the bridge.';
    expect(speakerOf(text, 'Mayor Ana Reyes')).toEqual({ speaker: 'Ana Reyes', mention: 'Mayor Ana Reyes', confidence: CONFIDENCE.name });
  });

  it('resolves a surname to the full name the article gave before', () => {
    const text = 'Ana Reyes opened the bridge. Later Reyes spoke.';
    expect(speakerOf(text, 'Reyes', 2)).toEqual({ speaker: 'Ana Reyes', mention: 'Reyes', confidence: CONFIDENCE.name });
  });

  it('takes the name, not the place, in "Rep. X of Y"', () => {
    const text = 'Rep. Dana Okoro of Maryland voted no.';
    expect(speakerOf(text, 'Rep. Dana Okoro of Maryland')?.speaker).toBe('Dana Okoro');
  });

  it('keeps an organisation named "Bank of Y" or "Centers for Y" whole, and still cuts a place after a person', () => {
    const text = 'Bank of Ostravia said it would appeal. The Federal Savings Bank of North Vale agreed. Rep. Dana Okoro of Maryland voted no.';
    expect(speakerOf(text, 'Bank of Ostravia')?.speaker).toBe('Bank of Ostravia');
    expect(speakerOf(text, 'The Federal Savings Bank of North Vale')?.speaker).toBe('Federal Savings Bank of North Vale');
    expect(speakerOf(text, 'Rep. Dana Okoro of Maryland')?.speaker).toBe('Dana Okoro');
  });

  it('takes a surname before "of" when the article names that person in full, and keeps a body named "X of Y"', () => {
    const text = 'Dana Okoro teaches. Later Okoro of the Harbour Teachers Union voted no. Then Port of Ostrava voted yes.';
    expect(speakerOf(text, 'Okoro of the Harbour Teachers Union')?.speaker).toBe('Dana Okoro');
    // Nobody named in full with that word: the phrase is not cut there.
    expect(speakerOf(text, 'Port of Ostrava')?.speaker).not.toBe('Port');
  });

  it('keeps "the X campaign" and "X’s office" as the body they name', () => {
    const campaign = 'Ana Reyes ran. The Reyes campaign replied.';
    expect(speakerOf(campaign, 'The Reyes campaign')).toEqual({ speaker: 'Reyes campaign', mention: 'The Reyes campaign', confidence: CONFIDENCE.modifiedDescription });
    const office = 'Ana Reyes ran. Reyes’s office replied.';
    expect(speakerOf(office, 'Reyes’s office')).toEqual({ speaker: 'Reyes’s office', mention: 'Reyes’s office', confidence: CONFIDENCE.modifiedDescription });
  });

  it('finds the name the article gives a description ("X, the harbour master")', () => {
    const later = 'Ana Reyes, the harbour master, opened the bridge. Then the harbour master spoke.';
    expect(speakerOf(later, 'the harbour master', 2)).toEqual({ speaker: 'Ana Reyes', mention: 'the harbour master', confidence: CONFIDENCE.namedDescription });
  });

  it('leaves a description with no name in the article unresolved, at the bare-description confidence', () => {
    const text = 'A spokesman declined to comment.';
    expect(speakerOf(text, 'A spokesman')).toEqual({ speaker: null, mention: 'A spokesman', confidence: CONFIDENCE.bareDescription });
  });

  it('does not take a capital that only opens the sentence for a name', () => {
    const text = 'Residents were angry. Many residents left.';
    expect(speakerOf(text, 'Residents')).toEqual({ speaker: null, mention: 'Residents', confidence: CONFIDENCE.bareDescription });
  });

  it('gives null for a phrase of punctuation only', () => {
    const text = 'x — y';
    expect(resolverFor(text).speakerOf([{ text: '—', lower: '—', start: 2, end: 3 }], 2)).toBeNull();
  });
});

describe('SpeakerResolver pronouns', () => {
  it('resolves he and she to the nearest person of that gender named before', () => {
    const text = 'Mr. Tomas Brandt met Mrs. Ana Reyes. She spoke, then he spoke.';
    expect(speakerOf(text, 'She')).toEqual({ speaker: 'Ana Reyes', mention: 'She', confidence: CONFIDENCE.pronoun });
    expect(speakerOf(text, 'he')?.speaker).toBe('Tomas Brandt');
  });

  it('prefers the last speaker quoted nearby over a person named before that quotation', () => {
    const text = 'Mr. Tomas Brandt and Mr. Luis Okoro met. The talks went on. He spoke again.';
    const resolver = resolverFor(text);
    resolver.lastSpeakers.push({ speaker: 'Tomas Brandt', at: text.indexOf('The talks') });
    expect(speakerOf(text, 'He', 1, resolver)?.speaker).toBe('Tomas Brandt');
    expect(speakerOf(text, 'He', 1, resolverFor(text))?.speaker).toBe('Luis Okoro');
  });

  it('prefers a person named after the last quotation over the last speaker', () => {
    const text = 'Mr. Tomas Brandt spoke. Then Mr. Luis Okoro arrived. He spoke.';
    const resolver = resolverFor(text);
    resolver.lastSpeakers.push({ speaker: 'Tomas Brandt', at: text.indexOf('Then') });
    expect(speakerOf(text, 'He', 1, resolver)?.speaker).toBe('Luis Okoro');
  });

  it('resolves "it" to an organisation named close before, and never to a person', () => {
    const text = 'The Harbour Council met on Monday. It said the bridge would open.';
    expect(resolverFor(text).resolvePronoun('it', text.indexOf('It'))).toBe('Harbour Council');
    const person = 'Ana Reyes met on Monday. It said the bridge would open.';
    expect(resolverFor(person).resolvePronoun('it', person.indexOf('It'))).toBeNull();
  });

  it('gives nobody for I, you and who', () => {
    const text = 'Ana Reyes came. I said so, you said so, who said so.';
    const resolver = resolverFor(text);
    expect(['i', 'you', 'who'].map((pronoun) => resolver.resolvePronoun(pronoun, text.length))).toEqual([null, null, null]);
  });

  it('falls back on the nearest person of any gender when none of the pronoun’s gender is named', () => {
    const text = 'Mr. Tomas Brandt arrived. She said nothing.';
    expect(resolverFor(text).resolvePronoun('she', text.indexOf('She'))).toBe('Tomas Brandt');
  });
});

describe('he or she in a sentence whose subject is a named person', () => {
  const clauseSpeakers = (body: string) => findQuotes(body, { speakerModel: null }).map((q) => q.speaker);

  it('refers to that subject, not to the person named closest before it', () => {
    expect(clauseSpeakers('Tomas Brandt met Paulo Duarte in May and declared that he found Duarte to be “very charming.”')).toEqual(['Tomas Brandt']);
  });

  it('leaves a subject of the other gender, or an organisation, alone: the nearest person of that gender', () => {
    expect(clauseSpeakers('Mrs. Lena Voss introduced Mr. Tomas Brandt, and he said the plan was “a good start.”')).toEqual(['Tomas Brandt']);
    expect(clauseSpeakers('The Harbor Council met Tomas Brandt in May, and he said the fees were “far too high.”')).toEqual(['Tomas Brandt']);
  });
});

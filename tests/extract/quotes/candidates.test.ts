/**
 * The fitted speaker choice (src/extract/quotes/candidates.ts): the candidates a passage offers,
 * their features, a shape where the choice overrides the cascade, and shapes it must leave alone.
 * Names are invented; no feature knows them.
 */
import { describe, expect, it } from 'vitest';
import { bestCandidate, SPEAKER_FEATURES, type SpeakerCandidate } from '../../../src/extract/quotes/candidates.js';
import { CONFIDENCE } from '../../../src/extract/quotes/confidence.js';
import { findQuotes, type SpeakerChoiceRecord } from '../../../src/extract/quotes/index.js';
import { SPEAKER_MODEL } from '../../../src/extract/quotes/speaker-model.js';

function text(...paragraphs: string[]): string {
  return paragraphs.join('\n\n');
}

/** What the choice saw for each quotation of a text. */
function records(body: string): SpeakerChoiceRecord[] {
  const seen: SpeakerChoiceRecord[] = [];
  findQuotes(body, { observeSpeakers: (r) => seen.push(r) });
  return seen;
}

function candidate(record: SpeakerChoiceRecord | undefined, speaker: string): SpeakerCandidate | undefined {
  return record?.candidates.find((c) => c.speaker === speaker);
}

describe('the candidates a passage offers', () => {
  it('lists the people named in the line before and the quotation’s own sentence, each described by where they stand', () => {
    const body = text(
      'Lena Ortiz has run the harbour board since 2019.',
      'Democrats were quick to respond, with Tomas Brandt tweeting that it was a “disaster” for the port and asking, “Who will pay for the cranes?”',
    );
    const [disaster, question] = records(body);
    expect(question?.candidates.map((c) => c.speaker).sort()).toEqual(['Democrats', 'Lena Ortiz', 'Tomas Brandt']);
    const brandt = candidate(question, 'Tomas Brandt')!;
    const ortiz = candidate(question, 'Lena Ortiz')!;
    expect([brandt.features.sameBlock, brandt.features.closestBefore, brandt.features.fullName]).toEqual([1, 1, 1]);
    // The sentence of the first quotation holds the name; the second's runs from the first quotation on.
    expect([candidate(disaster, 'Tomas Brandt')?.features.sameSentence, brandt.features.sameSentence]).toEqual([1, 0]);
    expect([ortiz.features.sameSentence, ortiz.features.sameBlock, ortiz.features.opensSentence]).toEqual([0, 0, 1]);
    expect(brandt.features.logDistance).toBeLessThan(ortiz.features.logDistance);
    // The cascade's answer is marked as the strategy that proposed it.
    expect(candidate(question, 'Democrats')?.features.cascade).toBe(1);
    expect(brandt.features.cascade).toBe(0);
  });

  it('finds a reporting verb beside a name in the quotation’s sentence, and a role word before it', () => {
    const said = candidate(records(text('“The harbour must stay open,” said Lena Ortiz, the harbour master.'))[0], 'Lena Ortiz')!;
    expect([said.features.reportsInSentence, said.features.verbBeforeName, said.features.after, said.features.roleBefore]).toEqual([1, 1, 1, 0]);
    const titled = candidate(records(text('“The harbour must stay open,” said harbour master Lena Ortiz.'))[0], 'Lena Ortiz')!;
    expect([titled.features.roleBefore, titled.features.verbBeforeName]).toEqual([1, 0]);
  });
});

describe('the one spoken to, and the one spoken of', () => {
  it('marks a name right after "told" or "asked" as addressed, and one after "said" or "met" not', () => {
    const [told] = records(text('Lena Ortiz told Tomas Brandt on Monday that the port was “in very bad shape.”'));
    expect([candidate(told, 'Tomas Brandt')?.features.addressee, candidate(told, 'Lena Ortiz')?.features.addressee]).toEqual([1, 0]);
    const [met] = records(text('Lena Ortiz met Tomas Brandt on Monday and said the port was “in very bad shape.”'));
    expect(candidate(met, 'Tomas Brandt')?.features.addressee).toBe(0);
  });

  it('marks a candidate the quotation itself names, by surname, and not one it leaves out', () => {
    const [quote] = records(text('Lena Ortiz met Tomas Brandt on Monday. Later she wrote that “Brandt has never seen the cranes.”'));
    expect([candidate(quote, 'Tomas Brandt')?.features.namedInQuote, candidate(quote, 'Lena Ortiz')?.features.namedInQuote]).toEqual([1, 0]);
  });
});

describe('the fitted choice', () => {
  it('gives a quotation to the person its sentence names, not the group the cascade read as its subject (as a guess)', () => {
    const body = text(
      'Lena Ortiz has run the harbour board since 2019.',
      'Democrats were quick to respond, with Tomas Brandt tweeting that it was a “disaster” for the port and asking, “Who will pay for the cranes?”',
    );
    expect(findQuotes(body, { speakerModel: null }).map((q) => q.speaker)).toEqual(['Democrats', 'Democrats']);
    const question = findQuotes(body).at(-1);
    expect(question?.speaker).toBe('Tomas Brandt');
    expect(question?.speakerGuessed).toBe(true);
    expect(question?.confidence).toBeLessThanOrEqual(CONFIDENCE.salient);
  });

  it('leaves an explicit “…,” X said alone, even with another person nearby who reports something', () => {
    const body = text('Tomas Brandt, who told reporters last week that he opposed the plan, sat in the front row.', '“The harbour must stay open,” Lena Ortiz said.');
    const [quote] = findQuotes(body);
    expect([quote?.speaker, quote?.speakerGuessed, quote?.cue]).toEqual(['Lena Ortiz', undefined, 'said']);
    expect(records(body)[0]?.certain).toBe(true);
  });

  it('names no place or product where no clause names anyone', () => {
    const body = text('Pollution in New Delhi rose sharply again this week.', '“This is mainly due to the change in wind direction from the north-west.”');
    expect(findQuotes(body).map((q) => q.speaker)).toEqual([null]);
  });

  it('picks the highest-scoring candidate, its probability rising with its score', () => {
    const [first] = records(text('Lena Ortiz has run the harbour board since 2019.', 'Tomas Brandt said on Monday that the cranes were unsafe.', '“We cannot risk another accident.”'));
    const choice = bestCandidate(first!.candidates, SPEAKER_MODEL)!;
    const weaker = bestCandidate(first!.candidates, { ...SPEAKER_MODEL, calibration: { ...SPEAKER_MODEL.calibration, bias: SPEAKER_MODEL.calibration.bias - 2 } })!;
    expect(choice.candidate.speaker).toBe('Tomas Brandt');
    expect(weaker.candidate.speaker).toBe('Tomas Brandt');
    expect(weaker.probability).toBeLessThan(choice.probability);
    expect(choice.share).toBeGreaterThan(0.5);
  });

  it('has a fitted weight for every feature (speaker-model.ts is written by npm run fit:speakers)', () => {
    expect(Object.keys(SPEAKER_MODEL.weights).sort()).toEqual([...SPEAKER_FEATURES].sort());
  });
});

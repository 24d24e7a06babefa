/**
 * Reporting clauses around a quotation (src/extract/quotes/clauses.ts): “…,” X said / said X,
 * X said: “…”, according to X, X: “…”, a dash signature, the subject of the sentence; and what
 * each reader must leave alone. Names are invented.
 */
import { describe, expect, it } from 'vitest';
import { Attributor, type Attribution } from '../../../src/extract/quotes/clauses.js';
import { CONFIDENCE } from '../../../src/extract/quotes/confidence.js';
import { blocksOf, findMarkedQuotes } from '../../../src/extract/quotes/find.js';
import { english } from '../../../src/extract/quotes/index.js';
import { findNameMentions, NameBook } from '../../../src/extract/quotes/names.js';
import { SpeakerResolver } from '../../../src/extract/quotes/resolve.js';

function attributorFor(text: string): Attributor {
  const spans = findMarkedQuotes(text);
  const book = new NameBook(findNameMentions(text, spans.flatMap((span) => span.pieces), english), english, text);
  return new Attributor(text, english, new SpeakerResolver(text, english, book));
}

/** The text's only quotation and the sentences either side of it, as the attribution stage cuts them. */
function around(text: string) {
  const spans = findMarkedQuotes(text);
  expect(spans).toHaveLength(1);
  const span = spans[0]!;
  const block = blocksOf(text).find((b) => span.openAt >= b.start && span.openAt < b.end)!;
  const attributor = attributorFor(text);
  const before = attributor.sentenceBefore(block.start, span.openAt);
  const after = attributor.sentenceAfter(span.closeAt, block.end);
  return { attributor, span, before, after };
}

/** What the clause after the quotation says. */
function after(text: string): Attribution | null {
  const { attributor, span, after: segment } = around(text);
  return attributor.after(segment.segment, span.closeAt, span.openAt);
}

/** What the sentence before the quotation says. */
function before(text: string, strictNear = false): Attribution | null {
  const { attributor, span, before: segment } = around(text);
  return attributor.before(segment.segment, segment.base, span.openAt, strictNear);
}

const who = (attribution: Attribution | null) => attribution && [attribution.speaker, attribution.cue, attribution.how, attribution.confidence];

describe('Attributor.after', () => {
  it('reads “…,” X said and “…,” said X', () => {
    const text = '“We will rebuild the bridge,” Ana Reyes said.';
    expect(after(text)).toEqual({
      mention: 'Ana Reyes',
      mentionStart: text.indexOf('Ana'),
      speaker: 'Ana Reyes',
      cue: 'said',
      how: 'after',
      confidence: CONFIDENCE.reportingAfter,
    });
    expect(who(after('“We will rebuild the bridge,” said Ana Reyes, the mayor.'))).toEqual(['Ana Reyes', 'said', 'after', CONFIDENCE.reportingAfter]);
  });

  it('resolves “…,” she said to the woman named before', () => {
    expect(who(after('Mrs. Ana Reyes opened the bridge. “We rebuilt it,” she said.'))).toEqual(['Ana Reyes', 'said', 'after', CONFIDENCE.pronoun + CONFIDENCE.phraseMargin]);
  });

  it('reads “…,” according to X', () => {
    expect(who(after('“The bridge is safe,” according to Ana Reyes.'))).toEqual(['Ana Reyes', 'according to', 'according', CONFIDENCE.accordingAfter]);
  });

  it('reads a dash signature and a dash with a verb', () => {
    expect(who(after('“The bridge is safe.” — Ana Reyes'))).toEqual(['Ana Reyes', null, 'dash', CONFIDENCE.dashSignature]);
    expect(who(after('“The bridge is safe,” — said Ana Reyes.'))).toEqual(['Ana Reyes', 'said', 'after', CONFIDENCE.dashVerb]);
  });

  it('reads a name and any finite verb after a quotation that ends in a comma', () => {
    expect(who(after('“Is the bridge safe?” Reyes pressed.'))).toEqual(['Reyes', 'pressed', 'after', CONFIDENCE.reportingAfter]);
  });

  it('reads a clause, a comma, then the verb and the speaker ending the sentence', () => {
    expect(who(after('“It is safe,” in sharp contrast to last year, says Ana Reyes.'))).toEqual(['Ana Reyes', 'says', 'after', CONFIDENCE.invertedAfter]);
  });

  it('gives “…” for X, said Y to Y, the name after the verb, however long the clause before it', () => {
    expect(who(after('Paulo Duarte spoke first. “This will be hard” for Duarte, said Lena Voss.'))).toEqual(['Lena Voss', 'said', 'after', CONFIDENCE.invertedAfter]);
    const long = 'Paulo Duarte spoke first. The plan is “a quiet dismantling” of the port that the council and the harbour board have argued about in public for more than eleven years now in Ostrava, said Lena Voss, a historian.';
    expect(who(after(long))).toEqual(['Lena Voss', 'said', 'after', CONFIDENCE.invertedAfter]);
  });

  it('leaves “…,” X, after a pause, said of Y to X: the subject opens the text after the quotation', () => {
    expect(who(after('“He had many friends,” Lena Voss, after a long pause, said of Duarte.'))).toEqual(['Lena Voss', 'said', 'after', CONFIDENCE.reportingAfter]);
    expect(who(after('“He had many friends,” Lena Voss, a historian, said on Radio Ostrava.'))).toEqual(['Lena Voss', 'said', 'after', CONFIDENCE.reportingAfter]);
  });

  it('takes no participle after a preposition for a reporting verb (“…” Duarte for inviting Voss), and keeps “…,” Duarte said, adding', () => {
    expect(after('Lena Voss said the plan was “a joke” Paulo Duarte for inviting the press.')).toBeNull();
    expect(who(after('“It is a joke,” Paulo Duarte said, adding that the press was invited.'))?.[0]).toBe('Paulo Duarte');
  });

  it('reads no speaker from a subordinate clause after the quotation (“…,” when Voss blasted him), but reads “…” if …, said X', () => {
    expect(after('Paulo Duarte said, “That makes me smart,” when Lena Voss blasted him for it.')).toBeNull();
    expect(who(after('“It would be an embarrassment” if she lost, said Lena Voss, a historian.'))?.[0]).toBe('Lena Voss');
  });

  it('leaves alone a participle clause, "said that", and a sentence about something else', () => {
    expect(after('“It is safe,” adding that nobody was hurt.')).toBeNull();
    expect(after('“It is safe,” said that the council was wrong.')).toBeNull();
    expect(after('“It is safe” was painted on the wall.')).toBeNull();
  });
});

describe('Attributor.before', () => {
  it('reads X said: “…” with the verb right before the quotation', () => {
    expect(who(before('Ana Reyes said: “We will rebuild the bridge.”'))).toEqual(['Ana Reyes', 'said', 'before', CONFIDENCE.reportingBeforeNear]);
  });

  it('reads a verb further back at the lower confidence, and refuses it when only a near verb will do', () => {
    const text = 'Ana Reyes said on Monday at the opening of the new harbour office that the plan was “a costly mistake for everyone.”';
    expect(who(before(text))).toEqual(['Ana Reyes', 'said', 'before', CONFIDENCE.reportingBeforeFar]);
    expect(before(text, true)).toBeNull();
  });

  it('reads according to X, “…”', () => {
    expect(who(before('According to Ana Reyes, “the bridge is safe.”'))).toEqual(['Ana Reyes', 'according to', 'according', CONFIDENCE.accordingBefore]);
  });

  it('reads a colon label, including an all-capital transcript label', () => {
    expect(who(before('Reyes: “We will rebuild.”'))).toEqual(['Reyes', ':', 'colon', CONFIDENCE.colonLabel]);
  });

  it('reads a colon label of two full names joined by "and", and refuses a longer run of capitals', () => {
    const joined = before('PORT POLLS NOT WRONG - Ana Maria Reyes and Luis Okoro: “The polls did not fail.”');
    expect([joined?.mention, joined?.how]).toEqual(['Ana Maria Reyes and Luis Okoro', 'colon']);
    expect(before('The Ostrava Harbour Board Annual Report: “The polls did not fail.”')?.how).not.toBe('colon');
  });

  it('takes the subject of the sentence for a participle ("issued a statement calling it “…”")', () => {
    expect(who(before('Ana Reyes issued a statement calling the plan “a costly mistake.”'))).toEqual(['Ana Reyes', 'calling', 'before', CONFIDENCE.participleSubject]);
  });

  it('reads ", says X," inside the sentence before the quotation as X speaking', () => {
    expect(who(before('The paradox of Duarte, says Lena Voss, a historian, is that he was “the most careful man in the port.”'))).toEqual(['Lena Voss', 'says', 'before', CONFIDENCE.invertedBefore]);
    expect(who(before('Paulo Duarte was kind. But, said Duarte, “I do not want a fight.”'))).toEqual(['Paulo Duarte', 'said', 'before', CONFIDENCE.invertedBefore]);
  });

  it('leaves a named subject with its appositive as the speaker, and a name after the verb with no comma alone', () => {
    expect(who(before('Lena Voss, who sat on the board, told Radio Ostrava, “I like Duarte the best.”'))?.[0]).toBe('Lena Voss');
    expect(who(before('Lena Voss, a historian, said Duarte was “the most careful man in the port.”'))?.[0]).toBe('Lena Voss');
  });

  it('gives a passive reporting verb’s quotation to its agent after "by"', () => {
    expect(who(before('Duarte was asked by host Lena Voss, who chairs the panel, “Will the port close?”'))).toEqual(['Lena Voss', 'asked', 'before', CONFIDENCE.passiveAgent]);
    expect(who(before('Duarte was asked by moderator Lena Voss whether the plan would risk “another costly mistake.”'))).toEqual(['Lena Voss', 'asked', 'before', CONFIDENCE.passiveAgent]);
  });

  it('gives a passive verb’s quotation to an agent described, not named, and leaves an active verb followed by "by" alone', () => {
    const described = before('Duarte was asked by a reporter whether the plan would risk “another costly mistake.”');
    expect([described?.mention, described?.speaker]).toEqual(['a reporter', null]);
    expect(who(before('Lena Voss said by telephone: “The port will close.”'))?.[0]).toBe('Lena Voss');
  });

  it('gives a verb in an opening clause no say when the main clause has a named subject of its own', () => {
    expect(who(before('When Duarte suggested that the port would close, Lena Voss fired back: “It will not.”'))).toEqual(['Lena Voss', null, 'before', CONFIDENCE.sentenceSubject]);
    // No named subject in the main clause: the opening clause's verb stands.
    expect(who(before('As Lena Voss said in her speech, “It will not.”'))?.[0]).toBe('Lena Voss');
  });

  it('finds nothing in a sentence with no reporting verb', () => {
    expect(before('The sign on the old harbour wall read “Keep out of the water.”')).toBeNull();
  });
});

describe('Attributor.passiveAgentAfter', () => {
  it('reads “…” by X after a passive reporting verb, and nothing after an active one', () => {
    const agentAfter = (text: string) => {
      const { attributor, span, after: segment } = around(text);
      return attributor.passiveAgentAfter(segment.segment, span.closeAt, span.openAt);
    };
    expect(who(agentAfter('The scheme has been called “strategic ambiguity” by Lena Voss, a historian.'))).toEqual(['Lena Voss', 'called', 'before', CONFIDENCE.passiveAgent]);
    expect(agentAfter('Duarte called it “strategic ambiguity” by Friday.')).toBeNull();
    expect(agentAfter('The scheme has been called “strategic ambiguity” by many.')).toBeNull();
  });
});

describe('Attributor.sentenceBefore and sentenceAfter', () => {
  it('cuts the sentence before a quotation at the last sentence end, and the one after at the first', () => {
    const { before: cut, after: next } = around('The harbour reopened. Ana Reyes said “it is safe” on Monday. Then she left.');
    expect(cut.segment).toBe('Ana Reyes said ');
    expect(cut.atSentenceStart).toBe(false);
    expect(next.segment).toBe(' on Monday.');
    expect(next.endsSentence).toBe(true);
  });

  it('says when the quotation opens its sentence', () => {
    const { before: cut } = around('The harbour reopened. “It is safe,” Ana Reyes said.');
    expect(cut.segment.trim()).toBe('');
    expect(cut.atSentenceStart).toBe(true);
  });
});

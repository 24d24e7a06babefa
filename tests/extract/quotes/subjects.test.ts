/**
 * The subject of the sentence before a quotation (src/extract/quotes/subjects.ts): a name with a
 * verb after it, a body named by whose it is, he or she resolved; and what it must leave alone.
 * Names are invented.
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENCE } from '../../../src/extract/quotes/confidence.js';
import { findMarkedQuotes } from '../../../src/extract/quotes/find.js';
import { english } from '../../../src/extract/quotes/index.js';
import { findNameMentions, NameBook } from '../../../src/extract/quotes/names.js';
import { SpeakerResolver } from '../../../src/extract/quotes/resolve.js';
import { SubjectReader } from '../../../src/extract/quotes/subjects.js';

function subjectsOf(text: string): SubjectReader {
  const spans = findMarkedQuotes(text);
  const book = new NameBook(findNameMentions(text, spans.flatMap((span) => span.pieces), english), english, text);
  return new SubjectReader(text, english, new SpeakerResolver(text, english, book));
}

describe('SubjectReader.subjectOf and pronounSubjectOf', () => {
  it('gives a body named by whose it is (“Voss’s office shrugged it off”) as the subject, as written, and no longer description', () => {
    const text = 'Voss’s office shrugged off the vote.';
    expect(subjectsOf(text).subjectOf(0, text.length)?.speaker).toBe('Voss’s office');
    const long = 'Voss’s first five questioners ranged from skeptical to hostile.';
    expect(subjectsOf(long).subjectOf(0, long.length)).toBeNull();
  });

  it('takes no dateline in capitals for the subject of the line it opens', () => {
    const text = 'OSTRAVA, May 8 (Reuters) — Lena Voss warned the board on Monday.';
    expect(subjectsOf(text).subjectOf(0, text.length)?.speaker).toBe('Lena Voss');
    const plain = 'OSTRAVA, May 8 (Reuters) — In response to the vote, the board met.';
    expect(subjectsOf(plain).subjectOf(0, plain.length)).toBeNull();
  });

  it('gives the named subject of a sentence that has a verb after it', () => {
    const text = 'Ana Reyes quickly called the plan a mistake.';
    expect(subjectsOf(text).subjectOf(0, text.length)).toEqual({
      mention: 'Ana Reyes',
      mentionStart: 0,
      speaker: 'Ana Reyes',
      cue: null,
      how: 'subject',
      confidence: CONFIDENCE.sentenceSubject,
    });
  });

  it('refuses a possessive and a name with no verb after it', () => {
    const possessive = 'Ana Reyes’s plan was a mistake.';
    expect(subjectsOf(possessive).subjectOf(0, possessive.length)).toBeNull();
    const object = 'The council thanked Ana Reyes.';
    expect(subjectsOf(object).subjectOf(0, object.length)).toBeNull();
  });

  it('resolves a sentence opening with he or she, after a conjunction too', () => {
    const text = 'Mrs. Ana Reyes arrived. And she listed the reasons:';
    const from = text.indexOf('And');
    expect(subjectsOf(text).pronounSubjectOf(from, text.length)?.speaker).toBe('Ana Reyes');
    const they = 'Mrs. Ana Reyes arrived. They listed the reasons:';
    expect(subjectsOf(they).pronounSubjectOf(they.indexOf('They'), they.length)).toBeNull();
  });
});

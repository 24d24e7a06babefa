/**
 * The subject of the sentence before a quotation: a name with a verb after it ("Voss called
 * Brandt a …"), a body named by whose it is ("Okafor’s campaign shrugged off …"), a person's
 * possessive with a noun of speech ("X's pledge to be “…”"), or he or she, resolved.
 */
import { CONFIDENCE, REACH } from './confidence.js';
import { eachToken, isCapitalized, tokenize, type NameBook, type NameMention, type Token } from './names.js';
import type { SpeakerResolver } from './resolve.js';
import type { QuoteLanguage } from './types.js';

export interface Attribution {
  /** The speaker as written. */
  mention: string;
  mentionStart: number;
  speaker: string | null;
  cue: string | null;
  confidence: number;
  /** Where the attribution was found. */
  how: 'after' | 'before' | 'colon' | 'according' | 'dash' | 'inherited' | 'intro' | 'subject' | 'salient' | 'scored';
}

/** The speaker `np` names, resolved, found `how`; its confidence no more than the resolution's allows. */
export function resolvedAttribution(resolver: SpeakerResolver, np: Token[], at: number, how: Attribution['how'], cue: string | null, confidence: number): Attribution | null {
  const who = resolver.speakerOf(np, at);
  if (!who) return null;
  return { mention: who.mention, mentionStart: np[0]!.start, speaker: who.speaker, cue, how, confidence: Math.min(confidence, who.confidence + CONFIDENCE.phraseMargin) };
}

export class SubjectReader {
  private readonly book: NameBook;

  constructor(
    private readonly text: string,
    private readonly language: QuoteLanguage,
    private readonly resolver: SpeakerResolver,
  ) {
    this.book = resolver.book;
  }

  private make(np: Token[], at: number, how: Attribution['how'], cue: string | null, confidence: number): Attribution | null {
    return resolvedAttribution(this.resolver, np, at, how, cue, confidence);
  }

  /**
   * "X's controversial pledge to be “…”", "X's “…” promise": a person's possessive with a noun of
   * speech right after it (adjectives between) in the sentence before the quotation, or after it.
   */
  possessiveSource(from: number, to: number, after: string): Attribution | null {
    const speechNounAt = (tokens: Token[], k: number) => {
      for (let i = k; i < Math.min(tokens.length, k + REACH.possessiveNounTokens); i++) {
        if (this.language.speechNouns.has(tokens[i]!.lower)) return true;
        if (isCapitalized(tokens[i]!.text) || this.language.clauseWords.has(tokens[i]!.lower)) return false;
      }
      return false;
    };
    const afterTokens = tokenize(after, 0, this.language);
    for (const m of this.book.mentionsWithin(from, to)) {
      const possessive = /^['’]s?\b|^['’]/.exec(this.text.slice(m.end, m.end + 2)) ?? /['’]s?$/.exec(this.text.slice(m.start, m.end));
      if (!possessive || !this.book.isPersonMention(m)) continue;
      const rest = tokenize(this.text.slice(m.end, to), m.end, this.language).filter((t) => !/^['’]?s$/.test(t.text));
      const rightBefore = !this.text.slice(m.end, to).replace(/^['’]s?/, '').trim();
      if (!(speechNounAt(rest, 0) || (rightBefore && speechNounAt(afterTokens, 0)))) continue;
      return { mention: this.text.slice(m.start, m.end), mentionStart: m.start, speaker: this.book.resolveName(m.name, m.start), cue: null, how: 'subject', confidence: CONFIDENCE.possessiveSource };
    }
    return null;
  }

  /** The named subject of the sentence running from `from` to `to` ("Voss called Brandt a …"). */
  subjectOf(from: number, to: number): Attribution | null {
    // "When Halvorsen died in 1998, President Reyes released …": an opening clause holds no subject of
    // the sentence, unless the main clause names nobody ("Although the IMF did not …, it referenced").
    const mainFrom = this.mainClauseStart(from, to);
    return this.namedSubjectFrom(mainFrom, to) ?? (mainFrom > from ? this.namedSubjectFrom(from, to) : null);
  }

  namedSubjectFrom(mainFrom: number, to: number): Attribution | null {
    for (const m of this.book.mentionsWithin(mainFrom, to)) {
      // "Adding, “…”": a capitalised participle the article gives no full name to is no subject.
      if (m.tokens.length === 1 && this.language.participleForm(m.tokens[0]!) && this.book.resolveName(m.name, m.start) === m.name) continue;
      const next = this.text.slice(m.end, m.end + REACH.subjectLookaheadChars);
      if (/['’]s?$/.test(this.text.slice(m.start, m.end)) || /^['’]s?\b/.test(next)) {
        // "Okafor’s campaign shrugged off …, telling reporters, “…”": a body named by whose it is, opening the sentence.
        const body = m.start - mainFrom < REACH.subjectStartChars ? this.ownedBodySubject(m, to) : null;
        if (body) return body;
        continue;
      }
      const word = this.verbAfterSubject(next);
      const ok = word
        ? this.language.verbs.has(word) || this.language.subjectAuxiliaries.has(word) || this.language.finiteVerbForm(word)
        : /^\s*,/.test(next) && this.onlyTitlesBefore(mainFrom, m.start);
      if (!ok) continue;
      return {
        mention: this.text.slice(m.start, m.end),
        mentionStart: m.start,
        speaker: this.book.resolveName(m.name, m.start),
        cue: null,
        how: 'subject',
        confidence: CONFIDENCE.sentenceSubject,
      };
    }
    return null;
  }

  /**
   * Only titles or capitalised words from `from` to the mention at `to` ("Senate Majority Leader
   * Dana Okoro, …", "presidential nominee X, …"); read word by word up to the first other one.
   */
  private onlyTitlesBefore(from: number, to: number): boolean {
    const lead = this.text.slice(from, to).trim();
    if (lead.length < REACH.subjectStartChars) return true;
    for (const t of eachToken(lead, 0, this.language)) {
      if (!((isCapitalized(t.text) && !this.language.notNames.has(t.lower)) || this.language.titles.has(t.lower))) return false;
    }
    return true;
  }

  /** "Okafor’s campaign" + a finite verb: the possessive name and at most two lower-case words ending in a role noun, as written. */
  private ownedBodySubject(m: NameMention, to: number): Attribution | null {
    const tokens = tokenize(this.text.slice(m.start, to), m.start, this.language);
    let k = tokens.findIndex((t) => t.end >= m.end) + 1;
    const bodyStart = k;
    while (k < tokens.length && k - bodyStart < REACH.ownedBodyWords && !isCapitalized(tokens[k]!.text) && !this.language.verbs.has(tokens[k]!.lower) && !this.language.finiteVerbForm(tokens[k]!.lower)) k++;
    if (k === bodyStart || k >= tokens.length) return null;
    // A body that can speak ("campaign", "office", "spokesman"), not "house" or "plan".
    const head = tokens[k - 1]!;
    if (this.language.notNames.has(head.lower) || this.language.clauseWords.has(head.lower) || !this.language.roleNoun.test(head.lower)) return null;
    const verb = this.verbAfterSubject(this.text.slice(tokens[k - 1]!.end, tokens[k - 1]!.end + REACH.subjectLookaheadChars));
    // A finite form by its ending only after a one-word body ("Okafor’s campaign shrugged"; not "Okafor's first five questioners").
    if (!verb || !(this.language.verbs.has(verb) || this.language.subjectAuxiliaries.has(verb) || (k - bodyStart === 1 && this.language.finiteVerbForm(verb)))) return null;
    const made = this.make(tokens.slice(0, k), to, 'subject', null, CONFIDENCE.sentenceSubject);
    return made?.speaker ? made : null;
  }

  /**
   * Where the main clause of the sentence from `from` starts: after the first comma when the
   * sentence opens with a subordinating or prepositional word ("When …,", "After the attacks,").
   */
  mainClauseStart(from: number, to: number): number {
    const opener = /^\s*["“‘(]?(\p{L}+)/u.exec(this.text.slice(from, to));
    if (!opener || !this.language.clauseOpeners.has(opener[1]!.toLowerCase())) return from;
    const comma = this.text.slice(from, to).indexOf(',');
    return comma < 0 ? from : from + comma + 1;
  }

  /**
   * The first word after a subject once adverbs and a time ("Brandt quickly took", "Voss on
   * Saturday criticized") are passed over; undefined when punctuation comes first.
   */
  private verbAfterSubject(next: string): string | undefined {
    const tokens = tokenize(next, 0, this.language);
    let k = 0;
    const joined = (i: number) => /^\s+$/.test(next.slice(i === 0 ? 0 : tokens[i - 1]!.end, tokens[i]!.start));
    while (k < tokens.length && joined(k)) {
      const t = tokens[k]!;
      const time = isCapitalized(t.text) && this.language.notNames.has(t.lower);
      const timeIntro = this.language.timePrepositions.has(t.lower) && tokens[k + 1] !== undefined && isCapitalized(tokens[k + 1]!.text) && this.language.notNames.has(tokens[k + 1]!.lower);
      if (timeIntro) k += 2;
      else if (time || (!isCapitalized(t.text) && (this.language.adverbForm(t.text) || (this.language.adverbs.has(t.lower) && !this.language.subjectAuxiliaries.has(t.lower))))) k++;
      else break;
    }
    const word = k < tokens.length && joined(k) ? tokens[k]!.text : undefined;
    return word && /^[a-z]/.test(word) ? word : undefined;
  }

  /** "He then listed the qualities …:": a sentence that opens with he or she, resolved. */
  pronounSubjectOf(from: number, to: number): Attribution | null {
    // Word by word: only the sentence's first words count, and the sentence may be a whole run-on page.
    const words = eachToken(this.text.slice(from, to), from, this.language);
    const opening = words.next();
    if (opening.done || this.text.slice(from, opening.value.start).trim()) return null;
    // "And he continued …", "But then she …": a conjunction or adverb may open the sentence.
    let first = opening.value;
    for (const next of words) {
      const opener = this.language.conjunctions.has(first.lower) || this.language.adverbs.has(first.lower);
      if (!opener || !/^\s+$/.test(this.text.slice(first.end, next.start))) break;
      first = next;
    }
    if (!this.language.subjectPronouns.has(first.lower) || !this.language.genderedPronouns.has(first.lower)) return null;
    const made = this.make([first], to, 'subject', null, CONFIDENCE.sentenceSubject);
    return made?.speaker ? made : null;
  }
}

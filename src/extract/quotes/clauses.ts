/**
 * Reporting clauses around a quotation: “…,” X said / said X, X said: “…”, according to X,
 * "X: …", a dash signature, and the subject of the sentence. Each reader returns the speaker
 * phrase it found, resolved by SpeakerResolver, with how it was found.
 */
import { CONFIDENCE, REACH } from './confidence.js';
import { isCapitalized, tokenize, type NameBook, type Token } from './names.js';
import { isVerb, PhraseReader } from './phrases.js';
import type { SpeakerResolver } from './resolve.js';
import { firstSentenceEnd, lastSentenceStart } from './sentences.js';
import { resolvedAttribution, SubjectReader, type Attribution } from './subjects.js';
import type { QuoteLanguage } from './types.js';

export type { Attribution };

export class Attributor {
  private readonly book: NameBook;
  private readonly phrases: PhraseReader;
  /** The subject of a sentence: a name, a possessive with a noun of speech, he or she. */
  readonly subjects: SubjectReader;

  constructor(
    private readonly text: string,
    private readonly language: QuoteLanguage,
    readonly resolver: SpeakerResolver,
  ) {
    this.book = resolver.book;
    this.phrases = new PhraseReader(text, language, resolver.book);
    this.subjects = new SubjectReader(text, language, resolver);
    resolver.sentenceSubject = (from, to) => this.subjects.subjectOf(from, to);
  }

  /** “…,” X said / said X / according to X / — X, in the text after a quotation. */
  after(segment: string, base: number, at: number): Attribution | null {
    const lead = /^[\s,;:]*/.exec(segment)![0];
    const tokens = tokenize(segment, base, this.language);
    if (!tokens.length) return null;
    const first = tokens[0]!;
    const dash = /^[\s,]*[\u2014\u2015\u2013-]+\s*$/.test(segment.slice(0, first.start - base));
    const ahead = this.language.sourcePrepositionAhead.exec(segment);
    if (ahead) {
      const index = tokens.findIndex((t) => t.start >= base + ahead[0].length);
      const np = index >= 0 ? this.phrases.forwardPhrase(tokens, index) : [];
      return this.make(np, at, 'according', ahead[0].replace(/^[\s,—-]+/, '').trim().toLowerCase(), CONFIDENCE.accordingAfter);
    }
    if (dash && isVerb(first, this.language)) {
      // «…», — сказал директор Игорь Соколов / "…" — said the mayor.
      const np = this.phrases.forwardPhrase(tokens, 1);
      if (np.length && (np.some((t) => isCapitalized(t.text)) || (np.length === 1 && this.book.isPronoun(np[0]!.lower)))) {
        return this.make(np, at, 'after', first.text, CONFIDENCE.dashVerb);
      }
      return null;
    }
    if (dash) {
      const np = this.phrases.forwardPhrase(tokens, 0);
      if (np.length && np.length <= REACH.pureNameTokens && isCapitalized(np[0]!.text)) return this.make(np, at, 'dash', null, CONFIDENCE.dashSignature);
      return null;
    }
    if (/[^\s,;:]/.test(segment.slice(lead.length, first.start - base))) return null;
    if (isVerb(first, this.language)) {
      // "…,” adding that …: a participle clause; its subject is elsewhere.
      if (this.language.participleForm(first.lower) || this.language.clauseAfterVerb.has(tokens[1]?.lower ?? '')) return null;
      const np = this.phrases.forwardPhrase(tokens, 1);
      if (np.length && (np.some((t) => isCapitalized(t.text)) || this.language.determiners.has(np[0]!.lower))) {
        return this.make(np, at, 'after', first.text, CONFIDENCE.reportingAfter);
      }
      return null;
    }
    // "“…,” when Reyes blasted him": a subordinate clause after the quotation whose own verb comes before any comma
    // reports something else ("“…” if she loses, said X" still reads X).
    if (this.opensSubordinateReport(tokens)) return null;
    const namedVerb = this.nameThenAnyVerb(tokens, base);
    if (namedVerb) return this.make(namedVerb.name, at, 'after', namedVerb.verb.text, CONFIDENCE.reportingAfter);
    return this.subjectThenVerb(tokens, segment, base, at);
  }

  /** "…,” the former first lady told CNN / "…,” X, a long appositive, said / "…” for the victory, X said. */
  private subjectThenVerb(tokens: Token[], segment: string, base: number, at: number): Attribution | null {
    const first = tokens[0]!;
    // "Dana Okoro, the attorney general of the state, one of the states suing, said": a long appositive.
    const appositive = isCapitalized(first.text) && tokens.slice(1, 5).some((t, k) => /,/.test(this.text.slice(tokens[k]!.end, t.start)));
    for (let v = 1; v < Math.min(tokens.length, appositive ? REACH.appositiveVerbTokens : REACH.afterVerbTokens); v++) {
      if (!this.phrases.verbAt(tokens, v)) continue;
      // "“…” Reyes for inviting Duarte": a participle after a preposition heads a clause of its own, not a report.
      const previous = tokens[v - 1]!;
      if (this.language.participleForm(tokens[v]!.lower) && !isCapitalized(previous.text) && this.language.notNames.has(previous.lower)) continue;
      const commaBefore = /,\s*$/.test(this.text.slice(tokens[v - 1]!.end, tokens[v]!.start));
      if (v >= REACH.afterVerbTokens && !commaBefore) continue;
      const np = this.phrases.backwardPhrase(tokens, v, base);
      // "… for Reyes, said Lindqvist.": after a comma the verb comes first and its speaker follows it,
      // unless the subject opens the text ("…,” Okoro, after a long pause, said of Reyes).
      const inverted = commaBefore && np[0] !== first && isVerb(tokens[v], this.language) ? this.invertedAt(tokens, v, segment, base, at) : null;
      if (inverted) return inverted;
      if (!np.length || np[0] !== first && !(np[0]!.start > first.start && tokens.slice(0, tokens.indexOf(np[0]!)).every((t) => this.language.clauseWords.has(t.lower) || this.language.notNames.has(t.lower)))) {
        // The subject must open the text after the quotation ("…,” the former first lady told CNN).
        if (!np.length || tokens.indexOf(np[0]!) > REACH.afterSubjectOffset) {
          // “…” for the victory, Duarte said.: a clause, a comma, then a bare name and the verb.
          if (np.length && this.isCommaName(tokens, np) && !this.language.weakVerbs.has(tokens[v]!.lower)) return this.make(np, at, 'after', tokens[v]!.text, CONFIDENCE.invertedAfter);
          return this.invertedAfterClause(tokens, segment, base, at);
        }
      }
      return this.make(np, at, 'after', tokens[v]!.text, CONFIDENCE.reportingAfter);
    }
    return this.invertedAfterClause(tokens, segment, base, at);
  }

  /** The tokens open with a subordinator ("when", "because"; not a preposition) and a reporting verb follows before any comma. */
  private opensSubordinateReport(tokens: Token[]): boolean {
    const first = tokens[0]!;
    if (!this.language.clauseOpeners.has(first.lower) || !this.language.clauseWords.has(first.lower) || this.language.timePrepositions.has(first.lower)) return false;
    for (let v = 1; v < tokens.length; v++) {
      if (/,/.test(this.text.slice(tokens[v - 1]!.end, tokens[v]!.start))) return false;
      if (this.phrases.verbAt(tokens, v)) return true;
    }
    return false;
  }

  /** The phrase is a name alone (titles allowed) right after a comma. */
  private isCommaName(tokens: Token[], np: Token[]): boolean {
    const k = tokens.indexOf(np[0]!);
    if (k < 1 || !/,\s*$/.test(this.text.slice(tokens[k - 1]!.end, np[0]!.start))) return false;
    const isTitle = (t: Token) => this.language.titles.has(t.lower);
    return np.length <= REACH.pureNameTokens && np.every((t) => isCapitalized(t.text) || isTitle(t)) && np.some((t) => isCapitalized(t.text) && !isTitle(t) && !this.language.notNames.has(t.lower));
  }

  /**
   * “…,” Halvorsen pressed. / “…,” Strand points out: a quotation ending in a comma (or ? !) that a
   * name and a finite verb follow. The comma says an attribution comes, so the verb need not be a
   * known reporting verb.
   */
  private nameThenAnyVerb(tokens: Token[], base: number): { name: Token[]; verb: Token } | null {
    if (!/[,?!]/.test(this.text[base - 2] ?? '')) return null;
    let k = 0;
    while (k < tokens.length && k < REACH.nameThenVerbTokens && isCapitalized(tokens[k]!.text) && !this.language.notNames.has(tokens[k]!.lower)) {
      if (k > 0 && !/^[ \u00a0]+$/.test(this.text.slice(tokens[k - 1]!.end, tokens[k]!.start))) return null;
      k++;
    }
    const verb = tokens[k];
    if (!k || !verb || isCapitalized(verb.text) || !/^[ \u00a0]+$/.test(this.text.slice(tokens[k - 1]!.end, verb.start))) return null;
    if (!(this.language.verbsAfterPronoun.has(verb.lower) || this.language.finiteVerbForm(verb.lower))) return null;
    return { name: tokens.slice(0, k), verb };
  }

  /**
   * “…,” in sharp contrast to earlier years, says Ines Varga, a political scientist: a clause,
   * then a comma, the reporting verb and the speaker, which end the sentence.
   */
  private invertedAfterClause(tokens: Token[], segment: string, base: number, at: number): Attribution | null {
    // No reach in tokens: the speaker must close the sentence, however long the clause before it.
    for (let v = 1; v < tokens.length - 1; v++) {
      if (!/,\s*$/.test(this.text.slice(tokens[v - 1]!.end, tokens[v]!.start)) || !isVerb(tokens[v], this.language)) continue;
      return this.invertedAt(tokens, v, segment, base, at);
    }
    return null;
  }

  /** ", says Ines Varga[,.]": a comma, the reporting verb at `v`, then a name that closes the sentence or takes an appositive. */
  private invertedAt(tokens: Token[], v: number, segment: string, base: number, at: number): Attribution | null {
    const verb = tokens[v]!;
    if (this.language.weakVerbs.has(verb.lower) || this.language.participleForm(verb.lower)) return null;
    const np = this.phrases.forwardPhrase(tokens, v + 1);
    const named = np.some((t) => isCapitalized(t.text) && !this.language.titles.has(t.lower) && !this.language.notNames.has(t.lower));
    if (!np.length || !named) return null;
    if (!/^\s*(?:[,.!?]|$)/.test(segment.slice(np.at(-1)!.end - base))) return null;
    return this.make(np, at, 'after', verb.text, CONFIDENCE.invertedAfter);
  }

  /** X said: “…” / X called the plan “…” / according to X, “…” / X: “…”, in the sentence before a quotation. */
  before(segment: string, base: number, at: number, strictNear: boolean): Attribution | null {
    const tokens = tokenize(segment, base, this.language);
    if (!tokens.length) return null;
    const trailing = segment.slice(tokens.at(-1)!.end - base);
    // "According to X, “…”": the phrase, then the source, then nothing but a comma before the quotation.
    for (const pattern of this.language.sourcePrepositions) {
      const match = [...segment.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].at(-1);
      if (!match) continue;
      const from = tokens.findIndex((t) => t.start >= base + match.index + match[0].length);
      if (from < 0) continue;
      const np = this.phrases.forwardPhrase(tokens, from);
      if (np.length && /^[\s,:]*$/.test(segment.slice(np.at(-1)!.end - base))) {
        return this.make(np, at, 'according', match[0].trim().toLowerCase(), CONFIDENCE.accordingBefore);
      }
    }
    // "HALVORSEN: …" / "Brandt: …"
    // "HEADLINE IN CAPITALS - Ruth M. Abernathy: …": the label after a dash.
    const dashAt = /\s[-\u2013\u2014]\s*(?=[^-\u2013\u2014]*$)/u.exec(segment);
    const label = dashAt && /^\s*:\s*$/.test(trailing) ? tokens.filter((t) => t.start >= base + dashAt.index) : tokens;
    // "Lena Voss and Paulo Duarte: …": two names joined, each as long as a label may be.
    const joined = label.filter((t) => this.language.conjunctions.has(t.lower)).length;
    const labelReach = joined === 1 ? 2 * REACH.colonLabelTokens + 1 : REACH.colonLabelTokens;
    if (/^\s*:\s*$/.test(trailing) && label.length && label.length <= labelReach && label.every((t) => isCapitalized(t.text) || this.language.titles.has(t.lower) || this.language.nameParticles.has(t.lower) || t.lower === 'and')) {
      return this.make(label, at, 'colon', ':', CONFIDENCE.colonLabel);
    }
    let mainFrom: number | undefined;
    for (let v = tokens.length - 1; v >= 0; v--) {
      const token = tokens[v]!;
      if (!this.phrases.verbAt(tokens, v)) continue;
      const near = tokens.length - 1 - v <= REACH.nearVerbTokens;
      if (this.language.weakVerbs.has(token.lower) && tokens.length - 1 - v > REACH.weakVerbTokens) continue;
      if (strictNear && !near) return null;
      // "When Brandt suggested that …, Okoro fired back: “…”": a verb in the opening clause; the main clause's named subject speaks.
      mainFrom ??= this.subjects.mainClauseStart(base, at);
      if (token.start < mainFrom && mainFrom > base) {
        const main = this.subjects.namedSubjectFrom(mainFrom, at);
        if (main) return { ...main, how: 'before', confidence: CONFIDENCE.sentenceSubject };
      }
      // "Duarte was asked by host Ines Varga, …, “…”": a passive reporting verb; its agent speaks.
      const agent = this.passiveAgent(tokens, v, at);
      if (agent) return agent;
      // "The paradox of Marta, says Oskar Lindqvist, historian at …, is that she was “…”": a comma, the verb, then its speaker.
      const inverted = v > 0 && /,\s*$/.test(this.text.slice(tokens[v - 1]!.end, token.start)) ? this.invertedBefore(tokens, v, segment, base, at) : null;
      if (inverted) return inverted;
      // "… issued a statement calling it …", "took to Twitter to accuse …": the sentence's subject.
      if (this.language.participleForm(token.lower) || tokens[v - 1]?.lower === 'to') {
        const subject = this.subjects.subjectOf(base, token.start);
        if (subject) return { ...subject, cue: token.text, how: 'before', confidence: CONFIDENCE.participleSubject };
        continue;
      }
      const np = this.phrases.backwardPhrase(tokens, v, base);
      if (!np.length) continue;
      const made = this.make(np, at, 'before', token.text, near ? CONFIDENCE.reportingBeforeNear : CONFIDENCE.reportingBeforeFar);
      if (made) return made;
    }
    return this.openingSource(segment, base, tokens, at);
  }

  /** "was asked by X", "has been called … by X": a passive reporting verb at `v` and the named agent after "by". */
  private passiveAgent(tokens: Token[], v: number, at: number): Attribution | null {
    const verb = tokens[v]!;
    const by = tokens[v + 1];
    if (!isVerb(verb, this.language) || !this.language.passiveAuxiliaries.has(tokens[v - 1]?.lower ?? '') || !by || !this.language.agentPrepositions.has(by.lower)) return null;
    if (!/^\s+$/.test(this.text.slice(verb.end, by.start))) return null;
    return this.agentPhrase(tokens, v + 2, at, verb.text);
  }

  /** The agent read forwards from `from`: a name ("host Ines Varga") or a description ("a reporter"), not a date or a manner ("by Friday", "by phone"). */
  private agentPhrase(tokens: Token[], from: number, at: number, cue: string): Attribution | null {
    const np = this.phrases.forwardPhrase(tokens, from);
    const named = np.some((t) => isCapitalized(t.text) && !this.language.titles.has(t.lower) && !this.language.notNames.has(t.lower));
    if (!named && !(np.length > 1 && this.language.determiners.has(np[0]!.lower))) return null;
    return this.make(np, at, 'before', cue, CONFIDENCE.passiveAgent);
  }

  /**
   * “strategic ambiguity” by Tomas Brandt, after "has been called": the agent right after a
   * quotation that a passive reporting verb introduces.
   */
  passiveAgentAfter(segment: string, base: number, at: number): Attribution | null {
    // Most quotations are followed by anything but "by": look at the first word before tokenizing.
    const firstWord = /^[\s,]*(\p{L}+)/u.exec(segment)?.[1];
    if (!firstWord || !this.language.agentPrepositions.has(firstWord.toLowerCase())) return null;
    const tokens = tokenize(segment, base, this.language);
    const first = tokens[0];
    if (!first || !this.language.agentPrepositions.has(first.lower) || segment.slice(0, first.start - base).trim()) return null;
    const lead = tokenize(this.text.slice(Math.max(0, at - REACH.passiveLeadChars), at), Math.max(0, at - REACH.passiveLeadChars), this.language);
    const verb = lead.at(-1);
    if (!verb || !isVerb(verb, this.language) || !this.language.passiveAuxiliaries.has(lead.at(-2)?.lower ?? '') || this.text.slice(verb.end, at).trim()) return null;
    return this.agentPhrase(tokens, 1, at, verb.text);
  }

  /** ", says X," inside the sentence before a quotation: X, a name closed by a comma, unless a named subject and its appositive open the sentence. */
  private invertedBefore(tokens: Token[], v: number, segment: string, base: number, at: number): Attribution | null {
    const verb = tokens[v]!;
    if (!isVerb(verb, this.language) || this.language.weakVerbs.has(verb.lower) || this.language.participleForm(verb.lower)) return null;
    const isName = (t: Token) => isCapitalized(t.text) && !this.language.titles.has(t.lower) && !this.language.notNames.has(t.lower);
    // "Strand, who was on the slate, told the Courier, “…”": a named subject opening the sentence, an appositive, then the verb: the subject speaks.
    const subject = this.phrases.backwardPhrase(tokens, v, base);
    if (subject[0] === tokens[0] && subject.some(isName) && tokens.indexOf(subject.at(-1)!) < v - 1) return null;
    const np = this.phrases.forwardPhrase(tokens, v + 1);
    const pureName = np.every((t) => isCapitalized(t.text) || this.language.titles.has(t.lower) || this.language.nameParticles.has(t.lower));
    if (!np.length || !pureName || !np.some(isName) || !/^\s*,/.test(segment.slice(np.at(-1)!.end - base))) return null;
    return this.make(np, at, 'before', verb.text, CONFIDENCE.invertedBefore);
  }

  /**
   * "According to X, he was once part of it, but is now “…”": a sentence that opens with a
   * source phrase and names no reporting verb's subject gives the quotation to that source.
   */
  private openingSource(segment: string, base: number, tokens: Token[], at: number): Attribution | null {
    for (const pattern of this.language.sourcePrepositions) {
      const match = pattern.exec(segment);
      if (!match || segment.slice(0, match.index).trim()) continue;
      const from = tokens.findIndex((t) => t.start >= base + match.index + match[0].length);
      if (from < 0) continue;
      const np = this.phrases.forwardPhrase(tokens, from);
      if (!np.length || !/^\s*,/.test(segment.slice(np.at(-1)!.end - base))) continue;
      return this.make(np, at, 'according', match[0].trim().toLowerCase(), CONFIDENCE.accordingOpening);
    }
    return null;
  }

  private make(np: Token[], at: number, how: Attribution['how'], cue: string | null, confidence: number): Attribution | null {
    return resolvedAttribution(this.resolver, np, at, how, cue, confidence);
  }

  sentenceBefore(from: number, to: number): { segment: string; base: number; atSentenceStart: boolean } {
    // Two characters beyond `to`, so that a sentence ending right before the quotation is seen.
    const raw = this.text.slice(from, Math.min(this.text.length, to + 2));
    const lineStart = raw.slice(0, to - from).lastIndexOf('\n') + 1;
    const cut = Math.min(Math.max(lastSentenceStart(raw, this.language), lineStart), to - from);
    const segment = raw.slice(cut, to - from);
    return { segment, base: from + cut, atSentenceStart: segment.trim() === '' };
  }

  sentenceAfter(from: number, to: number): { segment: string; endsSentence: boolean } {
    const raw = this.text.slice(from, to);
    const lineEnd = raw.indexOf('\n');
    const cut = Math.min(firstSentenceEnd(raw, this.language), lineEnd >= 0 ? lineEnd : raw.length);
    return { segment: raw.slice(0, cut), endsSentence: cut < raw.length };
  }
}

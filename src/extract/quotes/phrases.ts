/**
 * Reading a speaker phrase out of a sentence's tokens: the noun phrase after "said" or
 * "according to", the subject before a reporting verb (appositives, "who …" clauses, adverbs
 * and dates between), trimmed of clause words. The readers of reporting clauses (clauses.ts)
 * decide where to look; this module decides what the phrase is.
 */
import { REACH } from './confidence.js';
import { isCapitalized, type NameBook, type Token } from './names.js';
import type { QuoteLanguage } from './types.js';

/** Lower-case words that may belong to a description of a speaker ("the former first lady"). */
function descriptive(token: Token, language: QuoteLanguage): boolean {
  return !language.clauseWords.has(token.lower) && !language.verbs.has(token.lower) && /^[\p{L}\p{N}'’\-.]+$/u.test(token.text);
}

export function isVerb(token: Token | undefined, language: QuoteLanguage): boolean {
  return token !== undefined && language.verbs.has(token.lower) && !isCapitalizedName(token, language);
}

/** "Says" at the start of a sentence is a verb; "Said" inside a name is not likely. */
function isCapitalizedName(token: Token, language: QuoteLanguage): boolean {
  return /^\p{Lu}\p{Ll}/u.test(token.text) && !language.capitalizedVerbs.has(token.text);
}


export class PhraseReader {
  constructor(
    private readonly text: string,
    private readonly language: QuoteLanguage,
    private readonly book: NameBook,
  ) {}

  /** A reporting verb, or a form usually a noun right after a subject pronoun ("he notes"). */
  verbAt(tokens: Token[], v: number): boolean {
    const token = tokens[v];
    if (isVerb(token, this.language)) return true;
    const subject = tokens[v - 1];
    return (
      token !== undefined && subject !== undefined && this.language.verbsAfterPronoun.has(token.text) &&
      this.language.subjectPronouns.has(subject.lower) && /^\s+$/.test(this.text.slice(subject.end, token.start))
    );
  }

  /** Tokens of a noun phrase read forwards from `from` (after "said" or "according to"). */
  forwardPhrase(tokens: Token[], from: number): Token[] {
    const np: Token[] = [];
    for (let i = from; i < tokens.length && np.length < REACH.forwardPhraseTokens; i++) {
      const token = tokens[i]!;
      if (np.length) {
        const gap = this.text.slice(tokens[i - 1]!.end, token.start);
        if (/[,;:()—–]/.test(gap)) {
          // "said Oskar Lindqvist, a former official" → the name; "said a spokesman, Paulo Duarte" → the name.
          const hasName = np.some((t) => isCapitalized(t.text) && !this.language.titles.has(t.lower) && !this.language.notNames.has(t.lower));
          if (hasName) break;
          const rest: Token[] = [];
          for (let j = i; j < tokens.length && rest.length < REACH.appositiveNameTokens; j++) {
            if (j > i && /[,;:()—–]/.test(this.text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
            rest.push(tokens[j]!);
          }
          if (rest.length && rest.every((t) => isCapitalized(t.text) || this.language.nameParticles.has(t.lower))) return rest;
          break;
        }
      }
      // "former Vale Gov. and Harbor Party Chairman Tomas Brandt": two titles joined, one name.
      const joinsTitles = np.length > 0 && this.language.conjunctions.has(token.lower) && this.isTitle(np.at(-1)!) && isCapitalized(tokens[i + 1]?.text ?? '');
      if (np.length && !isCapitalized(token.text) && this.language.phraseEnders.has(token.lower) && !joinsTitles) break;
      if (np.length && isVerb(token, this.language)) break;
      np.push(token);
    }
    // "said former Vale Gov. and Harbor Party Chairman Tomas Brandt": a long
    // run of titles goes on to the name that ends it.
    const endsInTitle = np.length > 0 && this.isTitle(np.at(-1)!);
    for (let i = from + np.length; endsInTitle && np.length >= REACH.forwardPhraseTokens && i < tokens.length && np.length < REACH.forwardPhraseTokens + REACH.titleRunTokens; i++) {
      const token = tokens[i]!;
      if (!isCapitalized(token.text) || !/^[ \u00a0]+$/.test(this.text.slice(tokens[i - 1]!.end, token.start))) break;
      np.push(token);
    }
    return np;
  }

  /** A capitalised title ("Gov.", "Chairman"), not an article. */
  private isTitle(token: Token): boolean {
    return isCapitalized(token.text) && this.language.titles.has(token.lower) && !this.language.determiners.has(token.lower);
  }

  /** Tokens of the subject read backwards from the token before `verbIndex`. */
  backwardPhrase(tokens: Token[], verbIndex: number, sentenceStart: number): Token[] {
    let i = verbIndex - 1;
    const spaceAfter = (k: number) => this.text.slice(tokens[k]!.end, tokens[k + 1]!.start).trim() === '';
    for (;;) {
      while (i >= 0 && !isCapitalized(tokens[i]!.text) && (this.language.adverbs.has(tokens[i]!.lower) || this.language.adverbForm(tokens[i]!.text)) && spaceAfter(i)) i--;
      // "Voss on Saturday criticized": a day or month and its preposition stand between.
      const t = tokens[i];
      if (i < 1 || !t || !isCapitalized(t.text) || !this.language.notNames.has(t.lower) || !spaceAfter(i) || !spaceAfter(i - 1) || !this.language.timePrepositions.has(tokens[i - 1]!.lower)) break;
      i -= 2;
    }
    if (i < 0) return [];
    const gapToVerb = this.text.slice(tokens[i]!.end, tokens[i + 1]!.start);
    // A name, not whose it is ("Reyes's attorney, Ines Varga, said" → Ines Varga).
    const isNameToken = (t: Token) => isCapitalized(t.text) && !this.language.titles.has(t.lower) && !this.language.notNames.has(t.lower) && !/['’]s?$/.test(t.text);
    if (/[,\u2014\u2013]/.test(gapToVerb)) {
      // "X, who runs Y, said" / "X, Y's campaign manager, said" / "X — named by Y as … — told": the subject opens the clause.
      const clause = tokens.filter((t) => t.start >= sentenceStart && t.end <= tokens[i]!.end);
      const segments: Token[][] = [[]];
      for (const [k, t] of clause.entries()) {
        if (k > 0 && /[,;(\u2014\u2013]/.test(this.text.slice(clause[k - 1]!.end, t.start))) segments.push([]);
        segments.at(-1)!.push(t);
      }
      const pureName = segments.map((seg) => this.trimSubject(seg)).find((seg) =>
        seg.length > 0 && seg.length <= REACH.pureNameTokens && seg.some(isNameToken) &&
        seg.every((t) => isCapitalized(t.text) || this.language.titles.has(t.lower) || this.language.nameParticles.has(t.lower) || this.language.determiners.has(t.lower)));
      if (pureName) return pureName;
      const trimmed = this.trimSubject(segments[0]!);
      if (trimmed.length && trimmed.length <= REACH.subjectClauseTokens && trimmed.some(isNameToken)) return trimmed;
    }
    const np: Token[] = [];
    for (; i >= 0 && np.length < REACH.backwardPhraseTokens; i--) {
      const token = tokens[i]!;
      if (token.start < sentenceStart) break;
      if (np.length && /[,;:()\u2014\u2013"“”]/.test(this.text.slice(token.end, np[0]!.start))) break;
      if (!isCapitalized(token.text) && !descriptive(token, this.language)) break;
      if (!isCapitalized(token.text) && this.book.isPronoun(token.lower) && np.length) break;
      np.unshift(token);
      if (this.book.isPronoun(token.lower)) break;
    }
    return this.nameBeforeDescription(np, tokens, sentenceStart, isNameToken) ?? this.trimSubject(np);
  }

  /**
   * "Lena Ortiz, the communications director for the party said": an appositive whose closing comma
   * is missing. A name opening the sentence, a comma, then a description up to the verb: the name.
   */
  private nameBeforeDescription(np: Token[], tokens: Token[], sentenceStart: number, isNameToken: (t: Token) => boolean): Token[] | null {
    if (!np.length) return null;
    const clause = tokens.filter((t) => t.start >= sentenceStart && t.end <= np.at(-1)!.end);
    const comma = clause.findIndex((t, k) => k > 0 && /,/.test(this.text.slice(clause[k - 1]!.end, t.start)));
    if (comma < 1 || comma > REACH.pureNameTokens) return null;
    const name = clause.slice(0, comma);
    const description = clause.slice(comma);
    if (description.length > REACH.missingCommaDescriptionTokens || !this.language.determiners.has(description[0]!.lower) || this.book.isPronoun(description[0]!.lower)) return null;
    if (description.some((t, k) => k > 0 && /[,;:()\u2014\u2013"“”]/.test(this.text.slice(description[k - 1]!.end, t.start)))) return null;
    if (!description.some((t) => !isCapitalized(t.text) && !this.language.determiners.has(t.lower))) return null;
    const joined = name.every((t, k) => k === 0 || /^[ \u00a0]+$/.test(this.text.slice(name[k - 1]!.end, t.start)));
    if (!joined || !name.every((t) => isCapitalized(t.text) || this.language.nameParticles.has(t.lower))) return null;
    const trimmed = this.trimSubject(name);
    return trimmed.some(isNameToken) ? trimmed : null;
  }

  /** Drops leading clause words and openers from a subject ("But Reyes" → "Reyes"). */
  private trimSubject(np: Token[]): Token[] {
    let from = 0;
    // An honorific stays with the name it precedes ("Mrs. Marsh"): the mention as written, and its gender.
    const honorific = (t: Token) => this.language.honorifics.has(t.lower) && isCapitalized(t.text);
    while (
      from < np.length - 1 && !honorific(np[from]!) &&
      (this.language.clauseWords.has(np[from]!.lower) || (this.language.notNames.has(np[from]!.lower) && !this.language.determiners.has(np[from]!.lower) && !this.book.isPronoun(np[from]!.lower)))
    ) from++;
    // A subject that is all lower-case words with no determiner is more likely a clause than a speaker.
    const rest = np.slice(from);
    // A function word is no role noun, whatever its ending ("for", "after").
    const roleNoun = (t: Token) => !this.language.notNames.has(t.lower) && !this.language.clauseWords.has(t.lower) && this.language.roleNoun.test(t.lower);
    if (rest.length > 1 && rest.every((t) => !isCapitalized(t.text)) && !this.language.determiners.has(rest[0]!.lower)) {
      return rest.slice(-2).every(roleNoun) ? rest : [];
    }
    // A lone lower-case word ("…, asked not to be identified, said") is no speaker either.
    if (rest.length === 1 && !isCapitalized(rest[0]!.text) && !this.book.isPronoun(rest[0]!.lower) && !roleNoun(rest[0]!)) return [];
    return rest;
  }
}

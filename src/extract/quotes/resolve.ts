/**
 * Who a speaker phrase stands for: a name resolved to the full name the article gives, a
 * description to the person it describes, a pronoun to the person it refers to.
 */
import { CONFIDENCE, REACH } from './confidence.js';
import { basename, cleanName, isCapitalized, NameBook, tokenize, type Token } from './names.js';
import { RoleFinder } from './roles.js';
import { lastSentenceStart } from './sentences.js';
import type { QuoteLanguage } from './types.js';

/** A name of one to four capitalised words, a comma, and perhaps an article, right before a description. */
const NAME_BEFORE_DESCRIPTION = /((?:\p{Lu}[\p{L}.'’\-]*\s){0,3}\p{Lu}[\p{L}'’\-]*),\s+(?:the\s+|a\s+|an\s+)?$/u;
/** Perhaps a comma, then a name of one to four capitalised words, right after a description. */
const NAME_AFTER_DESCRIPTION = /^,?\s+((?:\p{Lu}[\p{L}.'’\-]*\s){0,3}\p{Lu}[\p{L}'’\-]*)/u;

/** A regex word boundary (\b, ASCII word characters) at `at`. */
function asciiBoundary(text: string, at: number): boolean {
  const word = (c: string | undefined) => c !== undefined && /\w/.test(c);
  return word(text[at - 1]) !== word(text[at]);
}

export interface ResolvedSpeaker {
  speaker: string | null;
  /** The phrase as written. */
  mention: string;
  confidence: number;
}

export class SpeakerResolver {
  /** Speakers attributed so far, in text order: the antecedents "he said" may refer to. */
  readonly lastSpeakers: { speaker: string; at: number; gender?: string }[] = [];

  /** The roles the article gives people (speakerRole, and the people a description may stand for). */
  readonly roles: RoleFinder;

  /** The named subject of the text from `from` to `to`, one sentence (set by the Attributor, which reads subjects). */
  sentenceSubject: (from: number, to: number) => { speaker: string | null; mentionStart: number } | null = () => null;

  constructor(
    private readonly text: string,
    private readonly language: QuoteLanguage,
    readonly book: NameBook,
  ) {
    this.roles = new RoleFinder(text, language, book);
  }

  /** The speaker a noun phrase stands for. */
  speakerOf(np: Token[], at: number): ResolvedSpeaker | null {
    while (np.length && /^[\p{P}]+$/u.test(np[0]!.text)) np = np.slice(1);
    if (!np.length) return null;
    const mention = this.text.slice(np[0]!.start, np.at(-1)!.end).replace(/\s+/g, ' ');
    if (np.length === 1 && this.book.isPronoun(np[0]!.lower)) {
      return { speaker: this.resolvePronoun(np[0]!.lower, Math.min(at, np[0]!.start)), mention, confidence: CONFIDENCE.pronoun };
    }
    // "Rep. Dana Okoro of Maryland": the name, not the place; but "Federal Reserve Bank of New York" is one name.
    const of = np.findIndex((t, i) => {
      if (i === 0 || !this.language.namePrepositions.has(t.text) || this.joinsOrganisation(np[i - 1]!, t)) return false;
      const head = np.slice(0, i);
      const names = head.filter((n) => isCapitalized(n.text) && !this.language.titles.has(n.lower) && !this.language.notNames.has(n.lower));
      return names.length > 0 && (names.length >= 2 || head.some((n) => this.language.titles.has(n.lower) && isCapitalized(n.text)) || (names.length === 1 && this.isKnownSurname(names[0]!.lower)));
    });
    if (of > 0) np = np.slice(0, of);
    const runs = this.capitalisedRuns(np);
    for (let r = runs.length - 1; r >= 0; r--) {
      let cleaned = cleanName(runs[r]!, this.language).tokens;
      // "May said": a word that is also a name the article gives ("Lena May").
      if (!cleaned.length && runs[r]!.length === 1 && this.book.mentions.some((m) => m.tokens.length >= 2 && m.tokens.at(-1) === runs[r]![0]!.lower)) cleaned = runs[r]!;
      if (!cleaned.length) continue;
      // "Residents described …": a capital only because it opens the sentence, and the word is
      // written in lower case elsewhere in the article. A description, not a name.
      if (cleaned.length === 1 && this.opensSentence(cleaned[0]!.start) && this.lowerCaseWords().has(cleaned[0]!.lower) && !this.knownName(cleaned[0]!.lower)) continue;
      const name = cleaned.map((t) => basename(t.text)).join(' ');
      // A lone capitalised word ending the phrase after lower-case words ("the Reyes campaign") is a modifier.
      const last = np.at(-1)!;
      if (cleaned.at(-1) !== last && !isCapitalized(last.text)) {
        return { speaker: this.text.slice(runs[r]![0]!.start, last.end).replace(/\s+/g, ' ').replace(/^(\S+)\s+/, (w, first: string) => (this.language.articles.has(first.toLowerCase()) ? '' : w)), mention, confidence: CONFIDENCE.modifiedDescription };
      }
      return { speaker: this.book.resolveName(name, at), mention, confidence: CONFIDENCE.name };
    }
    // "Okafor’s office", "Reyes’s campaign": a body named by whose it is, as written.
    const owner = np.findIndex((t) => isCapitalized(t.text) && /['’]s?$/.test(t.text) && !this.language.notNames.has(basename(t.text).toLowerCase()));
    const rest = np.slice(owner + 1);
    if (owner >= 0 && rest.length && rest.length <= REACH.ownedBodyWords && rest.every((t) => !isCapitalized(t.text) && !this.language.clauseWords.has(t.lower))) {
      let first = owner;
      while (first > 0 && isCapitalized(np[first - 1]!.text) && !this.language.notNames.has(np[first - 1]!.lower)) first--;
      return { speaker: this.text.slice(np[first]!.start, np.at(-1)!.end).replace(/\s+/g, ' '), mention, confidence: CONFIDENCE.modifiedDescription };
    }
    // A description: the one person the article gives that role ("Senator X", "X, the senator from …"); none when it gives it to two.
    const holders = this.roleHolders(np);
    if (holders.length === 1) return { speaker: holders[0]!, mention, confidence: CONFIDENCE.namedDescription };
    if (holders.length > 1) return { speaker: null, mention, confidence: CONFIDENCE.bareDescription };
    // Else the name the article sets beside the description's words ("X, the former first lady").
    const named = this.nameForDescription(np, at);
    return { speaker: named, mention, confidence: named ? CONFIDENCE.namedDescription : CONFIDENCE.bareDescription };
  }

  /** The head noun of a description: its first lower-case title or role noun ("senator", "spokesman"), if any. */
  descriptionHead(np: Token[]): string | null {
    const head = np.find((t) => !isCapitalized(t.text) && !this.language.notNames.has(t.lower) && !this.language.clauseWords.has(t.lower) && (this.language.titles.has(t.lower) || this.language.roleNoun.test(t.lower)));
    return head?.lower ?? null;
  }

  /** The people the article gives the description's head noun as a role. */
  roleHolders(np: Token[]): string[] {
    const head = this.descriptionHead(np);
    return head ? this.roles.peopleWithRole(head) : [];
  }

  private nameForDescription(np: Token[], at: number): string | null {
    let words = np.map((t) => t.text);
    while (words.length && this.language.determiners.has(words[0]!.toLowerCase())) words = words.slice(1);
    if (!words.length || words.length > REACH.descriptionMaxWords) return null;
    const core = words.join(' ').toLowerCase();
    // "NAME, (the) core" / "core NAME" / "core, NAME": read around each place the words occur (any case),
    // rather than running a pattern over the whole text for every description.
    this.lowerText ??= this.text.toLowerCase();
    const best: { name: string | null; distance: number } = { name: null, distance: Infinity };
    const consider = (candidate: string, index: number) => {
      const cleaned = cleanName(tokenize(candidate, 0, this.language), this.language).tokens;
      if (!cleaned.length || cleaned.every((t) => !isCapitalized(t.text))) return;
      const name = this.book.resolveName(cleaned.map((t) => basename(t.text)).join(' '), index);
      const distance = Math.abs(index - at) + (index > at ? REACH.laterNamePenaltyChars : 0);
      if (distance < best.distance) Object.assign(best, { name, distance });
    };
    for (let i = this.lowerText.indexOf(core); i >= 0; i = this.lowerText.indexOf(core, i + 1)) {
      const end = i + core.length;
      if (asciiBoundary(this.text, end)) {
        const from = Math.max(0, i - REACH.descriptionNameChars);
        const before = NAME_BEFORE_DESCRIPTION.exec(this.text.slice(from, i));
        if (before) consider(before[1]!, from + before.index);
      }
      if (asciiBoundary(this.text, i)) {
        const after = NAME_AFTER_DESCRIPTION.exec(this.text.slice(end, end + REACH.descriptionNameChars));
        if (after) consider(after[1]!, i);
      }
    }
    return best.name;
  }

  /**
   * The capitalised runs of a phrase, possessive modifiers apart; the last one that cleans to a
   * name is the head name.
   */
  private capitalisedRuns(np: Token[]): Token[][] {
    const runs: Token[][] = [];
    let run: Token[] = [];
    for (const [i, token] of np.entries()) {
      const possessive = /['’]s?$/.test(token.text) && i < np.length - 1;
      const joins = run.length > 0 && this.text.slice(run.at(-1)!.end, token.start).trim() === '';
      if ((isCapitalized(token.text) || (run.length && this.language.nameParticles.has(token.lower))) && !possessive && (joins || !run.length)) {
        run.push(token);
      } else {
        if (run.length) runs.push(run);
        run = isCapitalized(token.text) && !possessive ? [token] : [];
      }
    }
    if (run.length) runs.push(run);
    // "Bank of America", "University of Chicago": the organisation's name holds its joiner.
    for (let r = runs.length - 1; r > 0; r--) {
      const [head, tail] = [runs[r - 1]!, runs[r]!];
      const between = np.filter((t) => t.start >= head.at(-1)!.end && t.end <= tail[0]!.start);
      if (between.length === 1 && this.joinsOrganisation(head.at(-1)!, between[0]!)) runs.splice(r - 1, 2, [...head, between[0]!, ...tail]);
    }
    return runs;
  }

  /** `word joiner` opens the rest of an organisation's name ("Bank of", "Centers for"). */
  private joinsOrganisation(word: Token, joiner: Token): boolean {
    return isCapitalized(word.text) && this.language.organisationWords.has(word.lower) && this.language.organisationJoiners.has(joiner.lower);
  }

  /** "Lindqvist of the Harbor Teachers": the article names a person with this surname in full. */
  private isKnownSurname(word: string): boolean {
    return this.book.mentions.some((m) => m.person && m.tokens.length >= 2 && m.tokens.at(-1) === word);
  }

  private lowerWords: Set<string> | undefined;
  private lowerText: string | undefined;

  /** The words the article writes in lower case somewhere. */
  private lowerCaseWords(): Set<string> {
    this.lowerWords ??= new Set(this.text.match(/(?<![\p{L}\p{N}'’])\p{Ll}[\p{Ll}'’\-]*/gu) ?? []);
    return this.lowerWords;
  }

  private opensSentence(at: number): boolean {
    const before = this.text.slice(Math.max(0, at - 4), at);
    return at === 0 || /(^|[.!?…"”’:\n])\s*["“‘(]?$/.test(before);
  }

  /** The word is part of a longer name, or is capitalised somewhere inside a sentence ("Lena May", "… said May"). */
  private knownName(lower: string): boolean {
    return this.book.mentions.some((m) => m.tokens.includes(lower) && (m.tokens.length >= 2 || !this.opensSentence(m.start)));
  }

  /** The named person who is the subject of the sentence that `at` is in, before `at`, of a gender that fits. */
  private subjectBefore(at: number, gender: string | undefined): string | null {
    const lineStart = this.text.lastIndexOf('\n', at - 1) + 1;
    const from = lineStart + lastSentenceStart(this.text.slice(lineStart, at), this.language);
    const subject = this.sentenceSubject(from, at);
    if (!subject?.speaker) return null;
    const mention = this.book.mentionsWithin(subject.mentionStart, at).find((m) => m.start === subject.mentionStart);
    if (!mention || !this.book.isPersonMention(mention)) return null;
    const known = this.book.genderOf(subject.speaker);
    return gender && known && known !== gender ? null : subject.speaker;
  }

  resolvePronoun(pronoun: string, at: number): string | null {
    const kind = this.language.pronouns.get(pronoun);
    if (kind === 'n') {
      // "it said": the organisation or publication named last, close by.
      const org = this.book.mentions.findLast((m) => m.start < at && at - m.start < REACH.neuterPronounChars && !m.person && m.tokens.length >= 1 && isCapitalized(m.name));
      return org && !this.book.mentions.some((o) => o.person && o.name === this.book.resolveName(org.name, org.start)) ? org.name : null;
    }
    if (kind === 's' || kind === 'r') return null;
    const gender = kind === 'm' || kind === 'f' ? kind : undefined;
    // "Brandt met Duarte and declared that he found Duarte “…”": a person who is the subject of the pronoun's own sentence.
    const subject = this.subjectBefore(at, gender);
    if (subject) return subject;
    // The last speaker, when near and of the same gender, else the nearest person named.
    const recent = this.lastSpeakers.at(-1);
    const nearest = this.book.nearestPerson(at, gender);
    if (recent && at - recent.at < REACH.recentSpeakerChars && (!gender || !recent.gender || recent.gender === gender)) {
      const recentGender = this.book.genderOf(recent.speaker);
      if (!gender || !recentGender || recentGender === gender) {
        // Prefer the nearest person only when it was named after the last quotation.
        const nearestMention = nearest ? this.book.mentions.filter((m) => m.start < at && this.book.resolveName(m.name, m.start) === nearest).at(-1) : undefined;
        if (!nearestMention || nearestMention.start < recent.at) return recent.speaker;
      }
    }
    // Nobody of that gender as far as the article shows: the nearest person, rather than nothing.
    return nearest ?? (gender ? this.book.nearestPerson(at, undefined) : null);
  }

}

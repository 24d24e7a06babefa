/**
 * Words and names in the article text: a tokenizer that keeps "Col." and "U.S." whole, the
 * people the article names, and the resolution of a surname or pronoun to a full name.
 */
import type { Piece, QuoteLanguage } from './types.js';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-]*/gu;

/** Words with their offsets; a final dot stays only on abbreviations and initials. */
export function tokenize(text: string, base: number, language: QuoteLanguage): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const token = tokenOf(match, base, language);
    if (token) tokens.push(token);
  }
  return tokens;
}

/** The same words one at a time, for a test that may stop at the first (a stretch may be a whole run-on page). */
export function* eachToken(text: string, base: number, language: QuoteLanguage): Generator<Token> {
  for (const match of text.matchAll(WORD)) {
    const token = tokenOf(match, base, language);
    if (token) yield token;
  }
}

function tokenOf(match: RegExpMatchArray, base: number, language: QuoteLanguage): Token | null {
  let word = match[0];
  while (/[.\-'’]$/.test(word)) {
    if (word.endsWith('.')) {
      const stem = word.slice(0, -1).toLowerCase();
      if (language.abbreviations.has(stem) || /^\p{Lu}$/u.test(word.slice(0, -1)) || /^(\p{L}\.)+\p{L}$/u.test(word.slice(0, -1))) break;
    }
    word = word.slice(0, -1);
  }
  if (!word) return null;
  const start = base + match.index!;
  return { text: word, lower: word.toLowerCase().replace(/\.$/, ''), start, end: start + word.length };
}

export function isCapitalized(word: string): boolean {
  return /^\p{Lu}/u.test(word) || /^(Mc|Mac|O’|O')\p{Lu}/u.test(word);
}

/** Strips a possessive ending. */
export function basename(word: string): string {
  return word.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

export interface NameMention {
  /** The name without titles, e.g. "Dana Okoro". */
  name: string;
  tokens: string[];
  start: number;
  end: number;
  /** 'm' | 'f' | undefined, from a title such as Mr. or Mrs. */
  gender?: string;
  /** Whether it looks like a person (not an organisation or a place). */
  person: boolean;
}

/** Cleans a run of tokens to a name: titles and openers dropped at the front, possessive at the end. */
export function cleanName(tokens: Token[], language: QuoteLanguage): { tokens: Token[]; gender?: string } {
  let from = 0;
  let gender: string | undefined;
  while (from < tokens.length - 1 && (language.titles.has(tokens[from]!.lower) || language.notNames.has(tokens[from]!.lower))) {
    if (language.maleTitles.has(tokens[from]!.lower)) gender = 'm';
    if (language.femaleTitles.has(tokens[from]!.lower)) gender = 'f';
    from++;
  }
  // "Finance Minister Paul Okoro", "House Speaker Ana Reyes": the name follows the last title.
  for (let i = tokens.length - 2; i >= from; i--) {
    if (language.titles.has(tokens[i]!.lower) && isCapitalized(tokens[i]!.text)) {
      from = i + 1;
      break;
    }
  }
  let rest = tokens.slice(from);
  // "the Security Council", "the White House": an organisation keeps its whole name.
  if (rest.length === 1 && language.organisationWords.has(rest[0]!.lower) && from > 0) {
    let start = 0;
    while (start < tokens.length - 1 && (language.notNames.has(tokens[start]!.lower) || language.determiners.has(tokens[start]!.lower))) start++;
    rest = tokens.slice(start);
  }
  // "Rovers DL Tomas Brandt": four words or more are a description before the name; not
  // in an organisation's name joined by its joiner ("Federal Savings Bank of North Vale").
  const organisation = rest.some((t) => language.organisationJoiners.has(t.text));
  if (rest.length >= 4 && !organisation) {
    const suffix = language.nameSuffixes.has(rest.at(-1)!.lower) ? 1 : 0;
    const keep = 2 + suffix + (language.nameParticles.has(rest.at(-2 - suffix)!.lower) ? 1 : 0);
    rest = rest.slice(-keep);
  }
  if (rest.length === 1 && (language.titles.has(rest[0]!.lower) || language.notNames.has(rest[0]!.lower))) {
    // "Mr. King", "Ms. Major": after an honorific, a title-like word is the surname.
    const before = tokens[tokens.indexOf(rest[0]!) - 1];
    if (before && language.honorifics.has(before.lower) && isCapitalized(rest[0]!.text)) return { tokens: rest, gender };
    return { tokens: [], gender };
  }
  return { tokens: rest, gender };
}

/** Every capitalised run in the text outside quotations, as a cleaned name. */
export function findNameMentions(text: string, quoted: Piece[], language: QuoteLanguage): NameMention[] {
  const tokens = tokenize(text, 0, language);
  const insideQuote = (offset: number) => quoted.some((p) => offset >= p.start && offset < p.end);
  const mentions: NameMention[] = [];
  let run: Token[] = [];
  const flush = () => {
    while (run.length && !isCapitalized(run.at(-1)!.text)) run.pop();
    if (run.length) {
      const { tokens: cleaned, gender } = cleanName(run, language);
      if (cleaned.length && !(cleaned.length === 1 && language.notNames.has(cleaned[0]!.lower))) {
        const names = cleaned.map((t) => basename(t.text));
        const lowers = names.map((n) => n.toLowerCase());
        const person =
          cleaned.length >= 2 && cleaned.length <= 4 && !lowers.some((w) => language.organisationWords.has(w)) && !/^\p{Lu}+$/u.test(names.join(''));
        mentions.push({
          name: names.join(' '),
          tokens: lowers,
          start: cleaned[0]!.start,
          end: cleaned.at(-1)!.end,
          gender,
          person: person || gender !== undefined && cleaned.length >= 1 && !lowers.some((w) => language.organisationWords.has(w)),
        });
      }
    }
    run = [];
  };
  for (const [i, token] of tokens.entries()) {
    const previous = tokens[i - 1];
    const gap = previous ? text.slice(previous.end, token.start) : '';
    const joined = previous && /^[ \u00a0]$/.test(gap) && !/['’]s$/.test(previous.text);
    if (run.length && !joined) flush();
    if (insideQuote(token.start)) {
      flush();
      continue;
    }
    if (isCapitalized(token.text) || (run.length && language.nameParticles.has(token.lower))) run.push(token);
    else flush();
  }
  flush();
  return withoutCommonWords(mentions, text).filter((m) => !isDateline(m, text));
}

/** "WASHINGTON, Dec. 8 (UPI) — …", "NEW YORK — …": a place in capitals opening a line, then a comma, a bracket or a dash. */
export function isDateline(m: NameMention, text: string): boolean {
  return !/\p{Ll}/u.test(m.name) && /(^|\n)\s*$/.test(text.slice(Math.max(0, m.start - 2), m.start)) && /^\s*[,(\u2014\u2013-]/.test(text.slice(m.end, m.end + 3));
}

/**
 * "Hours later, …", "Wait, it gets better": a single capitalised word that opens a sentence, is
 * written in lower case elsewhere in the article, and is never capitalised inside a sentence or
 * part of a longer name, is a common word, not a name.
 */
function withoutCommonWords(mentions: NameMention[], text: string): NameMention[] {
  const suspects = new Set(mentions.filter((m) => m.tokens.length === 1 && !m.gender && opensSentence(text, m.start)));
  if (!suspects.size) return mentions;
  const known = new Set(mentions.filter((m) => !suspects.has(m)).flatMap((m) => m.tokens));
  return mentions.filter((m) => !(suspects.has(m) && !known.has(m.tokens[0]!) && writtenInLowerCase(text, m.tokens[0]!)));
}

/** The word occurs in the text in lower case as a whole word (a search per word: only a few are asked about). */
function writtenInLowerCase(text: string, word: string): boolean {
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}'’]/u.test(c);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + word.length])) return true;
  }
  return false;
}

function opensSentence(text: string, at: number): boolean {
  return at === 0 || /(^|[.!?…:\n])\s*["“‘(]?$/.test(text.slice(Math.max(0, at - 4), at));
}

/** The people of an article, and how a short name or a pronoun is resolved to one of them. */
export class NameBook {
  /** Votes for each surname's gender: the first he/she after a mention, with no other person between. */
  private readonly genderVotes = new Map<string, { m: number; f: number }>();

  constructor(
    readonly mentions: NameMention[],
    private readonly language: QuoteLanguage,
    text = '',
  ) {
    const people = mentions.filter((m) => m.person || m.tokens.length === 1);
    for (const [i, m] of people.entries()) {
      const nextPerson = people[i + 1]?.start ?? text.length;
      const window = text.slice(m.end, Math.min(nextPerson, m.end + 200));
      const gender = firstGenderedPronoun(window, language);
      if (!gender) continue;
      const surname = m.tokens.at(-1)!;
      const votes = this.genderVotes.get(surname) ?? { m: 0, f: 0 };
      votes[gender]++;
      this.genderVotes.set(surname, votes);
    }
  }

  /** The mentions that start at or after `from` and end by `to`, in text order (mentions are sorted by start). */
  mentionsWithin(from: number, to: number): NameMention[] {
    let low = 0;
    let high = this.mentions.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.mentions[mid]!.start < from) low = mid + 1;
      else high = mid;
    }
    const found: NameMention[] = [];
    for (let i = low; i < this.mentions.length && this.mentions[i]!.start < to; i++) if (this.mentions[i]!.end <= to) found.push(this.mentions[i]!);
    return found;
  }

  /** Known full names (two tokens or more) that a one-word name belongs to. */
  private fullNamesFor(word: string, before: number): NameMention[] {
    const lower = word.toLowerCase();
    const matches = this.mentions.filter(
      (m) => m.tokens.length >= 2 && (m.tokens.at(-1) === lower || (m.tokens[0] === lower && m.person)),
    );
    if (!matches.length) return [];
    const earlier = matches.filter((m) => m.start < before);
    return earlier.length ? earlier : matches;
  }

  /** The full name a mention stands for: "Okoro" → "Dana Okoro"; longer names stay. */
  resolveName(name: string, at: number): string {
    const words = name.split(/\s+/);
    if (words.length === 1) {
      const candidates = this.fullNamesFor(words[0]!, at);
      if (candidates.length) return mostFrequent(candidates);
      return name;
    }
    // "Ana Reyes" may be written out further as "Ana Lucia Reyes": keep what was written.
    return name;
  }

  private readonly genders = new Map<string, string | undefined>();

  /** The gender a name is known by (a title such as Mr. or Mrs. somewhere in the article). */
  genderOf(name: string): string | undefined {
    if (this.genders.has(name)) return this.genders.get(name);
    const gender = this.findGender(name);
    this.genders.set(name, gender);
    return gender;
  }

  private findGender(name: string): string | undefined {
    const last = name.split(/\s+/).at(-1)!.toLowerCase();
    for (const m of this.mentions) if (m.gender && m.tokens.at(-1) === last) return m.gender;
    // Else how the article refers to them: a clear majority of he or she after their name.
    const votes = this.genderVotes.get(last);
    if (votes && votes.m >= 2 * votes.f + 1) return 'm';
    if (votes && votes.f >= 2 * votes.m + 1) return 'f';
    return undefined;
  }

  private readonly resolvedMentions = new Map<NameMention, string>();
  private readonly personMentions = new Map<NameMention, boolean>();
  private mentionCounts: Map<string, number> | undefined;

  /** The full name a mention stands for, worked out once per mention. */
  resolveMention(m: NameMention): string {
    let full = this.resolvedMentions.get(m);
    if (full === undefined) this.resolvedMentions.set(m, (full = this.resolveName(m.name, m.start)));
    return full;
  }

  /** How many mentions resolve to a full name. */
  mentionCount(full: string): number {
    if (!this.mentionCounts) {
      this.mentionCounts = new Map();
      for (const m of this.mentions) {
        const full = this.resolveMention(m);
        this.mentionCounts.set(full, (this.mentionCounts.get(full) ?? 0) + 1);
      }
    }
    return this.mentionCounts.get(full) ?? 0;
  }

  /** The mention names a person, or a name that a person's full name resolves it to. */
  isPersonMention(m: NameMention): boolean {
    if (m.person) return true;
    let known = this.personMentions.get(m);
    if (known === undefined) {
      const full = this.resolveMention(m);
      this.personMentions.set(m, (known = this.mentions.some((o) => o.person && o.name === full)));
    }
    return known;
  }

  /** The nearest person named before `at` (resolved to a full name) whose gender does not clash. */
  nearestPerson(at: number, gender: string | undefined, skip: (name: string) => boolean = () => false): string | null {
    for (let i = this.mentions.length - 1; i >= 0; i--) {
      const m = this.mentions[i]!;
      if (m.start >= at) continue;
      const full = this.resolveName(m.name, m.start);
      if (!this.isPersonMention(m) || skip(full)) continue;
      const known = this.genderOf(full);
      if (gender && known && known !== gender) continue;
      return full;
    }
    return null;
  }

  isPronoun(word: string): boolean {
    return this.language.pronouns.has(word.toLowerCase());
  }
}

/** The gender of the first he/she (him, her, …) in `window`, as a whole word. */
function firstGenderedPronoun(window: string, language: QuoteLanguage): 'm' | 'f' | undefined {
  for (const word of window.match(/[\p{L}]+/gu) ?? []) {
    const gender = language.genderedPronouns.get(word.toLowerCase());
    if (gender) return gender;
  }
  return undefined;
}

function mostFrequent(candidates: NameMention[]): string {
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  let best = candidates.at(-1)!.name;
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

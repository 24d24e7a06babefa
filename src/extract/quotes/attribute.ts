/**
 * Who said each quotation: reporting patterns after the quotation (“…,” X said / said X), before
 * it (X said: “…” / X called it “…”), "according to X", "X: …", a dash signature, and, failing
 * those, the speaker of the quotation it continues. Names are cleaned of titles and roles and
 * resolved to the full name the article gives; pronouns to the person they refer to.
 */
import type { Quote } from '../../article.js';
import { basename, cleanName, isCapitalized, NameBook, tokenize, type Token } from './names.js';
import { TURN } from './find.js';
import type { Block, QuoteLanguage, QuoteSpan } from './types.js';

interface Attribution {
  /** The speaker as written. */
  mention: string;
  mentionStart: number;
  speaker: string | null;
  cue: string | null;
  confidence: number;
  /** Where the attribution was found. */
  how: 'after' | 'before' | 'colon' | 'according' | 'dash' | 'inherited' | 'intro' | 'subject';
}

/** Words that end a subject when reading backwards from a verb. */
const CLAUSE_WORDS = new Set([
  'that', 'and', 'but', 'or', 'which', 'who', 'whom', 'when', 'where', 'while', 'as', 'because', 'if', 'so', 'after',
  'before', 'since', 'though', 'although', 'than', 'what', 'how', 'why', 'whether', 'until', 'once', 'then', 'in',
  'on', 'at', 'to', 'with', 'by', 'from', 'into', 'during', 'about', 'not', 'is', 'was', 'are', 'were', 'be', 'been',
  'has', 'have', 'had', 'it', 'this', 'there', 'here', 'yes', 'no', 'also', 'even', 'just', 'only', 'still',
  'however', 'meanwhile', 'later', 'earlier', 'today', 'yesterday', 'tonight', 'now',
]);

/** Lower-case words that may belong to a description of a speaker ("the former first lady"). */
function descriptive(token: Token, language: QuoteLanguage): boolean {
  return !CLAUSE_WORDS.has(token.lower) && !language.verbs.has(token.lower) && /^[\p{L}\p{N}'’\-.]+$/u.test(token.text);
}

const SENTENCE_END = /[.!?…]["”’)\]]*\s+(?=["“‘(\[]?[\p{Lu}\p{N}])/gu;

/** Offset (relative) just after the last sentence end in `segment`, or 0. */
function lastSentenceStart(segment: string, language: QuoteLanguage): number {
  let at = 0;
  for (const match of segment.matchAll(SENTENCE_END)) {
    if (isAbbreviationBefore(segment, match.index, language)) continue;
    at = match.index + match[0].length;
  }
  return at;
}

/** Offset (relative) of the first sentence end in `segment`, or its length. */
function firstSentenceEnd(segment: string, language: QuoteLanguage): number {
  for (const match of segment.matchAll(SENTENCE_END)) {
    if (isAbbreviationBefore(segment, match.index, language)) continue;
    return match.index + 1;
  }
  return segment.length;
}

function isAbbreviationBefore(segment: string, dotAt: number, language: QuoteLanguage): boolean {
  if (segment[dotAt] !== '.') return false;
  const word = letterRunBefore(segment, dotAt);
  return language.abbreviations.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word);
}

/**
 * The run of letters and dots that ends at `end`, read backwards from there: as long as the
 * word, where matching /[\p{L}.]+$/ against the text before it costs the whole text each time
 * (a page with thousands of sentence ends in one block took minutes).
 */
function letterRunBefore(text: string, end: number): string {
  let start = end;
  while (start > 0) {
    const low = text.charCodeAt(start - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && start >= 2 ? 2 : 1;
    if (!/^[\p{L}.]$/u.test(text.slice(start - width, start))) break;
    start -= width;
  }
  return text.slice(start, end);
}

function isVerb(token: Token | undefined, language: QuoteLanguage): boolean {
  return token !== undefined && language.verbs.has(token.lower) && !isCapitalizedName(token);
}

/** "Says" at the start of a sentence is a verb; "Said" inside a name is not likely. */
function isCapitalizedName(token: Token): boolean {
  return /^\p{Lu}\p{Ll}/u.test(token.text) && !/^(Said|Says|Told|Added|Asked|Wrote)$/.test(token.text);
}

export class Attributor {
  constructor(
    private readonly text: string,
    private readonly language: QuoteLanguage,
    private readonly book: NameBook,
  ) {}

  /** The speaker a noun phrase stands for. */
  speakerOf(np: Token[], at: number): { speaker: string | null; mention: string; confidence: number } | null {
    while (np.length && /^[\p{P}]+$/u.test(np[0]!.text)) np = np.slice(1);
    if (!np.length) return null;
    const mention = this.text.slice(np[0]!.start, np.at(-1)!.end).replace(/\s+/g, ' ');
    if (np.length === 1 && this.book.isPronoun(np[0]!.lower)) {
      return { speaker: this.resolvePronoun(np[0]!.lower, Math.min(at, np[0]!.start)), mention, confidence: 0.7 };
    }
    // "Rep. Elijah Cummings of Maryland": the name, not the place.
    const of = np.findIndex((t, i) => {
      if (i === 0 || !['of', 'from', 'at', 'for', 'with'].includes(t.text)) return false;
      const head = np.slice(0, i);
      const names = head.filter((n) => isCapitalized(n.text) && !this.language.titles.has(n.lower) && !this.language.notNames.has(n.lower));
      return names.length > 0 && (names.length >= 2 || head.some((n) => this.language.titles.has(n.lower) && isCapitalized(n.text)));
    });
    if (of > 0) np = np.slice(0, of);
    // The last capitalised run that is not a possessive modifier is the head name.
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
    for (let r = runs.length - 1; r >= 0; r--) {
      let cleaned = cleanName(runs[r]!, this.language).tokens;
      // "May said": a word that is also a name the article gives ("Theresa May").
      if (!cleaned.length && runs[r]!.length === 1 && this.book.mentions.some((m) => m.tokens.length >= 2 && m.tokens.at(-1) === runs[r]![0]!.lower)) cleaned = runs[r]!;
      if (!cleaned.length) continue;
      // "Residents described …": a capital only because it opens the sentence, and the word is
      // written in lower case elsewhere in the article. A description, not a name.
      if (cleaned.length === 1 && this.opensSentence(cleaned[0]!.start) && this.lowerCaseWords().has(cleaned[0]!.lower) && !this.knownName(cleaned[0]!.lower)) continue;
      const name = cleaned.map((t) => basename(t.text)).join(' ');
      // A lone capitalised word ending the phrase after lower-case words ("the Clinton campaign") is a modifier.
      const last = np.at(-1)!;
      if (cleaned.at(-1) !== last && !isCapitalized(last.text)) {
        return { speaker: this.text.slice(runs[r]![0]!.start, last.end).replace(/\s+/g, ' ').replace(/^(the|a|an)\s+/i, ''), mention, confidence: 0.6 };
      }
      return { speaker: this.book.resolveName(name, at), mention, confidence: 0.9 };
    }
    // A description: look for the name the article gives it ("X, the former first lady").
    const named = this.nameForDescription(np, at);
    return { speaker: named, mention, confidence: named ? 0.6 : 0.4 };
  }

  private nameForDescription(np: Token[], at: number): string | null {
    let words = np.map((t) => t.text);
    while (words.length && this.language.determiners.has(words[0]!.toLowerCase())) words = words.slice(1);
    if (!words.length || words.length > 6) return null;
    const core = words.join(' ').toLowerCase();
    const lower = this.text.toLowerCase();
    const escaped = core
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\p{L}/gu, (c) => (c.toUpperCase() === c ? c : `[${c}${c.toUpperCase()}]`));
    // "NAME, (the) core" / "core NAME" / "core, NAME"
    const patterns = [
      new RegExp(`((?:\\p{Lu}[\\p{L}.'’\\-]*\\s){0,3}\\p{Lu}[\\p{L}'’\\-]*),\\s+(?:the\\s+|a\\s+|an\\s+)?${escaped}\\b`, 'gu'),
      new RegExp(`\\b${escaped},?\\s+((?:\\p{Lu}[\\p{L}.'’\\-]*\\s){0,3}\\p{Lu}[\\p{L}'’\\-]*)`, 'gu'),
    ];
    let best: { name: string; distance: number } | null = null;
    for (const pattern of patterns) {
      for (const match of this.text.matchAll(pattern)) {
        if (!lower.slice(match.index, match.index + match[0].length).includes(core)) continue;
        const candidate = match[1]!;
        const tokens = tokenize(candidate, 0, this.language);
        const cleaned = cleanName(tokens, this.language).tokens;
        if (!cleaned.length || cleaned.every((t) => !isCapitalized(t.text))) continue;
        const name = this.book.resolveName(cleaned.map((t) => basename(t.text)).join(' '), match.index);
        const distance = Math.abs(match.index - at) + (match.index > at ? 5000 : 0);
        if (!best || distance < best.distance) best = { name, distance };
      }
    }
    return best?.name ?? null;
  }

  lastSpeakers: { speaker: string; at: number; gender?: string }[] = [];

  private lowerWords: Set<string> | undefined;

  /** The words the article writes in lower case somewhere. */
  private lowerCaseWords(): Set<string> {
    this.lowerWords ??= new Set(this.text.match(/(?<![\p{L}\p{N}'’])\p{Ll}[\p{Ll}'’\-]*/gu) ?? []);
    return this.lowerWords;
  }

  private opensSentence(at: number): boolean {
    const before = this.text.slice(Math.max(0, at - 4), at);
    return at === 0 || /(^|[.!?…"”’:\n])\s*["“‘(]?$/.test(before);
  }

  /** The word is part of a longer name, or is capitalised somewhere inside a sentence ("Theresa May", "… said May"). */
  private knownName(lower: string): boolean {
    return this.book.mentions.some((m) => m.tokens.includes(lower) && (m.tokens.length >= 2 || !this.opensSentence(m.start)));
  }

  resolvePronoun(pronoun: string, at: number): string | null {
    const kind = this.language.pronouns.get(pronoun);
    if (kind === 'n') {
      // "it said": the organisation or publication named last, close by.
      const org = this.book.mentions.findLast((m) => m.start < at && at - m.start < 400 && !m.person && m.tokens.length >= 1 && isCapitalized(m.name));
      return org && !this.book.mentions.some((o) => o.person && o.name === this.book.resolveName(org.name, org.start)) ? org.name : null;
    }
    if (kind === 's' || kind === 'r') return null;
    const gender = kind === 'm' || kind === 'f' ? kind : undefined;
    // The last speaker, when near and of the same gender, else the nearest person named.
    const recent = this.lastSpeakers.at(-1);
    const nearest = this.book.nearestPerson(at, gender);
    if (recent && at - recent.at < 600 && (!gender || !recent.gender || recent.gender === gender)) {
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

  /** Tokens of a noun phrase read forwards from `from` (after "said" or "according to"). */
  forwardPhrase(tokens: Token[], from: number): Token[] {
    const np: Token[] = [];
    for (let i = from; i < tokens.length && np.length < 8; i++) {
      const token = tokens[i]!;
      if (np.length) {
        const gap = this.text.slice(tokens[i - 1]!.end, token.start);
        if (/[,;:()—–]/.test(gap)) {
          // "said Kenneth Baer, a former official" → the name; "said a spokesman, Nick Merrill" → the name.
          const hasName = np.some((t) => isCapitalized(t.text) && !this.language.titles.has(t.lower) && !this.language.notNames.has(t.lower));
          if (hasName) break;
          const rest: Token[] = [];
          for (let j = i; j < tokens.length && rest.length < 5; j++) {
            if (j > i && /[,;:()—–]/.test(this.text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
            rest.push(tokens[j]!);
          }
          if (rest.length && rest.every((t) => isCapitalized(t.text) || this.language.nameParticles.has(t.lower))) return rest;
          break;
        }
      }
      if (np.length && !isCapitalized(token.text) && ['in', 'on', 'at', 'during', 'to', 'after', 'before', 'while', 'when', 'who', 'which', 'that', 'as', 'about', 'last', 'this', 'earlier', 'later', 'recently', 'told', 'and', 'with'].includes(token.lower)) break;
      if (np.length && isVerb(token, this.language)) break;
      np.push(token);
    }
    return np;
  }

  /** Tokens of the subject read backwards from the token before `verbIndex`. */
  backwardPhrase(tokens: Token[], verbIndex: number, sentenceStart: number): Token[] {
    let i = verbIndex - 1;
    while (i >= 0 && !isCapitalized(tokens[i]!.text) && (this.language.adverbs.has(tokens[i]!.lower) || /^[a-z]+ly$/.test(tokens[i]!.text)) && this.text.slice(tokens[i]!.end, tokens[i + 1]!.start).trim() === '') i--;
    if (i < 0) return [];
    const gapToVerb = this.text.slice(tokens[i]!.end, tokens[i + 1]!.start);
    if (/,/.test(gapToVerb)) {
      // "X, who runs Y, said" / "X, Y's campaign manager, said": the subject opens the clause.
      const clause = tokens.filter((t) => t.start >= sentenceStart && t.end <= tokens[i]!.end);
      const segments: Token[][] = [[]];
      for (const [k, t] of clause.entries()) {
        if (k > 0 && /[,;(]/.test(this.text.slice(clause[k - 1]!.end, t.start))) segments.push([]);
        segments.at(-1)!.push(t);
      }
      const isNameToken = (t: Token) => isCapitalized(t.text) && !this.language.titles.has(t.lower) && !this.language.notNames.has(t.lower);
      const pureName = segments.map((seg) => this.trimSubject(seg)).find((seg) =>
        seg.length > 0 && seg.length <= 6 && seg.some(isNameToken) &&
        seg.every((t) => isCapitalized(t.text) || this.language.titles.has(t.lower) || this.language.nameParticles.has(t.lower) || this.language.determiners.has(t.lower)));
      if (pureName) return pureName;
      const trimmed = this.trimSubject(segments[0]!);
      if (trimmed.length && trimmed.length <= 7 && trimmed.some(isNameToken)) return trimmed;
    }
    const np: Token[] = [];
    for (; i >= 0 && np.length < 7; i--) {
      const token = tokens[i]!;
      if (token.start < sentenceStart) break;
      if (np.length && /[,;:()\u2014\u2013"“”]/.test(this.text.slice(token.end, np[0]!.start))) break;
      if (!isCapitalized(token.text) && !descriptive(token, this.language)) break;
      if (!isCapitalized(token.text) && this.book.isPronoun(token.lower) && np.length) break;
      np.unshift(token);
      if (this.book.isPronoun(token.lower)) break;
    }
    return this.trimSubject(np);
  }

  /** Drops leading clause words and openers from a subject ("But Trump" → "Trump"). */
  private trimSubject(np: Token[]): Token[] {
    let from = 0;
    while (from < np.length - 1 && (CLAUSE_WORDS.has(np[from]!.lower) || (this.language.notNames.has(np[from]!.lower) && !this.language.determiners.has(np[from]!.lower) && !this.book.isPronoun(np[from]!.lower)))) from++;
    // A subject that is all lower-case words with no determiner is more likely a clause than a speaker.
    const rest = np.slice(from);
    const roleNoun = (t: Token) => /(man|woman|person|er|or|ist|ian|ent|ant|official|officials|source|sources|lady|aide|staff|team|campaign|office|group|statement|report|people|voters|supporters|critics|experts|residents|members|leaders|police|witnesses|family|friends)$/.test(t.lower);
    if (rest.length > 1 && rest.every((t) => !isCapitalized(t.text)) && !this.language.determiners.has(rest[0]!.lower)) {
      return rest.slice(-2).every(roleNoun) ? rest : [];
    }
    // A lone lower-case word ("…, asked not to be identified, said") is no speaker either.
    if (rest.length === 1 && !isCapitalized(rest[0]!.text) && !this.book.isPronoun(rest[0]!.lower) && !roleNoun(rest[0]!)) return [];
    return rest;
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
      const np = index >= 0 ? this.forwardPhrase(tokens, index) : [];
      return this.make(np, at, 'according', 'according to', 0.85);
    }
    if (dash && isVerb(first, this.language)) {
      // «…», — сказал директор Игорь Соколов / "…" — said the mayor.
      const np = this.forwardPhrase(tokens, 1);
      if (np.length && (np.some((t) => isCapitalized(t.text)) || (np.length === 1 && this.book.isPronoun(np[0]!.lower)))) {
        return this.make(np, at, 'after', first.text, 0.9);
      }
      return null;
    }
    if (dash) {
      const np = this.forwardPhrase(tokens, 0);
      if (np.length && np.length <= 6 && isCapitalized(np[0]!.text)) return this.make(np, at, 'dash', null, 0.8);
      return null;
    }
    if (/[^\s,;:]/.test(segment.slice(lead.length, first.start - base))) return null;
    if (isVerb(first, this.language)) {
      // "…,” adding that …: a participle clause; its subject is elsewhere.
      if (/ing$/.test(first.lower) || ['that', 'to', 'it', 'how', 'what'].includes(tokens[1]?.lower ?? '')) return null;
      const np = this.forwardPhrase(tokens, 1);
      if (np.length && (np.some((t) => isCapitalized(t.text)) || this.language.determiners.has(np[0]!.lower))) {
        return this.make(np, at, 'after', first.text, 0.9);
      }
      return null;
    }
    // "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said": a long appositive.
    const appositive = isCapitalized(first.text) && tokens.slice(1, 5).some((t, k) => /,/.test(this.text.slice(tokens[k]!.end, t.start)));
    for (let v = 1; v < Math.min(tokens.length, appositive ? 32 : 14); v++) {
      if (!isVerb(tokens[v], this.language)) continue;
      if (v >= 14 && !/,/.test(this.text.slice(tokens[v - 1]!.end, tokens[v]!.start))) continue;
      const np = this.backwardPhrase(tokens, v, base);
      if (!np.length || np[0] !== first && !(np[0]!.start > first.start && tokens.slice(0, tokens.indexOf(np[0]!)).every((t) => CLAUSE_WORDS.has(t.lower) || this.language.notNames.has(t.lower)))) {
        // The subject must open the text after the quotation ("…,” the former first lady told CNN).
        if (!np.length || tokens.indexOf(np[0]!) > 2) return null;
      }
      return this.make(np, at, 'after', tokens[v]!.text, 0.9);
    }
    return null;
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
      const np = this.forwardPhrase(tokens, from);
      if (np.length && /^[\s,:]*$/.test(segment.slice(np.at(-1)!.end - base))) {
        return this.make(np, at, 'according', match[0].trim().toLowerCase(), 0.8);
      }
    }
    // "PENCE: …" / "Trump: …"
    if (/^\s*:\s*$/.test(trailing) && tokens.length <= 4 && tokens.every((t) => isCapitalized(t.text) || this.language.titles.has(t.lower))) {
      return this.make(tokens, at, 'colon', ':', 0.85);
    }
    for (let v = tokens.length - 1; v >= 0; v--) {
      const token = tokens[v]!;
      if (!isVerb(token, this.language)) continue;
      const near = tokens.length - 1 - v <= 3;
      if (this.language.weakVerbs.has(token.lower) && tokens.length - 1 - v > 6) continue;
      if (strictNear && !near) return null;
      // "… issued a statement calling it …", "took to Twitter to accuse …": the sentence's subject.
      if (/ing$/.test(token.lower) || tokens[v - 1]?.lower === 'to') {
        const subject = this.subjectOf(base, token.start);
        if (subject) return { ...subject, cue: token.text, how: 'before', confidence: 0.7 };
        continue;
      }
      const np = this.backwardPhrase(tokens, v, base);
      if (!np.length) continue;
      const made = this.make(np, at, 'before', token.text, near ? 0.85 : 0.7);
      if (made) return made;
    }
    return null;
  }

  private make(np: Token[], at: number, how: Attribution['how'], cue: string | null, confidence: number): Attribution | null {
    const who = this.speakerOf(np, at);
    if (!who) return null;
    return { mention: who.mention, mentionStart: np[0]!.start, speaker: who.speaker, cue, how, confidence: Math.min(confidence, who.confidence + 0.1) };
  }

  /** The named subject of the sentence running from `from` to `to` ("Cruz called Trump a …"). */
  subjectOf(from: number, to: number): Attribution | null {
    const auxiliaries = /^(is|was|are|were|has|had|have|will|would|could|can|may|might|must|should|also|then|later|once|did|does|didn['’]t|doesn['’]t|wasn['’]t|isn['’]t|hasn['’]t|won['’]t|recently|again|never|repeatedly|previously|often|took|made|gave|got|went|came|saw|kept|left|brought|found|sent|spent|stood|felt|held|led|met|ran|sat|won|lost|paid|built|began|became|chose|drew|drove|fell|fought|forgot|grew|hit|knew|meant|rose|shook|shot|sold|sought|spoke|struck|swore|taught|threw|understood|wore|withdrew|let|set|cut|put|quit|read|heard|taken|made)$/;
    for (const m of this.book.mentions) {
      if (m.start < from || m.end > to) continue;
      const next = this.text.slice(m.end, m.end + 40);
      if (/['’]s?$/.test(this.text.slice(m.start, m.end)) || /^['’]s?\b/.test(next)) continue;
      const word = /^\s+([a-z][\p{L}'’-]*)/u.exec(next)?.[1];
      const atStart = this.text.slice(from, m.start).trim().length < 5;
      const ok = word
        ? this.language.verbs.has(word) || auxiliaries.test(word) || /[^e]ed$/.test(word) || (/[^s]s$/.test(word) && !/(ous|ss|is)$/.test(word))
        : atStart && /^\s*,/.test(next);
      if (!ok) continue;
      return {
        mention: this.text.slice(m.start, m.end),
        mentionStart: m.start,
        speaker: this.book.resolveName(m.name, m.start),
        cue: null,
        how: 'subject',
        confidence: 0.5,
      };
    }
    return null;
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

export interface AttributedSpan {
  span: QuoteSpan;
  attribution: Attribution | null;
  partial: boolean;
}

/** Attributes every span, then joins split quotations and continuations into one quotation. */
export function attributeSpans(text: string, blocks: Block[], spans: QuoteSpan[], book: NameBook, language: QuoteLanguage): Quote[] {
  // Parentheticals such as "(R-Utah)" or "(D)" are left out of attribution clauses.
  const masked = text.replace(/\([^()"“”«»\n]{1,40}\)/g, (m) => ' '.repeat(m.length));
  const attributor = new Attributor(masked, language, book);
  const results: AttributedSpan[] = [];
  const blockOf = (offset: number) => blocks.find((b) => offset >= b.start && offset <= b.end)!;

  for (const [i, span] of spans.entries()) {
    const first = span.pieces[0]!;
    const last = span.pieces.at(-1)!;
    const startBlock = blocks[span.paragraph]!;
    const endBlock = blockOf(last.end);
    const previous = spans[i - 1];
    const next = spans[i + 1];
    const prevClose = previous && previous.closeAt > startBlock.start ? previous.closeAt : startBlock.start;
    const nextOpen = next && next.openAt < endBlock.end ? next.openAt : endBlock.end;
    const before = attributor.sentenceBefore(prevClose, span.openAt);
    const after = attributor.sentenceAfter(span.closeAt, nextOpen);
    const content = text.slice(first.start, first.end);
    const introduced = /[,:]\s*$/.test(before.segment) || /\b(that|saying|:-)\s*$/.test(before.segment);
    const startsSentence = before.atSentenceStart || prevClose === startBlock.start && before.segment.trim() === '';
    const capital = /^[\p{Lu}\p{N}…"“'‘(\[]|^\.\.\./u.test(content);
    const inline = span.origin !== 'blockquote';
    const partial = inline && !(capital && (startsSentence || introduced));

    let attribution: Attribution | null = null;
    const turn = TURN.exec(text.slice(first.start - 1, first.end));
    if (turn) {
      // A transcript turn inside the quotation: "WALLACE: …".
      const who = turn[0].replace(/^[\s"\u201c\u201d\u201e\u00ab]+|:\s*$/g, '');
      const name = who.replace(/\p{Lu}+/gu, (w) => w[0] + w.slice(1).toLowerCase());
      attribution = { mention: who, mentionStart: first.start, speaker: book.resolveName(name, first.start), cue: ':', how: 'colon', confidence: 0.85 };
    }
    const quoteEndsClause = /[,!?—–-]$/.test(text.slice(last.end - 1, last.end)) || /^[,!?]/.test(text.slice(span.closeAt, span.closeAt + 1));
    if (attribution) {
      // found above
    } else if (inline) {
      // A quotation that ends its sentence ("… the timing.”) is followed by a new sentence, whose
      // subject is not its speaker, unless it goes on in lower case (“… done.” he said).
      const endsSentence = /\.$/.test(text.slice(last.end - 1, last.end)) && !/^[\s,]*(\p{Ll}|[\u2014\u2015\u2013-])/u.test(after.segment);
      const immediateAfter = endsSentence ? null : attributor.after(after.segment, span.closeAt, span.openAt);
      const nearBefore = attributor.before(before.segment, before.base, span.openAt, true);
      if (immediateAfter && (quoteEndsClause || !nearBefore)) attribution = immediateAfter;
      else if (nearBefore) attribution = nearBefore;
      else attribution = immediateAfter ?? attributor.before(before.segment, before.base, span.openAt, false);
    } else {
      // A blockquote or <q>: the sentence that introduces it, or a signature after it.
      const after2 = attributor.after(after.segment, span.closeAt, span.openAt);
      attribution = after2;
    }

    const previousResult = results.findLast((r) => !(r.partial && !r.attribution && looksLikeTitle(text.slice(r.span.pieces[0]!.start, r.span.pieces[0]!.end))));
    const speech = previousResult?.span;
    const sameBlock = speech !== undefined && blockOf(speech.pieces.at(-1)!.end) === startBlock;
    const previousEndsSentence = previous !== undefined && /[.!?…]$/.test(text.slice(previous.pieces.at(-1)!.end - 1, previous.pieces.at(-1)!.end)) && /^\s*\p{Lu}/u.test(before.segment);
    const sameSentence = sameBlock && speech === previous && before.base === prevClose && !previousEndsSentence;
    if (!attribution && sameSentence && previousResult?.attribution) {
      // Cruz called Trump a “pathological liar” who is “utterly amoral,” a “bully” …
      attribution = { ...previousResult.attribution, how: 'inherited', confidence: Math.min(previousResult.attribution.confidence, 0.7) };
    }
    if (!attribution && previousResult && previousResult.attribution?.speaker !== undefined && previousResult.attribution) {
      // “A,” he said. “B.” — or a quote-only paragraph right after the speaker's last one.
      const prevBlock = blockOf(speech!.pieces.at(-1)!.end);
      const quoteOnlyParagraph = startsSentence && prevBlock.index === startBlock.index - 1 && after.segment.trim() === '';
      if ((sameBlock && (startsSentence || !before.segment.trim() || /^[\s,;]*(and|or|but)?\s*$/.test(before.segment))) || quoteOnlyParagraph) {
        attribution = { ...previousResult.attribution, how: 'inherited', confidence: Math.min(previousResult.attribution.confidence, sameBlock ? 0.8 : 0.6) };
      }
    }
    if (!attribution && startsSentence && !partial && before.base > prevClose) {
      // "…, Schiff said. “The other factor …”": the reporting sentence right before.
      let end = before.base;
      while (end > prevClose && /[\s.!?…]/.test(text[end - 1]!)) end--;
      const prior = attributor.sentenceBefore(prevClose, end);
      const segment = prior.segment;
      const found = segment.trim() ? attributor.before(segment, prior.base, before.base, false) : null;
      if (found?.speaker) attribution = { ...found, how: 'intro', confidence: Math.min(found.confidence, 0.6) };
    }
    if (!attribution && startsSentence) {
      // A paragraph that introduces the quotation: "…, by delivering this message:" / "He said:".
      const prevBlock = blocks[startBlock.index - 1];
      if (prevBlock && span.openAt - startBlock.start < 3 && /:[-\u2013\u2014]?\s*$/.test(text.slice(prevBlock.start, prevBlock.end))) {
        const intro = attributor.sentenceBefore(prevBlock.start, prevBlock.end);
        const found =
          attributor.before(intro.segment.replace(/:[-\u2013\u2014]?\s*$/, ''), intro.base, span.openAt, false) ??
          attributor.subjectOf(intro.base, prevBlock.end);
        if (found) attribution = { ...found, how: 'intro', confidence: Math.min(found.confidence, 0.75) };
      }
    }
    if (!attribution && (partial || /:\s*$/.test(before.segment)) && inline) {
      const sentence = attributor.sentenceBefore(startBlock.start, span.openAt);
      attribution = attributor.subjectOf(sentence.base, span.openAt);
    }
    // Titles, nicknames and scare quotes are not speech: no speaker rather than a guess.
    if (attribution && partial && looksLikeTitle(content) && attribution.how !== 'after') attribution = null;
    if (attribution?.speaker) {
      attributor.lastSpeakers.push({ speaker: attribution.speaker, at: span.closeAt });
    }
    results.push({ span, attribution, partial });
  }

  return joinQuotes(text, blocks, results);
}

/** A short run of capitalised words with no sentence in it: a title or a nickname. */
export function looksLikeTitle(content: string): boolean {
  const words = content.replace(/[.,!?;:]+$/, '').split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 7) return false;
  const small = new Set(['a', 'an', 'the', 'of', 'and', 'in', 'on', 'to', 'for', 'with', 'at', 'by', 'or', 'de']);
  return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && small.has(w.toLowerCase())));
}

function joinQuotes(text: string, blocks: Block[], results: AttributedSpan[]): Quote[] {
  const quotes: Quote[] = [];
  let previous: { result: AttributedSpan; quote: Quote } | null = null;
  for (const result of results) {
    const { span, attribution, partial } = result;
    const prevSpan = previous?.result.span;
    const sameBlock = prevSpan && prevSpan.paragraph === span.paragraph && prevSpan.pieces.length === 1;
    const between = prevSpan ? text.slice(prevSpan.closeAt, span.openAt) : '';
    const joins =
      previous &&
      sameBlock &&
      attribution &&
      previous.result.attribution &&
      attribution.speaker === previous.result.attribution.speaker &&
      attribution.mentionStart === previous.result.attribution.mentionStart &&
      between.length < 120 &&
      (previous.result.attribution.how === 'after' || attribution.how === 'inherited') &&
      !previous.result.partial &&
      (!partial || /,\s*$/.test(between));
    if (joins && previous) {
      const quote = previous.quote;
      quote.pieces = [...(quote.pieces ?? []), ...span.pieces.map((p) => ({ start: p.start, end: p.end }))];
      quote.end = span.pieces.at(-1)!.end;
      quote.text = quote.pieces.map((p) => cleanQuoteText(text.slice(p.start, p.end))).join(' ');
      continue;
    }
    const quote: Quote = {
      text: span.pieces.map((p) => cleanQuoteText(text.slice(p.start, p.end))).join('\n\n'),
      speaker: attribution?.speaker ?? null,
      speakerMention: attribution?.mention ?? null,
      cue: attribution?.cue ?? null,
      partial,
      paragraph: blocks[span.paragraph]!.paragraph,
      start: span.pieces[0]!.start,
      end: span.pieces.at(-1)!.end,
      pieces: span.pieces.map((p) => ({ start: p.start, end: p.end })),
      confidence: round(attribution ? attribution.confidence : partial ? 0.3 : 0.5),
    };
    if (!isQuotation(quote)) continue;
    quotes.push(quote);
    previous = { result, quote };
  }
  return quotes;
}

/**
 * Quoted words that nobody is reported to say are not a quotation: a title, a nickname, a
 * single scare-quoted word, or markup that slipped into the text ("pic.twitter.com/…").
 */
function isQuotation(quote: Quote): boolean {
  if (quote.speaker || quote.speakerMention) return true;
  const words = quote.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 1 && /[\/@#_]|^\d+$/.test(quote.text)) return false;
  if (!quote.partial) return true;
  return words.length > 1 && !looksLikeTitle(quote.text);
}

/** A piece's text as printed: whitespace collapsed. */
function cleanQuoteText(piece: string): string {
  return piece.replace(/\s+/g, ' ').trim();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

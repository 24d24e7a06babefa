/**
 * The description an article gives a speaker (`speakerRole`): an appositive after one of their
 * name's mentions ("Dana Okoro, head of the harbour police,"), the words
 * before it ("former first lady Ana Reyes"), or the description the quotation itself is
 * attributed to ("the senator", resolved to a name).
 */
import { REACH } from './confidence.js';
import { isCapitalized, tokenize, type NameBook, type NameMention, type Token } from './names.js';
import type { QuoteLanguage } from './types.js';

export class RoleFinder {
  /** The full name each of the book's mentions resolves to, computed once. */
  private resolved: string[] | undefined;

  constructor(
    private readonly text: string,
    private readonly language: QuoteLanguage,
    private readonly book: NameBook,
  ) {}

  /** The speaker's role nearest the quotation at `at`, or null when the article gives none. */
  roleOf(speaker: string | null, mention: string | null, at: number): string | null {
    if (!speaker) return null;
    if (mention && mention !== speaker && this.isDescription(mention)) return this.stripArticle(mention);
    this.resolved ??= this.book.mentions.map((m) => this.book.resolveName(m.name, m.start));
    const mentions = this.book.mentions.filter((_, i) => this.resolved![i] === speaker);
    // Nearest before the quotation first, then the ones after it in order.
    const ordered = [...mentions.filter((m) => m.start < at).reverse(), ...mentions.filter((m) => m.start >= at)];
    for (const m of ordered) {
      const role = this.appositiveAfter(m) ?? this.descriptionBefore(m) ?? this.descriptionBeforeComma(m);
      if (role) return role;
    }
    return null;
  }

  /** Each person's roles as lower-case words, by resolved name: computed once, when a description needs a name. */
  private roleWords: Map<string, Set<string>> | undefined;

  /**
   * The people the article gives a role holding `head` ("senator": "Ana Reyes, a senator from
   * Ohio", "Senator Ana Reyes", "the senator, Ana Reyes,"), each once, in text order.
   */
  peopleWithRole(head: string): string[] {
    if (!this.roleWords) {
      this.resolved ??= this.book.mentions.map((m) => this.book.resolveName(m.name, m.start));
      this.roleWords = new Map();
      for (const [i, m] of this.book.mentions.entries()) {
        if (!this.book.isPersonMention(m)) continue;
        const roles = [this.appositiveAfter(m), this.descriptionBefore(m), this.descriptionBeforeComma(m), this.titleBefore(m)];
        const words = this.roleWords.get(this.resolved[i]!) ?? new Set<string>();
        for (const role of roles) for (const t of role ? tokenize(role, 0, this.language) : []) words.add(t.lower);
        this.roleWords.set(this.resolved[i]!, words);
      }
    }
    return [...this.roleWords].filter(([, words]) => words.has(head)).map(([name]) => name);
  }

  /** "Senator Ana Reyes": a capitalised title right before the name (cleanName leaves it out of the mention). */
  private titleBefore(m: NameMention): string | null {
    const word = /(\p{Lu}[\p{L}.]*)\s+$/u.exec(this.text.slice(Math.max(0, m.start - REACH.roleMaxChars), m.start))?.[1];
    return word && this.language.titles.has(word.toLowerCase().replace(/\.$/, '')) ? word : null;
  }

  /** "the senator", "a spokeswoman for the campaign": lower-case words, no name, no pronoun. */
  private isDescription(mention: string): boolean {
    const tokens = tokenize(mention, 0, this.language);
    if (!tokens.length || tokens.length > REACH.roleMaxWords) return false;
    if (tokens.length === 1 && this.book.isPronoun(tokens[0]!.lower)) return false;
    // A name in it ("lady Ana Reyes") makes it a name with a title: the role is found around the name.
    if (tokens.some((t) => isCapitalized(t.text) && !this.language.titles.has(t.lower))) return false;
    return tokens.some((t) => !isCapitalized(t.text) && !this.language.articles.has(t.lower));
  }

  private stripArticle(phrase: string): string {
    const [first, ...rest] = phrase.trim().split(/\s+/);
    return first && rest.length && this.language.articles.has(first.toLowerCase()) ? rest.join(' ') : phrase.trim();
  }

  /** "NAME, (the) head of X," — the appositive runs to the next comma, dash or sentence end. */
  private appositiveAfter(m: NameMention): string | null {
    const after = this.text.slice(m.end, m.end + REACH.roleMaxChars + 2);
    const match = /^['’]?s?,\s+([^,;:.!?()"“”\n\u2014\u2013]+?)\s*(?:[,;:\u2014\u2013)]|[.!?](?:\s|$))/u.exec(after);
    if (!match) return null;
    const phrase = match[1]!;
    const tokens = tokenize(phrase, 0, this.language);
    if (!tokens.length || tokens.length > REACH.roleMaxWords) return null;
    const head = tokens.find((t) => !this.language.articles.has(t.lower));
    if (!head || isCapitalized(tokens[0]!.text) && !this.language.articles.has(tokens[0]!.lower) && !this.language.titles.has(tokens[0]!.lower)) return null;
    // "X, who …", "X, said …", "X, and Y": a clause, not a description.
    if (this.language.clauseWords.has(head.lower) || this.language.verbs.has(head.lower) || this.book.isPronoun(head.lower)) return null;
    if (tokens.some((t) => this.language.verbs.has(t.lower) || this.language.subjectAuxiliaries.has(t.lower))) return null;
    return this.stripArticle(phrase);
  }

  /** "The opposition leader, Omar Haddad, called …": an article and lower-case words, a comma, the name. */
  private descriptionBeforeComma(m: NameMention): string | null {
    const before = this.text.slice(Math.max(0, m.start - REACH.roleMaxChars), m.start);
    const comma = /,\s*$/.exec(before);
    if (!comma) return null;
    const clause = before.slice(0, comma.index);
    const opens = Math.max(clause.lastIndexOf('\n'), ...[...clause.matchAll(/[.!?:;]\s/g)].map((x) => x.index + 1));
    const phrase = clause.slice(opens + 1).trim();
    const tokens = tokenize(phrase, 0, this.language);
    if (tokens.length < 2 || tokens.length > REACH.roleMaxWords || !this.language.articles.has(tokens[0]!.lower)) return null;
    const words = tokens.slice(1);
    if (words.some((t) => isCapitalized(t.text) || this.language.clauseWords.has(t.lower) || this.language.verbs.has(t.lower))) return null;
    return this.stripArticle(phrase);
  }

  /** "former first lady Ana Reyes": descriptive words right before the name, one lower case at least. */
  private descriptionBefore(m: NameMention): string | null {
    const from = Math.max(0, m.start - REACH.roleMaxChars);
    const tokens = tokenize(this.text.slice(from, m.start), from, this.language);
    const run: Token[] = [];
    for (let i = tokens.length - 1; i >= 0 && run.length < REACH.roleMaxWords; i--) {
      const token = tokens[i]!;
      const gap = this.text.slice(token.end, run[0]?.start ?? m.start);
      if (!/^[ \u00a0]+$/.test(gap)) break;
      if (this.language.clauseWords.has(token.lower) || this.language.verbs.has(token.lower) || this.language.determiners.has(token.lower)) break;
      if (this.language.notNames.has(token.lower) && isCapitalized(token.text)) break;
      if (/['’]s$/.test(token.text) && !run.length) break;
      run.unshift(token);
    }
    // Honorifics and abbreviated titles ("Mr.", "Col.") are no description on their own.
    while (run.length && (this.language.honorifics.has(run.at(-1)!.lower) || this.language.abbreviations.has(run.at(-1)!.lower))) run.pop();
    while (run.length && isCapitalized(run[0]!.text) && !this.language.titles.has(run[0]!.lower) && run.slice(1).every((t) => isCapitalized(t.text))) run.shift();
    if (!run.some((t) => /^\p{Ll}/u.test(t.text))) return null;
    return this.text.slice(run[0]!.start, run.at(-1)!.end);
  }
}

/** What a language contributes to finding speakers: its reporting verbs, titles and pronouns. */
export interface QuoteLanguage {
  /** BCP 47 primary tag, e.g. "en". */
  code: string;
  /** Every form of every reporting verb, lower case ("said", "says", "told", "according"…). */
  verbs: Set<string>;
  /** Verbs that count only right beside a quotation, never as the nearest verb of a sentence. */
  weakVerbs: Set<string>;
  /** Phrases that introduce a source ("according to "): the source follows them, then the quotation. */
  sourcePrepositions: RegExp[];
  /** The same phrases at the start of the text after a quotation (", according to X"). */
  sourcePrepositionAhead: RegExp;
  /** Words allowed between a speaker and the verb ("X also said", "X has said"). */
  adverbs: Set<string>;
  /** Pronoun → 'm' | 'f' | 'p' (plural) | 's' (speaker/addressee) | 'n' (neuter) | 'r' (relative). */
  pronouns: Map<string, string>;
  /** Titles and roles dropped from the front of a name, lower case without the final dot. */
  titles: Set<string>;
  /** Capitalised words that are not names (sentence openers, weekdays, …), lower case. */
  notNames: Set<string>;
  maleTitles: Set<string>;
  femaleTitles: Set<string>;
  /** Lower-case words allowed inside a name ("Bill de Blasio", "Osama bin Laden"). */
  nameParticles: Set<string>;
  determiners: Set<string>;
  /** Abbreviations (lower case, no final dot) whose dot does not end a sentence. */
  abbreviations: Set<string>;
}

/** A quoted stretch of the text, marks excluded. */
export interface Piece {
  start: number;
  end: number;
}

/** A quotation as found in the text, before attribution. */
export interface QuoteSpan {
  pieces: Piece[];
  /** Index of the line (see Block) of the first piece. */
  paragraph: number;
  /** Offset of the opening mark (or of the block, for blockquote and <q>). */
  openAt: number;
  /** Offset just after the closing mark (or the end of the piece when unclosed / unmarked). */
  closeAt: number;
  /** How it was found. */
  origin: 'marks' | 'blockquote' | 'q';
  /** The closing mark is missing: the quote was ended at the end of its paragraph. */
  unclosed: boolean;
}

/** A line of the article text (a paragraph, or a line of one broken by <br>). */
export interface Block {
  /** Position among the lines. */
  index: number;
  /** Index of the paragraph (blank-line separated block) holding it. */
  paragraph: number;
  start: number;
  end: number;
}

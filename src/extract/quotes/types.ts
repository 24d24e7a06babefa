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
  /** Lower-case words allowed inside a name ("Ana de Souza", "Karim bin Tarek"). */
  nameParticles: Set<string>;
  determiners: Set<string>;
  /** Abbreviations (lower case, no final dot) whose dot does not end a sentence. */
  abbreviations: Set<string>;
  /** Words that end a subject when reading backwards from a verb ("that", "when", "is"). */
  clauseWords: Set<string>;
  /** Words that open a sentence with a clause before its subject ("When …,", "After …,"), lower case. */
  clauseOpeners: Set<string>;
  /** Nouns for something said ("pledge", "claim", "view"): after a possessive name they make it the source, lower case. */
  speechNouns: Set<string>;
  /** Prepositions that introduce a day or month ("on Friday"), lower case. */
  timePrepositions: Set<string>;
  /** Reporting verbs still verbs when capitalised at a sentence start ("Said", "Told"), as written. */
  capitalizedVerbs: Set<string>;
  /** Prepositions after a name that start a description of it ("Rep. X of Maryland"). */
  namePrepositions: Set<string>;
  /** Lower-case words that end a speaker phrase read forwards ("said X in …", "said X, who …"). */
  phraseEnders: Set<string>;
  /** Words right after a reporting verb that make it a clause about something else ("said that …"). */
  clauseAfterVerb: Set<string>;
  /** The end of a sentence that leads into a quotation ("… said that", "… saying"). */
  quoteIntroducer: RegExp;
  /** Lower-case nouns that can be a speaker on their own ("the spokesman", "officials"). */
  roleNoun: RegExp;
  /** Words after a name that make it the subject of a sentence ("X has …", "X took …"). */
  subjectAuxiliaries: Set<string>;
  /** A word form that is probably a finite verb ("accused", "insists"). */
  finiteVerbForm: (word: string) => boolean;
  /** A participle or gerund ("saying", "calling"). */
  participleForm: (word: string) => boolean;
  /** An adverb by its form ("sharply"). */
  adverbForm: (word: string) => boolean;
  /** Honorifics after which a title-like word is a surname ("Mr. King"). */
  honorifics: Set<string>;
  /** Words that make a capitalised run an organisation or a place, lower case. */
  organisationWords: Set<string>;
  /** Words that join the parts of an organisation's name after one of its organisationWords ("Bank of America"), lower case. */
  organisationJoiners: Set<string>;
  /** Generational suffixes of a name ("Jr", "III"), lower case. */
  nameSuffixes: Set<string>;
  /** Articles dropped from the front of a description ("the Reyes campaign" → "Reyes campaign"). */
  articles: Set<string>;
  /** The definite article(s): "the X" refers to someone already in the text. */
  definiteArticles: Set<string>;
  /** Small words allowed lower case inside a title ("Art of the Deal"). */
  titleSmallWords: Set<string>;
  /** Reporting verbs whose object is the one spoken to ("told X", "asked X"), lower case. */
  addresseeVerbs: Set<string>;
  /** Auxiliaries that make a reporting verb passive ("was asked", "has been called"), lower case. */
  passiveAuxiliaries: Set<string>;
  /** Prepositions that name the agent of a passive verb ("asked by X"), lower case. */
  agentPrepositions: Set<string>;
  /** Conjunctions that may stand between two pieces of one speaker's quotation. */
  conjunctions: Set<string>;
  /** Reporting verb forms more often nouns ("notes", "points"), verbs only right after a subject pronoun ("he notes"). */
  verbsAfterPronoun: Set<string>;
  /** Pronouns that can be the subject of a reporting verb ("he", "they"). */
  subjectPronouns: Set<string>;
  /** Personal pronouns with their gender, reflexives included, for learning a name's gender. */
  genderedPronouns: Map<string, 'm' | 'f'>;
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

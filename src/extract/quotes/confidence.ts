/**
 * How sure each way of finding a speaker is, and how far each rule looks: one table, so that
 * the strategies in attribute.ts and the clause readers in clauses.ts can be compared at a glance.
 */

/** Confidence (0–1) of an attribution, by how it was found. */
export const CONFIDENCE = {
  /** A capitalised name heads the phrase ("Okoro said"). */
  name: 0.9,
  /** A pronoun resolved to a person ("he said"). */
  pronoun: 0.7,
  /** A name that only modifies a description ("the Reyes campaign"). */
  modifiedDescription: 0.6,
  /** A description the article also gives a name to ("the senator" → the senator named earlier). */
  namedDescription: 0.6,
  /** A description with no name for it ("a spokesman"). */
  bareDescription: 0.4,
  /** The clause's own confidence may exceed the speaker phrase's by this much, no more. */
  phraseMargin: 0.1,
  /** “…,” X said / said X. */
  reportingAfter: 0.9,
  /** “…,” in contrast to X, says Y Z: the reporting verb after a clause and a comma, a name after it. */
  invertedAfter: 0.8,
  /** "The paradox, says Y Z, is that she was “…”": a comma, the reporting verb and its speaker, before the quotation. */
  invertedBefore: 0.8,
  /** "X was asked by Y, “…”" / “…” after "has been called" by Y: the agent of a passive reporting verb. */
  passiveAgent: 0.85,
  /** “…” — said X. */
  dashVerb: 0.9,
  /** “…” — X. */
  dashSignature: 0.8,
  /** “…,” according to X. */
  accordingAfter: 0.85,
  /** According to X, “…”. */
  accordingBefore: 0.8,
  /** According to X, [a clause of its own] “…”: the source opens the sentence. */
  accordingOpening: 0.7,
  /** X: “…” and a transcript turn "WALLACE: …". */
  colonLabel: 0.85,
  /** X said: “…” with the verb right before the quotation. */
  reportingBeforeNear: 0.85,
  /** X said … “…” with words between the verb and the quotation. */
  reportingBeforeFar: 0.7,
  /** "… issued a statement calling it “…”": the sentence's subject. */
  participleSubject: 0.7,
  /** "X's pledge to be “…”": a possessive name with a noun of speech. */
  possessiveSource: 0.5,
  /** The named subject of the sentence, no reporting verb. */
  sentenceSubject: 0.5,
  /** A second piece in the same sentence as an attributed one. */
  sameSentence: 0.7,
  /** “A,” he said. “B.”: the next quotation in the same paragraph. */
  sameParagraph: 0.8,
  /** A quote-only paragraph after the speaker's last one. */
  nextParagraph: 0.6,
  /** "…, Duarte said. “The other factor …”": the reporting sentence right before. */
  reportingSentenceBefore: 0.6,
  /** A paragraph ending in a colon that introduces the quotation. */
  introducingParagraph: 0.75,
  /** No clause names a speaker: the person the passage is about. */
  salient: 0.35,
  /** No speaker: a partial quotation, a whole one. */
  unattributedPartial: 0.3,
  unattributed: 0.5,
} as const;

/** Distances, in characters or tokens, beyond which a rule does not reach. */
export const REACH = {
  /** "it said": the organisation named within this many characters before. */
  neuterPronounChars: 400,
  /** "he said": the last speaker, if quoted within this many characters. */
  recentSpeakerChars: 600,
  /** A description's name found after the quotation counts as this much farther away. */
  laterNamePenaltyChars: 5000,
  /** A description longer than this is not looked up as a name's apposition. */
  descriptionMaxWords: 6,
  /** The name set beside a description ("X, the senator", "the senator X") is read within this many characters of it. */
  descriptionNameChars: 120,
  /** "Okafor’s office": at most this many lower-case words after the owner's name. */
  ownedBodyWords: 2,
  /** A speaker phrase read forwards / backwards stops at this many tokens. */
  forwardPhraseTokens: 8,
  backwardPhraseTokens: 7,
  /** A forward phrase cut at its reach goes on through at most this many more capitalised words (titles, then the name). */
  titleRunTokens: 4,
  /** After a comma, a name of at most this many capitalised tokens replaces a description. */
  appositiveNameTokens: 5,
  /** A subject clause "X, who …, said" of at most this many tokens. */
  pureNameTokens: 6,
  /** "X, the director for the party said" (the closing comma missing): a description of at most this many tokens. */
  missingCommaDescriptionTokens: 12,
  subjectClauseTokens: 7,
  /** “…,” X … said: the verb within this many tokens, or this many after a long appositive. */
  afterVerbTokens: 14,
  appositiveVerbTokens: 32,
  /** “…,” X pressed: a name of at most this many words before any finite verb. */
  nameThenVerbTokens: 4,
  /** The subject of “…,” X said must start within this many tokens. */
  afterSubjectOffset: 2,
  /** A verb this close to the quotation is "near". */
  nearVerbTokens: 3,
  /** A weak verb counts only this close to the quotation. */
  weakVerbTokens: 6,
  /** “…” by X: the passive verb ("has been called") is looked for this many characters before the quotation. */
  passiveLeadChars: 40,
  /** "HALVORSEN: …" labels have at most this many words. */
  colonLabelTokens: 4,
  /** Parentheticals such as "(R-Utah)" are masked up to this length. */
  parentheticalChars: 40,
  /** A quoted run of capitalised words this long or shorter may be a title ("The Long Winter Road"). */
  titleMaxWords: 7,
  /** How far before a title quotation its line is read to tell whether a sentence goes on into it. */
  titleLeadChars: 40,
  /** Two pieces of one speaker join when at most this many characters apart. */
  joinGapChars: 120,
  /** A quotation with no reporting clause: the person the passage is about, in its paragraph or this many before. */
  salientBlocksBack: 1,
  /** How far after a guessed person's name a reporting verb is looked for ("X also said that …"). */
  salientVerbChars: 40,
  /** A quotation opening its paragraph within this many characters follows an introducing paragraph. */
  paragraphOpenChars: 3,
  /** A name's gender is voted on by the first he/she within this many characters. */
  genderWindowChars: 200,
  /** A speaker's role (appositive or description) has at most this many words and characters. */
  roleMaxWords: 8,
  roleMaxChars: 80,
  /** "X's controversial pledge": the noun of speech within this many words of the possessive. */
  possessiveNounTokens: 3,
  /** The verb after a sentence's subject is looked for within this many characters (adverbs and a time between). */
  subjectLookaheadChars: 60,
  /** A subject is "at the start" of its sentence when fewer characters precede it. */
  subjectStartChars: 5,
} as const;

/**
 * The fitted choice among the speakers a passage offers (candidates.ts, weights in
 * speaker-model.ts): where it looks, and when its choice stands.
 */
export const SPEAKER_CHOICE = {
  /** Candidates are the people named from this many lines before the quotation's to the end of its sentence. */
  blocksBack: 1,
  /** A candidate with no mention in that window (the cascade's, from farther away) counts as this many characters off. */
  farChars: 2000,
  /** How far around a name a reporting verb is looked for. */
  verbChars: 40,
  /** A name this close to its sentence's start is the sentence's subject. */
  subjectStartChars: 5,
  /** The cascade's answer stands without a vote when an explicit clause gave it at least this confidence. */
  certainConfidence: 0.85,
  /** The model names nobody below this probability (the cascade's answer, if any, stays). */
  minProbability: 0.1,
  /** A choice under this probability is a guess (speakerGuessed). */
  statedProbability: 0.7,
} as const;

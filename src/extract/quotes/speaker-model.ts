/**
 * The speaker choice's fitted weights (candidates.ts): a conditional logit (softmax over each
 * quotation's candidates) of which candidate is the gold speaker, on the 28 features, L2 penalty
 * 1 on standardised features. Fitted
 * by `npm run fit:speakers` (bench/fit-speakers.ts) on quotes-train's study half only: the
 * 1050 quotations with a named gold source whose speaker the cascade does not state for
 * certain, 5020 candidates, 1097 of them the gold speaker. The check half is left to
 * bench:quotes to score. Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  weights: {
    cascade: 0.2805,
    cascadeExplicit: 0.3384,
    cascadeInherited: 0.1295,
    cascadeSubject: 0.5086,
    cascadeSalient: 0.0738,
    cascadeConfidence: 2.9451,
    cascadeNone: 0.0000,
    logDistance: -0.1152,
    after: -1.2476,
    sameSentence: 1.0354,
    sameBlock: 2.8985,
    mostRecent: 1.0000,
    alreadyQuoted: -0.2639,
    previousSpeaker: 0.7767,
    fullName: 0.3426,
    person: 2.1133,
    verbAfterName: 0.8397,
    verbBeforeName: 0.6481,
    opensSentence: 0.2657,
    possessive: -0.3174,
    logMentions: -0.2414,
    gendered: 0.4619,
    reportsInSentence: -0.8182,
    subjectOfSentence: 0.3542,
    roleBefore: -0.4272,
    capitals: 1.0365,
    closestBefore: -1.5178,
    closestAfter: 0.1484,
  },
};

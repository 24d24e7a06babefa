/**
 * The speaker choice's fitted weights (candidates.ts): a conditional logit (softmax over each
 * quotation's candidates) of which candidate is the gold speaker, on the 30 features, L2 penalty
 * 1 on standardised features; then a logistic calibration of "the chosen one is right" on its
 * score and softmax share, the probability a choice reports. Fitted by `npm run fit:speakers`
 * (bench/fit-speakers.ts) on quotes-train's study half only: the 1030 quotations with a
 * named gold source whose speaker the cascade does not state for certain, 4851 candidates,
 * 1060 of them the gold speaker. The check half is left to bench:quotes to score.
 * Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  weights: {
    cascade: 0.2239,
    cascadeExplicit: 0.5588,
    cascadeInherited: -0.0689,
    cascadeSubject: 0.3353,
    cascadeSalient: -0.0956,
    cascadeConfidence: 3.3420,
    cascadeNone: 0.0000,
    logDistance: -0.1268,
    after: -1.7327,
    sameSentence: 0.6329,
    sameBlock: 3.2084,
    mostRecent: 1.2100,
    alreadyQuoted: -0.5103,
    previousSpeaker: 0.7101,
    fullName: 0.2784,
    person: 2.1984,
    verbAfterName: 1.1521,
    verbBeforeName: 0.8023,
    opensSentence: 0.3065,
    possessive: -0.2161,
    logMentions: -0.1161,
    gendered: 0.3029,
    reportsInSentence: -1.2186,
    subjectOfSentence: 0.4562,
    roleBefore: -0.6331,
    capitals: 1.2444,
    closestBefore: -1.7910,
    closestAfter: 0.5462,
    addressee: -2.0288,
    namedInQuote: -0.3706,
  },
  calibration: { bias: -5.0818, score: 0.3293, share: 6.0483 },
};

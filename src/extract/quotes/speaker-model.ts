/**
 * The speaker choice's fitted weights (candidates.ts): a conditional logit (softmax over each
 * quotation's candidates) of which candidate is the gold speaker, on the 31 features, L2 penalty
 * 1 on standardised features; then a logistic calibration of "the chosen one is right" on its
 * score and softmax share, the probability a choice reports. Fitted by `npm run fit:speakers`
 * (bench/fit-speakers.ts) on quotes-train's study half only: the 1029 quotations with a
 * named gold source whose speaker the cascade does not state for certain, 4821 candidates,
 * 1058 of them the gold speaker. The check half is left to bench:quotes to score.
 * Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  weights: {
    cascade: -0.0243,
    cascadeExplicit: 0.3650,
    cascadeInherited: -0.3328,
    cascadeSubject: 0.1946,
    cascadeSalient: -0.0228,
    cascadeConfidence: 4.1654,
    cascadeNone: 0.0000,
    logDistance: -0.0632,
    after: -1.9094,
    sameSentence: 0.6709,
    sameBlock: 3.4098,
    mostRecent: 1.2824,
    alreadyQuoted: -0.3442,
    previousSpeaker: 0.5669,
    fullName: 0.2893,
    person: 2.1901,
    verbAfterName: 1.1180,
    verbBeforeName: 0.8168,
    opensSentence: 0.3196,
    possessive: -0.2997,
    logMentions: -0.1308,
    gendered: 0.3175,
    reportsInSentence: -1.1966,
    subjectOfSentence: 0.5604,
    roleBefore: -0.5504,
    capitals: 1.5915,
    closestBefore: -1.9172,
    closestAfter: 0.7973,
    addressee: -2.2212,
    namedInQuote: -0.2969,
    joinedSecond: 0.9624,
  },
  calibration: { bias: -4.7459, score: 0.3226, share: 5.5728 },
};

/**
 * The speaker choice's fitted weights (candidates.ts): a conditional logit (softmax over each
 * quotation's candidates) of which candidate is the gold speaker, on the 28 features, L2 penalty
 * 1 on standardised features; then a logistic calibration of "the chosen one is right" on its
 * score and softmax share, the probability a choice reports. Fitted by `npm run fit:speakers`
 * (bench/fit-speakers.ts) on quotes-train's study half only: the 1022 quotations with a
 * named gold source whose speaker the cascade does not state for certain, 4853 candidates,
 * 1052 of them the gold speaker. The check half is left to bench:quotes to score.
 * Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  weights: {
    cascade: -0.5759,
    cascadeExplicit: -0.4014,
    cascadeInherited: -0.7654,
    cascadeSubject: 0.2129,
    cascadeSalient: 0.1948,
    cascadeConfidence: 5.2272,
    cascadeNone: 0.0000,
    logDistance: -0.0962,
    after: -1.3482,
    sameSentence: 0.7182,
    sameBlock: 3.3063,
    mostRecent: 1.0661,
    alreadyQuoted: -0.5428,
    previousSpeaker: 0.7480,
    fullName: 0.5469,
    person: 2.0040,
    verbAfterName: 1.0765,
    verbBeforeName: 0.7638,
    opensSentence: 0.3416,
    possessive: -0.3708,
    logMentions: -0.2158,
    gendered: 0.4713,
    reportsInSentence: -1.1182,
    subjectOfSentence: 0.4542,
    roleBefore: -0.5785,
    capitals: 0.9023,
    closestBefore: -1.4746,
    closestAfter: 0.3473,
  },
  calibration: { bias: -5.1589, score: 0.2897, share: 6.3536 },
};

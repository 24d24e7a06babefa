/**
 * The speaker choice's fitted weights (candidates.ts): a conditional logit (softmax over each
 * quotation's candidates) of which candidate is the gold speaker, on the 28 features, L2 penalty
 * 1 on standardised features. Fitted
 * by `npm run fit:speakers` (bench/fit-speakers.ts) on quotes-train's study half only: the
 * 1022 quotations with a named gold source whose speaker the cascade does not state for
 * certain, 4853 candidates, 1052 of them the gold speaker; then a logistic calibration of
 * "the chosen one is right" on its score and softmax share, the probability a choice reports. The check half is left to
 * bench:quotes to score. Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  weights: {
    cascade: -0.6257,
    cascadeExplicit: -0.4221,
    cascadeInherited: -0.8357,
    cascadeSubject: 0.2115,
    cascadeSalient: 0.2186,
    cascadeConfidence: 5.3299,
    cascadeNone: -0.0000,
    logDistance: -0.0904,
    after: -1.3474,
    sameSentence: 0.6815,
    sameBlock: 3.4056,
    mostRecent: 1.0810,
    alreadyQuoted: -0.5367,
    previousSpeaker: 0.7411,
    fullName: 0.5632,
    person: 1.9975,
    verbAfterName: 1.0671,
    verbBeforeName: 0.7541,
    opensSentence: 0.3504,
    possessive: -0.3740,
    logMentions: -0.2208,
    gendered: 0.4785,
    reportsInSentence: -1.1104,
    subjectOfSentence: 0.4598,
    roleBefore: -0.5788,
    capitals: 0.9013,
    closestBefore: -1.4662,
    closestAfter: 0.3608,
  },
  calibration: { bias: -5.0900, score: 0.2814, share: 6.3141 },
};

/**
 * The speaker choice's fitted weights (candidates.ts): a logistic regression of "this candidate is
 * the gold speaker" on the 22 features, L2 penalty 1 on standardised features. Fitted
 * by `npm run fit:speakers` (bench/fit-speakers.ts) on quotes-train's study half only: the
 * 1050 quotations with a named gold source whose speaker the cascade does not state for
 * certain, 5024 candidates, 1099 of them the gold speaker. The check half is left to
 * bench:quotes to score. Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  bias: -4.5775,
  weights: {
    cascade: 1.3796,
    cascadeExplicit: 0.8758,
    cascadeInherited: 1.5042,
    cascadeSubject: 0.8684,
    cascadeSalient: 1.4263,
    cascadeConfidence: 3.2020,
    cascadeNone: 1.7736,
    logDistance: -0.1319,
    after: -0.0565,
    sameSentence: 0.5788,
    sameBlock: 1.2520,
    mostRecent: 0.2721,
    alreadyQuoted: 0.0136,
    previousSpeaker: 0.8182,
    fullName: 0.4144,
    person: 0.7535,
    verbAfterName: 0.4386,
    verbBeforeName: -0.0127,
    opensSentence: 0.4578,
    possessive: 0.4564,
    logMentions: -0.0412,
    gendered: 0.0957,
  },
};

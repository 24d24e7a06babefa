/**
 * The speaker choice's fitted weights (candidates.ts): a conditional logit (softmax over each
 * quotation's candidates) of which candidate is the gold speaker, on the 26 features, L2 penalty
 * 1 on standardised features. Fitted
 * by `npm run fit:speakers` (bench/fit-speakers.ts) on quotes-train's study half only: the
 * 1050 quotations with a named gold source whose speaker the cascade does not state for
 * certain, 5023 candidates, 1099 of them the gold speaker. The check half is left to
 * bench:quotes to score. Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  weights: {
    cascade: 0.2432,
    cascadeExplicit: 0.4296,
    cascadeInherited: -0.0075,
    cascadeSubject: 0.5293,
    cascadeSalient: 0.1116,
    cascadeConfidence: 2.9448,
    cascadeNone: -0.0000,
    logDistance: -0.1759,
    after: -0.9118,
    sameSentence: 0.8607,
    sameBlock: 2.9949,
    mostRecent: -0.4131,
    alreadyQuoted: -0.1935,
    previousSpeaker: 0.7833,
    fullName: 0.3249,
    person: 2.0096,
    verbAfterName: 0.9127,
    verbBeforeName: 0.6728,
    opensSentence: 0.3340,
    possessive: -0.2403,
    logMentions: -0.2398,
    gendered: 0.3981,
    reportsInSentence: -0.9386,
    subjectOfSentence: 0.3672,
    roleBefore: -0.3562,
    capitals: 1.0465,
  },
};

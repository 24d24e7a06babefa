/**
 * Confidence's fitted weights (confidence.ts): two logistic regressions on the 15 signals,
 * of "the page's text reaches F1 ≥ 0.9" (found) and "≥ 0.93" (whole), bench:quality's
 * metric, L2 penalty 1 on standardised signals. Fitted by `npm run fit:confidence`
 * (bench/fit-confidence.ts) on the study halves only: aeb-dev 20, dragnet 362, cleaneval 183 pages, 413 of
 * them at F1 ≥ 0.9, 358 at ≥ 0.93. The check halves are left to bench:quality
 * to score. Written by the script: refit rather than edit by hand.
 */
import type { ConfidenceModel } from './confidence.js';

export const CONFIDENCE_MODEL: ConfidenceModel = {
  found: {
    bias: -0.5867,
    weights: {
      readerable: 0.4349,
      logWords: -0.0806,
      linkDensity: -6.1847,
      logLongParagraphs: 0.3121,
      agreement: 0.6907,
      alone: 0.2452,
      confirmed: 3.4539,
      keptShare: 1.1464,
      headlineFound: 0.6155,
      listShare: 0.2361,
      logComments: -0.0163,
      extraShare: -1.3654,
      missingShare: 1.1808,
      logCleaned: 0.1435,
      logTrimmed: -0.4770,
    },
  },
  whole: {
    bias: -1.7798,
    weights: {
      readerable: 0.4816,
      logWords: -0.1171,
      linkDensity: -8.4436,
      logLongParagraphs: 0.5141,
      agreement: 1.3465,
      alone: 1.2666,
      confirmed: 3.8826,
      keptShare: 0.9550,
      headlineFound: 0.5273,
      listShare: 0.8477,
      logComments: -0.1244,
      extraShare: -0.8035,
      missingShare: 0.5905,
      logCleaned: 0.1615,
      logTrimmed: -0.5887,
    },
  },
};

/** The quality layer around Readability: cleaning, candidates and agreement, trimming, confidence. */
export { cleanBeforeReadability, type CleanReport } from './clean.js';
export { trimContent, type TrimReport, type TrimRule } from './trim.js';
export {
  articleBodyCovered,
  articleBodyText,
  candidate,
  choose,
  confirmWithArticleBody,
  contentFromText,
  densestBlock,
  isSuspicious,
  type Candidate,
  type Choice,
} from './candidates.js';
export { computeConfidence, confidenceSignals, scoreSignals, type ConfidenceInput, type ConfidenceSignals } from './confidence.js';
export { MARK_ATTRIBUTE, textOf } from './dom.js';
export { restorePhrasingNames } from './shield.js';

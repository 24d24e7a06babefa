/**
 * How sure clipfile is that it found the story whole and clean (0..1), from what the extraction
 * can see of a page. Two logistic models over the same signals (agreement between candidates,
 * the story's length and links, the share of the page's text it keeps, a headline, …), fitted
 * on the study halves of bench:quality's sets by `npm run fit:confidence` (weights as data in
 * confidence-model.ts), each the probability of an outcome against a reader's text (the
 * bench:quality metric):
 *   - found: the text is right, F1 ≥ 0.9;
 *   - whole: the text is near-whole, F1 ≥ 0.93.
 * The number is `whole`, but never under even odds while `found` is at least even: so the claim
 * at HIGH_CONFIDENCE rests on the stricter outcome, and the doubts that act at 0.5
 * (--render auto, --min-confidence 0.5) on whether the story was found at all. A story shorter
 * than any the models learnt from scales the number down (TOO_SHORT_WORDS).
 */
import { words } from './agreement.js';
import { linkDensity, textOf } from './dom.js';
import { CONFIDENCE_MODEL } from './confidence-model.js';
import type { Element } from '../dom.js';

export interface ConfidenceInput {
  /** isProbablyReaderable on the untouched page. */
  readerable: boolean;
  /** The chosen content. */
  content: Element;
  /** Agreement (0..1) of the chosen candidate with the best other one; null when alone. */
  agreement: number | null;
  /** The JSON-LD articleBody was there and the content holds nearly all of it. */
  confirmedByArticleBody: boolean;
  /** Characters of the page's text once cleaned, before Readability (0: not known). */
  pageChars?: number;
  /** A heading of the page (h1, h2) says what the title says. */
  headlineFound?: boolean;
  /** Reader comments found on the page. */
  comments?: number;
  /** Against the densest block: shares of shingles one has and the other lacks (candidates.ts). */
  bounds?: { extra: number; missing: number } | null;
  /** Blocks the cleaning removed from the page before Readability. */
  cleanedBlocks?: number;
  /** Blocks the trimming removed from the chosen content. */
  trimmedBlocks?: number;
}

/** From here on the number claims a good extraction (bench:quality's calibration measures the claim). */
export const HIGH_CONFIDENCE = 0.8;

/** The signals the model weighs, each a plain number (flags 0 or 1). */
export interface ConfidenceSignals {
  readerable: number;
  /** ln(1 + words of the story). */
  logWords: number;
  linkDensity: number;
  /** ln(1 + paragraphs of 80 characters or more). */
  logLongParagraphs: number;
  /** Agreement with the best other candidate (0 when alone). */
  agreement: number;
  /** No other candidate to agree or disagree with. */
  alone: number;
  confirmed: number;
  /** Share of the cleaned page's text the story keeps (0..1). */
  keptShare: number;
  headlineFound: number;
  /** Share of the story's text in list items. */
  listShare: number;
  /** ln(1 + reader comments). */
  logComments: number;
  /** Share of the story's shingles the densest block lacks (0 when alone). */
  extraShare: number;
  /** Share of the densest block's shingles the story lacks (0 when alone). */
  missingShare: number;
  /** ln(1 + blocks removed before Readability). */
  logCleaned: number;
  /** ln(1 + blocks trimmed from the story). */
  logTrimmed: number;
}

export type SignalName = keyof ConfidenceSignals;

/** The signals of one extraction, or null when the story has no words (confidence 0). */
export function confidenceSignals(input: ConfidenceInput): ConfidenceSignals | null {
  const text = textOf(input.content);
  const count = words(text).length;
  if (count === 0) return null;
  let longParagraphs = 0;
  for (const p of Array.from(input.content.querySelectorAll('p'))) if (textOf(p).length >= 80) longParagraphs++;
  const flag = (value: boolean | undefined): number => (value ? 1 : 0);
  return {
    readerable: flag(input.readerable),
    logWords: Math.log1p(count),
    linkDensity: linkDensity(input.content, text),
    logLongParagraphs: Math.log1p(longParagraphs),
    agreement: input.agreement ?? 0,
    alone: flag(input.agreement === null),
    confirmed: flag(input.confirmedByArticleBody),
    keptShare: input.pageChars ? Math.min(1, text.length / input.pageChars) : 1,
    headlineFound: flag(input.headlineFound),
    listShare: listShare(input.content, text.length),
    logComments: Math.log1p(input.comments ?? 0),
    extraShare: input.bounds?.extra ?? 0,
    missingShare: input.bounds?.missing ?? 0,
    logCleaned: Math.log1p(input.cleanedBlocks ?? 0),
    logTrimmed: Math.log1p(input.trimmedBlocks ?? 0),
  };
}

/** Share of the text inside list items (outermost ones only, so nested lists count once). */
function listShare(content: Element, chars: number): number {
  if (chars === 0) return 0;
  let inLists = 0;
  for (const item of Array.from(content.querySelectorAll('li'))) {
    if (item.parentElement?.closest('li')) continue;
    inLists += textOf(item).length;
  }
  return Math.min(1, inLists / chars);
}

/** One logistic model: the probability of its outcome is 1 / (1 + e^-(bias + Σ weight × signal)). */
export interface LogisticModel {
  bias: number;
  weights: Partial<Record<SignalName, number>>;
}

export interface ConfidenceModel {
  /** P(F1 ≥ 0.9): the story was found right. */
  found: LogisticModel;
  /** P(F1 ≥ 0.93): the story was found near-whole. */
  whole: LogisticModel;
}

/** Even odds: what `found` at least this high keeps the number from going under. */
const EVEN_ODDS = 0.5;
/**
 * Stories shorter than this are outside what the models learnt: the study halves hold four (7 to
 * 14 words), none of them right, and a script's "Loading…" is one. The number shrinks with the
 * words missing (a one-word story keeps a fifteenth of it).
 */
export const TOO_SHORT_WORDS = 15;

/** The logistic function: log-odds to a probability (the models' link, and the fit's). */
export function logistic(logOdds: number): number {
  return 1 / (1 + Math.exp(-logOdds));
}

export function probability(signals: ConfidenceSignals, model: LogisticModel): number {
  let z = model.bias;
  for (const [name, weight] of Object.entries(model.weights) as [SignalName, number][]) z += weight * signals[name];
  return logistic(z);
}

/** The confidence of a set of signals under a model, rounded to two decimals. */
export function scoreSignals(signals: ConfidenceSignals, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  const score = Math.max(probability(signals, model.whole), Math.min(probability(signals, model.found), EVEN_ODDS));
  const words = Math.expm1(signals.logWords);
  return Math.round(score * Math.min(1, words / TOO_SHORT_WORDS) * 100) / 100;
}

export function computeConfidence(input: ConfidenceInput): number {
  const signals = confidenceSignals(input);
  return signals ? scoreSignals(signals) : 0;
}

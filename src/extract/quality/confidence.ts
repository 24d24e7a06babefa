/**
 * How sure clipfile is that it found the story (0..1), from what the extraction can see:
 * agreement between candidates, the text's density (length, links) and Readability's
 * readerability verdict on the untouched page. A doubt the extraction can name keeps the
 * number under HIGH_CONFIDENCE, whatever the rest says.
 */
import { words } from './agreement.js';
import { linkDensity, textOf } from './dom.js';
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
  /** Another candidate replaced Readability's result (which was empty or suspicious). */
  replaced: boolean;
}

/** Weights sum to 1; each part is 0..1. */
const WEIGHTS = { readerable: 0.2, length: 0.25, links: 0.15, agreement: 0.3, paragraphs: 0.1 } as const;

/** From here on the number claims a good extraction (bench:quality's calibration measures the claim). */
export const HIGH_CONFIDENCE = 0.8;
/** Where a named doubt holds the number: under HIGH_CONFIDENCE, above --render auto's 0.5. */
const DOUBTFUL_CEILING = 0.75;
/**
 * Below this agreement the other candidate (the densest text block) and the chosen one disagree
 * about where the story starts or ends: one holds a tenth or more that the other has not. On the
 * study halves, such pages reached F1 0.9 half as often as the rest.
 */
const DOUBTFUL_AGREEMENT = 0.9;
/** A story with a tenth of its text in links carries link lists or navigation with it. */
const DOUBTFUL_LINK_DENSITY = 0.1;

export function computeConfidence(input: ConfidenceInput): number {
  const text = textOf(input.content);
  const count = words(text).length;
  if (count === 0) return 0;
  const length = Math.min(1, count / 300);
  const density = linkDensity(input.content, text);
  const links = 1 - Math.min(1, density * 2.5);
  let paragraphs = 0;
  for (const p of Array.from(input.content.querySelectorAll('p'))) if (textOf(p).length >= 80) paragraphs++;
  const paragraphPart = Math.min(1, paragraphs / 4);
  // Alone, a candidate neither gains nor loses: half marks.
  const agreementPart = input.confirmedByArticleBody ? 1 : input.agreement === null ? 0.5 : Math.min(1, input.agreement * 1.25);
  let score =
    WEIGHTS.readerable * (input.readerable ? 1 : 0) +
    WEIGHTS.length * length +
    WEIGHTS.links * links +
    WEIGHTS.agreement * agreementPart +
    WEIGHTS.paragraphs * paragraphPart;
  if (input.replaced) score *= 0.85;
  if (doubtful(input, density)) score = Math.min(score, DOUBTFUL_CEILING);
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}

/**
 * A doubt about the story's bounds the extraction can name: its candidates disagree, or it
 * carries many links. A story the page's JSON-LD body confirms is beyond doubt.
 */
function doubtful(input: ConfidenceInput, linkDensity: number): boolean {
  if (input.confirmedByArticleBody) return false;
  if (input.agreement !== null && input.agreement < DOUBTFUL_AGREEMENT) return true;
  return linkDensity >= DOUBTFUL_LINK_DENSITY;
}

/**
 * clipfile's pipeline as bench:quality scores it and fit:confidence fits on it: the
 * `--format text` output (on a set whose ground truth holds the reader comments, the story and
 * then the comments' texts), the extraction's confidence and the signals it was computed from.
 */
import { extractArticle } from '../src/extract/pipeline.js';
import type { ConfidenceSignals } from '../src/extract/quality/confidence.js';
import type { QualityPage, QualitySet } from './corpus.js';

/** Sets whose ground truth holds the reader comments under the story. */
export const SETS_WITH_COMMENTS: ReadonlySet<QualitySet> = new Set(['dragnet']);

export interface PipelineRun {
  text: string;
  confidence: number | null;
  signals: ConfidenceSignals | null;
}

export function clipfileRun(html: string, page: Pick<QualityPage, 'url' | 'set'>): PipelineRun {
  let signals: ConfidenceSignals | null = null;
  const article = extractArticle({ html, url: page.url || null }, { observeConfidence: (s) => (signals = s) });
  const comments = SETS_WITH_COMMENTS.has(page.set) ? article.comments.map((c) => [c.author, c.date, c.text].filter(Boolean).join('\n')) : [];
  return { text: [article.text, ...comments].join('\n\n'), confidence: article.confidence, signals };
}

/** The confidence buckets of every calibration table: bench:quality's and fit:confidence's. */
export const CALIBRATION_BUCKETS = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/** Items grouped into the calibration buckets by their confidence, each bucket with its label ("[0.8, 0.9)", "[0.9, 1.0]"). */
export function calibrationBuckets<T>(items: readonly T[], confidenceOf: (item: T) => number): { label: string; members: T[] }[] {
  return CALIBRATION_BUCKETS.map((lo, i) => {
    const hi = CALIBRATION_BUCKETS[i + 1] ?? Number.POSITIVE_INFINITY;
    const label = hi === Number.POSITIVE_INFINITY ? `[${lo.toFixed(1)}, 1.0]` : `[${lo.toFixed(1)}, ${hi.toFixed(1)})`;
    return { label, members: items.filter((item) => confidenceOf(item) >= lo && confidenceOf(item) < hi) };
  });
}

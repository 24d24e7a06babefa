/**
 * The body-text metric of the public article-extraction benchmark (scrapinghub/
 * article-extraction-benchmark, evaluate.py), reimplemented so that clipfile's figures compare
 * with published ones. See ../shared/corpus/README.md, "The body-text metric (aeb-dev)".
 *
 * 1. Tokens are the `\w+` runs of a text; shingles are the 4-grams of consecutive tokens, and a
 *    text of fewer than 4 tokens (but at least one) is one shingle of all its tokens.
 * 2. Per page, shingles are counted as multisets: tp = Σ min(true, pred),
 *    fp = Σ max(0, pred − true), fn = Σ max(0, true − pred); all three are divided by tp+fp+fn
 *    (so long texts do not weigh more).
 * 3. Page precision = tp/(tp+fp), recall = tp/(tp+fn); both are 1 when fp = fn = 0 and 0 when tp = 0.
 *    The corpus precision is the mean over pages with tp+fp > 0 (an empty extraction does not
 *    count towards precision), the corpus recall the mean over pages with tp+fn > 0.
 * 4. F1 = 2PR/(P+R) of the two means. Accuracy (not in evaluate.py) = share of pages whose token
 *    lists match exactly.
 */

/**
 * Python's `re` `\w` on str patterns is `str.isalnum() or '_'`, i.e. exactly the Unicode general
 * categories L* (Lu Ll Lt Lm Lo) and N* (Nd Nl No) plus "_". Checked exhaustively against
 * CPython 3.11 (Unicode 14): every code point it matches is in L, N or is "_", and every L/N code
 * point matches. Combining marks (M*) are NOT word characters in Python's `re` (unlike the
 * third-party `regex` module and UTS #18): `re.findall(r'\w+', 'नमस्ते')` is ['नमस', 'त'] and a
 * decomposed "cafe\u0301" gives ['cafe']. We follow Python, so figures match the public benchmark
 * (one aeb-dev page, Arabic with harakat, is affected). Node's Unicode tables may be a version
 * newer than the reference Python's; that only matters for code points assigned since.
 */
export const WORD_RUN = /[\p{L}\p{N}_]+/gu;

/** Shingle size of the public benchmark. */
export const NGRAM = 4;

/** The `\w+` runs of a text, in order (case kept: the comparison is case-sensitive). */
export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  return text.match(WORD_RUN) ?? [];
}

/** Separator for shingle keys: not a word character, so keys are unambiguous. */
const SEP = ' ';

/**
 * The shingles of a token list, in order: the n-grams of consecutive tokens, or one shingle of
 * all tokens when there are fewer than n, or none for no tokens. Keys are tokens joined by a space.
 */
export function shingleList(tokens: readonly string[], n: number = NGRAM): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length < n) return [tokens.join(SEP)];
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(SEP));
  return out;
}

/** Shingles as a multiset. */
export function shingleCounts(tokens: readonly string[], n: number = NGRAM): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of shingleList(tokens, n)) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}

export interface PageScore {
  /** Normalised by tp+fp+fn (all 0 when both texts have no tokens). */
  tp: number;
  fp: number;
  fn: number;
  /** Raw shingle counts before normalisation. */
  tpCount: number;
  fpCount: number;
  fnCount: number;
  precision: number;
  recall: number;
  /** 2PR/(P+R) of this page (0 when both are 0); for ranking pages, not part of the corpus F1. */
  f1: number;
  /** The two token lists are identical. */
  exact: boolean;
  truthTokens: number;
  predictedTokens: number;
}

/** Page precision exactly as evaluate.py's precision_score. */
export function precisionScore(tp: number, fp: number, fn: number): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

/** Page recall exactly as evaluate.py's recall_score. */
export function recallScore(tp: number, fp: number, fn: number): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Scores one page: the ground-truth article body against the extracted text. */
export function scorePage(truth: string, predicted: string): PageScore {
  const truthTokens = tokenize(truth);
  const predTokens = tokenize(predicted);
  const trueCounts = shingleCounts(truthTokens);
  const predCounts = shingleCounts(predTokens);
  let tpCount = 0;
  let fpCount = 0;
  let fnCount = 0;
  for (const [key, t] of trueCounts) {
    const p = predCounts.get(key) ?? 0;
    tpCount += Math.min(t, p);
    fnCount += Math.max(0, t - p);
  }
  for (const [key, p] of predCounts) {
    const t = trueCounts.get(key) ?? 0;
    fpCount += Math.max(0, p - t);
  }
  const sum = tpCount + fpCount + fnCount;
  const tp = sum > 0 ? tpCount / sum : 0;
  const fp = sum > 0 ? fpCount / sum : 0;
  const fn = sum > 0 ? fnCount / sum : 0;
  const precision = precisionScore(tp, fp, fn);
  const recall = recallScore(tp, fp, fn);
  return {
    tp,
    fp,
    fn,
    tpCount,
    fpCount,
    fnCount,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    exact: sameTokens(truthTokens, predTokens),
    truthTokens: truthTokens.length,
    predictedTokens: predTokens.length,
  };
}

export interface CorpusScore {
  f1: number;
  /** Mean page precision over pages with tp+fp > 0 (0 when there are none). */
  precision: number;
  /** Mean page recall over pages with tp+fn > 0 (0 when there are none). */
  recall: number;
  /** Share of pages whose token lists match exactly (0 for no pages). */
  accuracy: number;
  pageCount: number;
  /** How many pages entered each mean. */
  precisionPages: number;
  recallPages: number;
  pages: PageScore[];
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Aggregates page scores (as returned by scorePage) into the corpus figures. */
export function aggregate(pages: readonly PageScore[]): CorpusScore {
  const ps = pages.filter((p) => p.tp + p.fp > 0).map((p) => p.precision);
  const rs = pages.filter((p) => p.tp + p.fn > 0).map((p) => p.recall);
  const precision = mean(ps);
  const recall = mean(rs);
  return {
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    precision,
    recall,
    accuracy: pages.length > 0 ? pages.filter((p) => p.exact).length / pages.length : 0,
    pageCount: pages.length,
    precisionPages: ps.length,
    recallPages: rs.length,
    pages: [...pages],
  };
}

/** Scores a corpus: each page's ground truth against its extraction. */
export function scoreCorpus(pages: readonly { truth: string; predicted: string }[]): CorpusScore {
  return aggregate(pages.map((p) => scorePage(p.truth, p.predicted)));
}

// ---------------------------------------------------------------------------------------------
// Diagnostics: where the unmatched shingles are.

export interface Stretch {
  /** Token index (in the text's own token list) where the stretch starts. */
  start: number;
  /** Number of tokens in the stretch. */
  length: number;
  /** The stretch's first tokens, joined by spaces ("…" when cut). */
  sample: string;
}

export interface UnmatchedStretches {
  /** The largest stretch of predicted text the truth lacks (fp), or null. */
  extra: Stretch | null;
  /** The largest stretch of true text the prediction lacks (fn), or null. */
  missing: Stretch | null;
}

/**
 * The largest unmatched stretch of `tokens` against the other side's shingle multiset.
 * Shingles are matched in text order while the other side still has copies (so the k-th repeat
 * is unmatched when the other side has fewer than k). The stretch is the longest run of tokens
 * that belong to no matched shingle (the words really extra or missing); when every token is in
 * some matched shingle (e.g. reordered paragraphs, whose joins make the only unmatched shingles),
 * it is the tokens of the longest run of unmatched shingles.
 */
function largestUnmatched(
  tokens: readonly string[],
  other: Map<string, number>,
  sampleWords: number,
): Stretch | null {
  const list = shingleList(tokens);
  const left = new Map(other);
  const matched = list.map((key) => {
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    return n > 0;
  });
  if (matched.every(Boolean)) return null;

  const span = Math.min(NGRAM, tokens.length); // tokens per shingle
  const covered = new Array<boolean>(tokens.length).fill(false);
  matched.forEach((m, i) => {
    if (m) for (let t = i; t < i + span; t++) covered[t] = true;
  });
  let best = longestRun(covered.map((c) => !c));
  if (best) best = { start: best.start, length: best.length };
  else {
    const run = longestRun(matched.map((m) => !m))!;
    best = { start: run.start, length: Math.min(tokens.length - run.start, run.length + span - 1) };
  }
  const words = tokens.slice(best.start, best.start + Math.min(best.length, sampleWords));
  return { ...best, sample: words.join(' ') + (best.length > sampleWords ? ' …' : '') };
}

/** The longest run of `true` (first one on ties). */
function longestRun(flags: readonly boolean[]): { start: number; length: number } | null {
  let best: { start: number; length: number } | null = null;
  let start = -1;
  for (let i = 0; i <= flags.length; i++) {
    if (i < flags.length && flags[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (!best || i - start > best.length) best = { start, length: i - start };
      start = -1;
    }
  }
  return best;
}

/** The largest extra (fp) and missing (fn) stretch of a page, for a one-line diagnosis. */
export function unmatchedStretches(truth: string, predicted: string, sampleWords = 12): UnmatchedStretches {
  const truthTokens = tokenize(truth);
  const predTokens = tokenize(predicted);
  return {
    extra: largestUnmatched(predTokens, shingleCounts(truthTokens), sampleWords),
    missing: largestUnmatched(truthTokens, shingleCounts(predTokens), sampleWords),
  };
}

/**
 * A one-line "why" for a page's score: "empty extraction", or the unmatched shingle counts with
 * a sample of the largest extra and missing stretch, the heavier side first, e.g.
 * `extra 40 shingles, largest stretch 35 words: "Sign up for our newsletter …"; missing 3 shingles, …`.
 */
export function explainPage(truth: string, predicted: string, sampleWords = 12): string {
  const score = scorePage(truth, predicted);
  if (score.predictedTokens === 0) return score.truthTokens === 0 ? 'both empty' : 'empty extraction';
  if (score.truthTokens === 0) return 'ground truth is empty';
  if (score.fpCount === 0 && score.fnCount === 0) return 'exact shingle match';
  const { extra, missing } = unmatchedStretches(truth, predicted, sampleWords);
  const parts: { weight: number; text: string }[] = [];
  if (extra && score.fpCount > 0) {
    parts.push({
      weight: score.fpCount,
      text: `extra ${score.fpCount} shingles, largest stretch ${extra.length} words: "${extra.sample}"`,
    });
  }
  if (missing && score.fnCount > 0) {
    parts.push({
      weight: score.fnCount,
      text: `missing ${score.fnCount} shingles, largest stretch ${missing.length} words: "${missing.sample}"`,
    });
  }
  parts.sort((a, b) => b.weight - a.weight);
  return parts.map((p) => p.text).join('; ');
}

// ---------------------------------------------------------------------------------------------
// Diagnostics: reference texts that glue words.

/**
 * The reference text with the words it glued split again, for a diagnostic only (never for the
 * figures the targets are scored with): some references join two words where the source broke a
 * line ("splitters" + "to" → "splittersto"). A reference token is split when the extraction
 * never has it but has, side by side, two tokens that spell it. Returns the tokens, joined by spaces.
 */
export function ungluedReference(truth: string, predicted: string): string {
  const predTokens = tokenize(predicted);
  const known = new Set(predTokens);
  // Each glued spelling of two neighbouring extracted tokens, and the pair it came from.
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < predTokens.length; i++) {
    const glued = predTokens[i]! + predTokens[i + 1]!;
    if (!known.has(glued) && !pairs.has(glued)) pairs.set(glued, `${predTokens[i]} ${predTokens[i + 1]}`);
  }
  return tokenize(truth)
    .map((token) => (known.has(token) ? token : (pairs.get(token) ?? token)))
    .join(' ');
}

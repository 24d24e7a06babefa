/**
 * A logistic regression fitted by gradient descent on standardised features, L2-penalised, the
 * weights returned on the features' own scale. Used by bench/fit-confidence.ts and
 * bench/fit-speakers.ts.
 */
import { logistic } from '../src/extract/quality/confidence.js';

const STEPS = 4000;
const LEARNING_RATE = 0.5;

export function fitLogistic(xs: readonly number[][], ys: readonly number[], l2: number): { bias: number; weights: number[] } {
  const n = xs.length;
  const k = xs[0]?.length ?? 0;
  const means = Array.from({ length: k }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / n);
  const stds = Array.from({ length: k }, (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - means[j]!) ** 2, 0) / n) || 1);
  const zs = xs.map((x) => x.map((v, j) => (v - means[j]!) / stds[j]!));
  const w = new Array<number>(k).fill(0);
  let b = 0;
  for (let step = 0; step < STEPS; step++) {
    const gw = new Array<number>(k).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const z = zs[i]!;
      let t = b;
      for (let j = 0; j < k; j++) t += w[j]! * z[j]!;
      const error = logistic(t) - ys[i]!;
      gb += error;
      for (let j = 0; j < k; j++) gw[j]! += error * z[j]!;
    }
    b -= (LEARNING_RATE * gb) / n;
    for (let j = 0; j < k; j++) w[j]! -= (LEARNING_RATE * (gw[j]! + l2 * w[j]!)) / n;
  }
  const weights = w.map((wj, j) => wj / stds[j]!);
  const bias = b - w.reduce((s, wj, j) => s + (wj * means[j]!) / stds[j]!, 0);
  return { bias, weights };
}

/**
 * A conditional logit: each group (one quotation's candidates) is a choice, the probability of a
 * candidate its softmax share of the group's scores; fitted to put the groups' share on their
 * right candidates (any of them, when several are). Weights on the features' own scale; no bias
 * (it would cancel out in every share).
 */
export function fitConditionalLogit(groups: readonly { xs: number[][]; right: boolean[] }[], l2: number): number[] {
  const all = groups.flatMap((g) => g.xs);
  const k = all[0]?.length ?? 0;
  const means = Array.from({ length: k }, (_, j) => all.reduce((s, x) => s + x[j]!, 0) / all.length);
  const stds = Array.from({ length: k }, (_, j) => Math.sqrt(all.reduce((s, x) => s + (x[j]! - means[j]!) ** 2, 0) / all.length) || 1);
  const usable = groups.filter((g) => g.right.some(Boolean) && g.xs.length > 1).map((g) => ({ zs: g.xs.map((x) => x.map((v, j) => (v - means[j]!) / stds[j]!)), right: g.right }));
  const n = usable.length;
  const w = new Array<number>(k).fill(0);
  for (let step = 0; step < STEPS; step++) {
    const gw = new Array<number>(k).fill(0);
    for (const { zs, right } of usable) {
      const scores = zs.map((z) => z.reduce((s, v, j) => s + w[j]! * v, 0));
      const top = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - top));
      const total = exps.reduce((a, b) => a + b, 0);
      const rightTotal = exps.reduce((a, e, i) => a + (right[i] ? e : 0), 0);
      zs.forEach((z, i) => {
        const error = exps[i]! / total - (right[i] ? exps[i]! / rightTotal : 0);
        for (let j = 0; j < k; j++) gw[j]! += error * z[j]!;
      });
    }
    for (let j = 0; j < k; j++) w[j]! -= (LEARNING_RATE * (gw[j]! + l2 * w[j]!)) / n;
  }
  return w.map((wj, j) => wj / stds[j]!);
}

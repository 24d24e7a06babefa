/**
 * The errors of a scored quote set, grouped by kind for reading (`bench:quotes -- --failures`,
 * study half only): wrong person, pronoun not resolved, nominal source (a description where the
 * gold names someone), no speaker, missed quote, false quote, split quote (a prediction and a gold
 * piece overlap, but their boundaries differ too much to match).
 */
import { predNameTokens, shorter, toks, type Gold, type QuoteScore } from '../eval/quotes-score.js';

/** A prediction and a gold piece that share this much of the shorter one are the same quote, cut differently. */
const SPLIT_OVERLAP = 0.5;

export type FailureKind = 'wrong person' | 'pronoun not resolved' | 'nominal source' | 'no speaker' | 'missed quote' | 'false quote' | 'split quote';

export interface Failure {
  kind: FailureKind;
  doc: string;
  line: string;
}

export function classifyFailures(score: QuoteScore): Failure[] {
  const failures: Failure[] = [];
  for (const w of score.wrongSpeakers) {
    const excerpt = w.text.slice(0, 70);
    let kind: FailureKind;
    if (w.type === 'pronoun') kind = w.predicted === null ? 'pronoun not resolved' : 'wrong person';
    else if (w.predicted === null) kind = 'no speaker';
    else if (!predNameTokens(w.predicted).length) kind = 'nominal source';
    else kind = 'wrong person';
    failures.push({ kind, doc: w.doc, line: `gold=${w.gold} pred=${w.predicted} | ${excerpt}` });
  }
  const splitPredictions = new Set<number>();
  for (const m of score.misses) {
    const gold = toks(m.text);
    const cut = score.falsePositives.findIndex((f) => f.doc === m.doc && shorter(toks(f.text), gold) >= SPLIT_OVERLAP);
    if (cut >= 0) {
      splitPredictions.add(cut);
      const f = score.falsePositives[cut]!;
      failures.push({ kind: 'split quote', doc: m.doc, line: `gold «${m.text.slice(0, 60)}» pred «${f.text.slice(0, 60)}»` });
    } else {
      failures.push({ kind: 'missed quote', doc: m.doc, line: `(${m.kind}) ${m.text.slice(0, 100)}` });
    }
  }
  score.falsePositives.forEach((f, i) => {
    if (!splitPredictions.has(i)) failures.push({ kind: 'false quote', doc: f.doc, line: `${f.text.slice(0, 100)}  — ${f.speaker}` });
  });
  return failures;
}

/** The failures as text, one section per kind, largest first. */
export function groupFailures(score: QuoteScore, gold: Gold): string {
  const byKind = new Map<FailureKind, Failure[]>();
  for (const f of classifyFailures(score)) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  const sections = [...byKind].sort((a, b) => b[1].length - a[1].length);
  const lines = [`failures on ${Object.keys(gold.docs).length} docs: ${sections.map(([k, v]) => `${k} ${v.length}`).join(', ')}`];
  for (const [kind, list] of sections) {
    lines.push('', `${kind} (${list.length}):`);
    for (const f of list) lines.push(`  [${f.doc.slice(0, 30)}] ${f.line}`);
  }
  return lines.join('\n');
}

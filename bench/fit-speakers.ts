/**
 * Fits the speaker choice (src/extract/quotes/candidates.ts) on the *study* half of quotes-train:
 * for every quotation whose speaker the cascade does not state for certain, the candidates the
 * passage offers with their features, each labelled by whether it is the gold speaker (score.py's
 * name match); then an L2-regularised logistic regression of that label on the features, written
 * as data to src/extract/quotes/speaker-model.ts. Only quotations whose gold source is a name are
 * used. The check half is never read here: bench:quotes scores the fitted model on it.
 *
 *   npm run fit:speakers [-- --dry-run] [--texts FILE] [--failures]
 *
 * --texts FILE is bench:quotes's cache of extracted texts (read, and written when missing);
 * --failures lists the study half's quotations the fitted choice gets wrong, with their candidates.
 * Records are collected with the current model in place (a choice changes who later "he said"
 * refers to), so a second run after a refit may move the weights a little.
 * Prints the weights and, on the study half's uncertain quotations, how often the cascade, the
 * current model and the fitted one name the gold speaker, and how often any candidate does.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '../eval/corpus.js';
import { fitConditionalLogit, fitLogistic } from '../eval/logistic-fit.js';
import { extractDoc, goldSubset, loadQuotesGold, quotesTrainDir, trainHalf, type DocText } from '../eval/quotes-corpus.js';
import { jaccard, nameMatch, toks, type GoldQuote } from '../eval/quotes-score.js';
import { bestCandidate, SPEAKER_FEATURES, type SpeakerModel } from '../src/extract/quotes/candidates.js';
import { SPEAKER_CHOICE } from '../src/extract/quotes/confidence.js';
import { findQuotes, type SpeakerChoiceRecord } from '../src/extract/quotes/index.js';
import { SPEAKER_MODEL } from '../src/extract/quotes/speaker-model.js';
import { readBenchArgs } from './args.js';
import { runBench } from './run.js';

const USAGE = 'usage: npm run fit:speakers [-- --dry-run] [--texts FILE] [--failures]';
/** A quotation found and a gold piece are the same when their words overlap this much (score.py's match). */
const SAME_QUOTE = 0.5;
/** L2 penalty on the standardised features. */
const L2 = 1;

interface Example {
  doc: string;
  record: SpeakerChoiceRecord;
  gold: GoldQuote;
  /** Per candidate: it is the gold speaker. */
  labels: boolean[];
}

function collectStudy(textsFile: string | undefined): Example[] {
  const gold = goldSubset(loadQuotesGold(quotesTrainDir()), (name) => trainHalf(name) === 'study');
  const texts: Record<string, DocText> = textsFile && existsSync(textsFile) ? JSON.parse(readFileSync(textsFile, 'utf8')) : {};
  const goldByDoc = new Map<string, GoldQuote[]>();
  for (const q of gold.quotes) if (q.source_type === 'named') goldByDoc.set(q.doc, [...(goldByDoc.get(q.doc) ?? []), q]);
  const examples: Example[] = [];
  let extracted = 0;
  for (const [name, doc] of Object.entries(gold.docs)) {
    let kept = texts[name];
    if (!kept) {
      const { text, lang } = extractDoc(name, doc);
      kept = texts[name] = { text, lang };
      extracted++;
    }
    const records: SpeakerChoiceRecord[] = [];
    findQuotes(kept.text, { lang: kept.lang, observeSpeakers: (r) => records.push(r) });
    for (const record of records) {
      const words = toks(record.text);
      let match: GoldQuote | undefined;
      let best = SAME_QUOTE;
      for (const q of goldByDoc.get(name) ?? []) {
        const similarity = jaccard(words, toks(q.text));
        if (similarity >= best) [match, best] = [q, similarity];
      }
      if (match) examples.push({ doc: name, record, gold: match, labels: record.candidates.map((c) => nameMatch(c.speaker, match.source_name_tokens)) });
    }
  }
  if (textsFile && extracted) writeFileSync(textsFile, JSON.stringify(texts));
  return examples;
}

/** How often a choice names the gold speaker, over the examples. */
function correct(examples: readonly Example[], choose: (e: Example) => string | null): number {
  return examples.filter((e) => nameMatch(choose(e), e.gold.source_name_tokens)).length;
}

/** The speaker a model picks for an example, as attribute.ts's chooseSpeaker would. */
function modelChoice(e: Example, model: SpeakerModel): string | null {
  const best = bestCandidate(e.record.candidates, model);
  return best && best.probability >= SPEAKER_CHOICE.minProbability ? best.candidate.speaker : (e.record.cascade?.speaker ?? null);
}

function modelSource(model: SpeakerModel, rows: number, positives: number, quotations: number): string {
  return `/**
 * The speaker choice's fitted weights (candidates.ts): a conditional logit (softmax over each
 * quotation's candidates) of which candidate is the gold speaker, on the ${SPEAKER_FEATURES.length} features, L2 penalty
 * ${L2} on standardised features; then a logistic calibration of "the chosen one is right" on its
 * score and softmax share, the probability a choice reports. Fitted by \`npm run fit:speakers\`
 * (bench/fit-speakers.ts) on quotes-train's study half only: the ${quotations} quotations with a
 * named gold source whose speaker the cascade does not state for certain, ${rows} candidates,
 * ${positives} of them the gold speaker. The check half is left to bench:quotes to score.
 * Written by the script: refit rather than edit by hand.
 */
import type { SpeakerModel } from './candidates.js';

export const SPEAKER_MODEL: SpeakerModel = {
  weights: {
${SPEAKER_FEATURES.map((name) => `    ${name}: ${(model.weights[name] ?? 0).toFixed(4)},`).join('\n')}
  },
  calibration: { bias: ${model.calibration.bias.toFixed(4)}, score: ${model.calibration.score.toFixed(4)}, share: ${model.calibration.share.toFixed(4)} },
};
`;
}

async function main(): Promise<number> {
  const args = readBenchArgs(USAGE, { 'dry-run': { type: 'boolean' }, texts: { type: 'string' }, failures: { type: 'boolean' } });
  const examples = collectStudy(args.texts ? path.resolve(args.texts) : undefined);
  const open = examples.filter((e) => !e.record.certain && e.record.candidates.length);
  const groups = open.map((e) => ({ xs: e.record.candidates.map((c) => SPEAKER_FEATURES.map((name) => c.features[name])), right: e.labels }));
  const fitted = fitConditionalLogit(groups, L2);
  const weights = Object.fromEntries(SPEAKER_FEATURES.map((name, j) => [name, fitted[j]!]));
  // The calibration: whether the chosen candidate is right, on its score and share.
  const chosen = open.map((e) => ({ e, best: bestCandidate(e.record.candidates, { weights, calibration: { bias: 0, score: 0, share: 0 } })! }));
  const calibrated = fitLogistic(
    chosen.map(({ best }) => [best.score, best.share]),
    chosen.map(({ e, best }) => (nameMatch(best.candidate.speaker, e.gold.source_name_tokens) ? 1 : 0)),
    L2,
  );
  const model: SpeakerModel = { weights, calibration: { bias: calibrated.bias, score: calibrated.weights[0]!, share: calibrated.weights[1]! } };
  const candidates = groups.reduce((n, g) => n + g.xs.length, 0);
  const rightOnes = groups.reduce((n, g) => n + g.right.filter(Boolean).length, 0);
  console.log(`study half: ${examples.length} quotations with a named gold source found, ${open.length} not stated for certain, ${candidates} candidates (${rightOnes} right)`);
  for (const name of SPEAKER_FEATURES) console.log(`  ${name.padEnd(18)} ${(model.weights[name] ?? 0).toFixed(4).padStart(9)}`);
  console.log(`  calibration: bias ${model.calibration.bias.toFixed(4)}, score ${model.calibration.score.toFixed(4)}, share ${model.calibration.share.toFixed(4)}`);
  for (const [low, high] of [[0, 0.5], [0.5, SPEAKER_CHOICE.statedProbability], [SPEAKER_CHOICE.statedProbability, 1.01]] as const) {
    const inBucket = open.filter((e) => {
      const p = bestCandidate(e.record.candidates, model)!.probability;
      return p >= low && p < high;
    });
    console.log(`  probability ${low}–${Math.min(1, high)}: ${inBucket.length} quotations, the choice right on ${correct(inBucket, (e) => bestCandidate(e.record.candidates, model)!.candidate.speaker)}`);
  }
  const certain = examples.filter((e) => e.record.certain);
  console.log(`certain (explicit clause ≥ ${SPEAKER_CHOICE.certainConfidence}): cascade right on ${correct(certain, (e) => e.record.cascade?.speaker ?? null)}/${certain.length}`);
  console.log(
    `not certain: cascade right on ${correct(open, (e) => e.record.cascade?.speaker ?? null)}/${open.length}, current model ${correct(open, (e) => modelChoice(e, SPEAKER_MODEL))}, ` +
      `fitted model ${correct(open, (e) => modelChoice(e, model))}, some candidate right ${open.filter((e) => e.labels.some(Boolean)).length}`,
  );
  if (args.failures) {
    // The study half's quotations the fitted choice gets wrong, with their candidates (* = the gold speaker).
    for (const e of open) {
      const pick = modelChoice(e, model);
      if (nameMatch(pick, e.gold.source_name_tokens)) continue;
      console.log(`[${e.doc.slice(0, 28)}] gold=${e.gold.source_text} cascade=${e.record.cascade?.speaker}/${e.record.cascade?.how} pick=${pick} cands=${e.record.candidates.map((c, i) => `${c.speaker}${e.labels[i] ? '*' : ''}`).join('|')} | ${e.record.text.slice(0, 60)}`);
    }
  }
  if (!args['dry-run']) {
    const file = path.join(findRepoRoot(), 'src', 'extract', 'quotes', 'speaker-model.ts');
    writeFileSync(file, modelSource(model, candidates, rightOnes, open.length));
    console.log(`written to ${path.relative(process.cwd(), file)}`);
  }
  return 0;
}

runBench('fit:speakers', main);

/**
 * Quotation benchmark on ../shared/corpus/quotes-dev (84 news texts, hand-annotated quotes).
 *
 *   npm run bench:quotes [-- --pred FILE] [--failures]
 *
 * Wraps each doc as an HTML page, runs the real extraction (extractArticle), writes the
 * predictions in score.py's format ({doc: [{text, speaker}]}, default
 * dist/bench/quotes-pred.json), and scores them with bench/quotes-score.ts, a port of the
 * corpus's score.py (`python3 ../shared/corpus/quotes-dev/score.py GOLD PRED` prints the same).
 * `--failures` also lists missed quotes, false positives and wrong speakers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readBenchArgs } from './args.js';
import { runBench } from './corpus.js';
import { loadQuotesGold, predictQuotes, quotesDevDir } from './quotes-run.js';
import { formatScore, headline, scoreQuotes, type Gold } from './quotes-score.js';

const TARGETS = { f1: 0.95, namedSpeaker: 0.9, pronounResolved: 0.8, joint: 0.85 };

async function main(): Promise<number> {
  const values = readBenchArgs('usage: node dist/bench/quotes.js [--pred FILE] [--failures]', {
    pred: { type: 'string' },
    failures: { type: 'boolean' },
  });
  const predFile = values.pred ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'quotes-pred.json');
  const failures = values.failures ?? false;
  const gold: Gold = loadQuotesGold();
  const started = performance.now();
  const { predictions, docs } = await predictQuotes(gold);
  const elapsed = performance.now() - started;
  mkdirSync(path.dirname(predFile), { recursive: true });
  writeFileSync(predFile, `${JSON.stringify(predictions, null, 1)}\n`);
  for (const doc of docs) if (doc.error) console.error(`bench:quotes: ${doc.name}: ${doc.error}`);

  const score = scoreQuotes(gold, predictions);
  console.log(formatScore(score, 'gold.json'));
  const h = headline(score);
  const mark = (value: number, target: number) => `${(100 * value).toFixed(1)}% (target ≥ ${100 * target}%${value >= target ? ', met' : ', NOT met'})`;
  console.log('');
  console.log(`quote P ${(100 * h.precision).toFixed(1)}%  R ${(100 * h.recall).toFixed(1)}%  F1 ${mark(h.f1, TARGETS.f1)}`);
  console.log(`named-speaker accuracy ${mark(h.namedSpeaker, TARGETS.namedSpeaker)}`);
  console.log(`pronouns resolved to a name ${mark(h.pronounResolved, TARGETS.pronounResolved)}`);
  console.log(`joint ${mark(h.joint, TARGETS.joint)}`);
  console.log(`${docs.length} docs extracted in ${(elapsed / 1000).toFixed(1)} s; predictions written to ${predFile}`);
  console.log(`check: python3 ${path.join(quotesDevDir(), 'score.py')} ${path.join(quotesDevDir(), 'gold.json')} ${predFile}`);
  if (failures) {
    console.log('\nmissed gold quotes:');
    for (const m of score.misses) console.log(`  [${m.doc.slice(0, 30)}] (${m.kind}) ${m.text.slice(0, 100)}`);
    console.log('\nunmatched predictions:');
    for (const f of score.falsePositives) console.log(`  [${f.doc.slice(0, 30)}] ${f.text.slice(0, 100)}  — ${f.speaker}`);
    console.log('\nwrong speakers:');
    for (const w of score.wrongSpeakers) console.log(`  [${w.doc.slice(0, 30)}] ${w.type} gold=${w.gold} pred=${w.predicted} | ${w.text.slice(0, 70)}`);
  }
  return 0;
}

runBench('bench:quotes', main);

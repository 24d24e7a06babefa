import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldSubset, loadQuotesGold, predictQuotes, quotesDevDir, quotesTrainDir, trainHalf, type DocResult } from '../../eval/quotes-corpus.js';
import { headline, scoreQuotes, type Gold, type Predictions, type QuoteScore } from '../../eval/quotes-score.js';

// ../shared/corpus/quotes-dev: 84 news texts with hand-annotated quotations (see its README).
// The floors sit a little below what `npm run bench:quotes` measures; missing corpus = failure.

let gold: Gold;
let predictions: Predictions;
let docs: DocResult[];
let score: QuoteScore;

beforeAll(async () => {
  gold = loadQuotesGold();
  ({ predictions, docs } = await predictQuotes(gold));
  score = scoreQuotes(gold, predictions);
}, 300_000);

describe('quotations on quotes-dev', () => {
  it('extracts every doc', () => {
    expect(docs.filter((d) => d.error)).toEqual([]);
    expect(docs).toHaveLength(Object.keys(gold.docs).length);
  });

  // Measured 2026-12-02 09:50 (session 11): P 0.966, R 0.955, F1 0.960; named 0.966, pronouns 0.989, joint 0.934.
  it('finds the quotations (F1 ≥ 0.94) and names their speakers (named ≥ 0.95, pronouns ≥ 0.96, joint ≥ 0.92)', () => {
    const figures = headline(score);
    expect(figures.f1).toBeGreaterThanOrEqual(0.94);
    expect(figures.precision).toBeGreaterThanOrEqual(0.94);
    expect(figures.recall).toBeGreaterThanOrEqual(0.92);
    expect(figures.namedSpeaker).toBeGreaterThanOrEqual(0.95);
    expect(figures.pronounResolved).toBeGreaterThanOrEqual(0.96);
    expect(figures.joint).toBeGreaterThanOrEqual(0.92);
  });

  it('every quotation’s pieces are stretches of the article text, and the text is made of them', () => {
    for (const doc of docs) {
      for (const q of doc.quotes) {
        expect(q.pieces.length).toBeGreaterThan(0);
        expect(q.start).toBe(q.pieces[0]!.start);
        expect(q.end).toBe(q.pieces.at(-1)!.end);
        for (const piece of q.pieces) {
          const stretch = doc.text.slice(piece.start, piece.end).replace(/\s+/g, ' ');
          expect(q.text).toContain(stretch);
          // A quotation never runs on past its paragraph without the multi-paragraph marks.
          expect(stretch.length).toBeLessThan(3000);
        }
      }
    }
  });

  it('the TypeScript scorer gives the same figures as the corpus’s score.py', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clipfile-quotes-score-'));
    const predFile = join(dir, 'pred.json');
    const outFile = join(dir, 'score.json');
    writeFileSync(predFile, JSON.stringify(predictions));
    const python = spawnSync('python3', [join(quotesDevDir(), 'score.py'), join(quotesDevDir(), 'gold.json'), predFile, '--json', outFile], {
      encoding: 'utf8',
    });
    expect(python.error, 'python3 is needed to run score.py').toBeUndefined();
    expect(python.status).toBe(0);
    const reference = JSON.parse(readFileSync(outFile, 'utf8'));
    for (const mode of ['jaccard', 'shorter'] as const) {
      expect(score[mode].tp_pred).toBe(reference[mode].tp_pred);
      expect(score[mode].tp_gold).toBe(reference[mode].tp_gold);
      expect(score[mode].F1).toBeCloseTo(reference[mode].F1, 12);
    }
    expect(score.n_pred).toBe(reference.n_pred);
    expect(score.joint_named_recall).toEqual(reference.joint_named_recall);
    expect(score.fp_matching_nongold_quoted_text).toBe(reference.fp_matching_nongold_quoted_text);
    expect(score.recall_by).toEqual(reference.recall_by);
    for (const [type, counts] of Object.entries(reference.speaker as Record<string, Record<string, number>>)) {
      for (const [key, value] of Object.entries(counts)) expect(score.speaker[type]![key as keyof QuoteScore['speaker'][string]]).toBe(value);
    }
  });
});

describe('quotes-train halves', () => {
  it('splits the 840 articles into the same study (416) and check (424) halves every time, quotes with their article', () => {
    const train = loadQuotesGold(quotesTrainDir());
    const study = goldSubset(train, (name) => trainHalf(name) === 'study');
    const check = goldSubset(train, (name) => trainHalf(name) === 'check');
    expect([Object.keys(study.docs).length, Object.keys(check.docs).length]).toEqual([416, 424]);
    expect(study.quotes.length + check.quotes.length).toBe(train.quotes.length);
    expect(study.quotes.every((q) => q.doc in study.docs)).toBe(true);
    // FNV-1a of the name, computed independently (Python) for the first three articles.
    expect(Object.keys(train.docs).slice(0, 3).map(trainHalf)).toEqual(['check', 'study', 'study']);
  });
});

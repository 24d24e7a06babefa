import { describe, expect, it } from 'vitest';
import {
  explainPage,
  scoreCorpus,
  scorePage,
  shingleList,
  tokenize,
  ungluedReference,
  unmatchedStretches,
} from '../../eval/metric.js';

// Expected figures are computed by hand from the metric of the public benchmark
// (scrapinghub/article-extraction-benchmark evaluate.py); see eval/metric.ts.

describe('tokenize (Python re \\w+)', () => {
  it('splits on anything that is not a letter, number or underscore', () => {
    expect(tokenize('Hello, world! It’s 2024 — snake_case x2.')).toEqual([
      'Hello',
      'world',
      'It',
      's',
      '2024',
      'snake_case',
      'x2',
    ]);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  … — !! ')).toEqual([]);
  });

  it('handles Unicode words', () => {
    expect(tokenize('Привет мир')).toEqual(['Привет', 'мир']);
    expect(tokenize('café au lait')).toEqual(['café', 'au', 'lait']); // precomposed é (U+00E9)
    expect(tokenize('日本語のテキスト、です。')).toEqual(['日本語のテキスト', 'です']);
    expect(tokenize('½ ² ٣ Ⅻ')).toEqual(['½', '²', '٣', 'Ⅻ']); // No, No, Nd, Nl
  });

  it('like Python re, does not count combining marks as word characters', () => {
    // re.findall(r'\w+', 'cafe\u0301') == ['cafe'];  re.findall(r'\w+', 'नमस्ते') == ['नमस', 'त']
    expect(tokenize('cafe\u0301')).toEqual(['cafe']);
    expect(tokenize('नमस्ते')).toEqual(['नमस', 'त']);
  });
});

describe('shingleList', () => {
  it('makes 4-grams, one shingle of all tokens below 4, none for no tokens', () => {
    expect(shingleList(['a', 'b', 'c', 'd', 'e'])).toEqual(['a b c d', 'b c d e']);
    expect(shingleList(['a', 'b', 'c', 'd'])).toEqual(['a b c d']);
    expect(shingleList(['a', 'b'])).toEqual(['a b']);
    expect(shingleList([])).toEqual([]);
  });
});

describe('scorePage', () => {
  it('exact match', () => {
    const s = scorePage('The quick brown fox jumps.', 'The quick brown fox jumps');
    expect(s).toMatchObject({ tpCount: 2, fpCount: 0, fnCount: 0, tp: 1, fp: 0, fn: 0 });
    expect(s).toMatchObject({ precision: 1, recall: 1, f1: 1, exact: true });
  });

  it('empty prediction: precision 0, recall 0, no tp+fp', () => {
    const s = scorePage('one two three four five', '');
    expect(s).toMatchObject({ tpCount: 0, fpCount: 0, fnCount: 2, tp: 0, fp: 0, fn: 1 });
    expect(s).toMatchObject({ precision: 0, recall: 0, f1: 0, exact: false, predictedTokens: 0 });
  });

  it('extra text lowers precision only', () => {
    const s = scorePage('one two three four five', 'one two three four five six seven');
    expect(s).toMatchObject({ tpCount: 2, fpCount: 2, fnCount: 0, tp: 0.5, fp: 0.5, fn: 0 });
    expect(s).toMatchObject({ precision: 0.5, recall: 1, exact: false });
    expect(s.f1).toBeCloseTo(2 / 3, 12);
  });

  it('missing text lowers recall only', () => {
    const s = scorePage('one two three four five six seven', 'one two three four five');
    expect(s).toMatchObject({ tpCount: 2, fpCount: 0, fnCount: 2, tp: 0.5, fp: 0, fn: 0.5 });
    expect(s).toMatchObject({ precision: 1, recall: 0.5 });
  });

  it('normalises by tp+fp+fn', () => {
    // truth: abcd bcde cdef; pred: abcd bcde cdex
    const s = scorePage('a b c d e f', 'a b c d e x');
    expect(s).toMatchObject({ tpCount: 2, fpCount: 1, fnCount: 1, tp: 0.5, fp: 0.25, fn: 0.25 });
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
  });

  it('fewer than 4 tokens: the whole text is one shingle', () => {
    expect(scorePage('Hello world', 'Hello, world!')).toMatchObject({
      tpCount: 1,
      fpCount: 0,
      fnCount: 0,
      precision: 1,
      recall: 1,
      exact: true,
    });
    // One shingle each, and they differ: nothing matches at all.
    expect(scorePage('Hello world', 'Hello there world')).toMatchObject({
      tpCount: 0,
      fpCount: 1,
      fnCount: 1,
      tp: 0,
      fp: 0.5,
      fn: 0.5,
      precision: 0,
      recall: 0,
    });
    // Truth of 2 tokens inside a 4-token prediction: still no shingle in common.
    expect(scorePage('Hello world', 'Hello world again friend')).toMatchObject({ precision: 0, recall: 0 });
  });

  it('counts repeated shingles as multisets', () => {
    // truth shingles: wxyz ×2, xyzw, yzwx, zwxy (5); pred: wxyz ×1
    const short = scorePage('w x y z w x y z', 'w x y z');
    expect(short).toMatchObject({ tpCount: 1, fpCount: 0, fnCount: 4, precision: 1 });
    expect(short.tp).toBeCloseTo(0.2, 12);
    expect(short.fn).toBeCloseTo(0.8, 12);
    expect(short.recall).toBeCloseTo(0.2, 12);

    const doubled = scorePage('w x y z', 'w x y z w x y z');
    expect(doubled).toMatchObject({ tpCount: 1, fpCount: 4, fnCount: 0, recall: 1 });
    expect(doubled.precision).toBeCloseTo(0.2, 12);

    // Same text twice vs once in both: the second copy of each shingle is an fp.
    const twice = scorePage('a b c d e', 'a b c d e a b c d e');
    // truth: abcd bcde; pred: abcd bcde cdea deab eabc abcd bcde → tp 2, fp 5
    expect(twice).toMatchObject({ tpCount: 2, fpCount: 5, fnCount: 0 });
    expect(twice.precision).toBeCloseTo(2 / 7, 12);
  });

  it('is case-sensitive', () => {
    expect(scorePage('Hello World', 'hello world')).toMatchObject({ precision: 0, recall: 0, exact: false });
  });

  it('scores Unicode texts', () => {
    expect(scorePage('Привет мир', '«Привет, мир!»')).toMatchObject({ precision: 1, recall: 1, exact: true });
    // truth: [Привет мир это тест] [мир это тест café]; pred: the first only
    const s = scorePage('Привет мир это тест café.', 'Привет мир это тест');
    expect(s).toMatchObject({ tpCount: 1, fpCount: 0, fnCount: 1, precision: 1, recall: 0.5 });
    // Decomposed é splits the token, as in Python: "cafe" + mark ≠ "café".
    expect(scorePage('café', 'cafe\u0301')).toMatchObject({ precision: 0, recall: 0, exact: false });
  });

  it('both texts empty: all zero, precision and recall 1 (excluded from corpus means)', () => {
    expect(scorePage('', '—')).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, exact: true });
  });

  it('prediction without a true body: fp only', () => {
    expect(scorePage('', 'one two three four five')).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: 0 });
  });
});

describe('scoreCorpus', () => {
  const pages = [
    { truth: 'one two three four five', predicted: 'one two three four five' }, // P 1, R 1, exact
    { truth: 'one two three four five', predicted: '' }, // P excluded, R 0
    { truth: 'one two three four five', predicted: 'one two three four five six seven' }, // P .5, R 1
    { truth: 'one two three four five six seven', predicted: 'one two three four five' }, // P 1, R .5
  ];

  it('averages precision over pages with tp+fp > 0 and recall over pages with tp+fn > 0', () => {
    const s = scoreCorpus(pages);
    expect(s.pageCount).toBe(4);
    expect(s.precisionPages).toBe(3);
    expect(s.recallPages).toBe(4);
    expect(s.precision).toBeCloseTo(5 / 6, 12); // (1 + .5 + 1) / 3
    expect(s.recall).toBeCloseTo(5 / 8, 12); // (1 + 0 + 1 + .5) / 4
    expect(s.f1).toBeCloseTo(5 / 7, 12); // 2 · 5/6 · 5/8 / (5/6 + 5/8)
    expect(s.accuracy).toBe(0.25);
    expect(s.pages).toHaveLength(4);
  });

  it('a page where both texts are empty enters only the accuracy', () => {
    const s = scoreCorpus([...pages, { truth: '', predicted: '' }]);
    expect(s.precisionPages).toBe(3);
    expect(s.recallPages).toBe(4);
    expect(s.f1).toBeCloseTo(5 / 7, 12);
    expect(s.accuracy).toBeCloseTo(2 / 5, 12);
  });

  it('all-empty and no pages give zeros rather than NaN', () => {
    expect(scoreCorpus([])).toMatchObject({ f1: 0, precision: 0, recall: 0, accuracy: 0, pageCount: 0 });
    expect(scoreCorpus([{ truth: 'a b c d e', predicted: '' }])).toMatchObject({ f1: 0, precision: 0, recall: 0 });
  });
});

describe('diagnostics', () => {
  it('finds the words of the largest extra stretch', () => {
    const truth = 'one two three four five';
    const predicted = 'Subscribe now to our newsletter one two three four five';
    const { extra, missing } = unmatchedStretches(truth, predicted);
    // shingles 5 and 6 match and cover tokens 5..9; tokens 0..4 are in no matched shingle
    expect(extra).toEqual({ start: 0, length: 5, sample: 'Subscribe now to our newsletter' });
    expect(missing).toBeNull();
    expect(explainPage(truth, predicted)).toBe(
      'extra 5 shingles, largest stretch 5 words: "Subscribe now to our newsletter"',
    );
  });

  it('reports missing text, heavier side first, and cuts the sample', () => {
    const truth = 'a b c d e f g h i j k l m n o p q r s t';
    const { missing } = unmatchedStretches(truth, 'a b c d', 5);
    expect(missing).toEqual({ start: 4, length: 16, sample: 'e f g h i …' });
    expect(explainPage(truth, 'x y a b c d', 3)).toBe(
      'missing 16 shingles, largest stretch 16 words: "e f g …"; extra 2 shingles, largest stretch 2 words: "x y"',
    );
  });

  it('falls back to unmatched shingles when every word is matched somewhere (reordering)', () => {
    // truth p1 p2; pred p2 p1: only the join shingles differ
    const { extra } = unmatchedStretches('a b c d e f g h', 'e f g h a b c d');
    // pred shingles: efgh ✓, fgha ✗, ghab ✗, habc ✗, abcd ✓ → tokens 1..6
    expect(extra).toEqual({ start: 1, length: 6, sample: 'f g h a b c' });
  });

  it('says so when the extraction is empty', () => {
    expect(explainPage('one two three four five', '  ')).toBe('empty extraction');
  });
});

describe('ungluedReference (a diagnostic of references that glue words at line breaks)', () => {
  it('splits a reference word the extraction spells as two neighbouring words, and scores it whole', () => {
    const truth = 'Use the beam splittersto divide the light into two paths for the test';
    const extracted = 'Use the beam splitters to divide the light into two paths for the test';
    expect(scorePage(truth, extracted).f1).toBeLessThan(0.8);
    const reference = ungluedReference(truth, extracted);
    expect(reference).toBe('Use the beam splitters to divide the light into two paths for the test');
    expect(scorePage(reference, extracted).f1).toBe(1);
  });

  it('leaves alone a word the extraction has as it is, and one no two neighbouring words spell', () => {
    const truth = 'The website lists the overtime hours';
    // "website" is a word of the extraction as well as "web site": it stays; "over time" spells "overtime".
    expect(ungluedReference(truth, 'The website lists the over time hours of the web site')).toBe('The website lists the over time hours');
    expect(ungluedReference(truth, 'The site lists the hours')).toBe('The website lists the overtime hours');
  });
});

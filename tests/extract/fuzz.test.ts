import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptPages, seedPages } from '../../eval/fuzz-pages.js';
import { judgePage, mutatePage, seededRandom, TEST_SCALE } from '../../eval/fuzz-mutations.js';
import { ExtractPool } from '../../src/batch/extract-pool.js';

// A bounded slice of `npm run fuzz`: a fixed seed, small mutations, a few seconds. The pool's
// workers end a page that runs past the limit, which then fails the test as a timeout.
const SEED = 20261201;
const CASES = 4;
const TIME_LIMIT_MS = 30_000;

describe('fuzzing extraction with mutated corpus pages', () => {
  let pool: ExtractPool;
  beforeAll(() => {
    pool = new ExtractPool({ size: 1, timeLimitMs: TIME_LIMIT_MS });
  });
  afterAll(() => pool.close());

  it(`gives an Article with safe HTML or a one-line SourceError for each of ${CASES} mutated pages`, async () => {
    // The corpus is required: loading it throws when it is missing, failing the test.
    const seeds = seedPages(true);
    const random = seededRandom(SEED);
    const outcomes: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const page = seeds[Math.floor(random() * seeds.length)]!;
      const mutated = mutatePage(page.bytes, random, TEST_SCALE);
      const outcome = await judgePage(mutated.bytes, page.url, (input) => pool.extract(input));
      expect(outcome.problem, `case ${index}: ${page.name} after ${mutated.mutations.join(', ')}`).toBeNull();
      outcomes.push(outcome.result);
    }
    // The mutations hurt: not every page comes out as an article.
    expect(outcomes).toContain('article');
  });

  it('gives an Article or a one-line SourceError for every page kept in fixtures/hostile', async () => {
    for (const page of keptPages()) {
      const outcome = await judgePage(page.bytes, page.url, (input) => pool.extract(input));
      expect(outcome.problem, page.name).toBeNull();
    }
  });
});

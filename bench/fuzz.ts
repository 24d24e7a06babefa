/**
 * Fuzzing extraction: real pages (../shared/corpus aeb-dev and readability, and the golden
 * fixtures) mutated into hostile ones (eval/fuzz-mutations.ts: deep nesting, thousands of
 * embeds, broken tags, random bytes, …), each read as `extract` reads a file, in a pool of
 * worker threads that ends a page after the time limit. Every page must give an Article with
 * safe HTML or a one-line SourceError; a page that does not is kept in fixtures/hostile/ (the
 * page, and a .json saying where it came from and what went wrong), where the tests replay it.
 *
 *   npm run fuzz [-- --seed N] [--cases N] [--time-limit SECONDS]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ExtractPool } from '../src/batch/extract-pool.js';
import { readBenchArgs, wholeNumber } from './args.js';
import { findRepoRoot } from '../eval/corpus.js';
import { HOSTILE_FIXTURES_DIR, seedPages } from '../eval/fuzz-pages.js';
import { FULL_SCALE, judgePage, mutatePage, seededRandom } from '../eval/fuzz-mutations.js';
import { runBench } from './run.js';

function usage(): string {
  return 'usage: node dist/bench/fuzz.js [--seed N] [--cases N] [--time-limit SECONDS]';
}

async function main(): Promise<number> {
  const values = readBenchArgs(usage(), { seed: { type: 'string' }, cases: { type: 'string' }, 'time-limit': { type: 'string' } });
  const seed = wholeNumber('seed', values.seed, usage(), 0) ?? 1;
  const cases = wholeNumber('cases', values.cases, usage()) ?? 200;
  const timeLimitMs = (wholeNumber('time-limit', values['time-limit'], usage()) ?? 20) * 1000;
  const seeds = seedPages(true);
  const random = seededRandom(seed);
  const pool = new ExtractPool({ timeLimitMs });
  const keptDir = path.join(findRepoRoot(), HOSTILE_FIXTURES_DIR);
  console.log(`fuzz: seed ${seed}, ${cases} cases from ${seeds.length} pages, time limit ${timeLimitMs / 1000} s, ${pool.size} workers`);

  const counts = { article: 0, refused: 0, failed: 0 };
  let slowest = 0;
  let next = 0;
  // Mutations are drawn in case order, so a seed always gives the same pages whatever finishes first.
  const inputs = Array.from({ length: cases }, (_, index) => {
    const page = seeds[Math.floor(random() * seeds.length)]!;
    return { index, page, ...mutatePage(page.bytes, random, FULL_SCALE) };
  });
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      const outcome = await judgePage(input.bytes, input.page.url, (page) => pool.extract(page));
      counts[outcome.result]++;
      slowest = Math.max(slowest, outcome.ms);
      if (outcome.problem === null) continue;
      const name = `fuzz-${seed}-${input.index}`;
      mkdirSync(keptDir, { recursive: true });
      writeFileSync(path.join(keptDir, `${name}.html`), input.bytes);
      const about = { from: input.page.name, url: input.page.url, seed, case: input.index, mutations: input.mutations, problem: outcome.problem };
      writeFileSync(path.join(keptDir, `${name}.json`), `${JSON.stringify(about, null, 2)}\n`);
      console.log(`case ${input.index} (${input.page.name}; ${input.mutations.join(', ')}): ${outcome.problem} → kept as ${HOSTILE_FIXTURES_DIR}/${name}.html`);
    }
  };
  await Promise.all(Array.from({ length: pool.size }, worker));
  await pool.close();
  console.log(
    `${cases} cases: ${counts.article} articles, ${counts.refused} refused with a SourceError, ${counts.failed} failed; slowest ${(slowest / 1000).toFixed(1)} s`,
  );
  return counts.failed === 0 ? 0 : 1;
}

// Only as a script: the test imports seedPages and keptPages from here.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) runBench('fuzz', main);

/**
 * What every benchmark's entry point shares: running its main with one exit code per kind of
 * failure, and walking the folders it measures.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { CorpusMissingError } from '../eval/corpus.js';
import { BenchUsageError } from './args.js';

/**
 * Runs a benchmark's main and sets the exit code it returns (0 when it returns nothing). A
 * missing corpus is one line naming the benchmark and exit 1; a usage error (BenchUsageError) its
 * line and the usage, exit 2; anything else, a stack and exit 70.
 */
export function runBench(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof CorpusMissingError) {
        console.error(`${name}: ${error.message}`);
        process.exitCode = 1;
        return;
      }
      if (error instanceof BenchUsageError) {
        console.error(`${name}: ${error.message}`);
        process.exitCode = 2;
        return;
      }
      console.error(error);
      process.exitCode = 70;
    },
  );
}

/** Every file below `dir` (links not followed) with its stat, for the benches that measure folders. */
export function* filesBelow(dir: string): Generator<{ name: string; path: string; stat: Stats }> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesBelow(full);
    else if (entry.isFile()) yield { name: entry.name, path: full, stat: statSync(full) };
  }
}

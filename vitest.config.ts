import { defineConfig } from 'vitest/config';
import ProcessesFirstSequencer from './tests/helpers/sequencer.js';

/**
 * Projects so that `npm test` shows the slow suites apart: `unit` (modules, fixtures, local
 * servers and CLI runs), `heap` (files that need a heap of their own, below) and `slow`
 * (whole-corpus suites in tests/corpus/, the process-killing suite). Both run in one `vitest run`; `npx vitest run --project unit` runs the quick
 * half alone while working.
 */
const SLOW_SUITES = ['tests/corpus/**/*.test.ts', 'tests/archive/crash.test.ts'];
/**
 * Files that assert what the garbage collector frees: they need a heap of their own, which the
 * unit project's shared module graph does not give (a page of another file's still in reach
 * made the check fail once in a full run).
 */
const OWN_HEAP_SUITES = ['tests/extract/parse.test.ts'];

const PER_TEST = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    globalSetup: ['./tests/helpers/scratch-root.ts', './tests/helpers/bundle.ts'],
    ...PER_TEST,
    // Two cores: the extraction-heavy suites contend, so keep the pool small.
    maxWorkers: 2,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    // Without a results cache (a fresh clone, CI), the files that start processes start first.
    sequence: { sequencer: ProcessesFirstSequencer },
    // The projects repeat the per-test settings but not globalSetup, which runs once, at the root.
    projects: [
      // One module graph per worker for the unit files: evaluating src/ (the extraction pipeline,
      // the archive, the schemas) again for each of about 130 files cost about as much CPU as
      // the tests themselves. The slow suites keep a fresh one each.
      { test: { ...PER_TEST, name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...SLOW_SUITES, ...OWN_HEAP_SUITES], isolate: false } },
      { test: { ...PER_TEST, name: 'heap', include: OWN_HEAP_SUITES } },
      { test: { ...PER_TEST, name: 'slow', include: SLOW_SUITES } },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./tests/helpers/scratch-root.ts', './tests/helpers/bundle.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: the extraction-heavy suites contend, so keep the pool small.
    maxWorkers: 2,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});

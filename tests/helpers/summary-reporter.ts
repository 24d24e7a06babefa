import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** How many of a project's slowest files the summary names. */
const SLOWEST_SHOWN = 5;

interface ProjectTally {
  files: number;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  slowest: Array<{ file: string; seconds: number }>;
}

/**
 * Ends the run with one line per project (`unit`, `slow`: see vitest.config.ts) naming its
 * slowest files, then one plain "N passed, N failed, N skipped" line, a format CI systems read
 * whatever the test runner. Errors thrown outside any test fail the run although every test
 * passed: the line names them too, so nobody reads "0 failed" as a green run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    const projects = new Map<string, ProjectTally>();
    for (const module of testModules) {
      const name = module.project.name || 'tests';
      const tally = projects.get(name) ?? { files: 0, passed: 0, failed: 0, skipped: 0, seconds: 0, slowest: [] };
      projects.set(name, tally);
      tally.files++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') tally.passed++;
        else if (state === 'failed') tally.failed++;
        else tally.skipped++;
      }
      // A file that failed to load has no tests but must still count as a failure.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) tally.failed++;
      const seconds = module.diagnostic().duration / 1000;
      tally.seconds += seconds;
      tally.slowest.push({ file: module.relativeModuleId, seconds });
    }
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    process.stdout.write('\n');
    for (const [name, tally] of projects) {
      passed += tally.passed;
      failed += tally.failed;
      skipped += tally.skipped;
      const slowest = tally.slowest
        .sort((a, b) => b.seconds - a.seconds)
        .slice(0, SLOWEST_SHOWN)
        .map((entry) => `${entry.file} ${entry.seconds.toFixed(1)} s`)
        .join(', ');
      process.stdout.write(
        `${name}: ${tally.files} files, ${tally.passed} passed, ${tally.failed} failed, ${tally.seconds.toFixed(0)} s of test time; slowest: ${slowest}\n`,
      );
    }
    const outside = unhandledErrors.length > 0 ? `, ${unhandledErrors.length} unhandled errors outside tests (the run fails)` : '';
    process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped${outside}\n`);
  }
}

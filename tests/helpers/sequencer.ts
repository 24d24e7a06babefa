/**
 * The order test files start in. vitest starts the files that took longest last time first,
 * from its results cache (node_modules/.vite/vitest/); with no cache (a fresh clone, CI) it
 * starts the largest files first, and some of the slowest files are small: they run the CLI,
 * servers, worker threads or a browser, a second or more each. Without a cache, those files
 * start first here (largest first among them), so that none of them is left to run alone at
 * the end on one of the two workers. With a duration cached for every file, vitest's order.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** What a test file that starts processes, servers or threads says in its source. */
const STARTS_PROCESSES = /\b(runCli|runCliOnTerminal|spawn|execFile|TestServer|startServers|ExtractPool|chromium)\b/;

export default class ProcessesFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    if (files.every((file) => this.cachedDuration(file) !== undefined)) return super.sort(files);
    const weight = new Map(files.map((file) => [file, uncachedWeight(file.moduleId)]));
    // Projects one after the other, as BaseSequencer has them; then the heaviest first.
    return [...files].sort((a, b) => a.project.name.localeCompare(b.project.name) || weight.get(b)! - weight.get(a)!);
  }

  /** The file's duration in the last run (ms), from vitest's results cache. */
  private cachedDuration(file: TestSpecification): number | undefined {
    const key = `${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`;
    return this.ctx.cache.getFileTestResults(key)?.duration;
  }
}

/**
 * A stand-in for a file's duration when the cache has none: its size in bytes, times ten when it
 * starts processes (a 10 kB file of CLI runs outlasts a 40 kB file of pure functions).
 */
function uncachedWeight(path: string): number {
  const source = readFileSync(path, 'utf8');
  return source.length * (STARTS_PROCESSES.test(source) ? 10 : 1);
}

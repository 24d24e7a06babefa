/**
 * vitest globalSetup: bin/clipfile.js runs the bundle (dist/bundle/), so the CLI tests build
 * it first from the compiled dist/src/ (`npx tsc -p tsconfig.json` before vitest, as always):
 * they then exercise what `npm ci` installs, and never a bundle older than the code.
 *
 * `npm test` compiles dist/ just before, so the bundle is always rebuilt there; a run of a few
 * files after no new compile (`npx vitest run tests/x.test.ts` while working) keeps the bundle
 * when it is newer than everything it is built from, a few seconds of CPU saved per run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

/** What the bundle is built from besides dist/src/: the script and the installed packages. */
const BUILD_INPUTS = ['scripts/bundle.mjs', 'package-lock.json', 'node_modules/.package-lock.json'];

export default function setup(): void {
  if (bundleIsFresh()) return;
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

function bundleIsFresh(): boolean {
  const bundleDir = join(repoRoot, 'dist/bundle');
  const bundles = existsSync(bundleDir) ? readdirSync(bundleDir).filter((name) => name.endsWith('.js')) : [];
  if (bundles.length === 0) return false;
  const built = Math.min(...bundles.map((name) => statSync(join(bundleDir, name)).mtimeMs));
  const inputs = BUILD_INPUTS.map((path) => join(repoRoot, path)).filter((path) => existsSync(path));
  return newestMtime(join(repoRoot, 'dist/src'), inputs) < built;
}

/** The newest mtime of `files` and of every file below `dir`. */
function newestMtime(dir: string, files: string[]): number {
  let newest = Math.max(0, ...files.map((file) => statSync(file).mtimeMs));
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

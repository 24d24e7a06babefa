/**
 * vitest globalSetup: bin/clipfile.js runs the bundle (dist/bundle/), so the CLI tests build
 * it first from the compiled dist/src/ (`npx tsc -p tsconfig.json` before vitest, as always):
 * they then exercise what `npm ci` installs, and never a bundle older than the code.
 */
import { execFileSync } from 'node:child_process';
import { repoRoot } from './cli.js';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

/**
 * vitest globalSetup: every test's scratch folders (mkdtemp under os.tmpdir()) go into one
 * folder for the run, removed at its end, so a test run leaves nothing in /tmp. Test workers
 * and the CLI processes they start inherit TMPDIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'clipfile-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}

/** Writing the site's files: whole or not at all, and shared ones only when their content changed. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Writes a file of the site, written whole under a temporary name first: a reader never sees half a page. */
export function writeSiteFile(out: string, path: string, content: string | Buffer): void {
  const file = join(out, path);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}-${threadId}`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** Writes a shared file of the site only when its content changed: a rebuild leaves the others (and their times) alone. */
export function writeSiteFileIfChanged(out: string, path: string, content: string | Buffer): boolean {
  try {
    const before = readFileSync(join(out, path));
    if (before.equals(typeof content === 'string' ? Buffer.from(content) : content)) return false;
  } catch {
    // not there yet
  }
  writeSiteFile(out, path, content);
  return true;
}

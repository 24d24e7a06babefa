/**
 * A page folder's check log, checks.ndjson: one JSON line per time the page was checked
 * (archived, or unchanged), appended and fsynced. The log can lose a line (a disk that filled
 * up right after a snapshot was renamed into place): the "archived" line of a snapshot is
 * derived again from the snapshot itself.
 */
import { closeSync, fsyncSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError } from './fs-errors.js';
import { readArchivedArticle, relativeToRoot, snapshotNames } from './folders.js';
import type { CheckRecord } from './index-db.js';
import { ARCHIVE_FILES } from './layout.js';
import { OPEN_FLAGS, openInsideRoot, readFileNoFollow } from './safe-fs.js';

export function appendCheck(root: string, pageDir: string, check: CheckRecord): void {
  const descriptor = openInsideRoot(root, join(pageDir, ARCHIVE_FILES.checks), OPEN_FLAGS.append);
  try {
    writeSync(descriptor, `${JSON.stringify(check)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** The page's check log; a line cut short by a crash is skipped, a log reached through a link is not read. */
export function readChecks(pageDir: string): CheckRecord[] {
  let content: string;
  try {
    content = readFileNoFollow(join(pageDir, ARCHIVE_FILES.checks)).toString('utf8');
  } catch {
    return [];
  }
  const checks: CheckRecord[] = [];
  for (const line of content.split('\n')) {
    try {
      const check = JSON.parse(line) as unknown;
      if (isCheckRecord(check)) checks.push(check);
    } catch {
      // partial line
    }
  }
  return checks;
}

const CHECK_RESULTS: ReadonlySet<unknown> = new Set<CheckRecord['result']>(['archived', 'unchanged']);

/** A line as appendCheck writes it; anything else (edited by hand, another tool's) is not a check. */
function isCheckRecord(value: unknown): value is CheckRecord {
  if (typeof value !== 'object' || value === null) return false;
  const check = value as Record<string, unknown>;
  return (
    typeof check.checkedAt === 'string' &&
    !Number.isNaN(Date.parse(check.checkedAt)) &&
    CHECK_RESULTS.has(check.result) &&
    (check.snapshot === null || typeof check.snapshot === 'string') &&
    (check.reachedBy === undefined || (Array.isArray(check.reachedBy) && check.reachedBy.every((url) => typeof url === 'string')))
  );
}

/**
 * The "archived" check of each snapshot whose line is missing from checks.ndjson, derived from
 * the snapshot itself (it was checked when it was fetched).
 */
export function missingChecks(pageDir: string): CheckRecord[] {
  const recorded = new Set(readChecks(pageDir).filter((check) => check.result === 'archived').map((check) => check.snapshot));
  const missing: CheckRecord[] = [];
  for (const name of snapshotNames(pageDir)) {
    if (recorded.has(name)) continue;
    const article = readArchivedArticle(join(pageDir, name));
    if (article) missing.push({ checkedAt: article.provenance.fetchedAt, result: 'archived', snapshot: name });
  }
  return missing;
}

/**
 * Appends the check line of each snapshot of the page that has none, with a note for each;
 * returns the checks restored. A line that cannot be written throws, unless `tolerant`
 * (reindex: the checks are derived from the snapshots, so they are indexed anyway, with a note).
 */
export function restoreMissingChecks(
  root: string,
  pageDir: string,
  onNote: (message: string) => void,
  options: { tolerant?: boolean } = {},
): CheckRecord[] {
  const missing = missingChecks(pageDir);
  for (const check of missing) {
    const snapshot = relativeToRoot(root, join(pageDir, check.snapshot!));
    try {
      appendCheck(root, pageDir, check);
      onNote(`added the missing check line of ${snapshot} to checks.ndjson`);
    } catch (error) {
      if (!options.tolerant) throw error;
      onNote(`the missing check line of ${snapshot} could not be added to checks.ndjson (${describeFsError(error)})`);
    }
  }
  return missing;
}

/**
 * What `archive` says about its run: each source's --json row and stderr line, the tally the
 * summary line and the exit code are read from, and the summary line itself.
 */
import type { BatchOutcome, BatchStatus } from '../batch/run.js';
import { doubtfulMessage, isDoubtful } from './min-confidence.js';
import { errorCode, type Reporter } from './reporter.js';
import { terminalLine } from './terminal-text.js';
import { plural } from '../text/index.js';

export interface ReportFlags {
  json?: boolean;
  quiet?: boolean;
  minConfidence?: number;
}

/** The outcomes so far, counted as the summary line and the exit code need them. */
export class ArchiveTally {
  readonly counts: Record<BatchStatus, number> = { archived: 0, unchanged: 0, failed: 0, skipped: 0, expanded: 0 };
  /** Sources listed again in the run (fetched once), not counted as pages. */
  duplicates = 0;
  disallowed = 0;
  doubtful = 0;
  /** Sources not archived (failed or interrupted), with their place in the list, for --failed-out. */
  readonly notArchived: { index: number; source: string }[] = [];

  constructor(private readonly minConfidence: number | undefined) {}

  add(outcome: BatchOutcome): void {
    if (outcome.duplicateOf !== null) {
      this.duplicates++;
      return;
    }
    this.counts[outcome.status]++;
    if (outcome.skipReason === 'disallowed') this.disallowed++;
    if (isDoubtfulOutcome(outcome, this.minConfidence)) this.doubtful++;
    if (outcome.status === 'failed' || outcome.skipReason === 'interrupted') this.notArchived.push(outcome);
  }

  /** The sources to retry, each once, in the order they were listed. */
  retryList(): string[] {
    return [...new Set([...this.notArchived].sort((a, b) => a.index - b.index).map((entry) => entry.source))];
  }

  /** "2 archived, 0 unchanged, 1 failed, 1 disallowed by robots.txt in 3.2 s". */
  summary(elapsedSeconds: number): string {
    const { counts } = this;
    const interruptedCount = counts.skipped - this.disallowed;
    const skippedParts = [
      this.disallowed > 0 ? `, ${this.disallowed} disallowed by robots.txt` : '',
      interruptedCount > 0 ? `, ${interruptedCount} interrupted` : '',
    ].join('');
    const duplicatePart = this.duplicates > 0 ? `, ${this.duplicates} listed twice (fetched once)` : '';
    const doubtfulPart = this.doubtful > 0 ? `; ${this.doubtful} below --min-confidence ${this.minConfidence}` : '';
    const expandedPart = counts.expanded > 0 ? `${plural(counts.expanded, 'feed, sitemap or WARC', 'feeds, sitemaps or WARCs')} expanded, ` : '';
    return `${expandedPart}${counts.archived} archived, ${counts.unchanged} unchanged, ${counts.failed} failed${skippedParts}${duplicatePart} in ${elapsedSeconds.toFixed(1)} s${doubtfulPart}`;
  }
}

export function isDoubtfulOutcome(outcome: BatchOutcome, minConfidence: number | undefined): boolean {
  return outcome.confidence !== null && isDoubtful({ confidence: outcome.confidence }, minConfidence);
}

/** One source's --json row on stdout and its line (and warnings) on stderr. */
export function reportOutcome(outcome: BatchOutcome, flags: ReportFlags, reporter: Reporter): void {
  const skipReason = outcome.skipReason === 'disallowed' ? 'disallowed by robots.txt' : outcome.skipReason === 'interrupted' ? 'interrupted' : null;
  const doubtful = isDoubtfulOutcome(outcome, flags.minConfidence);
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({
        source: outcome.source,
        url: outcome.url,
        status: outcome.status,
        key: outcome.key,
        snapshot: outcome.snapshotPath,
        title: outcome.title,
        error: outcome.status === 'failed' ? reporter.reason(outcome.error) : null,
        code: outcome.status === 'failed' ? errorCode(outcome.error) : null,
        reason: skipReason,
        attempts: outcome.attempts,
        confidence: outcome.confidence,
        duplicateOf: outcome.duplicateOf,
        kind: outcome.kind,
        entries: outcome.entries,
        origin: outcome.origin,
        rendered: outcome.rendered,
        warnings: outcome.warnings,
        ...(flags.minConfidence === undefined ? {} : { doubtful }),
      })}\n`,
    );
  }
  if (outcome.duplicateOf !== null) {
    if (!flags.quiet) reporter.note(`duplicate ${outcome.source}: listed before as ${outcome.duplicateOf}, not fetched again`);
    return;
  }
  if (outcome.status === 'failed') reporter.failure(outcome.error, outcome.source);
  else if (outcome.status === 'skipped') {
    const hop = outcome.disallowedHop ? ` (redirected to ${outcome.disallowedHop})` : '';
    if (!flags.quiet && outcome.skipReason === 'disallowed') reporter.outcome('skipped', `${outcome.source}: ${skipReason}${hop}`);
  } else if (outcome.status === 'expanded') {
    const listed = outcome.entries ?? 0;
    const what = outcome.kind === 'page' ? plural(listed, 'feed') : plural(listed, 'entry', 'entries');
    if (!flags.quiet) reporter.info(terminalLine(`expanded  ${outcome.source}: ${outcome.kind}, ${what} to archive`));
  } else if (outcome.kind !== 'page') {
    // A feed answering 304: nothing new listed.
    if (!flags.quiet) reporter.outcome('unchanged', terminalLine(`${outcome.source}: ${outcome.kind} not modified`));
  } else if (!flags.quiet) reporter.outcome(outcome.status, `${outcome.url} → ${outcome.snapshotPath}`);
  if (!flags.quiet) for (const warning of outcome.warnings) reporter.warning(`${outcome.source}: ${warning}`);
  if (doubtful) reporter.warning(doubtfulMessage(outcome.source, { confidence: outcome.confidence! }, flags.minConfidence!));
}

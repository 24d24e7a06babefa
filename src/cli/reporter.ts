import { Chalk, chalkStderr, type ChalkInstance } from 'chalk';
import type { DiffPart, SnapshotDiff } from '../archive/diff.js';

/** The diff module's renderers, passed in so that this file loads no archive code. */
export interface DiffFormatting {
  parts(diff: SnapshotDiff): DiffPart[];
  mark(part: DiffPart): string;
  stats(stats: SnapshotDiff['stats']): string;
}
import { SourceError } from '../errors.js';

/**
 * Everything clipfile says to people goes through here, to stderr. Colour only when stderr is
 * a terminal and neither NO_COLOR nor --no-color asks otherwise.
 */
export class Reporter {
  private readonly color: ChalkInstance;

  constructor(
    private readonly stderr: NodeJS.WritableStream = process.stderr,
    options: { color?: boolean } = {},
  ) {
    const noColorEnv = (process.env['NO_COLOR'] ?? '') !== '';
    const useColor = options.color !== false && !noColorEnv && chalkStderr.level > 0;
    this.color = new Chalk({ level: useColor ? chalkStderr.level : 0 });
  }

  /** One line naming the source and what went wrong. */
  failure(error: unknown, source: string): void {
    const line = error instanceof SourceError ? error.message : `${source}: ${describeUnexpected(error)}`;
    this.stderr.write(`${this.color.red('error')} ${line}\n`);
  }

  /** "error <source>: <reason>" for failures that are not exceptions. */
  error(source: string, reason: string): void {
    this.stderr.write(`${this.color.red('error')} ${source}: ${reason}\n`);
  }

  /** How search hits mark matched words: bold on a terminal, **word** elsewhere. */
  highlightMarkers(): [string, string] {
    if (this.color.level === 0) return ['**', '**'];
    const [open, close] = this.color.bold.yellow('\u0000').split('\u0000');
    return [open ?? '', close ?? ''];
  }

  /** A word diff: [-removed-] and {+added+} (the wdiff convention), coloured on a terminal. */
  renderDiff(diff: SnapshotDiff, format: DiffFormatting): string {
    const lines: string[] = [];
    if (diff.titleChanged) {
      lines.push(`Title: ${JSON.stringify(diff.titleChanged.before)} → ${JSON.stringify(diff.titleChanged.after)}`);
    }
    if (!diff.identical) {
      const paint = (part: DiffPart) =>
        part.kind === 'added' ? this.color.green : part.kind === 'removed' ? this.color.red : (text: string) => text;
      lines.push(...format.parts(diff).map((part) => paint(part)(format.mark(part))).join('').split('\n'));
      lines.push(`(${format.stats(diff.stats)})`);
    }
    return lines.map((line) => `    ${line}`.trimEnd()).join('\n') + '\n';
  }

  /** The reason of a failure without the source, for JSON output. */
  reason(error: unknown): string {
    return error instanceof SourceError ? error.reason : describeUnexpected(error);
  }

  /** "archived https://… → path", "unchanged …": one line per source of a run. */
  outcome(status: 'archived' | 'unchanged', detail: string): void {
    const label = status === 'archived' ? this.color.green('archived ') : this.color.dim('unchanged');
    this.stderr.write(`${label} ${detail}\n`);
  }

  warning(message: string): void {
    this.stderr.write(`${this.color.yellow('warning')} ${message}\n`);
  }

  info(message: string): void {
    this.stderr.write(`${message}\n`);
  }
}

export function describeUnexpected(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message.split('\n')[0]}`;
}

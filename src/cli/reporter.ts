import { Chalk, chalkStderr, type ChalkInstance } from 'chalk';
import type { DiffPart, SnapshotDiff } from '../archive/diff.js';
import { SourceError } from '../errors.js';
import { terminalBlock, terminalLine } from './terminal-text.js';

/** The diff module's renderers, passed in so that this file loads no archive code. */
export interface DiffFormatting {
  parts(diff: SnapshotDiff): DiffPart[];
  mark(part: DiffPart): string;
  stats(stats: SnapshotDiff['stats']): string;
}

export interface Progress {
  total: number;
  archived: number;
  unchanged: number;
  failed: number;
  skipped: number;
  startedAt: number;
}

/**
 * Everything clipfile says to people goes through here, to stderr. Colour only when stderr is
 * a terminal and neither NO_COLOR nor --no-color asks otherwise. Every message may carry a
 * source, a server's reason phrase or a title, so each is made one safe line (terminalLine)
 * before it is written, on a terminal and in a pipe alike.
 */
export class Reporter {
  private readonly color: ChalkInstance;
  /** A progress bar is drawn only on a terminal; cron logs and pipes get plain lines. */
  private readonly interactive: boolean;
  private statusLine = '';

  constructor(
    private readonly stderr: NodeJS.WritableStream = process.stderr,
    options: { color?: boolean } = {},
  ) {
    const noColorEnv = (process.env['NO_COLOR'] ?? '') !== '';
    const useColor = options.color !== false && !noColorEnv && chalkStderr.level > 0;
    this.color = new Chalk({ level: useColor ? chalkStderr.level : 0 });
    this.interactive = (stderr as NodeJS.WriteStream).isTTY === true;
  }

  /** Writes whole lines, keeping the progress bar (if any) below them. */
  private emit(text: string): void {
    if (!this.statusLine) {
      this.stderr.write(text);
      return;
    }
    this.stderr.write(`\r\u001b[2K${text}${this.statusLine}`);
  }

  /** Redraws the progress bar: done / failed / unchanged, rate and ETA. Terminal only. */
  progress(state: Progress): void {
    if (!this.interactive) return;
    const done = state.archived + state.unchanged + state.failed + state.skipped;
    const seconds = Math.max((Date.now() - state.startedAt) / 1000, 0.001);
    const rate = done / seconds;
    const eta = rate > 0 ? Math.round((state.total - done) / rate) : null;
    const width = 24;
    const filled = Math.round((done / Math.max(state.total, 1)) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const parts = [
      `${done}/${state.total}`,
      this.color.green(`${state.archived} archived`),
      `${state.unchanged} unchanged`,
      state.failed ? this.color.red(`${state.failed} failed`) : '0 failed',
      ...(state.skipped ? [this.color.yellow(`${state.skipped} skipped`)] : []),
      `${rate.toFixed(1)}/s`,
      eta === null ? 'ETA –' : `ETA ${eta} s`,
    ];
    this.statusLine = `${this.color.cyan(bar)} ${parts.join(' · ')}`;
    this.stderr.write(`\r\u001b[2K${this.statusLine}`);
  }

  /** Removes the progress bar before the summary. */
  endProgress(): void {
    if (!this.statusLine) return;
    this.stderr.write('\r\u001b[2K');
    this.statusLine = '';
  }

  /** One line naming the source and what went wrong. */
  failure(error: unknown, source: string): void {
    const line = error instanceof SourceError ? error.message : `${source}: ${describeUnexpected(error)}`;
    this.emit(`${this.color.red('error')} ${terminalLine(line)}\n`);
  }

  /** "error <source>: <reason>" for failures that are not exceptions. */
  error(source: string, reason: string): void {
    this.emit(`${this.color.red('error')} ${terminalLine(`${source}: ${reason}`)}\n`);
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
      lines.push(`Title: ${terminalLine(JSON.stringify(diff.titleChanged.before))} → ${terminalLine(JSON.stringify(diff.titleChanged.after))}`);
    }
    if (!diff.identical) {
      const paint = (part: DiffPart) =>
        part.kind === 'added' ? this.color.green : part.kind === 'removed' ? this.color.red : (text: string) => text;
      // Page text, for people: its control characters shown, not run.
      lines.push(...format.parts(diff).map((part) => paint(part)(terminalBlock(format.mark(part)))).join('').split('\n'));
      lines.push(`(${format.stats(diff.stats)})`);
    }
    return lines.map((line) => `    ${line}`.trimEnd()).join('\n') + '\n';
  }

  /** The reason of a failure without the source, for JSON output. */
  reason(error: unknown): string {
    return error instanceof SourceError ? error.reason : describeUnexpected(error);
  }

  /** "archived https://… → path", "unchanged …", "skipped …": one line per source of a run. */
  outcome(status: 'archived' | 'unchanged' | 'skipped', detail: string): void {
    const label =
      status === 'archived' ? this.color.green('archived ') : status === 'skipped' ? this.color.yellow('skipped  ') : this.color.dim('unchanged');
    this.emit(`${label} ${terminalLine(detail)}\n`);
  }

  /** Something worth a line that is neither an outcome nor a problem (a retry under way). */
  note(message: string): void {
    this.emit(`${this.color.dim(terminalLine(message))}\n`);
  }

  warning(message: string): void {
    this.emit(`${this.color.yellow('warning')} ${terminalLine(message)}\n`);
  }

  info(message: string): void {
    this.emit(`${terminalLine(message)}\n`);
  }
}

/** The stable code of a failure ("http-status", "timeout", "bad-url", …); "internal" only for a bug. */
export function errorCode(error: unknown): string {
  return error instanceof SourceError ? error.code : 'internal';
}

export function describeUnexpected(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message.split('\n')[0]}`;
}

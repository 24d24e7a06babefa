import { Chalk, chalkStderr, type ChalkInstance } from 'chalk';
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

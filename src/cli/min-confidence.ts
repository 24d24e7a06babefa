import { Command, InvalidArgumentError } from 'commander';
import type { Article } from '../article.js';

/** Parses the value of --min-confidence: a number from 0 to 1. */
export function parseMinConfidence(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new InvalidArgumentError('--min-confidence must be a number from 0 to 1.');
  }
  return number;
}

/** Adds `--min-confidence <n>` to a command that extracts pages (extract, archive). */
export function addMinConfidenceOption(command: Command): Command {
  return command.option(
    '--min-confidence <n>',
    'flag pages whose extraction confidence (0..1) is below n; the run then exits 3',
    parseMinConfidence,
  );
}

/** Whether an article is doubtful under --min-confidence (never, when the option is not given). */
export function isDoubtful(article: Pick<Article, 'confidence'>, minConfidence: number | undefined): boolean {
  return minConfidence !== undefined && article.confidence < minConfidence;
}

/** The one stderr line (after "warning ") for a doubtful page, naming its source. */
export function doubtfulMessage(source: string, article: Pick<Article, 'confidence'>, minConfidence: number): string {
  return `${source}: doubtful extraction: confidence ${article.confidence.toFixed(2)} is below --min-confidence ${minConfidence}; check the result`;
}

import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_MARKUP_CHARS, type ComplexityLimits } from '../extract/limits.js';

/** `--max-markup-mb` counts millions of characters of markup. */
const CHARACTERS_PER_MB = 1_000_000;

export interface LimitFlags {
  maxElements: number;
  maxDepth: number;
  maxMarkupMb: number;
}

function positiveWholeNumber(label: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number <= 0) throw new InvalidArgumentError(`${label} must be a positive whole number.`);
    return number;
  };
}

/** A commander option parser for a measure (seconds, MiB): a number above 0; `label` names the option in the error. */
export function positiveNumber(label: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(`${label} must be a positive number.`);
    return number;
  };
}

/**
 * The complexity limits a page must stay within (src/extract/limits.ts), for `extract` and
 * `archive`: a page past one fails with `too-complex`, and these raise them for a page that
 * needs it.
 */
export function addLimitOptions(command: Command): Command {
  return command
    .option('--max-elements <n>', 'refuse pages with more elements than this (too-complex)', positiveWholeNumber('--max-elements'), DEFAULT_MAX_ELEMENTS)
    .option('--max-depth <n>', 'refuse pages whose elements nest deeper than this, or whose depth × markup characters pass it × 400,000 (too-complex)', positiveWholeNumber('--max-depth'), DEFAULT_MAX_DEPTH)
    .option(
      '--max-markup-mb <millions>',
      'refuse pages with more than this many million characters of markup, scripts and styles aside (too-complex)',
      positiveNumber('--max-markup-mb'),
      DEFAULT_MAX_MARKUP_CHARS / CHARACTERS_PER_MB,
    );
}

/** The limits as PageInput takes them. */
export function limitsFrom(flags: LimitFlags): ComplexityLimits {
  return {
    maxElements: flags.maxElements,
    maxDepth: flags.maxDepth,
    maxMarkupChars: Math.round(flags.maxMarkupMb * CHARACTERS_PER_MB),
  };
}

/**
 * Command-line options of the benchmarks, read with Node's util.parseArgs (strict: an unknown
 * option or a missing value is a BenchUsageError, which runBench reports in one line plus the
 * usage, exit 2). `-h` / `--help` prints the usage and exits 0.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

type Values<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true }>>['values'];

export function readBenchArgs<const O extends OptionsConfig>(usage: string, options: O, args: readonly string[] = process.argv.slice(2)): Values<O> {
  if (args.includes('-h') || args.includes('--help')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args: [...args], options, strict: true }).values;
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** A whole number ≥ min from an option's text; undefined when the option was not given. */
export function wholeNumber(option: string, text: string | undefined, usage: string, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new BenchUsageError(`--${option} takes a whole number ≥ ${min}\n${usage}`);
  return n;
}

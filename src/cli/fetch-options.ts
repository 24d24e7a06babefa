import { Command, InvalidArgumentError, Option } from 'commander';
import type { AcquireOptions } from '../acquire/index.js';
import type { DomEngine } from '../extract/parse.js';
import { DEFAULT_TIME_LIMIT_MS } from '../extract/limits.js';
import { ExitCode } from './exit-codes.js';
import { positiveNumber } from './limit-options.js';

export interface FetchFlags {
  url?: string;
  timeout: number;
  maxSize: number;
  userAgent?: string;
}


/** A commander option parser for a count: a whole number above 0. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive whole number.');
  return number;
}

function absoluteHttpUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('expected an absolute http(s) URL.');
}

/** The options every command that reads pages shares. */
export function addFetchOptions(command: Command): Command {
  return command
    .option('--url <url>', 'the page URL of a file or stdin (links and metadata are resolved against it)', absoluteHttpUrl)
    .option('--timeout <seconds>', 'give up on a request after this many seconds', positiveNumber('--timeout'), 30)
    .option('--max-size <MiB>', 'refuse pages larger than this', positiveNumber('--max-size'), 20)
    .option('--user-agent <string>', 'User-Agent header to send');
}

/** `--time-limit SECONDS`: how long one page's extraction may take before it fails (`timeout`). */
export function addTimeLimitOption(command: Command): Command {
  return command.option(
    '--time-limit <seconds>',
    'fail a page whose extraction takes longer than this (a pathological page must not hang a script)',
    positiveNumber('--time-limit'),
    DEFAULT_TIME_LIMIT_MS / 1000,
  );
}

/**
 * `--dom linkedom|jsdom`: the DOM extraction runs on. Written out here rather than imported
 * from extract/parse.ts, which would load both DOMs before any command runs.
 */
export function addDomOption(command: Command): Command {
  const engines: DomEngine[] = ['linkedom', 'jsdom'];
  return command.addOption(
    new Option('--dom <engine>', 'the DOM to extract on: linkedom (fast) or jsdom (the reference, slower; a page that fails on linkedom is retried on it)')
      .choices(engines)
      .default('linkedom'),
  );
}

/**
 * `--url` names the one page a file or stdin came from; given with several sources it would
 * file unrelated articles as snapshots of one page, so that is a usage error (exit 2).
 */
export function checkUrlNamesOneSource(command: Command, sourceCount: number, flags: Pick<FetchFlags, 'url'>): void {
  if (flags.url !== undefined && sourceCount > 1) {
    command.error(`error: --url names the page of one source, but ${sourceCount} sources were given; give each file its own run`, {
      exitCode: ExitCode.usage,
    });
  }
}

export function fetchOptionsFrom(flags: FetchFlags): AcquireOptions {
  return {
    pageUrl: flags.url,
    timeoutMs: flags.timeout * 1000,
    maxBytes: Math.round(flags.maxSize * 1024 * 1024),
    userAgent: flags.userAgent,
  };
}

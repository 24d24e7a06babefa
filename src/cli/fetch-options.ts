import { Command, InvalidArgumentError } from 'commander';
import type { AcquireOptions } from '../acquire/index.js';

export interface FetchFlags {
  url?: string;
  timeout: number;
  maxSize: number;
  userAgent?: string;
}

function positiveNumber(label: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(`${label} must be a positive number.`);
    return number;
  };
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

export function fetchOptionsFrom(flags: FetchFlags): AcquireOptions {
  return {
    pageUrl: flags.url,
    timeoutMs: flags.timeout * 1000,
    maxBytes: Math.round(flags.maxSize * 1024 * 1024),
    userAgent: flags.userAgent,
  };
}

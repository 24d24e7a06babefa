/**
 * src/cli/fetch-options.ts on real commander commands: the options every page-reading command
 * shares (--url, --timeout, --max-size, --user-agent, --time-limit, --dom), what each refuses,
 * the usage error for --url with several sources, and the AcquireOptions they become.
 */
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_MS } from '../../src/extract/limits.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import {
  addDomOption,
  addFetchOptions,
  addTimeLimitOption,
  checkUrlNamesOneSource,
  fetchOptionsFrom,
  positiveInteger,
  type FetchFlags,
} from '../../src/cli/fetch-options.js';
import { testCommand } from '../helpers/commander.js';

/** A command with the shared options that throws instead of exiting, its error output kept. */
const command = () => testCommand(addFetchOptions, addTimeLimitOption, addDomOption);

function parse(args: string[]): Record<string, unknown> {
  const { cmd } = command();
  cmd.parse(args, { from: 'user' });
  return cmd.opts();
}

function refusal(args: string[]): { error: CommanderError; output: string } {
  const { cmd, errors } = command();
  try {
    cmd.parse(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { error, output: errors.join('') };
    throw error;
  }
  throw new Error(`expected ${args.join(' ')} to be refused`);
}

describe('addFetchOptions, addTimeLimitOption, addDomOption', () => {
  it('defaults: 30 s timeout, 20 MiB, the pool time limit, linkedom; no URL or User-Agent', () => {
    expect(parse(['a.html'])).toEqual({ timeout: 30, maxSize: 20, timeLimit: DEFAULT_TIME_LIMIT_MS / 1000, dom: 'linkedom' });
  });

  it('reads every option, normalising --url', () => {
    expect(
      parse(['a.html', '--url', 'HTTPS://News.Example/a b', '--timeout', '2.5', '--max-size', '0.5', '--user-agent', 'bot/1', '--time-limit', '9', '--dom', 'jsdom']),
    ).toEqual({ url: 'https://news.example/a%20b', timeout: 2.5, maxSize: 0.5, userAgent: 'bot/1', timeLimit: 9, dom: 'jsdom' });
  });

  it('--url must be an absolute http(s) URL', () => {
    for (const url of ['news.example/a', '/a', 'ftp://news.example/a', 'javascript:alert(1)']) {
      const { error, output } = refusal(['a.html', '--url', url]);
      expect(error.code, url).toBe('commander.invalidArgument');
      expect(output).toContain('expected an absolute http(s) URL.');
    }
  });

  it('--timeout, --max-size and --time-limit must be positive numbers, named in the message', () => {
    for (const [option, value] of [['--timeout', '0'], ['--max-size', '-1'], ['--time-limit', 'soon'], ['--timeout', 'Infinity']]) {
      const { error, output } = refusal(['a.html', option!, value!]);
      expect(error.code).toBe('commander.invalidArgument');
      expect(output).toContain(`${option} must be a positive number.`);
    }
  });

  it('--dom takes only linkedom or jsdom', () => {
    const { error, output } = refusal(['a.html', '--dom', 'happy-dom']);
    expect(error.code).toBe('commander.invalidArgument');
    expect(output).toContain('Allowed choices are linkedom, jsdom.');
  });
});

describe('positiveInteger', () => {
  it('takes whole numbers above 0 and refuses the rest', () => {
    expect(positiveInteger('3')).toBe(3);
    expect(positiveInteger('1e2')).toBe(100);
    for (const value of ['0', '-2', '1.5', 'four', '']) expect(() => positiveInteger(value), value).toThrow('expected a positive whole number.');
  });
});

describe('checkUrlNamesOneSource', () => {
  it('--url with several sources is a usage error (exit 2) saying why', () => {
    const { cmd, errors } = command();
    let thrown: unknown;
    try {
      checkUrlNamesOneSource(cmd, 2, { url: 'https://news.example/a' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CommanderError);
    expect((thrown as CommanderError).exitCode).toBe(ExitCode.usage);
    expect(errors.join('')).toBe('error: --url names the page of one source, but 2 sources were given; give each file its own run\n');
  });

  it('--url with one source, or several sources without --url, is fine', () => {
    const { cmd, errors } = command();
    checkUrlNamesOneSource(cmd, 1, { url: 'https://news.example/a' });
    checkUrlNamesOneSource(cmd, 5, {});
    expect(errors).toEqual([]);
  });
});

describe('fetchOptionsFrom', () => {
  it('seconds become milliseconds and MiB become bytes (rounded)', () => {
    const flags: FetchFlags = { url: 'https://news.example/a', timeout: 2.5, maxSize: 0.5, userAgent: 'bot/1' };
    expect(fetchOptionsFrom(flags)).toEqual({ pageUrl: 'https://news.example/a', timeoutMs: 2500, maxBytes: 524288, userAgent: 'bot/1' });
    expect(fetchOptionsFrom({ timeout: 30, maxSize: 1e-6 }).maxBytes).toBe(1);
  });
});

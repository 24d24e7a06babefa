/**
 * The CLI's entry (src/cli/main.ts): the program's commands, its version, usage errors exiting
 * 2 (not commander's 1, which scripts read as "a source failed"), and a reader that stops early
 * (`| head`) ending the run quietly. buildProgram and main run in this process; one spawn of
 * the built CLI shows the closed pipe.
 */
import { spawn } from 'node:child_process';
import { CommanderError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { buildProgram, main } from '../../src/cli/main.js';
import { cliEnv, cliPath, packageVersion, repoRoot } from '../helpers/cli.js';
import { fixturePages, fixturePath } from '../helpers/fixtures.js';

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Parses `args` with a fresh program whose output is kept: the CommanderError it ends with (or none) and what it printed. */
async function parse(args: string[]): Promise<{ error: CommanderError | undefined; out: string; err: string }> {
  const program = buildProgram();
  let out = '';
  let err = '';
  for (const command of [program, ...program.commands]) command.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  try {
    await program.parseAsync(['node', 'clipfile', ...args]);
    return { error: undefined, out, err };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { error, out, err };
  }
}

describe('buildProgram', () => {
  it('has every command, each with a description for --help', () => {
    const program = buildProgram();
    expect(program.commands.map((c) => c.name()).sort()).toEqual(
      ['archive', 'cite', 'export', 'extract', 'history', 'list', 'quotes', 'reindex', 'search', 'show', 'site', 'speakers'].sort(),
    );
    for (const command of program.commands) expect(command.description(), command.name()).not.toBe('');
  });

  it('prints the version of package.json for -V and --version, exiting 0', async () => {
    for (const flag of ['-V', '--version']) {
      const { error, out } = await parse([flag]);
      expect(error?.exitCode).toBe(0);
      expect(out).toBe(`${packageVersion}\n`);
    }
  });

  it('exits 2 for an unknown command, an unknown option of any command and a missing argument, with a hint', async () => {
    for (const args of [['frobnicate'], ['--frob'], ['extract', '--frob', 'x.html'], ['show'], ['search', 'x', '--limit']]) {
      const { error, err } = await parse(args);
      expect(error?.exitCode, args.join(' ')).toBe(ExitCode.usage);
      expect(err, args.join(' ')).toMatch(/^error: /);
    }
    // Each ends with the hint to the help that applies: the program's, or the command's.
    expect((await parse(['frobnicate'])).err).toBe("error: unknown command 'frobnicate'\n(run with --help for usage)\n");
    expect((await parse(['extract', '--frob', 'x.html'])).err).toBe("error: unknown option '--frob'\n(run clipfile extract --help for usage)\n");
    expect((await parse(['search', 'x', '--limit'])).err).toBe("error: option '-n, --limit <n>' argument missing\n(run clipfile search --help for usage)\n");
  });

  it('exits 0 for --help, of the program and of a command', async () => {
    const top = await parse(['--help']);
    expect(top.error?.exitCode).toBe(0);
    expect(top.out).toMatch(/^Usage: clipfile /);
    const command = await parse(['site', '--help']);
    expect(command.error?.exitCode).toBe(0);
    expect(command.out).toContain('--out <dir>');
  });
});

describe('main', () => {
  it('turns a usage error into exit code 2 without throwing, the message on stderr', async () => {
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    await main(['node', 'clipfile', 'extract', '--no-such-option']);
    vi.restoreAllMocks();
    expect(process.exitCode).toBe(ExitCode.usage);
    expect(stderr).toMatch(/^error: unknown option '--no-such-option'/);
  });

  it('stops quietly, exiting 0, when the reader of stdout has gone', async () => {
    const child = spawn(process.execPath, [cliPath, 'extract', fixturePath('seed-tajik-commander'), '--url', fixturePages['seed-tajik-commander']!.url, '--json'], {
      cwd: repoRoot,
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader is gone before clipfile writes a byte.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

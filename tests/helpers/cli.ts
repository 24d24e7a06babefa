import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = resolve(repoRoot, 'bin/clipfile.js');
/**
 * clipfile's version, read from package.json (not imported: an imported JSON file is emitted
 * into dist/, where a package.json named clipfile would pass for the repository's root).
 */
export const packageVersion = (JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Gives the child its stdin and closes it. A child may exit without reading it (a usage error, a
 * stand-in that only echoes): the pipe is then gone, and the EPIPE that follows is not a failure.
 */
export function writeStdin(child: ChildProcess, input: string | Uint8Array | undefined): void {
  child.stdin!.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  if (input === undefined || input.length === 0) child.stdin!.end();
  else child.stdin!.end(input);
}

/**
 * The environment of a CLI run in a test: the test process's own less NODE_EXTRA_CA_CERTS, with
 * NO_COLOR=1, then `extra` (a value of undefined removes a variable). Node 20 parses every
 * certificate that variable names at each start, a sixth of a short run's CPU where it names
 * Debian's bundle, and no CLI run in the tests talks TLS to the outside: a test that needs the
 * variable (tests/runtime/launcher.test.ts) passes it in `extra`.
 */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  if (!('NODE_EXTRA_CA_CERTS' in extra)) delete env['NODE_EXTRA_CA_CERTS'];
  for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name];
  return env;
}

/** Runs the built CLI as a user would, with optional stdin and environment. */
export function runCli(
  args: string[],
  options: { input?: string | Uint8Array; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: cliEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    writeStdin(child, options.input);
  });
}

/**
 * Runs the built CLI on a real pseudo-terminal (util-linux `script`): stdout and stderr are
 * both the terminal, and what comes back is every byte that reached it.
 */
export function runCliOnTerminal(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, cliPath, ...args].map(quote).join(' ');
  return new Promise((resolvePromise, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: options.cwd ?? repoRoot,
      env: cliEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout: Buffer.concat(output).toString('utf8'), stderr: '' }));
  });
}

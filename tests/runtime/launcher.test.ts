/**
 * bin/clipfile.js run as a program starts in sh, which leaves NODE_EXTRA_CA_CERTS out of a run
 * that certainly opens no TLS connection (Node 20 parses that file's certificates at every
 * start) and execs Node. What a user must never see: a fetch that fails because their extra
 * certificates were dropped, or a clipfile that is not the process they signal.
 *
 * An HTTPS server on 127.0.0.1 has a certificate signed by a test CA (fixtures/tls/) that only
 * NODE_EXTRA_CA_CERTS names: every shape of command line that fetches it must succeed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { archiveFilesInProcess } from '../helpers/archive-in-process.js';
import { cliEnv, cliPath, repoRoot, writeStdin, type CliResult } from '../helpers/cli.js';

const TLS = resolve(repoRoot, 'fixtures/tls');
const TEST_CA = join(TLS, 'test-ca.pem');
const SEED = 'fixtures/pages/seed-tajik-commander.html';
const SEED_URL = 'https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/';
const SEED_TITLE = 'U.S-trained Tajik special forces commander defects to Islamic State';
const EXTRA = 'NODE_EXTRA_CA_CERTS';

const scratch = mkdtempSync(join(tmpdir(), 'clipfile-launcher-'));

/** Runs bin/clipfile.js (or `program`) as a program, as a shell or npm's link runs it; stdin closed unless given. */
function runProgram(args: string[], options: { env?: Record<string, string | undefined>; input?: string; program?: string; prefix?: string[] } = {}): Promise<CliResult & { pid: number }> {
  return new Promise((resolvePromise, reject) => {
    // Every call names NODE_EXTRA_CA_CERTS (set, or undefined: unset), so cliEnv keeps what it says.
    const env = cliEnv(options.env);
    const child = spawn(options.program ?? cliPath, [...(options.prefix ?? []), ...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({ code, pid: child.pid!, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    writeStdin(child, options.input);
  });
}

interface Probe {
  pid: number;
  certificates: string | null;
  /** Node's own modules loaded by the end of the run. */
  builtins: string[];
}

/**
 * Runs the program with a preloaded script (NODE_OPTIONS reaches the Node that sh execs) that
 * records, at exit, its pid, the variable as Node got it and the modules loaded.
 */
async function probe(args: string[], { program }: { program?: string } = {}): Promise<Probe & { run: CliResult & { pid: number } }> {
  const folder = mkdtempSync(join(scratch, 'probe-'));
  const hook = join(folder, 'probe.cjs');
  const record = join(folder, 'probe.json');
  writeFileSync(
    hook,
    `const write = () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({
      pid: process.pid, certificates: process.env.${EXTRA} ?? null, builtins: process.moduleLoadList }));
    process.on('exit', write);\n`,
  );
  const run = await runProgram(args, { env: { [EXTRA]: TEST_CA, NODE_OPTIONS: `--require ${hook}` }, program });
  return { ...(JSON.parse(readFileSync(record, 'utf8')) as Probe), run };
}

/**
 * A stand-in `node`, first on PATH: the launcher execs it as it would Node, and it prints what
 * it was given, one per line: its pid, NODE_EXTRA_CA_CERTS (or "(unset)"), its arguments.
 */
const standInFolder = mkdtempSync(join(scratch, 'node-'));
writeFileSync(join(standInFolder, 'node'), '#!/bin/sh\necho "$$"\necho "${NODE_EXTRA_CA_CERTS-(unset)}"\nfor argument in "$@"; do echo "$argument"; done\n', { mode: 0o755 });

/** What the launcher hands to Node for `args`: the variable as set, Node's arguments, and whether Node kept the pid spawned. */
async function launched(args: string[]): Promise<{ certificates: string | null; argv: string[]; samePid: boolean }> {
  const run = await runProgram(args, { env: { [EXTRA]: TEST_CA, PATH: `${standInFolder}:${process.env.PATH ?? ''}` } });
  expect(run.code, run.stderr).toBe(0);
  const [pid, certificates, ...argv] = run.stdout.replace(/\n$/, '').split('\n');
  return { certificates: certificates === '(unset)' ? null : certificates!, argv, samePid: Number(pid) === run.pid };
}

let server: https.Server;
let redirector: http.Server;
let origin: string;
let plainOrigin: string;
const seedHtml = readFileSync(resolve(repoRoot, SEED));

beforeAll(async () => {
  server = https.createServer({ cert: readFileSync(join(TLS, 'localhost.pem')), key: readFileSync(join(TLS, 'localhost-key.pem')) }, (req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(seedHtml);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // http:// that redirects to the HTTPS server: a source with no https:// in it that needs TLS.
  redirector = http.createServer((req, res) => res.writeHead(301, { location: `${origin}${req.url}` }).end());
  await new Promise<void>((done) => redirector.listen(0, '127.0.0.1', done));
  plainOrigin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await new Promise((done) => redirector.close(done));
});

describe('a fetch over TLS through the launcher keeps NODE_EXTRA_CA_CERTS', () => {
  it('needs the test CA: without the variable the same fetch fails', async () => {
    const result = await runProgram(['extract', `${origin}/story`], { env: { [EXTRA]: undefined } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  });

  const shapes: [string, (story: string) => string[]][] = [
    ['extract URL', (story) => ['extract', story]],
    ['extract --json URL', (story) => ['extract', '--json', story]],
    ['extract with an option value that looks like --url', (story) => ['extract', '--user-agent', '--url', story]],
    ['extract -- --url URL (a file named --url, then a URL)', (story) => ['extract', '--', '--url', story]],
    ['extract of a file, then a URL', (story) => ['extract', SEED, story]],
    ['quotes URL', (story) => ['quotes', story]],
  ];
  for (const [name, argsOf] of shapes) {
    it(name, async () => {
      const result = await runProgram(argsOf(`${origin}/story`), { env: { [EXTRA]: TEST_CA } });
      expect(result.stderr).not.toMatch(/certificate|self-signed|UNABLE_TO/i);
      expect(result.stdout).toContain(name.startsWith('quotes') ? 'Gulmurod Khalimov' : SEED_TITLE);
    });
  }

  it('extract of an http:// URL that redirects to https://', async () => {
    const result = await runProgram(['extract', `${plainOrigin}/story`], { env: { [EXTRA]: TEST_CA } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(SEED_TITLE);
  });

  it('archive of a URL, and of a list on stdin', async () => {
    const archive = join(mkdtempSync(join(scratch, 'archive-')), 'archive');
    const direct = await runProgram(['archive', `${origin}/a`, '-o', archive, '--json'], { env: { [EXTRA]: TEST_CA } });
    expect(JSON.parse(direct.stdout.trim()).status).toBe('archived');
    const listed = await runProgram(['archive', '-i', '-', '-o', archive, '--json'], { env: { [EXTRA]: TEST_CA }, input: `${origin}/b\n` });
    expect(JSON.parse(listed.stdout.trim()).status).toBe('archived');
  });

  it('through a link to the bin (npm link, npx) and as `node bin/clipfile.js`', async () => {
    const link = join(mkdtempSync(join(scratch, 'bin-')), 'clipfile');
    symlinkSync(cliPath, link);
    const linked = await runProgram(['extract', `${origin}/story`], { env: { [EXTRA]: TEST_CA }, program: link });
    expect(linked.stdout).toContain(SEED_TITLE);
    const byNode = await runProgram(['extract', `${origin}/story`], { env: { [EXTRA]: TEST_CA }, program: process.execPath, prefix: [cliPath] });
    expect(byNode.stdout).toContain(SEED_TITLE);
  });
});

describe("the launcher's decision", () => {
  const dropped: string[][] = [
    ['--version'],
    ['--help'],
    ['extract', SEED],
    ['extract', SEED, '--url', SEED_URL],
    ['extract', '--url', SEED_URL, SEED],
    ['extract', `--url=${SEED_URL}`, SEED],
    ['extract', '--json', '--url', SEED_URL, SEED],
    ['extract', '--format', 'json', '--url', SEED_URL, SEED],
    ['extract', '--user-agent=agent:1', SEED],
    ['extract', '-', '--url', SEED_URL],
    ['extract', '--', SEED],
    // No source: a usage error.
    ['extract', '--url', SEED_URL, '--url', SEED_URL],
    ['quotes', SEED, '--json'],
    ['list', '--host', 'news.example.com'],
    ['show', SEED_URL],
  ];
  const kept: string[][] = [
    [],
    ['archive', SEED],
    ['cite', SEED_URL],
    ['no-such-command', SEED],
    ['extract', SEED_URL],
    ['extract', 'HTTPS://news.example.com/'],
    ['extract', 'http://127.0.0.1:1/'],
    ['extract', 'localhost:8080/page'],
    ['extract', '--render', 'always', 'https://news.example.com/'],
    ['extract', '--user-agent', '--url', SEED_URL],
    ['extract', '--format', '--url', SEED_URL, SEED],
    ['extract', '--', '--url', SEED_URL],
    ['extract', SEED, '--', SEED_URL],
    ['extract', '--url', SEED_URL, '--url', SEED_URL, SEED_URL],
    ['quotes', SEED_URL],
    ['extract', 'a:b.html'],
  ];
  it.each(dropped.map((args) => [args.join(' ')] as const))('leaves it out for: clipfile %s', async (line) => {
    const args = dropped.find((candidate) => candidate.join(' ') === line)!;
    expect(await launched(args)).toEqual({ certificates: null, argv: [cliPath, ...args], samePid: true });
  });
  it.each(kept.map((args) => [args.join(' ')] as const))('keeps it for: clipfile %s', async (line) => {
    const args = kept.find((candidate) => candidate.join(' ') === line)!;
    expect(await launched(args)).toEqual({ certificates: TEST_CA, argv: [cliPath, ...args], samePid: true });
  });

  it('is made in a shell that becomes Node (exec): the process started is the one signals reach', async () => {
    expect((await launched(['--version'])).samePid).toBe(true);
    // And the real Node, with clipfile running in it.
    const result = await probe(['--version']);
    expect(result.run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.pid).toBe(result.run.pid);
  });

  it("takes the flags it treats as valueless from commander: each takes no value where it is defined", () => {
    const launcher = readFileSync(cliPath, 'utf8');
    const line = /^\s*(--json \|[^)]*)\)/m.exec(launcher);
    expect(line).not.toBeNull();
    const flags = line![1]!.split('|').map((flag) => flag.trim()).filter((flag) => /^--[a-z-]+$/.test(flag));
    expect(flags).toContain('--json');
    const commands = buildProgram().commands.filter((command: Command) => ['extract', 'quotes'].includes(command.name()));
    expect(commands).toHaveLength(2);
    for (const flag of flags) {
      const options = commands.flatMap((command) => command.options.filter((option) => option.long === flag));
      expect(options.length, flag).toBeGreaterThan(0);
      for (const option of options) expect(option.required || option.optional, flag).toBe(false);
    }
    for (const command of commands) {
      const url = command.options.find((option) => option.long === '--url');
      expect(url?.required, command.name()).toBe(true);
      expect(url?.short, command.name()).toBeUndefined();
    }
  });
});

describe('commands the launcher runs without the certificates never load TLS', () => {
  let archive: string;
  beforeAll(async () => {
    archive = join(mkdtempSync(join(scratch, 'archive-')), 'archive');
    // Written in this process as `clipfile archive SEED --url SEED_URL` writes it.
    const [archived] = await archiveFilesInProcess(archive, [[resolve(repoRoot, SEED), SEED_URL, 'option']]);
    expect(archived!.status).toBe('archived');
  });
  const runs: [string, (archive: string) => string[]][] = [
    ['list', (archive) => ['list', '-o', archive]],
    ['search', (archive) => ['search', 'sharia', '-o', archive]],
    ['show', (archive) => ['show', SEED_URL, '-o', archive]],
    ['history', (archive) => ['history', SEED_URL, '-o', archive]],
    ['reindex', (archive) => ['reindex', '-o', archive]],
    ['export', (archive) => ['export', '-t', 'quotes', '-o', archive]],
    ['site', (archive) => ['site', '-o', archive]],
    ['speakers', (archive) => ['speakers', '-o', archive]],
    ['extract', () => ['extract', SEED, '--url', SEED_URL]],
    ['quotes', () => ['quotes', SEED, '--url', SEED_URL]],
  ];
  it("covers every command of the launcher's offline list", () => {
    const line = /^\s*(list \|[^)]*)\)\s*offline=1/m.exec(readFileSync(cliPath, 'utf8'));
    expect(line).not.toBeNull();
    const commands = line![1]!.split('|').map((word) => word.trim()).filter((word) => !word.startsWith('-') && word !== 'help');
    expect(commands.sort()).toEqual(runs.map(([name]) => name).filter((name) => name !== 'extract' && name !== 'quotes').sort());
  });
  for (const [name, argsOf] of runs) {
    it(name, async () => {
      const result = await probe(argsOf(archive));
      expect(result.run.code, result.run.stderr).toBe(0);
      expect(result.run.stdout + result.run.stderr).not.toBe('');
      expect(result.certificates).toBeNull();
      expect(result.builtins.filter((module) => /^NativeModule (tls|_tls_wrap|https)$/.test(module))).toEqual([]);
    });
  }
});

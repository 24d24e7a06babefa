import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_CACHE_KEPT_DAYS, CODE_CACHE_REFRESHES, STAMP_BYTES } from '../../src/runtime/code-cache.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const codeCacheModule = resolve(repoRoot, 'dist/src/runtime/code-cache.js');
const SEED = 'fixtures/pages/seed-tajik-commander.html';
const SEED_URL = 'https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/';

/**
 * Runs, in a fresh Node, enableBundleCodeCache(bundleDir) with the cache in `cacheDir`, then
 * requires `bundleDir/answer.js`; prints what the hook returned and what the module exported.
 */
function requireWithCodeCache(bundleDir: string, cacheDir: string, extraEnv: Record<string, string> = {}): { cache: string | null; answer: unknown } {
  const script = `
    import { createRequire } from 'node:module';
    const { enableBundleCodeCache } = await import(${JSON.stringify(codeCacheModule)});
    const cache = enableBundleCodeCache(${JSON.stringify(bundleDir)});
    const answer = createRequire(${JSON.stringify(join(bundleDir, 'x.js'))})('./answer.js');
    console.log(JSON.stringify({ cache, answer }));`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: cacheDir, ...extraEnv };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  return JSON.parse(output) as { cache: string | null; answer: unknown };
}

function commonJsFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'clipfile-code-cache-'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "commonjs" }\n');
  return folder;
}

describe('V8 code cache of the bundle (Node 20 path)', () => {
  it('saves the bytecode of a bundle file and runs the file from it next time', () => {
    const bundle = commonJsFolder();
    const cache = join(mkdtempSync(join(tmpdir(), 'clipfile-cache-home-')), 'cache');
    writeFileSync(join(bundle, 'answer.js'), 'module.exports = { value: 6 * 7, file: __filename };\n');

    const first = requireWithCodeCache(bundle, cache);
    expect(first).toEqual({ cache, answer: { value: 42, file: join(bundle, 'answer.js') } });
    const saved = readdirSync(cache).filter((name) => name.endsWith('.v8'));
    expect(saved).toHaveLength(1);

    // Saved again by the next few runs, then only read: the cache was accepted.
    for (let run = 0; run < CODE_CACHE_REFRESHES; run++) {
      expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 42, file: join(bundle, 'answer.js') });
    }
    const bytes = readFileSync(join(cache, saved[0]!));
    expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 42, file: join(bundle, 'answer.js') });
    expect(readFileSync(join(cache, saved[0]!)).equals(bytes)).toBe(true);
  });

  it('removes the caches of earlier builds that no run has written for a month, and nothing else', () => {
    const bundle = commonJsFolder();
    const cache = join(mkdtempSync(join(tmpdir(), 'clipfile-cache-home-')), 'cache');
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    const longAgo = new Date(Date.now() - (CODE_CACHE_KEPT_DAYS + 1) * 24 * 60 * 60 * 1000);
    const lately = new Date(Date.now() - (CODE_CACHE_KEPT_DAYS - 1) * 24 * 60 * 60 * 1000);
    const planted = { stale: '00112233aabbccdd.v8', recent: '4455667788990011.v8', foreign: 'notes-of-another-tool.txt' };
    for (const [name, time] of [[planted.stale, longAgo], [planted.recent, lately], [planted.foreign, longAgo]] as const) {
      writeFileSync(join(cache, name), 'old');
      utimesSync(join(cache, name), time, time);
    }
    writeFileSync(join(bundle, 'answer.js'), 'module.exports = { value: 42 };\n');

    expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 42 });
    const left = readdirSync(cache);
    expect(left).not.toContain(planted.stale);
    expect(left).toEqual(expect.arrayContaining([planted.recent, planted.foreign]));
    expect(left.filter((name) => name.endsWith('.v8'))).toHaveLength(2);
  });

  it('keeps what a later run compiled that the first did not run', () => {
    const bundle = commonJsFolder();
    const cache = join(mkdtempSync(join(tmpdir(), 'clipfile-cache-home-')), 'cache');
    // A function the first run never calls is left out of its cache (V8 compiles it lazily).
    const unused = Array.from({ length: 40 }, (_, index) => `total += [${index}, ${index + 1}].map((n) => n * ${index}).length;`).join('\n');
    writeFileSync(
      join(bundle, 'answer.js'),
      `function later() { let total = 0;\n${unused}\nreturn total; }\nmodule.exports = process.env.CALL_LATER ? later() : 0;\n`,
    );
    requireWithCodeCache(bundle, cache);
    const [file] = readdirSync(cache);
    const first = readFileSync(join(cache, file!)).length;
    expect(requireWithCodeCache(bundle, cache, { CALL_LATER: '1' }).answer).toBe(80);
    expect(readFileSync(join(cache, file!)).length).toBeGreaterThan(first);
  });

  it('never runs bytecode made for other source, even of the same length (V8 checks only the length)', () => {
    const bundle = commonJsFolder();
    const cache = join(mkdtempSync(join(tmpdir(), 'clipfile-cache-home-')), 'cache');
    writeFileSync(join(bundle, 'answer.js'), 'module.exports = { value: 6 * 7 };\n');
    expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 42 });
    writeFileSync(join(bundle, 'answer.js'), 'module.exports = { value: 9 * 9 };\n');
    expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 81 });
    expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 81 });
    // Replaced by another file of the same length and the same modification time, as a build
    // that renames its output into place could leave it: another file all the same.
    const before = statSync(join(bundle, 'answer.js'));
    writeFileSync(join(bundle, 'next.js'), 'module.exports = { value: 7 * 7 };\n');
    utimesSync(join(bundle, 'next.js'), before.atime, before.mtime);
    renameSync(join(bundle, 'next.js'), join(bundle, 'answer.js'));
    expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 49 });
  });

  it('ignores a damaged cache file and compiles the source as usual', () => {
    const bundle = commonJsFolder();
    const cache = join(mkdtempSync(join(tmpdir(), 'clipfile-cache-home-')), 'cache');
    writeFileSync(join(bundle, 'answer.js'), 'module.exports = { value: 6 * 7 };\n');
    requireWithCodeCache(bundle, cache);
    const [file] = readdirSync(cache);
    const bytes = readFileSync(join(cache, file!));
    // The right stamp, then garbage where the bytecode was.
    writeFileSync(join(cache, file!), Buffer.concat([bytes.subarray(0, STAMP_BYTES), Buffer.alloc(bytes.length - STAMP_BYTES, 0xa5)]));
    expect(requireWithCodeCache(bundle, cache).answer).toEqual({ value: 42 });
  });

  it('uses no cache folder that others may write, nor one planted as a link', () => {
    const bundle = commonJsFolder();
    writeFileSync(join(bundle, 'answer.js'), 'module.exports = 1;\n');
    const home = mkdtempSync(join(tmpdir(), 'clipfile-cache-home-'));
    const open = join(home, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(requireWithCodeCache(bundle, open)).toEqual({ cache: null, answer: 1 });
    expect(readdirSync(open)).toEqual([]);
    const target = join(home, 'target');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, join(home, 'link'));
    expect(requireWithCodeCache(bundle, join(home, 'link'))).toEqual({ cache: null, answer: 1 });
    expect(readdirSync(target)).toEqual([]);
  });

  it('an extract leaves V8 as it found it: its cache files are taken as they are by the next run', async () => {
    // The extraction defers TurboFan with a V8 flag (src/cli/short-run.ts); V8 rejects a
    // cache made under other flags, so a flag left changed would have each run compile the
    // bundle again and rewrite every cache file.
    const cache = join(mkdtempSync(join(tmpdir(), 'clipfile-cache-home-')), 'cache');
    const env = { NODE_COMPILE_CACHE: cache };
    for (let run = 0; run <= CODE_CACHE_REFRESHES; run++) expect((await runCli(['extract', SEED, '--url', SEED_URL], { env })).code).toBe(0);
    const files = readdirSync(cache).sort();
    expect(files.length).toBeGreaterThan(0);
    const before = files.map((file) => readFileSync(join(cache, file)));
    expect((await runCli(['extract', SEED, '--url', SEED_URL], { env })).code).toBe(0);
    expect(readdirSync(cache).sort()).toEqual(files);
    files.forEach((file, index) => expect(readFileSync(join(cache, file)).equals(before[index]!), file).toBe(true));
  });

  it('the CLI prints the same page from a cold and from a warm cache', async () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'clipfile-cache-home-')), 'cache');
    const env = { NODE_COMPILE_CACHE: cache };
    const cold = await runCli(['extract', SEED, '--url', SEED_URL], { env });
    expect(cold.code).toBe(0);
    // Node 20 writes clipfile's cache files, Node 22+ its own: either way something is kept.
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    const warm = await runCli(['extract', SEED, '--url', SEED_URL], { env });
    expect(warm).toEqual(cold);
    expect(warm.stdout).toBe(readFileSync(resolve(repoRoot, 'fixtures/expected/seed-tajik-commander.md'), 'utf8'));
  });
});

/**
 * V8's code cache for the CLI bundle on Node 20, which has no `module.enableCompileCache`
 * (Node 22.1+ does, and bin/clipfile.js uses it there instead of this).
 *
 * A one-page `clipfile extract` spent more time compiling the bundle's JavaScript (about
 * 1.5 MB: parse5, linkedom, Readability, turndown, sanitize-html) and lazily compiling the
 * functions the page ran than extracting the page. The bundle is CommonJS (scripts/bundle.mjs),
 * so each of its files is compiled through `Module.prototype._compile`; here that compiles it
 * as a `vm.Script` with the bytecode V8 produced for it in an earlier run, and at exit saves the
 * bytecode of the files that had none (after the run, so the functions it ran are included),
 * and again for a few runs after (CODE_CACHE_REFRESHES).
 *
 * The cache lives where Node 22 keeps its own (`NODE_COMPILE_CACHE`, else a folder in the
 * temporary directory), one file per bundle file, in a folder only this user may write.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it does Node's. V8 checks only the length
 * of the source a cache was made for, so each cache file starts with what identifies the
 * source file it was made from (its length, inode and modification time in nanoseconds, as
 * Python's bytecode cache does) and a cache made for another file, or for this one before it
 * changed, is ignored (and replaced). Hashing the source instead cost loading node:crypto and
 * reading every byte of the bundle again on each start. A cache that cannot be read or
 * written is no error: the file is then compiled as usual.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import vm from 'node:vm';

/** Bytes at the head of each cache file naming the source file it was made from (sourceStamp). */
export const STAMP_BYTES = 96;
/**
 * How many later runs save a file's cache again. A cache holds the functions compiled by the
 * run that saved it, and a function left out is compiled again by every run: the first run
 * after a build may be `--version` or a failing `extract`, which run little of the code they
 * load. Functions read from a cache are saved with it, so each save keeps what the earlier
 * runs compiled and adds this run's; after these few, the cache is only read.
 */
export const CODE_CACHE_REFRESHES = 3;

/**
 * A cache file not written for this long is removed whenever a run saves another: each build
 * names its chunks anew, so the caches of earlier builds would pile up. One still in use is
 * only read, so it may go too, and the next run writes it again.
 */
export const CODE_CACHE_KEPT_DAYS = 30;
/** The names of this module's cache files (cacheName), which alone pruning may remove. */
const CACHE_FILE = /^[0-9a-f]{16}\.v8$/;

type CompileFunction = (this: NodeModule, content: string, filename: string, ...rest: unknown[]) => unknown;

interface ModuleInternals {
  prototype: { _compile: CompileFunction };
  wrap(script: string): string;
}

/**
 * Compiles the CommonJS files under `bundleDir` with V8's code cache; returns where the cache
 * is, or null when it is off (disabled, Node 22's own cache in use, or no folder for it).
 */
export function enableBundleCodeCache(bundleDir: string): string | null {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return null;
  const Module = (module as unknown as { Module?: ModuleInternals }).Module ?? (module as unknown as ModuleInternals);
  // Dynamic import() inside a cached script goes through Node's loader, as in any module.
  const dynamicImport = (vm.constants as Partial<typeof vm.constants> | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (typeof Module.prototype?._compile !== 'function' || typeof Module.wrap !== 'function' || dynamicImport === undefined) return null;
  const cacheDir = ownCacheFolder();
  if (cacheDir === null) return null;

  const within = bundleDir.endsWith(sep) ? bundleDir : bundleDir + sep;
  const compile = Module.prototype._compile;
  const toSave: { script: vm.Script; path: string; stamp: Buffer; saves: number }[] = [];
  Module.prototype._compile = function compileWithCodeCache(this: NodeModule, content: string, filename: string, ...rest: unknown[]) {
    if (!filename.startsWith(within) || !filename.endsWith('.js') || (rest[0] !== undefined && rest[0] !== 'commonjs')) {
      return compile.call(this, content, filename, ...rest);
    }
    const stamp = sourceStamp(filename, content);
    if (stamp === null) return compile.call(this, content, filename, ...rest);
    const path = join(cacheDir, `${cacheName(`${process.version} ${process.arch} ${filename}`)}.v8`);
    const cached = readCache(path, stamp);
    const script = new vm.Script(Module.wrap(content), {
      filename,
      ...(cached ? { cachedData: cached.bytecode } : {}),
      importModuleDynamically: dynamicImport,
    });
    if (cached === undefined || script.cachedDataRejected === true) toSave.push({ script, path, stamp, saves: 1 });
    else if (cached.saves <= CODE_CACHE_REFRESHES) toSave.push({ script, path, stamp, saves: cached.saves + 1 });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, path, stamp, saves } of toSave) writeCache(path, stamp, saves, script.createCachedData());
    if (toSave.length > 0) pruneOldCaches(cacheDir);
  });
  return cacheDir;
}

/**
 * What identifies the source a cache is made for: its length as read, and the file's size,
 * inode and modification time (a rebuilt bundle is a new file). Null when the file cannot be
 * read again (it is then compiled without a cache).
 */
function sourceStamp(filename: string, content: string): Buffer | null {
  try {
    const stat = statSync(filename, { bigint: true });
    const stamp = `clipfile-code-cache 1 ${content.length} ${stat.size} ${stat.ino} ${stat.mtimeNs}`;
    return stamp.length > STAMP_BYTES ? null : Buffer.from(stamp.padEnd(STAMP_BYTES));
  } catch {
    return null;
  }
}

/** A file name for the cache of one source: two 32-bit FNV-1a hashes of its path, Node version and architecture. */
function cacheName(key: string): string {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
  }
  return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`;
}

/** The cache folder, made if need be; null when it is not a folder of this user's that only they can write. */
function ownCacheFolder(): string | null {
  const uid = process.getuid?.() ?? 0;
  const folder = process.env.NODE_COMPILE_CACHE || join(tmpdir(), `clipfile-compile-cache-${uid}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    // Another user's folder, a planted link or a folder others may write could hold bytecode
    // that is not clipfile's.
    if (!stat.isDirectory() || (process.getuid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) return null;
    return folder;
  } catch {
    return null;
  }
}

interface Cached {
  bytecode: Buffer;
  /** How many runs saved this cache (the byte after the stamp). */
  saves: number;
}

/** The cached bytecode at `path` when it was made for this very source. */
function readCache(path: string, stamp: Buffer): Cached | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    if (!fstatSync(fd).isFile()) return undefined;
    const data = readFileSync(fd);
    if (data.length <= STAMP_BYTES + 1 || !data.subarray(0, STAMP_BYTES).equals(stamp)) return undefined;
    return { saves: data[STAMP_BYTES]!, bytecode: data.subarray(STAMP_BYTES + 1) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Removes this module's cache files that no run has written for CODE_CACHE_KEPT_DAYS. */
function pruneOldCaches(cacheDir: string): void {
  const oldest = Date.now() - CODE_CACHE_KEPT_DAYS * 24 * 60 * 60 * 1000;
  try {
    for (const name of readdirSync(cacheDir)) {
      if (!CACHE_FILE.test(name)) continue;
      const path = join(cacheDir, name);
      const stat = lstatSync(path);
      if (stat.isFile() && stat.mtimeMs < oldest) rmSync(path, { force: true });
    }
  } catch {
    // A cache folder that cannot be listed is left as it is.
  }
}

/** Writes beside and renames, so a clipfile starting meanwhile never reads half a cache. */
function writeCache(path: string, stamp: Buffer, saves: number, bytecode: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([stamp, Buffer.of(Math.min(saves, 255)), bytecode]), { flag: 'wx', mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * What a one-page `clipfile extract` loads (bin/clipfile.js, scripts/bundle.mjs): its start-up
 * was mostly loading code, so the code it does not need must stay out. The bundle files the
 * run required are read back through their source maps to the packages they hold.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/pipeline.js';
import { readabilityDir } from '../../eval/corpus.js';
import { cliEnv, cliPath, repoRoot, runCli } from '../helpers/cli.js';

const SEED = 'fixtures/pages/seed-tajik-commander.html';
const SEED_URL = 'https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/';
const bundleDir = resolve(repoRoot, 'dist/bundle');

interface Loaded {
  stdout: string;
  /** Bundle files the run required. */
  bundleFiles: string[];
  /** Node's own modules the run loaded (`process.moduleLoadList`). */
  builtins: string[];
}

/** Runs the CLI with a preloaded script that records, at exit, what was loaded. */
function runRecordingLoads(args: string[]): Loaded {
  const folder = mkdtempSync(join(tmpdir(), 'clipfile-start-up-'));
  const hook = join(folder, 'record.cjs');
  const record = join(folder, 'loaded.json');
  writeFileSync(
    hook,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({
      files: Object.keys(require.cache),
      builtins: process.moduleLoadList,
    })));\n`,
  );
  const stdout = execFileSync(process.execPath, ['--require', hook, cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: cliEnv() });
  const { files, builtins } = JSON.parse(readFileSync(record, 'utf8')) as { files: string[]; builtins: string[] };
  return { stdout, bundleFiles: files.filter((file) => file.startsWith(bundleDir + '/')), builtins };
}

/** The source files a bundle file was made from, as its source map names them (rolldown's own runtime has no map). */
function sourcesOf(bundleFile: string): string[] {
  if (/[\\/]rolldown-runtime-[^/]*\.js$/.test(bundleFile)) return [];
  const map = JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as { sources: string[] };
  return map.sources;
}

/** The package folder of a node_modules source path ("htmlparser2", "@scope/name", nested ones by their last node_modules). */
function packageOf(source: string): string | null {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return match ? match[1]! : null;
}

describe('start-up of a one-page extract', () => {
  const loaded = runRecordingLoads(['extract', SEED, '--url', SEED_URL]);
  const sources = loaded.bundleFiles.flatMap(sourcesOf);
  const packages = new Set(sources.map(packageOf).filter((name): name is string => name !== null));

  it('prints the page', () => {
    expect(loaded.stdout).toBe(readFileSync(resolve(repoRoot, 'fixtures/expected/seed-tajik-commander.md'), 'utf8'));
    // The run went through the bundle (a run of nothing would pass the checks below).
    expect(packages).toContain('linkedom');
    expect(packages).toContain('@mozilla/readability');
  });

  it('loads no feed or sitemap parser, WARC reader, CSS parser, spec DOM, browser driver or worker threads', () => {
    for (const unused of ['feedsmith', 'fast-xml-parser', 'warcio', 'postcss', 'cssomnom', 'jsdom', 'playwright-core', 'better-sqlite3']) {
      expect(packages, unused).not.toContain(unused);
    }
    expect(loaded.builtins.filter((name) => /child_process|^NativeModule (http|https|zlib|worker_threads)$/.test(name))).toEqual([]);
  });

  it('loads one build of each package: never a module of both its ES and its CommonJS build', () => {
    const builds = new Map<string, Set<string>>();
    for (const source of sources) {
      // node_modules/<package>/<…>/(esm|commonjs|cjs)/<module>: a package nested in another's
      // node_modules is another copy, of another version, and stays apart.
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/(?:.*\/)?(esm|commonjs|cjs)\/(.+?)\.c?js$/.exec(source);
      if (!match) continue;
      const [, copy, build, module] = match;
      const key = `${copy}: ${module}`;
      builds.set(key, (builds.get(key) ?? new Set()).add(build === 'cjs' ? 'commonjs' : build!));
    }
    // htmlparser2 is shared by linkedom and sanitize-html, and was bundled (and started) twice.
    expect([...builds.keys()].some((key) => key.includes('node_modules/htmlparser2: '))).toBe(true);
    const twice = [...builds].filter(([, kinds]) => kinds.size > 1).map(([key]) => key);
    expect(twice).toEqual([]);
  });
});

describe('what an extract computes for the format it prints', () => {
  const html = readFileSync(resolve(repoRoot, SEED), 'utf8');

  it('leaves out only the HTML and the quotations when asked: the rest of the Article is the same', () => {
    const whole = extractArticle({ html, url: SEED_URL });
    const reading = extractArticle({ html, url: SEED_URL }, { omit: { html: true, quotes: true } });
    // The seed has both, so leaving them out is seen.
    expect(whole.quotes.length).toBeGreaterThan(0);
    expect(whole.html).toContain('<p>');
    expect(reading).toEqual({ ...whole, html: '', quotes: [] });
  });

  it('--json and --format html still carry what Markdown leaves out', async () => {
    const json = await runCli(['extract', SEED, '--url', SEED_URL, '--json']);
    expect(json.code).toBe(0);
    const row = JSON.parse(json.stdout) as { quotes: { text: string; speaker: string | null }[]; html: string };
    expect(row.quotes.map((quote) => quote.speaker)).toContain('Gulmurod Khalimov');
    expect(row.html).toContain('<p>');
    const page = await runCli(['extract', SEED, '--url', SEED_URL, '--format', 'html']);
    expect(page.stdout).toBe(`${row.html}\n`);
  });
});

describe("the V8 flags of an extraction (src/cli/short-run.ts)", () => {
  // Code compiled during one page's extraction runs again after it, under V8's default flags,
  // and in the next page's: pages of every size in one run (a 1.6 MB one included) print what
  // they print when clipfile leaves V8's defaults as they are (node given the defaults itself,
  // which short-run.ts then never changes).
  const pages = ['yahoo-2', 'nytimes-1', 'wikipedia', '001'].map((name) => join(readabilityDir(), name, 'source.html'));
  const run = (nodeFlags: string[]) =>
    spawnSync(process.execPath, [...nodeFlags, cliPath, 'extract', ...pages, SEED, '--json'], { cwd: repoRoot, encoding: 'utf8', env: cliEnv() });

  it('change no page of a run of several', () => {
    const changed = run([]);
    const defaults = run(['--interrupt-budget=67584']);
    expect(changed.status).toBe(0);
    expect(defaults.status).toBe(0);
    expect(changed.stdout.trim().split('\n')).toHaveLength(pages.length + 1);
    expect(changed.stdout).toBe(defaults.stdout);
    expect(changed.stderr).toBe(defaults.stderr);
  });
});

/**
 * Loading the shared corpora (../shared/corpus, see its README) for benchmarks and tests, and
 * the fixed study/check halves of the quality sets. Synchronous on purpose: usable at vitest
 * collection time and in plain scripts alike.
 *
 * Works from the TypeScript sources (eval/corpus.ts under vitest) and from the compiled
 * dist/eval/corpus.js: the repository root is found by walking up from this module's file to
 * the package.json named "clipfile".
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

/** A corpus folder or file is not where it should be. */
export class CorpusMissingError extends Error {
  constructor(
    message: string,
    readonly corpusPath: string,
  ) {
    super(message);
    this.name = 'CorpusMissingError';
  }
}

/**
 * The clipfile repository root: the nearest ancestor of `from` (default: this module's folder)
 * holding a package.json whose name is "clipfile".
 */
export function findRepoRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
        if (name === 'clipfile') return dir;
      } catch {
        // not JSON: keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json named "clipfile" above ${from}`);
    }
    dir = parent;
  }
}

/** ../shared/corpus relative to the repository root. */
export function corpusRoot(repoRoot: string = findRepoRoot()): string {
  return path.resolve(repoRoot, '../shared/corpus');
}

/** Decodes UTF-8 bytes, dropping a BOM (the corpora are UTF-8). */
function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function requireDir(dir: string, what: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CorpusMissingError(
      `${what} corpus not found at ${dir} (expected ../shared/corpus next to the repository; see ../shared/corpus/README.md)`,
      dir,
    );
  }
}

function requireFile(file: string, what: string): void {
  if (!existsSync(file)) {
    throw new CorpusMissingError(`${what}: missing file ${file}`, file);
  }
}

// ---------------------------------------------------------------------------------------------
// aeb-dev: 50 pages of the public article-extraction benchmark.

export interface AebPage {
  /** The page id (sha256-like hex), the key of ground-truth.json and the file name stem. */
  id: string;
  /** The page's URL from ground-truth.json. */
  url: string;
  /** The page, gunzipped and decoded as UTF-8. */
  html: string;
  /** The human-checked article body (ground truth). */
  truth: string;
  /** The .html.gz file. */
  path: string;
}

/** Default aeb-dev folder: <repo>/../shared/corpus/aeb-dev. */
export function aebDevDir(repoRoot?: string): string {
  return path.join(corpusRoot(repoRoot), 'aeb-dev');
}

interface GroundTruthEntry {
  articleBody?: string;
  url?: string;
}

/** The aeb-dev ground truth, {ID: {articleBody, url}}. */
export function loadAebGroundTruth(dir: string = aebDevDir()): Record<string, { articleBody: string; url: string }> {
  requireDir(dir, 'aeb-dev');
  const file = path.join(dir, 'ground-truth.json');
  requireFile(file, 'aeb-dev');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, GroundTruthEntry>;
  const out: Record<string, { articleBody: string; url: string }> = {};
  for (const [id, entry] of Object.entries(raw)) {
    out[id] = { articleBody: entry.articleBody ?? '', url: entry.url ?? '' };
  }
  return out;
}

/**
 * Every aeb-dev page with its ground truth, sorted by id. Throws CorpusMissingError when the
 * folder, ground-truth.json or a page's html/ID.html.gz is missing.
 */
export function loadAebDev(dir: string = aebDevDir()): AebPage[] {
  const truth = loadAebGroundTruth(dir);
  const htmlDir = path.join(dir, 'html');
  requireDir(htmlDir, 'aeb-dev html');
  return Object.keys(truth)
    .sort()
    .map((id) => {
      const entry = truth[id]!;
      const file = path.join(htmlDir, `${id}.html.gz`);
      requireFile(file, 'aeb-dev');
      return { id, url: entry.url, html: utf8(gunzipSync(readFileSync(file))), truth: entry.articleBody, path: file };
    });
}

/** A corpus page as a file on disk, read by a bench the way a user's file is. */
export interface CorpusFile {
  /** "aeb-dev/ID" (the id's first 12 digits) or "readability/NAME". */
  label: string;
  file: string;
  url: string;
}

/**
 * aeb-dev's pages gunzipped (byte for byte) into `dir`, then Readability's test pages where they
 * are, each with its URL. Throws CorpusMissingError when a page cannot be read.
 */
export function writeCorpusFiles(dir: string): CorpusFile[] {
  const pages: CorpusFile[] = [];
  const aebDir = aebDevDir();
  const truth = loadAebGroundTruth(aebDir);
  for (const id of Object.keys(truth).sort()) {
    const gz = path.join(aebDir, 'html', `${id}.html.gz`);
    let bytes: Buffer;
    try {
      bytes = gunzipSync(readFileSync(gz));
    } catch (error) {
      throw new CorpusMissingError(`aeb-dev: cannot read ${gz}: ${(error as Error).message}`, gz);
    }
    const file = path.join(dir, `${id}.html`);
    writeFileSync(file, bytes);
    pages.push({ label: `aeb-dev/${id.slice(0, 12)}`, file, url: truth[id]!.url });
  }
  const readability = readabilityDir();
  for (const name of readabilityCaseNames(readability)) {
    pages.push({
      label: `readability/${name}`,
      file: path.join(readability, name, 'source.html'),
      url: `http://fakehost/test/${encodeURIComponent(name)}/page.html`,
    });
  }
  return pages;
}

// ---------------------------------------------------------------------------------------------
// wceb-dev: 1,065 pages of the Web Content Extraction Benchmark (dragnet and cleaneval sets).

/** The sets bench:quality scores: aeb-dev and the two halves of wceb-dev. */
export type QualitySet = 'aeb-dev' | 'dragnet' | 'cleaneval';
export const QUALITY_SETS: readonly QualitySet[] = ['aeb-dev', 'dragnet', 'cleaneval'];

/** A page of a quality set; its markup is read from disk when asked for (wceb-dev is large). */
export interface QualityPage {
  id: string;
  url: string;
  set: QualitySet;
  truth: string;
  /** The .html.gz file. */
  path: string;
  /** The page, gunzipped and decoded as UTF-8 (read on each call). */
  html(): string;
}

/** Default wceb-dev folder: <repo>/../shared/corpus/wceb-dev. */
export function wcebDevDir(repoRoot?: string): string {
  return path.join(corpusRoot(repoRoot), 'wceb-dev');
}

/**
 * Every wceb-dev page of one dataset ('dragnet' or 'cleaneval'), sorted by id. Throws
 * CorpusMissingError when the folder, ground-truth.json or a page's html/ID.html.gz is missing.
 */
export function loadWcebDev(dataset: 'dragnet' | 'cleaneval', dir: string = wcebDevDir()): QualityPage[] {
  requireDir(dir, 'wceb-dev');
  const file = path.join(dir, 'ground-truth.json');
  requireFile(file, 'wceb-dev');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, GroundTruthEntry & { dataset?: string }>;
  const htmlDir = path.join(dir, 'html');
  requireDir(htmlDir, 'wceb-dev html');
  return Object.keys(raw)
    .filter((id) => raw[id]!.dataset === dataset)
    .sort()
    .map((id) => {
      const page = path.join(htmlDir, `${id}.html.gz`);
      requireFile(page, 'wceb-dev');
      return gzPage(id, raw[id]!.url ?? '', dataset, raw[id]!.articleBody ?? '', page);
    });
}

/** The pages of one quality set, sorted by id. */
export function loadQualitySet(set: QualitySet): QualityPage[] {
  if (set !== 'aeb-dev') return loadWcebDev(set);
  return loadAebDev().map((p) => gzPage(p.id, p.url, set, p.truth, p.path));
}

function gzPage(id: string, url: string, set: QualitySet, truth: string, file: string): QualityPage {
  return { id, url, set, truth, path: file, html: () => utf8(gunzipSync(readFileSync(file))) };
}

export type Half = 'study' | 'check';

/**
 * Which fixed half of its set a page belongs to: the *study* half, whose failures may be read
 * and learnt from, or the *check* half, which is only ever scored (a rule that helps only the
 * study half learnt its pages, not the web). The half is the parity of the first byte of the
 * SHA-256 of the page id: fixed for ever, independent of the order and size of the set, and
 * about half of each set (study/check: aeb-dev 20/30, dragnet 362/346, cleaneval 183/174).
 */
export function halfOf(id: string): Half {
  return createHash('sha256').update(id).digest()[0]! % 2 === 0 ? 'study' : 'check';
}

// ---------------------------------------------------------------------------------------------
// readability: Mozilla Readability's test pages.

/** The URL Readability's own test suite gives every test page (links in expected.html resolve against it). */
export const READABILITY_TEST_URL = 'http://fakehost/test/page.html';

/** expected-metadata.json of a Readability test page. */
export interface ReadabilityExpectedMetadata {
  title?: string | null;
  byline?: string | null;
  dir?: string | null;
  lang?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  readerable?: boolean;
}

export interface ReadabilityCase {
  /** Folder name, e.g. "001", "aktualne". */
  name: string;
  /** The case folder. */
  dir: string;
  /** source.html decoded as UTF-8 (BOM dropped). */
  html: string;
  /** Path of source.html, for tests that want the raw bytes. */
  sourcePath: string;
  metadata: ReadabilityExpectedMetadata;
  /** Readability's expected content (expected.html), read on first access. */
  readonly expectedHtml: string;
}

/** Default readability folder: <repo>/../shared/corpus/readability. */
export function readabilityDir(repoRoot?: string): string {
  return path.join(corpusRoot(repoRoot), 'readability');
}

/** The names of the Readability test cases (folders holding a source.html), sorted. */
export function readabilityCaseNames(dir: string = readabilityDir()): string[] {
  requireDir(dir, 'readability');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'source.html')))
    .map((e) => e.name)
    .sort();
}

/** One Readability test case by name. */
export function loadReadabilityCase(name: string, dir: string = readabilityDir()): ReadabilityCase {
  requireDir(dir, 'readability');
  const caseDir = path.join(dir, name);
  if (!existsSync(caseDir)) throw new CorpusMissingError(`no readability test case "${name}" in ${dir}`, caseDir);
  const sourcePath = path.join(caseDir, 'source.html');
  const metadataPath = path.join(caseDir, 'expected-metadata.json');
  const expectedPath = path.join(caseDir, 'expected.html');
  requireFile(sourcePath, 'readability');
  requireFile(metadataPath, 'readability');
  let expected: string | undefined;
  return {
    name,
    dir: caseDir,
    html: utf8(readFileSync(sourcePath)),
    sourcePath,
    metadata: JSON.parse(readFileSync(metadataPath, 'utf8')) as ReadabilityExpectedMetadata,
    get expectedHtml(): string {
      if (expected === undefined) {
        requireFile(expectedPath, 'readability');
        expected = utf8(readFileSync(expectedPath));
      }
      return expected;
    },
  };
}

/** Every Readability test case, sorted by name (or only those named). */
export function loadReadabilityCorpus(dir: string = readabilityDir(), names?: readonly string[]): ReadabilityCase[] {
  return (names ?? readabilityCaseNames(dir)).map((name) => loadReadabilityCase(name, dir));
}

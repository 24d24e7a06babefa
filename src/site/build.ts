/**
 * `clipfile site`: the archive as a static web site that opens from any folder (file://) or
 * static host. One page per article and one for its history, an index with filters and search,
 * the speakers pages; CSS and JS copied from assets/. A manifest in the site folder records,
 * per page, the snapshots it was built from and the files written, so a rebuild renders only
 * the pages whose snapshots changed (and drops the files of pages no longer archived).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseHTML } from 'linkedom';
import type { ArchivedArticle } from '../article.js';
import { diffSnapshots, renderDiffParts } from '../archive/diff.js';
import type { Archive } from '../archive/store.js';
import { renderEmbedHtml } from '../extract/embeds/html.js';
import { siteAssetsDir } from './assets-dir.js';
import type { SafeHtml } from './escape.js';
import { articlePage, bodyShowsEmbed } from './pages/article-page.js';
import { historyPage } from './pages/history-page.js';
import { indexPage } from './pages/index-page.js';
import { sitePaths } from './pages/layout.js';
import { groupBySpeaker, speakerPage, speakersPage } from './pages/speakers-page.js';
import { siteLabel, summarize, type PageSummary } from './pages/summary.js';
import { readSitePages, readSiteSnapshot, readSpeakerQuotes, type SitePageSource } from './read.js';
import { SiteSearch, scriptJson, type SearchStateFiles } from './search-index.js';
import { sanitizeForSite } from './sanitize.js';

/** Bumped whenever templates or the search index change: every page is then built again. */
export const SITE_FORMAT = 1;
const STATE_FOLDER = '.clipfile-site';
const MANIFEST_FILE = join(STATE_FOLDER, 'manifest.json');
const SEARCH_MAIN_STATE = join(STATE_FOLDER, 'search-main.json');
const SEARCH_DELTA_STATE = join(STATE_FOLDER, 'search-delta.json');
const SEARCH_FOLDER = 'search';
const SPEAKERS_FOLDER = 'speakers';

interface ManifestPage {
  /** The snapshots the files were built from: name and content hash of each, oldest first. */
  snapshots: string[];
  files: string[];
  summary: PageSummary;
}

interface Manifest {
  format: number;
  pages: Record<string, ManifestPage>;
}

export interface SiteBuildResult {
  /** The site folder, absolute. */
  out: string;
  pages: number;
  /** Pages whose files were written in this build (all of them on a first build). */
  rendered: number;
  /** Pages whose files were taken out (no longer in the archive). */
  removed: number;
  speakers: number;
  /** Pages left out, with why (an unreadable snapshot). */
  skipped: { key: string; reason: string }[];
}

/** The site folder is not one clipfile made: nothing is written into it. */
export class NotASiteFolderError extends Error {
  override readonly name = 'NotASiteFolderError';
}

function snapshotFingerprint(page: SitePageSource): string[] {
  return page.snapshots.map((s) => `${s.name}:${s.contentSha256}`);
}

function readManifest(out: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as Manifest;
    return manifest.format === SITE_FORMAT && manifest.pages && typeof manifest.pages === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

function readStateFile(out: string, path: string): string | undefined {
  try {
    return readFileSync(join(out, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** The search state of the last build; undefined when any part is missing. */
export function readSearchState(out: string): SearchStateFiles | undefined {
  const main = readStateFile(out, SEARCH_MAIN_STATE);
  const delta = readStateFile(out, SEARCH_DELTA_STATE);
  return main === undefined || delta === undefined ? undefined : { main, delta };
}

/** Writes a file of the site, written whole under a temporary name first: a reader never sees half a page. */
function writeSiteFile(out: string, path: string, content: string): void {
  const file = join(out, path);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function removeSiteFile(out: string, path: string): void {
  // Only ever inside the site folder, whatever a manifest edited by hand says.
  const file = resolve(out, path);
  if (!file.startsWith(out + sep)) return;
  rmSync(file, { force: true });
}

/** A site folder must be new, empty, or one clipfile built: it never writes over anything else. */
function checkSiteFolder(out: string, archiveRoot: string): void {
  if (resolve(out) === resolve(archiveRoot) || resolve(archiveRoot).startsWith(resolve(out) + sep)) {
    throw new NotASiteFolderError(`${out} holds the archive; the site needs a folder of its own`);
  }
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new NotASiteFolderError(`${out} is a file, not a folder`);
  if (readdirSync(out).length > 0 && !existsSync(join(out, STATE_FOLDER))) {
    throw new NotASiteFolderError(`${out} is not empty and was not built by clipfile site; choose an empty or new folder`);
  }
}

/** The cards of embedded posts the body does not show in place (the same cards the extractor places). */
function extraEmbedCards(article: ArchivedArticle, body: SafeHtml): SafeHtml[] {
  const missing = (article.embeds ?? []).filter((embed) => !bodyShowsEmbed(body, embed));
  if (!missing.length) return [];
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return missing.map((embed) => sanitizeForSite(renderEmbedHtml(document, embed).outerHTML));
}

interface RenderedPage {
  files: Map<string, string>;
  summary: PageSummary;
  article: ArchivedArticle;
}

function renderPage(archive: Archive, page: SitePageSource): RenderedPage | string {
  const latest = page.snapshots.at(-1)!;
  const article = readSiteSnapshot(archive, latest);
  if (!article) return `snapshot ${latest.path} could not be read`;
  const body = sanitizeForSite(article.html ?? '');
  const files = new Map<string, string>();
  files.set(
    sitePaths.article(page.key),
    articlePage({ key: page.key, article, body, extraEmbeds: extraEmbedCards(article, body), snapshots: page.snapshots.length }),
  );
  const diffs = [];
  let before = page.snapshots.length > 1 ? readSiteSnapshot(archive, page.snapshots[0]!) : undefined;
  for (const snapshot of page.snapshots.slice(1)) {
    const after = snapshot === latest ? article : readSiteSnapshot(archive, snapshot);
    const diff = diffSnapshots({ title: before?.title ?? null, text: before?.text ?? '' }, { title: after?.title ?? null, text: after?.text ?? '' });
    diffs.push({ diff, parts: renderDiffParts(diff) });
    before = after;
  }
  const title = article.title?.trim() || page.url;
  files.set(sitePaths.history(page.key), historyPage({ key: page.key, title, snapshots: page.snapshots, diffs }));
  return { files, summary: summarize(page, article, page.snapshots.length), article };
}

/** The search results' titles and links, spread over files by the key's first two hex digits. */
function searchDocsFiles(summaries: Iterable<PageSummary>): Map<string, string> {
  const chunks = new Map<string, Record<string, [string, string, string, string | null]>>();
  for (const summary of summaries) {
    const chunk = summary.key.slice(0, 2);
    let docs = chunks.get(chunk);
    if (!docs) chunks.set(chunk, (docs = {}));
    docs[summary.key] = [summary.title?.trim() || summary.url, sitePaths.article(summary.key), siteLabel(summary), summary.publishedTime];
  }
  const files = new Map<string, string>();
  for (const [chunk, docs] of chunks) files.set(`docs-${chunk}.js`, `clipfileSearchData.docs(${scriptJson(chunk)}, ${scriptJson(docs)});\n`);
  return files;
}

/**
 * Replaces the generated files of a folder of the site: writes the new ones, removes the others
 * (except those `keep` says stay as they are).
 */
function replaceFolder(out: string, folder: string, files: Map<string, string>, keep: (name: string) => boolean = () => false): void {
  const existing = existsSync(join(out, folder)) ? readdirSync(join(out, folder)) : [];
  for (const [name, content] of files) writeSiteFile(out, join(folder, name), content);
  for (const name of existing) if (!files.has(name) && !keep(name)) removeSiteFile(out, join(folder, name));
}

/** The main index's files in search/: kept as they are by a build that only changes the delta. */
function isMainIndexFile(name: string): boolean {
  return name === 'core.js' || /^terms-[0-9a-f]{2}\.js$/.test(name);
}

function copyAssets(out: string): void {
  const assets = siteAssetsDir();
  mkdirSync(join(out, 'assets'), { recursive: true });
  for (const name of readdirSync(assets)) copyFileSync(join(assets, name), join(out, 'assets', name));
  // The search library's browser build, from its package.
  copyFileSync(minisearchBrowserBuild(), join(out, 'assets', 'minisearch.js'));
}

function minisearchBrowserBuild(): string {
  let directory = siteAssetsDir();
  for (;;) {
    const candidate = join(directory, 'node_modules', 'minisearch', 'dist', 'umd', 'index.js');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('clipfile site: the minisearch package (dist/umd/index.js) is missing');
    directory = parent;
  }
}

/**
 * Builds (or brings up to date) the site of `archive` in `out`. Whole on purpose (longer than 60
 * lines): the steps are in the order a build cut short must take them (pages, pages gone, shared
 * pages, search index, the manifest last), and that order is read here in one place.
 */
export async function buildSite(archive: Archive, outFolder: string): Promise<SiteBuildResult> {
  const out = resolve(outFolder);
  checkSiteFolder(out, archive.root);
  const sources = readSitePages(archive);
  const manifestBefore = readManifest(out);
  // Without the search state the index cannot be updated in place: everything is built again.
  const search = SiteSearch.open(manifestBefore && readSearchState(out));
  const previous: Manifest = !search.isFresh && manifestBefore ? manifestBefore : { format: SITE_FORMAT, pages: {} };
  const manifest: Manifest = { format: SITE_FORMAT, pages: {} };
  const skipped: SiteBuildResult['skipped'] = [];
  let rendered = 0;
  mkdirSync(join(out, STATE_FOLDER), { recursive: true });

  for (const page of sources) {
    const snapshots = snapshotFingerprint(page);
    const before = previous.pages[page.key];
    if (before && before.snapshots.join('\n') === snapshots.join('\n') && before.files.every((f) => existsSync(join(out, f)))) {
      manifest.pages[page.key] = before;
      continue;
    }
    const result = renderPage(archive, page);
    if (typeof result === 'string') {
      skipped.push({ key: page.key, reason: result });
      if (before) for (const file of before.files) removeSiteFile(out, file);
      search.remove(page.key);
      continue;
    }
    for (const [path, content] of result.files) writeSiteFile(out, path, content);
    search.put({
      id: page.key,
      title: result.summary.title ?? '',
      byline: result.summary.byline ?? '',
      speakers: result.summary.speakers.join('\n'),
      text: result.article.text ?? '',
    });
    manifest.pages[page.key] = { snapshots, files: [...result.files.keys()], summary: result.summary };
    rendered++;
  }

  let removed = 0;
  // Pages of the last build gone from the archive (listed by its manifest even when the search state was lost).
  for (const [key, page] of Object.entries((manifestBefore ?? previous).pages)) {
    if (manifest.pages[key] || skipped.some((s) => s.key === key)) continue;
    for (const file of page.files) removeSiteFile(out, file);
    search.remove(key);
    removed++;
  }

  const summaries = new Map(Object.values(manifest.pages).map((p) => [p.summary.key, p.summary]));
  const speakers = groupBySpeaker(readSpeakerQuotes(archive).filter((q) => summaries.has(q.key)));
  writeSiteFile(out, sitePaths.index, indexPage([...summaries.values()]));
  writeSiteFile(out, sitePaths.speakers, speakersPage(speakers));
  replaceFolder(out, SPEAKERS_FOLDER, new Map(speakers.map((s) => [relative(SPEAKERS_FOLDER, sitePaths.speaker(s.speaker)), speakerPage(s, summaries)])));
  copyAssets(out);

  const searchOutput = await search.output(summaries.size);
  const searchFiles = new Map([...(searchOutput.mainFiles ?? []), ['delta.js', searchOutput.deltaFile], ...searchDocsFiles(summaries.values())]);
  replaceFolder(out, SEARCH_FOLDER, searchFiles, searchOutput.mainFiles ? undefined : isMainIndexFile);
  if (searchOutput.mainState !== null) writeSiteFile(out, SEARCH_MAIN_STATE, searchOutput.mainState);
  writeSiteFile(out, SEARCH_DELTA_STATE, searchOutput.deltaState);
  // Last: a build cut short leaves the old manifest, and the next build redoes what it lists as stale.
  writeSiteFile(out, MANIFEST_FILE, JSON.stringify(manifest));
  return { out, pages: summaries.size, rendered, removed, speakers: speakers.length, skipped };
}

/** For tests and the benchmark: the site's state files. */
export const SITE_STATE = { folder: STATE_FOLDER, manifest: MANIFEST_FILE, searchMain: SEARCH_MAIN_STATE, searchDelta: SEARCH_DELTA_STATE };

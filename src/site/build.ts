/**
 * `clipfile site`: the archive as a static web site that opens from any folder (file://) or
 * static host. One page per article and one for its history, paginated listings (all articles,
 * and each site's and author's) with search, the speakers pages; CSS and JS copied from assets/.
 * A manifest in the site folder records, per page, the snapshots it was built from and the
 * files written, so a rebuild renders only the pages whose snapshots changed (and drops the
 * files of pages no longer archived); shared files (listings, speakers, assets) are written
 * only when their content changed, so a rebuild touches only what it must.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { SNAPSHOT_FILES } from '../archive/layout.js';
import type { Archive } from '../archive/store.js';
import { siteAssetsDir } from './assets-dir.js';
import { filterValues, listingPages, newestFirst } from './pages/index-page.js';
import { LISTING_FOLDERS, nameSlug, sitePaths } from './pages/layout.js';
import { groupBySpeaker, speakerPage, speakersPage } from './pages/speakers-page.js';
import { siteLabel, type PageSummary } from './pages/summary.js';
import { readSitePages, readSpeakerQuotes, type SitePageSource } from './read.js';
import { renderPage } from './render-page.js';
import { POOL_FROM_PAGES, renderOnWorkers, type PoolResult } from './render-pool.js';
import { writeSiteFile, writeSiteFileIfChanged } from './site-files.js';
import { SEARCH_FOLDER, SiteSearch, isMainIndexFile, type SearchStateFiles } from './search-index.js';

/** Bumped whenever templates or the search index change: every page is then built again. */
export const SITE_FORMAT = 2;
const STATE_FOLDER = '.clipfile-site';
const MANIFEST_FILE = join(STATE_FOLDER, 'manifest.json');
const SEARCH_MAIN_STATE = join(STATE_FOLDER, 'search-main.json');
const SEARCH_DELTA_STATE = join(STATE_FOLDER, 'search-delta.json');
const SPEAKERS_FOLDER = 'speakers';
const LISTINGS_FOLDER = 'pages';

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

/**
 * Whether each snapshot of the page still has its article.json: one deleted by hand changes no
 * page folder the index watches, and the site must not go on showing what the archive lost.
 */
function snapshotsStillThere(archiveRoot: string, page: SitePageSource): boolean {
  return page.snapshots.every((snapshot) => existsSync(join(archiveRoot, snapshot.path, SNAPSHOT_FILES.json)));
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

/**
 * Replaces the generated files of a folder of the site: writes those whose content changed,
 * removes the others (except those `keep` says stay as they are).
 */
function replaceFolder(out: string, folder: string, files: Map<string, string>, keep: (name: string) => boolean = () => false): void {
  const existing = existsSync(join(out, folder)) ? readdirSync(join(out, folder)) : [];
  for (const [name, content] of files) writeSiteFileIfChanged(out, join(folder, name), content);
  for (const name of existing) if (!files.has(name) && !keep(name)) removeSiteFile(out, join(folder, name));
}

/** Files of a map whose paths are in `folder`, by their names in it; the others are left out. */
function inFolder(files: Map<string, string>, folder: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [path, content] of files) if (path.startsWith(`${folder}/`)) found.set(relative(folder, path), content);
  return found;
}

function copyAssets(out: string): void {
  const assets = siteAssetsDir();
  for (const name of readdirSync(assets)) writeSiteFileIfChanged(out, join('assets', name), readFileSync(join(assets, name)));
}

/** Sites, authors and speakers whose pages may have changed in a build; undefined: all of them. */
interface Touched {
  sites: Set<string>;
  authors: Set<string>;
  speakers: Set<string>;
}

function touchedBy(summaries: (PageSummary | undefined)[]): Touched {
  const touched: Touched = { sites: new Set(), authors: new Set(), speakers: new Set() };
  for (const summary of summaries) {
    if (!summary) continue;
    touched.sites.add(siteLabel(summary));
    for (const author of summary.authors) touched.authors.add(author);
    for (const speaker of summary.speakers) touched.speakers.add(speaker);
  }
  return touched;
}

/**
 * The listings: all articles (with the filters), and each site's and author's (only those of
 * `touched`, when given: the others are as the last build wrote them).
 */
function listingFiles(summaries: PageSummary[], touched: Touched | undefined): Map<string, string> {
  const ordered = newestFirst(summaries);
  const files = listingPages({ kind: 'all', value: '', pages: ordered, filters: filterValues(ordered) });
  const bySite = new Map<string, PageSummary[]>();
  const byAuthor = new Map<string, PageSummary[]>();
  const add = (groups: Map<string, PageSummary[]>, value: string, page: PageSummary) => {
    if (!value.trim()) return;
    let list = groups.get(value);
    if (!list) groups.set(value, (list = []));
    list.push(page);
  };
  for (const page of ordered) {
    add(bySite, siteLabel(page), page);
    for (const author of new Set(page.authors)) add(byAuthor, author, page);
  }
  for (const [value, pages] of bySite) {
    if (touched && !touched.sites.has(value)) continue;
    for (const [path, content] of listingPages({ kind: 'site', value, pages })) files.set(path, content);
  }
  for (const [value, pages] of byAuthor) {
    if (touched && !touched.authors.has(value)) continue;
    for (const [path, content] of listingPages({ kind: 'author', value, pages })) files.set(path, content);
  }
  return files;
}

/**
 * Brings the files of some names' pages in a folder up to date (listings of touched sites or
 * authors, touched speakers' pages): writes what changed, and removes the files of those names
 * that are no longer made (a site gone, a listing grown shorter). Other names' files stay.
 */
function updateNamedFiles(out: string, folder: string, files: Map<string, string>, names: Iterable<string>): void {
  for (const [name, content] of files) writeSiteFileIfChanged(out, join(folder, name), content);
  const slugs = new Set([...names].map(nameSlug));
  const existing = existsSync(join(out, folder)) ? readdirSync(join(out, folder)) : [];
  for (const name of existing) {
    const slug = /^([0-9a-f]{16})(?:-\d+)?\.html$/.exec(name)?.[1];
    if (slug && slugs.has(slug) && !files.has(name)) removeSiteFile(out, join(folder, name));
  }
}

export interface SiteBuildOptions {
  /** From this many pages to render on, they are rendered on worker threads (default POOL_FROM_PAGES). */
  workersFrom?: number;
}

/**
 * Builds (or brings up to date) the site of `archive` in `out`. Whole on purpose (longer than 60
 * lines): the steps are in the order a build cut short must take them (pages, pages gone, shared
 * pages, search index, the manifest last), and that order is read here in one place.
 */
export async function buildSite(archive: Archive, outFolder: string, options: SiteBuildOptions = {}): Promise<SiteBuildResult> {
  const out = resolve(outFolder);
  checkSiteFolder(out, archive.root);
  const sources = readSitePages(archive);
  const manifestBefore = readManifest(out);
  // Without the search state the index cannot be updated in place: everything is built again.
  const search = SiteSearch.open(out, manifestBefore && readSearchState(out));
  const previous: Manifest = !search.isFresh && manifestBefore ? manifestBefore : { format: SITE_FORMAT, pages: {} };
  const manifest: Manifest = { format: SITE_FORMAT, pages: {} };
  const skipped: SiteBuildResult['skipped'] = [];
  let rendered = 0;
  mkdirSync(join(out, STATE_FOLDER), { recursive: true });
  const stale: SitePageSource[] = [];
  for (const page of sources) {
    const before = previous.pages[page.key];
    const unchanged =
      before &&
      before.snapshots.join('\n') === snapshotFingerprint(page).join('\n') &&
      before.files.every((f) => existsSync(join(out, f))) &&
      snapshotsStillThere(archive.root, page);
    if (unchanged) {
      manifest.pages[page.key] = before;
    } else {
      stale.push(page);
    }
  }
  const byKey = new Map(stale.map((page) => [page.key, page]));
  const take = (result: PoolResult) => {
    const page = byKey.get(result.key)!;
    if ('error' in result) throw new Error(`page ${result.key}: ${result.error}`);
    if ('skipped' in result) {
      skipped.push({ key: page.key, reason: result.skipped });
      for (const file of previous.pages[page.key]?.files ?? []) removeSiteFile(out, file);
      search.remove(page.key);
      return;
    }
    search.put(result.indexed);
    manifest.pages[page.key] = { snapshots: snapshotFingerprint(page), files: result.files, summary: result.summary };
    rendered++;
  };
  if (stale.length >= (options.workersFrom ?? POOL_FROM_PAGES)) {
    await renderOnWorkers(archive.root, out, stale, take);
  } else {
    const read = (path: string) => archive.readSnapshot(path);
    for (const page of stale) {
      const result = renderPage(read, page);
      if (typeof result === 'string') {
        take({ key: page.key, skipped: result });
        continue;
      }
      for (const [path, content] of result.files) writeSiteFile(out, path, content);
      take({ key: page.key, files: [...result.files.keys()], summary: result.summary, indexed: result.indexed });
    }
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
  // A rebuild remakes only the site, author and speaker pages of the pages that changed (as they were and as they are).
  const changedKeys = new Set([...stale.map((page) => page.key), ...Object.keys((manifestBefore ?? previous).pages).filter((key) => !manifest.pages[key])]);
  const touched = Object.keys(previous.pages).length === 0 ? undefined : touchedBy([...changedKeys].flatMap((key) => [previous.pages[key]?.summary, manifest.pages[key]?.summary]));
  const speakers = groupBySpeaker(readSpeakerQuotes(archive).filter((q) => summaries.has(q.key)));
  const listings = listingFiles([...summaries.values()], touched);
  writeSiteFileIfChanged(out, sitePaths.index, listings.get(sitePaths.index)!);
  replaceFolder(out, LISTINGS_FOLDER, inFolder(listings, LISTINGS_FOLDER));
  for (const [kind, folder] of Object.entries(LISTING_FOLDERS) as [keyof typeof LISTING_FOLDERS, string][]) {
    const files = inFolder(listings, folder);
    if (touched) updateNamedFiles(out, folder, files, kind === 'site' ? touched.sites : touched.authors);
    else replaceFolder(out, folder, files);
  }
  writeSiteFileIfChanged(out, sitePaths.speakers, speakersPage(speakers));
  const speakerFiles = (list: typeof speakers) => new Map(list.map((s) => [relative(SPEAKERS_FOLDER, sitePaths.speaker(s.speaker)), speakerPage(s, summaries)]));
  if (touched) updateNamedFiles(out, SPEAKERS_FOLDER, speakerFiles(speakers.filter((s) => touched.speakers.has(s.speaker))), touched.speakers);
  else replaceFolder(out, SPEAKERS_FOLDER, speakerFiles(speakers));
  copyAssets(out);

  const searchOutput = search.output(summaries.size);
  const searchFiles = new Map([...(searchOutput.mainFiles ?? []), ...searchOutput.deltaFiles]);
  replaceFolder(out, SEARCH_FOLDER, searchFiles, searchOutput.mainFiles ? undefined : isMainIndexFile);
  if (searchOutput.mainState !== null) writeSiteFile(out, SEARCH_MAIN_STATE, searchOutput.mainState);
  writeSiteFile(out, SEARCH_DELTA_STATE, searchOutput.deltaState);
  // Last: a build cut short leaves the old manifest, and the next build redoes what it lists as stale.
  writeSiteFile(out, MANIFEST_FILE, JSON.stringify(manifest));
  return { out, pages: summaries.size, rendered, removed, speakers: speakers.length, skipped };
}

/** For tests and the benchmark: the site's state files. */
export const SITE_STATE = { folder: STATE_FOLDER, manifest: MANIFEST_FILE, searchMain: SEARCH_MAIN_STATE, searchDelta: SEARCH_DELTA_STATE };

/**
 * Writing one snapshot folder. A snapshot appears complete or not at all: its files are
 * written under a temporary name, each fsynced, article.json last, then the folder is renamed
 * into place. Only the lock holder writes (store.ts), so a temporary found later is abandoned.
 */
import { closeSync, fsyncSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchivedArticle, Article, Capture, DecodedPage, Provenance, RenderedSnapshot } from '../article.js';
import { markdownWithFrontMatter } from '../front-matter.js';
import { clipfileVersion } from '../version.js';
import { safeReaddir } from './folders.js';
import { describeFsError, writeError } from './fs-errors.js';
import { SNAPSHOT_FILES, TEMP_PREFIX, freeSnapshotName, pageIdentityUrl, sha256Hex, type PageIdentity } from './layout.js';
import {
  OPEN_FLAGS,
  PlantedLinkError,
  makeFoldersInsideRoot,
  makeNewFolderInsideRoot,
  openInsideRoot,
  refuseLinksOn,
} from './safe-fs.js';

export interface SnapshotInput {
  article: Article;
  capture: Capture;
  decoded: DecodedPage;
  /** The options that shaped the result, recorded in provenance. */
  options: Record<string, string | number | boolean | null>;
  /** A gzipped WARC of the exchange, when asked for. */
  warc?: Uint8Array;
  /** The rendered page the Article came from (--render), kept as rendered.html. */
  rendered?: RenderedSnapshot;
}

/**
 * The Article plus how it was obtained: `url` is the page's own URL without fragment and
 * tracking parameters, `provenance.url` the URL it is filed under (`pageIdentity`).
 */
export function buildArchivedArticle(input: SnapshotInput, identity: PageIdentity): ArchivedArticle {
  const { article, capture, decoded } = input;
  const pageUrl = capture.url ? pageIdentityUrl(capture.url) : identity.url;
  const provenance: Provenance = {
    requestedUrl: capture.requestedUrl,
    url: identity.url,
    ignoredCanonical: identity.ignoredCanonical,
    source: capture.source,
    redirects: capture.redirects,
    status: capture.status,
    headers: capture.headers,
    fetchedAt: capture.fetchedAt,
    encoding: decoded.encoding,
    encodingSource: decoded.encodingSource,
    invalidBytes: decoded.invalidBytes,
    sha256: {
      capture: sha256Hex(capture.bytes),
      text: sha256Hex(article.text),
      content: sha256Hex(`${article.title ?? ''}\n\n${article.markdown}`),
    },
    clipfile: { version: clipfileVersion(), options: input.options },
    ...(capture.origin ? { origin: capture.origin } : {}),
    ...(input.rendered ? renderProvenance(input.rendered) : {}),
  };
  return { ...article, url: pageUrl, provenance };
}

/** A rendered page's provenance: what rendered it, why, when, and the digest of rendered.html. */
function renderProvenance(rendered: RenderedSnapshot): Pick<Provenance, 'rendered' | 'render'> {
  const { reason, browser, renderedAt, html } = rendered;
  return { rendered: true, render: { reason, browser, renderedAt, sha256: sha256Hex(html) } };
}

/** A name for a new snapshot in the page folder: `base`, else `base-2`, … */
export function freeSnapshotNameIn(pageDir: string, base: string): string {
  // Any entry takes its name, a link or a file included: the rename must never land on one.
  return freeSnapshotName(new Set(safeReaddir(pageDir).map((entry) => entry.name)), base);
}

/**
 * Temporary folders left by a run that died; only the lock holder writes, so none is live. A
 * link in their place is refused, not removed: it is not ours.
 */
export function removeAbandonedTemporaries(root: string, pageDir: string): void {
  refuseLinksOn(root, pageDir);
  for (const entry of safeReaddir(pageDir)) {
    if (!entry.name.startsWith(TEMP_PREFIX)) continue;
    if (entry.isSymbolicLink()) throw new PlantedLinkError(join(pageDir, entry.name));
    rmSync(join(pageDir, entry.name), { recursive: true, force: true });
  }
}

/**
 * Writes the snapshot folder `name` of a page: its files under a temporary name, then renamed
 * into place. A failure before the rename leaves nothing behind and throws an 'archive-write'
 * error of `source`; once renamed, the snapshot is stored, and a failure to sync the page
 * folder is only a note.
 */
export function writeSnapshotFolder(
  root: string,
  target: { source: string; pageDir: string; name: string },
  archived: ArchivedArticle,
  input: SnapshotInput,
  onNote: (message: string) => void,
): void {
  const { source, pageDir, name } = target;
  const temporary = join(pageDir, `${TEMP_PREFIX}${name}-${process.pid}`);
  let created = false;
  try {
    makeFoldersInsideRoot(root, pageDir);
    makeNewFolderInsideRoot(root, temporary);
    created = true;
    writeFileDurably(root, join(temporary, SNAPSHOT_FILES.source), input.capture.bytes);
    if (input.warc) writeFileDurably(root, join(temporary, SNAPSHOT_FILES.warc), input.warc);
    if (input.rendered) writeFileDurably(root, join(temporary, SNAPSHOT_FILES.rendered), input.rendered.html);
    writeFileDurably(root, join(temporary, SNAPSHOT_FILES.markdown), markdownWithFrontMatter(archived));
    // article.json last: a reader that finds it may trust the rest is there.
    writeFileDurably(root, join(temporary, SNAPSHOT_FILES.json), `${JSON.stringify(archived, null, 2)}\n`);
    fsyncDirectory(root, temporary);
    renameSync(temporary, join(pageDir, name));
  } catch (error) {
    // Only our own temporary is removed: whatever stood in its place (a planted link) is not ours.
    if (created) rmSync(temporary, { recursive: true, force: true });
    throw writeError(source, root, error);
  }
  // Renamed into place, the snapshot is stored: what fails from here on is a warning, not a failure.
  try {
    fsyncDirectory(root, pageDir);
  } catch (error) {
    onNote(`${source}: archived, but the page folder could not be synced to disk (${describeFsError(error)})`);
  }
}

function writeFileDurably(root: string, path: string, data: string | Uint8Array): void {
  const descriptor = openInsideRoot(root, path, OPEN_FLAGS.createNew);
  try {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < buffer.length) written += writeSync(descriptor, buffer, written, buffer.length - written);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function fsyncDirectory(root: string, path: string): void {
  // Windows cannot open a folder to sync it; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const descriptor = openInsideRoot(root, path, OPEN_FLAGS.folder);
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

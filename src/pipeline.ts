import { acquire, conditionalHeaders, decodePage, type AcquireOptions } from './acquire/index.js';
import type { Article, Capture, DecodedPage } from './article.js';
import { Archive, type StoreOutcome } from './archive/store.js';
import { pageIdentityUrl } from './archive/layout.js';
import { buildWarc } from './archive/warc.js';
import type { PageInput } from './extract/pipeline.js';
import type { RenderReason } from './article.js';
import { extractPage, type RenderSetup } from './render/stage.js';
import { clipfileVersion } from './version.js';

/** One page read end to end: acquire → decode → extract. */
export interface ReadPage {
  capture: Capture;
  decoded: DecodedPage;
  article: Article;
}

export async function readPage(source: string, options: AcquireOptions): Promise<ReadPage> {
  const capture = await acquire(source, options);
  const decoded = decodePage(capture);
  const article = await extractInProcess({ html: decoded.html, url: capture.url, source });
  return { capture, decoded, article };
}

export interface ArchiveOptions {
  fetch: AcquireOptions;
  /** Also keep the HTTP exchange as capture.warc.gz. */
  warc: boolean;
  /** --render: when pages are rendered in Chromium (absent: never). */
  render?: RenderSetup;
}

export interface ArchiveResult extends StoreOutcome {
  source: string;
  title: string | null;
  /** The extraction's confidence (null for a snapshot stored before clipfile measured it). */
  confidence: number | null;
  /** Why the page was rendered in Chromium; null when its Article came from the HTML as served. */
  rendered: RenderReason | null;
  /** The stored Article's warnings (links left relative, a render that failed, …); [] when unchanged. */
  warnings: readonly string[];
}

/** Turns a page's HTML into an Article: extractArticle in-process, or an ExtractPool's extract. */
export type Extractor = (page: PageInput) => Article | Promise<Article>;

/**
 * extractArticle on this thread. Loaded on first use: the DOM, Readability and turndown cost
 * load time and memory that a process extracting in worker threads (archive) need not carry
 * on its main thread too.
 */
export const extractInProcess: Extractor = async (page) => {
  const { extractArticle } = await import('./extract/pipeline.js');
  return extractArticle(page);
};

/**
 * The page a source names, as far as can be told before fetching it: its URL without fragment
 * and tracking parameters (utm_*, fbclid, …), the URL it is filed under unless the page states
 * a canonical URL. Two sources with the same identity are the same page; null for files,
 * stdin and what is not an http(s) URL.
 */
export function sourceIdentity(source: string): string | null {
  if (!/^https?:\/\//i.test(source)) return null;
  try {
    return pageIdentityUrl(source);
  } catch {
    return null;
  }
}

/** The whole line for one source: read the page, then store a snapshot (or record the check). */
export async function archiveSource(
  source: string,
  options: ArchiveOptions,
  archive: Archive,
  extract: Extractor = extractInProcess,
): Promise<ArchiveResult> {
  // A page archived before is asked for with its validators; 304 means the snapshot stands.
  const conditional = /^https?:\/\//i.test(source) ? conditionalHeaders(archive.latestValidators(source) ?? {}) : undefined;
  const fetchOptions: AcquireOptions = conditional
    ? { ...options.fetch, acceptNotModified: true, headers: { ...options.fetch.headers, ...conditional } }
    : options.fetch;
  const capture = await acquire(source, fetchOptions);
  return storeCapture(source, capture, options, archive, extract);
}

/**
 * A page in hand to the archive: a 304 records an unchanged check; anything else is decoded,
 * extracted and stored as a snapshot (unchanged when it matches the latest one).
 */
export async function storeCapture(
  source: string,
  capture: Capture,
  options: ArchiveOptions,
  archive: Archive,
  extract: Extractor = extractInProcess,
): Promise<ArchiveResult> {
  if (capture.status === 304) {
    const outcome = archive.recordNotModified(capture.url ?? source, capture.fetchedAt, source, capture.redirects);
    const latest = archive.readSnapshot(outcome.snapshotPath);
    return { ...outcome, source, title: latest?.title ?? null, confidence: latest?.confidence ?? null, rendered: null, warnings: [] };
  }
  const decoded = decodePage(capture);
  const { article, rendered } = await extractPage(capture, decoded, source, extract, options.render);
  const warc = options.warc ? await buildWarc(capture, { software: `clipfile/${clipfileVersion()}` }) : undefined;
  const outcome = archive.storeSnapshot({
    article,
    capture,
    decoded,
    warc,
    rendered: rendered ?? undefined,
    options: {
      timeoutMs: options.fetch.timeoutMs ?? null,
      maxBytes: options.fetch.maxBytes ?? null,
      userAgent: options.fetch.userAgent ?? null,
      pageUrl: options.fetch.pageUrl ?? null,
      warc: options.warc,
      ...(options.render ? { render: options.render.mode, renderTimeoutMs: options.render.renderer?.timeoutMs ?? null } : {}),
    },
  });
  return { ...outcome, source, title: article.title, confidence: article.confidence, rendered: rendered?.reason ?? null, warnings: article.warnings };
}

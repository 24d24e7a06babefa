/**
 * One article's files of the site (its page and its history) and what the index and search
 * need of it: everything a build does per page, from the snapshot folders alone, so it can run
 * in any thread.
 */
import { parseHTML } from 'linkedom';
import type { ArchivedArticle } from '../article.js';
import { diffSnapshots, renderDiffParts } from '../archive/diff.js';
import { renderEmbedHtml } from '../extract/embeds/html.js';
import type { SafeHtml } from './escape.js';
import { articlePage, bodyShowsEmbed } from './pages/article-page.js';
import { historyPage } from './pages/history-page.js';
import { sitePaths } from './pages/layout.js';
import { siteLabel, summarize, type PageSummary } from './pages/summary.js';
import type { SitePageSource } from './read.js';
import { indexDocument, type IndexedDocument } from './search-index.js';
import { sanitizeForSite } from './sanitize.js';

export interface RenderedPage {
  /** Paths (relative to the site folder) and contents. */
  files: Map<string, string>;
  summary: PageSummary;
  indexed: IndexedDocument;
}

/** The cards of embedded posts the body does not show in place (the same cards the extractor places). */
function extraEmbedCards(article: ArchivedArticle, body: SafeHtml): SafeHtml[] {
  const missing = (article.embeds ?? []).filter((embed) => !bodyShowsEmbed(body, embed));
  if (!missing.length) return [];
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return missing.map((embed) => sanitizeForSite(renderEmbedHtml(document, embed).outerHTML));
}

/** Reads a snapshot's Article by its path in the archive (Archive.readSnapshot); undefined when unreadable. */
export type SnapshotReader = (path: string) => ArchivedArticle | undefined;

/** A page's files, summary and search terms; a string saying why when its latest snapshot cannot be read. */
export function renderPage(read: SnapshotReader, page: SitePageSource): RenderedPage | string {
  const latest = page.snapshots.at(-1)!;
  const article = read(latest.path);
  if (!article) return `snapshot ${latest.path} could not be read`;
  const body = sanitizeForSite(article.html ?? '');
  const files = new Map<string, string>();
  files.set(
    sitePaths.article(page.key),
    articlePage({ key: page.key, article, body, extraEmbeds: extraEmbedCards(article, body), snapshots: page.snapshots.length }),
  );
  const diffs = [];
  let before = page.snapshots.length > 1 ? read(page.snapshots[0]!.path) : undefined;
  for (const snapshot of page.snapshots.slice(1)) {
    const after = snapshot === latest ? article : read(snapshot.path);
    const diff = diffSnapshots({ title: before?.title ?? null, text: before?.text ?? '' }, { title: after?.title ?? null, text: after?.text ?? '' });
    diffs.push({ diff, parts: renderDiffParts(diff) });
    before = after;
  }
  const title = article.title?.trim() || page.url;
  files.set(sitePaths.history(page.key), historyPage({ key: page.key, title, snapshots: page.snapshots, diffs }));
  const summary = summarize(page, article, page.snapshots.length);
  const indexed = indexDocument({
    id: page.key,
    title: summary.title ?? '',
    byline: summary.byline ?? '',
    speakers: summary.speakers.join('\n'),
    text: article.text ?? '',
    site: siteLabel(summary),
    published: summary.publishedTime,
  });
  return { files, summary, indexed: { ...indexed, title: summary.title?.trim() || summary.url } };
}

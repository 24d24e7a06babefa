import type { ArchivedArticle } from '../../article.js';

/**
 * What the index and the speakers pages need of a page: kept in the site's manifest, so a
 * rebuild does not read every article again.
 */
export interface PageSummary {
  key: string;
  url: string;
  host: string;
  title: string | null;
  siteName: string | null;
  authors: string[];
  byline: string | null;
  publishedTime: string | null;
  /** The latest snapshot's capture time. */
  fetchedAt: string;
  speakers: string[];
  snapshots: number;
}

export function summarize(page: { key: string; url: string; host: string }, article: ArchivedArticle, snapshots: number): PageSummary {
  return {
    key: page.key,
    url: page.url,
    host: page.host,
    title: article.title,
    siteName: article.siteName,
    authors: article.authors ?? [],
    byline: article.byline,
    publishedTime: article.publishedTime,
    fetchedAt: article.provenance.fetchedAt,
    speakers: [...new Set((article.quotes ?? []).map((q) => q.speaker).filter((s): s is string => Boolean(s)))],
    snapshots,
  };
}

/** The site a page belongs to, for the filter: its stated name, else its host. */
export function siteLabel(summary: PageSummary): string {
  return summary.siteName?.trim() || summary.host;
}

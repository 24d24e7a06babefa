import { stringify } from 'yaml';
import type { Article } from './article.js';

/** The Markdown file a person reads: YAML front matter, then the body. */
export function markdownWithFrontMatter(article: Article): string {
  const fields: Record<string, unknown> = {
    title: article.title,
    authors: article.authors.length ? article.authors : null,
    site: article.siteName,
    published: article.publishedTime,
    modified: article.modifiedTime,
    url: article.url ?? article.canonicalUrl,
    canonical: article.canonicalUrl !== article.url ? article.canonicalUrl : null,
    lang: article.lang,
    tags: article.tags.length ? article.tags : null,
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null));
  if (Object.keys(present).length === 0) return `${article.markdown}\n`;
  const yaml = stringify(present, { lineWidth: 0 }).trimEnd();
  return `---\n${yaml}\n---\n\n${article.markdown}\n`;
}

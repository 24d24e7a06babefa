/** Metadata tests: a page's head made up in a line, harvested and merged as the pipeline does. */
import type { ArticleMetadata } from '../../src/article.js';
import {
  harvestMetadata,
  mergeMetadata,
  type HarvestedMetadata,
  type ReadabilityMetadata,
} from '../../src/extract/metadata/index.js';
import { parseFullHtml } from './full-dom.js';

export const PAGE_URL = 'https://news.example.com/world/2024/story.html';

export function harvest(html: string, pageUrl: string | null = PAGE_URL): HarvestedMetadata {
  return harvestMetadata(parseFullHtml(html, pageUrl), pageUrl);
}

export function metadataOf(html: string, readability: ReadabilityMetadata | null = null, pageUrl: string | null = PAGE_URL): ArticleMetadata {
  return mergeMetadata(harvest(html, pageUrl), readability, pageUrl);
}

export function page(head: string, body = '<p>Text.</p>', htmlAttributes = ''): string {
  return `<!DOCTYPE html><html ${htmlAttributes}><head>${head}</head><body>${body}</body></html>`;
}

export function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
}

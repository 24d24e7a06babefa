import { decodePage } from '../../src/acquire/index.js';
import type { Capture } from '../../src/article.js';
import type { SnapshotInput } from '../../src/archive/store.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { story } from './stories.js';

/**
 * A story page as the archive receives it: fetched from `url` at `fetchedAt` with a 200, decoded
 * and extracted for real. `word` marks its text; `extraParagraph` is added at the end of the story.
 */
export function fetchedStory(
  url: string,
  word: string,
  fetchedAt: string,
  options: { headers?: Record<string, string>; extraParagraph?: string } = {},
): SnapshotInput {
  let html = story({ title: `The ${word} report`, word, published: '2026-11-20T08:00:00Z' });
  if (options.extraParagraph) html = html.replace('</article>', `<p>${options.extraParagraph}</p></article>`);
  const capture: Capture = {
    requestedUrl: url,
    url,
    source: 'http',
    redirects: [url],
    status: 200,
    headers: options.headers ?? {},
    contentType: 'text/html',
    bytes: new TextEncoder().encode(html),
    fetchedAt,
  };
  const decoded = decodePage(capture);
  const article = extractArticle({ html: decoded.html, url, source: url });
  return { article, capture, decoded, options: {} };
}

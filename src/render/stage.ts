/**
 * The extract stage with rendering: the page's HTML as served is extracted, and under
 * `--render auto` the page is rendered in Chromium only when decideRender says the static HTML
 * is not enough (`always`: every page). The rendered DOM goes through the same extraction.
 * Extraction itself never sees the browser, and the browser never sees the extractor.
 */
import type { Article, Capture, DecodedPage, RenderedSnapshot, RenderReason } from '../article.js';
import { SourceError } from '../errors.js';
import type { PageInput } from '../extract/pipeline.js';
import { decideRender, RENDER_BELOW_CONFIDENCE, type RenderMode } from './decide.js';
import type { Renderer } from './render.js';

/** How pages are rendered in a run: the mode, and the run's Renderer (none under `never`). */
export interface RenderSetup {
  mode: RenderMode;
  renderer: Renderer | null;
}

export interface ExtractedPage {
  article: Article;
  /** The rendered page the Article came from; null when it came from the HTML as served. */
  rendered: RenderedSnapshot | null;
}

type Extract = (page: PageInput) => Article | Promise<Article>;

/**
 * Only pages fetched over http(s) are rendered: a saved file, stdin or a WARC record is the
 * page as it was captured, and its scripts would fetch today's resources from a live site.
 */
export function isRenderable(capture: Capture): boolean {
  return capture.source === 'http' && capture.url !== null && /^https?:\/\//i.test(capture.url) && capture.status !== 304;
}

export async function extractPage(
  capture: Capture,
  decoded: DecodedPage,
  source: string,
  extract: Extract,
  render: RenderSetup | undefined,
): Promise<ExtractedPage> {
  const page: PageInput = { html: decoded.html, url: capture.url, source };
  const renderer = render?.renderer;
  if (!render || render.mode === 'never' || !renderer || !isRenderable(capture)) {
    return { article: await extract(page), rendered: null };
  }
  if (render.mode === 'always') {
    const rendered = await renderPage(capture, source, renderer, 'always');
    return { article: await extract({ html: rendered.html, url: capture.url, source }), rendered };
  }

  const staticArticle = await extractOrNone(extract, page);
  const decision = decideRender(staticArticle, decoded.html);
  if (!decision.render) return { article: staticArticle!, rendered: null };
  let rendered: RenderedSnapshot;
  try {
    rendered = await renderPage(capture, source, renderer, decision.reason);
  } catch (error) {
    // `auto` only hoped to do better: a story the HTML as served gave with some confidence is
    // kept, with the reason; a doubtful one ("Loading…") is no story, and the page fails.
    const keepStatic = staticArticle !== null && staticArticle.confidence >= RENDER_BELOW_CONFIDENCE;
    if (!keepStatic || !(error instanceof SourceError)) throw error;
    return { article: withRenderFailure(staticArticle!, error), rendered: null };
  }
  const renderedArticle = await extractOrNone(extract, { html: rendered.html, url: capture.url, source });
  if (renderedArticle && (!staticArticle || isBetterThanStatic(renderedArticle, staticArticle))) return { article: renderedArticle, rendered };
  if (staticArticle) return { article: staticArticle, rendered: null };
  throw new SourceError(source, 'no-article', 'no article found in the page, as served or as rendered');
}

function withRenderFailure(article: Article, error: SourceError): Article {
  const warning = `not rendered (${error.code}: ${error.reason}): the article is from the HTML as served`;
  return { ...article, warnings: [...article.warnings, warning] };
}

async function renderPage(capture: Capture, source: string, renderer: Renderer, reason: RenderReason): Promise<RenderedSnapshot> {
  const contentType = capture.headers['content-type'] ?? capture.contentType;
  const page = await renderer.render({ url: capture.url!, bytes: capture.bytes, contentType, source });
  return { html: page.html, reason, browser: page.browser, renderedAt: page.renderedAt };
}

/** The Article, or null when the page holds none (any other failure stands). */
async function extractOrNone(extract: Extract, page: PageInput): Promise<Article | null> {
  try {
    return await extract(page);
  } catch (error) {
    if (error instanceof SourceError && error.code === 'no-article') return null;
    throw error;
  }
}

/**
 * The rendered story replaces the static one unless it is worse on both counts: less sure and
 * shorter (a script that emptied the page, a consent wall over the story).
 */
function isBetterThanStatic(rendered: Article, staticArticle: Article): boolean {
  return rendered.confidence >= staticArticle.confidence || rendered.wordCount >= staticArticle.wordCount;
}

import type { ArchivedArticle, Embed, Quote } from '../../article.js';
import { externalHref, html, type SafeHtml } from '../escape.js';
import { captureTimeElement, layout, sitePaths, timeElement } from './layout.js';

export interface ArticlePageInput {
  key: string;
  article: ArchivedArticle;
  /** The article's body, already through the site sanitizer. */
  body: SafeHtml;
  /** Cards of the embedded posts the body does not show in place, already sanitized. */
  extraEmbeds: SafeHtml[];
  snapshots: number;
}

const ROOT = '../';

function sourceLink(url: string): SafeHtml | string {
  const href = externalHref(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${url}</a>` : url;
}

function quotationItem(quote: Quote): SafeHtml {
  return html`<li><blockquote><p>${quote.text}</p></blockquote>
<p class="quote-speaker">— ${quote.speaker ?? 'unattributed'}${quote.speakerMention && quote.speakerMention !== quote.speaker ? html` <span class="mention">(as “${quote.speakerMention}”${quote.cue ? `, ${quote.cue}` : ''})</span>` : ''}${quote.speakerGuessed ? html` <span class="mention">(speaker guessed from the passage)</span>` : ''}</p></li>`;
}

/** One article: its metadata, the body with its embedded posts, its quotations, a link to its history. */
export function articlePage({ key, article, body, extraEmbeds, snapshots }: ArticlePageInput): string {
  const title = article.title?.trim() || article.provenance.url;
  const quotes = article.quotes ?? [];
  const main = html`<article class="article" lang="${article.lang || 'und'}">
<header class="article-header">
<h1>${title}</h1>
<dl class="article-meta">
${article.byline ? html`<dt>By</dt><dd class="byline">${article.byline}</dd>` : ''}
${article.siteName ? html`<dt>Site</dt><dd>${article.siteName}</dd>` : ''}
<dt>Published</dt><dd>${timeElement(article.publishedTime)}</dd>
<dt>Source</dt><dd class="source">${sourceLink(article.provenance.url)}</dd>
<dt>Captured</dt><dd>${captureTimeElement(article.provenance.fetchedAt)}</dd>
<dt>History</dt><dd><a href="${ROOT}${sitePaths.history(key)}">${snapshots} snapshot${snapshots === 1 ? '' : 's'}</a></dd>
</dl>
</header>
<div class="article-body">
${body}
</div>
${extraEmbeds.length ? html`<section class="embeds" aria-labelledby="embeds-heading"><h2 id="embeds-heading">Embedded posts</h2>${extraEmbeds}</section>` : ''}
<section class="quotations" aria-labelledby="quotes-heading">
<h2 id="quotes-heading">Quotations</h2>
${quotes.length ? html`<ol class="quote-list">${quotes.map(quotationItem)}</ol>` : html`<p>No quotations found.</p>`}
</section>
</article>`;
  return layout({ title, root: ROOT, main });
}

/** Whether the body already shows this embed as a card linking to it. */
export function bodyShowsEmbed(body: SafeHtml, embed: Embed): boolean {
  const href = externalHref(embed.url);
  return href !== null && body.html.includes('clipfile-embed') && body.html.includes(html`${href}`.html);
}

/**
 * src/extract/metadata/page-elements.ts: what the page's own elements say, read from the whole
 * page before cleaning. The byline case through the real pipeline: cleaning takes a "meta" list
 * or an info bar away before Readability runs, and the author named in markup must survive it.
 */
import { describe, expect, it } from 'vitest';
import { readPageElements } from '../../../src/extract/metadata/page-elements.js';
import { parseHtml } from '../../../src/extract/parse.js';
import { extractArticle } from '../../../src/extract/pipeline.js';

const PARAGRAPHS = Array.from(
  { length: 8 },
  (_, index) =>
    `<p>Paragraph ${index + 1}: the harbour board met on Monday to weigh the dredging plan, and the fishermen who came to the hearing said the silt had closed two berths since the spring storms.</p>`,
).join('');

function page(header: string, after = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour board weighs dredging</title></head><body>
<article><header><h1>Harbour board weighs dredging</h1>${header}</header>${PARAGRAPHS}</article>${after}</body></html>`;
}

describe('the byline element', () => {
  it('names the author from itemprop="author" (its itemprop="name") inside a meta list that cleaning removes', () => {
    const html = page(
      `<ul class="caption meta inline-pipes-list"><li class="author" itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name"><a href="/author/ana-ruiz">Ana Ruiz</a></span></li><li><time datetime="2026-11-30T10:00:00Z">30 November 2026</time></li><li class="comments"><a href="#comments">12 comments</a></li></ul>`,
    );
    const article = extractArticle({ html, url: 'https://harbour.example/news/dredging' });
    expect(article.authors).toEqual(['Ana Ruiz']);
    expect(article.byline).toBe('Ana Ruiz');
  });

  it('names the author from rel="author" in an info bar', () => {
    const html = page(`<div class="entry-info"><address class="vcard"><a href="/author/tomas" rel="author">Tomás Ibarra</a></address><p class="entry-comments"><a href="#respond">Leave a comment</a></p></div>`);
    expect(extractArticle({ html, url: 'https://harbour.example/news/dredging' }).authors).toEqual(['Tomás Ibarra']);
  });

  it('takes no author from a comment form, a teaser in an aside, or a hidden element', () => {
    const html = page(
      '',
      `<aside><a rel="author" href="/author/other">Other Writer</a></aside>
<div hidden><span itemprop="author">Hidden Name</span></div>
<form id="commentform"><label for="author" itemprop="author">Name (required)</label><input id="author" name="author"></form>`,
    );
    expect(readPageElements(parseHtml(html, 'https://harbour.example/news/dredging')).bylineElement).toBeNull();
    const withByline = html.replace('</header>', '<p class="byline"><a rel="author" href="/author/ana">Ana Ruiz</a></p></header>');
    expect(readPageElements(parseHtml(withByline, 'https://harbour.example/news/dredging')).bylineElement).toBe('Ana Ruiz');
  });
});

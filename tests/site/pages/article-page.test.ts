/** One article's page of the site (src/site/pages/article-page.ts): metadata, body, embedded posts, quotations, history link. */
import { describe, expect, it } from 'vitest';
import type { ArchivedArticle } from '../../../src/article.js';
import { html, type SafeHtml } from '../../../src/site/escape.js';
import { articlePage, bodyShowsEmbed } from '../../../src/site/pages/article-page.js';
import { quote } from '../../helpers/archived-snapshot.js';
import { embed } from '../../helpers/embeds.js';
import { siteArticle } from '../../helpers/site-article.js';

const KEY = 'c65795c9e7';
const BODY = html`<p>The ferry runs.</p>`;

function page(article: ArchivedArticle, more: { body?: SafeHtml; extraEmbeds?: SafeHtml[]; snapshots?: number } = {}): string {
  return articlePage({ key: KEY, article, body: more.body ?? BODY, extraEmbeds: more.extraEmbeds ?? [], snapshots: more.snapshots ?? 1 });
}

describe('articlePage', () => {
  it('shows the title, byline, site, dates, the source link and the history link, with the body as given', () => {
    const text = page(
      siteArticle({ title: 'Ferry vote', byline: 'Ann Lee', siteName: 'Harbour Gazette', publishedTime: '2026-11-20T08:00:00Z', lang: 'en', provenance: { url: 'https://news.example/a?b=1&c=2' } }),
      { snapshots: 3 },
    );
    expect(text).toContain('<title>Ferry vote · clipfile archive</title>');
    expect(text).toContain('<article class="article" lang="en">');
    expect(text).toContain('<h1>Ferry vote</h1>');
    expect(text).toContain('<dt>By</dt><dd class="byline">Ann Lee</dd>');
    expect(text).toContain('<dt>Site</dt><dd>Harbour Gazette</dd>');
    expect(text).toContain('<time datetime="2026-11-20T08:00:00.000Z">2026-11-20</time>');
    expect(text).toContain('<a href="https://news.example/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">https://news.example/a?b=1&amp;c=2</a>');
    expect(text).toContain(`<a href="../articles/${KEY}.history.html">3 snapshots</a>`);
    expect(text).toContain('<div class="article-body">\n<p>The ferry runs.</p>\n</div>');
    expect(page(siteArticle(), { snapshots: 1 })).toContain('>1 snapshot</a>');
  });

  it('leaves out what the article lacks: no byline or site rows, an unknown date, the URL for a missing title', () => {
    const text = page(siteArticle({ title: '  ', byline: null, siteName: null, publishedTime: null, lang: null, provenance: { url: 'https://news.example/untitled' } }));
    expect(text).toContain('<h1>https://news.example/untitled</h1>');
    expect(text).not.toContain('<dt>By</dt>');
    expect(text).not.toContain('<dt>Site</dt>');
    expect(text).toContain('<dt>Published</dt><dd>unknown</dd>');
    expect(text).toContain('lang="und"');
  });

  it('shows a source URL that is no web link as text, never as an href', () => {
    const text = page(siteArticle({ provenance: { url: 'javascript:alert(1)' } }));
    expect(text).toContain('<dd class="source">javascript:alert(1)</dd>');
    expect(text).not.toContain('href="javascript:');
  });

  it('lists the quotations with who said them, how the article named them, and guesses marked', () => {
    const quotes = [
      quote('We will keep the ferry running.', 'Helena Marsh', { speakerMention: 'Marsh', cue: 'said' }),
      quote('No comment.', null),
      quote('It is late.', 'Tom Reyes', { speakerGuessed: true }),
    ];
    const text = page(siteArticle({ quotes }));
    expect(text).toContain('<blockquote><p>We will keep the ferry running.</p></blockquote>\n<p class="quote-speaker">— Helena Marsh <span class="mention">(as “Marsh”, said)</span></p>');
    expect(text).toContain('— unattributed</p>');
    expect(text).toContain('— Tom Reyes <span class="mention">(speaker guessed from the passage)</span>');
    expect(page(siteArticle({ quotes: [] }))).toContain('<p>No quotations found.</p>');
  });

  it('adds the embedded posts section only when there are cards the body does not show', () => {
    expect(page(siteArticle())).not.toContain('Embedded posts');
    const card = html`<blockquote class="clipfile-embed"><p>Ferry cancelled</p></blockquote>`;
    expect(page(siteArticle(), { extraEmbeds: [card] })).toContain('<h2 id="embeds-heading">Embedded posts</h2><blockquote class="clipfile-embed"><p>Ferry cancelled</p></blockquote></section>');
  });

  it('shows hostile metadata and quotations as text', () => {
    const hostile = '<script>alert(1)</script>';
    const text = page(siteArticle({ title: hostile, byline: hostile, siteName: hostile, quotes: [quote(hostile, hostile, { speakerMention: `Mrs ${hostile}`, cue: hostile })] }));
    expect(text).not.toContain('<script>');
    // Title (twice), byline, site, quotation, speaker, mention and cue.
    expect(text.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g)).toHaveLength(8);
  });
});

describe('bodyShowsEmbed', () => {
  const post = embed({ kind: 'tweet', url: 'https://twitter.com/harbourdesk/status/1861234567890123456?s=20&t=x' });

  it('is true when the body has an embed card linking to the post, as the sanitizer writes the link', () => {
    const body = html`<blockquote class="clipfile-embed"><a href="${post.url}">Post</a></blockquote>`;
    expect(body.html).toContain('?s=20&amp;t=x');
    expect(bodyShowsEmbed(body, post)).toBe(true);
  });

  it('is false without a card, for a card of another post, and for a post whose URL is no web link', () => {
    expect(bodyShowsEmbed(html`<p><a href="${post.url}">Post</a></p>`, post)).toBe(false);
    expect(bodyShowsEmbed(html`<blockquote class="clipfile-embed"><a href="https://twitter.com/x/status/1">Post</a></blockquote>`, post)).toBe(false);
    const script = embed({ kind: 'tweet', url: 'javascript:alert(1)' });
    expect(bodyShowsEmbed(html`<blockquote class="clipfile-embed"><a href="javascript:alert(1)">x</a></blockquote>`, script)).toBe(false);
  });
});

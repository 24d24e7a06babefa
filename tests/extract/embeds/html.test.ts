/** An embed as the HTML output's script-free card (src/extract/embeds/html.ts). */
import { describe, expect, it } from 'vitest';
import { renderEmbedHtml } from '../../../src/extract/embeds/html.js';
import { EMBED_HTML_CLASS } from '../../../src/extract/markers.js';
import { parseHtml } from '../../../src/extract/parse.js';
import { LISTER_EMBED, embed } from '../../helpers/embeds.js';

const document = parseHtml('<!doctype html><html><body></body></html>', 'https://news.example/a');

describe('renderEmbedHtml', () => {
  it('writes the post’s text, then "— Name (@handle), date" linked to the post, in a blockquote of the embed class', () => {
    const card = renderEmbedHtml(document, LISTER_EMBED);
    // Attributes read one by one: linkedom serializes them in its own order.
    expect([card.tagName, card.className, card.getAttribute('data-kind'), card.getAttribute('data-id')]).toEqual(['BLOCKQUOTE', EMBED_HTML_CLASS, 'tweet', '604022543839940608']);
    expect(card.innerHTML).toBe(
      `<p>${LISTER_EMBED.text}</p><p>— Charles Lister (@Charles_Lister), <a href="https://twitter.com/Charles_Lister/status/604022543839940608">May 28, 2015</a></p>`,
    );
  });

  it('keeps paragraphs apart, falls back to the title, and names the kind of post when there is no date or author', () => {
    const video = renderEmbedHtml(document, embed({ kind: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', id: 'dQw4w9WgXcQ', title: 'Storm surge warning explained' }));
    expect(video.innerHTML).toBe('<p>Storm surge warning explained</p><p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">YouTube video</a></p>');
    const post = renderEmbedHtml(document, embed({ kind: 'mastodon', url: 'https://mastodon.example/@desk/1', authorHandle: 'desk@mastodon.example', text: 'First.\n\nSecond.' }));
    expect([...post.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['First.', 'Second.', '— @desk@mastodon.example, Mastodon post']);
    expect(post.hasAttribute('data-id')).toBe(false);
  });

  it('puts a post’s markup in as text, never as elements', () => {
    const card = renderEmbedHtml(document, embed({ kind: 'tweet', url: 'https://twitter.com/x/status/1', authorName: '<img src=x onerror=alert(1)>', text: '<script>alert(1)</script>' }));
    expect(card.querySelector('script, img')).toBeNull();
    expect(card.outerHTML).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

/**
 * Rules act on blocks, never on words inside a paragraph (issue 11): class and id names of a
 * link or a span inside a sentence say nothing about the sentence, neither to the cleaning
 * (src/extract/quality/clean.ts) nor to Readability (src/extract/quality/shield.ts).
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';

const url = 'https://paper.example/world/2025/sanctions.html';
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `Paragraph filler sentence ${i} keeps the story long enough for the extractor to trust it.`).join(' ');

function extract(body: string) {
  const html = `<!doctype html><html><head><title>Sanctions lifted</title></head><body><main><article>
    <h1>Sanctions lifted</h1>${body}<p>${filler(5)}</p><p>${filler(5)}</p></article></main></body></html>`;
  return extractArticle({ html, url, source: 'page.html' });
}

describe('words inside a paragraph stay whatever their markup is called', () => {
  it('links named like byline or date markup (meta-loc, meta-per, meta-org) inside a sentence', () => {
    const { text, markdown } = extract(`<p>LONDON — The government plans to reverse its position on
      <a class="meta-loc" href="/topic/elsewhere">Elsewhere</a> and lift trade sanctions, and
      <a class="meta-org" href="/topic/acme">Acme</a>’s chief executive, <a class="meta-per" href="/topic/jane-roe">Jane Roe</a>, agreed.</p>`);
    expect(text).toContain('reverse its position on Elsewhere and lift trade sanctions, and Acme’s chief executive, Jane Roe, agreed.');
    expect(markdown).toContain('[Elsewhere](https://paper.example/topic/elsewhere)');
  });

  it('spans named like chrome (share, comment, popup, advert) inside a sentence', () => {
    const { text } = extract(`<p>The minister, whose name is pronounced <span class="ipa nopopups">ˈmɪnɪstə</span>,
      told the <span class="share-count">assembly</span> that the <span class="comment-ref">vote</span> would come
      on Friday<sup id="ref-commentary-3">[3]</sup>, and that the <span class="ad">budget</span> was ready.</p>`);
    expect(text).toContain(
      'The minister, whose name is pronounced ˈmɪnɪstə, told the assembly that the vote would come on Friday[3], and that the budget was ready.',
    );
  });

  it('while a byline or date line made of such markup still goes as a block', () => {
    const { text } = extract(`<p class="intro"><span class="post-date">Updated 14 June 2025, 11:42</span></p>
      <p>${filler(3)}</p><div class="share-tools"><a class="share-link" href="/share">Share on Facebook</a></div><p>${filler(3)}</p>`);
    expect(text).not.toContain('Updated 14 June 2025');
    expect(text).not.toContain('Share on Facebook');
  });

  it('and a figure whose BEM modifier names a state (fig--has-shares) is a figure, not a share bar', () => {
    const { markdown } = extract(`<p>${filler(2)}</p><figure class="element-image fig--has-shares">
      <img src="/img/harbour.jpg" alt="The harbour at dawn"><figcaption>The harbour at dawn.</figcaption></figure><p>${filler(2)}</p>`);
    expect(markdown).toContain('![The harbour at dawn](https://paper.example/img/harbour.jpg)');
    expect(markdown).toContain('*The harbour at dawn.*');
  });
});

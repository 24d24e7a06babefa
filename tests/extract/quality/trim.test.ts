/**
 * Whole-block chrome rules of the trimming (src/extract/quality/trim.ts), worded from the
 * language tables in src/extract/quality/lang/: share rows, a blog's post data, footer rights
 * lines. Each removes whole blocks only; the same words inside a story paragraph stay.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';

const url = 'https://paper.example/2025/06/harbour.html';
const story = Array.from(
  { length: 5 },
  (_, i) => `<p>Story paragraph ${i} says how the harbour was rebuilt after the storm, stone by stone, over one long winter.</p>`,
).join('');

function extract(after: string, before = ''): string {
  const html = `<!doctype html><html><head><title>The harbour</title></head><body><main><article>
    <h1>The harbour</h1>${before}${story}${after}</article></main></body></html>`;
  return extractArticle({ html, url, source: 'page.html' }).text;
}

describe('share rows, in any language of the tables', () => {
  it('removes a row of share links (Portuguese and English, with counts)', () => {
    const text = extract(
      `<div><a href="/w">Whatsapp</a> <a href="/f">Facebook</a> <a href="/p">Pint</a> <a href="/d">Baixar</a></div>
       <p><a href="/s">Share</a> 12 <a href="/t">Twitter</a> <a href="/e">Email</a> <a href="/pr">Print</a></p>`,
    );
    expect(text).not.toContain('Whatsapp');
    expect(text).not.toContain('Baixar');
    expect(text).not.toContain('Email');
    expect(text).toContain('Story paragraph 4');
  });

  it('leaves alone a story sentence that names the networks, and a two-word heading that is no link', () => {
    const text = extract(`<p>Fishermen share photos of the catch on Facebook and Twitter every evening, and email them to the mayor.</p><h2>Google Mail</h2><p>${'More of the story. '.repeat(5)}</p>`);
    expect(text).toContain('Fishermen share photos of the catch on Facebook and Twitter every evening, and email them to the mayor.');
    expect(text).toContain('Google Mail');
  });
});

describe("a blog's post data and a footer's rights line", () => {
  it('removes "This entry was posted on … filed under …" and "Posted in … | No Comments"', () => {
    const text = extract(
      `<p>This entry was posted on Saturday, August 25th, 2012 at 12:23 am and is filed under Neat Stuff. You can follow any responses to this entry through the RSS 2.0 feed.</p>
       <p>Posted in Harbours, Towns | No Comments »</p>`,
    );
    expect(text).not.toContain('This entry was posted');
    expect(text).not.toContain('Posted in Harbours');
    expect(text).toContain('Story paragraph 4');
  });

  it('removes a footer line with a rights notice in German or English', () => {
    const text = extract(`<p>© 2012 Harbour Gazette GmbH, Hafenstraße 1, 20457 Hamburg. Alle Rechte vorbehalten.</p><p>Copyright 2012 Paper Ltd. All rights reserved.</p>`);
    expect(text).not.toContain('Hafenstraße');
    expect(text).not.toContain('All rights reserved');
  });

  it('leaves alone story paragraphs that use the same words inside a sentence', () => {
    const kept = [
      'The mayor said the entry was posted in the harbour log before the storm, as every ship is.',
      'The song’s owner keeps all rights reserved for the festival, the organisers said on Tuesday.',
    ];
    const text = extract(kept.map((p) => `<p>${p}</p>`).join(''));
    for (const paragraph of kept) expect(text).toContain(paragraph);
  });
});

describe('a byline line at the top of the story', () => {
  it('removes "By Jane Doe" and "Por Ana Ruiz" above the story', () => {
    expect(extract('', '<p>By Jane Doe</p>')).not.toContain('Jane Doe');
    expect(extract('', '<p>Por Ana Ruiz</p>')).not.toContain('Ana Ruiz');
  });

  it('keeps an opening sentence that only starts with a byline word ("By the morning …", "Por la mañana …")', () => {
    expect(extract('', '<p>By the morning the ferry had left.</p>')).toContain('By the morning the ferry had left.');
    expect(extract('', '<p>Por la mañana el ferry ya había salido.</p>')).toContain('Por la mañana el ferry ya había salido.');
  });
});

describe('a list of headlines after the story', () => {
  const headlines = `<ul><li><a href="/a">Fifteen amazing pictures of the old lighthouse</a></li><li><a href="/b">Eleven facts about the harbour wall</a></li>
    <li><a href="/c">The biggest questions about the winter storm</a></li></ul>`;

  it('removes a list whose items are each one headline link, with the short line after it left to the story', () => {
    const text = extract(`${headlines}<p><em>Originally published on</em> <a href="/">The Harbour Paper</a>.</p>`);
    expect(text).not.toContain('Fifteen amazing pictures');
    expect(text).not.toContain('The biggest questions about the winter storm');
    expect(text).toContain('Story paragraph 4');
  });

  it('leaves alone a list inside the story, and a list after it whose items say more than their link', () => {
    const inside = extract(`${headlines}<p>${'The harbour master read every one of these stories before the council met. '.repeat(2)}</p>`);
    expect(inside).toContain('Fifteen amazing pictures of the old lighthouse');
    const sources = extract(`<ul><li><a href="/r">The council's report</a>, published in May, with the costs.</li><li><a href="/m">The engineers' survey</a> of the wall, in full.</li></ul>`);
    expect(sources).toContain("The council's report, published in May, with the costs.");
  });
});

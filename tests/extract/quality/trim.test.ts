/**
 * Whole-block chrome rules of the trimming (src/extract/quality/trim.ts), worded from the
 * language tables in src/extract/quality/lang/: share rows, a blog's post data, footer rights
 * lines. Each removes whole blocks only; the same words inside a story paragraph stay.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { trimContent } from '../../../src/extract/quality/index.js';
import { parseFullHtml } from '../../helpers/full-dom.js';
import { HARBOUR_STORY, HARBOUR_URL } from './harbour-story.js';

const url = HARBOUR_URL;
const story = HARBOUR_STORY;

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

/** The Article's text and Markdown for a story with `inside` among its paragraphs. */
function extractBoth(inside: string): { text: string; markdown: string } {
  const html = `<!doctype html><html><head><title>The harbour</title></head><body><main><article>
    <h1>The harbour</h1>${story}${inside}${story.replace(/Story paragraph (\d)/g, 'Later paragraph $1')}</article></main></body></html>`;
  const { text, markdown } = extractArticle({ html, url, source: 'page.html' });
  return { text, markdown };
}

describe('captions whose names Readability dropped', () => {
  it("leaves a figure's caption and credit out of the text, however Readability rebuilt their named <div>s, and keeps them in the Markdown", () => {
    const { text, markdown } = extractBoth(
      `<div class="enhancement"><figure class="figure"><img src="/img/wall.jpg" alt="wall" width="800" height="500">
        <div class="figure-content"><div class="figure-caption">The harbour wall after the storm, seen from the lighthouse</div><div class="figure-credit">(Harbour Gazette)</div></div>
      </figure></div>`,
    );
    expect(text).not.toContain('seen from the lighthouse');
    expect(text).not.toContain('Harbour Gazette');
    expect(markdown).toContain('The harbour wall after the storm, seen from the lighthouse');
    expect(text).toContain('Later paragraph 0');
  });

  it("leaves a video figure's title out of the text once Readability took its player out, and a figure of a quotation alone", () => {
    const { text } = extractBoth(
      `<figure class="embed embed--type-video"><div class="player"><span class="player-title"> Video shows the ferry leaving the harbour </span>` +
        `<iframe src="https://video.example/embed/123"></iframe></div></figure>` +
        `<figure><blockquote><p>The sea gives and the sea takes, said the harbour master.</p></blockquote></figure>`,
    );
    expect(text).not.toContain('Video shows the ferry leaving the harbour');
    expect(text).toContain('The sea gives and the sea takes, said the harbour master.');
    expect(text).toContain('Later paragraph 0');
  });

  it("leaves alone a line in italics under an image outside a figure (some pages' readers count it as story)", () => {
    const { text } = extractBoth(
      `<div>The ferry yard finished the new keel in the first week of spring, after a winter of work by the whole town.<br> <br><img src="/img/keel.jpg" alt="" width="800" height="533">` +
        `<center><em>The new keel of the ferry, finished at last</em></center> <br>The yard says the ferry will sail again in the summer, once the deck and the engine are in.</div>`,
    );
    expect(text).toContain('The new keel of the ferry, finished at last');
    expect(text).toContain('The yard says the ferry will sail again in the summer');
  });

  it('keeps captions in the text where they hold most of it: a story told in pictures', () => {
    const picture = (i: number) =>
      `<div class="image-wrapper"><img src="/img/${i}.jpg" alt="" width="600" height="400"><div class="caption-image"><p>Picture ${i}: the stall sells shirts printed by hand in the old way, ${'with many colours and a soft print that lasts for years of washing, '.repeat(2)}and each comes with a card.</p></div></div>`;
    const html = `<!doctype html><html><head><title>Shirts at the fair</title></head><body><main><article><h1>Shirts at the fair</h1>
      <p>It is that time of year again: the fair opens this weekend and we will have a stall.</p>${[1, 2, 3, 4].map(picture).join('')}</article></main></body></html>`;
    const { text } = extractArticle({ html, url, source: 'page.html' });
    for (const i of [1, 2, 3, 4]) expect(text).toContain(`Picture ${i}: the stall sells shirts`);
  });
});

describe('labels of other stories after the story', () => {
  it('removes "RECENT ARTICLES" and "POPULAR THIS WEEK" standing alone after the story', () => {
    const text = extract('<p>RECENT ARTICLES</p><p>POPULAR THIS WEEK</p>');
    expect(text).not.toContain('RECENT ARTICLES');
    expect(text).not.toContain('POPULAR THIS WEEK');
    expect(text).toContain('Story paragraph 4');
  });

  it('leaves alone a sentence that opens with the same words', () => {
    const kept = 'Recent articles in the harbour gazette said the wall would hold, and popular this week was the ferry.';
    expect(extract(`<p>${kept}</p>`)).toContain(kept);
  });
});

describe('a rights line opened by the circled ⓒ', () => {
  it('removes "Copyright ⓒ … 무단전재 및 재배포 금지" and a line opened by ⓒ', () => {
    const text = extract('<p>Copyright ⓒ Harbour.example. 무단전재 및 재배포 금지</p><p>ⓒ Harbour Gazette</p>');
    expect(text).not.toContain('무단전재');
    expect(text).not.toContain('ⓒ Harbour Gazette');
    expect(text).toContain('Story paragraph 4');
  });

  it('leaves alone a story paragraph with the sign inside a sentence', () => {
    const kept = 'The council printed the plan with a ⓒ mark on every page, and the harbour master kept a copy.';
    expect(extract(`<p>${kept}</p>`)).toContain(kept);
  });
});

describe("a writer's role on a line of its own", () => {
  it('removes "Opinion Columnist" and "Staff Writer" standing alone', () => {
    const text = extract('<p>Staff Writer</p>', '<p>Opinion Columnist</p>');
    expect(text).not.toContain('Opinion Columnist');
    expect(text).not.toContain('Staff Writer');
    expect(text).toContain('Story paragraph 0');
  });

  it('leaves alone a sentence about a columnist', () => {
    const kept = 'Opinion columnist Jo Bell wrote that the harbour wall should have been rebuilt years ago.';
    expect(extract(`<p>${kept}</p>`)).toContain(kept);
  });
});

describe('labels and calls that are never story, in the languages of the tables', () => {
  it('removes the print-edition line, "continue reading" and "story continues" labels, photo-viewer labels and gallery counters', () => {
    const text = extract(
      '<p>A version of this article appears in print on June 3, 2025, Section A, Page 12 of the edition with the headline: The harbour.</p>',
      '<p>Continue reading the main story</p><p>Story continues below advertisement</p><p>Enlarge this image</p><p>toggle caption</p><p>3 of 6</p><p>2 von 9</p>',
    );
    for (const label of ['A version of this article', 'Continue reading', 'Story continues', 'Enlarge this image', 'toggle caption', '3 of 6', '2 von 9']) {
      expect(text).not.toContain(label);
    }
    expect(text).toContain('Story paragraph 0');
    expect(text).toContain('Story paragraph 4');
  });

  it('removes calls to follow or subscribe in German, French, Dutch and Russian, and a "Tagged as:" line', () => {
    const text = extract(
      '<p>Folgen Sie uns auf Twitter und Facebook.</p><p>Abonnez-vous à notre lettre.</p><p>Volg ons op Instagram.</p>' +
        '<p>Подписывайтесь на наш канал в Telegram.</p><p>Tagged as: harbour, storm, ferry</p>',
    );
    for (const call of ['Folgen Sie', 'Abonnez-vous', 'Volg ons', 'Подписывайтесь', 'Tagged as']) expect(text).not.toContain(call);
    expect(text).toContain('Story paragraph 4');
  });

  it('leaves alone story paragraphs with the same words inside a sentence', () => {
    const kept = [
      'The archivist said a version of this article appeared in the gazette in 1921, under another name.',
      'Readers who continue reading the old minutes will find that the story continues below the waterline.',
      'She was tagged as a troublemaker, the harbour master said, and 3 of 6 councillors agreed with him.',
    ];
    const text = extract(kept.map((p) => `<p>${p}</p>`).join(''));
    for (const paragraph of kept) expect(text).toContain(paragraph);
  });
});

describe("the writer's bio closing the story", () => {
  it("removes the writer's bio that repeats the first name after a slash, and keeps a sentence naming the writer", () => {
    const page = (last: string) =>
      extractArticle({
        html: `<!doctype html><html><head><title>The harbour</title><meta name="author" content="Jane Doe"></head><body><main><article>
          <h1>The harbour</h1>${story}<p>${last}</p></article></main></body></html>`,
        url,
        source: 'page.html',
      }).text;
    expect(page('Jane Doe / Jane covers the harbour and its ships for the Gazette, with a focus on the ferries.')).not.toContain('Jane covers the harbour');
    const kept = 'The harbour master told Jane Doe that the wall would hold through the winter storms.';
    expect(page(kept)).toContain(kept);
  });
});

describe("a site's lines about itself: rights with their year, calls to subscribe, notices, links to the next post", () => {
  it('removes a rights notice with its year anywhere in a short line ("… © 1996-2006 …", "Copyright (c) 1999 …")', () => {
    const text = extract('<p>Last updated: May 15, 2006 © 1996-2006 Harbour Parents Network</p><p>Powered by Forum 1.2 © 2003-2004 The Forum Group</p><p>Copyright (c) 1999 by the Harbour Trust.</p>');
    for (const line of ['Last updated', 'Powered by', 'Harbour Trust']) expect(text).not.toContain(line);
    expect(text).toContain('Story paragraph 4');
    // A sentence of the story with a notice run into its end stays: its words are the story's.
    expect(extract('<p>The festival returns next August and so do the tall ships © 2024 Harbour Gazette</p>')).toContain('The festival returns next August');
  });

  it('removes a call to subscribe in any language of the tables', () => {
    const text = extract(
      "<p>Don't miss a post! Subscribe to our newsletter and get weekly updates delivered straight to your inbox!</p><p>Join our mailing list for news of the harbour</p>" +
        '<p>Abonnieren Sie unseren Newsletter und erhalten Sie alle Neuigkeiten.</p><p>Inscreva-se na nossa newsletter e receba as notícias na sua caixa de entrada.</p>',
    );
    for (const call of ["Don't miss a post", 'Join our mailing list', 'Abonnieren Sie', 'Inscreva-se']) expect(text).not.toContain(call);
    expect(text).toContain('Story paragraph 4');
  });

  it("removes a site's notice about itself, and a row of links to the previous and next posts", () => {
    const text = extract(
      '<p>The content of this site may not be copied, modified or distributed in any manner without prior agreement.</p>' +
        '<p>This website is supported, in part, by affiliate arrangements. Affiliate links are marked in bold.</p>' +
        '<p><a href="/older">« The old lighthouse</a> | <a href="/">Main</a> | <a href="/newer">The new ferry »</a></p>',
    );
    for (const line of ['may not be copied', 'affiliate arrangements', 'The old lighthouse', 'The new ferry']) expect(text).not.toContain(line);
    expect(text).toContain('Story paragraph 4');
  });

  it('removes the row of links to the previous and next posts among the story\'s paragraphs, where no trailing rule reaches it', () => {
    const { text } = extractBoth('<p><a href="/older">« The old lighthouse</a> | <a href="/">Main</a> | <a href="/newer">The new ferry »</a></p>');
    expect(text).not.toContain('The old lighthouse');
    expect(text).toContain('Later paragraph 0');
  });

  it('leaves alone story paragraphs that speak of the same things, and a notice about the article', () => {
    const kept = [
      'The harbour trust said the rules of 1999 © its own lawyers no longer hold, and the new rules would be written in the spring.',
      'The gazette said more readers would subscribe to the newsletter of the harbour trust once it printed the tide tables.',
      'The views and opinions expressed in this article are those of the author and do not reflect the position of the harbour trust.',
      'The ferry company put the plans on its website, and the harbour master said the council had not been responsible for the delay.',
      'The harbour master answered the council with one word, in French: «non»',
    ];
    const text = extract(kept.map((p) => `<p>${p}</p>`).join(''));
    for (const paragraph of kept) expect(text).toContain(paragraph);
  });
});

describe('labels that jump within the page or open an image or a profile, and a lone share link', () => {
  it('removes "Back to top", "Click to enlarge", "View Profile" in the languages of the tables, and a share link standing alone', () => {
    const text = extract(
      '<p>^ Back to Top</p><p>Click to enlarge</p><p><a href="/p">View Profile</a></p><p>Nach oben ↑</p><p>Voltar ao topo</p><p><a href="/e">Email</a></p><p><a href="/rss">RSS</a></p>',
    );
    for (const label of ['Back to Top', 'Click to enlarge', 'View Profile', 'Nach oben', 'Voltar ao topo', 'Email', 'RSS']) expect(text).not.toContain(label);
    expect(text).toContain('Story paragraph 4');
  });

  it('removes a share link standing alone among the story\'s paragraphs', () => {
    const { text } = extractBoth('<p><a href="/e">Email</a></p><p><a href="/t">Twitter</a></p>');
    expect(text).not.toMatch(/^(?:Email|Twitter)$/m);
    expect(text).toContain('Later paragraph 0');
  });

  it('leaves alone a share word that is a link inside a run of text beside blocks (the trimming alone, on loose text Readability left)', () => {
    const content = parseFullHtml(
      `<!doctype html><html><body><div id="content">${story}<h3>The wall</h3>The wall was mended in May. Read the harbour master's <a href="/a">article</a> for the full story.<hr><h3>The ferry</h3>${story}</div></body></html>`,
      url,
    ).querySelector('#content')!;
    trimContent(content, { isPlaceholder: () => false, authors: [] });
    expect(content.textContent).toContain("Read the harbour master's article for the full story.");
  });

  it('leaves alone a sentence that opens with the same words, and a lone share word that is no link', () => {
    const kept = 'Back to the top of the hill walked the harbour master, to see the ferry come in.';
    const text = extract(`<p>${kept}</p><h2>Email</h2><p>${'The harbour office answers letters within the week. '.repeat(3)}</p>`);
    expect(text).toContain(kept);
    expect(text).toContain('Email');
  });
});

describe('the content\'s only text', () => {
  it('is never removed by a line rule: the page keeps an article', () => {
    const html = `<!doctype html><html><head><title>A notice</title></head><body><main><article>
      <p>The content of this site may not be copied, modified or distributed in any manner without prior agreement.</p></article></main></body></html>`;
    expect(extractArticle({ html, url, source: 'page.html' }).text).toContain('may not be copied');
  });
});

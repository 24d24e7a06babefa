/**
 * src/render/decide.ts: which pages `--render auto` renders, from the static Article and the
 * page as served. Real extractions of small pages, no browser.
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { decideRender, hasScriptFilledEmbed, hasScripts, RENDER_BELOW_CONFIDENCE, scriptProseChars } from '../../src/render/decide.js';
import { BUILT_AFTER_LOAD, page, STORY_PARAGRAPHS, storyMarkup, TWEET_PLACEHOLDER } from './pages.js';

const URL = 'https://news.example/2026/12/01/bridge';

function extracted(html: string): Article | null {
  try {
    return extractArticle({ html, url: URL });
  } catch {
    return null;
  }
}

function decide(html: string) {
  return decideRender(extracted(html), html);
}

describe('decideRender', () => {
  it('keeps a story served whole, scripts or not', () => {
    expect(decide(page(storyMarkup()))).toEqual({ render: false, reason: null });
    expect(decide(page(storyMarkup(), '<script src="/app.js"></script>'))).toEqual({ render: false, reason: null });
  });

  it('renders a shell whose script builds the story: no article, or only its "Loading…" line (low-confidence)', () => {
    expect(decideRender(null, BUILT_AFTER_LOAD)).toEqual({ render: true, reason: 'no-article' });
    expect(extracted(BUILT_AFTER_LOAD)?.text).toBe('Loading…');
    expect(decide(BUILT_AFTER_LOAD)).toEqual({ render: true, reason: 'low-confidence' });
  });

  it('does not render a page without scripts, whatever it holds: the browser would show the same', () => {
    const empty = page('<p>Nothing here yet.</p><script type="application/ld+json">{"@type":"NewsArticle"}</script>');
    expect(hasScripts(empty)).toBe(false);
    expect(decide(empty)).toEqual({ render: false, reason: null });
  });

  it('renders a doubtful story (confidence below 0.5) when the page has scripts', () => {
    const article = extracted(page(storyMarkup()))!;
    const doubtful = { ...article, confidence: RENDER_BELOW_CONFIDENCE - 0.01 };
    expect(decideRender(doubtful, page(storyMarkup(), '<script>init()</script>'))).toEqual({ render: true, reason: 'low-confidence' });
    expect(decideRender({ ...article, confidence: RENDER_BELOW_CONFIDENCE }, page(storyMarkup(), '<script>init()</script>')).render).toBe(false);
  });

  it('renders a tweet placeholder waiting for its widget script (script-embed), not a tweet already in the markup', () => {
    expect(hasScriptFilledEmbed(TWEET_PLACEHOLDER)).toBe(true);
    expect(decide(TWEET_PLACEHOLDER)).toEqual({ render: true, reason: 'script-embed' });
    const filled = page(
      storyMarkup(
        '<blockquote class="twitter-tweet"><p>The bridge will reopen in the spring, the council said tonight</p>&mdash; City Desk (@citydesk) <a href="https://twitter.com/citydesk/status/1">December 1, 2026</a></blockquote><script async src="/widget.js"></script>',
      ),
    );
    expect(decide(filled)).toEqual({ render: false, reason: null });
    // A placeholder with no script to fill it stays as it is.
    expect(hasScriptFilledEmbed(TWEET_PLACEHOLDER.replace('<script async src="/widget.js"></script>', ''))).toBe(false);
    // Markup in capitals is the same markup to a browser.
    const shouting = TWEET_PLACEHOLDER.replace('<blockquote class="twitter-tweet"', '<BLOCKQUOTE CLASS="Twitter-Tweet"').replace('</blockquote>', '</BLOCKQUOTE>').replace('<script async src=', '<SCRIPT async SRC=').replace('</script>', '</SCRIPT>');
    expect(shouting).not.toContain('twitter-tweet');
    expect(hasScriptFilledEmbed(shouting)).toBe(true);
  });

  it('renders a stub whose scripts carry far more prose (short-article), not a whole story with a state blob', () => {
    const blob = `<script>window.__STATE__ = ${JSON.stringify({ paragraphs: STORY_PARAGRAPHS })};</script>`;
    const stub = page(`<article><h1>Bridge</h1><p>${STORY_PARAGRAPHS[0]}</p><p>${STORY_PARAGRAPHS[1]}</p></article>${blob}`);
    expect(scriptProseChars(stub)).toBeGreaterThan(2_000);
    expect(decide(stub)).toEqual({ render: true, reason: 'short-article' });
    const whole = page(`${storyMarkup()}${blob}`);
    expect(decide(whole)).toEqual({ render: false, reason: null });
  });

  it('counts only prose the markup lacks: not code, link tables, or descriptions and teasers shown already', () => {
    const teaser = 'The council met on Tuesday evening to debate the long-delayed bridge repairs while residents spoke for hours about traffic and safety';
    const links = Array.from({ length: 200 }, (_, index) => ({ title: `Section ${index} of the site map with several words in it`, url: `https://news.example/section/${index}` }));
    const code = `function r(t,e){return t&&e?typeof window.performance.timing.navigationStart!=="undefined"&&{a:t,b:e}:null} var x = 1; if (a) { b(); }`;
    const noise = [
      // a link table serialised twice: one literal, values that are titles and URLs
      `<script>window.nav = JSON.parse(${JSON.stringify(JSON.stringify(links))});</script>`,
      // minified code held in a string
      `<script>var f = new Function(${JSON.stringify(code.repeat(20))});</script>`,
      // the page's own teaser and description, repeated many times in its state
      `<script>window.__META__ = ${JSON.stringify(Array.from({ length: 40 }, () => ({ description: teaser })))};</script>`,
    ].join('');
    const stub = page(`<article><h1>Bridge</h1><p>${teaser}.</p><p>${STORY_PARAGRAPHS[0]}</p></article>${noise}`, `<meta name="description" content="${teaser}">`);
    expect(scriptProseChars(stub)).toBe(0);
    expect(decide(stub)).toEqual({ render: false, reason: null });
    // The same page whose state also holds the rest of the story, serialised twice: rendered.
    const state = `<script>window.__STATE__ = JSON.parse(${JSON.stringify(JSON.stringify({ paragraphs: STORY_PARAGRAPHS }))});</script>`;
    const shell = page(`<article><h1>Bridge</h1><p>${teaser}.</p><p>${STORY_PARAGRAPHS[0]}</p></article>${noise}${state}`);
    expect(scriptProseChars(shell)).toBeGreaterThan(2_000);
    expect(decide(shell)).toEqual({ render: true, reason: 'short-article' });
  });

  it('finds prose the markup shows already in any script: Cyrillic, Greek, letters beyond the first plane, in capitals, dashes between words', () => {
    // Each value is matched on its letters and digits alone, lower-cased: case and punctuation
    // between them do not count.
    const teasers = [
      'Городской совет во вторник вечером обсудил давно отложенный ремонт моста, а жители часами говорили о движении, безопасности и стоимости работ',
      'Το δημοτικό συμβούλιο συνεδρίασε την Τρίτη το βράδυ για τις επισκευές της γέφυρας και οι κάτοικοι μίλησαν για ώρες για την κυκλοφορία',
      'The council met on Tuesday evening; 𝐁𝐫𝐢𝐝𝐠𝐞 repairs were debated for hours, and residents spoke about traffic, safety and what the work will cost',
    ];
    for (const teaser of teasers) {
      const state = `<script>window.__META__ = ${JSON.stringify({ description: teaser })};</script>`;
      const shown = page(`<article><h1>Bridge</h1><p>${teaser.toUpperCase().replaceAll(' ', ' — ')}</p></article>${state}`);
      expect(scriptProseChars(shown)).toBe(0);
      const hidden = page(`<article><h1>Bridge</h1><p>${STORY_PARAGRAPHS[0]}</p></article>${state}`);
      expect(scriptProseChars(hidden)).toBe(teaser.length);
    }
  });

  it('finds prose the markup shows already with a link or an emphasis inside it, or its apostrophes written as references; text in attributes is not shown', () => {
    const teaser = "The council's long-delayed bridge repairs were debated on Tuesday evening, and residents spoke for hours about traffic, safety and the cost";
    const state = `<script>window.__META__ = ${JSON.stringify({ description: teaser })};</script>`;
    const withInlineMarkup = teaser
      .replace('bridge repairs', '<a href="/topics/bridge-repairs" class="topic-link">bridge repairs</a>')
      .replace('for hours', '<em>for hours</em>')
      .replace("'", '&#8217;');
    expect(scriptProseChars(page(`<article><h1>Bridge</h1><p>${withInlineMarkup}</p></article>${state}`))).toBe(0);
    expect(scriptProseChars(page(`<article><h1>Bridge</h1><p>${teaser.replace("'", '&#x2019;').replace('and', '&amp;')}</p></article>${state}`))).toBe(0);
    // Text in attributes is not shown: a description in a meta tag or an image's alt does not stand for the story a script holds.
    const inAttributes = page(`<article><h1>Bridge</h1><img src="/b.jpg" alt="${teaser}"><p>${STORY_PARAGRAPHS[0]}</p></article>${state}`, `<meta name="description" content="${teaser}">`);
    expect(scriptProseChars(inAttributes)).toBe(teaser.length);
    // A reference to no character stands for nothing, and the teaser is not on the page.
    expect(scriptProseChars(page(`<article><h1>Bridge</h1><p>&#0; &#x110000; ${STORY_PARAGRAPHS[0]}</p></article>${state}`))).toBe(teaser.length);
  });

  it('stays linear on hostile markup: thousands of unclosed scripts and embed placeholders', () => {
    const unclosedScripts = page(storyMarkup() + '<script>var s = "'.repeat(20_000));
    const unclosedEmbeds = page(storyMarkup() + '<script src="/w.js"></script>' + '<div class="twitter-tweet" data-x="'.repeat(2_000) + '<div class="twitter-tweet">'.repeat(20_000));
    const started = performance.now();
    expect(hasScripts(unclosedScripts)).toBe(true);
    expect(scriptProseChars(unclosedScripts)).toBe(0);
    expect(hasScriptFilledEmbed(unclosedEmbeds)).toBe(false);
    // Measured at ~0.1 s; a quadratic scan of these pages would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

/** The frame of every page of the site, its paths and its dates (src/site/pages/layout.ts). */
import { describe, expect, it } from 'vitest';
import { html } from '../../../src/site/escape.js';
import { CONTENT_SECURITY_POLICY, captureTimeElement, layout, nameSlug, sitePaths, timeElement } from '../../../src/site/pages/layout.js';

describe('layout', () => {
  it('frames the content with the policy, the title, the stylesheet and navigation reached from the page’s depth', () => {
    const page = layout({ title: 'Speakers', root: '../', main: html`<h1>Speakers</h1>`, scripts: ['assets/search.js'] });
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replaceAll("'", '&#39;')}">`);
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
    expect(page).toContain('<title>Speakers · clipfile archive</title>');
    expect(page).toContain('<link rel="stylesheet" href="../assets/site.css">');
    expect(page).toContain('<script src="../assets/search.js" defer></script>');
    expect(page).toContain('<li><a href="../speakers.html">Speakers</a></li>');
    expect(page).toContain('<main id="main" tabindex="-1">\n<h1>Speakers</h1>\n</main>');
    expect(layout({ title: 'x', root: '', main: html`` })).not.toContain('<script');
  });

  it('escapes a hostile title and language, and takes the page’s language when it has one', () => {
    const page = layout({ title: '</title><script>alert(1)</script>', root: '', main: html``, lang: 'ru" onload="alert(1)' });
    expect(page).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; · clipfile archive</title>');
    expect(page).toContain('<html lang="ru&quot; onload=&quot;alert(1)">');
    expect(page).not.toContain('<script>');
    expect(layout({ title: 'x', root: '', main: html``, lang: 'de' })).toContain('<html lang="de">');
  });
});

describe('sitePaths and nameSlug', () => {
  it('puts articles, histories, speakers and listings where the links expect them', () => {
    expect(sitePaths.article('c65795c9e7')).toBe('articles/c65795c9e7.html');
    expect(sitePaths.history('c65795c9e7')).toBe('articles/c65795c9e7.history.html');
    expect(sitePaths.listing('all', '', 1)).toBe('index.html');
    expect(sitePaths.listing('all', '', 3)).toBe('pages/3.html');
    expect(sitePaths.listing('site', 'Harbour Gazette', 1)).toBe(`sites/${nameSlug('Harbour Gazette')}.html`);
    expect(sitePaths.listing('author', 'Ann Lee', 2)).toBe(`authors/${nameSlug('Ann Lee')}-2.html`);
    expect(sitePaths.speaker('Helena Marsh')).toBe(`speakers/${nameSlug('Helena Marsh')}.html`);
  });

  it('names a file after any name safely: 16 hex digits, one per name as stored', () => {
    for (const name of ['../../etc/passwd', 'Ольга Петрова', 'a/b', '', 'CON']) expect(nameSlug(name)).toMatch(/^[0-9a-f]{16}$/);
    expect(nameSlug('Helena Marsh')).toBe(nameSlug('Helena Marsh'));
    expect(nameSlug('Helena Marsh')).not.toBe(nameSlug('helena marsh'));
  });
});

describe('dates', () => {
  it('shows the day of a publication date and the minute of a capture, UTC, in machine-readable time elements', () => {
    expect(String(timeElement('2026-11-20T23:30:00-05:00'))).toBe('<time datetime="2026-11-21T04:30:00.000Z">2026-11-21</time>');
    expect(String(captureTimeElement('2026-11-25T20:58:54.000Z'))).toBe('<time datetime="2026-11-25T20:58:54.000Z">2026-11-25 20:58 UTC</time>');
  });

  it('says "unknown" for no date, and gives a date it cannot read back as it is (to be escaped as text)', () => {
    expect(timeElement(null)).toBe('unknown');
    expect(timeElement(undefined)).toBe('unknown');
    expect(timeElement('last <b>Tuesday</b>')).toBe('last <b>Tuesday</b>');
    expect(String(html`<dd>${timeElement('last <b>Tuesday</b>')}</dd>`)).toBe('<dd>last &lt;b&gt;Tuesday&lt;/b&gt;</dd>');
    expect(captureTimeElement('not a time')).toBe('not a time');
  });
});

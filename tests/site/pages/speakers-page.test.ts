/** The speakers pages of the site (src/site/pages/speakers-page.ts): who is quoted, how often, and each one's quotations. */
import { describe, expect, it } from 'vitest';
import { nameSlug } from '../../../src/site/pages/layout.js';
import { groupBySpeaker, speakerPage, speakersPage } from '../../../src/site/pages/speakers-page.js';
import type { PageSummary } from '../../../src/site/pages/summary.js';
import type { SiteQuote } from '../../../src/site/read.js';

const quotes: SiteQuote[] = [
  { key: 'k2', speaker: 'Tom Reyes', text: 'Late again.' },
  { key: 'k1', speaker: 'Helena Marsh', text: 'We will keep the ferry.' },
  { key: 'k2', speaker: 'Helena Marsh', text: 'The vote stands.' },
  { key: 'k1', speaker: 'Helena Marsh', text: 'Nothing more.' },
];

describe('groupBySpeaker', () => {
  it('groups quotations by the name as stored, speakers sorted, each one’s quotations in the order given', () => {
    expect(groupBySpeaker(quotes)).toEqual([
      { speaker: 'Helena Marsh', quotes: [quotes[1], quotes[2], quotes[3]] },
      { speaker: 'Tom Reyes', quotes: [quotes[0]] },
    ]);
    expect(groupBySpeaker([])).toEqual([]);
  });
});

describe('speakersPage', () => {
  it('lists each speaker with a link to their page, their quotations and the distinct articles', () => {
    const page = speakersPage(groupBySpeaker(quotes));
    expect(page).toContain('<p>2 speakers quoted in the latest snapshot of the archived articles.</p>');
    expect(page).toContain(`<li><a href="speakers/${nameSlug('Helena Marsh')}.html">Helena Marsh</a> <span class="count">3 quotations in 2 articles</span></li>`);
    expect(page).toContain('<span class="count">1 quotation in 1 article</span>');
    expect(page.indexOf('Helena Marsh</a>')).toBeLessThan(page.indexOf('Tom Reyes</a>'));
    expect(speakersPage([])).toContain('<p>0 speakers quoted');
  });
});

describe('speakerPage', () => {
  const pages = new Map<string, PageSummary>([
    ['k1', { key: 'k1', url: 'https://news.example/ferry', host: 'news.example', title: 'Ferry vote', siteName: null, authors: [], byline: null, publishedTime: null, fetchedAt: '2026-11-20T08:00:00Z', speakers: [], snapshots: 1 }],
    ['k2', { key: 'k2', url: 'https://news.example/untitled', host: 'news.example', title: null, siteName: null, authors: [], byline: null, publishedTime: null, fetchedAt: '2026-11-20T08:00:00Z', speakers: [], snapshots: 1 }],
  ]);

  it('shows each quotation with a link to its article, named by its title, else its URL, else its key', () => {
    const [marsh] = groupBySpeaker(quotes);
    const page = speakerPage(marsh!, pages);
    expect(page).toContain('<title>Helena Marsh · clipfile archive</title>');
    expect(page).toContain('<p><a href="../speakers.html">All speakers</a></p>');
    expect(page).toContain('<blockquote><p>We will keep the ferry.</p></blockquote>\n<p class="quote-source">In <a href="../articles/k1.html">Ferry vote</a></p>');
    expect(page).toContain('In <a href="../articles/k2.html">https://news.example/untitled</a>');
    expect(speakerPage({ speaker: 'Bo Chen', quotes: [{ key: 'k9', speaker: 'Bo Chen', text: 'Hi.' }] }, pages)).toContain('In <a href="../articles/k9.html">k9</a>');
  });

  it('shows a hostile speaker name and quotation as text', () => {
    const hostile = '</title><script>alert(1)</script>';
    const groups = groupBySpeaker([{ key: 'k1', speaker: hostile, text: hostile }]);
    for (const page of [speakersPage(groups), speakerPage(groups[0]!, pages)]) {
      expect(page).not.toContain('<script>');
      expect(page).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/article.js';
import { parseFullHtml } from '../../helpers/full-dom.js';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { cleanBeforeReadability, trimContent, type TrimRule } from '../../../src/extract/quality/index.js';
import type { ChromeKind } from '../../../src/extract/quality/vocabulary.js';
import { repoRoot } from '../../helpers/cli.js';
import { expectInOrder } from '../../helpers/assertions.js';

// Each page of fixtures/quality shows one rule of the quality layer (src/extract/quality/):
// the boilerplate it removes and the story it keeps. The pages are made up (a local paper,
// "The Riverside Courier"); the rules know nothing about them.
const dir = resolve(repoRoot, 'fixtures/quality');
const url = 'https://riverside-courier.example/news/2025/06/14/footbridge-reopens';

const html = (name: string) => readFileSync(resolve(dir, `${name}.html`), 'utf8');
const extract = (name: string): Article => extractArticle({ html: html(name), url, source: name });

/** What plain Readability (no quality layer) returns as text: the boilerplate must be in it. */
function plainReadability(name: string): string {
  const dom = new JSDOM(html(name), { url, virtualConsole: new VirtualConsole() });
  try {
    return (new Readability(dom.window.document).parse()?.textContent ?? '').replace(/\s+/g, ' ');
  } finally {
    dom.window.close();
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** Runs the cleaning alone on a fixture page and says which kinds it removed. */
function cleaningOf(name: string): Partial<Record<ChromeKind, number>> {
  return cleanBeforeReadability(parseFullHtml(html(name), url), () => false).removed;
}

/** Runs Readability (after the cleaning), then the trimming alone, and says which rules fired. */
function trimmingOf(name: string, authors: string[]): Partial<Record<TrimRule, number>> {
  const document = parseFullHtml(html(name), url);
  cleanBeforeReadability(document, () => false);
  const content = new Readability<Element>(document, { serializer: (node) => node as Element }).parse()?.content;
  expect(content).toBeTruthy();
  return trimContent(content!, { isPlaceholder: () => false, authors }).removed;
}

// Sentences of the made-up story every page carries.
const STORY = [
  'The Millbrook footbridge reopened on Saturday morning after fourteen months of repairs',
  'Engineers replaced the rusted steel deck with a timber one',
  '“We were told it would be a year, and it was a year and two months, but it was worth the wait,” said Harriet Osei',
  'Council leader Daniel Price said the overspend would be covered from the highways reserve',
  'The river path beneath the bridge stays closed until the end of the month',
];

interface Rule {
  page: string;
  rule: string;
  /** The cleaning kind (before Readability) or trimming rule (after it) that must fire. */
  fires?: { clean: ChromeKind } | { trim: TrimRule };
  /** Text plain Readability keeps and the quality layer removes (from text and Markdown). */
  removed: string[];
  /** False when plain Readability already drops it (the rule is then a safety net). */
  readabilityKeepsIt?: boolean;
}

const RULES: Rule[] = [
  // Cleaning before Readability, by class/id names, ARIA roles and nav elements.
  { page: 'share-bar', fires: { clean: 'share' }, rule: 'share bars (class "addthis_toolbox")', removed: ['Share on Facebook', 'Email this story to a friend'] },
  { page: 'newsletter-box', fires: { clean: 'newsletter' }, rule: 'newsletter boxes (class "newsletter-signup")', removed: ['Courier Morning Briefing'] },
  { page: 'related-by-class', fires: { clean: 'related' }, rule: 'related blocks (class "recirc-module")', removed: ['More from the Courier', 'Flood barrier upgrade approved'] },
  { page: 'comments', fires: { clean: 'comments' }, rule: 'comment sections (class "discussion-thread")', removed: ['Riverwatcher wrote', '3 comments'] },
  { page: 'cookie-notice', fires: { clean: 'notice' }, rule: 'cookie notices (class "cookie-notice")', removed: ['We use cookies'] },
  { page: 'paywall-notice', fires: { clean: 'notice' }, rule: 'paywall notices (class "paywall")', removed: ['five free articles'] },
  { page: 'breadcrumbs', fires: { clean: 'breadcrumbs' }, rule: 'breadcrumbs (class "crumbs")', removed: ['Home › News › Transport'] },
  { page: 'author-bio', fires: { clean: 'author-bio' }, rule: 'author bios (class "author-box")', removed: ['transport correspondent', 'two very loud cats'] },
  { page: 'advert-slot', fires: { clean: 'advert' }, rule: 'advert slots (class "ad-slot")', removed: ['Riverside Motors spring sale'] },
  { page: 'tags-list', fires: { clean: 'tags' }, rule: 'tag lists (class "entry-topics")', removed: ['Bridges Council Millbrook'] },
  { page: 'navigation-role', fires: { clean: 'navigation' }, rule: 'navigation (a <nav> element)', removed: ["What's on", 'Property Jobs'] },
  { page: 'skip-link', fires: { clean: 'hidden' }, rule: 'skip links and screen-reader text', removed: ['Skip to the story text'] },
  // Marked before Readability, trimmed after it.
  { page: 'dateline-byline', fires: { trim: 'marked-meta' }, rule: 'byline and date lines (class "article-meta", "dateline")', removed: ['Updated 14 June 2025'] },
  // Wording, after Readability.
  { page: 'never-story-lines', fires: { trim: 'never-story-line' }, rule: 'lines that are never story (sign up, advertisement, copyright)', removed: ['Sign up for our newsletter', 'Advertisement', 'All rights reserved'] },
  { page: 'related-cue-list', fires: { trim: 'related-block' }, rule: '"You may also like" and the links it announces', removed: ['You may also like', 'Millbrook market returns', 'Lock keeper retires'] },
  { page: 'read-more-line', fires: { trim: 'related-block' }, rule: '"Read more:" link lines', removed: ['Why the footbridge repairs ran over budget'] },
  { page: 'leading-meta', fires: { trim: 'leading-meta' }, rule: 'leading byline and date lines', removed: ['By Priya Raman', 'Posted on 14 June 2025'] },
  { page: 'trailing-links', fires: { trim: 'trailing-links' }, rule: 'trailing link lists', removed: ['Bridge timeline: from closure to reopening', 'Map: the new river path diversion'] },
  { page: 'closing-bio', fires: { trim: 'author-bio' }, rule: 'a closing author bio (names the author)', removed: ["Priya Raman is the Courier's transport correspondent"] },
  { page: 'production-credit', fires: { trim: 'production-credit' }, rule: 'wire and production credits', removed: ['Reporting by Priya Raman'] },
  // Candidates and agreement.
  { page: 'jsonld-confirms', rule: 'JSON-LD articleBody confirms the story paragraphs', removed: ['free tote bag'] },
];

describe('the quality layer: every rule removes its boilerplate and keeps the story', () => {
  for (const { page, rule, removed, fires, readabilityKeepsIt = true } of RULES) {
    it(`${rule} (fixtures/quality/${page}.html)`, () => {
      if (fires && 'clean' in fires) expect(cleaningOf(page)[fires.clean], `cleaning removes ${fires.clean}`).toBeGreaterThanOrEqual(1);
      if (fires && 'trim' in fires) {
        expect(trimmingOf(page, ['Priya Raman'])[fires.trim], `trimming rule ${fires.trim}`).toBeGreaterThanOrEqual(1);
      }
      if (readabilityKeepsIt) {
        const plain = plainReadability(page);
        for (const text of removed) expect(plain, `plain Readability keeps "${text}"`).toContain(text);
      }
      const article = extract(page);
      for (const text of removed) {
        expect(squash(article.text)).not.toContain(text);
        expect(squash(article.markdown)).not.toContain(text);
      }
      expectInOrder(article.text, STORY);
      // The story found more likely than not: nothing for --render auto or --min-confidence 0.5 to doubt.
      expect(article.confidence).toBeGreaterThanOrEqual(0.5);
    });
  }
});

describe('what the quality layer keeps', () => {
  it('keeps a figure with its caption and credit in the Markdown, and leaves captions and loose credits out of the text', () => {
    const article = extract('captions');
    expect(plainReadability('captions')).toContain('Photo: Courier archive');
    expect(article.markdown).toContain('![The reopened footbridge](https://riverside-courier.example/img/bridge.jpg)');
    expect(article.markdown).toContain('*Walkers cross the reopened footbridge on Saturday. Photo: Tom Ellery*');
    expect(article.markdown).not.toContain('Courier archive');
    expect(article.text).not.toContain('Walkers cross the reopened footbridge');
    expect(article.text).not.toContain('Courier archive');
    expectInOrder(article.text, STORY);
  });

  it('keeps the byline Readability reads from a date line it removes', () => {
    const article = extract('dateline-byline');
    expect(article.byline).toBe('By Priya Raman');
  });

  it('keeps an embedded tweet whose wrapper has a "social" class, at its place', () => {
    const article = extract('embed-in-social-wrapper');
    expect(article.embeds).toEqual([
      expect.objectContaining({ kind: 'tweet', id: '1801234567890123456', authorHandle: 'MillbrookCncl' }),
    ]);
    expectInOrder(article.markdown, [
      'Engineers replaced the rusted steel deck',
      '> The Millbrook footbridge is open again!',
      '“We were told it would be a year',
    ]);
  });

  it('takes the JSON-LD articleBody when the page body has only a teaser, with a lower confidence', () => {
    const article = extract('jsonld-only-body');
    expectInOrder(article.text, STORY);
    expect(article.text).not.toContain('This story is for subscribers');
    const confirmed = extract('jsonld-confirms');
    expect(article.confidence).toBeLessThan(confirmed.confidence);
  });
});

describe('confidence', () => {
  it('is between 0 and 1 with two decimals', () => {
    for (const { page } of RULES) {
      const { confidence } = extract(page);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
      expect(Math.round(confidence * 100) / 100).toBe(confidence);
    }
  });

  it('is high for a story the JSON-LD body confirms and low for an index page', () => {
    expect(extract('jsonld-confirms').confidence).toBeGreaterThanOrEqual(0.9);
    const index = extractArticle({
      html: readFileSync(resolve(repoRoot, 'fixtures/pages/index-page.html'), 'utf8'),
      url: 'https://news.example.com/world/',
    });
    expect(index.confidence).toBeLessThan(0.5);
  });
});

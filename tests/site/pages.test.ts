/**
 * The site's templates and escaping: every string a page supplied is shown as text, and none of
 * them can add a script, an event handler or a javascript: URL to a page of the site, whatever
 * it holds (property test). Parsed with parse5, as a browser parses.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { ArchivedArticle, Embed, Quote } from '../../src/article.js';
import { diffSnapshots, renderDiffParts } from '../../src/archive/diff.js';
import { SafeHtml, escapeHtml, externalHref, html } from '../../src/site/escape.js';
import { articlePage } from '../../src/site/pages/article-page.js';
import { historyPage } from '../../src/site/pages/history-page.js';
import { INDEX_SCRIPTS, LISTING_PAGE_SIZE, filterValues, listingPages } from '../../src/site/pages/index-page.js';
import { CONTENT_SECURITY_POLICY } from '../../src/site/pages/layout.js';
import { groupBySpeaker, speakerPage, speakersPage } from '../../src/site/pages/speakers-page.js';
import { summarize, type PageSummary } from '../../src/site/pages/summary.js';
import { sanitizeForSite } from '../../src/site/sanitize.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { siteArticle } from '../helpers/site-article.js';

type Node = DefaultTreeAdapterMap['node'];

/** The first page of the listing of all articles, with its filters. */
function indexPage(pages: PageSummary[]): string {
  return listingPages({ kind: 'all', value: '', pages, filters: filterValues(pages) }).get('index.html')!;
}
type Element = DefaultTreeAdapterMap['element'];

function elements(node: Node): Element[] {
  const found: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n) found.push(n);
    const children = 'childNodes' in n ? n.childNodes : [];
    for (const child of children) walk(child);
    if ('content' in n && n.content) walk(n.content as Node);
  };
  walk(node);
  return found;
}

/** What a browser would run or load from a page of the site that it should not. */
function dangers(page: string): string[] {
  const found: string[] = [];
  const allowedScripts = new Set(INDEX_SCRIPTS.flatMap((src) => [src, `../${src}`]));
  for (const element of elements(parse(page) as Node)) {
    for (const { name, value } of element.attrs) {
      if (/^on/i.test(name)) found.push(`<${element.tagName} ${name}>`);
      if (['href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'srcset'].includes(name) && /^[\s\u0000-\u001f]*(?:javascript|vbscript|data):/i.test(value.replace(/[\t\n\r]/g, ''))) {
        found.push(`<${element.tagName} ${name}="${value}">`);
      }
      if (name === 'style') found.push(`<${element.tagName} style>`);
    }
    if (element.tagName === 'script' && !allowedScripts.has(element.attrs.find((a) => a.name === 'src')?.value ?? '')) found.push('<script>');
    const ownSearchForm = element.tagName === 'form' && element.attrs.some((a) => a.name === 'id' && a.value === 'search-form');
    if (!ownSearchForm && ['iframe', 'frame', 'object', 'embed', 'form', 'base', 'svg', 'math', 'img', 'link', 'style'].includes(element.tagName) && !(element.tagName === 'link' && element.attrs.some((a) => a.name === 'href' && /assets\/site\.css$/.test(a.value)))) {
      found.push(`<${element.tagName}>`);
    }
    if (element.tagName === 'meta' && element.attrs.some((a) => a.name === 'http-equiv' && a.value.toLowerCase() === 'refresh')) found.push('<meta refresh>');
  }
  // Exactly the site's own script tags, as text too.
  const scriptTags = (page.match(/<script/gi) ?? []).length;
  const ownScriptTags = (page.match(/<script src="(?:\.\.\/)?assets\/[a-z-]+\.js" defer><\/script>/g) ?? []).length;
  if (scriptTags !== ownScriptTags) found.push(`${scriptTags - ownScriptTags} stray <script`);
  return found;
}

const seed = JSON.parse(readFileSync(resolve(fixturesDir, 'expected', 'seed-tajik-commander.json'), 'utf8')) as ArchivedArticle;

/** An archived article for the site pages: the seed's, with these fields (one helper for every site test). */
const archived = (article: Partial<ArchivedArticle>): ArchivedArticle =>
  siteArticle(article as Parameters<typeof siteArticle>[0]);

/** Text a hostile page may put anywhere: markup, handlers, URLs with schemes spelt to slip through. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '</title><script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    '<svg onload=alert(1)>',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '&#x6A;avascript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '<iframe srcdoc="<script>alert(1)</script>">',
    '<a href="javascript:alert(1)">x</a>',
    '<form action=https://evil.example><input></form>',
    '<div style="background:url(https://evil.example/x)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<!--',
    ']]>',
    '`${x}`',
    '\u2028\u2029',
  ),
);
const hostileList = fc.array(hostileText, { maxLength: 3 });
const hostileUrl = fc.oneof(hostileText, fc.constant('https://example.org/a?b=<c>&d="e"'));

const hostileEmbed: fc.Arbitrary<Embed> = fc.record({
  kind: fc.constantFrom<Embed['kind']>('tweet', 'youtube', 'mastodon'),
  id: fc.option(hostileText, { nil: null }),
  url: hostileUrl,
  authorName: fc.option(hostileText, { nil: null }),
  authorHandle: fc.option(hostileText, { nil: null }),
  text: fc.option(hostileText, { nil: null }),
  date: fc.option(hostileText, { nil: null }),
  title: fc.option(hostileText, { nil: null }),
});

const hostileQuote: fc.Arbitrary<Quote> = fc.record({
  text: hostileText,
  speaker: fc.option(hostileText, { nil: null }),
  speakerMention: fc.option(hostileText, { nil: null }),
  cue: fc.option(hostileText, { nil: null }),
  partial: fc.boolean(),
  paragraph: fc.nat(3),
  start: fc.nat(10),
  end: fc.nat(10),
  pieces: fc.constant([]),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
});

const hostileArticle = fc
  .record({
    title: fc.option(hostileText, { nil: null }),
    byline: fc.option(hostileText, { nil: null }),
    authors: hostileList,
    siteName: fc.option(hostileText, { nil: null }),
    lang: fc.option(hostileText, { nil: null }),
    publishedTime: fc.option(hostileText, { nil: null }),
    html: fc.array(hostileText, { maxLength: 6 }).map((parts) => parts.join('')),
    text: hostileText,
    embeds: fc.array(hostileEmbed, { maxLength: 2 }),
    quotes: fc.array(hostileQuote, { maxLength: 3 }),
    url: hostileUrl,
    fetchedAt: hostileText,
  })
  .map(({ url, fetchedAt, ...fields }) => archived({ ...fields, provenance: { url, fetchedAt } as ArchivedArticle['provenance'] }));

describe('escaping', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('escapes every interpolation of a template, except HTML another template or the sanitizer made', () => {
    const name = '<b>Bob</b>';
    const inner = html`<em>${name}</em>`;
    expect(html`<p title="${name}">${inner} ${[name, 1, null, undefined, false]}</p>`.html).toBe(
      '<p title="&lt;b&gt;Bob&lt;/b&gt;"><em>&lt;b&gt;Bob&lt;/b&gt;</em> &lt;b&gt;Bob&lt;/b&gt;1</p>',
    );
    expect(html`${new SafeHtml('<hr>')}`.html).toBe('<hr>');
  });

  it('links only to absolute http(s) and mailto URLs, however the scheme is spelt', () => {
    expect(externalHref('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(externalHref('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    for (const url of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', '\u0000javascript:x', 'data:text/html,x', 'vbscript:x', '/relative', '../index.db', '//evil.example/x', 'file:///etc/passwd', '', null]) {
      expect(externalHref(url), String(url)).toBeNull();
    }
  });
});

describe('the site sanitizer', () => {
  it('keeps the embed card and the story, and turns images into links so nothing is loaded from outside', () => {
    const body = sanitizeForSite(seed.html).html;
    expect(body).toContain('<blockquote data-id="604022543839940608" data-kind="tweet" class="clipfile-embed">');
    expect(body).toContain('<a href="https://twitter.com/Charles_Lister/status/604022543839940608" rel="noopener noreferrer nofollow">May 28, 2015</a>');
    expect(sanitizeForSite('<p><img src="https://img.example/a.jpg" alt="A pier" onerror="x()"></p>').html).toBe(
      '<p><a href="https://img.example/a.jpg" rel="noopener noreferrer nofollow" class="image-link">[Image: A pier]</a></p>',
    );
    expect(sanitizeForSite('<main><p>a <a href="/local">b</a></p></main>').html).toBe('<p>a <a>b</a></p>');
  });
});

describe('page templates', () => {
  it('put the policy, the skip link and the landmarks on every page', () => {
    const page = articlePage({ key: 'c65795c9e7', article: archived({}), body: sanitizeForSite(seed.html), extraEmbeds: [], snapshots: 1 });
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replaceAll("'", '&#39;')}">`);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    for (const landmark of ['<a class="skip-link" href="#main">', '<header class="site-header">', '<nav aria-label="Site">', '<main id="main"', '<footer']) {
      expect(page).toContain(landmark);
    }
    expect(dangers(page)).toEqual([]);
  });

  it('let no page string add a script, a handler, a javascript: URL or anything that loads (property)', () => {
    fc.assert(
      fc.property(hostileArticle, hostileArticle, (article, older) => {
        const key = 'c65795c9e7';
        const body = sanitizeForSite(article.html);
        const summary = summarize({ key, url: article.provenance.url, host: 'example.org' }, article, 2);
        const extraEmbeds = article.embeds.map((embed) => sanitizeForSite(html`<blockquote class="clipfile-embed"><p>${embed.text}</p><a href="${embed.url}">${embed.date}</a></blockquote>`.html));
        const diff = diffSnapshots({ title: older.title, text: older.text }, { title: article.title, text: article.text });
        const snapshots = [older, article].map((a, i) => ({ name: `2026-11-2${i}T00-00-00Z`, path: `x/${i}`, fetchedAt: a.provenance.fetchedAt, title: a.title, wordCount: 3, contentSha256: 'd'.repeat(64) }));
        const speakers = groupBySpeaker(article.quotes.filter((q) => q.speaker).map((q) => ({ key, speaker: q.speaker!, text: q.text })));
        const pages = [
          articlePage({ key, article, body, extraEmbeds, snapshots: 2 }),
          indexPage([summary]),
          ...listingPages({ kind: 'site', value: summary.siteName ?? 'x', pages: [summary] }).values(),
          ...summary.authors.flatMap((author) => [...listingPages({ kind: 'author', value: author, pages: [summary] }).values()]),
          historyPage({ key, title: article.title ?? '', snapshots, diffs: [{ diff, parts: renderDiffParts(diff) }] }),
          speakersPage(speakers),
          ...speakers.map((s) => speakerPage(s, new Map([[key, summary]]))),
        ];
        for (const page of pages) expect(dangers(page)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('show a hostile title as the text it is', () => {
    const title = '</title><script>alert(1)</script>';
    const page = indexPage([summarize({ key: 'c65795c9e7', url: 'https://example.org/a', host: 'example.org' }, archived({ title }), 1)]);
    expect(page).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>');
    expect(dangers(page)).toEqual([]);
  });

  it('split a listing into pages of 100, newest first, each linking to the newer and older ones', () => {
    const pages = Array.from({ length: 250 }, (_, i) => ({
      ...summarize({ key: i.toString(16).padStart(10, '0'), url: `https://example.org/${i}`, host: 'example.org' }, archived({ title: `Story ${i}` }), 1),
      fetchedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    }));
    const newestFirst = [...pages].reverse();
    const files = listingPages({ kind: 'all', value: '', pages: newestFirst, filters: filterValues(pages) });
    expect([...files.keys()]).toEqual(['index.html', 'pages/2.html', 'pages/3.html']);
    const titles = (page: string) => [...page.matchAll(/<h3 class="page-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles(files.get('index.html')!)).toEqual(newestFirst.slice(0, LISTING_PAGE_SIZE).map((p) => p.title));
    expect(titles(files.get('pages/3.html')!)).toEqual(['Story 49', ...newestFirst.slice(201).map((p) => p.title)]);
    const third = files.get('pages/3.html')!;
    expect(third).toContain('<ol class="page-list" id="page-list" start="201">');
    expect(third).toContain('<a href="../index.html">Newest</a>');
    expect(third).toContain('<a href="../pages/2.html" rel="prev">Newer</a>');
    expect(third).toContain('Page 3 of 3');
    expect(third).not.toContain('rel="next"');
    expect(third).toContain('href="../articles/0000000031.html"');
    // Only the first page carries the search and the filters, and so the scripts.
    expect(files.get('index.html')).toContain('id="search-form"');
    expect(files.get('index.html')).toContain('<a href="pages/2.html" rel="next">Older</a>');
    expect(third).not.toContain('<script');
    for (const page of files.values()) expect(dangers(page)).toEqual([]);
  });
});


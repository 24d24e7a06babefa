/**
 * The site in a real browser (headless Chromium through playwright-core), opened from the
 * folder over file:// as a reader would: search, the seed article with its tweet card and
 * quotations, the hostile page whose scripts must never run, filters, keyboard, and axe-core.
 */
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOSTILE_MARKER,
  artifactsDir,
  archiveRewordedSeed,
  buildSiteWithCli,
  fixtureArchive,
  launchChromium,
  type SiteBuildJson,
} from '../helpers/site.js';
import { sitePaths } from '../../src/site/pages/layout.js';
import { searchTerms } from '../../src/site/search-index.js';

/** The seed article's title in its second snapshot (see fixtureArchive). */
const SEED_TITLE = 'U.S-trained Tajik special forces commander defects to IS, officials confirm';
const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

let launching: Promise<Browser> | undefined;
let browser: Browser;
let context: BrowserContext;
let site: SiteBuildJson;
/** Every request the pages made: none may leave the site folder. */
const requests: string[] = [];
const dialogs: string[] = [];
const consoleMessages: string[] = [];

function siteUrl(path: string): string {
  return pathToFileURL(join(site.out, path)).href;
}

async function openPage(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => consoleMessages.push(`${path}: ${message.text()}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(siteUrl(path));
  return page;
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Injected through the driver (not a script element), so the page's policy need not allow it.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
    // No preload: axe would fetch the style sheets again, which file:// refuses (the page has them already).
    // Only violations are read: axe need not gather the passes and the inapplicable rules' nodes.
    return (await axe.run(document, { preload: false, resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(' ')}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

async function searchFor(page: Page, words: string): Promise<void> {
  await page.getByLabel('Words to find').fill(words);
  await page.getByLabel('Words to find').press('Enter');
  await page.locator('#search-status').filter({ hasText: `“${words}”` }).waitFor();
}

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  // The browser starts while the CLI builds the site.
  launching = launchChromium();
  launching.catch(() => undefined); // awaited below, after the builds
  const archive = await fixtureArchive();
  expect(await buildSiteWithCli(archive)).toMatchObject({ pages: 3, rendered: 3 });
  // Then a rebuild, as after a nightly run: only the seed page is built again, and its new
  // snapshot reaches the browser's search through the delta index.
  await archiveRewordedSeed(archive);
  site = await buildSiteWithCli(archive);
  expect(site).toMatchObject({ pages: 3, rendered: 1 });
  browser = await launching;
  context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
});

afterAll(async () => {
  // Closed even when a build failed before the browser was awaited.
  await (await launching?.catch(() => undefined))?.close();
});

describe('the site over file://', () => {
  it('finds the seed article by searching "sharia", and shows its title, the tweet card and both Khalimov quotations', async () => {
    const index = await openPage('index.html');
    await searchFor(index, 'sharia');
    const hits = index.locator('#search-results li a');
    await expect.poll(() => hits.count()).toBeGreaterThan(0);
    expect(await hits.allTextContents()).toEqual([SEED_TITLE]);
    await screenshot(index, 'search-sharia');
    // Words of the first snapshot only are no longer found; words of the second are.
    await searchFor(index, 'estimated');
    expect(await index.locator('#search-status').textContent()).toBe('No articles match “estimated”.');
    await searchFor(index, 'officials confirm');
    expect(await hits.allTextContents()).toEqual([SEED_TITLE]);
    await searchFor(index, 'sharia');

    await hits.first().click();
    await index.waitForURL(/articles\/[0-9a-f]{10}\.html$/);
    expect(await index.locator('h1').textContent()).toBe(SEED_TITLE);
    const card = index.locator('.article-body blockquote.clipfile-embed[data-kind="tweet"]');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Charles Lister (@Charles_Lister)');
    expect(await card.locator('a').getAttribute('href')).toBe('https://twitter.com/Charles_Lister/status/604022543839940608');
    const quotes = index.locator('.quotations li');
    expect(await quotes.count()).toBe(2);
    const texts = await quotes.allTextContents();
    expect(texts[0]).toContain('Listen, you dogs');
    expect(texts[1]).toContain('Listen, you American pigs');
    for (const text of texts) expect(text).toContain('— Gulmurod Khalimov');
    expect(await index.locator('.source a').getAttribute('href')).toBe('https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/');
    await screenshot(index, 'seed-article');
    await index.close();
  });

  it('shows the history of the seed article with the words that changed between its snapshots', async () => {
    const index = await openPage('index.html');
    await index.getByRole('link', { name: /Tajik special forces commander/ }).click();
    await index.getByRole('link', { name: '2 snapshots' }).click();
    expect(await index.locator('table.snapshots tbody tr').count()).toBe(2);
    expect((await index.locator('.diff-text ins').allTextContents()).join(' ')).toContain('As many as');
    expect((await index.locator('.diff-text del').allTextContents()).join(' ')).toContain('A total number of');
    expect(await index.locator('h3', { hasText: /^From .* to .*/ }).count()).toBe(1);
    await screenshot(index, 'seed-history');
    await index.close();
  });

  it('never runs what the hostile page carried, and loads nothing from outside the folder', async () => {
    const page = await openPage('index.html');
    const link = page.locator('#page-list a', { hasText: 'votes on the ferry' });
    // The title's markup is shown as text.
    expect(await link.textContent()).toBe(`Harbour council <img src=x onerror="window.${HOSTILE_MARKER}='og'"> votes on the ferry`);
    await link.click();
    await page.waitForURL(/articles\/[0-9a-f]{10}\.html$/);
    await page.waitForLoadState('load');
    // Give any timer, handler or refresh a moment to fire, had one survived.
    await page.waitForTimeout(300);
    for (const text of ['Budget', 'budget', 'minutes']) {
      const anchor = page.locator('.article-body a', { hasText: text });
      if ((await anchor.count()) > 0) await anchor.first().click({ timeout: 1000 }).catch(() => {});
    }
    expect(await page.evaluate((marker) => (window as unknown as Record<string, unknown>)[marker], HOSTILE_MARKER)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(page.url()).toMatch(/^file:.*\.html$/);
    const dom = await page.evaluate(() => ({
      scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
      handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
      dangerous: document.querySelectorAll('iframe, form, object, embed, svg, base, meta[http-equiv="refresh"], link[href^="http"], [style]').length,
      javascriptUrls: [...document.querySelectorAll('[href], [src]')].filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')).length,
    }));
    expect(dom).toEqual({ scripts: [], handlers: [], dangerous: 0, javascriptUrls: 0 });
    expect(await page.locator('h1').textContent()).toContain('<img src=x onerror=');
    expect(await page.locator('.quotations').textContent()).toContain(`<script>window.${HOSTILE_MARKER}='quote'</script> is not how we do things here`);
    await screenshot(page, 'hostile-article');
    await page.close();
    expect(requests.filter((url) => !url.startsWith(pathToFileURL(site.out).href))).toEqual([]);
  });

  it('loads only the index files a query needs: the core, the delta, the shards of its words, the titles of its results', async () => {
    const before = requests.length;
    const page = await openPage('index.html');
    await page.waitForLoadState('load');
    const searchFiles = () => requests.slice(before).filter((url) => url.includes('/search/')).map((url) => url.replace(/^.*\/search\//, ''));
    // Nothing of the index before the reader comes to the search box.
    expect(searchFiles()).toEqual([]);
    await searchFor(page, 'sharia');
    const shard = searchTerms().shardOf('sharia');
    // The seed's second snapshot is in the delta: its postings are in the delta's shard.
    expect(searchFiles().sort()).toEqual(['core.js', `d-${shard}.js`, 'delta.js', `s-${shard}.js`].sort());
    // Another word loads its own shard, and the title chunk of its result (in the main index).
    await searchFor(page, 'ferry');
    const ferry = searchTerms().shardOf('ferry');
    expect(searchFiles().filter((file) => /^(?:s-|docs-)/.test(file)).sort()).toEqual([`s-${shard}.js`, `s-${ferry}.js`, 'docs-0.js'].sort());
    await page.close();
  });

  it('filters by site, author and speaker: each value leads to its own listing, from the keyboard too', async () => {
    const page = await openPage('index.html');
    expect(await page.locator('#page-list .page-item').count()).toBe(3);
    await page.getByRole('combobox', { name: 'Author' }).selectOption('Adam Farouk');
    await page.locator('button[data-filter-show="filter-author"]').click();
    await page.waitForURL(/authors\/[0-9a-f]{16}\.html$/);
    expect(await page.locator('h1').textContent()).toBe('Articles by Adam Farouk');
    expect(await page.locator('#page-list .page-title').allTextContents()).toEqual([SEED_TITLE]);
    await page.getByRole('link', { name: 'All articles and search' }).click();
    await page.waitForURL(/index\.html$/);
    await page.getByRole('combobox', { name: 'Site' }).focus();
    await page.getByRole('combobox', { name: 'Site' }).selectOption('The Daily Sentinel');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sites\/[0-9a-f]{16}\.html$/);
    expect(await page.locator('#page-list .page-title').allTextContents()).toEqual([SEED_TITLE]);
    await page.goBack();
    await page.getByRole('combobox', { name: 'Speaker' }).selectOption('Gulmurod Khalimov');
    await page.locator('button[data-filter-show="filter-speaker"]').click();
    await page.waitForURL(/speakers\/[0-9a-f]{16}\.html$/);
    expect(await page.locator('h1').textContent()).toBe('Gulmurod Khalimov');
    await page.close();
  });

  it('can be used from the keyboard: the skip link comes first and leads to the content', async () => {
    const page = await openPage('index.html');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('lists every speaker with their quotations across the archive', async () => {
    const page = await openPage('speakers.html');
    await page.getByRole('link', { name: 'Gulmurod Khalimov' }).click();
    expect(await page.locator('h1').textContent()).toBe('Gulmurod Khalimov');
    expect(await page.locator('.quote-list li').count()).toBe(2);
    await screenshot(page, 'speaker');
    await page.close();
  });

  it('has no serious or critical accessibility violations (axe-core), on a phone-sized screen too', async () => {
    const paths = ['index.html', 'speakers.html', sitePaths.listing('author', 'Adam Farouk', 1)];
    const index = await openPage('index.html');
    // The seed article (embed card, quotations, a diff in its history) and the hostile one.
    for (const title of ['Tajik', 'ferry']) {
      const href = (await index.locator('#page-list .page-title a', { hasText: title }).getAttribute('href'))!;
      paths.push(href);
      if (title === 'Tajik') paths.push(href.replace(/\.html$/, '.history.html'));
    }
    await index.close();
    const found: string[] = [];
    for (const path of paths) {
      const page = await openPage(path);
      found.push(...(await seriousAxeViolations(page)).map((v) => `${path}: ${v}`));
      await page.close();
    }
    expect(found).toEqual([]);
    const phone = await openPage('index.html');
    await phone.setViewportSize({ width: 360, height: 740 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(phone, 'index-phone');
    await phone.close();
    expect(consoleMessages.filter((m) => !m.includes('DevTools'))).toEqual([]);
  });
});

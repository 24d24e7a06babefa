/**
 * src/render/in-page.ts in a real headless Chromium: a script run in the page's main world over
 * the DevTools protocol sees and changes the page's own DOM, a failing one says why, the scroll
 * reaches what a lazy loader adds, endless animations are paused, and the document comes back
 * as Chromium serialises it.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findChromium, INSTALL_HINT, launchChromium } from '../../src/render/browser.js';
import { pauseEndlessAnimationsInPage, runInPage, scrollThroughPage, serialiseDocument } from '../../src/render/in-page.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let devtools: CDPSession;

beforeAll(async () => {
  const chromium = findChromium();
  if (!chromium) throw new Error(`the render tests need Chromium: ${INSTALL_HINT}`);
  browser = await launchChromium(chromium.path);
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await context.newPage();
  devtools = await context.newCDPSession(page);
});

describe('in the page', () => {
  it("runs a function with its argument in the page's own world and returns its value", async () => {
    await page.setContent('<p id="story">Kept</p>');
    const seen = await runInPage(devtools, (suffix: string) => {
      const story = document.getElementById('story')!;
      story.textContent += suffix;
      return story.textContent;
    }, ' and changed');
    expect(seen).toBe('Kept and changed');
    expect(await page.textContent('#story')).toBe('Kept and changed');
  });

  it("says why when the page's script throws", async () => {
    await page.setContent('<p>x</p>');
    await expect(runInPage(devtools, () => { throw new Error('no such widget'); }, null)).rejects.toThrow(/the page's script failed: .*no such widget/);
  });

  it('scrolls down far enough for a lazy loader to add its part, then back to the top', async () => {
    await page.setContent(`<div style="height: 3000px">top</div><div id="end">end</div>
      <script>new IntersectionObserver((seen) => { if (seen[0].isIntersecting) document.body.append('lazy part'); })
        .observe(document.getElementById('end'));</script>`);
    await runInPage(devtools, scrollThroughPage, { screens: 6, pauseMs: 50 });
    expect(await page.textContent('body')).toContain('lazy part');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('pauses animations that repeat forever and leaves finite ones running', async () => {
    await page.setContent(`<style>@keyframes shimmer { to { opacity: 0.5 } }</style>
      <div id="forever" style="animation: shimmer 1s infinite">a</div><div id="once" style="animation: shimmer 60s 1">b</div>`);
    await runInPage(devtools, pauseEndlessAnimationsInPage, null);
    const states = await page.evaluate(() => document.getAnimations().map((a) => [(a.effect as KeyframeEffect).target?.id, a.playState]));
    expect(states).toEqual([
      ['forever', 'paused'],
      ['once', 'running'],
    ]);
  });

  it('serialises the document as the page left it, doctype included', async () => {
    await page.setContent('<!DOCTYPE html><html><body><p>static</p><script>document.body.insertAdjacentHTML("beforeend", "<p>built by script</p>")</script></body></html>');
    const html = await serialiseDocument(devtools);
    expect(html.startsWith('<!DOCTYPE html><html>')).toBe(true);
    expect(html).toContain('<p>built by script</p>');
  });
});

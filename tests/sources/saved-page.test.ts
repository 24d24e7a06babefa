import { describe, expect, it } from 'vitest';
import { announcedFeeds, savedPageUrl } from '../../src/sources/saved-page.js';

describe("a saved page's own URL", () => {
  it('in order: SingleFile header, saved-from mark, canonical, og:url', () => {
    const canonical = '<link rel="canonical" href="https://a.example/canonical"><meta property="og:url" content="https://a.example/og">';
    expect(savedPageUrl(`<!--\n Page saved with SingleFile \n url: https://a.example/sf \n saved date: x\n--><html><head>${canonical}</head></html>`)).toEqual({ url: 'https://a.example/sf', from: 'singlefile' });
    expect(savedPageUrl(`<!-- saved from url=(0024)https://a.example/saved -->\n<html><head>${canonical}</head></html>`)).toEqual({ url: 'https://a.example/saved', from: 'saved-from' });
    expect(savedPageUrl(`<html><head>${canonical}</head></html>`)).toEqual({ url: 'https://a.example/canonical', from: 'canonical' });
    expect(savedPageUrl('<html><head><meta property="og:url" content="https://a.example/og"></head></html>')).toEqual({ url: 'https://a.example/og', from: 'og:url' });
  });
  it('none when the marks hold no absolute http(s) URL, or only the body does', () => {
    expect(savedPageUrl('<html><head><link rel="canonical" href="/relative"></head><body><!-- saved from url=(0010)https://b.example/ --></body></html>')).toBeNull();
    expect(savedPageUrl('<html><head><meta property="og:url" content="javascript:alert(1)"></head></html>')).toBeNull();
    expect(savedPageUrl('')).toBeNull();
  });
  it('the feeds a page announces, absolute and once each', () => {
    const html = '<head><link rel="alternate" type="application/rss+xml" href="/rss"><link rel="alternate" type="application/atom+xml" href="https://x.example/atom"><link rel="alternate" type="application/rss+xml" href="/rss"><link rel="alternate" hreflang="fr" href="/fr"></head>';
    expect(announcedFeeds(html, 'https://x.example/section/')).toEqual(['https://x.example/rss', 'https://x.example/atom']);
  });
});

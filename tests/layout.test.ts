import { describe, expect, it } from 'vitest';
import { hostFolderName, pageFolderName, pageKey, slugify, snapshotFolderName } from '../src/archive/layout.js';

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

describe('archive folder names', () => {
  const url = 'https://news.example.com/world/2015/05/29/story/';

  it.each([
    ['dots and slashes', '../../etc/passwd and /root/.ssh'],
    ['NUL and control characters', 'Title\u0000with\u0007controls\nand newline'],
    ['a 500-character title', 'Breaking '.repeat(56)],
    ['emoji', '🔥🔥 Wildfire spreads 🔥 across valley 🚒'],
    ['right-to-left text', 'مرحبا بالعالم اليوم'],
    ['only punctuation', '…—!?'],
    ['Windows-reserved names', 'CON: PRN * AUX? <NUL> | "COM1"'],
  ])('are safe for %s', (_case, title) => {
    const name = pageFolderName(url, title, '2026-11-25T10:00:00Z');
    expect(name).toMatch(SAFE_NAME);
    expect(name).not.toContain('..');
    expect(name.length).toBeLessThanOrEqual(11 + 60 + 2 + 10);
    expect(name.endsWith(`--${pageKey(url)}`)).toBe(true);
    expect(name.startsWith('2026-11-25-')).toBe(true);
  });

  it('take the slug from the title, else the URL path, else "page"', () => {
    expect(pageFolderName(url, 'U.S-trained Tajik commander defects', '2015-05-29')).toBe(
      `2015-05-29-u-s-trained-tajik-commander-defects--${pageKey(url)}`,
    );
    expect(pageFolderName('https://x.example/news/elm-street-bridge.html', 'مرحبا', '2026-01-02')).toMatch(
      /^2026-01-02-elm-street-bridge-html--[0-9a-f]{10}$/,
    );
    expect(pageFolderName('https://x.example/', null, '2026-01-02')).toMatch(/^2026-01-02-page--[0-9a-f]{10}$/);
  });

  it('cut long slugs at a word boundary', () => {
    const slug = slugify('The quick brown fox jumps over the lazy dog while the council votes on the bridge again');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('the-quick-brown-fox-jumps-over-the-lazy-dog-while-the');
  });

  it('give a page the same key whatever its fragment, and different pages different keys', () => {
    expect(pageKey('https://a.example/story#comments')).toBe(pageKey('https://a.example/story'));
    expect(pageKey('https://a.example/story?id=1')).not.toBe(pageKey('https://a.example/story?id=2'));
    expect(pageKey('https://a.example/story')).toMatch(/^[0-9a-f]{10}$/);
  });

  it('name hosts safely, ports and IPv6 included', () => {
    expect(hostFolderName('https://News.Example.COM/a')).toBe('news.example.com');
    expect(hostFolderName('http://127.0.0.1:8080/a')).toBe('127.0.0.1_8080');
    expect(hostFolderName('http://[::1]:3000/a')).toBe('__1_3000');
    expect(hostFolderName('https://xn--80ak6aa92e.com/')).toBe('xn--80ak6aa92e.com');
    expect(hostFolderName('https://пример.рф/статья')).toBe('xn--e1afmkfd.xn--p1ai');
  });

  it('name snapshots by their UTC instant without colons', () => {
    expect(snapshotFolderName('2026-11-25T20:58:54.123Z')).toBe('2026-11-25T20-58-54Z');
    expect(snapshotFolderName('2026-11-25T21:58:54+01:00')).toBe('2026-11-25T20-58-54Z');
  });
});

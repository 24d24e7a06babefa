import { describe, expect, it } from 'vitest';
import {
  keyOfPageFolder,
  legacyPageKey,
  lookupUrl,
  newPageFolderName,
  pageIdentity,
  pageIdentityUrl,
  pageKey,
  registrableDomain,
} from '../../src/archive/layout.js';

describe('a page identity', () => {
  it('drops tracking parameters and the fragment, and keeps every other parameter in order', () => {
    expect(pageIdentityUrl('https://a.example/story?utm_source=tw&utm_medium=social&id=7&fbclid=X1#top')).toBe(
      'https://a.example/story?id=7',
    );
    expect(pageIdentityUrl('https://a.example/story?GCLID=1&mc_cid=2&mc_eid=3&_ga=4&igshid=5&yclid=6&msclkid=7')).toBe(
      'https://a.example/story',
    );
    expect(pageIdentityUrl('https://a.example/s?b=2&a=1')).toBe('https://a.example/s?b=2&a=1');
  });

  it('gives a URL without tracking parameters the key it always had, and keeps the old key of one with them', () => {
    expect(pageKey('https://a.example/story?id=1')).toBe(legacyPageKey('https://a.example/story?id=1'));
    expect(pageKey('https://a.example/story?utm_source=x')).toBe(pageKey('https://a.example/story'));
    expect(legacyPageKey('https://a.example/story?utm_source=x')).not.toBe(pageKey('https://a.example/story'));
  });

  it('is the canonical URL on the same site, whatever the subdomain or scheme', () => {
    expect(pageIdentity('https://www.a.example/s?utm_campaign=z', 'https://a.example/s').url).toBe('https://a.example/s');
    expect(pageIdentity('http://m.a.example/amp/s', 'https://www.a.example/s?utm_source=feed').url).toBe('https://www.a.example/s');
    expect(pageIdentity('https://news.a.co.uk/s', 'https://www.a.co.uk/t').url).toBe('https://www.a.co.uk/t');
  });

  it('ignores, and says so, a canonical on another site or the front page claimed by a story', () => {
    expect(pageIdentity('https://a.example/s?utm_source=x', 'https://b.example/s')).toEqual({
      url: 'https://a.example/s',
      ignoredCanonical: 'https://b.example/s',
    });
    // Two sites under the same country second-level domain are not one site.
    expect(pageIdentity('https://one.co.uk/s', 'https://two.co.uk/s').url).toBe('https://one.co.uk/s');
    expect(pageIdentity('https://a.example/s', 'ftp://a.example/s').ignoredCanonical).toBe('ftp://a.example/s');
    expect(pageIdentity('https://a.example/2026/story', 'https://a.example/')).toEqual({
      url: 'https://a.example/2026/story',
      ignoredCanonical: 'https://a.example/',
    });
    expect(pageIdentity('https://a.example/', 'https://a.example/').url).toBe('https://a.example/');
  });

  it('takes registrable domains from the last two labels, three under a country second level', () => {
    expect(registrableDomain('news.a.example')).toBe('a.example');
    expect(registrableDomain('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
  });

  it('is looked up in one spelling whatever the case, port, encoding, slash, fragment or tracking', () => {
    const forms = [
      'https://пример.рф/статья/',
      'HTTPS://XN--E1AFMKFD.XN--P1AI:443/%d1%81%d1%82%d0%b0%d1%82%d1%8c%d1%8f',
      'https://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F?utm_source=x#comments',
    ];
    const spellings = new Set(forms.map(lookupUrl));
    expect([...spellings]).toEqual(['https://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F']);
    expect(lookupUrl('http://a.example')).toBe('http://a.example/');
  });
});

describe('a page folder name', () => {
  it('starts with the publication date, or says the date is the capture date', () => {
    const url = 'https://a.example/story';
    expect(newPageFolderName(url, 'A story', '2015-05-29T08:15:00.000Z', '2026-12-01T10:00:00Z')).toBe(
      `2015-05-29-a-story--${pageKey(url)}`,
    );
    const undated = newPageFolderName(url, 'A story', null, '2026-12-01T10:00:00Z');
    expect(undated).toBe(`captured-2026-12-01-a-story--${pageKey(url)}`);
    expect(keyOfPageFolder(undated)).toBe(pageKey(url));
    // Folders named by earlier versions are found by the same key suffix.
    expect(keyOfPageFolder(`2026-11-25-a-story--${pageKey(url)}`)).toBe(pageKey(url));
    expect(keyOfPageFolder('2026-11-25-a-story')).toBeUndefined();
  });
});

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { headOf, sniffKind } from '../../src/sources/detect.js';

const kind = (body: string | Uint8Array, type: string | null = null) => sniffKind(headOf(typeof body === 'string' ? Buffer.from(body) : body), type);

describe('what a source holds, by body and content type, never by name', () => {
  it('feeds: RSS 2.0, RSS 1.0 (RDF), Atom, JSON Feed', () => {
    expect(kind('\uFEFF<?xml version="1.0"?>\n<!-- c --><rss version="2.0"><channel/></rss>')).toBe('feed');
    expect(kind('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>')).toBe('feed');
    expect(kind('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')).toBe('feed');
    expect(kind('{"version":"https://jsonfeed.org/version/1.1","items":[]}')).toBe('feed');
    expect(kind('{"items":[]}', 'application/feed+json')).toBe('feed');
    expect(kind('{"items":[]}', 'application/json')).toBe('unknown');
  });
  it('sitemaps, gzipped or not, and WARC files', () => {
    expect(kind('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')).toBe('sitemap');
    expect(kind(gzipSync('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>'))).toBe('sitemap');
    expect(kind(gzipSync('WARC/1.1\r\nWARC-Type: warcinfo\r\n'))).toBe('warc');
    expect(kind(gzipSync('WARC/1.0\r\n').subarray(0, 12))).toBe('unknown');
  });
  it('HTML, XHTML and HTML served as a feed are HTML', () => {
    expect(kind('<!doctype html><html><head><title>x</title></head></html>', 'application/rss+xml')).toBe('html');
    expect(kind('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toBe('html');
    expect(kind('<p>a & b < c')).toBe('html');
    expect(kind('plain words')).toBe('unknown');
  });
});

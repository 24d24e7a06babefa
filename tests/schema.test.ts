import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article, ArchivedArticle } from '../src/article.js';
import { buildArchivedArticle } from '../src/archive/store.js';
import { fixturesDir } from './helpers/fixtures.js';
import { articleSchema, validateArchivedArticle } from './helpers/schema.js';

const expectedDir = resolve(fixturesDir, 'expected');
const goldenArticles = readdirSync(expectedDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, JSON.parse(readFileSync(resolve(expectedDir, file), 'utf8')) as Article] as const);

function archived(article: Article): ArchivedArticle {
  return buildArchivedArticle(
    {
      article,
      capture: {
        requestedUrl: 'https://example.org/story',
        url: article.url ?? 'https://example.org/story',
        source: 'http',
        redirects: ['http://example.org/story', 'https://example.org/story'],
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', etag: '"abc"' },
        contentType: 'text/html',
        bytes: new TextEncoder().encode('<html></html>'),
        fetchedAt: '2026-11-25T20:58:54.123Z',
      },
      decoded: { html: '<html></html>', encoding: 'UTF-8', encodingSource: 'header' },
      options: { timeoutMs: 30000, warc: false, userAgent: null },
    },
    article.url ?? 'https://example.org/story',
  );
}

describe('schema/article.schema.json', () => {
  it.each(goldenArticles)('accepts the archived form of %s', (_file, article) => {
    expect(validateArchivedArticle(archived(article))).toEqual([]);
  });

  it('names exactly the fields the code writes, no more, no fewer', () => {
    const sample = archived(goldenArticles[0]![1]);
    expect(Object.keys(articleSchema.properties).sort()).toEqual(Object.keys(sample).sort());
  });

  const base = () => archived(goldenArticles.find(([file]) => file.startsWith('seed'))![1]);
  it.each([
    ['a missing field', (a: Record<string, unknown>) => delete a['title'], /must have required property 'title'/],
    ['an extra field', (a: Record<string, unknown>) => (a['titel'] = 'x'), /must NOT have additional properties.*titel/],
    ['a wrong schemaVersion', (a: Record<string, unknown>) => (a['schemaVersion'] = 2), /^\/schemaVersion must be equal to constant/],
    ['a bad sha256', (a: ArchivedArticle) => (a.provenance.sha256.capture = 'abc'), /^\/provenance\/sha256\/capture must match pattern/],
    ['an unknown embed kind', (a: ArchivedArticle) => ((a.embeds[0] as { kind: string }).kind = 'tweeet'), /^\/embeds\/0\/kind must be equal to one of/],
    ['a non-string author', (a: ArchivedArticle) => ((a.authors as unknown[])[0] = 42), /^\/authors\/0 must be string/],
    ['a date that is not a date', (a: ArchivedArticle) => (a.publishedTime = 'last Tuesday'), /^\/publishedTime/],
  ] as const)('rejects %s, naming the path', (_case, spoil, message) => {
    const article = base();
    (spoil as (a: ArchivedArticle) => unknown)(article);
    const errors = validateArchivedArticle(article);
    expect(errors.some((line) => message.test(line)), errors.join('\n')).toBe(true);
  });
});

/**
 * An ArchivedArticle for the site's templates: the seed article's golden JSON with the fields a
 * test gives, and provenance filled in as the archive writes it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArchivedArticle } from '../../src/article.js';
import { fixturesDir } from './fixtures.js';

const seed = JSON.parse(readFileSync(resolve(fixturesDir, 'expected', 'seed-tajik-commander.json'), 'utf8')) as ArchivedArticle;

export function siteArticle(fields: Partial<Omit<ArchivedArticle, 'provenance'>> & { provenance?: Partial<ArchivedArticle['provenance']> } = {}): ArchivedArticle {
  return {
    ...seed,
    ...fields,
    provenance: {
      requestedUrl: 'seed.html',
      url: seed.url!,
      ignoredCanonical: null,
      source: 'file',
      redirects: [],
      status: null,
      headers: {},
      fetchedAt: '2026-11-25T20:58:54.000Z',
      encoding: 'UTF-8',
      encodingSource: 'meta',
      sha256: { capture: 'a'.repeat(64), text: 'b'.repeat(64), content: 'c'.repeat(64) },
      clipfile: { version: '0.1.0', options: {} },
      ...fields.provenance,
    } as ArchivedArticle['provenance'],
  };
}

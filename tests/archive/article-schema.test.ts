import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePage } from '../../src/acquire/index.js';
import type { ArchivedArticle, Article, Capture } from '../../src/article.js';
import { pageIdentity } from '../../src/archive/layout.js';
import { Archive, SNAPSHOT_FILES, buildArchivedArticle } from '../../src/archive/store.js';
import { archiveSource } from '../../src/pipeline.js';
import schemaJson from '../../schema/article.schema.json' with { type: 'json' };
import { fixturePages, fixturePath, fixturesDir } from '../helpers/fixtures.js';
import { articleSchema, validateArchivedArticle } from '../helpers/schema.js';
import { TestServer, html, redirect } from '../helpers/server.js';

// Compile-time guard: tsc fails when ArchivedArticle and the schema's top-level properties
// name different fields (the runtime test below says which).
type SchemaFields = keyof typeof schemaJson.properties;
type Mismatch = Exclude<keyof ArchivedArticle, SchemaFields> | Exclude<SchemaFields, keyof ArchivedArticle>;
const schemaMatchesType: [Mismatch] extends [never] ? true : Mismatch = true;
void schemaMatchesType;

const goldenNames = readdirSync(resolve(fixturesDir, 'expected'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

function goldenArticle(name: string): Article {
  return JSON.parse(readFileSync(resolve(fixturesDir, 'expected', `${name}.json`), 'utf8')) as Article;
}

/** A golden Article with the provenance an HTTP capture of its page (after one redirect) would get. */
function archivedGolden(name: string): ArchivedArticle {
  const article = goldenArticle(name);
  const pageUrl = fixturePages[name]!.url;
  const capture: Capture = {
    requestedUrl: pageUrl.replace(/^https:/, 'http:'),
    url: pageUrl,
    source: 'http',
    redirects: [pageUrl.replace(/^https:/, 'http:'), pageUrl],
    status: 200,
    // No charset: the page's own <meta> decides, as it would for these fixtures.
    headers: {
      'content-type': 'text/html',
      etag: '"5f2a-1c9"',
      'last-modified': 'Fri, 29 May 2015 10:02:00 GMT',
      date: 'Wed, 25 Nov 2026 20:58:54 GMT',
    },
    contentType: 'text/html',
    bytes: readFileSync(fixturePath(name)),
    fetchedAt: '2026-11-25T20:58:54.123Z',
  };
  const options = { timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024, userAgent: null, pageUrl: null, warc: false };
  return buildArchivedArticle({ article, capture, decoded: decodePage(capture), options }, pageIdentity(pageUrl, article.canonicalUrl));
}

/** The seed story as archived, deep-copied so that each case can spoil it freely. */
function seedArchived(): ArchivedArticle {
  return structuredClone(archivedGolden('seed-tajik-commander'));
}

describe('schema/article.schema.json', () => {
  it('is a draft 2020-12 schema with the published $id, and every field is required but those snapshots of before them lack', () => {
    expect(articleSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://github.com/clipfile/clipfile/schema/article.schema.json',
      additionalProperties: false,
    });
    // Recorded since session 7: older snapshots do without, and cite reads their page instead.
    const addedLater = ['genre', 'authorOrganisations'];
    expect([...articleSchema.required].sort()).toEqual(Object.keys(articleSchema.properties).filter((field) => !addedLater.includes(field)).sort());
  });

  it.each(goldenNames)('accepts the golden %s with provenance', (name) => {
    expect(validateArchivedArticle(archivedGolden(name))).toEqual([]);
  });

  it('accepts every date form the metadata stage writes, and null', () => {
    for (const date of ['2015-05-29T08:15:00.000Z', '2025-07-21', '2024-06', '2024', null]) {
      const article = seedArchived();
      article.publishedTime = date;
      article.modifiedTime = date;
      expect(validateArchivedArticle(article), String(date)).toEqual([]);
    }
  });

  it('accepts a quotation shaped like the Quote type', () => {
    const article = seedArchived();
    article.quotes = [
      {
        text: 'Listen, you American pigs',
        speaker: 'Gulmurod Khalimov',
        speakerMention: 'Khalimov',
        cue: 'said',
        partial: false,
        paragraph: 3,
        start: 120,
        end: 145,
        pieces: [{ start: 120, end: 145 }],
        confidence: 0.92,
      },
    ];
    expect(validateArchivedArticle(article)).toEqual([]);
  });

  describe('rejects, naming the path', () => {
    it('a missing field', () => {
      const article: Partial<ArchivedArticle> = seedArchived();
      delete article.byline;
      expect(validateArchivedArticle(article)).toEqual([
        '/byline: is missing (every field is required; unknown values are null)',
      ]);
    });

    it('an extra field, at the top and deeper down', () => {
      const article = Object.assign(seedArchived(), { titel: 'x' });
      Object.assign(article.provenance.sha256, { md5: 'd41d8cd98f00b204e9800998ecf8427e' });
      expect(validateArchivedArticle(article)).toEqual([
        '/titel: is not a field of article.json',
        '/provenance/sha256/md5: is not a field of article.json',
      ]);
    });

    it('a renamed embed field', () => {
      const article = seedArchived();
      const { authorHandle, ...rest } = article.embeds[0]!;
      article.embeds[0] = Object.assign(rest, { handle: authorHandle }) as unknown as ArchivedArticle['embeds'][number];
      expect(validateArchivedArticle(article)).toEqual([
        '/embeds/0/authorHandle: is missing (every field is required; unknown values are null)',
        '/embeds/0/handle: is not a field of article.json',
      ]);
    });

    it('a wrong schemaVersion', () => {
      const article = { ...seedArchived(), schemaVersion: 2 };
      expect(validateArchivedArticle(article)).toEqual(['/schemaVersion: must be 1 (got 2)']);
    });

    it('a bad sha256', () => {
      const article = seedArchived();
      article.provenance.sha256.capture = article.provenance.sha256.capture.toUpperCase();
      expect(validateArchivedArticle(article)).toEqual([
        `/provenance/sha256/capture: must match pattern "^[0-9a-f]{64}$" (got "${article.provenance.sha256.capture.slice(0, 56)}...)`,
      ]);
    });

    it('a tweet embed of kind "tweeet"', () => {
      const article = seedArchived();
      expect(article.embeds[0]!.kind).toBe('tweet');
      (article.embeds[0] as { kind: string }).kind = 'tweeet';
      expect(validateArchivedArticle(article)).toEqual([
        '/embeds/0/kind: must be one of "tweet", "youtube", "vimeo", "instagram", "tiktok", "bluesky", "mastodon", "facebook" (got "tweeet")',
      ]);
    });

    it('a non-string author', () => {
      const article = seedArchived();
      (article.authors as unknown[])[0] = { name: 'Adam Farouk' };
      expect(validateArchivedArticle(article)).toEqual(['/authors/0: must be string (got {"name":"Adam Farouk"})']);
    });

    it('a date that is not ISO 8601, and a URL that is not a URL', () => {
      const article = seedArchived();
      article.publishedTime = 'May 29, 2015';
      article.provenance.fetchedAt = '2026-11-25';
      article.embeds[0]!.url = 'twitter.com/Charles_Lister';
      expect(validateArchivedArticle(article)).toEqual([
        '/publishedTime: must be an ISO 8601 date-time in UTC, a date (YYYY-MM-DD), a year-month (YYYY-MM) or a year (YYYY); or null (got "May 29, 2015")',
        '/embeds/0/url: must match format "uri" (got "twitter.com/Charles_Lister")',
        '/provenance/fetchedAt: must match format "date-time" (got "2026-11-25")',
      ]);
    });
  });

  describe('agrees with what clipfile writes', () => {
    let server: TestServer;
    let archiveRoot: string;
    let written: ArchivedArticle;

    beforeAll(async () => {
      server = await TestServer.start();
      const seedHtml = readFileSync(fixturePath('seed-tajik-commander'), 'utf8');
      server
        .route('/old-story', redirect(server.url('/world/story'), 301))
        .route('/world/story', html(seedHtml, { headers: { etag: '"v1"', 'last-modified': 'Fri, 29 May 2015 10:02:00 GMT' } }));
      archiveRoot = mkdtempSync(join(tmpdir(), 'clipfile-schema-'));
      const archive = new Archive(archiveRoot);
      try {
        const outcome = await archiveSource(server.url('/old-story'), { fetch: {}, warc: false }, archive);
        written = JSON.parse(readFileSync(join(archiveRoot, outcome.snapshotPath, SNAPSHOT_FILES.json), 'utf8')) as ArchivedArticle;
      } finally {
        archive.close();
      }
    });

    afterAll(async () => {
      await server.close();
      rmSync(archiveRoot, { recursive: true, force: true });
    });

    it('accepts an article.json written by an HTTP archive run with a redirect', () => {
      expect(written.provenance.redirects).toHaveLength(2);
      expect(validateArchivedArticle(written)).toEqual([]);
    });

    it('has exactly the top-level fields of a real article.json', () => {
      expect(Object.keys(articleSchema.properties).sort()).toEqual(Object.keys(written).sort());
    });

    it('has exactly the fields of real provenance, digests, clipfile record and embeds', () => {
      const provenance = articleSchema.$defs['provenance']!.properties!;
      // `origin` is written only for a page found through a feed, sitemap, saved page's marks or
      // WARC (tests/sources/archive-sources.test.ts validates such snapshots); `rendered` and
      // `render` only for a page rendered in Chromium (tests/render/archive.test.ts validates those).
      expect(Object.keys(provenance).sort()).toEqual([...Object.keys(written.provenance), 'origin', 'rendered', 'render'].sort());
      expect(Object.keys(provenance['sha256']!.properties!).sort()).toEqual(Object.keys(written.provenance.sha256).sort());
      expect(Object.keys(provenance['clipfile']!.properties!).sort()).toEqual(Object.keys(written.provenance.clipfile).sort());
      expect(Object.keys(articleSchema.$defs['embed']!.properties!).sort()).toEqual(Object.keys(written.embeds[0]!).sort());
    });
  });
});

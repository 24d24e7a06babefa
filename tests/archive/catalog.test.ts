/**
 * The catalogue: snapshots in a stable order from one cursor, each Article read from its
 * folder only when its turn comes (so a whole-archive walk holds one Article at a time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEntries, catalogLatestQuotes, catalogPages, catalogSnapshots } from '../../src/archive/catalog.js';
import { Archive } from '../../src/archive/store.js';
import { archiveFilesInProcess } from '../helpers/archive-in-process.js';
import { TestServer, html } from '../helpers/server.js';
import { story } from '../helpers/stories.js';

let server: TestServer;
let root: string;

beforeAll(async () => {
  server = await TestServer.start();
  root = join(mkdtempSync(join(tmpdir(), 'clipfile-catalog-')), 'archive');
  server.route('/b', html(story({ title: 'Bridge', word: 'bridge' })));
  for (const word of ['first', 'second']) {
    server.route('/a', html(story({ title: `Budget ${word}`, word })));
    await archiveFilesInProcess(root, [server.url('/a'), server.url('/b')]);
  }
}, 180_000);
afterAll(async () => server.close());

describe('catalogue', () => {
  it('lists each page’s latest snapshot, or every snapshot, in page-key then capture order', () => {
    const archive = new Archive(root);
    try {
      const latest = [...catalogSnapshots(archive)];
      expect(latest).toHaveLength(2);
      expect(latest.map((s) => s.page.key)).toEqual([...latest.map((s) => s.page.key)].sort());
      expect(latest.every((s) => s.latest)).toBe(true);
      const all = [...catalogSnapshots(archive, { allSnapshots: true })];
      expect(all).toHaveLength(3);
      const pageA = all.filter((s) => s.page.url === server.url('/a'));
      expect(pageA.map((s) => [s.latest, s.pageSnapshots])).toEqual([
        [false, 2],
        [true, 2],
      ]);
      expect(pageA[0]!.fetchedAt < pageA[1]!.fetchedAt).toBe(true);
    } finally {
      archive.close();
    }
  });

  it('lists every page with all its snapshots, oldest first, from one query', () => {
    const archive = new Archive(root);
    try {
      const pages = [...catalogPages(archive)];
      expect(pages.map((p) => p.page.key)).toEqual([...pages.map((p) => p.page.key)].sort());
      const pageA = pages.find((p) => p.page.url === server.url('/a'))!;
      expect(pageA.snapshots.map((s) => s.title)).toEqual(['Budget first', 'Budget second']);
      expect(pageA.snapshots.map((s) => s.path)).toEqual(
        [...catalogSnapshots(archive, { allSnapshots: true })].filter((s) => s.page.key === pageA.page.key).map((s) => s.path),
      );
      expect(pageA.snapshots.every((s) => /^[0-9a-f]{64}$/.test(s.contentSha256) && s.wordCount > 0)).toBe(true);
      expect(pages.find((p) => p.page.url === server.url('/b'))!.snapshots).toHaveLength(1);
      // These stories quote nobody (catalogLatestQuotes is tested through the site's speaker pages, tests/site/build.test.ts).
      expect([...catalogLatestQuotes(archive)]).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it('reads each Article only when its entry is reached', () => {
    const archive = new Archive(root);
    try {
      const rest = [...catalogSnapshots(archive, { allSnapshots: true })].slice(1);
      const entries = catalogEntries(archive, { allSnapshots: true });
      const first = entries.next().value!;
      expect(first.article?.title).toBeTruthy();
      // Removed after the walk began: a walk that had read ahead would still hold it.
      rmSync(join(root, rest[0]!.path, 'article.json'));
      const second = entries.next().value!;
      expect(second.path).toBe(rest[0]!.path);
      expect(second.article).toBeUndefined();
      expect(entries.next().value!.article?.title).toBeTruthy();
      expect(entries.next().done).toBe(true);
    } finally {
      archive.close();
    }
  });
});

/**
 * BatchRun (src/batch/run.ts, with outcome.ts and source-kinds.ts): one outcome per source,
 * whatever the source turns out to be. Real pages from a server on 127.0.0.1 through the
 * polite fetcher, real files, a real archive folder, extraction in-process.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/store.js';
import { createPoliteFetcher } from '../../src/batch/fetcher.js';
import { BatchRun, type BatchOutcome, type SourceItem } from '../../src/batch/run.js';
import { SourceError } from '../../src/errors.js';
import { extractInProcess } from '../../src/pipeline.js';
import { html, status, TestServer, withValidators } from '../helpers/server.js';
import { story } from '../helpers/stories.js';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(async () => server.close());

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'clipfile-batch-run-'));
}

/** Runs the sources into a new archive; resolves with the outcomes in the order they came. */
async function runBatch(
  sources: (string | SourceItem)[],
  options: { archiveRoot?: string; beforeRun?: (run: BatchRun) => void } = {},
): Promise<{ outcomes: BatchOutcome[]; root: string; notes: string[] }> {
  const root = options.archiveRoot ?? join(scratch(), 'archive');
  const archive = new Archive(root);
  const notes: string[] = [];
  const fetcher = createPoliteFetcher({ ignoreRobots: true, perHostDelayMs: 0, retry: { maxAttempts: 1 } });
  const outcomes: BatchOutcome[] = [];
  const run = new BatchRun(sources, archive, {
    fetcher,
    archive: { fetch: {}, warc: false },
    extract: extractInProcess,
    onOutcome: (outcome) => outcomes.push(outcome),
    onNote: (source, note) => notes.push(`${source}: ${note}`),
  });
  options.beforeRun?.(run);
  try {
    await run.run();
  } finally {
    archive.close();
  }
  return { outcomes, root, notes };
}

function summary(outcomes: BatchOutcome[]): [number, string, string][] {
  return [...outcomes].sort((a, b) => a.index - b.index).map((o) => [o.index, o.status, o.kind]);
}

describe('BatchRun', () => {
  it('archives pages and files, fetches a repeated URL once, and fails a bad source alone', async () => {
    server.route('/one', html(story({ title: 'Pier reopens', word: 'pier' })));
    server.route('/gone', status(404));
    const dir = scratch();
    const file = join(dir, 'saved.html');
    writeFileSync(file, story({ title: 'Ferry returns', word: 'ferry' }));
    const sources = [
      server.url('/one'),
      server.url('/one?utm_source=newsletter#top'),
      { source: file, pageUrl: 'https://news.example/ferry' },
      server.url('/gone'),
      join(dir, 'missing.html'),
    ];
    const { outcomes } = await runBatch(sources);
    expect(summary(outcomes)).toEqual([
      [0, 'archived', 'page'],
      [1, 'archived', 'page'],
      [2, 'archived', 'page'],
      [3, 'failed', 'page'],
      [4, 'failed', 'page'],
    ]);
    const byIndex = new Map(outcomes.map((o) => [o.index, o]));
    expect(byIndex.get(1)).toMatchObject({ duplicateOf: server.url('/one'), attempts: 0, key: byIndex.get(0)!.key });
    expect(server.requestsTo('/one')).toHaveLength(1);
    expect(byIndex.get(0)).toMatchObject({ title: 'Pier reopens', attempts: 1 });
    expect(byIndex.get(2)).toMatchObject({ url: 'https://news.example/ferry', origin: { urlFrom: 'list' } });
    expect((byIndex.get(3)!.error as SourceError).code).toBe('http-status');
    expect((byIndex.get(4)!.error as SourceError).source).toBe(join(dir, 'missing.html'));
  });

  it('asks again with the latest snapshot\'s validators and reports a 304 as unchanged', async () => {
    server.route('/validated', withValidators(story({ title: 'Harbour budget', word: 'budget' }), { etag: '"b1"' }));
    const root = join(scratch(), 'archive');
    const first = await runBatch([server.url('/validated')], { archiveRoot: root });
    expect(first.outcomes.map((o) => o.status)).toEqual(['archived']);
    const second = await runBatch([server.url('/validated')], { archiveRoot: root });
    expect(second.outcomes.map((o) => [o.status, o.snapshotPath])).toEqual([['unchanged', first.outcomes[0]!.snapshotPath]]);
    expect(server.requestsTo('/validated').at(-1)!.headers['if-none-match']).toBe('"b1"');
  });

  it('expands a feed file into its pages, each with the feed entry as its origin', async () => {
    server.route('/feed-a', html(story({ title: 'Lighthouse repaired', word: 'lighthouse' })));
    server.route('/feed-b', html(story({ title: 'School extended', word: 'school' })));
    const feed = join(scratch(), 'feed.xml');
    writeFileSync(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title>
<item><title>Lighthouse</title><link>${server.url('/feed-a')}</link><guid>a</guid></item>
<item><title>School</title><link>${server.url('/feed-b')}</link><guid>b</guid></item>
</channel></rss>`,
    );
    const { outcomes, root } = await runBatch([feed]);
    expect(summary(outcomes)).toEqual([
      [0, 'expanded', 'feed'],
      [1, 'archived', 'page'],
      [2, 'archived', 'page'],
    ]);
    expect(outcomes.find((o) => o.index === 0)!.entries).toBe(2);
    expect(outcomes.find((o) => o.index === 1)!.origin).toMatchObject({ feed });
    expect(readdirSync(join(root, '127.0.0.1_' + server.port))).toHaveLength(2);
  });

  it('once stopped, starts nothing more and reports the rest as interrupted', async () => {
    const dir = scratch();
    const files = [1, 2, 3].map((n) => {
      const file = join(dir, `page-${n}.html`);
      writeFileSync(file, story({ title: `Page ${n}`, word: `word${n}` }));
      return { source: file, pageUrl: `https://news.example/page-${n}` };
    });
    const { outcomes } = await runBatch(files, { beforeRun: (run) => run.stop() });
    expect(summary(outcomes)).toEqual([
      [0, 'skipped', 'page'],
      [1, 'skipped', 'page'],
      [2, 'skipped', 'page'],
    ]);
    expect(outcomes.every((o) => o.skipReason === 'interrupted')).toBe(true);
  });
});

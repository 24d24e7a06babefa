/**
 * A full build's pages rendered on real worker threads (src/site/render-pool.ts, running the
 * compiled render-worker.js): each page's files written by the worker, the same files the
 * building thread would render, one result per page, a page whose snapshot is gone skipped
 * with the reason, and a failure in the builder's handler ending the run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSitePages, type SitePageSource } from '../../src/site/read.js';
import { renderOnWorkers, type PoolResult } from '../../src/site/render-pool.js';
import { renderPage } from '../../src/site/render-page.js';
import { BRIDGE_URL, FERRY_URL, siteArchive, type SiteArchive } from '../helpers/site-archive.js';

let site: SiteArchive;
let pages: SitePageSource[];
beforeAll(() => {
  site = siteArchive();
  pages = readSitePages(site.archive);
});
afterAll(() => site.archive.close());

describe('renderOnWorkers', () => {
  it('writes every page’s files from the workers as the building thread renders them, skips a page it cannot read, and stops at the builder’s error', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clipfile-site-out-'));
    const ferry = pages.find((p) => p.url === FERRY_URL)!;
    const bridge = pages.find((p) => p.url === BRIDGE_URL)!;
    const inThread = renderPage((path) => site.archive.readSnapshot(path), ferry);
    if (typeof inThread === 'string') throw new Error(inThread);
    // The bridge page's only snapshot is gone from where the index listed it.
    const gone = structuredClone(bridge);
    gone.snapshots[0]!.path = `${gone.snapshots[0]!.path}-missing`;

    // One worker for three pages (fewer than POOL_FROM_PAGES): they come back in the order sent.
    const results: PoolResult[] = [];
    const run = renderOnWorkers(site.root, out, [ferry, gone, ferry], (result) => {
      results.push(result);
      if (results.length === 2) throw new Error('manifest write failed');
    });
    // A handler that throws ends the run with its error; the third page is never rendered.
    await expect(run).rejects.toThrow('manifest write failed');
    expect(results).toHaveLength(2);

    expect(results[1]).toEqual({ key: bridge.key, skipped: `snapshot ${gone.snapshots[0]!.path} could not be read` });
    const done = results[0]!;
    if (!('files' in done)) throw new Error(`ferry page not rendered: ${JSON.stringify(done)}`);
    expect(done.key).toBe(ferry.key);
    expect(done.files.sort()).toEqual([...inThread.files.keys()].sort());
    for (const [path, content] of inThread.files) expect(readFileSync(join(out, path), 'utf8'), path).toBe(content);
    expect(done.summary).toEqual(inThread.summary);
    expect(done.indexed).toEqual(inThread.indexed);
    rmSync(out, { recursive: true, force: true });
  });
});

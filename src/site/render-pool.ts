/**
 * Renders a full build's pages on worker threads (render-worker.ts), one per core: the work is
 * CPU-bound (sanitizing, templates, diffs, cutting terms), so two cores build a site twice as
 * fast. Each worker writes its pages' files itself and sends back their summary and terms.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PageSummary } from './pages/summary.js';
import type { SitePageSource } from './read.js';
import type { IndexedDocument } from './search-index.js';

/** Fewer stale pages than this are rendered in the building thread: starting workers costs more. */
export const POOL_FROM_PAGES = 200;

export type PoolResult =
  | { key: string; files: string[]; summary: PageSummary; indexed: IndexedDocument }
  | { key: string; skipped: string }
  | { key: string; error: string };

/** The worker script: beside this module in the bundle, else the compiled one. */
function workerScriptUrl(): URL {
  for (const candidate of [new URL('./site-worker.js', import.meta.url), new URL('./render-worker.js', import.meta.url), new URL('../../dist/src/site/render-worker.js', import.meta.url)]) {
    if (existsSync(fileURLToPath(candidate))) return candidate;
  }
  throw new Error('clipfile site: its render worker is missing (run npm run build)');
}

/**
 * Renders `pages` on worker threads, calling `onResult` in the building thread as each page is
 * done (in whatever order they finish); resolves when all are done.
 */
export async function renderOnWorkers(archiveRoot: string, out: string, pages: SitePageSource[], onResult: (result: PoolResult) => void): Promise<void> {
  const size = Math.max(1, Math.min(os.availableParallelism(), Math.ceil(pages.length / POOL_FROM_PAGES)));
  let next = 0;
  const url = workerScriptUrl();
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(url, { workerData: { archiveRoot, out } });
      let done = false;
      const send = () => {
        if (next < pages.length) {
          worker.postMessage(pages[next++]);
          return;
        }
        done = true;
        void worker.terminate().then(() => resolve());
      };
      worker.on('message', (result: PoolResult) => {
        try {
          onResult(result);
        } catch (error) {
          done = true;
          void worker.terminate();
          reject(error);
          return;
        }
        send();
      });
      worker.on('error', (error) => {
        done = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!done) reject(new Error(`clipfile site: a render worker stopped (exit code ${code})`));
      });
      send();
    });
  await Promise.all(Array.from({ length: size }, runWorker));
}

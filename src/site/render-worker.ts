/**
 * A worker thread of `clipfile site`: renders the pages it is sent (renderPage), writes their
 * files, and sends back what the index and the search need. See render-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Archive } from '../archive/store.js';
import type { SitePageSource } from './read.js';
import { renderPage } from './render-page.js';
import { writeSiteFile } from './site-files.js';

const { archiveRoot, out } = workerData as { archiveRoot: string; out: string };
const archive = new Archive(archiveRoot);

parentPort!.on('message', (page: SitePageSource) => {
  try {
    const result = renderPage((path) => archive.readSnapshot(path), page);
    if (typeof result === 'string') {
      parentPort!.postMessage({ key: page.key, skipped: result });
      return;
    }
    for (const [path, content] of result.files) writeSiteFile(out, path, content);
    parentPort!.postMessage({ key: page.key, files: [...result.files.keys()], summary: result.summary, indexed: result.indexed });
  } catch (error) {
    parentPort!.postMessage({ key: page.key, error: error instanceof Error ? error.message : String(error) });
  }
});

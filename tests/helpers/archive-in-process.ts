/**
 * Archiving without the CLI, for tests whose subject is what a later command does with an
 * archive that already holds a page (a check, a new version, a refused write, a rebuilt index):
 * the page goes through the stages `clipfile archive` runs (acquire → decode → extract →
 * Archive.storeSnapshot), in the test's own process. A CLI run costs half a second of CPU or
 * more; the runs a user would see stay in the tests of each behaviour.
 */
import { decodePage, acquire } from '../../src/acquire/index.js';
import { Archive, type StoreOutcome } from '../../src/archive/store.js';
import { extractArticle } from '../../src/extract/pipeline.js';

/** Archives `source` (a file, or an http URL fetched for real) into the archive at `root`. */
export async function archiveInProcess(root: string, source: string, options: { pageUrl?: string } = {}): Promise<StoreOutcome> {
  const capture = await acquire(source, { pageUrl: options.pageUrl });
  const decoded = decodePage(capture);
  const article = extractArticle({ html: decoded.html, url: capture.url, source });
  const archive = new Archive(root);
  try {
    return archive.storeSnapshot({ article, capture, decoded, options: {} });
  } finally {
    archive.close();
  }
}

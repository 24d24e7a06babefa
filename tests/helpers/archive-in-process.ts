/**
 * Archiving without the CLI, for tests whose subject is what a later command does with an
 * archive that already holds a page (a check, a new version, a refused write, a rebuilt index):
 * the page goes through the stages `clipfile archive` runs (acquire → decode → extract →
 * Archive.storeSnapshot), in the test's own process. A CLI run costs half a second of CPU or
 * more; the runs a user would see stay in the tests of each behaviour.
 */
import { cpSync } from 'node:fs';
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

/**
 * A copy of the archive at `from` as a new archive at `to`, for a test file that writes one
 * archive (by the CLI, say) and gives each test its own. The copies' page folders are new, so
 * their mtimes differ from those the index recorded: the index is brought in line here, in this
 * process, and the first command a test runs finds nothing changed by hand.
 */
export function copyArchive(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  const archive = new Archive(to);
  try {
    archive.index();
  } finally {
    archive.close();
  }
  return to;
}

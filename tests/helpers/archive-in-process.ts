/**
 * Archiving without the CLI, for tests whose subject is what a later command does with an
 * archive that already holds a page (a check, a new version, a refused write, a rebuilt index):
 * the page goes through the stages `clipfile archive` runs (acquire → decode → extract →
 * Archive.storeSnapshot), in the test's own process. A CLI run costs half a second of CPU or
 * more; the runs a user would see stay in the tests of each behaviour.
 */
import { cpSync } from 'node:fs';
import { acquire, decodePage, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, defaultUserAgent } from '../../src/acquire/index.js';
import { Archive, type StoreOutcome } from '../../src/archive/store.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { withPageUrl } from '../../src/batch/source-kinds.js';
import { archiveSource, storeCapture, type ArchiveOptions, type ArchiveResult } from '../../src/pipeline.js';
import { findChromium } from '../../src/render/browser.js';
import { DEFAULT_RENDER_TIMEOUT_MS, Renderer } from '../../src/render/render.js';
import type { RenderSetup } from '../../src/render/stage.js';

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

/** The fetch options `clipfile archive` records when given none: its --timeout and --max-size defaults are acquire's. */
const CLI_FETCH_DEFAULTS = { timeoutMs: DEFAULT_TIMEOUT_MS, maxBytes: DEFAULT_MAX_BYTES };

/**
 * Archives several pages into the archive at `root`, one Archive open for all, each as one
 * `clipfile archive` run of its source would (src/pipeline.ts, with the CLI's defaults: its
 * fetch options, and `--render auto` where a Chromium is found, the browser started only for a
 * page that needs it; robots.txt not asked, as with --ignore-robots): an http URL, fetched for
 * real, or a file filed under a URL, given as a `FILE URL` list line gives it ([file, url]) or
 * as `--url` does ([file, url, 'option']). In order, one at a time. For a test file's set-up
 * archive, when what it tests is a later command: a CLI run costs half a second of CPU or more,
 * and a page extracted here a fraction of that.
 */
export async function archiveFilesInProcess(
  root: string,
  sources: ReadonlyArray<string | readonly [file: string, url: string, given?: 'option']>,
): Promise<ArchiveResult[]> {
  const chromium = findChromium();
  const render: RenderSetup = chromium
    ? { mode: 'auto', renderer: new Renderer({ executablePath: chromium.path, timeoutMs: DEFAULT_RENDER_TIMEOUT_MS, pagesAtOnce: 1, userAgent: defaultUserAgent() }) }
    : { mode: 'never', renderer: null };
  const archive = new Archive(root);
  try {
    const results: ArchiveResult[] = [];
    for (const source of sources) {
      const options: ArchiveOptions = { fetch: CLI_FETCH_DEFAULTS, warc: false, render };
      if (typeof source === 'string') {
        results.push(await archiveSource(source, options, archive));
        continue;
      }
      // As BatchRun reads a file: the page URL, and where it came from, in the capture's origin;
      // the options recorded name --url's, not a list line's.
      const [file, pageUrl, given] = source;
      const byOption = given === 'option';
      const capture = withPageUrl(await acquire(file, { ...CLI_FETCH_DEFAULTS, pageUrl }), byOption ? { source: file } : { source: file, pageUrl }, byOption ? pageUrl : undefined);
      results.push(await storeCapture(file, capture, byOption ? { ...options, fetch: { ...CLI_FETCH_DEFAULTS, pageUrl } } : options, archive));
    }
    return results;
  } finally {
    archive.close();
    await render.renderer?.close();
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

/**
 * The pages of one `extract` source: a page (URL, file, stdin), or every HTML page of a WARC
 * file; a saved page without --url takes the URL its saver left in it. Feeds and sitemaps are
 * for `archive`, which fetches their entries politely.
 */
import { acquire, decodePage, type AcquireOptions } from '../acquire/index.js';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { extractInProcess, type ReadPage } from '../pipeline.js';
import { headOf, sniffKind, SNIFF_BYTES } from './detect.js';
import { savedPageUrl } from './saved-page.js';
import { readWarcPages, type WarcCounts } from './warc-input.js';
import { open } from 'node:fs/promises';

/** `many`: the source holds many pages (a WARC), so JSON goes one object per line. */
export async function* readPages(source: string, options: AcquireOptions): AsyncGenerator<ReadPage & { many: boolean }> {
  if (source !== '-' && !/^[a-z][a-z0-9+.-]*:/i.test(source) && (await fileKind(source)) === 'warc') {
    const counts: WarcCounts = { records: 0, pages: 0, revisits: 0, other: 0 };
    for await (const item of readWarcPages(source, source, counts, { maxBytes: options.maxBytes ?? Number.MAX_SAFE_INTEGER })) {
      if (item.kind === 'bad-record') throw item.error;
      yield { ...(await readCapture(source, item.capture)), many: true };
    }
    return;
  }
  let capture = await acquire(source, options);
  const kind = capture.source === 'http' ? sniffKind(headOf(capture.bytes), capture.contentType) : 'html';
  if (kind === 'feed' || kind === 'sitemap') {
    throw new SourceError(source, 'not-html', `a ${kind}, not a page: give it to \`clipfile archive\` to archive its entries`);
  }
  if (capture.source === 'file' && !capture.url) {
    const saved = savedPageUrl(decodePage(capture).html);
    if (saved) capture = { ...capture, url: saved.url, origin: { urlFrom: saved.from } };
  }
  yield { ...(await readCapture(source, capture)), many: false };
}

async function readCapture(source: string, capture: Capture): Promise<ReadPage> {
  const decoded = decodePage(capture);
  const article = await extractInProcess({ html: decoded.html, url: capture.url, source });
  return { capture, decoded, article };
}

async function fileKind(path: string) {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      return sniffKind(headOf(buffer.subarray(0, bytesRead)), null);
    } finally {
      await handle.close();
    }
  } catch {
    return 'unknown'; // acquire names the problem
  }
}

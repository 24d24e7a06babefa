/**
 * The pages of one `extract` source, as Captures: a page (URL, file, stdin), or every HTML page
 * of a WARC file; a saved page without --url takes the URL its saver left in it. Feeds and
 * sitemaps are for `archive`, which fetches their entries politely.
 */
import { open } from 'node:fs/promises';
import { acquire, decodePage, type AcquireOptions } from '../acquire/index.js';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';
import { headOf, isWarcHead, sniffKind, SNIFF_BYTES } from './detect.js';
import { savedPageUrl } from './saved-page.js';
import type { WarcCounts } from './warc-input.js';

export async function* pageCaptures(source: string, options: AcquireOptions): AsyncGenerator<Capture> {
  if (source !== '-' && !/^[a-z][a-z0-9+.-]*:/i.test(source) && (await isWarcFile(source))) {
    // The WARC reader (warcio) is loaded only for a WARC file: a one-page extract starts faster.
    const { readWarcPages } = await import('./warc-input.js');
    const counts: WarcCounts = { records: 0, pages: 0, revisits: 0, other: 0 };
    for await (const item of readWarcPages(source, source, counts, { maxBytes: options.maxBytes ?? Number.MAX_SAFE_INTEGER })) {
      if (item.kind === 'bad-record') throw item.error;
      yield item.capture;
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
  yield capture;
}

async function isWarcFile(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      return isWarcHead(headOf(buffer.subarray(0, bytesRead)));
    } finally {
      await handle.close();
    }
  } catch {
    return false; // acquire names the problem
  }
}

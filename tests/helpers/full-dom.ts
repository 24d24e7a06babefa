import { parseHtml } from '../../src/extract/parse.js';

/**
 * parseHtml typed as the browser's whole DOM instead of the pipeline's small one
 * (src/extract/dom.ts): tests read members the pipeline does not use (getElementById, title,
 * URL) and hand the document to Readability, whose types name the whole DOM. Both engines have
 * those members; what the pipeline itself may use stays checked by src/extract/dom-engines.ts.
 */
export function parseFullHtml(...args: Parameters<typeof parseHtml>): Document {
  return parseHtml(...args) as unknown as Document;
}

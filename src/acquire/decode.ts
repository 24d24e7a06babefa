// Imported, not required at run time, so the bundle holds it: loaded by require, its ES-module
// dependency went through Node's ES module loader, a tenth of a one-page `extract`.
import sniffHtmlEncoding from 'html-encoding-sniffer';
import type { Capture, DecodedPage } from '../article.js';

/**
 * A page that declares no encoding is read as UTF-8 when at least this share of its non-ASCII
 * byte sequences are valid UTF-8 characters (the rest become U+FFFD, as in a page declared
 * UTF-8). windows-1252 text almost never forms valid UTF-8 sequences (it would take pairs like
 * "Ã©"), so one stray byte in a UTF-8 page no longer turns every "é" of it into "Ã©".
 */
export const UTF8_MIN_VALID_SHARE = 0.5;

/**
 * Turns the captured bytes into text the way a browser would (WHATWG encoding sniffing):
 * BOM, then the Content-Type charset, then a `<meta>` declaration, then UTF-8 if the bytes
 * are (mostly, see UTF8_MIN_VALID_SHARE) valid UTF-8, else windows-1252. A label that names
 * no encoding we can decode is skipped. Bytes that do not decode are counted in `invalidBytes`.
 */
export function decodePage(capture: Capture): DecodedPage {
  const { bytes } = capture;

  const bom = detectBom(bytes);
  if (bom) return decode(bytes.subarray(bom.length), bom.encoding, 'bom');

  const headerEncoding = canonicalEncoding(charsetParameter(capture.headers['content-type']));
  if (headerEncoding) return decode(bytes, headerEncoding, 'header');

  const metaEncoding = canonicalEncoding(prescanMetaCharset(bytes));
  if (metaEncoding) return decode(bytes, metaEncoding, 'meta');

  const utf8 = decodeStrictUtf8(bytes);
  if (utf8 !== null) return { html: utf8, encoding: 'UTF-8', encodingSource: 'sniffed', invalidBytes: 0 };
  const { validSequences, invalidBytes } = utf8Validity(bytes);
  if (validSequences >= UTF8_MIN_VALID_SHARE * (validSequences + invalidBytes)) {
    return { html: decodeWith(bytes, 'UTF-8'), encoding: 'UTF-8', encodingSource: 'sniffed', invalidBytes };
  }

  return decode(bytes, 'windows-1252', 'default');
}

function decode(bytes: Uint8Array, encoding: string, encodingSource: DecodedPage['encodingSource']): DecodedPage {
  if (encoding === 'UTF-8') {
    // The common case, valid UTF-8, costs one native pass; only a damaged page is counted byte by byte.
    const strict = decodeStrictUtf8(bytes);
    if (strict !== null) return { html: strict, encoding, encodingSource, invalidBytes: 0 };
    return { html: decodeWith(bytes, encoding), encoding, encodingSource, invalidBytes: utf8Validity(bytes).invalidBytes };
  }
  const html = decodeWith(bytes, encoding);
  return { html, encoding, encodingSource, invalidBytes: countReplacementCharacters(html) };
}

/** The bytes decoded, each undecodable sequence as U+FFFD. */
function decodeWith(bytes: Uint8Array, encoding: string): string {
  // The BOM, if any, was cut off already; ignoreBOM keeps a later U+FEFF as content.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  // Streaming, then flushing: Node 20's one-shot decode of windows-1252 takes a Latin-1 fast path
  // that turns 0x80–0x9F (€, “ ”, ’, —) into control characters (nodejs/node#56542).
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

/**
 * U+FFFD in text decoded from a legacy encoding: each stands for a byte sequence the encoding
 * does not define (none of the single-byte encodings' bytes, invalid pairs in Shift_JIS, GBK, …).
 */
function countReplacementCharacters(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) count++;
  return count;
}

/**
 * How the bytes read as UTF-8 (the WHATWG decoder's rules: no overlong forms, surrogates or
 * code points past U+10FFFF): valid multi-byte characters, and bytes that are not part of one.
 */
export function utf8Validity(bytes: Uint8Array): { validSequences: number; invalidBytes: number } {
  let validSequences = 0;
  let invalidBytes = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else {
      invalidBytes++;
      i++;
      continue;
    }
    let seen = 1;
    while (seen <= needed) {
      const next = bytes[i + seen];
      if (next === undefined || next < lower || next > upper) break;
      lower = 0x80;
      upper = 0xbf;
      seen++;
    }
    if (seen > needed) validSequences++;
    // A broken sequence is one U+FFFD for the bytes read so far; the byte that broke it starts afresh.
    else invalidBytes += seen;
    i += seen;
  }
  return { validSequences, invalidBytes };
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'UTF-8', length: 3 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'UTF-16BE', length: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'UTF-16LE', length: 2 };
  return null;
}

/** `text/html; charset="windows-1251"` → "windows-1251". */
function charsetParameter(contentType: string | undefined): string | null {
  const match = contentType?.match(/;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i);
  if (!match) return null;
  return (match[1] ?? match[2] ?? '').trim() || null;
}

/**
 * The WHATWG name for an encoding label ("cp1251" → "windows-1251", "sjis" → "Shift_JIS"),
 * or null when the label is unknown or names an encoding TextDecoder cannot decode
 * ("replacement", "x-user-defined").
 */
function canonicalEncoding(label: string | null): string | null {
  if (!label) return null;
  // With empty input the sniffer just resolves the label, returning the default ("") when unknown.
  const name = sniffHtmlEncoding(new Uint8Array(0), { transportLayerEncodingLabel: label, defaultEncoding: '' });
  if (!name || name === 'replacement') return null;
  try {
    new TextDecoder(name);
    return name;
  } catch {
    return null;
  }
}

const SPEC_PRESCAN_BYTES = 1024;
const EXTENDED_PRESCAN_BYTES = 64 * 1024;

/**
 * The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares, or null.
 * The standard prescan reads only the first 1024 bytes; news pages often put kilobytes of
 * scripts and preload links before their `<meta charset>`, and browsers still honour it, so
 * when the standard prescan finds nothing, look for the declaration further into the `<head>`.
 */
function prescanMetaCharset(bytes: Uint8Array): string | null {
  const found = prescan(bytes);
  if (found || bytes.length <= SPEC_PRESCAN_BYTES) return found;

  // Latin-1 maps byte n to code point n, so this is a lossless view of ASCII-compatible markup.
  const prefix = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, EXTENDED_PRESCAN_BYTES)).toString('latin1');
  const head = withoutCommentsAndScripts(prefix).split(/<body[\s>]/i)[0] ?? '';
  const metaTags = charsetMetaTags(head);
  if (metaTags.length === 0) return null;
  return prescan(Buffer.from(metaTags.join('\n'), 'latin1'));
}

/**
 * The markup without comments and script and style blocks (one left open runs to the end, as
 * in a browser). One pass: a head full of unclosed `<!--` must not be searched to its end from
 * each of them.
 */
function withoutCommentsAndScripts(markup: string): string {
  const opening = /<!--|<(script|style)\b/gi;
  let out = '';
  let from = 0;
  while (from < markup.length) {
    opening.lastIndex = from;
    const start = opening.exec(markup);
    if (!start) break;
    out += markup.slice(from, start.index);
    let end: number;
    if (start[1] === undefined) {
      const close = markup.indexOf('-->', start.index + 4);
      end = close < 0 ? markup.length : close + 3;
    } else {
      const closing = new RegExp(`</${start[1]}\\s*>`, 'gi');
      closing.lastIndex = opening.lastIndex;
      end = closing.exec(markup) ? closing.lastIndex : markup.length;
    }
    from = end;
  }
  return out + markup.slice(from);
}

/** The `<meta …>` tags that mention a charset, each up to its first `>`. */
function charsetMetaTags(head: string): string[] {
  const tags: string[] = [];
  const opening = /<meta\b/gi;
  for (let start = opening.exec(head); start; start = opening.exec(head)) {
    const end = head.indexOf('>', opening.lastIndex);
    if (end < 0) break;
    const tag = head.slice(start.index, end + 1);
    if (/charset/i.test(tag)) tags.push(tag);
    opening.lastIndex = end + 1;
  }
  return tags;
}

/** The WHATWG prescan (via html-encoding-sniffer) of the first 1024 bytes. */
function prescan(bytes: Uint8Array): string | null {
  try {
    // No BOM and no transport label here, so the result comes from a <meta> or is the default ("").
    return sniffHtmlEncoding(bytes, { defaultEncoding: '' }) || null;
  } catch {
    // The library's charset extraction throws on some truncated declarations (`content="…; charset"`).
    return null;
  }
}

function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

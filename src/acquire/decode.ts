import { createRequire } from 'node:module';
import type { Capture, DecodedPage } from '../article.js';

/** html-encoding-sniffer ships no types; this is the part of its API we use. */
type HtmlEncodingSniffer = (
  bytes: Uint8Array,
  options?: { transportLayerEncodingLabel?: string; defaultEncoding?: string },
) => string;
const sniffHtmlEncoding = createRequire(import.meta.url)('html-encoding-sniffer') as HtmlEncodingSniffer;

/**
 * Turns the captured bytes into text the way a browser would (WHATWG encoding sniffing):
 * BOM, then the Content-Type charset, then a `<meta>` declaration, then UTF-8 if the bytes
 * are valid UTF-8, else windows-1252. A label that names no encoding we can decode is skipped.
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
  if (utf8 !== null) return { html: utf8, encoding: 'UTF-8', encodingSource: 'sniffed' };

  return decode(bytes, 'windows-1252', 'default');
}

function decode(bytes: Uint8Array, encoding: string, encodingSource: DecodedPage['encodingSource']): DecodedPage {
  // The BOM, if any, was cut off already; ignoreBOM keeps a later U+FEFF as content.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  // Streaming, then flushing: Node 20's one-shot decode of windows-1252 takes a Latin-1 fast path
  // that turns 0x80–0x9F (€, “ ”, ’, —) into control characters (nodejs/node#56542).
  const html = decoder.decode(bytes, { stream: true }) + decoder.decode();
  return { html, encoding, encodingSource };
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
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, EXTENDED_PRESCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .split(/<body[\s>]/i)[0] ?? '';
  const metaTags = head.match(/<meta\b[^>]*charset[^>]*>/gi);
  if (!metaTags) return null;
  return prescan(Buffer.from(metaTags.join('\n'), 'latin1'));
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

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Capture } from '../article.js';
import { SourceError } from '../errors.js';

export interface LocalOptions {
  /** The page's URL (`--url`), recorded as `capture.url`. */
  pageUrl: string | null;
  maxBytes: number;
  /** Where "-" reads from. */
  stdin: NodeJS.ReadableStream;
  /** The file to read when `source` is not itself the path (a file: URL). */
  filePath?: string;
}

/** Reads a file, or stdin when `source` is "-". */
export async function readLocal(source: string, options: LocalOptions): Promise<Capture> {
  const isStdin = source === '-';
  const bytes = isStdin
    ? await readStream(source, options.stdin, options.maxBytes)
    : await readFile(source, options.filePath ?? source, options.maxBytes);

  if (isBlank(bytes)) throw new SourceError(source, 'empty', 'empty input');
  const binaryKind = detectBinary(bytes);
  if (binaryKind !== null) {
    const reason = binaryKind === 'unknown' ? 'not HTML: binary data' : `not HTML: binary data (${binaryKind})`;
    throw new SourceError(source, 'binary', reason);
  }

  return {
    requestedUrl: source,
    url: options.pageUrl,
    source: isStdin ? 'stdin' : 'file',
    redirects: [],
    status: null,
    headers: {},
    contentType: null,
    bytes,
    fetchedAt: new Date().toISOString(),
  };
}

async function readFile(source: string, filePath: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const stats = await stat(path.resolve(filePath));
    if (stats.isDirectory()) throw new SourceError(source, 'unreadable', 'is a directory');
    size = stats.size;
  } catch (error) {
    throw fileError(source, error);
  }
  // Only a hint: FIFOs and /dev/stdin report size 0, and files can grow while read.
  if (size > maxBytes) throw sizeLimitError(source, maxBytes);
  try {
    return await readStream(source, createReadStream(path.resolve(filePath)), maxBytes);
  } catch (error) {
    throw fileError(source, error);
  }
}

async function readStream(source: string, stream: AsyncIterable<Uint8Array | string>, maxBytes: number) {
  const bytes = await readAtMost(stream, maxBytes);
  if (bytes === null) throw sizeLimitError(source, maxBytes);
  return bytes;
}

function fileError(source: string, error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new SourceError(source, 'not-found', notFoundReason(source), { cause: error });
    case 'ENOTDIR':
      return new SourceError(source, 'not-found', 'file not found', { cause: error });
    case 'EISDIR':
      return new SourceError(source, 'unreadable', 'is a directory', { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new SourceError(source, 'unreadable', 'permission denied', { cause: error });
    default:
      return new SourceError(source, 'unreadable', `cannot read file (${code ?? String(error)})`, { cause: error });
  }
}

/** "example.com/story" given without a scheme is a URL far more often than a file name. */
function notFoundReason(source: string): string {
  const looksLikeHost = /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/|$)/i.test(source);
  return looksLikeHost ? `file not found (did you mean https://${source} ?)` : 'file not found';
}

/**
 * Collects the chunks of a stream, stopping (and releasing the stream) as soon as more than
 * `maxBytes` have arrived. Returns null when the limit was exceeded.
 */
export async function readAtMost(
  chunks: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += part.byteLength;
    // Leaving the loop early calls the iterator's return(), which cancels or destroys the stream.
    if (total > maxBytes) return null;
    parts.push(part);
  }
  return concatBytes(parts, total);
}

function concatBytes(parts: Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

export function sizeLimitError(source: string, maxBytes: number): SourceError {
  return new SourceError(source, 'too-large', `larger than ${formatSize(maxBytes)}`);
}

/** 20971520 → "20 MiB", 1536 → "1.5 KiB", 500 → "500 bytes". */
export function formatSize(bytes: number): string {
  const units: [string, number][] = [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** Nothing but whitespace (and perhaps a UTF-8 BOM). */
function isBlank(bytes: Uint8Array): boolean {
  const start = hasUtf8Bom(bytes) ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
  }
  return true;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

const MAGIC_NUMBERS: { kind: string; magic: number[] }[] = [
  { kind: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { kind: 'GIF', magic: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { kind: 'ZIP', magic: [0x50, 0x4b, 0x03, 0x04] }, // also .docx, .epub
  { kind: 'GZIP', magic: [0x1f, 0x8b] },
];

const NUL_SCAN_BYTES = 8 * 1024;

/**
 * The kind of binary data (e.g. "PDF"), "unknown" for other binary data, or null for text.
 * Text never contains NUL bytes, except UTF-16, which announces itself with a BOM.
 */
export function detectBinary(bytes: Uint8Array): string | null {
  for (const { kind, magic } of MAGIC_NUMBERS) {
    if (magic.every((byte, i) => bytes[i] === byte)) return kind;
  }
  const isUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!isUtf16 && bytes.subarray(0, NUL_SCAN_BYTES).includes(0)) return 'unknown';
  return null;
}

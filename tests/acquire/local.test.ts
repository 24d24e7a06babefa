import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquire, decodePage } from '../../src/acquire/index.js';
import { acquireFailure } from '../helpers/assertions.js';

const PAGE = '<!doctype html><html><body><p>Grüße</p></body></html>';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfile-local-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const filePath = path.join(dir, name);
  await writeFile(filePath, content);
  return filePath;
}

const failure = acquireFailure;

describe('acquire from a file', () => {
  it('reads the bytes, with no page URL unless --url is given', async () => {
    const filePath = await file('page.html', PAGE);
    const capture = await acquire(filePath);

    expect(decodePage(capture).html).toBe(PAGE);
    expect(capture).toMatchObject({
      requestedUrl: filePath,
      url: null,
      source: 'file',
      status: null,
      contentType: null,
      redirects: [],
      headers: {},
    });
  });

  it('records --url as the page URL', async () => {
    const filePath = await file('saved.html', PAGE);
    const capture = await acquire(filePath, { pageUrl: 'https://news.example/2024/story' });
    expect(capture.url).toBe('https://news.example/2024/story');
  });

  it('rejects a --url that is not an http(s) URL', async () => {
    const filePath = await file('saved2.html', PAGE);
    const error = await failure(filePath, { pageUrl: 'news.example/story' });
    expect(error.code).toBe('bad-url');
    expect(error.reason).toBe('--url is not an http(s) URL: news.example/story');
  });

  it('reads a file: URL', async () => {
    const filePath = await file('by-url.html', PAGE);
    const source = pathToFileURL(filePath).href;
    const capture = await acquire(source);
    expect(decodePage(capture).html).toBe(PAGE);
    expect(capture.requestedUrl).toBe(source);
  });

  it('reports a missing file', async () => {
    const source = path.join(dir, 'nope.html');
    const error = await failure(source);
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`${source}: file not found`);
  });

  it('suggests https:// for a missing "file" that looks like a host name', async () => {
    const error = await failure('news.example.com/story');
    expect(error.code).toBe('not-found');
    expect(error.reason).toBe('file not found (did you mean https://news.example.com/story ?)');
  });

  it('reports a directory as unreadable', async () => {
    const error = await failure(dir);
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe(`${dir}: is a directory`);
  });

  it('reports an empty or blank file', async () => {
    const empty = await file('empty.html', '');
    const blank = await file('blank.html', '\n  \n');
    expect((await failure(empty)).message).toBe(`${empty}: empty input`);
    expect((await failure(blank)).code).toBe('empty');
  });

  it('rejects a file over maxBytes', async () => {
    const filePath = await file('big.html', `<p>${'x'.repeat(3000)}</p>`);
    const error = await failure(filePath, { maxBytes: 1024 });
    expect(error.code).toBe('too-large');
    expect(error.reason).toBe('larger than 1 KiB');
  });

  describe('binary files', () => {
    it.each([
      ['PDF', 'doc.pdf', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]],
      ['PNG', 'img.png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]],
      ['ZIP', 'a.zip', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
      ['GZIP', 'page.html.gz', [0x1f, 0x8b, 0x08, 0x00]],
    ])('names %s', async (kind, name, magic) => {
      const filePath = await file(name, new Uint8Array(magic));
      const error = await failure(filePath);
      expect(error.code).toBe('binary');
      expect(error.message).toBe(`${filePath}: not HTML: binary data (${kind})`);
    });

    it('rejects unknown data containing NUL bytes', async () => {
      const filePath = await file('data.bin', new Uint8Array([0x3c, 0x70, 0x3e, 0x00, 0x01, 0x02]));
      expect((await failure(filePath)).reason).toBe('not HTML: binary data');
    });

    it('accepts UTF-16 text despite its NUL bytes', async () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>hi</p>', 'utf16le')]);
      const filePath = await file('utf16.html', utf16);
      expect(decodePage(await acquire(filePath)).html).toBe('<p>hi</p>');
    });
  });
});

describe('acquire from stdin', () => {
  it('reads "-" from the given stream', async () => {
    const stdin = Readable.from([Buffer.from('<html><body>'), Buffer.from('<p>piped</p></body></html>')]);
    const capture = await acquire('-', { stdin, pageUrl: 'https://news.example/piped' });

    expect(decodePage(capture).html).toBe('<html><body><p>piped</p></body></html>');
    expect(capture).toMatchObject({ requestedUrl: '-', source: 'stdin', url: 'https://news.example/piped' });
  });

  it('has no page URL without --url', async () => {
    const capture = await acquire('-', { stdin: Readable.from([Buffer.from(PAGE)]) });
    expect(capture.url).toBeNull();
  });

  it('reports empty input', async () => {
    const error = await failure('-', { stdin: Readable.from([]) });
    expect(error.code).toBe('empty');
    expect(error.message).toBe('-: empty input');
  });

  it('rejects input over maxBytes', async () => {
    const stdin = Readable.from(Array.from({ length: 10 }, () => Buffer.from('y'.repeat(1000))));
    expect((await failure('-', { stdin, maxBytes: 4096 })).reason).toBe('larger than 4 KiB');
  });

  it('rejects binary input', async () => {
    const stdin = Readable.from([Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1')]);
    expect((await failure('-', { stdin })).reason).toBe('not HTML: binary data (PDF)');
  });
});

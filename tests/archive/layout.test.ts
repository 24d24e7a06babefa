/**
 * Folder names of the archive, whatever a page's title, URL or host holds: every name is one
 * portable path segment (NTFS, FAT, HFS+, ext4), stays inside the root after path.join, is
 * the same on every run, and distinct URLs get distinct page folders. Property tests with
 * random and adversarial input, plus the names made on a real folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_NAME, hostFolderName, normalizePageUrl, pageFolderName, pageKey, snapshotFolderName, slugify } from '../../src/archive/layout.js';
import { insideRoot, isPortableFolderName, portableFolderName } from '../../src/archive/safe-fs.js';

const scratch = mkdtempSync(join(tmpdir(), 'clipfile-names-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const root = join(scratch, 'archive');

/** Enough runs to meet the odd cases, few enough to keep this file under a few seconds. */
const RUNS = 400;
/** host/page/snapshot/capture.warc.gz stays short enough to leave room for a root within Windows' 260. */
const MAX_RELATIVE_PATH = 240;

/** What attackers and odd pages put in titles and URLs. */
const ADVERSARIAL = [
  '..', '.', '../../etc/passwd', '/', '\\', 'a/b\\c', '..\\..\\windows', 'CON', 'con', 'aux.test', 'nul', 'COM1',
  'lpt9.txt', 'name.', 'name ', ' . ', '\u0000', 'x\u0007y\nz', '\u202eevil\u202c', 'مرحبا بالعالم', '🔥🚒',
  'e\u0301', 'x'.repeat(300), '<>:"|?*', '%2e%2e%2f', '~', '$HOME', '-rf',
];
const adversarialText = fc.constantFrom(...ADVERSARIAL);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  adversarialText,
  fc.array(adversarialText, { maxLength: 5 }).map((parts) => parts.join(' ')),
);

const RESERVED_HOSTS = ['con', 'aux', 'nul', 'prn', 'com1', 'com9', 'lpt1', 'lpt9', 'CON', 'Aux', 'con.', 'aux.test', 'nul.example.com', 'com9.', 'lpt1.local'];
const host = fc.oneof(
  fc.domain(),
  fc.domain().map((domain) => `${domain}.`),
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]`),
  fc.constantFrom(...RESERVED_HOSTS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.array(fc.constantFrom('a'.repeat(63), 'xn--80ak6aa92e', 'con', 'b'), { minLength: 1, maxLength: 6 }).map((labels) => labels.join('.')),
);

function encodeSafely(segment: string): string | null {
  try {
    return encodeURIComponent(segment);
  } catch {
    return null; // a lone surrogate
  }
}

/** Absolute http(s) URLs built from hostile parts, as the URL parser accepts them. */
const url = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host,
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    segments: fc.array(text, { maxLength: 4 }),
    raw: fc.boolean(),
    query: fc.option(text, { nil: undefined }),
  })
  .map(({ scheme, host, port, segments, raw, query }) => {
    const path = raw ? segments.join('/') : segments.map(encodeSafely).join('/');
    try {
      return new URL(`${scheme}://${host}${port ? `:${port}` : ''}/${path}${query ? `?${encodeSafely(query) ?? ''}` : ''}`).href;
    } catch {
      return null;
    }
  })
  .filter((href): href is string => href !== null);

const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const pageDate = fc.oneof(instant.map((date) => date.toISOString()), text);

function expectOneSegmentInsideRoot(name: string): void {
  expect(isPortableFolderName(name), JSON.stringify(name)).toBe(true);
  const full = join(root, name);
  expect(dirname(full)).toBe(root);
  expect(basename(full)).toBe(name);
  expect(insideRoot(root, name)).toBe(true);
}

describe('archive folder names, for any title, URL and host', () => {
  it('host folders are one portable segment inside the root, and the same every time', () => {
    fc.assert(
      fc.property(url, (pageUrl) => {
        const name = hostFolderName(pageUrl);
        expectOneSegmentInsideRoot(name);
        expect(name.length).toBeLessThanOrEqual(100);
        expect(hostFolderName(pageUrl)).toBe(name);
        // The port survives any cut, so hosts on two ports never share a folder by accident.
        const port = new URL(pageUrl).port;
        if (port) expect(name.endsWith(`_${port}`)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('page folders are one portable segment, end with the key, and start with a date or "undated"', () => {
    fc.assert(
      fc.property(url, fc.option(text, { nil: null }), pageDate, (pageUrl, title, date) => {
        const name = pageFolderName(pageUrl, title, date);
        expectOneSegmentInsideRoot(name);
        expect(name.endsWith(`--${pageKey(pageUrl)}`)).toBe(true);
        expect(name).toMatch(/^(\d{4}-\d{2}-\d{2}|undated)-[a-z0-9-]+--[0-9a-f]{10}$/);
        expect(pageFolderName(pageUrl, title, date)).toBe(name);
        const snapshot = join(hostFolderName(pageUrl), name, snapshotFolderName(new Date().toISOString()), 'capture.warc.gz');
        expect(Buffer.byteLength(snapshot)).toBeLessThanOrEqual(MAX_RELATIVE_PATH);
        expect(relative(root, join(root, snapshot)).split(sep)).toHaveLength(4);
      }),
      { numRuns: RUNS },
    );
  });

  it('distinct URLs get distinct page folders, even with the same title and date', () => {
    fc.assert(
      fc.property(fc.uniqueArray(url, { selector: normalizePageUrl, minLength: 2, maxLength: 40 }), text, (urls, title) => {
        const names = urls.map((pageUrl) => pageFolderName(pageUrl, title, '2026-11-25T10:00:00.000Z'));
        expect(new Set(names).size).toBe(urls.length);
      }),
      { numRuns: 100 },
    );
  });

  it('snapshot folders are portable, found again by SNAPSHOT_NAME, and sort in time order', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [nameA, nameB] = [snapshotFolderName(a.toISOString()), snapshotFolderName(b.toISOString())];
        for (const name of [nameA, nameB]) {
          expectOneSegmentInsideRoot(name);
          expect(name).toMatch(SNAPSHOT_NAME);
        }
        const [secondA, secondB] = [Math.floor(a.getTime() / 1000), Math.floor(b.getTime() / 1000)];
        expect(Math.sign(nameA.localeCompare(nameB, 'en'))).toBe(Math.sign(secondA - secondB));
      }),
      { numRuns: RUNS },
    );
    expect(() => snapshotFolderName('not a time')).toThrow(RangeError);
    expect(() => snapshotFolderName('+010000-01-01T00:00:00Z')).toThrow(RangeError);
  });

  it('are made as real folders and read back unchanged', () => {
    fc.assert(
      fc.property(url, fc.option(text, { nil: null }), pageDate, (pageUrl, title, date) => {
        const parts = [hostFolderName(pageUrl), pageFolderName(pageUrl, title, date), snapshotFolderName(new Date().toISOString())];
        mkdirSync(join(root, ...parts), { recursive: true });
        expect(readdirSync(join(root, parts[0]!))).toContain(parts[1]);
        expect(readdirSync(root)).toContain(parts[0]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('portable names', () => {
  it.each([
    ['con', 'con_'],
    ['CON', 'con_'],
    ['aux.test', 'aux_.test'],
    ['nul', 'nul_'],
    ['com1', 'com1_'],
    ['lpt9.example.org', 'lpt9_.example.org'],
    ['console', 'console'],
    ['name.', 'name'],
    ['name. . ', 'name'],
    ['..', 'fallback'],
    ['...hidden', 'hidden'],
    ['a<b>c:d"e/f\\g|h?i*j', 'a_b_c_d_e_f_g_h_i_j'],
    ['tab\there', 'tab_here'],
  ])('%j becomes %j', (name, expected) => {
    expect(portableFolderName(name, { fallback: 'fallback' })).toBe(expected);
    expect(isPortableFolderName(expected)).toBe(true);
  });

  it('are at most 255 bytes, and a reserved name stays safe when cut', () => {
    const long = portableFolderName(`con.${'x'.repeat(400)}`, { fallback: 'f' });
    expect(long.length).toBe(255);
    expect(long.startsWith('con_.')).toBe(true);
    expect(isPortableFolderName(long)).toBe(true);
  });

  it.each([
    ['http://con/', 'con_'],
    ['http://CON./a', 'con_'],
    ['https://aux.test/story', 'aux_.test'],
    ['http://nul.example.com:8080/', 'nul_.example.com_8080'],
    ['https://example.com./story', 'example.com'],
    ['http://../', 'unknown-host'],
    ['https://console.example/', 'console.example'],
  ])('host folder of %s is %s', (pageUrl, expected) => {
    expect(hostFolderName(pageUrl)).toBe(expected);
  });

  it('a long host keeps its port', () => {
    const name = hostFolderName(`http://${'a'.repeat(63)}.${'b'.repeat(63)}.example:8443/`);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith('_8443')).toBe(true);
    expect(isPortableFolderName(name)).toBe(true);
  });

  it('a page date that is not a date does not reach the folder name', () => {
    expect(pageFolderName('https://x.example/a', 'Title', '../../../etc')).toMatch(/^undated-title--[0-9a-f]{10}$/);
    expect(pageFolderName('https://x.example/a', 'Title', '2015-05-29T08:15:00.000Z')).toMatch(/^2015-05-29-title--/);
  });
});

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

describe('archive folder names', () => {
  const url = 'https://news.example.com/world/2015/05/29/story/';

  it.each([
    ['dots and slashes', '../../etc/passwd and /root/.ssh'],
    ['NUL and control characters', 'Title\u0000with\u0007controls\nand newline'],
    ['a 500-character title', 'Breaking '.repeat(56)],
    ['emoji', '🔥🔥 Wildfire spreads 🔥 across valley 🚒'],
    ['right-to-left text', 'مرحبا بالعالم اليوم'],
    ['only punctuation', '…—!?'],
    ['Windows-reserved names', 'CON: PRN * AUX? <NUL> | "COM1"'],
  ])('are safe for %s', (_case, title) => {
    const name = pageFolderName(url, title, '2026-11-25T10:00:00Z');
    expect(name).toMatch(SAFE_NAME);
    expect(name).not.toContain('..');
    expect(name.length).toBeLessThanOrEqual(11 + 60 + 2 + 10);
    expect(name.endsWith(`--${pageKey(url)}`)).toBe(true);
    expect(name.startsWith('2026-11-25-')).toBe(true);
  });

  it('take the slug from the title, else the URL path, else "page"', () => {
    expect(pageFolderName(url, 'U.S-trained Tajik commander defects', '2015-05-29')).toBe(
      `2015-05-29-u-s-trained-tajik-commander-defects--${pageKey(url)}`,
    );
    expect(pageFolderName('https://x.example/news/elm-street-bridge.html', 'مرحبا', '2026-01-02')).toMatch(
      /^2026-01-02-elm-street-bridge-html--[0-9a-f]{10}$/,
    );
    expect(pageFolderName('https://x.example/', null, '2026-01-02')).toMatch(/^2026-01-02-page--[0-9a-f]{10}$/);
  });

  it('cut long slugs at a word boundary', () => {
    const slug = slugify('The quick brown fox jumps over the lazy dog while the council votes on the bridge again');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('the-quick-brown-fox-jumps-over-the-lazy-dog-while-the');
  });

  it('give a page the same key whatever its fragment, and different pages different keys', () => {
    expect(pageKey('https://a.example/story#comments')).toBe(pageKey('https://a.example/story'));
    expect(pageKey('https://a.example/story?id=1')).not.toBe(pageKey('https://a.example/story?id=2'));
    expect(pageKey('https://a.example/story')).toMatch(/^[0-9a-f]{10}$/);
  });

  it('name hosts safely, ports and IPv6 included', () => {
    expect(hostFolderName('https://News.Example.COM/a')).toBe('news.example.com');
    expect(hostFolderName('http://127.0.0.1:8080/a')).toBe('127.0.0.1_8080');
    expect(hostFolderName('http://[::1]:3000/a')).toBe('__1_3000');
    expect(hostFolderName('https://xn--80ak6aa92e.com/')).toBe('xn--80ak6aa92e.com');
    expect(hostFolderName('https://пример.рф/статья')).toBe('xn--e1afmkfd.xn--p1ai');
  });

  it('name snapshots by their UTC instant without colons', () => {
    expect(snapshotFolderName('2026-11-25T20:58:54.123Z')).toBe('2026-11-25T20-58-54Z');
    expect(snapshotFolderName('2026-11-25T21:58:54+01:00')).toBe('2026-11-25T20-58-54Z');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchivedArticle, Capture } from '../../src/article.js';
import { decodePage } from '../../src/acquire/decode.js';
import { Archive, SNAPSHOT_FILES } from '../../src/archive/store.js';
import { archiveSource } from '../../src/pipeline.js';
import { validateArchivedArticle } from '../helpers/schema.js';
import { withCpuTime } from '../helpers/cpu-time.js';

function capture(bytes: Uint8Array | number[], contentType?: string): Capture {
  return {
    requestedUrl: 'https://news.example/a',
    url: 'https://news.example/a',
    source: 'http',
    redirects: ['https://news.example/a'],
    status: 200,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    contentType: contentType?.split(';')[0] ?? null,
    bytes: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
    fetchedAt: '2024-01-01T00:00:00.000Z',
  };
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

const utf8 = (text: string) => [...new TextEncoder().encode(text)];

// "Привет, мир" in windows-1251 and in KOI8-R.
const PRIVET_MIR_1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0];
const PRIVET_MIR_KOI8R = [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x2c, 0x20, 0xcd, 0xc9, 0xd2];
// "Café" in windows-1252: é is the single byte E9, which is not valid UTF-8.
const CAFE_1252 = [0x43, 0x61, 0x66, 0xe9];

describe('decodePage', () => {
  describe('byte order mark', () => {
    it('decodes UTF-8 with a BOM and drops the BOM', () => {
      const page = decodePage(capture([0xef, 0xbb, 0xbf, ...utf8('<p>Grüße</p>')]));
      expect(page.html).toBe('<p>Grüße</p>');
      expect(page).toMatchObject({ encoding: 'UTF-8', encodingSource: 'bom' });
    });

    it('decodes UTF-16LE with a BOM', () => {
      const page = decodePage(capture(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>日本語</p>', 'utf16le')])));
      expect(page.html).toBe('<p>日本語</p>');
      expect(page).toMatchObject({ encoding: 'UTF-16LE', encodingSource: 'bom' });
    });

    it('wins over the header and a <meta>', () => {
      const bytes = [0xef, 0xbb, 0xbf, ...utf8('<meta charset="koi8-r"><p>Grüße</p>')];
      const page = decodePage(capture(bytes, 'text/html; charset=windows-1251'));
      expect(page.html).toBe('<meta charset="koi8-r"><p>Grüße</p>');
    });
  });

  describe('Content-Type header', () => {
    it('decodes with the header charset', () => {
      const page = decodePage(capture([...ascii('<p>'), ...PRIVET_MIR_1251, ...ascii('</p>')], 'text/html; charset=windows-1251'));
      expect(page.html).toBe('<p>Привет, мир</p>');
      expect(page).toMatchObject({ encoding: 'windows-1251', encodingSource: 'header' });
    });

    it('understands quoted charsets and label aliases', () => {
      const page = decodePage(capture([...ascii('<p>'), ...PRIVET_MIR_1251, ...ascii('</p>')], 'text/html;charset="CP1251"'));
      expect(page.html).toBe('<p>Привет, мир</p>');
    });

    it('wins over a <meta charset>', () => {
      const bytes = [...ascii('<meta charset="windows-1251"><p>'), ...PRIVET_MIR_KOI8R, ...ascii('</p>')];
      const page = decodePage(capture(bytes, 'text/html; charset=koi8-r'));
      expect(page.html).toBe('<meta charset="windows-1251"><p>Привет, мир</p>');
      expect(page.encodingSource).toBe('header');
    });

    it('falls through to <meta> when the label is unknown', () => {
      const bytes = [...ascii('<meta charset="windows-1251"><p>'), ...PRIVET_MIR_1251, ...ascii('</p>')];
      const page = decodePage(capture(bytes, 'text/html; charset=klingon-8'));
      expect(page.html).toBe('<meta charset="windows-1251"><p>Привет, мир</p>');
      expect(page).toMatchObject({ encoding: 'windows-1251', encodingSource: 'meta' });
    });
  });

  describe('<meta> declaration', () => {
    it('reads <meta charset>', () => {
      const bytes = [...ascii('<html><head><meta charset=shift_jis></head><p>'), 0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, ...ascii('</p>')];
      const page = decodePage(capture(bytes));
      expect(page.html).toContain('<p>日本語</p>');
      expect(page).toMatchObject({ encoding: 'Shift_JIS', encodingSource: 'meta' });
    });

    it('reads <meta http-equiv="Content-Type">', () => {
      const meta = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">';
      const page = decodePage(capture([...ascii(`${meta}<p>`), ...PRIVET_MIR_KOI8R, ...ascii('</p>')]));
      expect(page.html).toBe(`${meta}<p>Привет, мир</p>`);
      expect(page).toMatchObject({ encoding: 'KOI8-R', encodingSource: 'meta' });
    });

    it('ignores a declaration inside a comment', () => {
      const bytes = [...ascii('<!-- <meta charset="koi8-r"> --><p>'), ...CAFE_1252, ...ascii('</p>')];
      expect(decodePage(capture(bytes)).html).toBe('<!-- <meta charset="koi8-r"> --><p>Café</p>');
    });

    it('finds a <meta charset> after more than 1024 bytes of head', () => {
      const script = `<script>${'window.analytics = window.analytics || [];\n'.repeat(40)}</script>`;
      const head = `<html><head>${script}<meta charset="windows-1251"></head><body><p>`;
      const page = decodePage(capture([...ascii(head), ...PRIVET_MIR_1251, ...ascii('</p></body></html>')]));
      expect(page.html).toContain('<p>Привет, мир</p>');
      expect(page).toMatchObject({ encoding: 'windows-1251', encodingSource: 'meta' });
    });

    it('survives a truncated http-equiv charset', () => {
      const meta = '<meta http-equiv="content-type" content="text/html; charset">';
      expect(decodePage(capture(utf8(`${meta}<p>ok ✓</p>`))).html).toBe(`${meta}<p>ok ✓</p>`);
    });

    it('falls through to sniffing when the label is unknown', () => {
      const page = decodePage(capture(utf8('<meta charset="no-such-charset"><p>naïve</p>')));
      expect(page.html).toBe('<meta charset="no-such-charset"><p>naïve</p>');
      expect(page).toMatchObject({ encoding: 'UTF-8', encodingSource: 'sniffed' });
    });
  });

  describe('no declaration', () => {
    it('uses UTF-8 when the bytes are valid UTF-8', () => {
      const page = decodePage(capture(utf8('<p>Zürich — 東京</p>'), 'text/html'));
      expect(page.html).toBe('<p>Zürich — 東京</p>');
      expect(page).toMatchObject({ encoding: 'UTF-8', encodingSource: 'sniffed' });
    });

    it('falls back to windows-1252 when they are not, with its own € and curly quotes', () => {
      const page = decodePage(capture([...ascii('<p>'), 0x93, ...CAFE_1252, 0x94, 0x20, 0x80, ...ascii('5</p>')]));
      expect(page.html).toBe('<p>“Café” €5</p>');
      expect(page).toMatchObject({ encoding: 'windows-1252', encodingSource: 'default', invalidBytes: 0 });
    });

    it('keeps UTF-8 when one byte of a UTF-8 page is bad: that byte becomes U+FFFD and is counted', () => {
      const bytes = [...utf8('<p>Un café, deux cafés, trois '), 0xe9, ...utf8(' — le café du coin.</p>')];
      const page = decodePage(capture(bytes));
      expect(page.html).toBe('<p>Un café, deux cafés, trois \uFFFD — le café du coin.</p>');
      expect(page).toMatchObject({ encoding: 'UTF-8', encodingSource: 'sniffed', invalidBytes: 1 });
    });

    it('keeps UTF-8 for a page cut off in the middle of a character', () => {
      const whole = utf8('<p>Grüße aus 東京');
      const page = decodePage(capture(whole.slice(0, -2)));
      expect(page.html).toBe('<p>Grüße aus 東\uFFFD');
      expect(page).toMatchObject({ encoding: 'UTF-8', invalidBytes: 1 });
    });

    it('counts every byte of broken sequences, overlong forms and surrogates included', () => {
      // C0 AF: an overlong "/"; ED A0 80: a UTF-16 surrogate; F4 90 80 80: past U+10FFFF; E6 9D: a truncated 東.
      const broken = [0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe6, 0x9d];
      const bytes = [...utf8('<p>é è à ù ç ö ü ß å ø æ '), ...broken, ...utf8(' ñ</p>')];
      const page = decodePage(capture(bytes));
      expect(page).toMatchObject({ encoding: 'UTF-8', invalidBytes: broken.length });
      // As a browser decodes them: one U+FFFD per byte of these, but one for the truncated character.
      expect(page.html).toBe(`<p>é è à ù ç ö ü ß å ø æ ${'\uFFFD'.repeat(10)} ñ</p>`);
    });

    it('still reads a windows-1252 page as windows-1252 when a stray sequence happens to be valid UTF-8', () => {
      // "Ã©" (C3 A9) is valid UTF-8 for "é"; every other accented letter is a lone windows-1252 byte.
      const bytes = [...ascii('<p>'), 0xc3, 0xa9, ...ascii(' caf'), 0xe9, ...ascii(' na'), 0xef, ...ascii('ve r'), 0xe9, ...ascii('sum'), 0xe9, ...ascii('</p>')];
      const page = decodePage(capture(bytes));
      expect(page.html).toBe('<p>Ã© café naïve résumé</p>');
      expect(page).toMatchObject({ encoding: 'windows-1252', encodingSource: 'default' });
    });
  });

  describe('a page that declares UTF-8', () => {
    it('replaces its bad bytes and counts them, as a browser does', () => {
      const page = decodePage(capture([...utf8('<p>café '), 0xff, 0xfe, ...utf8(' fin</p>')], 'text/html; charset=utf-8'));
      expect(page.html).toBe('<p>café \uFFFD\uFFFD fin</p>');
      expect(page).toMatchObject({ encoding: 'UTF-8', encodingSource: 'header', invalidBytes: 2 });
    });

    it('counts nothing on a clean page', () => {
      const page = decodePage(capture(utf8('<meta charset="utf-8"><p>café</p>')));
      expect(page).toMatchObject({ encoding: 'UTF-8', encodingSource: 'meta', invalidBytes: 0 });
    });
  });

  it('counts the sequences a legacy multi-byte encoding cannot decode', () => {
    // 0x82 0xA0 is "あ" in Shift_JIS; 0x85 0x40 is an unassigned pair.
    const page = decodePage(capture([...ascii('<p>'), 0x82, 0xa0, 0x85, 0x40, ...ascii('</p>')], 'text/html; charset=shift_jis'));
    expect(page.html).toMatch(/^<p>あ\uFFFD/);
    expect(page.invalidBytes).toBeGreaterThanOrEqual(1);
  });
});

describe('the <meta> search on a hostile head', () => {
  it('takes linear time on a head of unclosed comments, scripts and meta tags', () => {
    // Each of these took the old regular expressions seconds to minutes over the 64 KB searched.
    for (const unit of ['<!--', '<script', '<meta charset', '<meta x ']) {
      const html = `${unit.repeat(Math.ceil(70_000 / unit.length))}<p>text</p>`;
      const { value: decoded, cpuMs } = withCpuTime(() => decodePage(capture(ascii(html))));
      expect(decoded.encoding).toBe('UTF-8');
      expect(cpuMs, unit).toBeLessThan(2_000);
    }
  });

  it('still finds the declaration after closed comments and scripts, and not inside an unclosed one', () => {
    // Past the standard 1024-byte prescan (which does not know scripts), as on many news pages.
    const preload = '<link rel="preload" href="/assets/app.js" as="script">'.repeat(30);
    const filler = `${preload}${'<script>var x = "<meta charset=koi8-r>";</script><!-- <meta charset="koi8-r"> -->'.repeat(40)}`;
    const found = decodePage(capture([...ascii(`<head>${filler}<meta charset="windows-1251"></head><p>`), ...PRIVET_MIR_1251]));
    expect(found).toMatchObject({ encoding: 'windows-1251', encodingSource: 'meta' });
    const unclosed = decodePage(capture(ascii(`<head>${filler}<!-- <meta charset="windows-1251"></head><p>x`)));
    expect(unclosed.encodingSource).not.toBe('meta');
  });
});

describe('a UTF-8 page with a bad byte, archived', () => {
  it('keeps its accents, and its provenance records the bad byte', async () => {
    const story = 'Le café du coin a rouvert ses portes mardi, après deux ans de travaux, et les habitués sont revenus. ';
    const bytes = Buffer.concat([
      Buffer.from(`<html><head><title>Le café rouvre</title></head><body><article><h1>Le café rouvre</h1><p>${story.repeat(4)}</p><p>Le patron `),
      Buffer.from([0xe9]),
      Buffer.from(` a dit : « Enfin ! » ${story.repeat(3)}</p></article></body></html>`),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'clipfile-decode-'));
    const file = join(dir, 'page.html');
    writeFileSync(file, bytes);
    const archive = new Archive(join(dir, 'archive'));
    let written: ArchivedArticle;
    try {
      const outcome = await archiveSource(file, { fetch: { pageUrl: 'https://news.example/cafe' }, warc: false }, archive);
      written = JSON.parse(readFileSync(join(dir, 'archive', outcome.snapshotPath, SNAPSHOT_FILES.json), 'utf8')) as ArchivedArticle;
    } finally {
      archive.close();
    }
    expect(written.text).toContain('Le café du coin');
    expect(written.text).not.toContain('Ã©');
    expect(written.text).toContain('Le patron \uFFFD a dit');
    expect(written.provenance).toMatchObject({ encoding: 'UTF-8', encodingSource: 'sniffed', invalidBytes: 1 });
    expect(validateArchivedArticle(written)).toEqual([]);
  });
});

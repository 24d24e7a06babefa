/** Writing the site's files (src/site/site-files.ts): whole or not at all, shared ones only when changed. */
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSiteFile, writeSiteFileIfChanged } from '../../src/site/site-files.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'clipfile-site-files-'));

describe('writeSiteFile', () => {
  it('writes a file in folders it makes, replacing the old one, with no temporary file left', () => {
    const out = scratch();
    writeSiteFile(out, 'articles/c657.html', '<p>first</p>');
    writeSiteFile(out, 'articles/c657.html', Buffer.from('<p>second</p>'));
    expect(readFileSync(join(out, 'articles/c657.html'), 'utf8')).toBe('<p>second</p>');
    expect(readdirSync(join(out, 'articles'))).toEqual(['c657.html']);
  });
});

describe('writeSiteFileIfChanged', () => {
  it('leaves a file with the same content (and its time) alone, and writes a changed or new one', () => {
    const out = scratch();
    expect(writeSiteFileIfChanged(out, 'assets/site.css', 'body{}')).toBe(true);
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(join(out, 'assets/site.css'), old, old);
    expect(writeSiteFileIfChanged(out, 'assets/site.css', Buffer.from('body{}'))).toBe(false);
    expect(statSync(join(out, 'assets/site.css')).mtimeMs).toBe(old.getTime());
    expect(writeSiteFileIfChanged(out, 'assets/site.css', 'body{margin:0}')).toBe(true);
    expect(readFileSync(join(out, 'assets/site.css'), 'utf8')).toBe('body{margin:0}');
  });
});

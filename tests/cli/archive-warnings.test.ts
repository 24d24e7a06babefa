/**
 * `archive` reports each page's Article warnings as `extract` does: one stderr line per
 * warning naming the source (control characters made visible), and `warnings` in its --json row.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const PAGE_URL = 'https://news.example/2026/12/01/relative-story';
const PROSE = 'The council met on Tuesday evening to discuss the new budget, and members argued for hours. '.repeat(6);

/**
 * A story whose `<base href>` is about:blank: the page's URL is known, but its links and images
 * have nothing to be resolved against, so the Article warns that they stay relative.
 */
function relativePage(title = 'Relative story'): string {
  return `<!doctype html><html><head><title>${title}</title><base href="about:blank"></head><body><article><h1>${title}</h1>
<p>${PROSE}<a href="budget.html">the budget</a> and <img src="bridge.jpg" alt="the bridge"></p><p>${PROSE}</p></article></body></html>`;
}

function file(name: string, html: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'clipfile-archive-warnings-')), name);
  writeFileSync(path, html);
  return path;
}

const WARNING = '2 links and images kept relative: the page declares no URL of its own; give --url to make them absolute';

describe('archive prints the Article warnings', () => {
  it('on stderr, one line per warning naming the source, as extract does; in the --json row too', async () => {
    const page = file('relative.html', relativePage());
    const archive = join(mkdtempSync(join(tmpdir(), 'clipfile-archive-warnings-')), 'archive');

    const extracted = await runCli(['extract', page, '--url', PAGE_URL]);
    expect(extracted.stderr).toBe(`warning ${page}: ${WARNING}\n`);

    const archived = await runCli(['archive', page, '--url', PAGE_URL, '-o', archive]);
    expect(archived.code).toBe(0);
    const lines = archived.stderr.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('warning'))).toEqual([`warning ${page}: ${WARNING}`]);
    // After the line that reports the page.
    expect(lines.findIndex((line) => line.startsWith('archived'))).toBe(lines.indexOf(`warning ${page}: ${WARNING}`) - 1);

    const again = await runCli(['archive', page, '--url', PAGE_URL, '-o', archive, '--json']);
    const row = JSON.parse(again.stdout) as { status: string; warnings: string[]; snapshot: string };
    expect(row).toMatchObject({ status: 'unchanged', warnings: [WARNING] });
    expect(again.stderr).toContain(`warning ${page}: ${WARNING}\n`);
    // The stored Article carries it as well.
    expect(JSON.parse(readFileSync(join(archive, row.snapshot, 'article.json'), 'utf8')).warnings).toEqual([WARNING]);
  });

  it('names a hostile source with its control characters made visible, and --quiet leaves warnings out', async () => {
    const page = file('rel\u001b[2Jative\u202e.html', relativePage());
    const archive = join(mkdtempSync(join(tmpdir(), 'clipfile-archive-warnings-')), 'archive');
    const archived = await runCli(['archive', page, '--url', PAGE_URL, '-o', archive]);
    expect(archived.code).toBe(0);
    const visible = page.replace('\u001b', '\\x1b').replace('\u202e', '\\u{202e}');
    expect(archived.stderr).toContain(`warning ${visible}: ${WARNING}\n`);
    expect(archived.stderr).not.toMatch(/[\u001b\u202e]/);

    const quiet = await runCli(['archive', page, '--url', PAGE_URL, '-o', archive, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('a page without warnings has an empty list in its row and no warning line', async () => {
    const page = file('plain.html', relativePage().replace('<base href="about:blank">', ''));
    const archive = join(mkdtempSync(join(tmpdir(), 'clipfile-archive-warnings-')), 'archive');
    const archived = await runCli(['archive', page, '--url', PAGE_URL, '-o', archive, '--json']);
    expect(JSON.parse(archived.stdout)).toMatchObject({ status: 'archived', warnings: [] });
    expect(archived.stderr).not.toContain('warning');
  });
});

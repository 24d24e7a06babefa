/**
 * `--max-elements`, `--max-depth`, `--max-markup-mb` on `extract` and `archive`: a page refused
 * by default (too-complex) is extracted and archived once the limit it passes is raised, the
 * archive's extraction threads included.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepNestingPage, manyParagraphsPage } from '../../eval/hostile-pages.js';
import { DEFAULT_MAX_DEPTH } from '../../src/extract/limits.js';
import { runCli } from '../helpers/cli.js';

const PAGE_URL = 'https://news.example/2026/12/01/deep-story';

/** A page nesting 604 deep (over the default 512) and one of 50 paragraphs, as files. */
function pages(): { folder: string; deep: string; paragraphs: string } {
  const folder = mkdtempSync(join(tmpdir(), 'clipfile-limits-'));
  const deep = join(folder, 'deep.html');
  const paragraphs = join(folder, 'paragraphs.html');
  writeFileSync(deep, deepNestingPage(600));
  writeFileSync(paragraphs, manyParagraphsPage(50));
  return { folder, deep, paragraphs };
}

interface Row {
  source: string;
  status: string;
  code: string | null;
  error: string | null;
  snapshot: string | null;
}

describe('complexity limit options', () => {
  it('extract: a page nested deeper than the default is refused in one line, and extracted with --max-depth', async () => {
    const { deep } = pages();
    const refused = await runCli(['extract', deep, '--url', PAGE_URL]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`error ${deep}: too complex to extract: the page nests elements 604 deep; the limit is ${DEFAULT_MAX_DEPTH}\n`);

    const raised = await runCli(['extract', deep, '--url', PAGE_URL, '--max-depth', '1000', '--format', 'text']);
    expect(raised.code).toBe(0);
    expect(raised.stderr).toBe('');
    expect(raised.stdout).toContain('Paragraph 19.');
  });

  it('extract: --max-elements and --max-markup-mb lower or raise the other two limits', async () => {
    const { paragraphs } = pages();
    const fewElements = await runCli(['extract', paragraphs, '--url', PAGE_URL, '--json', '--max-elements', '40']);
    expect(fewElements.code).toBe(1);
    expect(JSON.parse(fewElements.stdout)).toMatchObject({ status: 'failed', code: 'too-complex' });
    expect(fewElements.stderr).toMatch(/: too complex to extract: the page has \d+ elements; the limit is 40\n$/);

    const littleMarkup = await runCli(['extract', paragraphs, '--url', PAGE_URL, '--json', '--max-markup-mb', '0.001']);
    expect(littleMarkup.code).toBe(1);
    expect(littleMarkup.stderr).toMatch(/characters of markup besides scripts and styles; the limit is 1,000\n$/);

    const enough = await runCli(['extract', paragraphs, '--url', PAGE_URL, '--json', '--max-elements', '100', '--max-markup-mb', '0.1']);
    expect(enough.code).toBe(0);
    expect(JSON.parse(enough.stdout)).toMatchObject({ status: 'extracted' });
  });

  it('archive: the extraction threads apply the limits given (refused by default, archived with --max-depth)', async () => {
    const { folder, deep } = pages();
    const archive = join(folder, 'archive');
    const refused = await runCli(['archive', deep, '--url', PAGE_URL, '-o', archive, '--json']);
    expect(refused.code).toBe(1);
    const [failed] = refused.stdout.trim().split('\n').map((line) => JSON.parse(line) as Row);
    expect(failed).toMatchObject({ status: 'failed', code: 'too-complex', error: `too complex to extract: the page nests elements 604 deep; the limit is ${DEFAULT_MAX_DEPTH}` });

    const raised = await runCli(['archive', deep, '--url', PAGE_URL, '-o', archive, '--json', '--max-depth', '1000']);
    expect(raised.code).toBe(0);
    const [archived] = raised.stdout.trim().split('\n').map((line) => JSON.parse(line) as Row);
    expect(archived).toMatchObject({ status: 'archived', code: null });
    expect(readFileSync(join(archive, archived!.snapshot!, 'article.md'), 'utf8')).toContain('Paragraph 19.');
  });

  it('are usage errors (exit 2) when not positive, and --help gives their defaults', async () => {
    const { deep } = pages();
    for (const args of [['--max-depth', '0'], ['--max-elements', '1.5'], ['--max-markup-mb', '-1']]) {
      const result = await runCli(['extract', deep, ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/must be a positive/);
    }
    for (const command of ['extract', 'archive']) {
      const help = (await runCli([command, '--help'])).stdout.replace(/\s+/g, ' ');
      expect(help).toMatch(/--max-elements <n> .*\(default: 30000\)/);
      expect(help).toMatch(/--max-depth <n> .*\(default: 512\)/);
      expect(help).toMatch(/--max-markup-mb <millions> .*\(default: 3\)/);
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixturePages, fixturePath } from '../helpers/fixtures.js';

const seedPath = fixturePath('seed-tajik-commander');
const seedUrl = fixturePages['seed-tajik-commander']!.url;
const indexPath = fixturePath('index-page');
const indexUrl = fixturePages['index-page']!.url;

describe.concurrent('clipfile extract --min-confidence', () => {
  it('flags a page below it with one line naming the source, and exits 3', async () => {
    const result = await runCli(['extract', indexPath, '--url', indexUrl, '--min-confidence', '0.5', '-f', 'text']);
    expect(result.code).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(indexPath);
    expect(lines[0]).toMatch(/doubtful extraction: confidence 0\.\d\d is below --min-confidence 0\.5/);
    // The article is still printed: the flag is a warning, not a failure.
    expect(result.stdout).toContain('Palmyra falls to Islamic State fighters');
  });

  it('passes a confident story: exit 0, nothing on stderr', async () => {
    const result = await runCli(['extract', seedPath, '--url', seedUrl, '--min-confidence', '0.5']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('says in --json whether each page is doubtful, and gives the confidence', async () => {
    const result = await runCli([
      // (--url names one source's page: with two, it would be a usage error.)
      'extract', seedPath, indexPath, '--json', '--min-confidence', '0.5',
    ]);
    expect(result.code).toBe(3);
    const [story, index] = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { confidence: number; doubtful: boolean });
    expect(story).toMatchObject({ doubtful: false });
    expect(story!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(index).toMatchObject({ doubtful: true });
    expect(index!.confidence).toBeLessThan(0.5);
  });

  it('leaves the JSON unchanged without the option', async () => {
    const result = await runCli(['extract', indexPath, '--url', indexUrl, '--json']);
    expect(result.code).toBe(0);
    const article = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(article).not.toHaveProperty('doubtful');
    expect(typeof article['confidence']).toBe('number');
  });

  it('lets a failed source decide the exit code (1) over a doubtful one', async () => {
    const result = await runCli(['extract', indexPath, 'no-such-file.html', '--min-confidence', '0.9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('doubtful extraction');
    expect(result.stderr).toContain('no-such-file.html');
  });

  it('refuses a value outside 0..1 as a usage error (exit 2)', async () => {
    for (const value of ['1.5', '-0.1', 'high']) {
      const result = await runCli(['extract', seedPath, '--min-confidence', value]);
      expect(result.code, value).toBe(2);
      expect(result.stderr).toContain('--min-confidence must be a number from 0 to 1');
    }
  });
});

describe('clipfile archive --min-confidence', () => {
  it('archives every page, flags the doubtful ones in a line and in --json, and exits 3', async () => {
    const archive = mkdtempSync(join(tmpdir(), 'clipfile-confidence-'));
    const index = await runCli(['archive', indexPath, '--url', indexUrl, '-o', archive, '--json', '--min-confidence', '0.5']);
    expect(index.code).toBe(3);
    const line = JSON.parse(index.stdout) as { status: string; confidence: number; doubtful: boolean };
    expect(line.status).toBe('archived');
    expect(line.doubtful).toBe(true);
    expect(line.confidence).toBeLessThan(0.5);
    expect(index.stderr).toMatch(/^warning .*index-page\.html: doubtful extraction: confidence 0\.\d\d is below --min-confidence 0\.5/m);
    expect(index.stderr).toMatch(/^1 archived, 0 unchanged, 0 failed in [\d.]+ s; 1 below --min-confidence 0\.5$/m);

    const story = await runCli(['archive', seedPath, '--url', seedUrl, '-o', archive, '--json', '--min-confidence', '0.5']);
    expect(story.code).toBe(0);
    expect(JSON.parse(story.stdout)).toMatchObject({ status: 'archived', doubtful: false });
  });
});

/** `--comments` (issue 17): the page's reader comments under the story in the Markdown, never in it otherwise. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotDirs } from '../helpers/archive-files.js';
import { runCli } from '../helpers/cli.js';
import { fixturePages, fixturePath } from '../helpers/fixtures.js';

const seedPath = fixturePath('seed-tajik-commander');
const seedUrl = fixturePages['seed-tajik-commander']!.url;
const comment = 'How was someone with his record never flagged before?';

describe.concurrent('--comments', () => {
  it('extract: a Comments section after the story; without the flag, none', async () => {
    const [withComments, without] = await Promise.all([
      runCli(['extract', seedPath, '--url', seedUrl, '--comments']),
      runCli(['extract', seedPath, '--url', seedUrl]),
    ]);
    expect(withComments.code, withComments.stderr).toBe(0);
    const section = withComments.stdout.indexOf('## Comments (3)');
    expect(section).toBeGreaterThan(0);
    expect(withComments.stdout.indexOf(comment)).toBeGreaterThan(section);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain('## Comments');
    expect(without.stdout).not.toContain(comment);
  });

  it('extract -f json: comments[] whatever the flag, never inside text', async () => {
    const result = await runCli(['extract', seedPath, '--url', seedUrl, '-f', 'json']);
    const article = JSON.parse(result.stdout) as { text: string; comments: { text: string }[] };
    expect(article.comments.map((c) => c.text)).toContain(comment);
    expect(article.text).not.toContain(comment);
  });

  it('archive: article.md holds them under the story', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clipfile-cli-comments-'));
    const archive = join(dir, 'archive');
    const result = await runCli(['archive', seedPath, '--url', seedUrl, '--comments', '-o', archive]);
    expect(result.code, result.stderr).toBe(0);
    const [snapshot] = snapshotDirs(archive);
    const markdown = readFileSync(join(archive, snapshot!, 'article.md'), 'utf8');
    expect(markdown.indexOf(comment)).toBeGreaterThan(markdown.indexOf('## Comments (3)'));
  });
});

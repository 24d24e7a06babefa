import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { acquire, decodePage } from '../../src/acquire/index.js';
import type { Article } from '../../src/article.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { repoRoot } from './cli.js';

export const fixturesDir = resolve(repoRoot, 'fixtures');

export const fixturePages = JSON.parse(readFileSync(resolve(fixturesDir, 'pages.json'), 'utf8')) as Record<
  string,
  { url: string }
>;

export function fixturePath(name: string): string {
  return resolve(fixturesDir, 'pages', `${name}.html`);
}

/** The fixture through the same stages the CLI runs: acquire → decode → extract. */
export async function extractFixture(name: string): Promise<Article> {
  const { url } = fixturePages[name]!;
  const capture = await acquire(fixturePath(name), { pageUrl: url });
  const page = decodePage(capture);
  return extractArticle({ html: page.html, url: capture.url, source: fixturePath(name) });
}

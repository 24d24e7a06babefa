/**
 * Images and links of the story (src/extract/urls.ts and the base-URL handling of the
 * pipeline): one loadable URL per image whatever the lazy-loading markup, absolute against
 * --url, else the canonical URL, else kept relative with a warning the user sees.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/pipeline.js';
import { corpusRoot } from '../helpers/invariants.js';
import { runCli } from '../helpers/cli.js';

const pageUrl = 'https://paper.example/news/2025/bridge.html';
const prose = (n: number) => Array.from({ length: n }, (_, i) => `Sentence ${i} of the story says what happened on the bridge that morning.`).join(' ');

/** A small article page around `body`, with `head` in its <head>. */
function page(body: string, head = ''): string {
  return `<!doctype html><html><head><title>The bridge</title>${head}</head><body><article><h1>The bridge</h1>
    <p>${prose(6)}</p>${body}<p>${prose(6)}</p></article></body></html>`;
}

function markdownOf(html: string, url: string | null = pageUrl) {
  return extractArticle({ html, url, source: 'page.html' });
}

const imageTargets = (markdown: string) => Array.from(markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g), (m) => m[1]);

describe('an image gets the URL that shows it', () => {
  it('from a lazy-loading attribute over a placeholder src', () => {
    const { markdown } = markdownOf(
      page(`<p><img src="/img/blank.gif" data-src="/img/bridge.jpg" alt="The bridge at dawn"></p>
        <p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" data-lazy-src="https://cdn.example/crowd.jpg" alt="The crowd"></p>
        <p><img data-original="river.jpg" alt="The river"></p>`),
    );
    expect(imageTargets(markdown)).toEqual([
      'https://paper.example/img/bridge.jpg',
      'https://cdn.example/crowd.jpg',
      'https://paper.example/news/2025/river.jpg',
    ]);
  });

  it('from the widest srcset candidate, its own, a lazy one or its <picture>\'s, commas in CDN URLs included', () => {
    const { markdown } = markdownOf(
      page(`<p><img srcset="/a,w_320.jpg 320w, /a,w_960.jpg 960w, /a,w_640.jpg 640w" alt="A"></p>
        <p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" data-srcset="/b-1x.jpg 1x, /b-2x.jpg 2x" alt="B"></p>
        <figure><picture><source srcset="/c-small.webp 400w, /c-large.webp 1200w"><img alt="C"></picture><figcaption>The third picture, from its sources</figcaption></figure>`),
    );
    expect(imageTargets(markdown)).toEqual([
      'https://paper.example/a,w_960.jpg',
      'https://paper.example/b-2x.jpg',
      'https://paper.example/c-large.webp',
    ]);
    expect(markdown).toContain('*The third picture, from its sources*');
  });

  it('never from a lazy-loading attribute that holds no URL (JSON, a template)', () => {
    const { markdown } = markdownOf(page(`<p><img src="/img/real.jpg" data-src='{"default":{"src":"//cdn.example/x.jpg"}}' alt="Real"></p>`));
    expect(imageTargets(markdown)).toEqual(['https://paper.example/img/real.jpg']);
  });
});

describe('links and images of a page read without --url', () => {
  const body = `<p>${prose(3)} See <a href="/about/corrections">our corrections</a>.</p><p><img src="/img/bridge.jpg" alt="The bridge"></p>`;

  it('resolve against the canonical URL the page declares, with no warning', () => {
    const article = markdownOf(page(body, '<link rel="canonical" href="https://paper.example/news/2025/bridge.html">'), null);
    expect(article.markdown).toContain('[our corrections](https://paper.example/about/corrections)');
    expect(imageTargets(article.markdown)).toEqual(['https://paper.example/img/bridge.jpg']);
    expect(article.url).toBeNull();
    expect(article.warnings).toEqual([]);
  });

  it('stay relative when it declares none, and the Article says so', () => {
    const article = markdownOf(page(body), null);
    expect(article.markdown).toContain('[our corrections](/about/corrections)');
    expect(imageTargets(article.markdown)).toEqual(['/img/bridge.jpg']);
    expect(article.warnings).toEqual([expect.stringMatching(/^2 links and images kept relative: .*--url/)]);
  });

  it('with --url, nothing is left relative and there is no warning', () => {
    const article = markdownOf(page(body));
    expect(article.markdown).toContain('[our corrections](https://paper.example/about/corrections)');
    expect(article.warnings).toEqual([]);
  });

  it('the CLI prints the warning on stderr, naming the source, and the relative URLs in the Markdown', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'urls-')), 'saved-page.html');
    writeFileSync(file, page(body));
    const result = await runCli(['extract', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('![The bridge](/img/bridge.jpg)');
    expect(result.stderr).toBe(`warning ${file}: 2 links and images kept relative: the page declares no URL of its own; give --url to make them absolute\n`);
  });
});

describe('the pages of issue 11 (Readability corpus)', () => {
  const readabilityPage = (name: string) => readFileSync(resolve(corpusRoot, 'readability', name, 'source.html'), 'utf8');
  const corpusUrl = 'http://fakehost/test/page.html';

  it('guardian-1 keeps its 13 pictures, each above its caption, not only the captions as bullets', () => {
    const { markdown } = markdownOf(readabilityPage('guardian-1'), corpusUrl);
    const lines = markdown.split('\n');
    const images = lines.filter((line) => /^!\[[^\]]*\]\(https:\/\/i\.guim\.co\.uk\//.test(line));
    expect(images).toHaveLength(13);
    // The page writes each caption as a one-item list after its figure.
    const caption = lines.findIndex((line) => line.startsWith('-   Hori Parata at his Pātaua farm'));
    expect(caption).toBeGreaterThan(0);
    expect(lines.slice(caption - 2, caption).join('\n')).toMatch(/^!\[Hori Parata at his Pātaua farm/);
  });

  it('lazy-image-2 keeps its 56 srcset-only pictures', () => {
    const { markdown } = markdownOf(readabilityPage('lazy-image-2'), corpusUrl);
    const images = imageTargets(markdown);
    expect(images).toHaveLength(56);
    for (const image of images) expect(image).toMatch(/^https:\/\/i\.kinja-img\.com\//);
  });

  it('wikipedia without --url resolves its 8 pictures and its links against its canonical URL', () => {
    const article = markdownOf(readabilityPage('wikipedia'), null);
    const images = imageTargets(article.markdown);
    expect(images).toHaveLength(8);
    for (const image of images) expect(image).toMatch(/^https:\/\/upload\.wikimedia\.org\//);
    expect(article.markdown).toContain('](https://en.wikipedia.org/wiki/');
    expect(article.warnings).toEqual([]);
  });
});

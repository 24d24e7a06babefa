import { describe, expect, it } from 'vitest';
import { manyTweetsPage } from '../../eval/hostile-pages.js';
import { extractArticle } from '../../src/extract/pipeline.js';
import { withCpuTime } from '../helpers/cpu-time.js';

describe('embed placement on a page with thousands of embeds', () => {
  // Before placement was one walk, 1,000 tweets took 19 s and 1,500 about 40 s (each embed
  // compared with every block); now 1,500 take 2–5 s of CPU time.
  const EMBEDS = 1_500;
  const GENEROUS_CPU_MS = 30_000;

  it('keeps every tweet, each right after the paragraph it followed, in page order', () => {
    const { value: article, cpuMs } = withCpuTime(() =>
      extractArticle({ html: manyTweetsPage(EMBEDS), url: 'https://news.example/budget', source: 'many-tweets' }),
    );

    expect(article.embeds).toHaveLength(EMBEDS);
    expect(article.embeds.map((e) => e.text)).toEqual(
      Array.from({ length: EMBEDS }, (_, i) => `Post number ${i} about the budget.`),
    );
    // Paragraph i, then post i, then paragraph i + 1: check a sample along the page.
    let from = 0;
    for (const i of [0, 1, 2, 749, 750, EMBEDS - 1]) {
      const paragraph = article.markdown.indexOf(`Paragraph ${i}. `, from);
      const post = article.markdown.indexOf(`> Post number ${i} about the budget.`, paragraph);
      const next = article.markdown.indexOf(`Paragraph ${i + 1}. `, paragraph);
      expect(paragraph, `paragraph ${i}`).toBeGreaterThanOrEqual(from);
      expect(post, `post ${i}`).toBeGreaterThan(paragraph);
      if (i < EMBEDS - 1) expect(next, `paragraph ${i + 1} after post ${i}`).toBeGreaterThan(post);
      from = post;
    }
    expect(cpuMs).toBeLessThan(GENEROUS_CPU_MS);
  });
});

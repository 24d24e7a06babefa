import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.js';
import { markdownWithFrontMatter } from '../../src/front-matter.js';
import { extractFixture, fixturePages, fixturesDir } from '../helpers/fixtures.js';
import { expectInOrder } from '../helpers/assertions.js';

// `UPDATE_GOLDEN=1 npx vitest run tests/extract/pipeline.test.ts` rewrites the golden files; review the diff.
const updateGolden = process.env['UPDATE_GOLDEN'] === '1';
const expectedDir = resolve(fixturesDir, 'expected');

function golden(file: string, actual: string): string {
  const path = resolve(expectedDir, file);
  if (updateGolden) {
    mkdirSync(expectedDir, { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1 and review it`);
  return readFileSync(path, 'utf8');
}

const articles = new Map<string, Article>();
async function article(name: string): Promise<Article> {
  if (!articles.has(name)) articles.set(name, await extractFixture(name));
  return articles.get(name)!;
}

describe('golden fixtures', () => {
  for (const name of Object.keys(fixturePages)) {
    it(`${name} yields its expected Markdown and JSON`, async () => {
      const result = await article(name);
      const markdown = markdownWithFrontMatter(result);
      const json = `${JSON.stringify(result, null, 2)}\n`;
      expect(markdown).toBe(golden(`${name}.md`, markdown));
      expect(json).toBe(golden(`${name}.json`, json));
    });

    it(`${name} Markdown has no raw HTML, empty links, relative URLs or blank-line runs`, async () => {
      const { markdown } = await article(name);
      expect(markdown).not.toMatch(/<\/?[a-z][a-z0-9-]*(\s[^>]*)?>/i);
      expect(markdown).not.toMatch(/\n{3,}/);
      expect(markdown).not.toMatch(/\[\s*\]\(/);
      for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)/g)) {
        expect(target).toMatch(/^(https?:\/\/|mailto:)/);
      }
    });
  }
});

describe('the seed article', () => {
  it('keeps the story and the tweet, and none of the site chrome', async () => {
    const { markdown, text } = await article('seed-tajik-commander');
    for (const chrome of [
      'The news is by your side',
      'You might also like',
      'Palmyra falls to Islamic State fighters',
      'comments',
      'deeply worrying',
      'Most read',
      'Newsletter',
      'Subscribe',
      'Share on Facebook',
      'Advertisement',
      'All rights reserved',
      'Tags:',
    ]) {
      expect(markdown).not.toContain(chrome);
      expect(text).not.toContain(chrome);
    }
    expect(markdown).toContain('“Listen, you dogs, the president and ministers,” Khalimov says in the video');
    expect(markdown).toContain('“God willing, I will come with this weapon to your cities, your homes, and we will kill you.”');
  });

  it('keeps the tweet with its author, id, link and text where the story announces it', async () => {
    const { embeds, markdown, text } = await article('seed-tajik-commander');
    expect(embeds).toEqual([
      {
        kind: 'tweet',
        id: '604022543839940608',
        url: 'https://twitter.com/Charles_Lister/status/604022543839940608',
        authorName: 'Charles Lister',
        authorHandle: 'Charles_Lister',
        text: "Head of #Tajikistan's special police forces (OMON), Col. Gulmurod Khalimov, appears in new #ISIS video announcing his defection pic.twitter.com/kBq4ZQhA5u",
        date: 'May 28, 2015',
        title: null,
      },
    ]);
    expectInOrder(markdown, [
      'Charles Lister also tweeted the news:-',
      '> Head of #Tajikistan',
      '> — Charles Lister (@Charles_Lister), [May 28, 2015](https://twitter.com/Charles_Lister/status/604022543839940608)',
      'Khalimov’s video released online',
    ]);
    expectInOrder(text, ['tweeted the news:-', 'Head of #Tajikistan', '— Charles Lister (@Charles_Lister)', 'Khalimov’s video']);
  });

  it('has the metadata a citation needs', async () => {
    const result = await article('seed-tajik-commander');
    expect(result.title).toBe('U.S-trained Tajik special forces commander defects to Islamic State');
    expect(result.authors).toEqual(['Adam Farouk']);
    expect(result.siteName).toBe('The Daily Sentinel');
    expect(new Date(result.publishedTime!).toISOString()).toBe('2015-05-29T08:15:00.000Z');
    expect(result.canonicalUrl).toBe('https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/');
    expect(result.image).toBe('https://news.example.com/media/2015/05/khalimov-video.jpg');
    expect(result.lang).toBe('en-US');
    expect(result.readerable).toBe(true);
    expect(result.markdown.startsWith('# U.S-trained Tajik special forces commander defects to Islamic State\n\n')).toBe(true);
  });
});

describe('embeds', () => {
  it('keeps a rendered tweet iframe that has no text: its id and link, at its place', async () => {
    const { embeds, markdown } = await article('rendered-tweet-iframe');
    expect(embeds).toEqual([
      expect.objectContaining({ kind: 'tweet', id: '1725000000000000001', text: null }),
    ]);
    expectInOrder(markdown, [
      'minutes after the vote:',
      '[Tweet 1725000000000000001](https://twitter.com/i/web/status/1725000000000000001)',
      'Engineers told the council',
    ]);
  });

  it('places every kind of embed after the paragraph that announces it', async () => {
    const { embeds, markdown } = await article('embed-kinds');
    expect(embeds.map((e) => e.kind)).toEqual(['youtube', 'vimeo', 'instagram', 'tiktok', 'bluesky', 'mastodon', 'facebook']);
    expect(embeds.map((e) => e.url)).toEqual([
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://vimeo.com/76979871',
      'https://www.instagram.com/p/C9xYz12AbCd/',
      'https://www.tiktok.com/@harbourlife/video/7412345678901234567',
      'https://bsky.app/profile/did:plc:abc123xyz/post/3kxyzabc123',
      'https://mastodon.social/@emergencyservice/113123456789012345',
      'https://www.facebook.com/harbourtown/posts/10161234567890123',
    ]);
    expectInOrder(markdown, [
      'storm surge warning',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'harbour wall from the lighthouse',
      'https://vimeo.com/76979871',
      'stack sandbags all morning',
      'https://www.instagram.com/p/C9xYz12AbCd/',
      'flooded underpass',
      'https://www.tiktok.com/@harbourlife/video/7412345678901234567',
      'radar images came in',
      'Radar shows the eye wall moving ashore',
      'copied onto community noticeboards',
      'https://mastodon.social/@emergencyservice/113123456789012345',
      'signed just after eleven',
      'Evacuation order for zones A and B',
      'By evening the storm had moved inland',
    ]);
  });
});

describe('metadata and encodings', () => {
  it('reads a JSON-LD @graph: authors, dates, section, tags, language, publisher', async () => {
    const result = await article('jsonld-graph');
    expect(result.title).toBe('Researchers map the deep-sea cables that carry the internet');
    expect(result.authors).toEqual(['Tomás Herrera', 'Ingrid Solberg']);
    expect(result.siteName).toBe('Tech Ledger');
    expect(new Date(result.publishedTime!).toISOString()).toBe('2024-03-04T08:00:00.000Z');
    expect(new Date(result.modifiedTime!).toISOString()).toBe('2024-03-05T11:30:00.000Z');
    expect(result.section).toBe('Infrastructure');
    expect(result.tags).toEqual(['undersea cables', 'internet', 'infrastructure']);
    expect(result.lang).toBe('en-GB');
    expect(result.image).toBe('https://techledger.example/img/cables.jpg');
  });

  it('decodes a windows-1251 page declared only in <meta http-equiv>', async () => {
    const result = await article('windows-1251');
    expect(result.title).toBe('В Москве открылся новый музей современного искусства');
    expect(result.authors).toEqual(['Анна Петрова']);
    expect(result.text).toContain('«Мы хотели, чтобы музей был открыт для всех», — сказал директор музея Игорь Соколов.');
    // The title stands once, as the Markdown heading.
    expect(result.markdown.split('В Москве открылся новый музей').length - 1).toBe(1);
  });

  it('resolves relative links, images, canonical and og:image against the page URL', async () => {
    const result = await article('relative-links');
    expect(result.canonicalUrl).toBe('https://campusvoice.example/campus/2024/library-hours');
    expect(result.markdown).toContain('[library board](https://campusvoice.example/campus/2024/governance/board.html)');
    expect(result.markdown).toContain('[student services fee](https://campusvoice.example/campus/2024/news/fees.html#library)');
    expect(result.markdown).toContain('![The main reading room](https://campusvoice.example/campus/2024/news/images/reading-room.jpg)');
    expect(result.markdown).toContain('[full report](https://cdn.example.net/report.pdf)');
    expect(result.markdown).toContain('[the library office](mailto:library@campus.example)');
    expect(result.markdown).not.toContain('javascript:');
    expect(result.text).not.toMatch(/https?:|mailto:/);
  });
});

describe('structure', () => {
  it('renders tables as GFM tables (promoting a missing header row) and figures with captions', async () => {
    const { markdown } = await article('table-and-figures');
    expect(markdown).toContain(
      [
        '| Region | Station | Maximum (°C) | Previous record (°C) |',
        '| --- | --- | --- | --- |',
        '| North Valley | Ashford | 41.2 | 40.3 (1971) |',
        '| Central Plains | Millbrook | 40.6 | 40.1 (1964) |',
        '| East Coast | Port Ellis \\| harbour | 39.8 | 39.5 (1959) |',
      ].join('\n'),
    );
    expect(markdown).toContain('| Day | Outlook |\n| --- | --- |\n| Tuesday | Hot, 38 °C |');
    expectInOrder(markdown, [
      '![A street thermometer showing 41 degrees](https://cdn.weatherdesk.example/2025/07/thermometer.jpg)',
      '*A street thermometer in the city centre on Sunday afternoon. Photo: J. Okafor*',
      '*Provisional maximum temperatures, Sunday*',
      '![Map of the affected regions](https://cdn.weatherdesk.example/2025/07/map.png)',
      '*Regions where records were broken.*',
    ]);
  });

  it('gives plain text with a blank line between blocks and no URLs', async () => {
    const { text } = await article('table-and-figures');
    expect(text).toContain('Temperatures climbed above 40 °C');
    expect(text).toContain('\n\nRegion\tStation\tMaximum (°C)\tPrevious record (°C)\n\nNorth Valley\tAshford');
    expect(text).not.toMatch(/https?:|!\[|\]\(/);
    expect(text).not.toMatch(/\n{3,}/);
  });

  it('survives malformed HTML: unclosed paragraphs, misnested tags, bad entities', async () => {
    const { text, markdown } = await article('malformed');
    expect(text).toContain('More than 80,000 people visited the harbour festival');
    expect(text).toContain('and had run out of mussels by Saturday evening.');
    expect(text).toContain('Organisers said they would consider adding a third day');
    expect(markdown).toContain('| Visitors | 80,000 |');
    expect(text).not.toContain('injected');
  });

  it('flags a page that is not an article', async () => {
    const result = await article('index-page');
    expect(result.readerable).toBe(false);
    const story = await article('seed-tajik-commander');
    expect(story.readerable).toBe(true);
  });
});

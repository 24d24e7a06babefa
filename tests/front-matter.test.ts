import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Article } from '../src/article.js';
import { markdownWithFrontMatter } from '../src/front-matter.js';

/** Text a hostile page may put in a title, an author or a tag. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '---',
    '\n---\nevil: true\n---\n',
    'key: value',
    '"quoted" and \'single\'',
    '# not a comment',
    '- a list item?',
    '&anchor *alias !!python/object',
    '{a: 1}',
    '[1, 2]',
    'yes',
    'null',
    '~',
    '0x1F',
    '2026-12-01',
    '\u001b[2J\u001b]0;title\u0007',
    '\u202eevil',
    ' leading and trailing ',
    '\t\r\n',
    '',
  ),
);

function article(fields: { title: string | null; authors: string[]; tags: string[]; siteName: string | null; markdown: string }): Article {
  return {
    schemaVersion: 1,
    url: 'https://example.org/story',
    canonicalUrl: 'https://example.org/story',
    title: fields.title,
    authors: fields.authors,
    byline: null,
    siteName: fields.siteName,
    lang: 'en',
    publishedTime: null,
    modifiedTime: null,
    excerpt: null,
    image: null,
    tags: fields.tags,
    section: null,
    readerable: true,
    confidence: 1,
    wordCount: 0,
    text: '',
    markdown: fields.markdown,
    html: '',
    embeds: [],
    quotes: [],
    comments: [],
    warnings: [],
  } as Article;
}

/** Splits an article.md as any front-matter reader does: the block between the first two `---` lines. */
function readBack(file: string): { frontMatter: unknown; body: string } {
  expect(file.startsWith('---\n')).toBe(true);
  const end = file.indexOf('\n---\n', 3);
  expect(end).toBeGreaterThan(0);
  return { frontMatter: parse(file.slice(4, end)), body: file.slice(end + '\n---\n'.length) };
}

describe('YAML front matter', () => {
  it('parses back to exactly the fields given, whatever a page put in them, and the body stays below it', () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.array(hostileText, { maxLength: 3 }),
        fc.array(hostileText, { maxLength: 3 }),
        fc.option(hostileText, { nil: null }),
        hostileText,
        (title, authors, tags, siteName, markdown) => {
          const file = markdownWithFrontMatter(article({ title, authors, tags, siteName, markdown }));
          const { frontMatter, body } = readBack(file);
          const expected: Record<string, unknown> = { title };
          if (authors.length) expected['authors'] = authors;
          if (siteName !== null) expected['site'] = siteName;
          expected['url'] = 'https://example.org/story';
          expected['lang'] = 'en';
          if (tags.length) expected['tags'] = tags;
          expect(frontMatter).toEqual(expected);
          expect(body).toBe(`\n${markdown}\n`);
        },
      ),
      { numRuns: 400, seed: 20261201 },
    );
  });
});

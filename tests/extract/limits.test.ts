import { describe, expect, it } from 'vitest';
import { bigPage, deepNestingPage, manyParagraphsPage, nestedTablesPage } from '../../eval/hostile-pages.js';
import { SourceError } from '../../src/errors.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_MARKUP_CHARS, MARKUP_CHARS_AT_MAX_DEPTH } from '../../src/extract/limits.js';
import { extractArticle, type PageInput } from '../../src/extract/pipeline.js';
import { withCpuTime } from '../helpers/cpu-time.js';

function refusal(page: PageInput): SourceError {
  try {
    extractArticle(page);
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('the page was extracted, not refused');
}

// html > body > article > the nested elements > p: 4,000 nested elements make 4,004 levels.
// Refusing happens before the costly stages: well under a second of CPU time.
const QUICK_MS = 5_000;

describe('pages past the complexity limits', () => {
  it('refuses a page nested deeper than the limit, naming the depth and the limit', () => {
    const { value: error, cpuMs } = withCpuTime(() =>
      refusal({ html: deepNestingPage(4_000), url: 'https://news.example/deep', source: 'deep.html' }),
    );
    expect(cpuMs).toBeLessThan(QUICK_MS);
    expect(error.code).toBe('too-complex');
    expect(error.message).toBe(`deep.html: too complex to extract: the page nests elements 4,004 deep; the limit is ${DEFAULT_MAX_DEPTH}`);
  });

  it('refuses a long story inside deep nesting (depth × text, Readability\'s cost) quickly, and extracts a shorter one', () => {
    const { value: error, cpuMs } = withCpuTime(() =>
      refusal({ html: nestedTablesPage(100, 1_500), url: 'https://news.example/tables', source: 'tables.html' }),
    );
    expect(cpuMs).toBeLessThan(QUICK_MS);
    expect(error.code).toBe('too-complex');
    expect(error.reason).toMatch(
      new RegExp(`^too complex to extract: the page nests elements \\d{3} deep around [\\d,]+ characters of markup; depth × characters may be at most ${(DEFAULT_MAX_DEPTH * MARKUP_CHARS_AT_MAX_DEPTH).toLocaleString('en-US')}$`),
    );
    const shorter = extractArticle({ html: nestedTablesPage(20, 60), url: null, source: 'tables.html' });
    expect(shorter.text).toContain('The council voted on Tuesday to repair the bridge before winter.');
  });

  it('refuses a page with more elements than the limit', () => {
    const html = manyParagraphsPage(DEFAULT_MAX_ELEMENTS + 10).replace(/<p>Paragraph \d+\. [^<]*/g, '<p>x');
    const error = refusal({ html, url: null, source: 'many.html' });
    expect(error.code).toBe('too-complex');
    expect(error.reason).toMatch(/^too complex to extract: the page has 30,01\d elements; the limit is 30,000$/);
  });

  it('refuses a 50 MB page quickly, by the length of its markup', () => {
    const { value: error, cpuMs } = withCpuTime(() => refusal({ html: bigPage(50), url: null, source: 'big.html' }));
    expect(cpuMs).toBeLessThan(QUICK_MS);
    expect(error.code).toBe('too-complex');
    expect(error.reason).toMatch(/characters of markup besides scripts and styles; the limit is 3,000,000$/);
    expect(DEFAULT_MAX_MARKUP_CHARS).toBe(3_000_000);
  });

  it('does not count scripts and styles against the markup limit', () => {
    const script = `<script>var data = "${'x'.repeat(DEFAULT_MAX_MARKUP_CHARS)}";</script>`;
    const article = extractArticle({ html: manyParagraphsPage(20).replace('</head>', `${script}</head>`), url: null, source: 'scripted.html' });
    expect(article.text).toContain('Paragraph 19.');
  });

  it('extracts such pages when the page input raises the limits', () => {
    const deep = extractArticle({ html: deepNestingPage(600), url: null, source: 'deep.html', maxDepth: 1_000 });
    expect(deep.text).toContain('Paragraph 19.');
    expect(() => extractArticle({ html: deepNestingPage(600), url: null, source: 'deep.html' })).toThrow(/nests elements 604 deep/);
    const many = manyParagraphsPage(50);
    expect(extractArticle({ html: many, url: null, maxElements: 100 }).text).toContain('Paragraph 49.');
    expect(() => extractArticle({ html: many, url: null, maxElements: 40 })).toThrow(/elements; the limit is 40$/);
    expect(() => extractArticle({ html: many, url: null, maxMarkupChars: 1_000 })).toThrow(/the limit is 1,000$/);
  });
});

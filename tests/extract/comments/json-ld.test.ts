/**
 * Reader comments declared in JSON-LD (src/extract/comments/json-ld.ts): schema.org Comment and
 * Answer nodes anywhere in a block, replies counted by depth, markup stripped, broken blocks skipped.
 */
import { describe, expect, it } from 'vitest';
import { jsonLdComments } from '../../../src/extract/comments/json-ld.js';
import { parseHtml } from '../../../src/extract/parse.js';

const script = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const comments = (head: string) => jsonLdComments(parseHtml(`<!doctype html><html><head>${head}</head><body><p>Story.</p></body></html>`, 'https://blog.example/post'));

describe('jsonLdComments', () => {
  it('reads a JSON-LD script whose type has white space around it or capitals', () => {
    const block = JSON.stringify({ '@type': 'BlogPosting', comment: [{ '@type': 'Comment', text: 'Seen it.' }] });
    expect(comments(`<script type=" Application/LD+JSON ">${block}</script>`).map((c) => c.text)).toEqual(['Seen it.']);
  });

  it('reads the comments of an article, with author, date and replies one level deeper', () => {
    const found = comments(
      script({
        '@context': 'https://schema.org',
        '@type': 'BlogPosting',
        headline: 'The garden in June',
        author: { '@type': 'Person', name: 'Story Author' },
        comment: [
          {
            '@type': 'Comment',
            text: 'Lovely beds this year.',
            author: { '@type': 'Person', name: ' Ann Lee ' },
            dateCreated: '2025-06-10T08:00:00Z',
            comment: [{ '@type': 'Comment', text: 'Thank you, Ann!', author: 'Story Author', datePublished: ' 2025-06-10 ' }],
          },
          { '@type': 'Comment', text: 'Which tomatoes?' },
        ],
      }),
    );
    expect(found).toEqual([
      { author: 'Ann Lee', date: '2025-06-10T08:00:00Z', text: 'Lovely beds this year.', replyDepth: 0 },
      { author: 'Story Author', date: '2025-06-10', text: 'Thank you, Ann!', replyDepth: 1 },
      { author: null, date: null, text: 'Which tomatoes?', replyDepth: 0 },
    ]);
  });

  it('reads Answers of a question page, in @graph, with the type given as an array', () => {
    const found = comments(
      script({
        '@graph': [
          { '@type': 'WebSite', name: 'Q&A' },
          {
            '@type': 'QAPage',
            mainEntity: {
              '@type': 'Question',
              name: 'How deep should beds be?',
              acceptedAnswer: { '@type': ['Answer'], text: 'About 30 cm.', author: [{ name: 'Bo' }, { name: 'Cy' }] },
            },
          },
        ],
      }),
    );
    expect(found).toEqual([{ author: 'Bo', date: null, text: 'About 30 cm.', replyDepth: 0 }]);
  });

  it('strips markup and collapses whitespace in the text, and drops comments with no text', () => {
    const found = comments(
      script([
        { '@type': 'Comment', text: '<p>First  line</p>\n<p>second <b>bold</b></p>' },
        { '@type': 'Comment', text: '   ' },
        { '@type': 'Comment', text: 42 },
        { '@type': 'Comment' },
      ]),
    );
    expect(found).toEqual([{ author: null, date: null, text: 'First line second bold', replyDepth: 0 }]);
  });

  it('does not look for comments inside an author or publisher', () => {
    const found = comments(
      script({
        '@type': 'Article',
        author: { '@type': 'Person', name: 'X', comment: { '@type': 'Comment', text: 'Inside the author.' } },
        publisher: { '@type': 'Organization', comment: { '@type': 'Comment', text: 'Inside the publisher.' } },
      }),
    );
    expect(found).toEqual([]);
  });

  it('skips a block that is not valid JSON and still reads the next one', () => {
    const found = comments(
      '<script type="application/ld+json">{"@type": "Comment", "text": "broken",</script>' + script({ '@type': 'Comment', text: 'Kept.' }),
    );
    expect(found.map((comment) => comment.text)).toEqual(['Kept.']);
  });

  it('ignores script blocks of other types', () => {
    expect(comments(`<script type="application/json">${JSON.stringify({ '@type': 'Comment', text: 'Not JSON-LD.' })}</script>`)).toEqual([]);
  });

  it('stops at its nesting limit instead of walking a deep block to the end', () => {
    let deep: Record<string, unknown> = { '@type': 'Comment', text: 'Too deep.' };
    for (let i = 0; i < 20; i++) deep = { wrapper: deep };
    const shallow = { '@type': 'Comment', text: 'Near the top.' };
    expect(comments(script([shallow, deep])).map((comment) => comment.text)).toEqual(['Near the top.']);
  });

  it('keeps at most 2000 comments', () => {
    const many = Array.from({ length: 2100 }, (_, i) => ({ '@type': 'Comment', text: `Comment ${i}` }));
    const found = comments(script({ '@type': 'DiscussionForumPosting', comment: many }));
    expect(found).toHaveLength(2000);
    expect(found[1999]!.text).toBe('Comment 1999');
  });
});

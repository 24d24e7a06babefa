import { describe, expect, it } from 'vitest';
import type { Embed } from '../../src/article.js';
import { renderMarkdown } from '../../src/extract/markdown.js';
import { EMBED_INDEX_ATTRIBUTE, EMBED_PLACEHOLDER_TAG } from '../../src/extract/markers.js';
import { parseFullHtml } from '../helpers/full-dom.js';

const tweet: Embed = {
  kind: 'tweet',
  id: '20',
  url: 'https://twitter.com/jack/status/20',
  authorName: 'jack',
  authorHandle: 'jack',
  text: 'just setting up my twttr',
  date: 'March 21, 2006',
  title: null,
};

function content(html: string): Element {
  return parseFullHtml(`<div id="story">${html}</div>`, 'https://news.example/a').getElementById('story')!;
}

describe('renderMarkdown', () => {
  it('renders headings, emphasis, links and lists, and reads the content without changing it', () => {
    const story = content('<h2>Head</h2><p>Some <em>words</em> and <a href="https://x.example/">a link</a>.</p><ul><li>one</li><li>two</li></ul>');
    const before = story.outerHTML;
    const markdown = renderMarkdown(story, []);
    expect(markdown).toBe('## Head\n\nSome _words_ and [a link](https://x.example/).\n\n-   one\n-   two');
    expect(story.outerHTML).toBe(before);
  });

  it('puts each embed where its placeholder stands, by the index the placeholder carries', () => {
    const story = content('<p>Before the post.</p><p>After the post.</p>');
    const placeholder = story.ownerDocument.createElement(EMBED_PLACEHOLDER_TAG.toLowerCase());
    placeholder.setAttribute(EMBED_INDEX_ATTRIBUTE, '1');
    placeholder.textContent = 'embed';
    story.firstElementChild!.after(placeholder);
    const markdown = renderMarkdown(story, [{ ...tweet, id: 'other' }, tweet]);
    expect(markdown).toBe(
      'Before the post.\n\n> just setting up my twttr\n>\n> — jack (@jack), [March 21, 2006](https://twitter.com/jack/status/20)\n\nAfter the post.',
    );
  });

  it('turns a data table into a GFM table with a header row', () => {
    const markdown = renderMarkdown(content('<table><tr><th>City</th><th>°C</th></tr><tr><td>Oslo</td><td>31</td></tr></table>'), []);
    expect(markdown).toBe('| City | °C |\n| --- | --- |\n| Oslo | 31 |');
  });
});

/**
 * The names stages write into a page's DOM (src/extract/markers.ts): a placeholder made the way
 * placement makes one is recognised and found by its selector, and none of
 * the names reaches an Article's text, Markdown or HTML.
 */
import { describe, expect, it } from 'vitest';
import {
  EMBED_HTML_CLASS,
  EMBED_INDEX_ATTRIBUTE,
  EMBED_PLACEHOLDER_SELECTOR,
  EMBED_PLACEHOLDER_TAG,
  EMBED_TOKEN_PREFIX,
  MARK_ATTRIBUTE,
  SET_ASIDE_ATTRIBUTES,
  isEmbedPlaceholder,
  placeholderIndex,
} from '../../src/extract/markers.js';
import { parseHtml } from '../../src/extract/parse.js';
import { extractFixture } from '../helpers/fixtures.js';

// linkedom only: jsdom's first load costs seconds, and tests/extract/differential.test.ts runs the pipeline on both.
describe('placeholders', () => {
  it('are recognised by tag, found by the selector and give back their embed index, also once serialized and parsed again', () => {
    const document = parseHtml('<!doctype html><html><body><div id="story"><p>Before.</p><p>After.</p></div></body></html>', 'https://news.example/a');
    const story = document.querySelector('#story')!;
    const placeholder = document.createElement(EMBED_PLACEHOLDER_TAG.toLowerCase());
    placeholder.setAttribute(EMBED_INDEX_ATTRIBUTE, '3');
    story.insertBefore(placeholder, story.lastChild);

    expect(isEmbedPlaceholder(placeholder)).toBe(true);
    expect(isEmbedPlaceholder(story.querySelector('p')!)).toBe(false);
    expect([...story.querySelectorAll(EMBED_PLACEHOLDER_SELECTOR)]).toEqual([placeholder]);
    expect(placeholderIndex(placeholder)).toBe(3);

    const again = parseHtml(`<!doctype html><html><body>${story.outerHTML}</body></html>`, 'https://news.example/a');
    const found = [...again.querySelectorAll(EMBED_PLACEHOLDER_SELECTOR)];
    expect(found).toHaveLength(1);
    expect(isEmbedPlaceholder(found[0]!)).toBe(true);
    expect(placeholderIndex(found[0]!)).toBe(3);
  });
});

describe('what the stages leave behind', () => {
  it('none of the working names reaches the Article of a page of embedded posts; the HTML embed class does', async () => {
    const article = await extractFixture('embed-kinds');
    expect(article.embeds.length).toBeGreaterThan(3);
    for (const output of [article.text, article.markdown, article.html]) {
      for (const name of [EMBED_TOKEN_PREFIX, MARK_ATTRIBUTE, SET_ASIDE_ATTRIBUTES.class, SET_ASIDE_ATTRIBUTES.id, EMBED_PLACEHOLDER_SELECTOR]) {
        // The HTML output's embed class is spelt like the placeholder's tag: look for the tag itself there.
        const needle = name === EMBED_PLACEHOLDER_SELECTOR ? `<${name}` : name;
        expect(output.toLowerCase(), `${needle} left in the output`).not.toContain(needle);
      }
    }
    expect(article.html).toContain(`class="${EMBED_HTML_CLASS}`);
  });
});

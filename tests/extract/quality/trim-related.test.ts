/**
 * "Related" blocks (src/extract/quality/trim-related.ts): a cue that stands alone and the list it
 * announces go, headlines over their summaries included, in <div>s or in a layout table's cells;
 * a story paragraph after the list stays.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { HARBOUR_STORY, HARBOUR_URL } from './harbour-story.js';

const url = HARBOUR_URL;
const story = HARBOUR_STORY;

function extract(after: string): string {
  const html = `<!doctype html><html><head><title>The harbour</title></head><body><main><article>
    <h1>The harbour</h1>${story}${after}</article></main></body></html>`;
  return extractArticle({ html, url, source: 'page.html' }).text;
}

describe('a "related" cue over headlines, each with its summary', () => {
  const summary = 'The council voted to widen the quay before the autumn storms, and the fishermen asked for a new slipway.';
  // Summaries of their own words, as long as the story itself.
  const longSummary = ['ferry', 'lock', 'market', 'lighthouse', 'school', 'bridge', 'museum', 'harbour wall']
    .map((place, i) => `The ${place} board met on day ${i + 3} and heard ${i + 2} proposals about the ${place}, its costs and its opening hours.`)
    .join(' ');
  const items = [
    `<p><b><a href="/r1">Quay widening approved after long debate</a></b><br>${summary}<br>Harbour Gazette, June 2</p>`,
    // A summary longer than a teaser's, its headline on a line of its own.
    `<p><b><a href="/r2">Ferry timetable to change in winter months</a></b><br>${longSummary}<br>Coast News, June 3<br>Also: <i><a href="/r3">Island Post</a></i></p>`,
    `<p><a href="/r4">Lock keeper retires after forty years</a><br>${summary}</p>`,
  ].join('');

  it('removes the cue and every item it announces, and keeps the story', () => {
    const text = extract(`<p><b>Related stories:</b></p>${items}`);
    for (const gone of ['Related stories', 'Quay widening approved', 'Ferry timetable', 'Island Post', 'Lock keeper retires', 'The council voted']) expect(text).not.toContain(gone);
    expect(text).toContain('Story paragraph 4');
  });

  it('does the same where the page sets its story and the list in a table cell, and the page\'s prose does not bring the list back', () => {
    // Paragraphs of prose (table-prose.ts reads runs of 20 words and more), fewer words than the summaries.
    const tableStory = Array.from(
      { length: 4 },
      (_, i) => `<p>Story paragraph ${i} says how the harbour was rebuilt after the great storm, stone by stone and beam by beam, over one long and bitter winter.</p>`,
    ).join('');
    const html = `<!doctype html><html><head><title>The harbour</title></head><body><table><tr>
      <td><a href="/">Home</a><br><a href="/news">News</a></td>
      <td><h1>The harbour</h1>${tableStory}<p><b>Related stories:</b></p>${items}</td></tr></table></body></html>`;
    const text = extractArticle({ html, url, source: 'page.html' }).text;
    expect(text).not.toContain('Quay widening approved');
    expect(text).not.toContain('The council voted');
    expect(text).not.toContain('The ferry board met');
    expect(text).toContain('Story paragraph 3');
  });

  it('stops at a paragraph that opens with a link and runs on as a story paragraph', () => {
    const runOn = `<p><a href="/m">The harbour master</a> said the quay would reopen in spring, once the stones were set again and ${'the divers had checked the old walls below the waterline, '.repeat(20)}every one.</p>`;
    const text = extract(`<p><b>Related stories:</b></p>${items}${runOn}`);
    expect(text).not.toContain('Quay widening approved');
    expect(text).toContain('The harbour master said the quay would reopen in spring');
  });
});

/**
 * Confidence's named doubts (src/extract/quality/confidence.ts): a story whose candidates
 * disagree about its bounds, or that carries many links, stays under HIGH_CONFIDENCE however
 * long and readerable it is; the same story without the doubt keeps its high number.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/parse.js';
import { computeConfidence, HIGH_CONFIDENCE, type ConfidenceInput } from '../../../src/extract/quality/confidence.js';
import type { Element } from '../../../src/extract/dom.js';

const SENTENCE = 'The council rebuilt the harbour wall after the winter storm, stone by stone, and the ferry runs again';

/** A story of eight long paragraphs; `linked` words of each sit inside a link. */
function story(linked = 0): Element {
  const words = SENTENCE.split(' ');
  const paragraph = (i: number) =>
    `<p>${i}: ${linked ? `<a href="/more/${i}">${words.slice(0, linked).join(' ')}</a> ${words.slice(linked).join(' ')}` : SENTENCE}. ${SENTENCE}.</p>`;
  const html = `<!doctype html><html><body><div id="story">${Array.from({ length: 8 }, (_, i) => paragraph(i)).join('')}</div></body></html>`;
  return parseHtml(html, 'https://paper.example/harbour').querySelector('#story')!;
}

function confidence(overrides: Partial<ConfidenceInput>): number {
  return computeConfidence({ readerable: true, content: story(), agreement: 0.97, confirmedByArticleBody: false, replaced: false, ...overrides });
}

describe('confidence under doubt', () => {
  it('is high for a readerable story its candidates agree on', () => {
    expect(confidence({})).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
  });

  it('stays under the high mark when the other candidate disagrees about the bounds', () => {
    expect(confidence({ agreement: 0.85 })).toBeLessThan(HIGH_CONFIDENCE);
    // Above --render auto's 0.5: a doubt about bounds is no missing story.
    expect(confidence({ agreement: 0.85 })).toBeGreaterThan(0.5);
  });

  it('keeps the high mark when the page’s JSON-LD body confirms the story, whatever the agreement', () => {
    expect(confidence({ agreement: 0.85, confirmedByArticleBody: true })).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
  });

  it('keeps the high mark for a story standing alone (no other candidate to disagree)', () => {
    expect(confidence({ agreement: null })).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
  });

  it('stays under the high mark for a story with a tenth of its text in links, not for one with a few', () => {
    expect(confidence({ content: story(4) })).toBeLessThan(HIGH_CONFIDENCE);
    expect(confidence({ content: story(1) })).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
  });
});

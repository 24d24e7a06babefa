/**
 * Confidence (src/extract/quality/confidence.ts): the fitted models' number for a story, as
 * a reader of the number would notice it: high for a story its candidates agree on, lower when
 * they disagree about its bounds or when links fill it, 0 without words; and the rule that
 * joins the two models (never under even odds while the story is more likely found than not).
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/parse.js';
import {
  computeConfidence,
  confidenceSignals,
  HIGH_CONFIDENCE,
  scoreSignals,
  TOO_SHORT_WORDS,
  type ConfidenceInput,
  type ConfidenceSignals,
} from '../../../src/extract/quality/confidence.js';
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

/** A readerable story under its headline, which the densest block holds whole, in a page of twice its text. */
function confidence(overrides: Partial<ConfidenceInput>): number {
  const content = overrides.content ?? story();
  return computeConfidence({
    readerable: true,
    content,
    agreement: 0.97,
    confirmedByArticleBody: false,
    pageChars: 2 * (content.textContent ?? '').length,
    headlineFound: true,
    bounds: { extra: 0.03, missing: 0.03 },
    ...overrides,
  });
}

describe('confidence', () => {
  it('claims a readerable story under its headline that its candidates agree on', () => {
    expect(confidence({})).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
  });

  it('is lower when the densest block disagrees about where the story starts and ends', () => {
    const agreed = confidence({});
    const disputed = confidence({ agreement: 0.6, bounds: { extra: 0.45, missing: 0.3 } });
    expect(disputed).toBeLessThan(agreed);
    expect(disputed).toBeLessThan(HIGH_CONFIDENCE);
  });

  it('is lower for a story a sixth of whose text is links, and under the claim', () => {
    const linked = confidence({ content: story(6) });
    expect(linked).toBeLessThan(confidence({ content: story(1) }));
    expect(linked).toBeLessThan(HIGH_CONFIDENCE);
  });

  it('is higher when the page’s JSON-LD body confirms the story', () => {
    const disputed = { agreement: 0.8, bounds: { extra: 0.2, missing: 0.2 } };
    expect(confidence({ ...disputed, confirmedByArticleBody: true })).toBeGreaterThan(confidence(disputed));
  });

  it('is 0 for a story without words, and has two decimals otherwise', () => {
    const empty = parseHtml('<div id="story"><p> </p></div>', null).querySelector('#story')!;
    expect(confidence({ content: empty })).toBe(0);
    const value = confidence({ agreement: 0.7 });
    expect(Math.round(value * 100) / 100).toBe(value);
  });
});

describe('the signals', () => {
  it('measure the share of the page kept, the links and the disagreement', () => {
    const content = story(6);
    const signals = confidenceSignals({
      readerable: false,
      content,
      agreement: null,
      confirmedByArticleBody: false,
      pageChars: 4 * (content.textContent ?? '').length,
    })!;
    expect(signals.keptShare).toBeGreaterThan(0.2);
    expect(signals.keptShare).toBeLessThan(0.3);
    expect(signals.linkDensity).toBeGreaterThan(0.15);
    expect(signals.alone).toBe(1);
    expect(signals.readerable).toBe(0);
    expect(signals.extraShare).toBe(0);
  });
});

describe('joining the two models', () => {
  const signals = confidenceSignals({ readerable: true, content: story(), agreement: 0.97, confirmedByArticleBody: false }) as ConfidenceSignals;
  const constant = (p: number) => ({ bias: Math.log(p / (1 - p)), weights: {} });

  it('is the near-whole probability when it is the higher number', () => {
    expect(scoreSignals(signals, { found: constant(0.9), whole: constant(0.85) })).toBe(0.85);
  });

  it('never goes under even odds while the story is more likely found than not', () => {
    expect(scoreSignals(signals, { found: constant(0.7), whole: constant(0.3) })).toBe(0.5);
  });

  it('follows the found probability under even odds', () => {
    expect(scoreSignals(signals, { found: constant(0.3), whole: constant(0.1) })).toBe(0.3);
  });
});

describe('a story shorter than the models learnt from', () => {
  const ofWords = (count: number) =>
    parseHtml(`<div id="story"><p>${Array.from({ length: count }, (_, i) => `word${i}`).join(' ')}</p></div>`, null).querySelector('#story')!;
  const sure = { found: { bias: 4, weights: {} }, whole: { bias: 4, weights: {} } };
  const scored = (count: number) =>
    scoreSignals(confidenceSignals({ readerable: true, content: ofWords(count), agreement: null, confirmedByArticleBody: false })!, sure);

  it('shrinks the number with the words missing, so a lone "Loading…" is no story', () => {
    expect(scored(1)).toBeLessThan(0.1);
    expect(scored(8)).toBeLessThan(0.6);
    expect(scored(TOO_SHORT_WORDS)).toBeGreaterThan(0.95);
  });
});

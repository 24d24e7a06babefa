/**
 * Candidates and agreement (src/extract/quality/candidates.ts, agreement.ts) on small made-up
 * contents: which candidate is chosen and why, confirmation by the JSON-LD articleBody, and
 * Readability's pick that is an address block: on a page whose story it missed, a short
 * street-and-phone block gives way to the densest block; a short story that merely mentions a
 * number stays.
 */
import { describe, expect, it } from 'vitest';
import { candidate, choose, isSuspicious, confirmWithArticleBody } from '../../../src/extract/quality/index.js';
import { textOf } from '../../../src/extract/quality/dom.js';
import { parseHtml } from '../../../src/extract/parse.js';
import type { Element } from '../../../src/extract/dom.js';

const document = parseHtml('<!DOCTYPE html><body></body>', null);
function element(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}
const story = element(
  Array.from(
    { length: 6 },
    (_, i) => `<p>Front page ${i} of the morning papers let one photograph of the winner speak, with a single word under it, and little else.</p>`,
  ).join(''),
);
const densest = candidate('densest-block', story, textOf(story));

describe('an address block picked as the story', () => {
  it('is replaced by the densest block', () => {
    const address = element('<p>801 Third Street South<br>St. Petersburg, FL 33701<br>727-821-9494</p>');
    const picked = candidate('readability', address, textOf(address));
    expect(isSuspicious(picked, [densest])).toBe('address block');
    const choice = choose(picked, [densest])!;
    expect(choice.chosen).toBe(densest);
    expect(choice.replaced).toBe('address block');
  });

  it('while a short story with a number in it, and no block four times longer, stays', () => {
    const short = element('<p>The ferry leaves at 9 from pier 4 on Sundays, the harbour office said, and again at noon in summer when the crossings are busy.</p>');
    const picked = candidate('readability', short, textOf(short));
    const sidebar = element('<p>About me: I write about boats, harbours and the sea, and the people who work on them, from a small town on the coast.</p>'.repeat(2));
    const other = candidate('densest-block', sidebar, textOf(sidebar));
    expect(isSuspicious(picked, [other])).toBeNull();
    expect(choose(picked, [other])!.chosen).toBe(picked);
  });
});

const STORY = [
  'The Millbrook footbridge reopened on Saturday morning after fourteen months of repairs, and by noon more than two thousand people had walked across it.',
  'Engineers replaced the rusted steel deck with a timber one and added lighting along both railings, at a cost of 2.4 million pounds.',
  'Council leader Daniel Price said the overspend would be covered from the highways reserve and would not raise council tax.',
];
const storyHtml = STORY.map((p) => `<p>${p}</p>`).join('');
const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/n/${i}">Another headline about the valley number ${i}</a></li>`).join('');

describe('candidates and agreement', () => {
  it("keeps Readability's result when it is sound, with its agreement with the others", () => {
    const readability = candidate('readability', element(storyHtml), STORY.join(' '));
    const densest = candidate('densest-block', element(storyHtml), STORY.join(' '));
    expect(isSuspicious(readability, [densest])).toBeNull();
    const choice = choose(readability, [densest])!;
    expect(choice.chosen).toBe(readability);
    expect(choice.replaced).toBeNull();
    expect(choice.agreement).toBe(1);
  });

  it('replaces an empty result by the candidate the JSON-LD body agrees with', () => {
    const menu = element(`<ul>${links}</ul>`);
    const story = element(storyHtml);
    const storyBlock = candidate('densest-block', story, textOf(story));
    const choice = choose(null, [candidate('densest-block', menu, textOf(menu)), storyBlock, candidate('json-ld', null, STORY.join('\n'))])!;
    expect(choice.chosen).toBe(storyBlock);
    expect(choice.replaced).toBe('empty');
  });

  it('replaces a result that is mostly links', () => {
    const menu = element(`<ul>${links}</ul>`);
    const story = element(storyHtml);
    const readability = candidate('readability', menu, textOf(menu));
    expect(isSuspicious(readability, [])).toBe('mostly links');
    const choice = choose(readability, [candidate('densest-block', story, textOf(story))])!;
    expect(choice.chosen.name).toBe('densest-block');
  });

  it('replaces a very short result by a block four times longer: below 500 characters it is only Readability’s first pass', () => {
    const teaser = element(`<p>${STORY[0]}</p>`);
    const readability = candidate('readability', teaser, textOf(teaser));
    const other = element(Array.from({ length: 8 }, (_, i) => `<p>Reader ${i} wrote: I walked my dog along the canal every morning this week and the weather was glorious throughout.</p>`).join(''));
    const whole = element(storyHtml + storyHtml.replace(/<p>/g, '<p>Also: '));
    expect(isSuspicious(readability, [candidate('densest-block', other, textOf(other))])).toBe('very short');
    // Readability alone would have retried and returned its longest text: an unrelated block may win, as it would have.
    expect(choose(readability, [candidate('densest-block', other, textOf(other))])!.chosen.name).toBe('densest-block');
    expect(choose(readability, [candidate('densest-block', whole, textOf(whole))])!.chosen.name).toBe('densest-block');
  });

  it('falls back to the JSON-LD text itself when no DOM candidate holds it', () => {
    const menu = element(`<ul>${links}</ul>`);
    const choice = choose(null, [candidate('densest-block', menu, textOf(menu)), candidate('json-ld', null, STORY.join('\n'))])!;
    expect(choice.chosen.name).toBe('json-ld');
  });
});

describe('confirmation by the JSON-LD articleBody', () => {
  it('drops paragraphs the body does not have, and keeps headings', () => {
    const content = element(
      `<p>Share this story with your friends and family on your favourite network.</p><h2>Reopening day</h2>${storyHtml}` +
        `<p>Courier readers can now get home delivery of the Saturday paper for half price during June.</p>`,
    );
    expect(confirmWithArticleBody(content, STORY.join('\n'), () => false)).toBe(2);
    expect(Array.from(content.children).map(textOf)).toEqual(['Reopening day', ...STORY]);
  });

  it('does nothing when the body is only an excerpt of the content', () => {
    const content = element(storyHtml);
    expect(confirmWithArticleBody(content, STORY[0]!, () => false)).toBe(0);
    expect(Array.from(content.children).map(textOf)).toEqual(STORY);
  });
});

/**
 * Readability's pick that is an address block (src/extract/quality/candidates.ts): on a page
 * whose story it missed, a short street-and-phone block gives way to the densest block; a short
 * story that merely mentions a number stays.
 */
import { describe, expect, it } from 'vitest';
import { candidate, choose, isSuspicious } from '../../../src/extract/quality/index.js';
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

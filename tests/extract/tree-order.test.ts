import { describe, expect, it } from 'vitest';
import { parseFullHtml } from '../helpers/full-dom.js';
import { comesBefore, walkElements } from '../../src/extract/tree-order.js';

describe('comesBefore', () => {
  const document = parseFullHtml(
    '<div id="a"><p id="b">b</p><div id="c"><p id="d">d</p></div></div><p id="e">e<span id="f">f</span></p>',
    null,
  );
  const at = (id: string) => document.getElementById(id)!;

  it('orders nodes as they are read: siblings, cousins at any depth, ancestors first', () => {
    const order = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const [i, earlier] of order.entries()) {
      for (const later of order.slice(i + 1)) {
        expect(comesBefore(at(earlier), at(later)), `${earlier} before ${later}`).toBe(true);
        expect(comesBefore(at(later), at(earlier)), `${later} not before ${earlier}`).toBe(false);
      }
    }
    expect(comesBefore(at('d'), at('e').firstChild!)).toBe(true);
  });

  it('puts nothing before itself, and no order between trees', () => {
    expect(comesBefore(at('b'), at('b'))).toBe(false);
    const detached = document.createElement('p');
    expect(comesBefore(at('b'), detached)).toBe(false);
    expect(comesBefore(detached, at('b'))).toBe(false);
  });
});

describe('walkElements', () => {
  it('visits elements in document order and leaves each after its subtree', () => {
    const document = parseFullHtml('<div id="a"><p id="b">b</p><div id="c"><p id="d">d</p></div></div><p id="e">e<span id="f">f</span></p>', null);
    const events: string[] = [];
    walkElements(
      document.body,
      (element) => events.push(`+${element.id}`),
      (element) => events.push(`-${element.id}`),
    );
    expect(events.join(' ')).toBe('+a +b -b +c +d -d -c -a +e +f -f -e');
  });

  it('walks a page nested 20,000 deep without overflowing the stack', () => {
    const depth = 20_000;
    // Deeper than extraction accepts (limits.ts), to test the walk itself.
    const unlimited = { maxMarkupChars: Infinity, maxElements: Infinity, maxDepth: Infinity };
    // Text in every div, so that parseHtml does not shorten them as a wrapper chain.
    const document = parseFullHtml(`${'<div>.'.repeat(depth)}<p>deep</p>${'</div>'.repeat(depth)}`, null, unlimited);
    let visited = 0;
    let left = 0;
    walkElements(document.body, () => visited++, () => left++);
    expect(visited).toBe(depth + 1);
    expect(left).toBe(depth + 1);
  });
});

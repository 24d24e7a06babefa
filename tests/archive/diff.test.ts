import { describe, expect, it } from 'vitest';
import { diffSnapshots, markDiffPart, renderDiffParts, renderDiffPlain, type DiffPart } from '../../src/archive/diff.js';

const longParagraph =
  'Engineers who inspected the Elm Street bridge in March found that corrosion had eaten through large parts ' +
  'of the steel deck, and the council voted on Tuesday to close the bridge to traffic for eighteen months while ' +
  'the deck is replaced and the towers are repainted, a project the city expects to cost about 14 million dollars.';

const threeParagraphs = [
  'The Elm Street bridge will close to traffic on Monday for repairs to its corroded steel deck.',
  'Work is expected to take eighteen months, the council said.',
  'Residents may use the ferry instead.',
].join('\n\n');

const withShuttleParagraph = [
  'The Elm Street bridge will close to traffic on Monday for repairs to its corroded steel deck.',
  'Work is expected to take eighteen months, the council said.',
  'A shuttle bus will run every ten minutes.',
  'Residents may use the ferry instead.',
].join('\n\n');

function textOf(parts: DiffPart[], kinds: DiffPart['kind'][]): string {
  return parts
    .filter((part) => kinds.includes(part.kind))
    .map((part) => part.text)
    .join('');
}

describe('diffSnapshots', () => {
  it('finds nothing between identical snapshots', () => {
    const diff = diffSnapshots({ title: 'Bridge to close', text: longParagraph }, { title: 'Bridge to close', text: longParagraph });
    expect(diff).toEqual({
      titleChanged: null,
      changes: [{ kind: 'same', text: longParagraph }],
      stats: { added: 0, removed: 0 },
      identical: true,
    });
    expect(renderDiffParts(diff)).toEqual([]);
    expect(renderDiffPlain(diff)).toBe('No changes to the title or text.');
  });

  it('spells the new text with its same and added parts, and the old words with same and removed', () => {
    const before = `${threeParagraphs}\n\nThe road reopened at noon, the police said, and nobody was hurt.`;
    const after = `${withShuttleParagraph.replace('eighteen', 'twenty')}\n\nThe road reopened at noon, the police said. Nobody was hurt.`;
    const { changes } = diffSnapshots({ title: null, text: before }, { title: null, text: after });
    expect(textOf(changes, ['same', 'added'])).toBe(after);
    expect(textOf(changes, ['same', 'removed']).replace(/\s+/g, ' ')).toBe(before.replace(/\s+/g, ' '));
  });

  it('does not count a paragraph split or merge as a change of words', () => {
    const diff = diffSnapshots(
      { title: 'Bridge to close', text: 'The bridge will close. Work starts on Monday.' },
      { title: 'Bridge to close', text: 'The bridge will close.\n\nWork starts on Monday.' },
    );
    expect(diff.identical).toBe(false);
    expect(diff.changes).toEqual([{ kind: 'same', text: 'The bridge will close.\n\nWork starts on Monday.' }]);
    expect(renderDiffPlain(diff)).toBe('Only spacing or paragraph breaks changed in the text.\n\n0 words added, 0 removed');
  });
});

describe('renderDiffPlain', () => {
  it('shows one changed word in a long paragraph with 12 words of context and elision on both sides', () => {
    const diff = diffSnapshots(
      { title: 'Bridge to close', text: longParagraph },
      { title: 'Bridge to close', text: longParagraph.replace('eighteen', 'twenty') },
    );
    expect(diff.stats).toEqual({ added: 1, removed: 1 });
    expect(renderDiffPlain(diff)).toBe(
      '… the council voted on Tuesday to close the bridge to traffic for [-eighteen-]{+twenty+} months while the deck is replaced and the towers are repainted, a …\n' +
        '\n' +
        '1 word added, 1 removed',
    );
    expect(renderDiffPlain(diff, { context: 3 })).toBe(
      '… to traffic for [-eighteen-]{+twenty+} months while the …\n\n1 word added, 1 removed',
    );
  });

  it('shows an added paragraph as a paragraph of its own', () => {
    const diff = diffSnapshots({ title: 'Bridge to close', text: threeParagraphs }, { title: 'Bridge to close', text: withShuttleParagraph });
    expect(renderDiffPlain(diff, { context: 5 })).toBe(
      '… eighteen months, the council said.\n' +
        '\n' +
        '{+A shuttle bus will run every ten minutes.+}\n' +
        '\n' +
        'Residents may use the ferry instead.\n' +
        '\n' +
        '8 words added, 0 removed',
    );
  });

  it('shows a removed paragraph as a paragraph of its own', () => {
    const diff = diffSnapshots({ title: 'Bridge to close', text: withShuttleParagraph }, { title: 'Bridge to close', text: threeParagraphs });
    expect(renderDiffPlain(diff, { context: 5 })).toBe(
      '… eighteen months, the council said.\n' +
        '\n' +
        '[-A shuttle bus will run every ten minutes.-]\n' +
        '\n' +
        'Residents may use the ferry instead.\n' +
        '\n' +
        '0 words added, 8 removed',
    );
  });

  it('calls out a changed title on the first line', () => {
    const diff = diffSnapshots(
      { title: 'Bridge to close for 18 months', text: longParagraph },
      { title: 'Bridge to close for "at least" 20 months', text: longParagraph.replace('eighteen', 'twenty') },
    );
    expect(diff.titleChanged).toEqual({ before: 'Bridge to close for 18 months', after: 'Bridge to close for "at least" 20 months' });
    expect(renderDiffPlain(diff, { context: 2 })).toBe(
      'Title: "Bridge to close for 18 months" → "Bridge to close for \\"at least\\" 20 months"\n' +
        '\n' +
        '… traffic for [-eighteen-]{+twenty+} months while …\n' +
        '\n' +
        '1 word added, 1 removed',
    );
  });

  it('calls out a title that appeared, with the text unchanged', () => {
    const diff = diffSnapshots({ title: null, text: longParagraph }, { title: 'Bridge to close', text: longParagraph });
    expect(diff.identical).toBe(false);
    expect(renderDiffPlain(diff)).toBe('Title: (no title) → "Bridge to close"\n\n0 words added, 0 removed');
  });

  it('makes a change of punctuation visible ("said," → "said.")', () => {
    const diff = diffSnapshots(
      { title: null, text: 'The road reopened at noon, the police said, and nobody was hurt.' },
      { title: null, text: 'The road reopened at noon, the police said. Nobody was hurt.' },
    );
    expect(renderDiffPlain(diff)).toBe(
      'The road reopened at noon, the police said[-, and nobody-]{+. Nobody+} was hurt.\n\n1 word added, 2 removed',
    );
  });

  it('counts a change of punctuation alone as one word, not as no change', () => {
    const diff = diffSnapshots(
      { title: null, text: 'Nobody was hurt, the police said, and the road reopened.' },
      { title: null, text: 'Nobody was hurt, the police said; and the road reopened.' },
    );
    expect(renderDiffPlain(diff)).toBe('Nobody was hurt, the police said[-,-]{+;+} and the road reopened.\n\n1 word added, 1 removed');
  });

  it('diffs Cyrillic word by word, not letter by letter', () => {
    const before = 'В субботу в центре Москвы открылся новый музей современного искусства.';
    const after = 'В воскресенье в центре Москвы открылся новый музей современного искусства.';
    const diff = diffSnapshots({ title: 'Новый музей', text: before }, { title: 'Новый музей', text: after });
    expect(diff.changes).toEqual([
      { kind: 'same', text: 'В ' },
      { kind: 'removed', text: 'субботу' },
      { kind: 'added', text: 'воскресенье' },
      { kind: 'same', text: ' в центре Москвы открылся новый музей современного искусства.' },
    ]);
    expect(renderDiffPlain(diff)).toBe(
      'В [-субботу-]{+воскресенье+} в центре Москвы открылся новый музей современного искусства.\n\n1 word added, 1 removed',
    );
    expect(renderDiffPlain(diff, { context: 2 })).toBe('В [-субботу-]{+воскресенье+} в центре …\n\n1 word added, 1 removed');
  });
});

describe('renderDiffParts', () => {
  it('keeps context around each change and marks what it cut as "…", with a blank line between hunks', () => {
    const before = `${longParagraph}\n\n${longParagraph}`;
    const after = `${longParagraph.replace('March', 'April')}\n\n${longParagraph.replace('14 million', '16 million')}`;
    const parts = renderDiffParts(diffSnapshots({ title: 'Bridge', text: before }, { title: 'Bridge', text: after }), { context: 3 });
    expect(parts).toEqual([
      { kind: 'same', text: '…' },
      { kind: 'same', text: ' Street bridge in ' },
      { kind: 'removed', text: 'March' },
      { kind: 'added', text: 'April' },
      { kind: 'same', text: ' found that corrosion ' },
      { kind: 'same', text: '…' },
      { kind: 'same', text: '\n\n' },
      { kind: 'same', text: '…' },
      { kind: 'same', text: ' to cost about ' },
      { kind: 'removed', text: '14' },
      { kind: 'added', text: '16' },
      { kind: 'same', text: ' million dollars.' },
    ]);
  });

  it('keeps a short stretch between two changes whole', () => {
    const diff = diffSnapshots(
      { title: null, text: 'The bridge will close on Monday for eighteen months.' },
      { title: null, text: 'The bridge will close on Tuesday for twenty months.' },
    );
    expect(renderDiffParts(diff, { context: 1 })).toEqual([
      { kind: 'same', text: '…' },
      { kind: 'same', text: ' on ' },
      { kind: 'removed', text: 'Monday' },
      { kind: 'added', text: 'Tuesday' },
      { kind: 'same', text: ' for ' },
      { kind: 'removed', text: 'eighteen' },
      { kind: 'added', text: 'twenty' },
      { kind: 'same', text: ' months.' },
    ]);
  });
});

describe('markDiffPart', () => {
  it('writes wdiff markers around the words of each line, leaving line breaks and edge spaces outside', () => {
    expect(markDiffPart({ kind: 'same', text: 'as it is ' })).toBe('as it is ');
    expect(markDiffPart({ kind: 'added', text: ' one.\n\nTwo ' })).toBe(' {+one.+}\n\n{+Two+} ');
    expect(markDiffPart({ kind: 'removed', text: 'gone\n' })).toBe('[-gone-]\n');
  });
});

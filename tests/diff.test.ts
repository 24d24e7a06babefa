import { describe, expect, it } from 'vitest';
import { diffSnapshots, renderDiffPlain } from '../src/archive/diff.js';

const paragraph =
  'The council voted on Tuesday to close the bridge for eighteen months while engineers replace the corroded steel deck and repaint the towers.';

describe('snapshot diffs', () => {
  it('says so when nothing changed', () => {
    const diff = diffSnapshots({ title: 'A', text: paragraph }, { title: 'A', text: paragraph });
    expect(diff.identical).toBe(true);
    expect(renderDiffPlain(diff)).toBe('no changes');
  });

  it('shows one changed word with a little context on each side', () => {
    const after = paragraph.replace('eighteen', 'twenty');
    expect(renderDiffPlain(diffSnapshots({ title: 'A', text: paragraph }, { title: 'A', text: after }), { context: 3 })).toBe(
      '… the bridge for [-eighteen-]{+twenty+} months while engineers …\n1 words added, 1 removed',
    );
  });

  it('calls out a title change, added and removed paragraphs, and punctuation', () => {
    const before = `${paragraph}\n\nResidents objected, the mayor said,`;
    const after = `${paragraph}\n\nResidents objected, the mayor said.\n\nA shuttle will run every ten minutes.`;
    const text = renderDiffPlain(diffSnapshots({ title: 'Bridge to close', text: before }, { title: 'Bridge closes', text: after }), {
      context: 2,
    });
    expect(text.split('\n')[0]).toBe('Title: "Bridge to close" → "Bridge closes"');
    expect(text).toContain('mayor said[-,-]{+.');
    expect(text).toContain('A shuttle will run every ten minutes.+}');
    expect(text.endsWith('7 words added, 0 removed')).toBe(true);
  });

  it('works on any script', () => {
    const diff = diffSnapshots({ title: null, text: 'Музей открылся в субботу.' }, { title: null, text: 'Музей открылся в воскресенье.' });
    expect(renderDiffPlain(diff)).toBe('Музей открылся в [-субботу-]{+воскресенье+}.\n1 words added, 1 removed');
  });
});

/**
 * Admission (src/batch/admission.ts): which source of a long list starts next, within the
 * limits over all groups and per group, with groups taking turns.
 */
import { describe, expect, it } from 'vitest';
import { Admission } from '../../src/batch/admission.js';

/** Everything `next()` admits now, in order. */
function admitAll<T>(admission: Admission<T>): [string, T][] {
  const admitted: [string, T][] = [];
  for (let next = admission.next(); next; next = admission.next()) admitted.push([next.group, next.item]);
  return admitted;
}

describe('Admission', () => {
  it('lets groups take turns, so one host at the top of the list does not fill every place', () => {
    const admission = new Admission<string>({ total: 4, perGroup: 3 });
    for (const n of [1, 2, 3, 4, 5]) admission.add('slow.example', `slow-${n}`);
    admission.add('a.example', 'a-1');
    admission.add('b.example', 'b-1');
    expect(admitAll(admission)).toEqual([
      ['slow.example', 'slow-1'],
      ['a.example', 'a-1'],
      ['b.example', 'b-1'],
      ['slow.example', 'slow-2'],
    ]);
    expect(admission.active).toBe(4);
    expect(admission.pending).toBe(3);
  });

  it('keeps a group to its own limit while places are free, and admits its next when one of its own ends', () => {
    const admission = new Admission<number>({ total: 10, perGroup: 2 });
    for (const n of [1, 2, 3, 4]) admission.add('one.example', n);
    expect(admitAll(admission).map(([, item]) => item)).toEqual([1, 2]);
    admission.done('other.example'); // an end in another group frees nothing here
    expect(admission.next()).toBeUndefined();
    admission.done('one.example');
    expect(admission.next()).toEqual({ group: 'one.example', item: 3 });
    expect(admission.next()).toBeUndefined();
  });

  it('hands back what never started, and refuses limits below one', () => {
    const admission = new Admission<number>({ total: 1, perGroup: 1 });
    admission.add('a', 1);
    admission.add('a', 2);
    admission.add('b', 3);
    expect(admission.next()).toEqual({ group: 'a', item: 1 });
    expect(admission.drain().sort()).toEqual([2, 3]);
    expect(admission.pending).toBe(0);
    expect(admission.next()).toBeUndefined();
    expect(() => new Admission({ total: 0, perGroup: 1 })).toThrow(RangeError);
    expect(() => new Admission({ total: 1, perGroup: 0 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { SpeakerDirectory, type SpeakerOccurrence } from '../../src/archive/speakers.js';
import { english } from '../../src/extract/quotes/patterns-en.js';

const said = (speaker: string, article: string, mention: string | null = speaker): SpeakerOccurrence => ({ speaker, mention, article });

describe('merging speakers across articles', () => {
  it('joins a surname and an honorific form to the one full name that fits, and keeps a namesake apart', () => {
    const occurrences = [
      said('Helena Marsh', 'a'),
      said('Helena Marsh', 'a', 'she'),
      said('Marsh', 'b'),
      said('Marsh', 'b', 'she'),
      said('Marsh', 'c', 'Mrs. Marsh'),
      said('Victor Marsh', 'd'),
      said('Victor Marsh', 'd', 'he'),
    ];
    const directory = new SpeakerDirectory(occurrences, english);
    expect(directory.list()).toEqual([
      { name: 'Helena Marsh', names: ['Helena Marsh', 'Marsh', 'Mrs. Marsh'], quotations: 5, articles: 3 },
      { name: 'Victor Marsh', names: ['Victor Marsh'], quotations: 2, articles: 1 },
    ]);
    expect(directory.matching('helena marsh').size).toBe(1);
    expect(directory.matching('Marsh').size).toBe(2);
  });

  it('leaves a surname apart when two full names fit and the article does not tell which', () => {
    const directory = new SpeakerDirectory([said('Helena Marsh', 'a'), said('Victor Marsh', 'd'), said('Marsh', 'b')], english);
    expect(directory.list().map((s) => s.name)).toEqual(['Helena Marsh', 'Marsh', 'Victor Marsh']);
  });

  it('joins a surname to the only full name in the archive, and the same first and last name with a middle name', () => {
    const directory = new SpeakerDirectory([said('Helena Marsh', 'a'), said('Helena J. Marsh', 'b'), said('Marsh', 'c')], english);
    expect(directory.list()).toEqual([{ name: 'Helena J. Marsh', names: ['Helena J. Marsh', 'Helena Marsh', 'Marsh'], quotations: 3, articles: 3 }]);
  });

  it('counts only the occurrences a filter keeps, merged over all of them', () => {
    const occurrences = [said('Helena Marsh', 'a'), said('Marsh', 'c', 'Mrs. Marsh'), said('Victor Marsh', 'd', 'he')];
    const directory = new SpeakerDirectory(occurrences, english);
    expect(directory.list((o) => o.article !== 'a')).toEqual([
      { name: 'Helena Marsh', names: ['Helena Marsh', 'Marsh', 'Mrs. Marsh'], quotations: 1, articles: 1 },
      { name: 'Victor Marsh', names: ['Victor Marsh'], quotations: 1, articles: 1 },
    ]);
  });
});

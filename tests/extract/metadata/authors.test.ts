import { describe, expect, it } from 'vitest';
import { mergeAuthors } from '../../../src/extract/metadata/authors.js';

const from = (source: string, value: string, single = false) => ({ value, source, organization: false, single });

describe('mergeAuthors', () => {
  it('splits a byline into people, dropping prefixes, roles and credentials', () => {
    expect(mergeAuthors([from('author', 'By Jane Doe, Staff Writer and John Smith, PhD')], null, [])).toEqual(['Jane Doe', 'John Smith']);
  });

  it('keeps "Last, First" whole when the source names one person', () => {
    expect(mergeAuthors([from('citation_author', 'Doe, Jane', true)], null, [])).toEqual(['Doe, Jane']);
  });

  it('takes the first source naming a person, and the site only when nobody else is named', () => {
    expect(mergeAuthors([from('json-ld', 'Harbour Gazette'), from('author', 'Ana Ruiz')], null, ['Harbour Gazette'])).toEqual(['Ana Ruiz']);
    expect(mergeAuthors([from('json-ld', 'Harbour Gazette')], null, ['Harbour Gazette'])).toEqual(['Harbour Gazette']);
  });

  it("falls back to Readability's byline, cutting a date glued to it", () => {
    expect(mergeAuthors([], 'Nathan Willis March 25, 2015', [])).toEqual(['Nathan Willis']);
  });
});

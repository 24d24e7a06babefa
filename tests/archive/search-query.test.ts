import { describe, expect, it } from 'vitest';
import { SearchSyntaxError, ftsQueryOf, parseSearchQuery, snippetColumnOf } from '../../src/archive/search-query.js';

const fts = (input: string) => {
  const query = parseSearchQuery(input);
  return query ? ftsQueryOf(query) : null;
};

function syntaxError(input: string): { position: number; reason: string } {
  try {
    parseSearchQuery(input);
  } catch (error) {
    if (error instanceof SearchSyntaxError) return { position: error.position, reason: error.reason };
    throw error;
  }
  throw new Error(`no syntax error for ${input}`);
}

describe('the search language', () => {
  it('ANDs words, keeps phrases and prefixes, and quotes every word for FTS5', () => {
    expect(fts('sharia law')).toBe('("sharia" AND "law")');
    expect(fts('"American pigs" Khalim*')).toBe('("American pigs" AND "Khalim"*)');
    expect(fts('U.S-trained')).toBe('"U S trained"');
    expect(fts('"unclosed phrase')).toBe('"unclosed phrase"');
  });

  it('takes OR, AND and NOT as operators only in capitals', () => {
    expect(fts('gun OR rifle')).toBe('("gun" OR "rifle")');
    expect(fts('gun or rifle')).toBe('("gun" AND "or" AND "rifle")');
    expect(fts('gun AND rifle NOT pistol')).toBe('("gun" AND ("rifle" NOT "pistol"))');
    expect(fts('(gun OR rifle) NOT pistol')).toBe('(("gun" OR "rifle") NOT "pistol")');
    expect(fts('not')).toBe('"not"');
  });

  it('searches fields, several words of a name each in its column', () => {
    expect(fts('speaker:Khalimov sharia')).toBe('(speakers : "Khalimov" AND "sharia")');
    expect(fts('speaker:"Gulmurod Khalimov"')).toBe('speakers : "Gulmurod Khalimov"');
    expect(fts('speaker:G.K.Butterfield')).toBe('(speakers : "G" AND speakers : "K" AND speakers : "Butterfield")');
    expect(fts('title:bridge')).toBe('title : "bridge"');
    expect(fts('nofield:x')).toBe('"nofield x"');
  });

  it('drops punctuation-only words, and holds nothing for a query of punctuation', () => {
    expect(fts('gun — OR …')).toBe('"gun"');
    expect(fts('… ?')).toBeNull();
    expect(fts('   ')).toBeNull();
  });

  it('names the position of a mistake', () => {
    expect(syntaxError('NOT gun')).toEqual({ position: 1, reason: 'NOT needs words before it ("a NOT b" finds a without b)' });
    expect(syntaxError('gun OR')).toEqual({ position: 5, reason: 'OR needs words after it' });
    expect(syntaxError('OR gun')).toEqual({ position: 1, reason: 'OR needs words before it' });
    expect(syntaxError('gun AND AND rifle').position).toBe(5);
    expect(syntaxError('(gun OR rifle')).toEqual({ position: 1, reason: 'a parenthesis is not closed' });
    expect(syntaxError('gun)')).toEqual({ position: 4, reason: 'a closing parenthesis with no opening one' });
    expect(syntaxError('gun ()').reason).toBe('empty parentheses');
    expect(new SearchSyntaxError(5, 'OR needs words after it').message).toBe('OR needs words after it (at character 5)');
  });

  it('takes the snippet of a speaker search from the text or the quotations, never the list of speakers', () => {
    expect(snippetColumnOf(parseSearchQuery('sharia')!)).toBe(-1);
    expect(snippetColumnOf(parseSearchQuery('speaker:Khalimov')!)).toBe(3);
    expect(snippetColumnOf(parseSearchQuery('speaker:Khalimov sharia')!)).toBe(2);
    expect(snippetColumnOf(parseSearchQuery('speaker:Khalimov quote:dogs')!)).toBe(3);
  });
});

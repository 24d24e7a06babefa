/**
 * Words and names in article text (src/extract/quotes/names.ts): the tokenizer, name cleaning,
 * the people an article names, and NameBook's resolution of surnames, genders and nearest people.
 * Names are invented.
 */
import { describe, expect, it } from 'vitest';
import { english } from '../../../src/extract/quotes/index.js';
import { basename, cleanName, findNameMentions, isCapitalized, NameBook, tokenize } from '../../../src/extract/quotes/names.js';

const words = (text: string) => tokenize(text, 0, english).map((token) => token.text);
const cleaned = (text: string) => {
  const result = cleanName(tokenize(text, 0, english), english);
  return { name: result.tokens.map((token) => token.text).join(' '), gender: result.gender };
};
const names = (text: string) => findNameMentions(text, [], english).map((mention) => mention.name);
const bookOf = (text: string) => new NameBook(findNameMentions(text, [], english), english, text);

describe('tokenize', () => {
  it('keeps abbreviations, initials and dotted acronyms whole, and drops other final dots and dashes', () => {
    expect(words('Col. Ana M. Reyes of the U.S. Army spoke.')).toEqual(['Col.', 'Ana', 'M.', 'Reyes', 'of', 'the', 'U.S.', 'Army', 'spoke']);
    expect(words('well-known — end- of it.')).toEqual(['well-known', 'end', 'of', 'it']);
  });

  it('gives offsets shifted by the base, and lower case without the final dot', () => {
    expect(tokenize('Dr. Oyelaran', 100, english)).toEqual([
      { text: 'Dr.', lower: 'dr', start: 100, end: 103 },
      { text: 'Oyelaran', lower: 'oyelaran', start: 104, end: 112 },
    ]);
  });

  it('keeps apostrophes inside words and possessives, in any script', () => {
    expect(words('O’Brien’s plan; Соколов сказал')).toEqual(['O’Brien’s', 'plan', 'Соколов', 'сказал']);
  });
});

describe('isCapitalized and basename', () => {
  it('counts Mc/Mac/O’ names as capitalised and lower-case words as not', () => {
    expect(['Reyes', 'McAllister', 'O’Neill', 'Élodie'].map(isCapitalized)).toEqual([true, true, true, true]);
    expect(['reyes', 'mcallister', '42'].map(isCapitalized)).toEqual([false, false, false]);
  });

  it('strips a possessive ending only', () => {
    expect(['Reyes’s', "Harris'", "Jones's", 'Boss'].map(basename)).toEqual(['Reyes', 'Harris', 'Jones', 'Boss']);
  });
});

describe('cleanName', () => {
  it('drops titles at the front and learns the gender they give', () => {
    expect(cleaned('Mrs. Ana Reyes')).toEqual({ name: 'Ana Reyes', gender: 'f' });
    expect(cleaned('Mr. Tomas Brandt')).toEqual({ name: 'Tomas Brandt', gender: 'm' });
    expect(cleaned('Col. Tomas Brandt')).toEqual({ name: 'Tomas Brandt', gender: undefined });
  });

  it('takes the name after the last title of a run ("Finance Minister Paul Okoro")', () => {
    expect(cleaned('Finance Minister Paul Okoro').name).toBe('Paul Okoro');
  });

  it('keeps the last two words of a long description before a name, with a suffix or particle', () => {
    expect(cleaned('Valley Rovers Striker Dario Fenn').name).toBe('Dario Fenn');
    expect(cleaned('Valley Rovers Striker Dario Fenn Jr').name).toBe('Dario Fenn Jr');
    expect(cleaned('Valley Rovers Coach Ludo van Acker').name).toBe('Ludo van Acker');
  });

  it('keeps the whole name of an organisation after a determiner', () => {
    expect(cleaned('The Security Council').name).toBe('Security Council');
  });

  it('keeps a title-like surname after an honorific, and gives nothing for a title alone', () => {
    expect(cleaned('Ms. Major')).toEqual({ name: 'Major', gender: 'f' });
    expect(cleaned('Senator').name).toBe('');
    expect(cleaned('The Mayor').name).toBe('');
  });
});

describe('findNameMentions', () => {
  it('leaves out a dateline in capitals opening a line, and keeps a transcript label and a name in capitals elsewhere', () => {
    expect(names('OSTRAVA, May 8 (Reuters) — Lena Voss spoke.\nNEW YORK — Tomas Brandt spoke.')).toEqual(['Reuters', 'Lena Voss', 'Tomas Brandt']);
    expect(names('VOSS: We will rebuild.\nThe UN said so.')).toEqual(['VOSS', 'UN']);
  });

  it('drops a capitalised word opening a sentence that the article also writes in lower case, and keeps a name', () => {
    expect(names('Hours later, Reyes left. It took hours.')).toEqual(['Reyes']);
    // The same shape, but the word is capitalised inside a sentence too, or part of a longer name.
    expect(names('Hours later, Reyes left. It took hours. She met Hours on Friday.')).toEqual(['Hours', 'Reyes', 'Hours']);
    expect(names('Brandt left early. Tomas Brandt said brandt was a nickname.')).toEqual(['Brandt', 'Tomas Brandt']);
    // Never written in lower case: it stays.
    expect(names('Hours later, Reyes left.')).toEqual(['Hours', 'Reyes']);
  });

  it('finds capitalised runs outside quotations, cleaned, with their offsets', () => {
    const text = 'Mayor Ana Reyes met Tomas Brandt.';
    expect(findNameMentions(text, [], english)).toEqual([
      { name: 'Ana Reyes', tokens: ['ana', 'reyes'], start: 6, end: 15, gender: undefined, person: true },
      { name: 'Tomas Brandt', tokens: ['tomas', 'brandt'], start: 20, end: 32, gender: undefined, person: true },
    ]);
  });

  it('skips names inside quoted pieces', () => {
    const text = 'Ana Reyes said “Tomas Brandt is late” today.';
    const open = text.indexOf('“') + 1;
    const close = text.indexOf('”');
    expect(findNameMentions(text, [{ start: open, end: close }], english).map((mention) => mention.name)).toEqual(['Ana Reyes']);
  });

  it('tells organisations and all-capital runs from people, and a titled surname as a person', () => {
    const byName = (text: string) => Object.fromEntries(findNameMentions(text, [], english).map((mention) => [mention.name, mention.person]));
    expect(byName('Ana Reyes spoke to the Harbour Council about NATO AID.')).toEqual({ 'Ana Reyes': true, 'Harbour Council': false, 'NATO AID': false });
    expect(byName('Then Mr. Brandt left.')).toEqual({ Brandt: true });
  });

  it('keeps name particles inside a run, splits runs at punctuation and at possessives', () => {
    expect(names('Ludo van Acker met Ana Reyes, Tomas Brandt’s aide.')).toEqual(['Ludo van Acker', 'Ana Reyes', 'Tomas Brandt']);
  });

  it('leaves sentence openers alone', () => {
    expect(names('However, nobody came. Yesterday the storm passed.')).toEqual([]);
  });
});

describe('NameBook', () => {
  const text = 'Ana Reyes, the harbour master, spoke first. Tomas Brandt answered. Later Reyes spoke again and she was firm. Brandt said he agreed; he left. He returned.';

  it('resolves a surname to the full name given earlier, and leaves longer names as written', () => {
    const book = bookOf(text);
    expect(book.resolveName('Reyes', text.indexOf('Later'))).toBe('Ana Reyes');
    expect(book.resolveName('Brandt', text.length)).toBe('Tomas Brandt');
    expect(book.resolveName('Okoro', text.length)).toBe('Okoro');
    expect(book.resolveName('Ana Maria Reyes', 0)).toBe('Ana Maria Reyes');
  });

  it('resolves a surname to the full name that appears most often before it', () => {
    const twoNames = 'Ana Reyes came. Luis Reyes came. Luis Reyes spoke. Then Reyes left.';
    expect(bookOf(twoNames).resolveName('Reyes', twoNames.indexOf('Then'))).toBe('Luis Reyes');
  });

  it('learns a gender from a title, or from a clear majority of he or she after the name', () => {
    const book = bookOf(text);
    expect(book.genderOf('Tomas Brandt')).toBe('m');
    expect(book.genderOf('Ana Reyes')).toBe('f');
    expect(bookOf('Mrs. Okoro arrived.').genderOf('Dana Okoro')).toBe('f');
    expect(bookOf('Dana Okoro arrived and he sat. Okoro stood and she spoke.').genderOf('Dana Okoro')).toBeUndefined();
  });

  it('finds the nearest person named before an offset whose gender does not clash', () => {
    const book = bookOf(text);
    const end = text.length;
    expect(book.nearestPerson(end, undefined)).toBe('Tomas Brandt');
    expect(book.nearestPerson(end, 'f')).toBe('Ana Reyes');
    expect(book.nearestPerson(end, 'm', (name) => name === 'Tomas Brandt')).toBeNull();
    expect(book.nearestPerson(0, undefined)).toBeNull();
  });

  it('never takes an organisation for the nearest person', () => {
    const body = 'Ana Reyes wrote to the Harbour Council.';
    expect(bookOf(body).nearestPerson(body.length, undefined)).toBe('Ana Reyes');
  });

  it('knows the language’s pronouns in any case', () => {
    const book = bookOf(text);
    expect(['he', 'She', 'THEY'].map((word) => book.isPronoun(word))).toEqual([true, true, true]);
    expect(book.isPronoun('Reyes')).toBe(false);
  });
});

/**
 * citationName and isOrganisationName (src/cite/names.ts): how a byline's author becomes a
 * CSL name: a person split into family and given names with particles and suffixes kept apart,
 * an organisation as one literal, never inverted.
 */
import { describe, expect, it } from 'vitest';
import { citationName, isOrganisationName } from '../../src/cite/names.js';

describe('citationName: people', () => {
  it('splits "Given Family" and "Given Middle Family"', () => {
    expect(citationName('Jane Doe')).toEqual({ family: 'Doe', given: 'Jane' });
    expect(citationName('Mary Ann Evans')).toEqual({ family: 'Evans', given: 'Mary Ann' });
  });

  it('collapses runs of white space and trims', () => {
    expect(citationName('  Jane \n\t Doe  ')).toEqual({ family: 'Doe', given: 'Jane' });
  });

  it('reads "Family, Suffix" as a family name and its suffix, not as a given name', () => {
    expect(citationName('Smith, Jr.')).toEqual({ family: 'Smith', suffix: 'Jr.' });
  });

  it('reads "Family, Given" as the page writes it', () => {
    expect(citationName('Doe, Jane')).toEqual({ family: 'Doe', given: 'Jane' });
    expect(citationName('Evans, Mary Ann')).toEqual({ family: 'Evans', given: 'Mary Ann' });
  });

  it('keeps lower-case particles apart as the non-dropping particle', () => {
    expect(citationName('Ludwig van Beethoven')).toEqual({ family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' });
    expect(citationName('Jan van der Berg')).toEqual({ family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' });
  });

  it('a capitalised particle stays part of the family name', () => {
    expect(citationName('Maria De Souza')).toEqual({ family: 'De Souza', given: 'Maria' });
    expect(citationName('Anna Van Dyke')).toEqual({ family: 'Van Dyke', given: 'Anna' });
  });

  it('keeps a suffix apart, with or without a comma before it', () => {
    expect(citationName('Martin Luther King Jr.')).toEqual({ family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
    expect(citationName('John Smith, III')).toEqual({ family: 'Smith', given: 'John', suffix: 'III' });
  });
});

describe('citationName and isOrganisationName: organisations', () => {
  it('a one-word byline is a literal name (cannot be split)', () => {
    expect(citationName('Reuters')).toEqual({ literal: 'Reuters' });
    expect(isOrganisationName('AFP')).toBe(true);
  });

  it('a byline with a newsroom word, &, @ or a digit is a literal name, never inverted', () => {
    expect(citationName('Reuters Staff')).toEqual({ literal: 'Reuters Staff' });
    expect(citationName('The Associated Press')).toEqual({ literal: 'The Associated Press' });
    expect(citationName('Politics Desk.')).toEqual({ literal: 'Politics Desk.' });
    expect(citationName('Smith & Jones')).toEqual({ literal: 'Smith & Jones' });
    expect(citationName('Team 42 Writers')).toEqual({ literal: 'Team 42 Writers' });
    expect(citationName('@someone online')).toEqual({ literal: '@someone online' });
  });

  it('a name the page types as an organisation is a literal even when it looks like a person', () => {
    const known = new Set(['Acme Holt']);
    expect(isOrganisationName('Acme Holt')).toBe(false);
    expect(isOrganisationName('Acme Holt', known)).toBe(true);
    expect(citationName('Acme Holt', known)).toEqual({ literal: 'Acme Holt' });
  });

  it('an ordinary two-word person is not an organisation', () => {
    expect(isOrganisationName('Jane Doe')).toBe(false);
    expect(isOrganisationName('Ludwig van Beethoven')).toBe(false);
  });
});

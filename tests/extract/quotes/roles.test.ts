import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../src/extract/quotes/index.js';

const roles = (body: string) => findQuotes(body).map((q) => [q.speaker, q.speakerRole]);

describe('speakerRole: the description the article gives the speaker', () => {
  it('takes the appositive after a mention of the name, for a quotation attributed to "he"', () => {
    const body = 'Col. Gulmurod Khalimov, head of Tajikistan\'s special police forces, appeared in a video.\n\n“We will come to your cities,” he said.';
    expect(roles(body)).toEqual([['Gulmurod Khalimov', "head of Tajikistan's special police forces"]]);
  });

  it('takes the words before the name, without the honorific', () => {
    expect(roles('“We are not afraid,” former first lady Helena Marsh said on Monday.')).toEqual([['Helena Marsh', 'former first lady']]);
  });

  it('takes a description set before the name with a comma ("The opposition leader, Omar Haddad, …")', () => {
    expect(roles('The opposition leader, Omar Haddad, called the plan “a quiet dismantling of the city” on Monday.')).toEqual([['Omar Haddad', 'opposition leader']]);
  });

  it('takes the description the quotation is attributed to, once resolved to a name', () => {
    const body = 'Jane Roe, a spokeswoman for the campaign, declined to comment on Monday.\n\n“We never do,” the spokeswoman said.';
    expect(roles(body)).toEqual([['Jane Roe', 'spokeswoman']]);
  });

  it('leaves a list of names and a relative clause alone: no role', () => {
    expect(roles('Marsh, Lindqvist and Roe met on Monday. “It is over,” Marsh said.')).toEqual([['Marsh', null]]);
    expect(roles('Oskar Lindqvist, who chairs the board, arrived late. “It is over,” Lindqvist said.')).toEqual([['Oskar Lindqvist', null]]);
  });
});

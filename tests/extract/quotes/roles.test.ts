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

  it('resolves a description to the one person the article gives that role, by title, appositive or possessive description', () => {
    const speakerOf = (body: string) => findQuotes(body).map((q) => [q.speaker, q.speakerMention]);
    expect(speakerOf('Senator Ana Reyes arrived on Monday. Tomas Brandt met her.\n\n“We will win,” the senator said.')).toEqual([['Ana Reyes', 'the senator']]);
    expect(speakerOf('The firm hired Luis Okoro, its spokesman, in May. Tomas Brandt, the chief executive, arrived.\n\n“We will win,” the firm’s spokesman said.')).toEqual([['Luis Okoro', 'the firm’s spokesman']]);
  });

  it('leaves the description alone when the article gives the role to two people, or to nobody', () => {
    const speakerOf = (body: string) => findQuotes(body).map((q) => [q.speaker, q.speakerMention]);
    expect(speakerOf('Ana Reyes, a senator from Ohio, and Dana Okoro, a senator from Utah, met Tomas Brandt.\n\n“We will win,” the senator said.')).toEqual([[null, 'the senator']]);
    expect(speakerOf('Tomas Brandt met the board on Monday.\n\n“We will win,” the spokeswoman said.')).toEqual([[null, 'the spokeswoman']]);
  });
});

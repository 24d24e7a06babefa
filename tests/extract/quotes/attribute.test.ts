/**
 * Issue 18's attribution rules, one sentence shape each rule handles and one it must leave alone.
 * Names are invented; no rule knows them.
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENCE } from '../../../src/extract/quotes/confidence.js';
import { findQuotes } from '../../../src/extract/quotes/index.js';

function text(...paragraphs: string[]): string {
  return paragraphs.join('\n\n');
}

function speakers(body: string): (string | null)[] {
  return findQuotes(body).map((q) => q.speaker);
}

/**
 * The speakers a reporting clause or an earlier quotation gives: the cascade alone (no fitted
 * choice among candidates), and a last-resort guess from who the passage is about counts as none,
 * so that a shape a rule must leave alone shows whether the rule fired.
 */
function clauseSpeakers(body: string): (string | null)[] {
  return findQuotes(body, { speakerModel: null }).map((q) => (q.speakerGuessed ? null : q.speaker));
}

describe('adverbs between the speaker and the verb', () => {
  it('reads "X however said" as X saying it', () => {
    const body = text('Marta Kowalczyk spoke at the forum on Tuesday.', 'Kowalczyk however said she would welcome a “principled security network” for the region.');
    expect(speakers(body)).toEqual(['Marta Kowalczyk']);
  });

  it('leaves "however" alone when no reporting verb follows it', () => {
    const body = text('Marta Kowalczyk spoke at the forum on Tuesday.', 'The plan, however, was called “a principled security network” by nobody in particular.');
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('reporting verbs that are usually nouns ("notes", "points")', () => {
  it('reads “…,” he notes as the person named before', () => {
    const body = text('“The party needs new voters,” Oskar Lindqvist says.', '“There were those of us who felt otherwise,” he notes.');
    expect(speakers(body)).toEqual(['Oskar Lindqvist', 'Oskar Lindqvist']);
  });

  it('leaves the noun alone: “…,” his notes say is not a pronoun speaker', () => {
    const body = text('Oskar Lindqvist arrived late.', '“Bring the maps,” the notes read on the kitchen table.');
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('a paragraph opening with he or she that introduces the quotation with a colon', () => {
  it('gives the quotation to the person the pronoun refers to', () => {
    const body = text(
      '“I have decided to endorse the governor,” Ruth Abernathy wrote.',
      'She then listed the qualities she looks for in a nominee:',
      '“Has the candidate a record of leadership?',
    );
    expect(speakers(body)).toEqual(['Ruth Abernathy', 'Ruth Abernathy']);
  });

  it('leaves a plural pronoun alone: "They then listed …:" names nobody', () => {
    const body = text('The committee met on Monday.', 'They then listed the qualities they look for in a nominee:', '“Has the candidate a record of leadership?');
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('a reporting verb after a clause and a comma (“…,” in contrast to X, says Y)', () => {
  it('gives the quotation to the name after the verb', () => {
    const body = '"These groups have been setting the table for voters," in sharp contrast to previous elections, says Dana Kettering, a political scientist.';
    expect(speakers(body)).toEqual(['Dana Kettering']);
  });

  it('leaves a participle alone (“…,” in contrast to previous years, adding X to the list)', () => {
    const body = '"These groups have been setting the table for voters," in sharp contrast to previous years, adding Dana Kettering to the list.';
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('a quotation that opens a paragraph after another speaker', () => {
  it('gives “…” after "Y agreed." in the same paragraph to Y, not to the previous paragraph’s speaker', () => {
    const body = text(
      '“It has become a two-person race,” said Corwin Hale, a party official.',
      'University professor Nadia Brunnhilde agreed. “Mainstream voters are running out of time.”',
    );
    expect(speakers(body)).toEqual(['Corwin Hale', 'Nadia Brunnhilde']);
  });

  it('still gives a paragraph that is only a quotation to the speaker before it', () => {
    const body = text('“It has become a two-person race,” said Corwin Hale, a party official.', '“Mainstream voters are running out of time.”');
    expect(speakers(body)).toEqual(['Corwin Hale', 'Corwin Hale']);
  });
});

describe('a partial quotation in a sentence whose subject is he or she', () => {
  it('gives “…” in "She also referenced the “…”" to the woman named before', () => {
    const body = text('“Hate destroys those who harbor it,” Felicity Aldana said on stage.', 'And she also referenced the “loophole in the checks,” a flaw that let the buyer through.');
    expect(speakers(body)).toEqual(['Felicity Aldana', 'Felicity Aldana']);
  });

  it('leaves a partial quotation alone when the sentence opens with a plural pronoun', () => {
    const body = text('“Hate destroys those who harbor it,” Felicity Aldana said on stage.', 'They also referenced the “loophole in the checks,” a flaw that let the buyer through.');
    expect(clauseSpeakers(body)).toEqual(['Felicity Aldana', null]);
  });
});

describe('a quotation ending in a comma, then a name and any finite verb (“…,” X pressed)', () => {
  it('gives “…,” Halvorsen pressed to Halvorsen, though "pressed" is no reporting verb', () => {
    const body = text('Anchor Bjorn Halvorsen interviewed the senator.', '“Would it be negotiable about the deadline?” Halvorsen pressed.');
    expect(speakers(body)).toEqual(['Bjorn Halvorsen']);
  });

  it('leaves a quotation that ends its sentence alone (“… over.” Halvorsen arrived later.)', () => {
    const body = text('Anchor Bjorn Halvorsen interviewed the senator.', '“The deadline is over.” Halvorsen arrived later.');
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('two pieces around one attribution', () => {
  it('keeps “A,” X said, “B.” as one quotation', () => {
    const quotes = findQuotes('“Promise you will stay,” Odalys Brennan said, “and we will go home.”');
    expect(quotes.map((q) => q.text)).toEqual(['Promise you will stay, and we will go home.']);
  });

  it('keeps “A,” X sings before asking her, “B?” as two quotations: a second reporting act', () => {
    const quotes = findQuotes('“Promise you will stay,” Odalys Brennan sings to her before asking her, “Where do we go from here?”');
    expect(quotes.map((q) => q.text)).toEqual(['Promise you will stay,', 'Where do we go from here?']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Odalys Brennan', 'Odalys Brennan']);
  });
});

describe('a time or an adverb between a speaker and the verb ("X on Saturday criticized", "X quickly took")', () => {
  it('reads past "on Saturday" to the subject before it', () => {
    const body = 'Sen. Ilse Varga on Saturday criticized the accord, saying it goes “nowhere near far enough.”';
    expect(speakers(body)).toEqual(['Ilse Varga']);
  });

  it('leaves a name followed by "on Saturday" and a comma alone: no verb follows it', () => {
    const body = 'The report reached Ilse Varga on Saturday, calling the accord “nowhere near far enough.”';
    expect(clauseSpeakers(body)).toEqual([null]);
  });

  it('reads past an adverb to the verb: "X quickly took to the radio, writing: “…”"', () => {
    const body = 'Candidate Doran Keane quickly took to the radio, writing: “Another horrific attack, this time in the port.”';
    expect(speakers(body)).toEqual(['Doran Keane']);
  });

  it('leaves a name followed by a capitalised word alone ("Doran Keane Radio took …")', () => {
    const body = 'The station Doran Keane Radio took to the air, writing: “Another horrific attack, this time in the port.”';
    expect(speakers(body)).not.toContain('Doran Keane');
  });
});

describe('a body named by whose it is ("Ryan’s office said")', () => {
  it('gives the quotation to "Okafor’s office", as written', () => {
    const body = text('Speaker Adaeze Okafor was away.', '“Nobody on the team has ever asked for that,” Okafor’s office said.');
    expect(speakers(body)).toEqual(['Okafor’s office']);
  });

  it('leaves a possessive before a capitalised name alone: "Okafor’s aide Lin Brandt said" is Lin Brandt', () => {
    const body = text('Speaker Adaeze Okafor was away.', '“Nobody on the team has ever asked for that,” Okafor’s aide Lin Brandt said.');
    expect(speakers(body)).toEqual(['Lin Brandt']);
  });
});

describe('a subject with a title before it, then an appositive ("Senate Leader X, R-Ky., delivered …: “…”")', () => {
  it('gives the quotation after the colon to the titled name opening the sentence', () => {
    const body = 'Senate Majority Leader Tobias Renn, R-Ky., delivered a blunt message to the nominee: “It is time to quit attacking people.”';
    expect(speakers(body)).toEqual(['Tobias Renn']);
  });

  it('leaves a name after lower-case words and a comma alone', () => {
    const body = 'A message reached the leader Tobias Renn, R-Ky., in the morning: “It is time to quit attacking people.”';
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('a quotation, a clause, a comma, then a bare name and the verb (“…” for the victory, X said)', () => {
  it('gives the quotation to the name before the closing verb', () => {
    const body = text('Senator Ines Castellano won the primary.', '“Let me thank the volunteers who worked so hard” for the victory, Castellano said.');
    expect(speakers(body)).toEqual(['Ines Castellano']);
  });

  it('leaves a lower-case subject after the comma alone (“…” for the victory, the crowd said)', () => {
    const body = text('Senator Ines Castellano won the primary.', '“Let me thank the volunteers who worked so hard” for the victory, most of the crowd felt.');
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('a colon label after a headline and a dash ("HEADLINE - Name: “…”")', () => {
  it('gives the quotation to the name between the dash and the colon', () => {
    const body = 'RED STATES OUTNUMBER BLUE STATES - Jorun M. Falk: “The analysis finds that twenty states lean one way.”';
    expect(speakers(body)).toEqual(['Jorun M. Falk']);
  });

  it('leaves a lower-case clause between the dash and the colon alone', () => {
    const body = 'RED STATES OUTNUMBER BLUE STATES - here is what the analysis says: “Twenty states lean one way.”';
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('no reporting clause: the person the passage is about, at low confidence', () => {
  it('gives a quote-only paragraph to the person the paragraph before is about', () => {
    const body = text('Halvard Strand said that for decades critics had predicted a withdrawal from the region.', '“That is because this region remains the most consequential for our own security.”');
    const [quote] = findQuotes(body);
    expect(quote?.speaker).toBe('Halvard Strand');
    expect(quote?.cue).toBeNull();
    expect(quote?.confidence).toBe(CONFIDENCE.salient);
    expect(quote?.speakerGuessed).toBe(true);
  });

  it('marks only the guess as guessed, never a speaker the text states', () => {
    const quiet = text('“We will hold the line,” Oskar Lindqvist said.', 'The talks went on into the night. “Nobody will leave this room before we agree.”');
    expect(findQuotes(quiet).map((q) => q.speakerGuessed ?? false)).toEqual([false, true]);
  });

  it('prefers the last speaker quoted, unless someone is named after that quotation', () => {
    const quiet = text('“We will hold the line,” Oskar Lindqvist said.', 'The talks went on into the night. “Nobody will leave this room before we agree.”');
    expect(findQuotes(quiet).map((q) => [q.speaker, q.confidence])).toEqual([['Oskar Lindqvist', CONFIDENCE.reportingAfter], ['Oskar Lindqvist', CONFIDENCE.salient]]);
    const named = text('“We will hold the line,” Oskar Lindqvist said.', 'Marta Kowalczyk stood up at midnight; she looked tired. “Nobody will leave this room before we agree.”');
    expect(speakers(named)).toEqual(['Oskar Lindqvist', 'Marta Kowalczyk']);
  });

  it('leaves a quotation alone when nobody is named in its paragraph or the one before', () => {
    const body = text('Halvard Strand spoke first.', 'The hall was cold and the lights failed twice.', '“That is because this region remains the most consequential.”');
    expect(speakers(body)).toEqual([null]);
  });

  it('leaves a quoted title alone', () => {
    const body = text('Halvard Strand arrived with a copy of “The Long Winter Road” under his arm.');
    expect(findQuotes(body).map((q) => q.speaker)).toEqual([]);
  });
});

describe('no reporting clause: the subject of the sentence that names someone last', () => {
  it('gives the quotation to the first person of that sentence, not to the one it talks about', () => {
    const body = text('Halvard Strand said that critics had long doubted Marta Kowalczyk.', '“That is because this region remains the most consequential for our own security.”');
    expect(speakers(body)).toEqual(['Halvard Strand']);
  });

  it('leaves an earlier sentence’s subject alone when a later sentence names someone', () => {
    const body = text('Halvard Strand said that critics had doubted the plan. Marta Kowalczyk told them they were wrong.', '“That is because this region remains the most consequential for our own security.”');
    expect(speakers(body)).toEqual(['Marta Kowalczyk']);
  });

  it('guesses no one from a capitalised run the article never shows to be a person (a place, a product, a headline)', () => {
    const place = text('Pollution in New Delhi rose sharply again this week.', '“This is mainly due to the change in wind direction from the north-west.”');
    expect(speakers(place)).toEqual([null]);
    const product = text('The Smart Speaker Mini went on sale on Friday.', '“Functions on demand, whenever you need them, at half the price.”');
    expect(speakers(product)).toEqual([null]);
  });

  it('states a speaker for whole quotations only: a phrase quoted inside paraphrase is never stated, at most a guess', () => {
    const body = text('“We will hold the line,” Oskar Lindqvist said.', 'The plan, a “recipe for deadlock” to some, was left for another day.');
    expect(findQuotes(body, { speakerModel: null }).map((q) => q.speaker)).toEqual(['Oskar Lindqvist', null]);
    const [stated, phrase] = findQuotes(body);
    expect([stated?.speaker, stated?.speakerGuessed]).toEqual(['Oskar Lindqvist', undefined]);
    expect(phrase?.speakerGuessed === true || phrase?.speaker === null).toBe(true);
    expect(phrase?.confidence).toBeLessThanOrEqual(CONFIDENCE.salient);
  });
});

describe('a definite description the article gives no name to', () => {
  it('refers back to the person the passage is about (“…,” said the base chief)', () => {
    const body = text('Halvard Strand arrived at the compound on Tuesday, and he walked straight to the gate.', '“There never was an order to wait,” said the base chief, speaking publicly for the first time.');
    const [quote] = findQuotes(body);
    expect([quote?.speaker, quote?.speakerMention, quote?.cue]).toEqual(['Halvard Strand', 'the base chief', 'said']);
    expect(quote?.confidence).toBeLessThanOrEqual(CONFIDENCE.namedDescription);
  });

  it('leaves an indefinite description alone (“…,” said a longtime adviser)', () => {
    const body = text('Halvard Strand arrived at the compound on Tuesday.', '“There never was an order to wait,” said a longtime adviser, who declined to be identified.');
    expect(speakers(body)).toEqual([null]);
  });
});

describe('a sentence that opens with its source ("According to X, …")', () => {
  it('gives a partial quotation to the source when no reporting verb of its own names a speaker', () => {
    const body = text('Halvard Strand spoke in Bergen on Monday.', 'According to Strand, he was once part of the old guard, but is now “the worst thing that ever happened to it.”');
    const [quote] = findQuotes(body);
    expect([quote?.speaker, quote?.cue]).toEqual(['Halvard Strand', 'according to']);
    expect(quote?.confidence).toBe(CONFIDENCE.accordingOpening);
  });

  it('leaves the source to the reporting verb when the sentence has one ("According to X, Y said …")', () => {
    const body = text('According to Halvard Strand, Marta Kowalczyk said the plan was “a recipe for deadlock.”');
    expect(speakers(body)).toEqual(['Marta Kowalczyk']);
  });

  it('leaves alone a source phrase that does not open the sentence', () => {
    const body = text('The budget, according to the ministry, now counts as “a recipe for deadlock.”');
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('the subject of a sentence is in its main clause', () => {
  it('passes over an opening clause ("When X died in 1998, Y released the following statement:")', () => {
    const body = text('When Halvard Strand died in 1998, President Marta Kowalczyk released the following statement:', '“We offer our condolences to his family and friends.”');
    expect(speakers(body)).toEqual(['Marta Kowalczyk']);
  });

  it('reads "X, during two interviews, referred to Y as “…”" as X (lower-case titles before the name; "as" is no verb)', () => {
    const body = text('Republican presidential nominee Marta Kowalczyk, during two interviews on Thursday, referred to Halvard Strand as “the most valuable player” for the rival party.');
    expect(speakers(body)).toEqual(['Marta Kowalczyk']);
  });

  it('falls back to the opening clause when the main clause names nobody, and leaves "As X put it," to X', () => {
    const fallback = text('Although Halvard Strand did not name the minister, he called the plan “a recipe for deadlock.”');
    expect(speakers(fallback)).toEqual(['Halvard Strand']);
    const asPutIt = text('As Halvard Strand puts it, the ministry is making the opposition “an offer they cannot refuse.”');
    expect(speakers(asPutIt)).toEqual(['Halvard Strand']);
  });
});

describe('a possessive name with a noun of speech ("X’s pledge to be “…”")', () => {
  it('gives the quotation to the person whose claim, pledge or promise the sentence names', () => {
    const pledge = text('Halvard Strand spoke in Bergen.', 'Many critics go beyond Halvard Strand’s controversial pledge to be “neutral” during the talks.');
    expect(speakers(pledge)).toEqual(['Halvard Strand']);
    const promise = text('It is the persistent pull of Marta Kowalczyk’s “if you like your plan, you can keep it” promise.');
    expect(speakers(promise)).toEqual(['Marta Kowalczyk']);
  });

  it('leaves alone a possessive with a noun that is not speech, and an organisation’s', () => {
    const house = text('Halvard Strand’s house looked like “a fortress” from the road.');
    expect(clauseSpeakers(house)).toEqual([null]);
    const body = text('The Harbour Council’s warning about the “unsafe quay” went unheeded.');
    expect(clauseSpeakers(body)).toEqual([null]);
  });
});

describe('a whole quotation after a comma: the named subject of its sentence', () => {
  it('reads "X, the high commissioner, reacted sceptically to the deal, “…”" as X', () => {
    const body = text('Marta Kowalczyk, the high commissioner for refugees, reacted sceptically to the deal, “I am concerned about any agreement that involves blanket returns.”');
    expect(speakers(body)).toEqual(['Marta Kowalczyk']);
  });

  it('leaves alone a sentence whose subject is unnamed, and a capitalised participle ("Adding, “…”")', () => {
    const unnamed = text('The commissioner reacted sceptically to the deal, “I am concerned about any agreement that involves blanket returns.”');
    expect(clauseSpeakers(unnamed)).toEqual([null]);
    const adding = text('The hearing ran late into the night.', 'Adding, “Now, what they actually do is never that bad.”');
    expect(clauseSpeakers(adding)).toEqual([null]);
  });
});

describe('a partial quotation earlier in a sentence whose later quotation an explicit clause attributes', () => {
  it('gives “The “opt out” movement is about “…,” Voss said.” both quotations to Voss', () => {
    expect(clauseSpeakers(text('The “opt out” movement is about “people telling leaders what they want,” Lena Voss said.'))).toEqual(['Lena Voss', 'Lena Voss']);
  });

  it('leaves a partial quotation in the sentence before alone', () => {
    expect(clauseSpeakers(text('The “opt out” movement grew. “People are telling leaders what they want,” Lena Voss said.'))).toEqual([null, 'Lena Voss']);
  });
});

describe('a quotation closing a subordinate clause that opens its sentence (“When X called it “…,” Y laughed.”)', () => {
  it('gives the quotation to the clause’s own reporting verb’s subject, not to the main clause after it', () => {
    expect(clauseSpeakers(text('When Lena Voss called the plan “a costly disaster,” Paulo Duarte laughed.'))).toEqual(['Lena Voss']);
    expect(clauseSpeakers(text('While Lena Voss calls the plan “a costly disaster,” Paulo Duarte fixates on the cranes.'))).toEqual(['Lena Voss']);
  });

  it('leaves “When asked, “…,” X said” to X: the clause ends before the quotation', () => {
    expect(clauseSpeakers(text('When asked about the plan, “it is a costly disaster,” Paulo Duarte said.'))).toEqual(['Paulo Duarte']);
  });
});

describe('a title quoted inside a sentence (“X, the author of “Quiet Rivers,” said …”)', () => {
  const speakerOf = (body: string, words: string) => findQuotes(body, { speakerModel: null }).find((q) => q.text.includes(words))?.speaker;

  it('reads through the title to the appositive and its name', () => {
    const body = text('Lena Ortiz, the author of “Quiet Rivers,” about the city’s canals, said the town once had “a common story.”');
    expect(speakerOf(body, 'common story')).toBe('Lena Ortiz');
    const nested = text('“We have had better weeks than this one,” delegate Tomas Brandt, wearing a hat and “Vote Reyes” pins, said quietly.');
    expect(speakerOf(nested, 'better weeks')).toBe('Tomas Brandt');
    // A nickname inside the name is no break in it; the quotation's own words are the article's.
    const nickname = text('“This is a big year for our town!” Doran’s niece, state Del. Marcia “Cia” Prewitt, shouted to the crowd.');
    expect(findQuotes(nickname, { speakerModel: null })[0]).toMatchObject({ text: 'This is a big year for our town!', speaker: 'Marcia Prewitt' });
  });

  it('leaves a title that ends a sentence alone: the next sentence has its own subject', () => {
    const body = text('Lena Ortiz praised “Quiet Rivers.” Tomas Brandt said the book was “a mess.”');
    expect(speakerOf(body, 'a mess')).toBe('Tomas Brandt');
  });
});

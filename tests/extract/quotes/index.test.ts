import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/article.js';
import { findQuotes } from '../../../src/extract/quotes/index.js';
import { extractArticle } from '../../../src/extract/pipeline.js';
import { extractFixture } from '../../helpers/fixtures.js';

/** Article.text: blocks separated by one blank line. */
function text(...paragraphs: string[]): string {
  return paragraphs.join('\n\n');
}

function only(quotes: Quote[]): Quote {
  expect(quotes).toHaveLength(1);
  return quotes[0]!;
}

describe('finding quotations', () => {
  it('finds curly and straight double quotes, without the marks, with offsets into the text', () => {
    const body = text('“We will rebuild,” the mayor said.', 'Jane Doe said: "It is done."');
    const quotes = findQuotes(body);
    expect(quotes.map((q) => q.text)).toEqual(['We will rebuild,', 'It is done.']);
    for (const q of quotes) {
      expect(body.slice(q.start, q.end)).toBe(q.text);
      expect(q.pieces).toEqual([{ start: q.start, end: q.end }]);
    }
    expect(quotes.map((q) => q.paragraph)).toEqual([0, 1]);
  });

  it('reads French « » and German „ “ quotation marks', () => {
    const french = only(findQuotes('« Nous ne céderons pas », a dit Marie Dubois.'));
    expect(french.text).toBe('Nous ne céderons pas');
    const german = only(findQuotes('„Wir schaffen das“, sagte Angela Merkel am Montag.'));
    expect(german.text).toBe('Wir schaffen das');
  });

  it('keeps nested single quotes inside the quotation', () => {
    const q = only(findQuotes('“He told me ‘never again’ and walked out,” said Ana Ruiz.'));
    expect(q.text).toBe('He told me ‘never again’ and walked out,');
    expect(q.speaker).toBe('Ana Ruiz');
  });

  it('keeps a split quotation as one quotation with both pieces', () => {
    const body = '“Listen, you dogs,” Gulmurod Khalimov says in the video, “we will come for you.”';
    const q = only(findQuotes(body));
    expect(q.pieces).toHaveLength(2);
    expect(q.pieces.map((p) => body.slice(p.start, p.end))).toEqual(['Listen, you dogs,', 'we will come for you.']);
    expect(q.text).toBe('Listen, you dogs, we will come for you.');
    expect(q.speaker).toBe('Gulmurod Khalimov');
    expect(q.cue).toBe('says');
  });

  it('follows a quotation over several paragraphs (an opening mark on each, the closing one at the end)', () => {
    const body = text(
      'Senator Maria Lopez spoke for an hour.',
      '“The first thing we must do is listen.',
      '“The second is to act,” Lopez said.',
      'The hall applauded.',
    );
    const q = only(findQuotes(body));
    expect(q.text).toBe('The first thing we must do is listen.\n\nThe second is to act,');
    expect(q.pieces).toHaveLength(2);
    expect(q.paragraph).toBe(1);
    expect(q.speaker).toBe('Maria Lopez');
  });

  it('does not let a stray or missing mark swallow the rest of the article', () => {
    const body = text(
      'The minister said the plan was “a start and then left the room.',
      'Later paragraphs talk about the budget.',
      '“We are on track,” said Finance Minister Paul Okoro.',
    );
    const quotes = findQuotes(body);
    expect(quotes.map((q) => q.text)).toEqual(['a start and then left the room.', 'We are on track,']);
    expect(quotes[0]!.paragraph).toBe(0);
    expect(quotes[1]!.speaker).toBe('Paul Okoro');
  });

  it('reads a wrong-direction closing mark as a closing mark', () => {
    const body = text('“We will not resign“ the chairman, Tom Berg, said.', 'Nothing else was quoted.');
    const q = only(findQuotes(body));
    expect(q.text).toBe('We will not resign');
  });

  it('marks a quotation inside paraphrase as partial, and attributes it to the subject', () => {
    const q = only(findQuotes('Governor Ann Reyes called the plan “a disaster for farmers” on Monday.'));
    expect(q.partial).toBe(true);
    expect(q.text).toBe('a disaster for farmers');
    expect(q.speaker).toBe('Ann Reyes');
    expect(q.cue).toBe('called');
  });

  it('gives titles, nicknames and scare quotes no speaker rather than a guess', () => {
    const body = text(
      'Sam Carter said on “Face the Nation” that he would run again.',
      'Critics call the so-called “reform” a tax rise.',
    );
    const quotes = findQuotes(body);
    expect(quotes.every((q) => q.speaker === null)).toBe(true);
    // And a single word in scare quotes is not a quotation at all.
    expect(quotes.map((q) => q.text)).not.toContain('reform');
  });
});

describe('attributing quotations', () => {
  it('cleans titles and roles from the speaker and resolves a surname to the full name', () => {
    const body = text(
      'Tajik special forces chief Col. Gulmurod Khalimov appeared in a video.',
      '“I have joined them,” Khalimov said.',
    );
    const q = only(findQuotes(body));
    expect(q.speaker).toBe('Gulmurod Khalimov');
    expect(q.speakerMention).toBe('Khalimov');
  });

  it('resolves a pronoun to the person it refers to, keeping the mention', () => {
    const body = text('Col. Gulmurod Khalimov appeared in a video.', '“We will come to your cities,” he said.');
    const q = only(findQuotes(body));
    expect(q.speaker).toBe('Gulmurod Khalimov');
    expect(q.speakerMention).toBe('he');
    expect(q.cue).toBe('said');
  });

  it('keeps the speaker when a quotation continues after “he said.”', () => {
    const body = text(
      'Col. Gulmurod Khalimov targeted foreigners.',
      '“Listen, you American pigs,” he said. “God willing, I will come with this weapon.”',
    );
    const q = only(findQuotes(body));
    expect(q.pieces).toHaveLength(2);
    expect(q.text).toBe('Listen, you American pigs, God willing, I will come with this weapon.');
    expect(q.speaker).toBe('Gulmurod Khalimov');
  });

  it('reads "said X", "according to X", "X: …" and the sentence before the quotation', () => {
    const body = text(
      '“Prices will fall,” said Dr. Lena Novak, an economist at the bank.',
      'The plan is “dead on arrival,” according to Senator Bill Hart.',
      'Mayor Joan Bright told reporters: “The roads are open again.”',
      'Chief Engineer Raj Patel: “The bridge will take another year.”',
      '"PETERS: Thank you for coming.',
      '"ADAMS: Thank you for having me.',
    );
    const [novak, hart, bright, patel, peters, adams] = findQuotes(body);
    expect(novak!.speaker).toBe('Lena Novak');
    expect(hart!.speaker).toBe('Bill Hart');
    expect(hart!.cue).toBe('according to');
    expect(bright!.speaker).toBe('Joan Bright');
    expect(bright!.cue).toBe('told');
    expect(patel!.speaker).toBe('Raj Patel');
    expect(patel!.cue).toBe(':');
    // A quoted transcript: each "NAME:" turn is its own quotation, by that speaker.
    expect(peters).toMatchObject({ speaker: 'Peters', cue: ':', text: 'PETERS: Thank you for coming.' });
    expect(adams).toMatchObject({ speaker: 'Adams', text: 'ADAMS: Thank you for having me.' });
  });

  it('reads the reporting patterns of the article’s language (Russian)', () => {
    const body = text(
      'Музей открылся в субботу.',
      '«Мы хотели, чтобы музей был открыт для всех», — сказал директор музея Игорь Соколов.',
      '«Это только начало», — добавил он.',
    );
    const quotes = findQuotes(body, { lang: 'ru-RU' });
    expect(quotes.map((q) => [q.speaker, q.speakerMention, q.cue])).toEqual([
      ['Игорь Соколов', 'директор музея Игорь Соколов', 'сказал'],
      ['Игорь Соколов', 'он', 'добавил'],
    ]);
  });

  it('finds who a description refers to where the article says', () => {
    const body = text(
      'Hillary Clinton, the former first lady, spoke in Ohio.',
      '“We are stronger together,” the former first lady told the crowd.',
    );
    const q = only(findQuotes(body));
    expect(q.speakerMention).toBe('the former first lady');
    expect(q.speaker).toBe('Hillary Clinton');
  });

  it('gives a quote-only paragraph after a speaker’s quotation to the same speaker', () => {
    const body = text('“We did nothing wrong,” said Chief Executive Mark Lund.', '“And we will prove it in court.”');
    const quotes = findQuotes(body);
    expect(quotes.map((q) => q.speaker)).toEqual(['Mark Lund', 'Mark Lund']);
    expect(quotes[1]!.confidence).toBeLessThan(quotes[0]!.confidence);
  });

  it('tells a name from a word capitalised only because it opens the sentence', () => {
    const body = text(
      'Residents described the smell as “absolutely unbearable” on Monday. Other residents agreed.',
      'Prime Minister Theresa May visited the plant. May said: “We will fix this.” Rain may follow.',
    );
    const [residents, may] = findQuotes(body);
    expect(residents).toMatchObject({ speaker: null, speakerMention: 'Residents', partial: true });
    expect(may).toMatchObject({ speaker: 'Theresa May', speakerMention: 'May', cue: 'said' });
  });

  it('leaves a quotation nobody is said to have said without a speaker', () => {
    const q = only(findQuotes('A sign on the door read in capitals: “We are closed until further notice.”'));
    expect(q.speaker).toBeNull();
    expect(q.confidence).toBeLessThanOrEqual(0.5);
  });
});

describe('quotations in extracted articles', () => {
  it('finds the seed article’s two quotations, both by Gulmurod Khalimov (the second via "he said")', async () => {
    const article = await extractFixture('seed-tajik-commander');
    expect(article.quotes).toHaveLength(2);
    const [first, second] = article.quotes;
    expect(first!.speaker).toBe('Gulmurod Khalimov');
    expect(first!.speakerMention).toBe('Khalimov');
    expect(first!.text).toMatch(/^Listen, you dogs, .*reestablish sharia law there\.$/);
    expect(second!.speaker).toBe('Gulmurod Khalimov');
    expect(second!.speakerMention).toBe('he');
    expect(second!.text).toMatch(/^Listen, you American pigs, .*we will kill you\.$/);
    for (const q of article.quotes) {
      for (const piece of q.pieces) expect(q.text).toContain(article.text.slice(piece.start, piece.end));
    }
  });

  it('takes <blockquote> (not an embed) and <q> as quotations though the text carries no marks', () => {
    const html = `<!DOCTYPE html><html lang="en"><head><title>Council vote</title></head><body><article>
      <h1>Council vote</h1>
      <p>The council met on Tuesday to vote on the new budget after months of debate among its members and the public.</p>
      <p>Council leader Rosa Vint wrote in a statement:</p>
      <blockquote><p>This budget protects the services people rely on every day.</p></blockquote>
      <p>Her deputy, Omar Haddad, said the vote was <q>the hardest of my career</q> and left early.</p>
      <p>The budget passed by nine votes to four, with two members abstaining after a long evening session.</p>
    </article></body></html>`;
    const article = extractArticle({ html, url: 'https://example.org/council' });
    const texts = article.quotes.map((q) => q.text);
    expect(texts).toContain('This budget protects the services people rely on every day.');
    expect(texts).toContain('the hardest of my career');
    const block = article.quotes.find((q) => q.text.startsWith('This budget'))!;
    expect(block.speaker).toBe('Rosa Vint');
    const inline = article.quotes.find((q) => q.text.startsWith('the hardest'))!;
    expect(inline.speaker).toBe('Omar Haddad');
    expect(inline.partial).toBe(true);
  });
});

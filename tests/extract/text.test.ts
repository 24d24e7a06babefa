/**
 * renderText (src/extract/text.ts): the article as plain text, one blank line between blocks,
 * whitespace collapsed inside a block, <br> as a line break, table cells tab-separated, embeds
 * in their place, and nothing of scripts, images or controls.
 */
import { describe, expect, it } from 'vitest';
import type { Element } from '../../src/extract/dom.js';
import { parseHtml } from '../../src/extract/parse.js';
import { renderText } from '../../src/extract/text.js';
import { embed } from '../helpers/embeds.js';

function contentOf(bodyHtml: string): Element {
  const document = parseHtml(`<!doctype html><html><body><div id="content">${bodyHtml}</div></body></html>`, 'https://news.example/a.html');
  return document.querySelector('#content')!;
}

const text = (bodyHtml: string, embeds: Parameters<typeof renderText>[1] = [], options: Parameters<typeof renderText>[2] = {}) =>
  renderText(contentOf(bodyHtml), embeds, options);

describe('renderText', () => {
  it('puts one blank line between paragraphs, headings and list items, and collapses whitespace inside them', () => {
    expect(text('<h2>  The   river\n rose </h2><p>It rose\n\n overnight,  the  mayor said.</p><ul><li>One</li><li> Two </li></ul>')).toBe(
      'The river rose\n\nIt rose overnight, the mayor said.\n\nOne\n\nTwo',
    );
  });

  it('keeps inline elements inside their block and leaves out link URLs', () => {
    expect(text('<p>Read <a href="https://x.example/report">the <em>full</em> report</a> today.</p>')).toBe('Read the full report today.');
  });

  it('breaks a line only at <br>, trimming each line and dropping empty ones', () => {
    expect(text('<p>  First line <br>  second line<br><br>third </p>')).toBe('First line\nsecond line\nthird');
  });

  it('turns non-breaking spaces into plain spaces', () => {
    expect(text('<p>10\u00a0km&nbsp;&nbsp;north</p>')).toBe('10 km north');
  });

  it('separates table cells by one tab and rows by a blank line', () => {
    expect(text('<table><tr><th>Town</th><th>Rain</th></tr><tr><td> Ely </td><td>12 mm</td></tr></table>')).toBe(
      'Town\tRain\n\nEly\t12 mm',
    );
  });

  it('reads a tab inside a paragraph as a space: only a table cell ends in a tab', () => {
    expect(text('<p>The\tmayor\t\tsaid so.</p>')).toBe('The mayor said so.');
    expect(text('<table>\n\t<tr>\n\t\t<td>Ely</td>\n\t\t<td>12\tmm</td>\n\t</tr>\n</table>')).toBe('Ely\t12 mm');
  });

  it('keeps <pre> text as written, line breaks and indentation included', () => {
    expect(text('<p>Code:</p><pre>\nif (x) {\n    y();\n}\n\n</pre>')).toBe('Code:\n\nif (x) {\n    y();\n}');
  });

  it('leaves out scripts, styles, images, buttons and form controls', () => {
    expect(
      text(
        '<p>Kept<script>alert(1)</script><style>p{}</style><img alt="a photo"><button>Share</button><select><option>x</option></select><textarea>t</textarea> text.</p>',
      ),
    ).toBe('Kept text.');
  });

  it('renders an embed placeholder as the embed’s own block, in its place', () => {
    const tweet = embed({
      kind: 'tweet',
      url: 'https://twitter.com/council/status/1',
      authorName: 'Town Council',
      authorHandle: 'council',
      text: 'The bridge reopens on Monday.',
      date: 'June 9, 2025',
    });
    const video = embed({ kind: 'youtube', url: 'https://www.youtube.com/watch?v=abc', id: 'abc', title: 'Flood footage' });
    expect(
      text('<p>Before <clipfile-embed data-index="0"></clipfile-embed> after.</p><clipfile-embed data-index="1"></clipfile-embed><p>End.</p>', [tweet, video]),
    ).toBe('Before\n\nThe bridge reopens on Monday.\n— Town Council (@council), June 9, 2025\n\nafter.\n\nEnd.');
  });

  it('writes nothing for a placeholder whose embed is missing', () => {
    expect(text('<p>A</p><clipfile-embed data-index="7"></clipfile-embed><p>B</p>', [])).toBe('A\n\nB');
  });

  it('leaves out every element the skip option names, with its children', () => {
    expect(
      text('<p>Story.</p><figure><img src="a.jpg"><figcaption>Photo: Jane Doe</figcaption></figure><p>More.</p>', [], {
        skip: (element) => element.tagName === 'FIGCAPTION',
      }),
    ).toBe('Story.\n\nMore.');
  });

  it('stops at the first element the until option names: nothing from there on, text nodes included', () => {
    expect(
      text('<p>Jane Reed on <time>June 3</time> via mobile</p><p>Later.</p>', [], { until: (element) => element.tagName === 'TIME' }),
    ).toBe('Jane Reed on');
  });

  it('gives an empty string for content with no text', () => {
    expect(text('<div> <p> </p><img src="a.jpg"></div>')).toBe('');
  });
});

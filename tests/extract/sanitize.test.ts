import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { extractArticle } from '../../src/extract/pipeline.js';
import { sanitizeArticleHtml } from '../../src/extract/sanitize.js';
import { unsafeParts } from '../../eval/unsafe-html.js';

const STORY =
  'The council met on Tuesday evening to discuss the new budget, and members argued for hours about the cost of repairs to the old bridge.';

/** The issue's attacks, each as it was written into a story paragraph. */
const ATTACKS: Record<string, string> = {
  'mixed-case javascript: link': '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  'entity-encoded javascript: link': '<a href="&#x6A;avascript:alert(2)">entity</a>',
  'tab inside javascript:': '<a href="jav&#x09;ascript:alert(3)">tab</a>',
  'newline and leading control characters': '<a href="&#x01; java&#10;script:alert(4)">control</a>',
  'data:text/html link': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">data</a>',
  'vbscript: link': '<a href="vbscript:msgbox(6)">vbscript</a>',
  'onerror and onload on an image': '<img src="https://news.example/a.jpg" alt="a bridge" onerror="alert(7)" onload="alert(8)">',
  'onclick and onmouseover on text': '<span onclick="alert(9)" onmouseover="alert(10)">hover</span>',
  'javascript: image source and srcset': '<img src="javascript:alert(11)" srcset="javascript:alert(12) 2x" alt="x">',
  'data: image': '<img src="data:image/svg+xml,<svg onload=alert(13)>" alt="svg">',
  'form with a javascript: action': '<form action="javascript:alert(14)"><button formaction="javascript:alert(15)">Go</button></form>',
  'iframe and object': '<iframe src="javascript:alert(16)"></iframe><object data="javascript:alert(17)"></object>',
  'svg with a script link': '<svg><a xlink:href="javascript:alert(18)"><text>svg link</text></a></svg>',
  'style attribute': '<span style="background:url(javascript:alert(19))">styled</span>',
  'blockquote cite': '<blockquote cite="javascript:alert(20)">quoted words here</blockquote>',
};

function hostilePage(): string {
  const paragraphs = Object.entries(ATTACKS).map(([name, attack], i) => `<p>${STORY} Case ${i}: ${name}. ${attack}</p>`);
  return `<!doctype html><html><head><title>Budget night</title></head><body><article><h1>Budget night</h1>
    ${paragraphs.join('\n')}
    <h2>What was decided</h2>
    <ul><li>${STORY}</li><li>Second point of the list, long enough to count as story text here.</li></ul>
    <table><thead><tr><th>Item</th><th>Cost</th></tr></thead><tbody><tr><td>Bridge</td><td colspan="1">4,000</td></tr></tbody></table>
    <figure><img src="https://news.example/bridge.jpg" srcset="https://news.example/bridge-2x.jpg 2x" alt="The old bridge"><figcaption>The old bridge in 1990.</figcaption></figure>
    <blockquote><p>${STORY}</p></blockquote>
    <p>${STORY} See <a href="https://news.example/budget">the budget</a> or <a href="mailto:desk@news.example">write to us</a>.</p>
  </article></body></html>`;
}

describe('sanitizeArticleHtml: the issue’s attacks', () => {
  it('the checker finds every attack in the raw markup (so the checks below can fail)', () => {
    for (const [name, attack] of Object.entries(ATTACKS)) {
      expect(unsafeParts(attack), name).not.toEqual([]);
    }
  });

  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(`removes ${name}`, () => {
      const clean = sanitizeArticleHtml(attack);
      expect(unsafeParts(clean)).toEqual([]);
      expect(clean).not.toMatch(/alert|msgbox|PHNjcmlwd/);
    });
  }

  it('leaves nothing unsafe in the html of an extracted page, and keeps its structure', () => {
    const { html } = extractArticle({ html: hostilePage(), url: 'https://news.example/budget', source: 'hostile' });
    expect(unsafeParts(html)).toEqual([]);
    expect(html).not.toMatch(/alert\(|msgbox/);
    // The story's structure and harmless attributes survive.
    expect(html).toContain('<h2>What was decided</h2>');
    expect(html).toMatch(/<ul>\s*<li>/);
    expect(html).toMatch(/<table>[\s\S]*<th>Item<\/th>[\s\S]*<td colspan="1">4,000<\/td>/);
    expect(html).toMatch(/<figure>\s*<img src="https:\/\/news\.example\/bridge\.jpg" srcset="https:\/\/news\.example\/bridge-2x\.jpg 2x" alt="The old bridge" \/>\s*<figcaption>/);
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<a href="https://news.example/budget">the budget</a>');
    expect(html).toContain('<a href="mailto:desk@news.example">write to us</a>');
    expect(html).toContain('<img src="https://news.example/a.jpg" alt="a bridge" />');
    // The attacks' link texts stay as text.
    for (const text of ['mixed case', 'entity', 'tab', 'control', 'vbscript', 'hover', 'styled']) expect(html).toContain(text);
  });

  it('keeps clipfile’s own embed blocks with their kind, id and link', () => {
    const page = `<html><body><article><p>${STORY}</p>
      <blockquote class="twitter-tweet"><p>Post about the budget.</p>&mdash; Council Watch (@councilwatch)
      <a href="https://twitter.com/councilwatch/status/1234567890">May 1, 2024</a></blockquote><p>${STORY}</p></article></body></html>`;
    const { html } = extractArticle({ html: page, url: 'https://news.example/a', source: 'embed' });
    const quote = /<blockquote ([^>]*)>(.*?)<\/blockquote>/.exec(html);
    expect(quote?.[1]?.split(' ').sort()).toEqual(['class="clipfile-embed"', 'data-id="1234567890"', 'data-kind="tweet"']);
    expect(quote?.[2]).toBe(
      '<p>Post about the budget.</p><p>— Council Watch (@councilwatch), <a href="https://twitter.com/councilwatch/status/1234567890">May 1, 2024</a></p>',
    );
  });

  it('keeps a srcset’s well-formed candidates, drops the rest, and prints nothing', () => {
    const log = vi.spyOn(console, 'log');
    try {
      const clean = sanitizeArticleHtml(
        '<img src="https://ok.example/a.jpg" srcset="https://ok.example/a.jpg 1x, https://ok.example/b.jpg 0w, https://ok.example/c.jpg 1x 2x, javascript:alert(1) 3x, https://ok.example/d.jpg 480w" alt="a">',
      );
      expect(clean).toBe('<img src="https://ok.example/a.jpg" srcset="https://ok.example/a.jpg 1x, https://ok.example/d.jpg 480w" alt="a" />');
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: whatever goes in, nothing unsafe comes out.

const SCHEME_WORDS = ['javascript', 'vbscript', 'data', 'file', 'livescript', 'http', 'https', 'mailto', 'blob', 'about'];

/** A scheme word disguised as attackers disguise it: case, entities, tabs, newlines, controls, comments. */
const disguisedScheme = fc
  .tuple(
    fc.constantFrom(...SCHEME_WORDS),
    fc.array(fc.constantFrom('case', 'entity-hex', 'entity-dec', 'tab', 'newline', 'nul', 'lead-space', 'comment', 'named-colon'), { maxLength: 4 }),
    fc.nat(),
  )
  .map(([word, tricks, seed]) => {
    let chars = [...word];
    let colon = ':';
    let lead = '';
    for (const [n, trick] of tricks.entries()) {
      const at = (seed + n * 7) % chars.length;
      if (trick === 'case') chars = chars.map((c, i) => ((seed >> i) & 1 ? c.toUpperCase() : c));
      if (trick === 'entity-hex') chars[at] = `&#x${chars[at]!.charCodeAt(0).toString(16)};`;
      if (trick === 'entity-dec') chars[at] = `&#${chars[at]!.charCodeAt(0)}`;
      if (trick === 'tab') chars[at] = `${chars[at]}&#x09;`;
      if (trick === 'newline') chars[at] = `${chars[at]}\n`;
      if (trick === 'nul') lead += '&#x00;';
      if (trick === 'lead-space') lead += ' \u0001';
      if (trick === 'comment') chars[at] = `${chars[at]}<!--x-->`;
      if (trick === 'named-colon') colon = '&colon;';
    }
    return `${lead}${chars.join('')}${colon}alert(1)`;
  });

const attributeName = fc.oneof(
  fc.constantFrom('href', 'src', 'srcset', 'cite', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'style', 'class', 'alt', 'title', 'srcdoc'),
  fc.constantFrom('onerror', 'onload', 'onclick', 'onmouseover', 'ONFOCUS', 'OnAnimationStart', 'onpointerenter'),
  fc.stringMatching(/^on[a-z]{1,12}$/),
);
const attributeValue = fc.oneof(disguisedScheme, fc.string({ maxLength: 20 }), disguisedScheme.map((url) => `${url} 1x, https://ok.example/a.jpg 2x`));
const attribute = fc
  .tuple(attributeName, attributeValue, fc.constantFrom('"', "'", ''))
  .map(([name, value, quote]) => ` ${name}=${quote}${quote === '"' ? value.replace(/"/g, '&quot;') : quote === "'" ? value.replace(/'/g, '&#39;') : value.replace(/[\s>]/g, '')}${quote}`);
const tagName = fc.constantFrom(
  'p', 'a', 'img', 'div', 'span', 'source', 'picture', 'blockquote', 'q', 'table', 'td', 'script', 'iframe', 'form', 'object',
  'embed', 'svg', 'math', 'style', 'textarea', 'xmp', 'noscript', 'template', 'button', 'input', 'base', 'meta', 'link',
  'title', 'plaintext', 'noembed', 'select', 'option', 'frameset', 'details', 'video', 'audio', 'ScRiPt', 'IMG',
);
const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 12 }),
    fc.constantFrom('<', '>', '</', '<!--', '-->', '<![CDATA[', ']]>', '&', '"', "'", '/>', '</script>', '</textarea>', '</title>'),
    fc.tuple(tagName, fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 3 }), fc.boolean()).map(
      ([tag, attributes, children, closed]) => `<${tag}${attributes.join('')}>${children.join('')}${closed ? `</${tag}>` : ''}`,
    ),
  ),
})).node;

describe('sanitizeArticleHtml: properties', () => {
  // Nothing may print: stdout carries --json output.
  let consoleCalls: MockInstance[] = [];
  beforeEach(() => {
    consoleCalls = (['log', 'warn', 'error', 'info'] as const).map((method) => vi.spyOn(console, method));
  });
  afterEach(() => {
    for (const spy of consoleCalls) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  it('random strings come out with nothing unsafe', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (input) => {
        expect(unsafeParts(sanitizeArticleHtml(input))).toEqual([]);
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });

  it('adversarial HTML (disguised schemes, event handlers, raw-text and foreign elements, broken tags) comes out with nothing unsafe', () => {
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 6 }), (parts) => {
        const clean = sanitizeArticleHtml(parts.join(''));
        expect(unsafeParts(clean)).toEqual([]);
        // Sanitizing is stable: what came out once comes out the same again.
        expect(unsafeParts(sanitizeArticleHtml(clean))).toEqual([]);
      }),
      { seed: 20261201, numRuns: 1_000 },
    );
  });

  it('adversarial HTML inside a story page comes out of extraction with nothing unsafe', () => {
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 4 }), (parts) => {
        const page = `<html><body><article><h1>Title</h1><p>${STORY}</p><p>${STORY} ${parts.join('')}</p><p>${STORY}</p></article></body></html>`;
        const { html } = extractArticle({ html: page, url: 'https://news.example/a', source: 'property' });
        expect(unsafeParts(html)).toEqual([]);
      }),
      { seed: 20261201, numRuns: 100 },
    );
  });
});

describe('embed links', () => {
  it('a Facebook plugin whose data-href is a script link is not an embed, in any output', () => {
    const page = `<html><body><article><p>${STORY}</p>
      <div class="fb-post" data-href="javascript:alert(1)//facebook.com/posts/1"><blockquote><p>Post text.</p></blockquote></div>
      <p>${STORY}</p></article></body></html>`;
    const article = extractArticle({ html: page, url: 'https://news.example/a', source: 'fb' });
    expect(article.embeds).toEqual([]);
    expect(article.markdown).not.toContain('javascript:');
    expect(unsafeParts(article.html)).toEqual([]);
  });
});

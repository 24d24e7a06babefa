/**
 * sanitizeForSite (src/site/sanitize.ts): the site's stricter pass over article HTML. Nothing
 * loads from outside (images become links), links only to absolute http(s)/mailto URLs with
 * rel="noopener noreferrer nofollow", scripts and their kin gone with their content.
 */
import { describe, expect, it } from 'vitest';
import { SafeHtml } from '../../src/site/escape.js';
import { sanitizeForSite } from '../../src/site/sanitize.js';

const REL = 'noopener noreferrer nofollow';
const site = (input: string) => sanitizeForSite(input).html;

describe('sanitizeForSite', () => {
  it('returns SafeHtml, trimmed, keeping ordinary article structure', () => {
    const out = sanitizeForSite('  <h2>Head</h2><p>One <em>two</em> <strong>three</strong></p><blockquote><p>Q</p></blockquote>\n');
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.html).toBe('<h2>Head</h2><p>One <em>two</em> <strong>three</strong></p><blockquote><p>Q</p></blockquote>');
  });

  it('an image becomes a link to it labelled with its alt text, never an <img>', () => {
    expect(site('<p><img src="https://cdn.example.org/a.jpg" alt=" A cat "></p>')).toBe(
      `<p><a href="https://cdn.example.org/a.jpg" rel="${REL}" class="image-link">[Image: A cat]</a></p>`,
    );
    expect(site('<img src="https://cdn.example.org/b.png">')).toBe(
      `<a href="https://cdn.example.org/b.png" rel="${REL}" class="image-link">[Image]</a>`,
    );
  });

  it('an image with a relative, data: or missing src is a label without a link', () => {
    for (const src of ['img/a.jpg', 'data:image/png;base64,AAAA', '']) {
      expect(site(`<img src="${src}" alt="Chart">`), src).toBe('<span class="image-link">[Image: Chart]</span>');
    }
  });

  it('links keep only absolute http(s)/mailto hrefs and get rel; other attributes and classes go', () => {
    expect(site('<a href="https://example.org/x" class="evil" style="color:red" onclick="x()" target="_blank" title="T">x</a>')).toBe(
      `<a title="T" href="https://example.org/x" rel="${REL}">x</a>`,
    );
    expect(site('<a href="mailto:a@example.org">m</a>')).toBe(`<a href="mailto:a@example.org" rel="${REL}">m</a>`);
  });

  it('a link to javascript:, a relative or a protocol-relative URL keeps its text but loses its href', () => {
    for (const href of ['javascript:alert(1)', ' java\tscript:alert(1)', '../../etc/passwd', '/inside', '//evil.example/x']) {
      expect(site(`<p><a href="${href}">text</a></p>`), href).toBe('<p><a>text</a></p>');
    }
  });

  it('drops scripts, styles, iframes, forms controls and svg with their content', () => {
    expect(
      site('<p>a</p><script>alert(1)</script><style>p{}</style><iframe src="https://x.example"></iframe><svg><text>s</text></svg><button>b</button><noscript>n</noscript><p>z</p>'),
    ).toBe('<p>a</p><p>z</p>');
  });

  it('drops loading and page-chrome elements but keeps their text, and event handlers and styles everywhere', () => {
    expect(site('<nav><p>menu</p></nav><picture><source srcset="x.webp"></picture><p onclick="x()" style="x" id="i" lang="fr">texte</p>')).toBe(
      '<p>menu</p><p lang="fr">texte</p>',
    );
  });

  it("keeps clipfile's embed blockquotes and table structure attributes, nothing else on them", () => {
    expect(site('<blockquote class="clipfile-embed other" data-kind="post" data-id="7" onclick="x">p</blockquote>')).toBe(
      '<blockquote class="clipfile-embed" data-kind="post" data-id="7">p</blockquote>',
    );
    expect(site('<table><tr><td colspan="2" width="9">c</td></tr></table>')).toBe(
      '<table><tr><td colspan="2">c</td></tr></table>',
    );
  });

  it('text stays escaped: an entity in the input does not become markup', () => {
    expect(site('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});

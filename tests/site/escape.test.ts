/**
 * The site's one way of putting text into HTML (src/site/escape.ts): escapeHtml, the `html`
 * template that escapes every interpolation that is not SafeHtml, and externalHref, which keeps
 * only absolute http(s) and mailto links as a browser would read them.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, externalHref, html, SafeHtml } from '../../src/site/escape.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
  });

  it('escapes an existing entity again (text is text) and leaves other characters alone', () => {
    expect(escapeHtml('&amp; café — 😀')).toBe('&amp;amp; café — 😀');
  });
});

describe('html template', () => {
  it('escapes string and number interpolations, keeps SafeHtml as is', () => {
    const title = '<script>alert(1)</script>';
    const page = html`<h1>${title}</h1><p>${42}</p>${new SafeHtml('<b>bold</b>')}`;
    expect(page).toBeInstanceOf(SafeHtml);
    expect(page.html).toBe('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><p>42</p><b>bold</b>');
  });

  it('an attribute value cannot break out of its quotes', () => {
    const value = '" onmouseover="alert(1)';
    expect(html`<a title="${value}">x</a>`.html).toBe('<a title="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  it('renders null, undefined and false as nothing, and joins arrays (nested too) escaping each item', () => {
    const items = ['a<b', 'c&d'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}`.html).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
    expect(html`${['<', ['>', new SafeHtml('<hr>')]]}`.html).toBe('&lt;&gt;<hr>');
  });

  it('a nested template is inserted once, not escaped twice', () => {
    const inner = html`<em>${'&'}</em>`;
    expect(html`<p>${inner}</p>`.html).toBe('<p><em>&amp;</em></p>');
    expect(String(html`<p>${inner}</p>`)).toBe('<p><em>&amp;</em></p>');
  });

  it('0 and the empty string are kept (only null, undefined and false are nothing)', () => {
    expect(html`[${0}][${''}]`.html).toBe('[0][]');
  });
});

describe('externalHref', () => {
  it('keeps absolute http, https and mailto URLs, normalised', () => {
    expect(externalHref('https://example.org/a b?q=1#x')).toBe('https://example.org/a%20b?q=1#x');
    expect(externalHref('HTTP://Example.org')).toBe('http://example.org/');
    expect(externalHref('mailto:desk@example.org')).toBe('mailto:desk@example.org');
  });

  it('refuses script, data, file and other schemes, relative and protocol-relative URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:msgbox',
      'ftp://example.org/a',
      '/relative/path',
      'page.html',
      '//example.org/a',
      '#top',
    ]) {
      expect(externalHref(url), url).toBeNull();
    }
  });

  it('judges a URL as a browser reads it: controls and spaces at the ends dropped, tabs and line breaks removed', () => {
    expect(externalHref(' java\tscript:alert(1)')).toBeNull();
    expect(externalHref('\u0001javascript:alert(1)')).toBeNull();
    expect(externalHref('jav\nascript:alert(1)')).toBeNull();
    expect(externalHref('  https://example.org/a \n')).toBe('https://example.org/a');
    expect(externalHref('ht\ttps://exa\nmple.org/')).toBe('https://example.org/');
  });

  it('refuses nothing at all and a scheme with no valid URL after it', () => {
    expect(externalHref(null)).toBeNull();
    expect(externalHref(undefined)).toBeNull();
    expect(externalHref('')).toBeNull();
    expect(externalHref('http://')).toBeNull();
    expect(externalHref('https://[::1')).toBeNull();
  });
});

/**
 * The one way text reaches the site's HTML. Templates are tagged `html` template strings: every
 * interpolation is escaped unless it is `SafeHtml` (the output of another template, or article
 * HTML that went through the site's sanitizer), so a template cannot forget to escape.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text escaped for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** HTML that is already safe to insert as is. Only templates and the site sanitizer make these. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose interpolations are escaped (arrays are joined, null/undefined/false are nothing). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Schemes a link to the outside may use on the site (never javascript:, data:, file:, …). */
const LINK_SCHEME = /^(?:https?|mailto):/i;

/**
 * A URL a page supplied, for an href: kept when it is an absolute http(s) or mailto URL, else
 * null (the caller shows the text without a link).
 */
export function externalHref(url: string | null | undefined): string | null {
  if (!url) return null;
  // As a browser reads a URL: spaces and controls at either end dropped, tabs and line breaks
  // anywhere, so " java\tscript:" is judged as the javascript: URL it becomes.
  const trimmed = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (!LINK_SCHEME.test(trimmed)) return null;
  try {
    return new URL(trimmed).href;
  } catch {
    return null;
  }
}

/**
 * (Shared by the sanitizer tests and the fuzz run, bench/fuzz.ts.)
 * What makes HTML unsafe to show, checked the way a browser would read it: the HTML is parsed
 * again with parse5 (the WHATWG algorithm, so entities are decoded as a browser decodes them)
 * and every URL is resolved with the WHATWG URL parser (which drops the tabs, newlines and
 * leading control characters a browser ignores and folds the scheme's case).
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'form', 'object', 'embed', 'applet', 'style', 'link',
  'meta', 'base', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'template', 'noscript', 'xmp',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'action', 'formaction', 'poster', 'background', 'xlink:href', 'data', 'longdesc', 'usemap', 'ping']);
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_SCHEMES = new Set(['http:', 'https:']);
const IMAGE_ELEMENTS = new Set(['img', 'source']);

/** The scheme a browser gives `value` on a page at an https URL (relative URLs take https:). */
export function effectiveScheme(value: string): string | null {
  try {
    return new URL(value, 'https://page.example/dir/').protocol;
  } catch {
    return null; // not a URL a browser would follow or fetch
  }
}

/** A second, simpler reading: entity-decoded value, controls and whitespace out, lower-cased. */
export function literalScheme(value: string): string | null {
  const cleaned = value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1] ?? null;
}

/** The URLs of a srcset value (comma-separated "url descriptor" candidates). */
function srcsetUrls(value: string): string[] {
  return value
    .split(/,(?=\s|$)|,(?=\S)/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

/** Every reason the HTML is unsafe, as readable lines; empty when it is safe. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if ('tagName' in node) checkElement(node as Element, problems);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
    if ('content' in node && node.content) visit(node.content as unknown as Node);
  };
  visit(parse(`<!doctype html><body>${html}`) as unknown as Node);
  return problems;
}

function checkElement(element: Element, problems: string[]): void {
  const name = element.tagName;
  if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${name}> element`);
  for (const { name: attribute, value } of element.attrs) {
    const lower = attribute.toLowerCase();
    if (lower.startsWith('on')) problems.push(`${lower} on <${name}>`);
    if (lower === 'style' || lower === 'srcdoc' || lower === 'formaction') problems.push(`${lower} on <${name}>`);
    const urls = lower === 'srcset' ? srcsetUrls(value) : URL_ATTRIBUTES.has(lower) ? [value] : [];
    const allowed = IMAGE_ELEMENTS.has(name) ? IMAGE_SCHEMES : LINK_SCHEMES;
    for (const url of urls) {
      const scheme = effectiveScheme(url);
      const literal = literalScheme(url);
      if (scheme !== null && !allowed.has(scheme)) problems.push(`${lower}="${url}" on <${name}> (${scheme})`);
      if (literal !== null && !allowed.has(`${literal}:`)) problems.push(`${lower}="${url}" on <${name}> (${literal}:)`);
    }
  }
}

/**
 * The one way article HTML leaves clipfile: through an allow-list sanitizer (sanitize-html), so
 * what a page smuggled into its story (event handlers, `javascript:` links however spelled,
 * scripts, frames, forms) never reaches `--format html`, `article.json` or anything that
 * renders the HTML later.
 *
 * An allow-list, not a filter of known-bad things: elements and attributes not named here
 * are dropped (an element's text stays unless it is one whose content is never prose), and
 * URLs are judged by their scheme after entity decoding and with the whitespace and control
 * characters browsers ignore taken out (`JaVaScRiPt:`, `&#x6A;avascript:`, `jav&#x09;ascript:`).
 */
import sanitizeHtml from 'sanitize-html';

/** Schemes a link may use; anything else (javascript:, vbscript:, data:, file:, …) is removed. */
export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;
/** Schemes an image source may use: an image is fetched, never navigated to. */
export const ALLOWED_IMAGE_SCHEMES = ['http', 'https'] as const;

/** The elements of an article's structure: text, headings, lists, tables, figures, quotes, links, images. */
const ALLOWED_ELEMENTS = [
  'p', 'br', 'hr', 'div', 'span', 'section', 'article', 'header', 'footer', 'main', 'aside',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'figure', 'figcaption', 'picture', 'source', 'img',
  'blockquote', 'q', 'cite', 'a',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'wbr',
  'abbr', 'time', 'code', 'pre', 'kbd', 'samp', 'var', 'bdi', 'bdo', 'details', 'summary',
];

/** Attributes of tables, lists and times that only describe structure: safe in any profile. */
export const STRUCTURE_ATTRIBUTES: Record<string, string[]> = {
  th: ['colspan', 'rowspan', 'scope', 'headers', 'abbr'],
  td: ['colspan', 'rowspan', 'headers'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  time: ['datetime'],
};

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['lang', 'dir', 'title'],
  a: ['href'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height'],
  source: ['srcset', 'sizes', 'media', 'type'],
  ...STRUCTURE_ATTRIBUTES,
  del: ['datetime', 'cite'],
  ins: ['datetime', 'cite'],
  q: ['cite'],
  // clipfile's own embed blocks (embed-html.ts) say what they stand for.
  blockquote: ['cite', 'class', 'data-kind', 'data-id'],
  details: ['open'],
};

/**
 * Elements whose content is not prose: dropped with everything inside, where other disallowed
 * elements give way to their text.
 */
export const DROPPED_WITH_CONTENT = [
  'script', 'style', 'template', 'noscript', 'textarea', 'xmp', 'option', 'select', 'button',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'title', 'head',
];

/** The descriptors a srcset candidate may carry: a positive width (`480w`) or a density (`2x`). */
const SRCSET_DESCRIPTOR = /^(?:[1-9]\d*w|(?:\d+|\d*\.\d+)x)$/;

/**
 * A srcset rewritten as `URL [descriptor]` candidates, each with at most one well-formed
 * descriptor; candidates with any other descriptor are left out (a browser ignores them too).
 * sanitize-html's srcset parser prints a line on stdout for each malformed descriptor, which
 * would corrupt `--json` output, so it only ever sees this form. Null when nothing is left.
 */
export function wellFormedSrcset(srcset: string): string | null {
  const candidates: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const url = /^\S+/.exec(rest)?.[0];
    if (url === undefined) break;
    rest = rest.slice(url.length);
    if (url.endsWith(',')) {
      candidates.push(url.replace(/,+$/, ''));
      continue;
    }
    const end = rest.indexOf(',');
    const descriptors = (end < 0 ? rest : rest.slice(0, end)).trim().split(/\s+/).filter((d) => d !== '');
    rest = end < 0 ? '' : rest.slice(end + 1);
    if (descriptors.length === 0) candidates.push(url);
    else if (descriptors.length === 1 && SRCSET_DESCRIPTOR.test(descriptors[0]!)) candidates.push(`${url} ${descriptors[0]}`);
  }
  return candidates.length > 0 ? candidates.join(', ') : null;
}

function withWellFormedSrcset(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  // Rebuilt in the same order, so the attributes come out as they stood.
  const kept: sanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    const cleaned = name === 'srcset' ? wellFormedSrcset(value) : value;
    if (cleaned !== null) kept[name] = cleaned;
  }
  return { tagName, attribs: kept };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_ELEMENTS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedClasses: { blockquote: ['clipfile-embed'] },
  allowedSchemes: [...ALLOWED_LINK_SCHEMES],
  // sanitize-html looks a srcset's URLs up under the attribute's name, a src under the element's.
  allowedSchemesByTag: {
    img: [...ALLOWED_IMAGE_SCHEMES],
    source: [...ALLOWED_IMAGE_SCHEMES],
    srcset: [...ALLOWED_IMAGE_SCHEMES],
  },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'srcset'],
  // `//host/x` takes the scheme of whatever page shows it; the pipeline resolves links already.
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  parseStyleAttributes: false,
  transformTags: { img: withWellFormedSrcset, source: withWellFormedSrcset },
};

/** Article HTML made safe to show: allowed elements, attributes and URL schemes only. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

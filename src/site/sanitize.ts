/**
 * Article HTML for the site: a stricter profile than the article sanitizer's
 * (src/extract/sanitize.ts, which archived HTML went through already), for pages opened in a
 * browser with no server, and an allow-list of its own whatever article.json holds: nothing is loaded
 * from outside the site folder (images become links to the image), links go only to absolute
 * http(s) or mailto URLs (a relative link would resolve inside the site or archive folder),
 * and they open without telling the other site where the reader came from.
 */
import sanitizeHtml from 'sanitize-html';
import { DROPPED_WITH_CONTENT, STRUCTURE_ATTRIBUTES } from '../extract/sanitize.js';
import { SafeHtml, externalHref } from './escape.js';

const LINK_REL = 'noopener noreferrer nofollow';

/** What an image becomes: a link to it, with its alt text, since the site loads nothing from outside. */
function imageAsLink(_tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const href = externalHref(attribs['src']);
  const alt = attribs['alt']?.trim();
  const label = alt ? `Image: ${alt}` : 'Image';
  if (!href) return { tagName: 'span', attribs: { class: 'image-link' }, text: `[${label}]` };
  return { tagName: 'a', attribs: { href, rel: LINK_REL, class: 'image-link' }, text: `[${label}]` };
}

function outsideLink(_tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const href = externalHref(attribs['href']);
  const kept: sanitizeHtml.Attributes = {};
  for (const name of ['lang', 'dir', 'title'] as const) if (attribs[name] !== undefined) kept[name] = attribs[name]!;
  if (href) Object.assign(kept, { href, rel: LINK_REL });
  return { tagName: 'a', attribs: kept };
}

const SITE_PROFILE: sanitizeHtml.IOptions = {
  // What the article sanitizer lets through, less what would load or point inside the folder.
  allowedTags: sanitizeHtml.defaults.allowedTags
    .filter((tag) => !['img', 'source', 'picture', 'main', 'nav', 'header', 'footer', 'aside', 'hgroup'].includes(tag))
    .concat(['section', 'article', 'figure', 'figcaption', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'wbr', 'bdi', 'bdo', 'details', 'summary', 'q', 'cite', 'time', 'span', 'div']),
  allowedAttributes: {
    '*': ['lang', 'dir', 'title'],
    a: ['href', 'rel', 'class'],
    span: ['class'],
    ...STRUCTURE_ATTRIBUTES,
    blockquote: ['class', 'data-kind', 'data-id'],
    details: ['open'],
  },
  allowedClasses: { blockquote: ['clipfile-embed'], a: ['image-link'], span: ['image-link'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  parseStyleAttributes: false,
  transformTags: { img: imageAsLink, a: outsideLink },
};

/**
 * Untrusted article HTML made safe for a site page, marked safe for the templates. One pass:
 * the article sanitizer's pass again cost as much as this one and removes nothing this one keeps.
 */
export function sanitizeForSite(articleHtml: string): SafeHtml {
  return new SafeHtml(sanitizeHtml(articleHtml, SITE_PROFILE).trim());
}

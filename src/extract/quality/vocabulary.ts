import type { Element } from '../dom.js';
import { DATE_WORD } from './lang/index.js';
/**
 * The words that give boilerplate away, in any site's markup: class/id names, ARIA roles and
 * the typical wording of short blocks. Nothing here names a site.
 */

/** What a piece of page chrome is, by the category of rule that recognised it. */
export type ChromeKind =
  | 'share'
  | 'newsletter'
  | 'related'
  | 'comments'
  | 'notice'
  | 'breadcrumbs'
  | 'author-bio'
  | 'advert'
  | 'tags'
  | 'hidden'
  | 'navigation';

/**
 * Class or id names, tested one name at a time (lower-cased). A word counts at a boundary of
 * `-`, `_` or the name's ends, so "post-share" matches but "shareholder" does not. State
 * modifiers ("has-social", "is-related") never match: they describe the element, not its role.
 */
const CHROME_NAMES: readonly [ChromeKind, RegExp][] = [
  ['share', /(?:^|[-_])(?:share|shares|sharing|sharebar|share-?(?:buttons?|tools|links|icons)|social(?:-?(?:share|links|icons|buttons|bar|media|follow))?|addthis|sharethis)(?:$|[-_])/],
  ['newsletter', /(?:^|[-_])(?:newsletters?|subscribe|subscription|subscriptions|sign-?up|opt-?in|mailing-?list|email-?signup)(?:$|[-_])/],
  ['related', /(?:^|[-_])(?:related|recommend(?:ed|ations?)?|more-?(?:stories|articles|news|from)|read-?more|also-?read|read-?also|read-?next|you-?may-?like|popular|trending|most-?(?:read|popular|viewed)|outbrain|taboola|recirc(?:ulation)?|further-?reading|next-?(?:post|article)|prev(?:ious)?-?next|post-?navigation)(?:$|[-_])/],
  ['comments', /(?:^|[-_])(?:comments?|comment-?(?:list|section|area|form|thread)|disqus|respond|discussion-?(?:thread|list|board)|discussions|replies)(?:$|[-_])/],
  ['notice', /(?:^|[-_])(?:cookies?|cookie-?(?:banner|notice|consent)|consent|gdpr|paywall|regwall|adblock(?:er)?|piano)(?:$|[-_])/],
  ['breadcrumbs', /(?:^|[-_])(?:breadcrumbs?|crumbs?)(?:$|[-_])/],
  ['author-bio', /(?:^|[-_])(?:author-?(?:bio|box|info|card|content|description|about|flyout|details)|about-?(?:the-?)?author|post-?author|authorbox|bio|biography)(?:$|[-_])/],
  ['advert', /(?:^|[-_])(?:ad|ads|advert|adverts|advertisement|advertising|adslot|ad-?(?:slot|unit|container|wrapper|wrap|box)|dfp|gpt|sponsor|sponsored|promoted)(?:$|[-_])/],
  ['tags', /^(?:tags|tag-?(?:list|cloud|links)|(?:post|entry|article|story)-?(?:tags|categories|topics)|categories|filed-?under)$/],
  ['hidden', /^(?:skip-?(?:link|to-?content)|screen-?reader-?(?:text|only)|sr-?only|visually-?hidden|visuallyhidden)$/],
];

/** Class names that describe a state ("has-", "is-", …), never a role. */
export const STATE_PREFIX = /^(?:has|is|with|no|enable|enabled|show|hide|js|wp|single|page|template|category|tag|topics?|format|status|type|post-type|layout|theme)[-_]/;

/**
 * Marked, not removed, before Readability: bylines and date lines (Readability reads the
 * byline from them) and captions (they stay in the Markdown, beside their figure).
 */
const META_NAME = /(?:^|[-_])(?:dateline|timestamp|(?:post|entry|article|story|content)-?(?:meta|info|date|dates|time)|meta|postinfo|publish(?:ed)?-?(?:date|on|time)|updated|date-?(?:published|updated)|read(?:ing)?-?time|estimated-?read-?time)(?:$|[-_])/;
const CAPTION_NAME = /(?:^|[-_])(?:caption|captions|figcaption|image-?caption|photo-?caption|wp-caption-text)(?:$|[-_])|caption$/;
const CREDIT_NAME = /(?:^|[-_])(?:credit|credits|photo-?credit|image-?credit|copyright|media-?credit)(?:$|[-_])/;

const CHROME_ROLES: Record<string, ChromeKind> = {
  navigation: 'navigation',
  banner: 'navigation',
  contentinfo: 'navigation',
  search: 'navigation',
  menu: 'navigation',
  menubar: 'navigation',
  toolbar: 'navigation',
  dialog: 'notice',
  alertdialog: 'notice',
};

/** Splits a camelCase name ("storyDate") so its words meet the boundaries above, and BEM modifiers off. */
export function classAndIdNames(element: Element): string[] {
  const out: string[] = [];
  const classes = element.getAttribute('class');
  if (classes) for (const name of classes.split(/\s+/)) if (name) out.push(name);
  const id = element.getAttribute('id');
  if (id) out.push(id);
  // A BEM modifier ("fig--has-shares") is a name of its own, so the state prefixes apply to it.
  return out.flatMap((name) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().split('--').filter(Boolean));
}

/** The kind of chrome an element's names or role declare, or null. */
export function chromeKind(element: Element): ChromeKind | null {
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES[role]) return CHROME_ROLES[role]!;
  if (element.tagName === 'NAV') return 'navigation';
  for (const name of classAndIdNames(element)) {
    if (STATE_PREFIX.test(name)) continue;
    for (const [kind, pattern] of CHROME_NAMES) if (pattern.test(name)) return kind;
  }
  return null;
}

export type MarkKind = 'meta' | 'caption' | 'credit';

/** Whether an element is a byline/date line, a caption or a photo credit, by its names. */
export function markKind(element: Element): MarkKind | null {
  if (element.tagName === 'FIGCAPTION') return 'caption';
  for (const name of classAndIdNames(element)) {
    if (STATE_PREFIX.test(name)) continue;
    if (CREDIT_NAME.test(name)) return 'credit';
    if (CAPTION_NAME.test(name)) return 'caption';
    if (META_NAME.test(name)) return 'meta';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Wording of short blocks.

// The wording of short blocks is in the language tables (lang/), one per language; the
// trimming rules read the matchers built from them here.
export { BYLINE_LINE, NEVER_STORY_LINE, NOTICE_LINE, PRODUCTION_CREDIT, RELATED_CUE } from './lang/index.js';

/**
 * A line of dates and times ("Updated Nov 19, 6:55 AM | Posted Nov 19, 6:51 AM", "Posted on
 * 30 March 2015"): short, with a digit, and mostly date words (`minShare` of them).
 */
export function isDateLine(text: string, minShare = 0.75): boolean {
  if (text.length > 100 || !/\d/.test(text)) return false;
  const words = text.match(/[\p{L}\p{N}.]+/gu) ?? [];
  if (words.length === 0 || words.length > 16) return false;
  const dateWords = words.filter((w) => DATE_WORD.test(w.replace(/\.$/, ''))).length;
  return dateWords / words.length >= minShare;
}

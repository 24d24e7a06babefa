import type { Element } from '../dom.js';
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

/**
 * A block that announces links to other stories: "You may also like", "Related:", "Read more:",
 * "More great … stories", "Also on …", and their usual translations.
 */
export const RELATED_CUE =
  /^(?:you (?:may|might|will) (?:also )?(?:like|enjoy|be interested)|you may have missed|related(?: (?:posts?|articles?|stories|content|coverage|reading|news|links|topics))?\b|recommended(?: for you| stories| reading)?\b|more (?:from|on|in|stories|news|articles|reading|to read|great [\w\s'’]{1,30}stories)\b|read (?:more|also|next|this next)\b|see also\b|also (?:on|read|see)\b|further reading|popular (?:posts|stories|now|articles)|most (?:read|popular|viewed)|trending(?: now| stories)?\b|don['’]?t miss|what to read next|leia (?:também|mais)|veja (?:também|mais)|saiba mais|lesen sie (?:auch|mehr)|mehr zum thema|lire aussi|à lire aussi|lee (?:también|más)|leggi anche|читайте также|baca juga)/i;

/**
 * Lines that are never story, up to 200 characters: calls to subscribe, share or comment,
 * notices, affiliate disclosures, tag lines.
 */
export const NEVER_STORY_LINE =
  /^(?:(?:click here to |please )?(?:sign up (?:for|to|now|here|today)|subscribe (?:to|now|here|today|for))\b|get (?:the|our) (?:latest|best|newsletter|daily)|follow (?:us|me|him|her) (?:on|at)\b|share (?:this (?:story|article|post|page)|on (?:facebook|twitter|x\b|whatsapp|linkedin))|like this (?:story|article|post)\b|leave a (?:comment|reply)|post (?:a )?comment|add (?:a )?comment|skip to (?:main )?content|copyright\s*(?:©|\(c\)|\d{4})|©|all rights reserved|have a (?:news )?tip\b|this (?:post|article|page) (?:may )?contains? affiliate|filed under\b|tagged(?: with)?:|tags?:|view author archive|email the author|atenção:? comentários)/i;

/** Very short lines (up to 80 characters) that are never story: labels, counts, read times. */
export const NOTICE_LINE =
  /^(?:advert(?:isement)?s?|sponsored(?: content)?|publicidade|publicidad|anzeige|реклама|iklan|comments?|\d+ comments?|ver comentários|comentários|sign up|subscribe|share|tempo de leitura\b.*|reading time\b.*|\d+ min(?:ute)?s? read|(?:photo|image|picture|foto|фото) ?(?:credit)?s? ?:.*)[\s.:!…]*$/i;

/** Wire-service and production credits closing a story. */
export const PRODUCTION_CREDIT =
  /^\(?(?:(?:additional )?reporting by|editing by|edited by|writing by|compiled by|with reporting (?:by|from)|produced by)\b/i;

/** Words of a publishing line: dates, times, and the words around them. */
const DATE_WORD = new RegExp(
  String.raw`^(?:\d{1,4}(?:st|nd|rd|th)?|am|pm|a\.?m|p\.?m|utc|gmt|[ecmp][sd]t|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|posted|published|updated|last|modified|first|on|at|in|by|de|em|le|am|um|ago|hours?|minutes?|days?|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)$`,
  'i',
);

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

/** "By Jane Doe", "Words by …", "Por …": a byline line. */
export const BYLINE_LINE = /^(?:by|words by|text by|written by|por|von|par|di|oleh|автор)[\s:]+\p{Lu}/iu;

/**
 * Every language table of page-chrome words, and the matchers built from them once. A page's
 * language is not trusted (pages mislabel it, and chrome is often in the site's language, not
 * the story's), so the matchers hold every language's words.
 */
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { nl } from './nl.js';
import { pt } from './pt.js';
import { ru } from './ru.js';
import type { ChromeWords } from './types.js';

export type { ChromeWords } from './types.js';

export const LANGUAGES: readonly ChromeWords[] = [en, de, fr, es, pt, it, nl, ru];

type ListField = { [K in keyof ChromeWords]: ChromeWords[K] extends readonly string[] ? K : never }[keyof ChromeWords];

/** The alternation of one field's entries over every language. */
export function alternation(field: ListField): string {
  return LANGUAGES.flatMap((table) => table[field]).join('|');
}

/** A heading that opens reader comments, optionally after a count: "12 Comments", "Comments (3)". */
export const COMMENTS_HEADING = new RegExp(
  String.raw`^(?:\d+\s+)?(?:${alternation('commentsHeading')})(?:\s*[(\[]?\s*\d+\s*[)\]]?)?[\s:.…!?]*$`,
  'iu',
);

/**
 * A class/id word of a comments container, whole or as a `-`-separated part of a longer name
 * ("comments", "comment-list", "jc-comments-div", "all-comments").
 */
export const COMMENTS_NAME = new RegExp(`(?:^|-)(?:${alternation('commentsName')})(?:$|-)`, 'i');

/**
 * Names of the networks share rows link to: the same in every language, and never the page's
 * own site (a rule matches them only as whole words of a row made of nothing else).
 */
const SHARE_NETWORKS = [
  'facebook', 'twitter', 'x', 'whatsapp', 'linkedin', 'pinterest', 'reddit', 'tumblr', 'google', 'telegram', 'digg', 'stumbleupon',
  'delicious', 'flipboard', 'vk', 'messenger', 'buffer', 'pocket', 'rss', 'mix', 'line', 'viber', 'skype', 'xing', 'weibo',
];

/** Words that make a share row (share words of every language and the networks). */
export const SHARE_WORDS: ReadonlySet<string> = new Set([...LANGUAGES.flatMap((table) => table.shareWords), ...SHARE_NETWORKS]);
/** Words that may join them in such a row. */
export const SHARE_GLUE: ReadonlySet<string> = new Set(LANGUAGES.flatMap((table) => table.shareGlue));

/** A blog's post data under the story, at the start of a block. */
export const POST_META = new RegExp(`^(?:${alternation('postMeta')})`, 'iu');

/** A site footer's rights line, anywhere in a block. */
export const RIGHTS_RESERVED = new RegExp(`(?:${alternation('rightsReserved')})`, 'iu');

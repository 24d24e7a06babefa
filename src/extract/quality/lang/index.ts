/**
 * Every language table of page-chrome words, and the matchers built from them once. A page's
 * language is not trusted (pages mislabel it, and chrome is often in the site's language, not
 * the story's), so the matchers hold every language's words.
 */
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { id } from './id.js';
import { it } from './it.js';
import { nl } from './nl.js';
import { pt } from './pt.js';
import { ru } from './ru.js';
import type { ChromeWords } from './types.js';

export type { ChromeWords } from './types.js';

export const LANGUAGES: readonly ChromeWords[] = [en, de, fr, es, pt, it, nl, ru, id];

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

/** A rights notice with its year, anywhere in a block: "© 2006 …", "Copyright (c) 1999 …", "BBC © 2012". */
export const COPYRIGHT_YEAR = new RegExp(String.raw`(?:[©ⓒ]|\(c\)|(?<![\p{L}\p{N}])(?:${alternation('copyrightWord')})(?![\p{L}\p{N}]))\s*(?:[©ⓒ]\s*)?(?:\(c\)\s*)?(?:19|20)\d\d(?!\d)`, 'iu');

/** A call to subscribe to a newsletter or an e-mail list, anywhere in a block, from a word's start. */
export const NEWSLETTER_CALL = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation('newsletterCall')})`, 'iu');

/** A site's notice about itself (its rights, affiliate links, whose views it holds), anywhere in a block, from a word's start. */
export const SITE_NOTICE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation('siteNotice')})`, 'iu');

/**
 * Notation of a publishing line in every language: a number up to four digits (day, year,
 * hour) and clock and time-zone abbreviations.
 */
const DATE_NOTATION = String.raw`\d{1,4}|am|pm|a\.?m|p\.?m|utc|gmt|[ecmp][sd]t`;

/** A word of a publishing line ("Posted on 30 March 2015"): the date words of every table, or date notation. */
export const DATE_WORD = new RegExp(`^(?:${DATE_NOTATION}|${alternation('dateWords')})$`, 'i');

/** A block that opens by announcing links to other stories; `exec` gives the cue's length. */
export const RELATED_CUE = new RegExp(`^(?:${alternation('relatedCue')})`, 'i');

/** A line that is never story, up to 200 characters (a copyright sign, © or the circled ⓒ some scripts use, opens one in any language). */
export const NEVER_STORY_LINE = new RegExp(`^(?:${alternation('neverStory')}|[©ⓒ])`, 'i');

/** A very short line (up to 80 characters) that is never story, whole. */
export const NOTICE_LINE = new RegExp(`^(?:${alternation('noticeLine')})[\\s.:!…]*$`, 'i');

/** The whole text of a link onward to the rest of another page ("Read more…", "[Continue reading →]"). */
export const READ_MORE_LINK = new RegExp(`^[\\s\\[(«‹<]*(?:${alternation('readMoreLink')})[\\s.…:!»›>→)\\]]*$`, 'iu');

/** Wire-service and production credits closing a story. */
export const PRODUCTION_CREDIT = new RegExp(`^\\(?(?:${alternation('productionCredit')})\\b`, 'i');

/**
 * "By Jane Doe", "Words by …", "Por …": a byline line. The byline word in any case, the name's
 * capital a real one: with the `i` flag `\\p{Lu}` matches any letter, and an opening sentence
 * such as "By the morning the ferry had left." was taken for a byline and cut.
 */
export const BYLINE_LINE = new RegExp(`^(?:${caseless(alternation('bylineWord'))})[\\s:]+\\p{Lu}`, 'u');

/** Each letter of plain words as a class of its two cases ("by" → "[bB][yY]"), for a regex without `i`. */
function caseless(words: string): string {
  return [...words].map((char) => (char.toLowerCase() === char.toUpperCase() ? char : `[${char.toLowerCase()}${char.toUpperCase()}]`)).join('');
}

/** What follows a commenter's name ("says:", "schrieb"), at the end of the name's text. */
export const COMMENTER_SAYS = new RegExp(`\\s*(?:${alternation('commenterSays')})\\s*(?::|\\.{2,3}|…)?\\s*$`, 'iu');
/** A comment's first line holding only its number and the verb after its author's name ("2. Says:"), with the blank line after it. */
export const SIGNATURE_LEFTOVER = new RegExp(String.raw`^(?:#?\d+[.)]?\s*)?(?:${alternation('commenterSays')})\s*(?::|\.{2,3}|…)?[ \t]*(?:\n\s*|$)`, 'iu');
/** What precedes a commenter's name ("by", "von"). */
export const COMMENTER_BY = new RegExp(`^(?:${alternation('commenterBy')})\\s+`, 'i');

/** Class/id words of a comment's author and date in the tables' languages (whole parts). */
export const COMMENT_AUTHOR_NAMES: readonly string[] = LANGUAGES.flatMap((table) => table.commentAuthorName);
export const COMMENT_DATE_NAMES: readonly string[] = LANGUAGES.flatMap((table) => table.commentDateName);

/** A stem every class/id word of COMMENTS_NAME holds: a cheap test before the names are split. */
export const COMMENTS_NAME_STEM = new RegExp(alternation('commentsNameStem'), 'i');

/** A date written in words inside a line ("June 08, 2012", "3 days ago"). */
export const DATE_IN_TEXT_WORDS = new RegExp(alternation('dateInText'), 'i');

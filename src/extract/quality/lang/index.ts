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

/** A class/id word of a comments container, whole ("comments", "comment-list"). */
export const COMMENTS_NAME = new RegExp(`^(?:${alternation('commentsName')})$`, 'i');

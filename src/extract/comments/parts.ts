/**
 * The parts of one reader comment, read from its markup: which element names the author, which
 * the date, which are controls ("Reply", votes), and the author's name and date as text. Used by
 * find.ts, which finds the thread and its comments. Nothing here names a site.
 */
import {
  COMMENT_AUTHOR_NAMES,
  COMMENT_DATE_NAMES,
  COMMENTER_BY,
  COMMENTER_SAYS,
  DATE_IN_TEXT_WORDS,
  DATE_WORD,
} from '../quality/lang/index.js';
import { classAndIdNames } from '../quality/vocabulary.js';
import { textOf } from '../quality/dom.js';
import { renderText } from '../text.js';
import { collapseSpace } from '../../text/index.js';
import type { Element } from '../dom.js';

/**
 * Words of the class/id names of a comment's author, date and controls, tested one `-`/`_`
 * part at a time ("comment-author", "comment_time", "cm-meta"); whole names after the `|`.
 */
const AUTHOR_PART = new RegExp(`^(?:${['author', 'commenter', 'username', 'fn', 'nick', 'nickname', 'poster', 'name', 'vcard', 'byline', 'commentator', ...COMMENT_AUTHOR_NAMES].join('|')})$`);
const AUTHOR_WHOLE = /^(?:user-?name|comment-?by|by)$/;
/** Class words of what a comment's header says about its author beside the name. */
const ABOUT_AUTHOR_PART = /^(?:fans|followers|following|bio|about|avatar|photo|image|img|pic|picture|count|stats|rank|karma|badges?|points|reputation|posts|location|title|info|details|description)$/;
const DATE_PART = new RegExp(`^(?:${['date', 'time', 'timestamp', 'datetime', 'posted', 'published', 'meta', 'metadata', 'commentmetadata', 'when', 'ago', ...COMMENT_DATE_NAMES].join('|')})$`);
const CONTROL_PART = /^(?:reply|actions?|tools|vote|votes|voting|rating|likes?|avatar|photo|report|flag|share|permalink|edit|moderation|says|button|btn|respond|awaiting)$/;

/** Longest author or date line: longer is text, not a name or a date. */
const MAX_AUTHOR_CHARS = 80;
const MAX_DATE_CHARS = 80;

export function findPartOrSelf(element: Element, nested: (e: Element) => boolean, test: (e: Element) => boolean): Element | null {
  return test(element) ? element : findPart(element, nested, test);
}

/**
 * The deepest part inside `element` that `test` also accepts: a byline that holds the author's
 * name beside the date and a "Reply" link names the author in a part of its own. The whole outer
 * part still stays out of the comment's text.
 */
export function innermostPart(element: Element, nested: (e: Element) => boolean, test: (e: Element) => boolean): Element {
  let current = element;
  for (let inner = findPart(current, nested, test); inner; inner = findPart(current, nested, test)) current = inner;
  return current;
}

/** The first element of the comment (outside nested replies) that `test` accepts. */
export function findPart(member: Element, nested: (e: Element) => boolean, test: (e: Element) => boolean): Element | null {
  const walk = (element: Element): Element | null => {
    for (const child of Array.from(element.children)) {
      if (nested(child)) continue;
      if (test(child)) return child;
      const inside = walk(child);
      if (inside) return inside;
    }
    return null;
  };
  return walk(member);
}

/** Class and id words with "_" read as "-", as the name patterns are written. */
export function words(element: Element): string[] {
  return classAndIdNames(element).map((name) => name.replace(/_/g, '-'));
}

export function isAuthorPart(element: Element): boolean {
  const prop = element.getAttribute('itemprop');
  if (prop === 'author' || prop === 'creator') return true;
  if (element.tagName === 'CITE' || element.getAttribute('rel') === 'author') return hasShortText(element, MAX_AUTHOR_CHARS);
  return hasNamePart(element, AUTHOR_PART, AUTHOR_WHOLE) && !hasNamePart(element, DATE_PART) && hasShortText(element, MAX_AUTHOR_CHARS);
}

/**
 * An author part that holds the name alone, not one that says something about the author
 * ("author-fans", "author-bio"): the byline around it may hold the date and a "Reply" link too.
 */
export function isNamePart(element: Element): boolean {
  return isAuthorPart(element) && !hasNamePart(element, ABOUT_AUTHOR_PART);
}

function hasNamePart(element: Element, part: RegExp, whole?: RegExp): boolean {
  return words(element).some((name) => whole?.test(name) || name.split('-').some((p) => part.test(p)));
}

export function isDatePart(element: Element): boolean {
  const prop = element.getAttribute('itemprop');
  if (prop === 'dateCreated' || prop === 'datePublished' || prop === 'commentTime') return true;
  if (element.tagName === 'TIME') return true;
  return hasNamePart(element, DATE_PART) && hasShortText(element, MAX_DATE_CHARS) && /\d/.test(element.textContent ?? '');
}

/** A date in figures: "2012-06-08", "08/06/12". */
const NUMERIC_DATE = /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/;

/** A date as pages write it: "June 08, 2012", "8 June 2012", "2012-06-08", "08/06/12", "3 days ago". */
function holdsDate(text: string): boolean {
  return dateStart(text) >= 0;
}
/** Longest line read as a comment's date line when no markup names it. */
const MAX_DATE_LINE_CHARS = 100;

/**
 * A short line carrying a date ("Posted by: Jane | June 08, 2012 at 02:29 PM"), for comments
 * whose markup names neither author nor date: a classed block or a non-paragraph, so a
 * one-line comment that mentions a date stays text.
 */
export function isDateLine(element: Element): boolean {
  if (element.tagName === 'P' && !element.getAttribute('class')) return false;
  if (element.querySelector('p, div, li')) return false;
  const text = textOf(element);
  return text.length > 0 && text.length <= MAX_DATE_LINE_CHARS && holdsDate(text);
}

/** The first line of a comment's text when it is a short line carrying a date, else null. */
export function leadingDateLine(text: string): string | null {
  const end = text.search(/\n/);
  const line = end < 0 ? text : text.slice(0, end);
  return end > 0 && line.length <= MAX_DATE_LINE_CHARS && holdsDate(line) ? line : null;
}

export function isControl(element: Element): boolean {
  if (element.tagName === 'BUTTON' || element.tagName === 'IMG') return true;
  return hasNamePart(element, CONTROL_PART);
}

function hasShortText(element: Element, max: number): boolean {
  const text = textOf(element);
  return text.length > 0 && text.length <= max;
}

/**
 * The commenter's name: the author part's text up to the first part beside the name (a date,
 * a "Reply" link, a fan count: "Jane on <time>Aug 9</time> via mobile"), or without those parts when they
 * come first; cut where a date written into the same line begins ("by Jane July 24, 2012
 * 1:17 PM", "Jane 10.29.2012"), without "by" before it and "says:" after it.
 */
export function authorName(element: Element): string | null {
  const besideName = (part: Element) => part !== element && (isControl(part) || isDatePart(part) || hasNamePart(part, ABOUT_AUTHOR_PART));
  let name = collapseSpace(renderText(element, [], { until: besideName })) || collapseSpace(renderText(element, [], { skip: besideName }));
  const date = dateStart(name);
  if (date > 0) name = name.slice(0, date);
  // Something beside the name was cut off: the words that led into it go too.
  if (name.length < textOf(element).length) name = withoutTrailingDateWords(name);
  name = name.replace(COMMENTER_SAYS, '').replace(COMMENTER_BY, '').trim();
  return name || null;
}

/** Where the first date in `text` begins, or -1. */
function dateStart(text: string): number {
  const starts = [text.search(NUMERIC_DATE), text.search(DATE_IN_TEXT_WORDS)].filter((at) => at >= 0);
  return starts.length > 0 ? Math.min(...starts) : -1;
}

/**
 * The name before a date without the lowercase words that lead into the date ("on", "at",
 * "posted") and the separators: a capitalised word there ("May") is part of the name.
 */
function withoutTrailingDateWords(text: string): string {
  const tokens = text.trim().split(' ');
  while (tokens.length > 1) {
    const last = tokens[tokens.length - 1]!;
    if (!/^[\p{P}\p{S}]+$/u.test(last) && !(last === last.toLowerCase() && DATE_WORD.test(last))) break;
    tokens.pop();
  }
  return tokens.join(' ').replace(/[\s,;:|·•–—-]+$/u, '');
}

export function dateOf(element: Element): string | null {
  const machine = element.getAttribute('datetime') ?? (element.getAttribute('itemprop') ? element.getAttribute('content') : null);
  if (machine && !Number.isNaN(Date.parse(machine))) return machine.trim();
  const time = element.tagName === 'TIME' ? null : element.querySelector('time[datetime]');
  const nestedMachine = time?.getAttribute('datetime');
  if (nestedMachine && !Number.isNaN(Date.parse(nestedMachine))) return nestedMachine.trim();
  return textOf(element) || null;
}


/**
 * `--render auto`: whether a page's static HTML is enough, or the page must be rendered in a
 * browser. Pure: from the Article the static HTML gave (null when it gave none) and that HTML.
 * The reasons are kept in provenance.
 */
import type { Article, RenderReason } from '../article.js';
import { decodeEntities } from '../extract/metadata/values.js';

export type { RenderReason };

export type RenderMode = 'never' | 'auto' | 'always';
export const RENDER_MODES: readonly RenderMode[] = ['never', 'auto', 'always'];

export type RenderDecision = { render: true; reason: RenderReason } | { render: false; reason: null };

/** Below this confidence, the static story is doubtful enough to render the page. */
export const RENDER_BELOW_CONFIDENCE = 0.5;
/** Prose in inline scripts this many times the story's length means the story is built by script. */
export const SCRIPT_PROSE_RATIO = 3;
/** …and at least this much of it, so a short page's small data blob does not count. */
export const MIN_SCRIPT_PROSE_CHARS = 2_000;
/** A string literal in a script counts as prose from this many spaces on (and 120 characters, STRING_LITERAL). */
const PROSE_LITERAL_MIN_SPACES = 15;
/** An embed placeholder holds at most this much text (a bare link, a date) before its script fills it. */
export const EMPTY_EMBED_MAX_CHARS = 40;

const KEEP_STATIC: RenderDecision = { render: false, reason: null };

/** A story shorter than this is a stub, which scripts may be meant to complete. */
export const STUB_ARTICLE_CHARS = 1_000;

export function decideRender(article: Article | null, html: string): RenderDecision {
  // Without a script, the page in a browser is the page as served: nothing to gain.
  if (!hasScripts(html)) return KEEP_STATIC;
  if (!article) return { render: true, reason: 'no-article' };
  if (article.confidence < RENDER_BELOW_CONFIDENCE) return { render: true, reason: 'low-confidence' };
  if (hasScriptFilledEmbed(html)) return { render: true, reason: 'script-embed' };
  if (article.text.length < STUB_ARTICLE_CHARS) {
    const needed = Math.max(MIN_SCRIPT_PROSE_CHARS, SCRIPT_PROSE_RATIO * article.text.length);
    if (scriptProseChars(html, needed) >= needed) return { render: true, reason: 'short-article' };
  }
  return KEEP_STATIC;
}

/**
 * The markup that embed widget scripts replace (their documented source markup), by class.
 * A placeholder with little text in it and an external script on the page is waiting for one.
 */
const EMBED_PLACEHOLDER_CLASSES = ['twitter-tweet', 'twitter-video', 'instagram-media', 'tiktok-embed', 'bluesky-embed', 'fb-post', 'fb-video'];
/**
 * Bounds that keep the scan linear whatever the page: a tag is read up to MAX_TAG_CHARS, a
 * placeholder's inside up to MAX_PLACEHOLDER_CHARS (a longer one is no placeholder), and at most
 * MAX_CLASS_MENTIONS mentions of the class names are looked at (one empty placeholder decides).
 */
const MAX_TAG_CHARS = 1_000;
const MAX_PLACEHOLDER_CHARS = 2_000;
const MAX_CLASS_MENTIONS = 200;

export function hasScriptFilledEmbed(html: string): boolean {
  if (!hasExternalScript(html)) return false;
  // Case-insensitive searches of the page as it is: lower-casing a copy of a 200 KB page for
  // each scan cost more than the scans.
  const mention = new RegExp(EMBED_PLACEHOLDER_CLASSES.join('|'), 'gi');
  let mentions = 0;
  for (let found = mention.exec(html); found !== null && mentions < MAX_CLASS_MENTIONS; found = mention.exec(html)) {
    mentions++;
    const at = found.index;
    const windowStart = Math.max(0, at - MAX_TAG_CHARS);
    const tagStart = html.lastIndexOf('<', at);
    if (tagStart < windowStart) continue;
    const tagEnd = html.slice(at, at + MAX_TAG_CHARS).indexOf('>');
    if (tagEnd === -1) continue;
    const insideStart = at + tagEnd + 1;
    const tag = html.slice(tagStart, insideStart).toLowerCase();
    const element = /^<(blockquote|div)[\s/]/.exec(tag)?.[1];
    if (!element || !/\bclass\s*=/.test(tag)) continue;
    const close = html.slice(insideStart, insideStart + MAX_PLACEHOLDER_CHARS).toLowerCase().indexOf(`</${element}`);
    if (close !== -1 && visibleText(html.slice(insideStart, insideStart + close)).length <= EMPTY_EMBED_MAX_CHARS) return true;
  }
  return false;
}

function hasExternalScript(html: string): boolean {
  for (const { attributes } of scriptElements(html)) if (/\bsrc\s*=/i.test(attributes)) return true;
  return false;
}

/**
 * The page's script elements, found in one pass: an unclosed one runs to the end of the page.
 * `start` and `end` bound the whole element, tags included.
 */
function* scriptElements(html: string): Generator<{ attributes: string; body: string; start: number; end: number }> {
  const opening = /<script/gi;
  const closing = /<\/script/gi;
  for (let found = opening.exec(html); found !== null; found = opening.exec(html)) {
    const at = found.index;
    const tagEnd = html.indexOf('>', at);
    if (tagEnd === -1) return;
    closing.lastIndex = tagEnd;
    const close = closing.exec(html)?.index ?? -1;
    const bodyEnd = close === -1 ? html.length : close;
    const attributes = html.slice(at + '<script'.length, tagEnd);
    const end = close === -1 ? html.length : close + '</script'.length;
    // `<scripts>` or `<script-x>` are other elements.
    if (/^[\s/]|^$/.test(attributes)) yield { attributes, body: html.slice(tagEnd + 1, bodyEnd), start: at, end };
    if (close === -1) return;
    opening.lastIndex = close + 1;
  }
}

function scriptType(attributes: string): string {
  return /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1]?.toLowerCase() ?? '';
}

/** Whether the page has a script that a browser would run (JSON-LD and other data blocks are not). */
export function hasScripts(html: string): boolean {
  for (const { attributes } of scriptElements(html)) {
    const type = scriptType(attributes);
    if (type === '' || type === 'module' || type.includes('javascript') || type.includes('ecmascript')) return true;
  }
  return false;
}

/** A string literal of at least 120 characters, double- or single-quoted. */
const STRING_LITERAL = /"((?:[^"\\\n]|\\.){120,})"|'((?:[^'\\\n]|\\.){120,})'/g;
/**
 * Where one value of a JSON document held in a string literal ends and the next begins (`","`,
 * `\":\"`, braces, brackets): a state blob serialised twice is one literal, and its values are
 * judged one by one.
 */
const JSON_VALUE_BOUNDARY = /\\*["']\s*[:,]\s*\\*["']|\\*["']?\s*[:,]?\s*[{}[\]]+\s*\\*["']?/;
/** Characters of code and markup, not of prose: a value with more than CODE_SHARE_MAX of them is code or data. */
const CODE_CHARACTER = /[{}[\]=;|\\<>_$#*^~`@]/g;
const CODE_SHARE_MAX = 0.01;
/** Letters in prose: at least this share of a value's characters. */
const LETTER = /\p{L}/gu;
const LETTER_SHARE_MIN = 0.6;
/** How many prose values are compared with the markup at most: the scan stays linear on any page. */
const MAX_PROSE_VALUES = 300;
/** A value is on the page already when its first this-many letters and digits are in the markup (a teaser cut short still starts alike). */
const MARKUP_PROBE_CHARS = 40;

/**
 * Characters of prose that only the page's inline scripts hold (JSON-LD aside, which extraction
 * reads already): the values of long string literals that read as sentences (many spaces, mostly
 * letters, hardly any code characters), each counted once, and only when the markup outside the
 * scripts does not hold it already. A client-rendered page's state blob holds its story this way;
 * minified code, link tables, and a teaser or description repeated in the markup add nothing that
 * rendering would show. Counting stops at `enough`.
 */
export function scriptProseChars(html: string, enough: number = Number.POSITIVE_INFINITY): number {
  let total = 0;
  let compared = 0;
  const seen = new Set<string>();
  let markup: string | null = null;
  for (const { attributes, body } of scriptElements(html)) {
    if (/\bsrc\s*=/i.test(attributes) || scriptType(attributes).includes('ld+json')) continue;
    for (const literal of body.matchAll(STRING_LITERAL)) {
      for (const value of decodeScriptString(literal[1] ?? literal[2] ?? '').split(JSON_VALUE_BOUNDARY)) {
        const text = visibleText(value);
        if (countSpaces(text) < PROSE_LITERAL_MIN_SPACES || !readsAsProse(text)) continue;
        const key = lettersAndDigits(text);
        if (seen.has(key)) continue;
        seen.add(key);
        if (++compared > MAX_PROSE_VALUES) return total;
        markup ??= lettersAndDigits(markupText(withoutScripts(html)));
        if (markup.includes(key.slice(0, MARKUP_PROBE_CHARS))) continue;
        total += text.length;
        if (total >= enough) return total;
      }
    }
  }
  return total;
}

function readsAsProse(text: string): boolean {
  const code = text.match(CODE_CHARACTER)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 0;
  return code <= text.length * CODE_SHARE_MAX && letters >= text.length * LETTER_SHARE_MIN;
}

/** A literal's text with its escapes undone (\", \n, \u003c, \x3c), as the script would see it. */
function decodeScriptString(literal: string): string {
  return literal
    .replace(/\\u([0-9a-f]{4})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(["'\/])/g, '$1');
}

function withoutScripts(html: string): string {
  let markup = '';
  let from = 0;
  for (const script of scriptElements(html)) {
    markup += html.slice(from, script.start);
    from = script.end;
  }
  return markup + html.slice(from);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Whether each UTF-16 code unit outside the surrogates is a letter or digit: 0 not known yet, 1 yes, 2 no. */
const letterOrDigitUnits = new Uint8Array(0x10000);
const utf16 = new TextDecoder('utf-16le');

/**
 * The text reduced to lower-case letters and digits (Unicode's L and N): markup, entities and
 * punctuation aside. Its code units are copied into an array and decoded once: replacing every
 * run of other characters with a /u pattern cost about 12 ms for a 200 KB page, four times this.
 */
function lettersAndDigits(text: string): string {
  const lower = text.toLowerCase();
  const kept = new Uint16Array(lower.length);
  let length = 0;
  for (let index = 0; index < lower.length; index++) {
    const unit = lower.charCodeAt(index);
    if (unit < 0x80) {
      if ((unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39)) kept[length++] = unit;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      // A letter beyond the first plane is two units; a lone surrogate is no letter.
      const point = lower.codePointAt(index)!;
      const width = point > 0xffff ? 2 : 1;
      if (LETTER_OR_DIGIT.test(String.fromCodePoint(point))) for (let offset = 0; offset < width; offset++) kept[length++] = lower.charCodeAt(index + offset);
      index += width - 1;
    } else {
      let known = letterOrDigitUnits[unit]!;
      if (known === 0) known = letterOrDigitUnits[unit] = LETTER_OR_DIGIT.test(lower[index]!) ? 1 : 2;
      if (known === 1) kept[length++] = unit;
    }
  }
  return utf16.decode(kept.subarray(0, length));
}

function countSpaces(text: string): number {
  let spaces = 0;
  for (let index = text.indexOf(' '); index !== -1; index = text.indexOf(' ', index + 1)) spaces++;
  return spaces;
}

/** A tag opens with a letter, `/`, `!` or `?` (a bare `<` in text or a stray script is no tag), and ends before any further `<`, which keeps the scan linear. */
const MARKUP_TAG = /<[!/?]?[a-z][^<>]*>/gi;

/**
 * What the markup shows, for comparing letters only: tags go whole (their names and attributes are
 * letters too: they split a teaser's words wherever a link or an emphasis sits in it, and a
 * description in a meta tag or an alt is not shown), character references are decoded (a curly
 * apostrophe written `&#8217;` would leave "8217" between two letters), other named ones go.
 */
function markupText(markup: string): string {
  return decodeEntities(markup.replace(MARKUP_TAG, '')).replace(/&[a-z][a-z0-9]*;/gi, '');
}

/** Text without tags (escaped ones in script strings too) and with runs of space collapsed. */
function visibleText(markup: string): string {
  return markup
    .replace(/\\u003c/gi, '<')
    .replace(/\\u003e/gi, '>')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

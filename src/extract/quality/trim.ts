/**
 * Trimming after Readability, by wording and position: lines that are never story (calls to
 * subscribe or share, notices, publishing data), "related" blocks with the links they announce,
 * and the leading and trailing blocks that are not story (date lines, bylines, breadcrumbs,
 * link lists, author bios, production credits).
 */
import { countWordRuns } from '../../text/index.js';
import { EMBED_PLACEHOLDER_SELECTOR } from '../markers.js';
import { isHeading, MARK_ATTRIBUTE, leafBlocks, linkDensity, removeWithEmptyAncestors, textOf } from './dom.js';
import type { MarkKind } from './vocabulary.js';
import { isStoryParagraph, removeChromeAfterStory, removeTeasers } from './trim-tail.js';
import { removeRelatedRun, type Trimming } from './trim-related.js';
import { COPYRIGHT_YEAR, NEWSLETTER_CALL, POST_META, RIGHTS_RESERVED, SHARE_GLUE, SHARE_WORDS, SITE_NOTICE } from './lang/index.js';
import { BYLINE_LINE, isDateLine, NEVER_STORY_LINE, NOTICE_LINE, PRODUCTION_CREDIT } from './vocabulary.js';
import type { Element } from '../dom.js';

export type TrimRule =
  | 'marked-meta'
  | 'credit'
  | 'never-story-line'
  | 'related-block'
  | 'leading-meta'
  | 'trailing-links'
  | 'author-bio'
  | 'production-credit'
  | 'share-row'
  | 'post-meta'
  | 'rights-line'
  | 'newsletter-call'
  | 'site-notice'
  | 'post-navigation'
  | 'headline-list'
  | 'teaser'
  | 'chrome-after-story';

export interface TrimReport {
  removed: Partial<Record<TrimRule, number>>;
}

export interface TrimContext {
  /** Embed placeholders: never removed. */
  isPlaceholder(element: Element): boolean;
  /** Names of the authors (from the metadata), to recognise a closing bio. */
  authors: readonly string[];
  /** Texts of the elements the cleaning marked, found again where Readability rebuilt them. */
  markedTexts?: Record<MarkKind, string[]>;
}

const SHORT_LINE = 200;
const CUE_LINE = 120;

/**
 * The trimming passes, in order. Whole on purpose (longer than 60 lines): each pass sees what the
 * ones before it left, so their order is the rule and is read here in one place.
 */
export function trimContent(content: Element, context: TrimContext): TrimReport {
  const report: TrimReport = { removed: {} };
  const count = (rule: TrimRule, n = 1) => {
    if (n > 0) report.removed[rule] = (report.removed[rule] ?? 0) + n;
  };
  const remove = (element: Element, rule: TrimRule) => {
    if (!content.contains(element)) return;
    removeWithEmptyAncestors(element, content);
    count(rule);
  };
  const trimming: Trimming = { content, isPlaceholder: context.isPlaceholder, remove };

  // 1. What the cleaning marked: byline and date lines go; credits go; captions stay.
  for (const element of Array.from(content.querySelectorAll(`[${MARK_ATTRIBUTE}]`))) {
    if (!content.contains(element)) continue;
    const mark = element.getAttribute(MARK_ATTRIBUTE);
    if (mark === 'caption') continue;
    const text = textOf(element);
    if (context.isPlaceholder(element) || element.querySelector(EMBED_PLACEHOLDER_SELECTOR)) continue;
    if (mark === 'meta' && text.length <= 300 && !hasLongParagraph(element)) remove(element, 'marked-meta');
    // A credit inside a caption stays with it (the caption is out of the text anyway).
    else if (mark === 'credit' && text.length <= 150 && !element.closest(`figure, figcaption, [${MARK_ATTRIBUTE}="caption"]`)) {
      remove(element, 'credit');
    }
  }

  // 1b. The same, found by text where Readability rebuilt the marked element. Blocks are only
  // ever removed below, so one list serves every step (filtered for what is still there).
  const allBlocks = leafBlocks(content, context.isPlaceholder);
  const current = () => allBlocks.filter((b) => content.contains(b));
  let blocks = allBlocks;
  const texts = context.markedTexts;
  if (texts && texts.meta.length + texts.caption.length + texts.credit.length > 0) {
    const within = (list: string[], text: string) => list.some((marked) => marked.includes(text));
    for (const block of blocks) {
      if (context.isPlaceholder(block) || block.hasAttribute(MARK_ATTRIBUTE) || ['FIGURE', 'TABLE'].includes(block.tagName)) continue;
      if (block.closest(`[${MARK_ATTRIBUTE}]`)) continue;
      const text = textOf(block);
      if (text.length < 8 || text.length > 400) continue;
      if (text.length <= 300 && within(texts.meta, text)) remove(block, 'marked-meta');
      else if (within(texts.caption, text)) block.setAttribute(MARK_ATTRIBUTE, 'caption');
      else if (text.length <= 150 && within(texts.credit, text) && !block.closest('figure, figcaption')) remove(block, 'credit');
    }
    blocks = current();
  }

  // 1c. Captions whose names Readability dropped: the text of a figure beside its image. Marked,
  // not removed: they stay in the Markdown. Where captions hold most of the text, they are the story.
  markFigureCaptions(blocks, context.isPlaceholder);
  unmarkCaptionsTellingTheStory(content);

  // 2. Wording, block by block.
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (!content.contains(block) || context.isPlaceholder(block)) continue;
    if (block.tagName === 'FIGURE' || block.tagName === 'TABLE') continue;
    const text = textOf(block);
    if (!text) continue;
    const chrome = chromeLine(block, text);
    // Never the content's only text: a page whose story is elsewhere (its comments) still needs an article.
    if (chrome && textOf(content).length > text.length) {
      remove(block, chrome);
      continue;
    }
    if (text.length > SHORT_LINE) continue;
    const lastRelated = text.length <= CUE_LINE ? removeRelatedRun(blocks, i, text, trimming) : -1;
    if (lastRelated >= 0) {
      i = lastRelated;
      continue;
    }
    if (NEVER_STORY_LINE.test(text) || (text.length <= 80 && NOTICE_LINE.test(text)) || isDateLine(text)) {
      remove(block, 'never-story-line');
    }
  }

  // 2b. The same cues where the story is set in the cells of a layout table, which step 2 read
  // as one block. Only the cues: the line rules keep to the blocks they were made for.
  if (content.querySelector('td')) {
    const cellBlocks = leafBlocks(content, context.isPlaceholder, { intoLayoutTables: true });
    for (let i = 0; i < cellBlocks.length; i++) {
      const block = cellBlocks[i]!;
      if (!content.contains(block) || context.isPlaceholder(block) || !block.closest('td, th')) continue;
      const text = textOf(block);
      if (!text || text.length > CUE_LINE) continue;
      const lastRelated = removeRelatedRun(cellBlocks, i, text, trimming);
      if (lastRelated >= 0) i = lastRelated;
    }
  }

  // 3. Leading blocks that are not story: date lines, bylines, breadcrumbs, link rows.
  blocks = current();
  for (const block of blocks) {
    if (context.isPlaceholder(block)) break;
    if (block.tagName === 'FIGURE' || block.tagName === 'TABLE' || block.querySelector('img, picture')) continue;
    const text = textOf(block);
    if (!text) continue;
    if (isLeadingMeta(block, text)) remove(block, 'leading-meta');
    // The title may stand above the byline and date lines.
    else if (/^H[1-3]$/.test(block.tagName)) continue;
    else break;
  }

  // 3b. After the story's end: teasers of other pages, and appended containers without prose.
  count('teaser', removeTeasers(content, context.isPlaceholder));
  count('chrome-after-story', removeChromeAfterStory(content, context.isPlaceholder));

  // 4. Trailing blocks: link lists, author bios, production credits.
  blocks = current();
  let storySeen = 0;
  for (const b of blocks) if (isStoryParagraph(b)) storySeen++;
  for (let i = blocks.length - 1; i >= 0 && storySeen > 1; i--) {
    const block = blocks[i]!;
    if (context.isPlaceholder(block)) break;
    const text = textOf(block);
    if (!text) continue;
    if (block.tagName === 'FIGURE' || block.tagName === 'TABLE') break;
    if (PRODUCTION_CREDIT.test(text) && text.length <= 300) remove(block, 'production-credit');
    else if (isAuthorBio(text, context.authors)) remove(block, 'author-bio');
    else if (text.length <= 300 && linkDensity(block, text) >= 0.7) {
      remove(block, 'trailing-links');
    } else break;
    if (isStoryParagraph(block)) storySeen--;
  }

  // 5. A list of headlines after the story's last paragraph, with no cue before it (the cued
  // ones went in 2): other stories, whatever short lines follow it ("Originally published on …").
  blocks = current();
  const lastParagraph = blocks.map(isStoryParagraph).lastIndexOf(true);
  if (lastParagraph >= 0 && blocks.slice(lastParagraph + 1).every((b) => textOf(b).length <= SHORT_LINE)) {
    for (const list of new Set(blocks.slice(lastParagraph + 1).map((b) => b.parentElement))) {
      if (list && isHeadlineList(list)) remove(list, 'headline-list');
    }
  }
  return report;
}

/** Longest caption read from a figure's text (captionsOf's bound too). */
const CAPTION_CHARS = 400;

/** What a figure may hold that is content of its own, not a caption: a quotation, a table, code, a list (an embed too). */
const FIGURE_CONTENT = 'blockquote, table, pre, ul, ol, dl';

/**
 * Marks as captions the text blocks a figure holds beside its image, or in place of a player
 * Readability took out (a video's title): Readability rebuilds a named caption <div> into a <p>
 * that has lost its name. A figure of a quotation, a table or code keeps its text.
 */
function markFigureCaptions(blocks: readonly Element[], isPlaceholder: (e: Element) => boolean): void {
  for (const figure of blocks) {
    if (figure.tagName !== 'FIGURE' || isPlaceholder(figure) || figure.querySelector(`${FIGURE_CONTENT}, ${EMBED_PLACEHOLDER_SELECTOR}`)) continue;
    if (!figure.querySelector('img, picture') && textOf(figure).length > CAPTION_CHARS) continue;
    for (const inner of leafBlocks(figure, isPlaceholder)) {
      const text = textOf(inner);
      if (!text || text.length > CAPTION_CHARS || inner.querySelector('img, picture')) continue;
      if (!inner.closest(`figcaption, [${MARK_ATTRIBUTE}]`)) inner.setAttribute(MARK_ATTRIBUTE, 'caption');
    }
  }
}

/** Share of the content's text in captions from which the captions are the story (a post told in pictures). */
const CAPTIONS_TELL_THE_STORY = 0.5;

/**
 * Captions leave the story's text; but where they hold most of it, the page tells its story in
 * pictures and their captions (each photo's description under it), and they are the story.
 */
function unmarkCaptionsTellingTheStory(content: Element): void {
  const captions = Array.from(content.querySelectorAll(`[${MARK_ATTRIBUTE}="caption"]`)).filter((c) => !c.parentElement?.closest(`[${MARK_ATTRIBUTE}="caption"]`));
  if (captions.length === 0) return;
  const captionChars = captions.reduce((sum, caption) => sum + textOf(caption).length, 0);
  if (captionChars < CAPTIONS_TELL_THE_STORY * textOf(content).length) return;
  for (const caption of captions) caption.removeAttribute(MARK_ATTRIBUTE);
}

/** Fewest items of a list of headlines, and fewest words of each. */
const HEADLINE_LIST_ITEMS = 2;
const HEADLINE_WORDS = 3;

/** A list (ul, ol) whose every item is one link of a headline's words and nothing else. */
function isHeadlineList(list: Element): boolean {
  if (list.tagName !== 'UL' && list.tagName !== 'OL') return false;
  const items = Array.from(list.children);
  if (items.length < HEADLINE_LIST_ITEMS) return false;
  return items.every((item) => {
    const links = item.querySelectorAll('a');
    const text = textOf(item);
    return item.tagName === 'LI' && links.length === 1 && countWordRuns(text) >= HEADLINE_WORDS && linkDensity(item, text) >= 0.95;
  });
}

/** Longest block read as a row of share links. */
const SHARE_ROW_CHARS = 150;
/** Longest block read as a blog's post data ("This entry was posted on … filed under … RSS 2.0 feed"). */
const POST_META_CHARS = 400;
/** Longest block read as a footer's rights line. */
const RIGHTS_LINE_CHARS = 300;

/** Longest block read as a rights notice by its © and year alone ("© 2006 Newsweek, Inc. | Subscribe"): a line, not a paragraph that cites one. */
const COPYRIGHT_LINE_CHARS = 200;
/**
 * Most words before the © and year in a rights notice: a name, "Powered by …", "Last updated:
 * May 15, 2006". A whole sentence before it ("The festival returns next August & so do the
 * ships © 2024") is the story's closing line with a notice run into it, and stays.
 */
const MAX_WORDS_BEFORE_RIGHTS_MARK = 6;

function isRightsNotice(text: string): boolean {
  const mark = text.search(COPYRIGHT_YEAR);
  return mark >= 0 && countWordRuns(text.slice(0, mark)) <= MAX_WORDS_BEFORE_RIGHTS_MARK;
}

/** Longest block read as a call to subscribe ("Don't miss a post! Subscribe to our newsletter …"): a box's few lines. */
const NEWSLETTER_CALL_CHARS = 300;
/** Longest block read as a site's notice about itself: a disclaimer runs to a few sentences. */
const SITE_NOTICE_CHARS = 500;
/** Longest row of links to the previous and next posts ("« Older post | Main | Newer post »"). */
const POST_NAVIGATION_CHARS = 300;
/** Share of such a row's text in links: the row is its links, with separators between them. */
const POST_NAVIGATION_LINKS = 0.6;

/** Which whole-block chrome rule a block meets, by its wording in any language of lang/, or null. */
function chromeLine(block: Element, text: string): TrimRule | null {
  if (text.length <= SHARE_ROW_CHARS && isShareRow(block, text)) return 'share-row';
  if (text.length <= POST_META_CHARS && POST_META.test(text)) return 'post-meta';
  if (text.length <= RIGHTS_LINE_CHARS && RIGHTS_RESERVED.test(text) && /©|\(c\)|copyright|\b(?:19|20)\d\d\b/i.test(text)) return 'rights-line';
  if (text.length <= COPYRIGHT_LINE_CHARS && isRightsNotice(text)) return 'rights-line';
  if (text.length <= NEWSLETTER_CALL_CHARS && NEWSLETTER_CALL.test(text)) return 'newsletter-call';
  if (text.length <= SITE_NOTICE_CHARS && SITE_NOTICE.test(text)) return 'site-notice';
  if (text.length <= POST_NAVIGATION_CHARS && /^[«‹]|[»›]$/u.test(text) && linkDensity(block, text) >= POST_NAVIGATION_LINKS) return 'post-navigation';
  return null;
}

/** Share of a lone share word's text in a link for it to be a tool's link ("Email", "RSS"), not a label or a heading. */
const LONE_SHARE_LINK = 0.9;

/**
 * A row of share and tool links ("Whatsapp Facebook Pint Baixar", "Share this: Twitter
 * Facebook Email"): every word a share word, a network or a joining word, at least one of
 * them not a joining word; two words only when they are links, one only when it is a link.
 */
function isShareRow(block: Element, text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return false;
  let shareWords = 0;
  for (const word of words) {
    if (SHARE_WORDS.has(word)) shareWords++;
    else if (!SHARE_GLUE.has(word) && !/^\d+$/.test(word)) return false;
  }
  if (shareWords === 0) return false;
  if (words.length === 1) return linkDensity(block, text) >= LONE_SHARE_LINK && !standsInText(block);
  return words.length >= 3 || linkDensity(block, text) >= 0.5;
}

/**
 * Whether a block the walk found is a phrase inside a run of text ("Read the <a>article</a> for
 * …" in a container that also holds blocks): its parent holds words of its own beside it.
 */
function standsInText(block: Element): boolean {
  if (/^(?:P|LI|H[1-6]|DT|DD)$/.test(block.tagName)) return false;
  for (const node of Array.from(block.parentElement?.childNodes ?? [])) {
    if (node.nodeType === 3 && /[\p{L}\p{N}]/u.test(node.textContent ?? '')) return true;
  }
  return false;
}

function hasLongParagraph(element: Element): boolean {
  for (const p of Array.from(element.querySelectorAll('p'))) if (textOf(p).length > 300) return true;
  return false;
}

/** A block that opens a story without being story: a byline or date line, a notice, breadcrumbs (headline.ts reads past them too). */
export function isLeadingMeta(block: Element, text: string): boolean {
  if (text.length > 150) return false;
  if (isHeading(block)) return false;
  if (BYLINE_LINE.test(text) && countWordRuns(text) <= 10) return true;
  // At the top of the story a looser share of date words will do ("Posted on 30 March 2015 by Admin").
  if (NEVER_STORY_LINE.test(text) || (text.length <= 80 && NOTICE_LINE.test(text)) || isDateLine(text, 0.6)) return true;
  const words = countWordRuns(text);
  // Breadcrumbs: a few short links in a row ("Home › News › Sport").
  const links = block.querySelectorAll('a').length;
  if (links >= 2 && words <= 20 && linkDensity(block, text) >= 0.6) return true;
  if (/^(?:home|início|inicio|accueil|startseite|главная)\b/i.test(text) && words <= 25 && links >= 1) return true;
  return false;
}

/** A closing paragraph about the writer: "Jane Doe is a reporter …", "Jane covers …". */
function isAuthorBio(text: string, authors: readonly string[]): boolean {
  if (text.length > 600) return false;
  for (const author of authors) {
    const first = author.split(/\s+/)[0];
    if (!first || first.length < 2) continue;
    for (const name of [author, first]) {
      if (text.startsWith(name) || text.startsWith(`${name} ${name.split(/\s+/)[0]}`)) {
        // The rest of the name, or the first name again after a slash ("Jane Doe / Jane covers …").
        const rest = text.slice(name.length).replace(/^(?:\s+\p{Lu}[\p{L}'’-]+)*(?:\s*\/\s*\p{Lu}[\p{L}'’-]+)?/u, '');
        if (/^\s*(?:is|was|has been|writes|covers|reports|joined|lives)\b/.test(rest)) return true;
      }
    }
  }
  return false;
}

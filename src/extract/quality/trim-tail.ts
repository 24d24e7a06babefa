/**
 * Trimming after the story's end, by structure: teasers of other pages (a summary closing on a
 * "Read more" link) and the containers Readability appended after the story's own that hold no
 * prose (rows of links, boxes of labels and headlines). Whole blocks and containers only.
 */
import { EMBED_PLACEHOLDER_SELECTOR } from '../markers.js';
import { isHeading, leafBlocks, linkDensity, removeWithEmptyAncestors, textOf } from './dom.js';
import { READ_MORE_LINK } from './lang/index.js';
import type { Element } from '../dom.js';

/** Longest teaser: a headline's summary, not a story's paragraph. */
const TEASER_CHARS = 500;
/** Shortest block read as prose, and the link share above which a block is links, not prose. */
const PROSE_CHARS = 40;
const PROSE_LINKS = 0.5;
/** Shortest story paragraph, as every trim rule counts them. */
const STORY_PARAGRAPH_CHARS = 80;
/** A container after the story is chrome when this much of its text is links, or when it is only labels. */
const CHROME_LINKS = 0.4;
const LABEL_CHARS = 100;
/** Largest container removed whole after the story (a footer or a sidebar, not a second story). */
const CHROME_CONTAINER_CHARS = 1500;
const CONTAINER_TAGS = new Set(['DIV', 'SECTION', 'ASIDE', 'FOOTER', 'NAV', 'HEADER', 'FORM', 'CENTER']);
/** What a container may hold that is content of its own, whatever its length. */
const OWN_CONTENT = `figure, table, blockquote, pre, ${EMBED_PLACEHOLDER_SELECTOR}`;

/**
 * A block that closes on a link onward to another page ("… Read more…", "Continue reading"):
 * the summary of another story. Counted only after the story's last other paragraph, with the
 * heading or headline link just before it, or the list item holding both.
 * Returns how many blocks went.
 */
export function removeTeasers(content: Element, isPlaceholder: (e: Element) => boolean): number {
  const blocks = leafBlocks(content, isPlaceholder);
  const teaser = blocks.map((block) => !isPlaceholder(block) && isTeaser(block));
  if (!teaser.some(Boolean)) return 0;
  let lastStory = blocks.length - 1;
  while (lastStory >= 0 && (teaser[lastStory] || !isStoryParagraph(blocks[lastStory]!))) lastStory--;
  // Teasers among the story's paragraphs: the page is a digest of them, and they are its story.
  if (lastStory < 0 || teaser.slice(0, lastStory).some(Boolean)) return 0;
  let removed = 0;
  for (let i = lastStory + 1; i < blocks.length; i++) {
    if (!teaser[i]) continue;
    const block = blocks[i]!;
    if (!content.contains(block)) continue;
    const item = block.closest('li');
    const target = item && content.contains(item) && textOf(item).length <= TEASER_CHARS + 200 ? item : block;
    const before = blocks[i - 1];
    if (target === block && before && i - 1 > lastStory && content.contains(before) && isHeadline(before)) {
      removeWithEmptyAncestors(before, content);
      removed++;
    }
    removeWithEmptyAncestors(target, content);
    removed++;
  }
  return removed;
}

function isTeaser(block: Element): boolean {
  const last = block.children.length > 0 ? block.children[block.children.length - 1]! : null;
  if (!last || last.tagName !== 'A') return false;
  const text = textOf(block);
  if (!text || text.length > TEASER_CHARS) return false;
  // Nothing but punctuation after the link.
  let tail = '';
  for (let node = last.nextSibling; node; node = node.nextSibling) tail += node.textContent ?? '';
  if (/[\p{L}\p{N}]/u.test(tail)) return false;
  return READ_MORE_LINK.test(textOf(last)) && textOf(last).length < text.length;
}

/** A headline over a teaser: a heading, or a short block that is one link. */
function isHeadline(block: Element): boolean {
  const text = textOf(block);
  if (!text || text.length > 200) return false;
  return isHeading(block) || linkDensity(block, text) >= 0.9;
}

/** A paragraph of the story: a paragraph or text container long enough, and mostly not links (every trim rule counts them so). */
export function isStoryParagraph(block: Element): boolean {
  if (block.tagName !== 'P' && block.tagName !== 'DIV') return false;
  const text = textOf(block);
  return text.length >= STORY_PARAGRAPH_CHARS && linkDensity(block, text) < PROSE_LINKS;
}

/**
 * Containers after the story's own: at each level from the content down, the child holding the
 * most story text is the story's; a container after it that holds no prose and is mostly links,
 * or only labels and headings, is page chrome Readability took along (a "Featured posts" box, a
 * footer's links). Returns how many containers went.
 */
export function removeChromeAfterStory(content: Element, isPlaceholder: (e: Element) => boolean): number {
  const storyChars = storyCharsWithin(content, isPlaceholder);
  let removed = 0;
  let level: Element | null = content;
  while (level) {
    const children: Element[] = Array.from(level.children);
    const story = children.map((child) => storyChars.get(child) ?? 0);
    const most = Math.max(0, ...story);
    if (most === 0) break;
    const main = story.indexOf(most);
    for (const child of children.slice(main + 1)) {
      if (isChromeContainer(child, isPlaceholder)) {
        removeWithEmptyAncestors(child, content);
        removed++;
      }
    }
    const next: Element = children[main]!;
    level = CONTAINER_TAGS.has(next.tagName) || next.tagName === 'ARTICLE' || next.tagName === 'MAIN' ? next : null;
  }
  return removed;
}

/** Characters of story paragraphs inside each element of the content (itself included), in one pass over its blocks. */
function storyCharsWithin(content: Element, isPlaceholder: (e: Element) => boolean): Map<Element, number> {
  const chars = new Map<Element, number>();
  for (const block of leafBlocks(content, isPlaceholder)) {
    if (!isStoryParagraph(block)) continue;
    const length = textOf(block).length;
    for (let element: Element | null = block; element && element !== content; element = element.parentElement) {
      chars.set(element, (chars.get(element) ?? 0) + length);
    }
  }
  return chars;
}

function isChromeContainer(element: Element, isPlaceholder: (e: Element) => boolean): boolean {
  if (!CONTAINER_TAGS.has(element.tagName) || isPlaceholder(element) || element.querySelector(OWN_CONTENT)) return false;
  const text = textOf(element);
  if (!text || text.length > CHROME_CONTAINER_CHARS) return false;
  const blocks = leafBlocks(element, isPlaceholder);
  if (blocks.some(isProse)) return false;
  if (linkDensity(element, text) >= CHROME_LINKS) return true;
  // Only labels, and at least one heading or link among them: a box's title over its items.
  const labels = blocks.every((block) => textOf(block).length <= LABEL_CHARS);
  return labels && blocks.some((block) => isHeading(block) || linkDensity(block) >= 0.9);
}

/** A block of prose: a sentence or more of words that are not links. */
function isProse(block: Element): boolean {
  if (isHeading(block)) return false;
  const text = textOf(block);
  return text.length >= PROSE_CHARS && linkDensity(block, text) < PROSE_LINKS && /[.!?…:;]["”’)]?(?:\s|$)/u.test(text);
}

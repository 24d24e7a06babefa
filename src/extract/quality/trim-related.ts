/**
 * "Related" blocks inside the story: a cue ("You may also like…", "Related stories:", "Read
 * more: <a>…</a>") and, after a cue that stands alone, the list it announces (links, list items
 * carrying one, headlines each over its summary). Whole blocks only.
 */
import { endsLine, leadingLink, linkDensity, textOf } from './dom.js';
import { RELATED_CUE } from './vocabulary.js';
import type { TrimRule } from './trim.js';
import type { Element } from '../dom.js';

/** Longest item a "related" cue announces: a headline and a summary of a few lines. */
const ANNOUNCED_ITEM_CHARS = 800;
/** Longest headline of an announced item. */
const HEADLINE_CHARS = 200;

/** What a rule working on the content's blocks is given: the content, what never goes, and how to remove. */
export interface Trimming {
  content: Element;
  isPlaceholder(element: Element): boolean;
  remove(element: Element, rule: TrimRule): void;
}

/**
 * An item of the list a "related" cue announces: a block that opens with a headline link, over a
 * short summary or on a line of its own above a longer one.
 */
function isAnnouncedItem(block: Element, text: string): boolean {
  const link = leadingLink(block);
  const headline = link ? textOf(link) : '';
  if (!link || headline.length === 0 || headline.length > HEADLINE_CHARS || !/\s/.test(headline)) return false;
  return text.length <= ANNOUNCED_ITEM_CHARS || endsLine(link, block);
}

/**
 * A "related" cue at blocks[i] ("You may also like…", "Related stories:", "Read more: <a>…</a>")
 * removed, with the links it announces when it stands alone; returns the index of the last block
 * taken, or -1 when blocks[i] is no such cue.
 */
export function removeRelatedRun(blocks: readonly Element[], i: number, text: string, trim: Trimming): number {
  const cue = RELATED_CUE.exec(text);
  if (!cue) return -1;
  const block = blocks[i]!;
  const rest = text.slice(cue[0].length);
  const density = linkDensity(block, text);
  // The cue alone ("You may also like…", "More Great Stories"), or the cue, a colon or dash,
  // and a link ("Read more: <a>…</a>", "Also on example.com <a>…</a>").
  const cueOnly = /^[\s.:…!—–-]*$/.test(rest);
  const cueAndLink = density >= 0.5 || (/^\s*[:：|—–-]/.test(rest) && density >= 0.3);
  if (!cueOnly && !cueAndLink) return -1;
  trim.remove(block, 'related-block');
  let last = i;
  if (!cueOnly) return last;
  // The links it announces follow it.
  for (let j = i + 1; j < blocks.length; j++) {
    const next = blocks[j]!;
    if (!trim.content.contains(next)) continue;
    if (trim.isPlaceholder(next)) break;
    const nextText = textOf(next);
    // Links, or list items that carry one (a headline with a few words around it), or
    // headlines each over its summary.
    const nextDensity = linkDensity(next, nextText);
    const listed = nextDensity >= 0.6 || (next.tagName === 'LI' && nextDensity >= 0.25) || isAnnouncedItem(next, nextText);
    if (nextText && !listed) break;
    trim.remove(next, 'related-block');
    last = j;
  }
  return last;
}

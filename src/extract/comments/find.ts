/**
 * Reader comments, found by structure: a container that says "comments" (its class/id words,
 * its ARIA label, or a heading such as "12 Responses"), holding a repeated block (the same tag
 * and first class word, again and again) whose members carry an author or a date beside their
 * text; or blocks the page marks up as schema.org Comments. Nothing here names a site.
 */
import type { ReaderComment } from '../../article.js';
import { COMMENTS_HEADING, COMMENTS_NAME, COMMENTS_NAME_STEM, SIGNATURE_LEFTOVER } from '../quality/lang/index.js';
import { STATE_PREFIX } from '../quality/vocabulary.js';
import { linkDensity, textOf } from '../quality/dom.js';
import { renderText } from '../text.js';
import {
  authorName,
  dateOf,
  findPart,
  findPartOrSelf,
  innermostPart,
  isAuthorPart,
  isControl,
  isDateLine,
  isDatePart,
  isNamePart,
  leadingDateLine,
  words,
} from './parts.js';
import type { Document, Element } from '../dom.js';

/** A class word that names one comment (not the list): "comment", "comment-body", "single-comment". */
const ONE_COMMENT_NAME = /^(?:comment|comment-?(?:body|item|entry|wrap|wrapper|container|single|block|content|main|inner)|single-?comment|commentbody)$/;

/** Blocks of a comments section that are no comment: the form, the rules, the count. */
const NOT_A_COMMENT_PART = /(?:^|-)(?:form|respond|guidelines|policy|rules|intro|count|title|header|heading|nav|navigation|pagination|paging|login|subscribe)(?:$|-)/;

/** Fewest repeated blocks that make a thread when their names do not say "comment". */
const MIN_UNNAMED_MEMBERS = 3;
/** Least text of one comment block, and of the blocks on average. */
const MIN_COMMENT_CHARS = 12;
const MIN_MEAN_COMMENT_CHARS = 30;
/** A comment block that is mostly links is a link list ("Recent comments" widgets). */
const MAX_COMMENT_LINK_DENSITY = 0.5;
/** Share of comment blocks that must show an author or a date. */
const MIN_SHARE_SIGNED = 0.5;
/**
 * Story text the page must hold beside the comments: a page that is nothing but such blocks
 * (a forum thread, a guestbook) has them as its content, not under a story.
 */
const MIN_STORY_CHARS_BESIDE = 400;
/** Groups within this share of the best total text are as good; the shallowest one that is not a wrapper of several wins. */
const NEAR_BEST = 0.9;
/** Blocks of another group that a wrapper holds on average: a whole comment holds its one body. */
const MIN_HELD_BY_WRAPPER = 1.5;

export interface FoundComments {
  comments: ReaderComment[];
  /** The outermost comment blocks, for the caller to take out of the story. */
  blocks: Element[];
}

const NONE: FoundComments = { comments: [], blocks: [] };

/** The page's reader comments and their blocks (none when the page shows no thread). */
export function findCommentBlocks(document: Document, embeds: readonly Element[] = []): FoundComments {
  const body = document.body;
  if (!body) return NONE;
  const containers = commentContainers(body);
  if (containers.length === 0) return NONE;
  for (const group of repeatedGroups(containers, embeds)) {
    const found = readThread(group);
    if (!found) continue;
    const commentChars = found.blocks.reduce((sum, block) => sum + textOf(block).length, 0);
    return textOf(body).length - commentChars < MIN_STORY_CHARS_BESIDE ? NONE : found;
  }
  return NONE;
}

/** The comments of a group of repeated blocks, or null when too few of them are signed (an author or a date). */
function readThread(group: readonly Element[]): FoundComments | null {
  const members = new Set(group);
  const comments: ReaderComment[] = [];
  for (const member of group) {
    const comment = readComment(member, members);
    if (comment) comments.push(comment);
  }
  const signed = comments.filter((c) => c.author !== null || c.date !== null).length;
  if (comments.length === 0 || signed < MIN_SHARE_SIGNED * comments.length) return null;
  const outer = group.filter((member) => !hasMemberAncestor(member, members));
  // A header between two comments is the next one's sibling as well as the last one's: a set.
  const blocks = new Set(outer);
  for (const member of outer) {
    for (const sibling of commentSiblings(member, members)) {
      if (findPartOrSelf(sibling, () => false, (e) => isAuthorPart(e) || isDatePart(e) || isDateLine(e))) blocks.add(sibling);
    }
  }
  return { comments, blocks: [...blocks] };
}

/** An element that holds comments, and the heading that says so when only a heading does. */
interface CommentContainer {
  element: Element;
  /** "12 Responses": the comments are what follows it, never the story above it in the same parent. */
  heading: Element | null;
}

/** Elements whose names, ARIA label or heading say they hold comments (outermost first, in page order). */
function commentContainers(body: Element): CommentContainer[] {
  const named = new Set<Element>();
  const headed = new Map<Element, Element>();
  for (const element of Array.from(body.querySelectorAll('[class], [id], [aria-label], [itemtype], h2, h3, h4'))) {
    if (isCommentsContainer(element)) named.add(element);
    else if (/^H[2-4]$/.test(element.tagName) && COMMENTS_HEADING.test(textOf(element)) && element.parentElement && element.parentElement !== body) {
      if (!headed.has(element.parentElement)) headed.set(element.parentElement, element);
    }
  }
  const unique = [...new Set([...named, ...headed.keys()])];
  return unique
    .filter((element) => !unique.some((other) => other !== element && other.contains(element)))
    .map((element) => ({ element, heading: named.has(element) ? null : headed.get(element)! }));
}

function isCommentsContainer(element: Element): boolean {
  if (/schema\.org\/(?:UserComments|Comment)\b/.test(element.getAttribute('itemtype') ?? '')) return true;
  const label = element.getAttribute('aria-label');
  if (label && COMMENTS_HEADING.test(label.trim())) return true;
  const raw = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return COMMENTS_NAME_STEM.test(raw) && words(element).some((name) => !STATE_PREFIX.test(name) && COMMENTS_NAME.test(name));
}

/** The elements of a container that may be comments, and of those the ones above its heading. */
function containerCandidates({ element, heading }: CommentContainer): { candidates: Element[]; aboveHeading: Element[] } {
  if (isMicrodataComment(element)) return { candidates: [element], aboveHeading: [] };
  const candidates = Array.from(element.querySelectorAll('*'));
  // querySelectorAll lists in document order: the heading's ancestors and everything above it first.
  const at = heading ? candidates.indexOf(heading) : -1;
  return { candidates, aboveHeading: at > 0 ? candidates.slice(0, at) : [] };
}

interface ScoredGroup {
  members: Element[];
  text: number;
  depth: number;
}

/**
 * The groups of repeated blocks inside the containers that could be a thread of comments, the
 * likeliest first: the most text, and of groups nearly as good, the shallowest (the whole
 * comment rather than its body) that is no wrapper of several of another's. Each group's blocks
 * are in page order.
 */
function repeatedGroups(containers: readonly CommentContainer[], embeds: readonly Element[]): Element[][] {
  const groups = new Map<string, Element[]>();
  const above = new Set<Element>();
  for (const container of containers) {
    const { candidates, aboveHeading } = containerCandidates(container);
    for (const element of aboveHeading) above.add(element);
    for (const element of candidates) {
      // A container of comments is not one comment, however often the page repeats it.
      if (!isMicrodataComment(element) && isCommentsContainer(element)) continue;
      // An embedded post is the story's (a dated, signed tweet looks like a comment), never a comment.
      if (embeds.some((embed) => embed === element || embed.contains(element) || element.contains(embed))) continue;
      const key = signature(element);
      if (!key) continue;
      const group = groups.get(key);
      if (group) group.push(element);
      else groups.set(key, [element]);
    }
  }
  const scored: ScoredGroup[] = [];
  for (const [key, all] of groups) {
    // Blocks of one shape on both sides of a "Comments" heading: the story's above it, the comments below
    // ("Leave a reply" under the thread has comments only above it, and they stay).
    const members = all.some((member) => !above.has(member)) ? all.filter((member) => !above.has(member)) : all;
    const word = key.slice(key.indexOf('.') + 1);
    if (NOT_A_COMMENT_PART.test(word)) continue;
    const namedOne = members.some(isMicrodataComment) || ONE_COMMENT_NAME.test(word);
    // Blocks that do not call themselves comments must repeat more to count as a thread.
    if (members.length < (namedOne ? 1 : MIN_UNNAMED_MEMBERS)) continue;
    const set = new Set(members);
    const outer = members.filter((m) => !hasMemberAncestor(m, set));
    let text = 0;
    let short = 0;
    let linked = 0;
    for (const member of outer) {
      if (member.closest('form') || member.querySelector('textarea')) {
        text = 0;
        break;
      }
      const own = textOf(member);
      if (own.length < MIN_COMMENT_CHARS) short++;
      if (linkDensity(member, own) > MAX_COMMENT_LINK_DENSITY) linked++;
      text += own.length;
    }
    if (text === 0 || short > outer.length / 2 || linked > outer.length / 2) continue;
    if (text / outer.length < MIN_MEAN_COMMENT_CHARS) continue;
    scored.push({ members, text, depth: depthOf(members[0]!) });
  }
  if (scored.length === 0) return [];
  const byText = scored.sort((a, b) => b.text - a.text);
  const near = byText.filter((group) => group.text >= NEAR_BEST * byText[0]!.text);
  // A wrapper of several comments (the thread's box) holds as much text as they do, and is shallower.
  const whole = near.filter((group) => !near.some((other) => other !== group && wrapsSeveral(group, other)));
  const first = (whole.length > 0 ? whole : near).reduce((best, group) => (group.depth < best.depth ? group : best));
  return [first, ...byText.filter((g) => g !== first)].map((g) => g.members);
}

/**
 * Whether `outer`'s blocks are wrappers of `inner`'s: each holds, not counting what a nested block
 * of its own group holds, several of them on average (a thread's box), where a whole comment
 * holds its one body.
 */
function wrapsSeveral(outer: ScoredGroup, inner: ScoredGroup): boolean {
  const own = new Set(outer.members);
  const heldBy = new Map<Element, number>();
  for (const member of inner.members) {
    let up = member.parentElement;
    while (up && !own.has(up)) up = up.parentElement;
    if (up) heldBy.set(up, (heldBy.get(up) ?? 0) + 1);
  }
  const held = [...heldBy.values()].reduce((sum, n) => sum + n, 0);
  return heldBy.size > 0 && held >= MIN_HELD_BY_WRAPPER * heldBy.size;
}

/** Class words that alternate between the members of one list (zebra stripes), not what they are. */
const ALTERNATING = /^(?:alt|alternate|odd|even|first|last|clearfix|clear)$/i;

/**
 * Tag and first class word (digits dropped, stripes skipped), or tag and id without digits
 * ("comment-11" and "comment-12" both "comment"): what repeats.
 */
function signature(element: Element): string | null {
  const tag = element.tagName;
  if (!/^(?:LI|DIV|ARTICLE|SECTION|DL|DD|TR|TABLE|BLOCKQUOTE)$/.test(tag)) return null;
  if (isMicrodataComment(element)) return `${tag}.schema-comment`;
  const first = (element.getAttribute('class') ?? '').trim().split(/\s+/).find((name) => !ALTERNATING.test(name)) ?? '';
  const word = (first || (element.getAttribute('id') ?? ''))
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/\d+/g, '')
    .replace(/^-+|-+$/g, '');
  return `${tag}.${word}`;
}

function isMicrodataComment(element: Element): boolean {
  return /schema\.org\/Comment\b/.test(element.getAttribute('itemtype') ?? '');
}

function hasMemberAncestor(element: Element, members: ReadonlySet<Element>): boolean {
  for (let up = element.parentElement; up; up = up.parentElement) if (members.has(up)) return true;
  return false;
}

function depthOf(element: Element): number {
  let depth = 0;
  for (let up = element.parentElement; up; up = up.parentElement) depth++;
  return depth;
}

function replyDepth(element: Element, members: ReadonlySet<Element>): number {
  let depth = 0;
  for (let up = element.parentElement; up; up = up.parentElement) if (members.has(up)) depth++;
  return depth;
}

/** One comment block: its author, date and text, leaving out replies nested in it and its controls. */
function readComment(member: Element, members: ReadonlySet<Element>): ReaderComment | null {
  const nested = (element: Element) => element !== member && members.has(element);
  // The author and date may stand beside the text, before or after it (<dt> before <dd>).
  const beside = commentSiblings(member, members);
  const author = findPart(member, nested, isAuthorPart) ?? firstOf(beside, (e) => findPartOrSelf(e, nested, isAuthorPart));
  const date =
    findPart(member, nested, isDatePart) ??
    firstOf(beside, (e) => findPartOrSelf(e, nested, isDatePart)) ??
    findPart(member, nested, isDateLine) ??
    firstOf(beside, (e) => findPartOrSelf(e, nested, isDateLine));
  // The block itself is the comment whatever its names say ("comment-has-avatar" is no avatar).
  const skip = (element: Element) =>
    element !== member && (nested(element) || element === author || element === date || element.tagName === 'FORM' || isControl(element));
  let text = renderText(member, [], { skip }).trim();
  // The name taken out of "1. <cite>Jane</cite> Says:" leaves its number and verb on a line alone.
  if (author) text = text.replace(SIGNATURE_LEFTOVER, '');
  // Without markup for either, a first line such as "Jane on June 3, 2025 at 9:12 am" signs the comment.
  const signature = author || date ? null : leadingDateLine(text);
  if (signature) text = text.slice(signature.length).trim();
  const signatureLine = signature ? signature.replace(/\s+/g, ' ') : null;
  if (!text) return null;
  return {
    author: author ? authorName(innermostPart(author, nested, isNamePart)) : null,
    date: date ? dateOf(date) : signatureLine,
    text,
    replyDepth: replyDepth(member, members),
  };
}

/** Longest header or footer of a comment that stands beside it as a sibling. */
const MAX_BESIDE_CHARS = 200;

/**
 * The siblings just before and after a comment block that may carry its author and date (a
 * <dt> before a <dd>, a header and a footer around the text): short, not comments themselves,
 * and of another kind than the block (a <dt> for a <dd>).
 */
function commentSiblings(member: Element, members: ReadonlySet<Element>): Element[] {
  const out: Element[] = [];
  for (const sibling of [member.previousElementSibling, member.nextElementSibling]) {
    if (!sibling || members.has(sibling) || sibling.tagName === 'UL' || sibling.tagName === 'OL') continue;
    if (signature(sibling) === signature(member)) continue;
    if (member.tagName === 'DD' && sibling.tagName !== 'DT' && sibling.tagName !== 'DD') continue;
    if (member.tagName !== 'DD' && (sibling.tagName === 'DT' || sibling.tagName === 'DD')) continue;
    if (textOf(sibling).length <= MAX_BESIDE_CHARS) out.push(sibling);
  }
  return out;
}

function firstOf<T, R>(items: readonly T[], pick: (item: T) => R | null): R | null {
  for (const item of items) {
    const found = pick(item);
    if (found) return found;
  }
  return null;
}


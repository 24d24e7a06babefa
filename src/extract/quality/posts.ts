/**
 * Pages of several posts: a blog's front or archive page, a page of news items, each post a block
 * of its own with its heading and its prose, side by side in the page's main column. Readability
 * takes the best-scoring block, so one post of the page; a reader archiving the page wants every
 * post on it, in page order, each with its heading.
 *
 * By structure only. Before Readability, each heading's post is the smallest element around it
 * that holds prose of its own (POST_MIN_WORDS unlinked words besides the heading) and no other
 * heading of its level; posts of the same shape (heading level, tag, class, and the tags of the
 * two elements above) under one parent element form a group when there are MIN_POSTS of them.
 * Each post of a group is marked and copied. After Readability, when its content holds some of a
 * group's posts but not all, the missing ones are put in, in page order.
 *
 * What this leaves alone: related-story teasers and gallery items (a line or two each, under
 * POST_MIN_WORDS, or mostly links), reader comments (taken out of the page before, and without
 * headings of their own), a story whose blocks are not of one shape with the teasers beside it,
 * and posts set flat in one container (a heading, then paragraphs, then the next heading), which
 * Readability takes whole already.
 */
import { words } from './agreement.js';
import { linkDensity, textOf } from './dom.js';
import type { Document, Element } from '../dom.js';

/** Marks a post of a group: "group:index". Removed from the content before rendering (unmarkPosts). */
export const POST_ATTRIBUTE = 'data-clipfile-post';
/** Marks every element inside a post with its post's "group:index" (Readability may take a post's inside only). */
const PART_ATTRIBUTE = 'data-clipfile-post-part';

/** A post says something: this many words of unlinked prose besides its heading (a teaser says a line). */
const POST_MIN_WORDS = 30;
/** A post is prose, not a list of links. */
const POST_MAX_LINK_DENSITY = 0.3;
/** Posts of one shape it takes to call a page one of several posts (heading, prose and shape keep a lone teaser out). */
const MIN_POSTS = 2;
/** How far above its heading a post's element may be (a heading inside a title block inside the post). */
const MAX_CLIMB = 4;
/** Headings looked at: a page's first few dozen (an index page may have hundreds). */
const MAX_HEADINGS = 60;
/** A post's heading opens it: at most this many characters of the post's text come before it (a date line). */
const MAX_BEFORE_HEADING = 120;

const HEADINGS = 'h1, h2, h3, h4';

/** The groups of posts found on a page: each group's posts as copied before Readability, in page order. */
export interface PostGroups {
  groups: Element[][];
}

/**
 * Finds the page's groups of posts (call on the cleaned page, before Readability), marks each
 * post with POST_ATTRIBUTE and keeps a copy of it.
 */
export function markPosts(document: Document): PostGroups {
  const body = document.body;
  if (!body) return { groups: [] };
  const headings = Array.from(body.querySelectorAll(HEADINGS)).filter((heading) => textOf(heading));
  const counts = headingCounts(headings, body);
  const byShape = new Map<string, Element[]>();
  for (const heading of headings.slice(0, MAX_HEADINGS)) {
    const post = postOf(heading, body, counts);
    if (!post || !post.parentElement) continue;
    const key = shapeOf(heading, post);
    const members = byShape.get(key) ?? [];
    if (!members.includes(post)) members.push(post);
    byShape.set(key, members);
  }
  const groups: Element[][] = [];
  for (const members of byShape.values()) {
    if (members.length < MIN_POSTS) continue;
    const index = groups.length;
    groups.push(
      members.map((post, i) => {
        post.setAttribute(POST_ATTRIBUTE, `${index}:${i}`);
        for (const part of Array.from(post.querySelectorAll('*'))) part.setAttribute(PART_ATTRIBUTE, `${index}:${i}`);
        return post.cloneNode(true) as Element;
      }),
    );
  }
  return { groups };
}

/**
 * The smallest element around a heading that holds prose of its own and no other heading of
 * the heading's level or above, or null (a heading over a list of links, or one of several
 * headings set flat in one container).
 */
function postOf(heading: Element, body: Element, counts: HeadingCounts): Element | null {
  const level = headingLevel(heading);
  const headingText = textOf(heading);
  const headingWords = words(headingText).length;
  let element = heading.parentElement;
  for (let climb = 0; element && element !== body && climb < MAX_CLIMB; climb++, element = element.parentElement) {
    if (headingsAtOrAbove(counts, element, level) > 1) return null;
    const text = textOf(element);
    const links = linkDensity(element, text);
    if (words(text).length * (1 - links) - headingWords < POST_MIN_WORDS) continue;
    if (links > POST_MAX_LINK_DENSITY) return null;
    return text.indexOf(headingText) <= MAX_BEFORE_HEADING ? element : null;
  }
  return null;
}

function headingLevel(heading: Element): number {
  return Number(heading.tagName.slice(1));
}

/** For each element above a heading, how many of the page's headings of each level it holds (index 1 to 4). */
type HeadingCounts = Map<Element, number[]>;

/** Counted once per page, so that a climb asks an element without searching it (pages hold thousands of headings). */
function headingCounts(headings: readonly Element[], body: Element): HeadingCounts {
  const counts: HeadingCounts = new Map();
  for (const heading of headings) {
    const level = headingLevel(heading);
    for (let element = heading.parentElement; element && element !== body; element = element.parentElement) {
      let ofElement = counts.get(element);
      if (!ofElement) counts.set(element, (ofElement = [0, 0, 0, 0, 0]));
      ofElement[level]!++;
    }
  }
  return counts;
}

/** The headings of `level` or above (h1 … h`level`) an element holds. */
function headingsAtOrAbove(counts: HeadingCounts, element: Element, level: number): number {
  const ofElement = counts.get(element);
  let held = 0;
  for (let l = 1; l <= level; l++) held += ofElement?.[l] ?? 0;
  return held;
}

/** Posts of one group look alike: heading level, tag, class, the tags above, and one parent chain. */
function shapeOf(heading: Element, post: Element): string {
  const parent = post.parentElement;
  const grand = parent?.parentElement ?? null;
  return [heading.tagName, post.tagName, post.getAttribute('class') ?? '', parent?.tagName ?? '', parent?.getAttribute('class') ?? '', grand ? ancestryId(grand) : ''].join('|');
}

/**
 * Which element above the posts they share: posts of one shape in two places of the page (a
 * main column and a sidebar) are two groups. The path of child indices from the body.
 */
function ancestryId(element: Element): string {
  const path: number[] = [];
  for (let node: Element | null = element; node?.parentElement; node = node.parentElement) {
    path.push(Array.prototype.indexOf.call(node.parentElement.children, node) as number);
  }
  return path.join('.');
}

/**
 * The content with every post of its group, in page order: where it holds some posts of one
 * group and not all, the missing posts' copies go in before its first post or after the post
 * before them; where it is the inside of one post (its text under the heading), the group's
 * posts whole. Content holding posts of several groups, or none, is left as it is.
 */
export function withEveryPost(content: Element, posts: PostGroups): Element {
  if (posts.groups.length === 0) return content;
  const held = heldPosts(content);
  if (held === null) return content;
  if (held.size === 0) return insideOnePost(content, posts) ?? content;
  const members = posts.groups[held.group]!;
  if (held.size === members.length) return content;
  if (content.hasAttribute(POST_ATTRIBUTE)) {
    // The content is itself one post: the posts go side by side in a new container.
    const wrapper = content.ownerDocument.createElement('div');
    wrapper.append(content);
    return insertMissing(wrapper, held, members);
  }
  return insertMissing(content, held, members);
}

/** The posts the content holds whole, by index, all of one group (null: posts of several groups). */
function heldPosts(content: Element): (Map<number, Element> & { group: number }) | null {
  const held = Object.assign(new Map<number, Element>(), { group: -1 });
  for (const element of [content, ...Array.from(content.querySelectorAll(`[${POST_ATTRIBUTE}]`))]) {
    const mark = element.getAttribute(POST_ATTRIBUTE);
    if (!mark) continue;
    const [group, index] = mark.split(':').map(Number) as [number, number];
    if (held.group >= 0 && group !== held.group) return null;
    held.group = group;
    held.set(index, element);
  }
  return held;
}

/** Where the content is the inside of one post and holds nothing of another, a new container of its group's posts, whole; else null. */
function insideOnePost(content: Element, posts: PostGroups): Element | null {
  const marks = new Set<string>();
  for (const element of [content, ...Array.from(content.querySelectorAll(`[${PART_ATTRIBUTE}]`))]) {
    const mark = element.getAttribute(PART_ATTRIBUTE);
    if (mark) marks.add(mark);
  }
  if (marks.size !== 1) return null;
  const group = posts.groups[Number([...marks][0]!.split(':')[0])];
  if (!group) return null;
  const container = content.ownerDocument.createElement('div');
  for (const copy of group) container.append(copy.cloneNode(true));
  return container;
}

function insertMissing(content: Element, held: Map<number, Element>, members: readonly Element[]): Element {
  // Each held post's place in the content: its ancestor just under the content (or itself).
  const topOf = (post: Element): Element => {
    let top = post;
    while (top.parentElement && top.parentElement !== content) top = top.parentElement;
    return top;
  };
  let previous: Element | null = null;
  members.forEach((copy, i) => {
    const taken = held.get(i);
    if (taken) {
      previous = topOf(taken);
      return;
    }
    const added = copy.cloneNode(true) as Element;
    if (previous) previous.after(added);
    else content.insertBefore(added, content.firstChild);
    previous = added;
  });
  return content;
}

/** Removes the post marks from the content (the page's own markup goes out without them). */
export function unmarkPosts(content: Element): void {
  for (const marked of [content, ...Array.from(content.querySelectorAll(`[${POST_ATTRIBUTE}], [${PART_ATTRIBUTE}]`))]) {
    marked.removeAttribute(POST_ATTRIBUTE);
    marked.removeAttribute(PART_ATTRIBUTE);
  }
}

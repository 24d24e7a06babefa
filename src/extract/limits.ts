/**
 * How complex a page may be before extraction refuses it. Readability's work grows with the
 * size of the markup and its number of elements (and, on deep trees, with their depth times
 * their size), and so does the
 * memory of the several DOMs and strings one page goes through: a 100,000-paragraph page took
 * 94 s and 1.7 GB, a page nested 4,000 deep 23 s. Past these limits a page fails with a
 * `too-complex` SourceError that names the limit, quickly and before the costly stages.
 *
 * The limits are options of the page input (`PageInput.maxMarkupChars`, `maxElements`, `maxDepth`),
 * so a command-line flag can raise them for a page that needs it.
 */

/**
 * How long one page's extraction may take before it fails with 'timeout' (extract and archive:
 * --time-limit; the pool's worker or the CLI's watchdog ends it).
 */
export const DEFAULT_TIME_LIMIT_MS = 60_000;
/**
 * Characters of markup a page may have once scripts and styles are out: the corpora's largest
 * has about 1 million; extraction costs about 3 s of CPU per million of text-dense markup.
 */
export const DEFAULT_MAX_MARKUP_CHARS = 3_000_000;
/** Elements (start tags) a page may have: the corpora's largest page has about 10,000. */
export const DEFAULT_MAX_ELEMENTS = 30_000;
/**
 * How deep elements may nest: Chromium's HTML parser stops nesting at 512 as well; the corpora's
 * deepest page nests 50 deep.
 */
export const DEFAULT_MAX_DEPTH = 512;
/**
 * Readability's cleaning costs depth × text even within both limits: a 1 MB story inside 100
 * nested tables (about 500 deep) took some 15 s. So a page as deep as `maxDepth` may have this
 * much markup, a page half as deep twice as much (depth × characters ≤ maxDepth × this; 200
 * million by default). The corpora's 1,245 pages reach at most 39 million (38 deep, 1 MB), the
 * hostile benchmark's deep pages about 100 million (2 s).
 */
export const MARKUP_CHARS_AT_MAX_DEPTH = 400_000;

export interface ComplexityLimits {
  maxMarkupChars: number;
  maxElements: number;
  maxDepth: number;
}

/** A page past one of the limits; the pipeline reports it as SourceError `too-complex`. */
export class PageTooComplexError extends Error {
  override readonly name = 'PageTooComplexError';
}

const START_TAG = /<[a-zA-Z]/g;

/**
 * Refuses markup (scripts and styles already removed) that is too long or has too many start
 * tags, before any parser builds a tree of it.
 */
export function checkMarkupSize(html: string, limits: ComplexityLimits): void {
  if (html.length > limits.maxMarkupChars) {
    throw new PageTooComplexError(
      `the page has ${html.length.toLocaleString('en-US')} characters of markup besides scripts and styles; the limit is ${limits.maxMarkupChars.toLocaleString('en-US')}`,
    );
  }
  let count = 0;
  START_TAG.lastIndex = 0;
  while (START_TAG.exec(html) !== null) {
    if (++count > limits.maxElements) {
      const total = count + (html.slice(START_TAG.lastIndex).match(START_TAG)?.length ?? 0);
      throw new PageTooComplexError(
        `the page has ${total.toLocaleString('en-US')} elements; the limit is ${limits.maxElements.toLocaleString('en-US')}`,
      );
    }
  }
}

/** A parsed tree node, as far as the depth check needs it (parse5's default tree). */
interface TreeNode {
  childNodes?: readonly object[];
  tagName?: string;
}

/**
 * Refuses a tree whose elements nest deeper than the limit, or whose depth times its markup's
 * length is past what `maxDepth` allows (MARKUP_CHARS_AT_MAX_DEPTH); one iterative walk.
 */
export function checkDepth(root: TreeNode, limits: ComplexityLimits, markupChars: number): void {
  let deepest = 0;
  const stack: [TreeNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const childDepth = node.tagName === undefined ? depth : depth + 1;
    deepest = Math.max(deepest, childDepth);
    for (const child of node.childNodes ?? []) stack.push([child as TreeNode, childDepth]);
  }
  if (deepest > limits.maxDepth) {
    throw new PageTooComplexError(
      `the page nests elements ${deepest.toLocaleString('en-US')} deep; the limit is ${limits.maxDepth.toLocaleString('en-US')}`,
    );
  }
  const budget = limits.maxDepth * MARKUP_CHARS_AT_MAX_DEPTH;
  if (deepest * markupChars > budget) {
    throw new PageTooComplexError(
      `the page nests elements ${deepest.toLocaleString('en-US')} deep around ${markupChars.toLocaleString('en-US')} characters of markup; depth × characters may be at most ${budget.toLocaleString('en-US')}`,
    );
  }
}

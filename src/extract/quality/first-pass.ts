/**
 * Readability's passes on a short story. Below its minimum article length (500 characters)
 * Readability retries without its name rules and takes what the retry finds, or the longest text
 * of all its passes: on a short post that is the sidebar's "About me" or a profile, a region
 * other than the one its first pass found. The first pass is kept where the later result does
 * not hold it; where it does (the same story, found whole), the later result stays. And where
 * every pass fell short, the pass holding the text under the page's headline is the story.
 */
import { containment, shingles } from './agreement.js';
import { linkDensity, textOf } from './dom.js';
import type { HeadlineLead } from './headline.js';
import type { Element } from '../dom.js';

/** A first pass shorter than this is no story of its own (a line, a caption). */
const MIN_FIRST_PASS_CHARS = 100;
/** Share of the first pass's shingles the later result must hold to count as the same story. */
const SAME_STORY = 0.5;

/** Share of the lead's shingles a pass must hold to hold the lead. */
const HOLDS_LEAD = 0.5;

interface Attempt {
  articleContent: Element;
  textLength: number;
}

/** What a Readability instance exposes of its passes (not part of its typed API). */
interface ReaderPasses {
  _attempts?: Attempt[];
  _postProcessContent?: (content: Element) => void;
}

/**
 * Records Readability's first pass when it falls short (call before parse()); returns a getter
 * for it. Readability keeps its passes in a list it later sorts by length, so the first is
 * taken as it is added.
 */
export function recordFirstPass(reader: object): () => Attempt | null {
  const passes = reader as ReaderPasses;
  let first: Attempt | null = null;
  const list = passes._attempts;
  if (!Array.isArray(list)) return () => null;
  const push = list.push.bind(list);
  list.push = (...items: Attempt[]) => {
    first ??= items[0] ?? null;
    return push(...items);
  };
  return () => first;
}

/**
 * The first pass's content to use instead of Readability's result, prepared as Readability
 * prepares its result, or null to keep the result.
 */
export function firstPassInstead(reader: object, first: Attempt | null, result: Element | null): Element | null {
  if (!first || first.textLength < MIN_FIRST_PASS_CHARS || !result || first.articleContent === result) return null;
  const firstText = textOf(first.articleContent);
  if (containment(shingles(firstText), shingles(textOf(result))) >= SAME_STORY) return null;
  (reader as ReaderPasses)._postProcessContent?.call(reader, first.articleContent);
  return first.articleContent;
}

/**
 * When every pass fell short, Readability keeps the longest, wherever it is on the page: on a
 * post of a line or two, a sidebar's "About me"; on a page whose story its scoring never reaches,
 * a footer's address. The pass that holds the story's lead (the text under the page's headline,
 * headline.ts) is taken instead, prepared as Readability prepares its result; where no pass holds
 * it, the region that holds both the headline and the lead (a copy: the page stays as it is).
 * Null keeps `content` (it holds the lead, or there is none, or a pass was long enough). `leadOf`
 * is read only when every pass fell short.
 */
export function headlinePassInstead(reader: object, content: Element | null, leadOf: () => HeadlineLead | null): Element | null {
  const attempts = (reader as ReaderPasses)._attempts;
  if (!content || !Array.isArray(attempts) || !attempts.some((a) => a.articleContent === content)) return null;
  const found = leadOf();
  if (!found) return null;
  const leadShingles = shingles(found.text);
  const holdsLead = (element: Element): boolean => containment(leadShingles, shingles(textOf(element))) >= HOLDS_LEAD;
  if (holdsLead(content)) return null;
  const under = attempts
    .filter((a) => a.articleContent !== content && a.textLength > 0 && holdsLead(a.articleContent))
    .sort((a, b) => b.textLength - a.textLength)[0];
  const chosen = under?.articleContent ?? headlineRegion(found);
  if (!chosen) return null;
  (reader as ReaderPasses)._postProcessContent?.call(reader, chosen);
  return chosen;
}

/**
 * A region nearly all links is a menu, not a story. Looser than elsewhere: a story under its
 * headline that Readability's scoring passed over is often one made of links (a week's review of
 * headlines, a gallery of front pages with their credits).
 */
const MAX_REGION_LINK_DENSITY = 0.85;

/** A copy of the innermost element holding the headline and its lead, unless that is the whole page or mostly links. */
function headlineRegion({ headline, lead }: HeadlineLead): Element | null {
  let region: Element | null = lead.parentElement;
  while (region && !region.contains(headline)) region = region.parentElement;
  if (!region || region.tagName === 'BODY' || region.tagName === 'HTML') return null;
  if (linkDensity(region) > MAX_REGION_LINK_DENSITY) return null;
  return region.cloneNode(true) as Element;
}

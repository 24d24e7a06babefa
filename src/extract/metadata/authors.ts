/** Author names: cleaned, split, told apart from organisations, and compared loosely. */
import { collapseSpace } from '../../text/index.js';
import { MONTH_NAME } from './dates.js';
import type { FoundAuthor } from './harvest.js';
import { decodeEntities } from './values.js';

interface AuthorName {
  name: string;
  organization: boolean;
}

/**
 * Author names from the best source that names a person, else from Readability's byline.
 * Sources are not pooled: they spell the same people differently ("Jane Doe", "Doe, Jane",
 * "jdoe"), so the first source that yields a person wins. Beside its people, that source's
 * organisation bylines (a desk, a wire: "Reuters Staff", a JSON-LD Organization) are kept whole,
 * as one name each: they are credited for the story too. The publisher (the site by any of its
 * names) is never an author beside people; organisations alone are kept only when no source
 * names a person.
 */
export function mergeAuthors(candidates: FoundAuthor[], byline: string | null, publishers: string[]): string[] {
  const isPublisher = (name: string) => publishers.some((publisher) => sameName(publisher, name));
  const isOrganisation = (name: string) => isPublisher(name) || ORGANISATION_WORD.test(name);
  const groups = new Map<string, AuthorName[]>();
  for (const candidate of candidates) {
    if (candidate.source === 'article:author' && looksLikeUrl(candidate.value)) continue;
    const whole = collapseSpace(decodeEntities(candidate.value));
    // "Mac & i" naming the site is one organisation, not two people.
    const names =
      candidate.organization || isPublisher(whole)
        ? [{ name: whole, organization: true }]
        : splitAuthors(candidate.value, candidate.single).map((name) => ({ name, organization: isOrganisation(name) }));
    groups.set(candidate.source, [...(groups.get(candidate.source) ?? []), ...names]);
  }
  if (byline && groups.size === 0) {
    groups.set('readability', splitAuthors(byline, false).map((name) => ({ name, organization: isOrganisation(name) })));
  }
  const sources = [...groups.values()];
  const withPeople = sources.find((names) => names.some((author) => !author.organization));
  const chosen = withPeople ? withPeople.filter((author) => !author.organization || !isPublisher(author.name)) : (sources.find((names) => names.length > 0) ?? []);
  return dedupeNames(chosen.map((author) => author.name));
}

/**
 * The authors that are organisations, not people, so that a citation keeps them as one literal
 * name: those the page's own metadata types as an organisation (JSON-LD Organization), and
 * bylines naming a desk or a company.
 */
export function organisationAuthors(authors: readonly string[], candidates: readonly FoundAuthor[]): string[] {
  const typed = candidates.filter((candidate) => candidate.organization).map((candidate) => collapseSpace(decodeEntities(candidate.value)));
  return authors.filter((name) => ORGANISATION_WORD.test(name) || typed.some((organisation) => sameName(organisation, name)));
}

/** Words that name a desk or a company, not a person ("WebMD Health News", "Reuters Staff"). */
const ORGANISATION_WORD = /\b(?:News|Press|Media|Newsroom|Desk|Staff|Team|Agency|Associated|Inc|Ltd|LLC|GmbH|Corporation)\b/;

function dedupeNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = nameKey(name) || name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function looksLikeUrl(text: string): boolean {
  return /^(?:https?:)?\/\/|^www\.|^[\w-]+(?:\.[\w-]+)+\/\S*$/i.test(text.trim());
}

const AUTHOR_PREFIX =
  /^(?:(?:written|posted|reported|words|story|text|article|compiled)\s+by|by|author|autor(?:in)?|auteur)\b\s*[:\-–—]?\s*/i;

/** "Von"/"Par"/"Por" also begin real names ("Von Miller"): strip them only before a full name. */
const FOREIGN_BY_PREFIX = /^(?:von|par|por)\s+(?=\S+\s+\S)/i;

const NOT_AN_AUTHOR_LINE =
  /^(?:edited|photos?(?:graphs?)?|illustrations?|illustrated|graphics?|video|reviewed|fact[- ]checked|translated|additional reporting)\b.*\bby\b|^(?:last\s+)?(?:updated|published|modified)\b|^follow\b|^share\b/i;

const ROLE =
  /^(?:(?:the\s+)?(?:senior|chief|staff|special|contributing|associate|assistant|deputy|managing|executive|political|business|technology|tech|science|health|sports?|foreign|national|local|investigative|digital|news|freelance|guest|lead|global|economics|markets?)\s+)*(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|critic|producer|photographer|analyst|intern|staff|bureau chief|blogger|author)s?$/i;

const CREDENTIAL = /^(?:MA|MS|MSc|BSc|BA|MD|PhD|Ph\.D\.?|RN|MPH|DO|JD|MBA|CPA|PharmD)$/;

const NAME_SUFFIX = /^(?:Jr|Sr|II|III|IV)\.?$/;

/** One raw author string → zero or more cleaned person names. */
function splitAuthors(raw: string, single: boolean): string[] {
  const text = decodeEntities(raw)
    .replace(/https?:\/\/\S+|www\.\S+/gi, ' ')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    // "(with X)" / "(avec X)" names a co-author.
    .replace(/\((?:with|avec|mit|con|com)\s+([^)]*)\)/gi, ' and $1');
  const names: string[] = [];
  for (const line of text.split(/[\r\n]+/)) {
    // Roles after a bar or a spaced dash: "Jane Doe | Reuters", "Jane Doe - Staff".
    const withoutTail = line.replace(/\s*(?:\||\s[-–—]\s).*$/, '');
    if (NOT_AN_AUTHOR_LINE.test(collapseSpace(withoutTail))) continue;
    if (single) {
      const name = cleanName(withoutRoles(withoutTail).join(', '));
      return name ? [name] : [];
    }
    for (const piece of withoutTail.split(/\s+(?:and|And|AND|und|et|y|e)\s+|\s*[&;]\s*|\s+\/\s+/)) {
      names.push(...splitOnCommas(piece));
    }
  }
  return names;
}

/** The comma-separated parts of a name that are not a role or a credential ("Jane Doe, PhD"). */
function withoutRoles(piece: string): string[] {
  const parts: string[] = [];
  for (const part of piece.split(',').map(collapseSpace)) {
    if (!part || ROLE.test(part) || CREDENTIAL.test(part)) continue;
    // "Martin Luther King, Jr." stays one name.
    if (NAME_SUFFIX.test(part) && parts.length > 0) parts[parts.length - 1] += `, ${part}`;
    else parts.push(part);
  }
  return parts;
}

/**
 * "Jane Doe, John Smith" is two people, "Doe, Jane" is one, "Jane Doe, Staff Writer" is one
 * person and a role: commas split only when every remaining part looks like a full name.
 */
function splitOnCommas(piece: string): string[] {
  const parts = withoutRoles(piece);
  const wordCount = (part: string) => part.split(' ').length;
  const separateNames = parts.length > 2 || parts.every((part) => wordCount(part) >= 2 || /[^\p{Script=Latin}\s.'-]/u.test(part));
  const names = separateNames ? parts.map(cleanName) : [cleanName(parts.join(', '))];
  return names.filter((name): name is string => name !== null);
}

function cleanName(raw: string): string | null {
  let name = collapseSpace(raw);
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(AUTHOR_PREFIX, '').replace(FOREIGN_BY_PREFIX, '').trim();
  }
  // A date glued to the byline ("Lucas Nolan22 Dec 2016", "Nathan Willis March 25, 2015"): names
  // carry no digits, so cut at the first one, with the month name or connective just before it.
  name = name.replace(DATE_TAIL, '').trim().replace(/[\s,;:|·•–—-]+$/, '');
  name = stripUnbalancedParens(name).replace(/^[\s,;:|·•–—-]+/, '').replace(/^@/, '').trim();
  if (!name || !/\p{L}/u.test(name)) return null;
  // Longer than a name: a sentence, a tagline or a whole byline block.
  if (name.length > 80 || name.split(' ').length > 6) return null;
  if (ROLE.test(name) || MONTH_ONLY.test(name)) return null;
  return name;
}

const MONTH_ONLY = new RegExp(`^${MONTH_NAME}$`, 'i');

const DATE_TAIL = new RegExp(`(?:(?:^|\\s)(?:${MONTH_NAME}|on|at|updated|published|posted),?)*\\s*\\d.*$`, 'i');

/** Brackets left unbalanced by the splitting above ("Jane Doe (photos") are removed. */
function stripUnbalancedParens(text: string): string {
  const opens = (text.match(/\(/g) ?? []).length;
  const closes = (text.match(/\)/g) ?? []).length;
  const balanced = opens === closes ? text : text.replace(/[()]/g, ' ');
  return collapseSpace(balanced.replace(/\(\s*\)/g, ' '));
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b) && nameKey(a) !== '';
}

/** Compares names loosely: case, punctuation, word order and initials do not matter. */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length > 1 || /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word))
    .sort()
    .join(' ');
}

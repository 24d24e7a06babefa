/**
 * An archived snapshot as a CSL-JSON item: the one record every citation format is made from
 * (citation-js turns it into BibTeX, BibLaTeX, RIS and, through citeproc, APA, Chicago, MLA).
 */
import type { ArchivedArticle } from '../article.js';
import { citationHints, decideGenre, type PageGenre } from '../extract/page-genre.js';
import { citationName, type CslName } from './names.js';

/** CSL-JSON dates: [[year, month, day]]. */
export interface CslDate {
  'date-parts': [number, number?, number?][];
}

export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'webpage';
  title?: string;
  author?: CslName[];
  'container-title'?: string;
  issued?: CslDate;
  accessed: CslDate;
  URL?: string;
  language?: string;
  /** Where the archived copy is kept, and its content hash. */
  note: string;
  /** The snapshot in the archive (as archive-place/archive_location for styles that print it). */
  archive: string;
  archive_location: string;
  /** The citation key (BibTeX label). */
  'citation-key': string;
}

export interface CitedSnapshot {
  /** The page's key in the archive. */
  key: string;
  /** The snapshot folder's name. */
  snapshotName: string;
  /** The snapshot folder, relative to the archive. */
  snapshotPath: string;
  /** Whether the reference named this snapshot (key@snapshot) rather than taking the latest. */
  snapshotNamed: boolean;
  article: ArchivedArticle;
  genre: PageGenre;
  /** Author names the page types as organisations. */
  organisations?: readonly string[];
}

/** What the archived copy is called in citations. */
export const ARCHIVE_NAME = 'clipfile archive';

export function cslItemOf(cited: CitedSnapshot): CslItem {
  const { article } = cited;
  const organisations = new Set(cited.organisations ?? []);
  const authors = article.authors.map((name) => citationName(name, organisations));
  const issued = cslDateOf(article.publishedTime);
  const key = citationKeyOf(cited);
  const item: CslItem = {
    id: key,
    'citation-key': key,
    type: cited.genre === 'news' ? 'article-newspaper' : 'webpage',
    accessed: cslDateOf(article.provenance.fetchedAt)!,
    note: `Archived copy: ${cited.snapshotPath} (content SHA-256 ${article.provenance.sha256.content})`,
    archive: ARCHIVE_NAME,
    archive_location: cited.snapshotPath,
  };
  if (article.title) item.title = article.title;
  if (authors.length) item.author = authors;
  if (article.siteName) item['container-title'] = article.siteName;
  if (issued) item.issued = issued;
  const url = article.url ?? article.provenance.url;
  if (url) item.URL = url;
  if (article.lang) item.language = article.lang;
  return item;
}

/** An ISO 8601 time as a CSL date (its calendar day in UTC); undefined for no date or a bad one. */
export function cslDateOf(iso: string | null | undefined): CslDate | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return { 'date-parts': [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]] };
}

/** How many words of the title a citation key takes. */
const KEY_TITLE_WORDS = 1;
/** Short title words that say nothing about the article. */
const KEY_SKIP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'to', 'and', 'for', 'at', 'by', 'with']);

/**
 * A citation key that is the same every time the same snapshot is cited and unique in the
 * archive: the first author's family name, the year, the first title word (ASCII, lower case),
 * then the page key, and the snapshot's capture time when the reference named one:
 * `farouk2015ustrained_c65795c9e7`, `farouk2015ustrained_c65795c9e7_20261125205854`. Letters,
 * digits and `_` only, which every BibTeX tool takes in a key.
 */
export function citationKeyOf(cited: CitedSnapshot): string {
  const { article } = cited;
  const first = article.authors[0] ? citationName(article.authors[0], new Set(cited.organisations ?? [])) : undefined;
  const name = keyWord(first?.family ?? first?.literal ?? article.siteName ?? '');
  const year = cslDateOf(article.publishedTime)?.['date-parts'][0]![0] ?? '';
  const titleWords = (article.title ?? '')
    .split(/\s+/)
    .map(keyWord)
    .filter((word) => word && !KEY_SKIP_WORDS.has(word))
    .slice(0, KEY_TITLE_WORDS);
  const head = `${name}${year}${titleWords.join('')}`;
  const snapshot = cited.snapshotNamed ? `_${snapshotDigits(cited.snapshotName)}` : '';
  return `${head ? `${head}_` : ''}${cited.key}${snapshot}`;
}

/** A snapshot name's date and time as digits ("2026-11-25T20-58-54Z-2" → "202611252058542"). */
export function snapshotDigits(snapshotName: string): string {
  return snapshotName.replace(/\D/g, '');
}

/** A word as key material: accents dropped, only ASCII letters and digits, lower case. */
function keyWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Whether an Article records its genre (snapshots archived before it did not): then its page need not be read again. */
export function recordsGenre(article: ArchivedArticle): boolean {
  return article.genre !== undefined;
}

/**
 * A catalogue entry ready to cite: its genre and organisation authors as extraction recorded
 * them on the Article; for an older snapshot that does not record them, read from the captured
 * page when it is at hand (`sourceHtml`), else decided from the Article alone.
 */
export function citedSnapshotOf(
  entry: { page: { key: string }; name: string; path: string; article: ArchivedArticle },
  sourceHtml: string | undefined,
  snapshotNamed: boolean,
): CitedSnapshot {
  const { article } = entry;
  const recorded = article.genre === undefined ? undefined : { genre: article.genre, organisations: article.authorOrganisations ?? [] };
  const hints = recorded ?? (sourceHtml === undefined ? undefined : hintsOrNothing(sourceHtml, article)) ?? { ...decideGenre([], null, article), organisations: [] };
  return {
    key: entry.page.key,
    snapshotName: entry.name,
    snapshotPath: entry.path,
    snapshotNamed,
    article,
    genre: hints.genre,
    organisations: hints.organisations,
  };
}

/** The page's own statements, or nothing when its HTML cannot be read again (past the complexity limits, say). */
function hintsOrNothing(sourceHtml: string, article: ArchivedArticle): ReturnType<typeof citationHints> | undefined {
  try {
    return citationHints(sourceHtml, article.url, article);
  } catch {
    return undefined;
  }
}

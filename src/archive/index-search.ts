/**
 * Full-text reads of index.db: pages by the search language (a SearchQuery value, whose FTS5
 * expression search-query.ts builds), and quotations by speaker.
 */
import type Database from 'better-sqlite3';
import type { QuoteRow, SearchHit, SpeakerQuoteRow } from './index-rows.js';
import { latestSnapshotOf } from './index-queries.js';
import { ftsQueryOf, parseSearchQuery, snippetColumnOf, type SearchQuery } from './search-query.js';

/** bm25 weights of snapshots_fts's columns: title, byline, text, quotes, speakers. */
const COLUMN_WEIGHTS = [10.0, 4.0, 1.0, 2.0, 2.0] as const;
/** Words of text around a match in a hit's snippet. */
const SNIPPET_WORDS = 24;

/** The columns of a QuoteRow, over quotes q, snapshots s and pages p. */
const QUOTE_COLUMNS = `q.speaker, q.speaker_mention AS speakerMention, q.text, q.cue, q.speaker_guessed = 1 AS speakerGuessed, q.partial = 1 AS partial,
       q.paragraph, q.start, q."end" AS "end", q.confidence,
       s.title, s.published_time AS publishedTime, s.fetched_at AS fetchedAt, p.url, p.key, s.name AS snapshot`;
/** Newest article first, then the quotations of each in their order. */
const QUOTE_ORDER = 'ORDER BY coalesce(s.published_time, s.fetched_at) DESC, s.fetched_at DESC, p.url, q.position';

/** The condition keeping the latest snapshot of each page of `s`, unless every snapshot is wanted. */
function latestOnly(allSnapshots: boolean | undefined): string {
  return allSnapshots ? '' : `AND s.id = ${latestSnapshotOf('s.page_id')}`;
}

/**
 * Full-text search ranked by bm25 (title weighted above byline above text), over the latest
 * snapshot of each page unless `allSnapshots`. Scores are positive, higher is better.
 */
export function search(
  db: Database.Database,
  query: SearchQuery,
  options: { limit?: number; allSnapshots?: boolean; markers?: [string, string] } = {},
): SearchHit[] {
  const [open, close] = options.markers ?? ['**', '**'];
  return db
    .prepare<[string, string, string, string, number], SearchHit>(
      `SELECT p.key, p.url, s.name AS snapshot, s.path, s.fetched_at AS fetchedAt, s.title, s.byline,
              snippet(snapshots_fts, ${snippetColumnOf(query)}, ?, ?, ?, ${SNIPPET_WORDS}) AS snippet,
              -bm25(snapshots_fts, ${COLUMN_WEIGHTS.join(', ')}) AS score
       FROM snapshots_fts
       JOIN snapshots s ON s.id = snapshots_fts.rowid
       JOIN pages p ON p.id = s.page_id
       WHERE snapshots_fts MATCH ? ${latestOnly(options.allSnapshots)}
       ORDER BY score DESC LIMIT ?`,
    )
    .all(open, close, '…', ftsQueryOf(query), options.limit ?? 20);
}

/**
 * Quotations whose speaker matches every word of `speaker` (case and accents ignored; the
 * speaker's full name or the mention as written), newest article first: of the latest
 * snapshot of each page unless `allSnapshots`. Optional `words` must occur in the quotation.
 */
export function quotesBySpeaker(
  db: Database.Database,
  speaker: string,
  options: { allSnapshots?: boolean; limit?: number; words?: string } = {},
): QuoteRow[] {
  const match = speakerMatch(speaker, options.words);
  if (!match) return [];
  return db
    .prepare<[string, number], QuoteRow>(
      `SELECT ${QUOTE_COLUMNS}
       FROM quotes_fts
       JOIN quotes q ON q.id = quotes_fts.rowid
       JOIN snapshots s ON s.id = q.snapshot_id
       JOIN pages p ON p.id = s.page_id
       WHERE quotes_fts MATCH ? ${latestOnly(options.allSnapshots)}
       ${QUOTE_ORDER}
       LIMIT ?`,
    )
    .all(match, options.limit ?? -1)
    .map((row) => ({ ...row, partial: Boolean(row.partial), speakerGuessed: Boolean(row.speakerGuessed) }));
}

/** The quotes_fts expression: every word of the speaker in a speaker column, the words (the search language) in the text. */
function speakerMatch(speaker: string, words: string | undefined): string | null {
  const names = speaker.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (!names.length) return null;
  const conditions = names.map((n) => `{speaker speaker_mention} : "${n}"`);
  const parsed = words ? parseSearchQuery(words) : null;
  const text = parsed ? ftsQueryOf(parsed) : '';
  return text ? `(${conditions.join(' AND ')}) AND text : (${text})` : conditions.join(' AND ');
}

/**
 * Every quotation whose speaker the text states, with its article and site, in archive order: of
 * the latest snapshot of each page unless `allSnapshots` (for merging speakers across articles).
 * A guessed speaker is left out: it would count a quotation, or join two names, on a guess.
 */
export function quotesWithSpeakers(db: Database.Database, options: { allSnapshots?: boolean } = {}): SpeakerQuoteRow[] {
  return db
    .prepare<[], SpeakerQuoteRow>(
      `SELECT ${QUOTE_COLUMNS}, p.host
       FROM quotes q
       JOIN snapshots s ON s.id = q.snapshot_id
       JOIN pages p ON p.id = s.page_id
       WHERE q.speaker IS NOT NULL AND q.speaker_guessed = 0 ${latestOnly(options.allSnapshots)}
       ${QUOTE_ORDER}`,
    )
    .all()
    .map((row) => ({ ...row, partial: Boolean(row.partial), speakerGuessed: Boolean(row.speakerGuessed) }));
}

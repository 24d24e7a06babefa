/**
 * The archive as tidy tables for pandas, R and DuckDB: one row per page (articles), per
 * snapshot, per quotation and per embedded post, with stable, documented columns and the keys
 * to join them (`page_key`, `snapshot_id`). Each table is a list of columns (name, type,
 * meaning, how to read it from a snapshot); rows are made one snapshot at a time.
 */
import type { ArchivedArticle, Embed, Quote } from '../article.js';
import type { CatalogEntry } from '../archive/catalog.js';

export const TABLE_NAMES = ['articles', 'snapshots', 'quotes', 'embeds'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** How a column's values are typed: in JSONL as JSON values, in CSV as text ('' for null). */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
export type Cell = string | number | boolean | null;

export interface Column<Source> {
  name: string;
  type: ColumnType;
  /** What the column holds, as the README documents it. */
  meaning: string;
  value: (source: Source) => Cell;
}

/** A snapshot and its Article, as every table reads it. */
export interface SnapshotSource {
  entry: CatalogEntry;
  article: ArchivedArticle;
}

interface QuoteSource extends SnapshotSource {
  quote: Quote;
  position: number;
}

interface EmbedSource extends SnapshotSource {
  embed: Embed;
  position: number;
}

/** How lists (authors, tags) are joined in one cell. */
export const LIST_SEPARATOR = '; ';

/** The identifier of a snapshot across tables: the page key and the snapshot's name, as `cite` and `show` take it. */
export function snapshotId(entry: CatalogEntry): string {
  return `${entry.page.key}@${entry.name}`;
}

const pageKey: Column<SnapshotSource> = {
  name: 'page_key',
  type: 'string',
  meaning: "the page's key in the archive (10 hex digits); joins every table",
  value: ({ entry }) => entry.page.key,
};
const snapshotIdColumn: Column<SnapshotSource> = {
  name: 'snapshot_id',
  type: 'string',
  meaning: 'the snapshot: `page_key@snapshot-name` (`clipfile show` and `cite` take it); joins snapshots, quotes and embeds',
  value: ({ entry }) => snapshotId(entry),
};

const ARTICLE_COLUMNS: Column<SnapshotSource>[] = [
  pageKey,
  { ...snapshotIdColumn, meaning: "the page's latest snapshot (`page_key@snapshot-name`), the one the other columns describe" },
  { name: 'url', type: 'string', meaning: 'the URL the page is filed under (canonical when on the same site, else final; no tracking parameters)', value: ({ entry }) => entry.page.url },
  { name: 'title', type: 'string', meaning: 'the article title', value: ({ article }) => article.title },
  { name: 'byline', type: 'string', meaning: 'the byline as the page writes it', value: ({ article }) => article.byline },
  { name: 'authors', type: 'string', meaning: `the authors, joined by "${LIST_SEPARATOR}"`, value: ({ article }) => joinList(article.authors) },
  { name: 'site_name', type: 'string', meaning: 'the site or publication name', value: ({ article }) => article.siteName },
  { name: 'section', type: 'string', meaning: 'the section the page files the article under', value: ({ article }) => article.section },
  { name: 'tags', type: 'string', meaning: `the page's tags or keywords, joined by "${LIST_SEPARATOR}"`, value: ({ article }) => joinList(article.tags) },
  { name: 'lang', type: 'string', meaning: 'the language (BCP 47, as the page states it)', value: ({ article }) => article.lang },
  { name: 'published_time', type: 'datetime', meaning: 'when the article was published (ISO 8601), as the page states it', value: ({ article }) => article.publishedTime },
  { name: 'modified_time', type: 'datetime', meaning: 'when the article was last modified (ISO 8601), as the page states it', value: ({ article }) => article.modifiedTime },
  { name: 'fetched_at', type: 'datetime', meaning: 'when the latest snapshot was captured (ISO 8601, UTC)', value: ({ article }) => article.provenance.fetchedAt },
  { name: 'snapshots', type: 'integer', meaning: 'how many snapshots the archive holds of the page', value: ({ entry }) => entry.pageSnapshots },
  { name: 'word_count', type: 'integer', meaning: "words in the article's text", value: ({ article }) => article.wordCount },
  { name: 'quotes', type: 'integer', meaning: 'quotations in the article (rows of the quotes table)', value: ({ article }) => article.quotes.length },
  { name: 'embeds', type: 'integer', meaning: 'embedded posts and videos (rows of the embeds table)', value: ({ article }) => article.embeds.length },
  { name: 'confidence', type: 'number', meaning: 'how sure the extraction is that it found the story (0–1)', value: ({ article }) => article.confidence },
  { name: 'readerable', type: 'boolean', meaning: 'whether the page looks like an article at all', value: ({ article }) => article.readerable },
  { name: 'excerpt', type: 'string', meaning: "the page's summary or description", value: ({ article }) => article.excerpt },
  { name: 'image', type: 'string', meaning: "the page's lead image URL", value: ({ article }) => article.image },
  { name: 'path', type: 'string', meaning: 'the latest snapshot folder, relative to the archive', value: ({ entry }) => entry.path },
];

const SNAPSHOT_COLUMNS: Column<SnapshotSource>[] = [
  pageKey,
  snapshotIdColumn,
  { name: 'snapshot', type: 'string', meaning: "the snapshot folder's name (its capture time, UTC)", value: ({ entry }) => entry.name },
  { name: 'latest', type: 'boolean', meaning: "whether it is the page's latest snapshot", value: ({ entry }) => entry.latest },
  { name: 'fetched_at', type: 'datetime', meaning: 'when it was captured (ISO 8601, UTC)', value: ({ article }) => article.provenance.fetchedAt },
  { name: 'title', type: 'string', meaning: 'the title in this snapshot', value: ({ article }) => article.title },
  { name: 'word_count', type: 'integer', meaning: 'words in the text of this snapshot', value: ({ article }) => article.wordCount },
  { name: 'final_url', type: 'string', meaning: 'the URL the page was read at (after redirects; no fragment or tracking parameters)', value: ({ article }) => article.url },
  { name: 'requested_url', type: 'string', meaning: 'the source as named (a URL, a file path, or "-")', value: ({ article }) => article.provenance.requestedUrl },
  { name: 'source', type: 'string', meaning: 'how it was read: `http`, `file`, `stdin` or `warc`', value: ({ article }) => article.provenance.source },
  { name: 'http_status', type: 'integer', meaning: 'the HTTP status of the final response (empty for files)', value: ({ article }) => article.provenance.status },
  { name: 'redirects', type: 'integer', meaning: 'redirect hops followed', value: ({ article }) => Math.max(0, article.provenance.redirects.length - 1) },
  { name: 'encoding', type: 'string', meaning: 'the character encoding the page was decoded with', value: ({ article }) => article.provenance.encoding },
  { name: 'content_sha256', type: 'string', meaning: 'SHA-256 of title + Markdown: equal values mean equal content', value: ({ article }) => article.provenance.sha256.content },
  { name: 'text_sha256', type: 'string', meaning: 'SHA-256 of the plain text', value: ({ article }) => article.provenance.sha256.text },
  { name: 'capture_sha256', type: 'string', meaning: 'SHA-256 of source.html, the bytes as captured', value: ({ article }) => article.provenance.sha256.capture },
  { name: 'clipfile_version', type: 'string', meaning: 'the clipfile version that made the snapshot', value: ({ article }) => article.provenance.clipfile.version },
  { name: 'path', type: 'string', meaning: 'the snapshot folder, relative to the archive', value: ({ entry }) => entry.path },
];

const QUOTE_COLUMNS: Column<QuoteSource>[] = [
  pageKey,
  snapshotIdColumn,
  { name: 'position', type: 'integer', meaning: 'the quotation\'s place in the article, from 0 (`snapshot_id` + `position` is unique)', value: ({ position }) => position },
  { name: 'speaker', type: 'string', meaning: 'who said it: the full name the article gives, or an organisation; empty when not told', value: ({ quote }) => quote.speaker },
  { name: 'speaker_mention', type: 'string', meaning: 'the speaker as written at the quotation ("he", "Khalimov")', value: ({ quote }) => quote.speakerMention },
  { name: 'text', type: 'string', meaning: 'the words quoted, without the marks', value: ({ quote }) => quote.text },
  { name: 'cue', type: 'string', meaning: 'the reporting word ("said", "told", ":")', value: ({ quote }) => quote.cue },
  { name: 'speaker_guessed', type: 'boolean', meaning: 'the text states no speaker: `speaker` is the person the passage is about, a guess', value: ({ quote }) => quote.speakerGuessed === true },
  { name: 'partial', type: 'boolean', meaning: 'a quotation inside paraphrase', value: ({ quote }) => quote.partial },
  { name: 'paragraph', type: 'integer', meaning: "the block of the article's text where it starts, from 0", value: ({ quote }) => quote.paragraph },
  { name: 'start', type: 'integer', meaning: "offset of its start in the article's text (JavaScript string offsets)", value: ({ quote }) => quote.start },
  { name: 'end', type: 'integer', meaning: "offset of its end in the article's text", value: ({ quote }) => quote.end },
  { name: 'confidence', type: 'number', meaning: 'how sure the attribution is (0–1)', value: ({ quote }) => quote.confidence },
];

const EMBED_COLUMNS: Column<EmbedSource>[] = [
  pageKey,
  snapshotIdColumn,
  { name: 'position', type: 'integer', meaning: 'the embed\'s place in the article, from 0 (`snapshot_id` + `position` is unique)', value: ({ position }) => position },
  { name: 'kind', type: 'string', meaning: '`tweet`, `youtube`, `vimeo`, `instagram`, `tiktok`, `bluesky`, `mastodon` or `facebook`', value: ({ embed }) => embed.kind },
  { name: 'post_id', type: 'string', meaning: "the platform's id of the post or video", value: ({ embed }) => embed.id },
  { name: 'url', type: 'string', meaning: 'the link to the post or video', value: ({ embed }) => embed.url },
  { name: 'author_name', type: 'string', meaning: "the post author's name", value: ({ embed }) => embed.authorName },
  { name: 'author_handle', type: 'string', meaning: 'the author\'s handle, without "@"', value: ({ embed }) => embed.authorHandle },
  { name: 'text', type: 'string', meaning: "the post's text as the page carries it", value: ({ embed }) => embed.text },
  { name: 'date', type: 'string', meaning: "the post's date as the page writes it (ISO 8601 when the markup gives one)", value: ({ embed }) => embed.date },
  { name: 'title', type: 'string', meaning: 'the title of a video', value: ({ embed }) => embed.title },
];

/** A table: its columns, whether it reads every snapshot, and how one snapshot becomes rows. */
export interface Table {
  name: TableName;
  columns: readonly Column<never>[];
  /** The rows of one snapshot, as cells in column order. */
  rowsOf(source: SnapshotSource): Cell[][];
}

/** The cells of a row; an empty string is missing data, as null (so CSV's empty cell reads back the same). */
function cellsOf<Source>(columns: readonly Column<Source>[], source: Source): Cell[] {
  return columns.map((column) => {
    const cell = column.value(source);
    return cell === '' || cell === undefined ? null : cell;
  });
}

export const TABLES: Record<TableName, Table> = {
  articles: { name: 'articles', columns: ARTICLE_COLUMNS, rowsOf: (source) => [cellsOf(ARTICLE_COLUMNS, source)] },
  snapshots: { name: 'snapshots', columns: SNAPSHOT_COLUMNS, rowsOf: (source) => [cellsOf(SNAPSHOT_COLUMNS, source)] },
  quotes: {
    name: 'quotes',
    columns: QUOTE_COLUMNS,
    rowsOf: (source) => source.article.quotes.map((quote, position) => cellsOf(QUOTE_COLUMNS, { ...source, quote, position })),
  },
  embeds: {
    name: 'embeds',
    columns: EMBED_COLUMNS,
    rowsOf: (source) => source.article.embeds.map((embed, position) => cellsOf(EMBED_COLUMNS, { ...source, embed, position })),
  },
};

/** Whether a table reads every snapshot (snapshots) or each page's latest (the others, unless asked). */
export function readsAllSnapshots(table: TableName, allSnapshots: boolean): boolean {
  return table === 'snapshots' || (allSnapshots && table !== 'articles');
}

/** A row as a JSON object, columns in order. */
export function jsonRow(table: Table, cells: readonly Cell[]): Record<string, Cell> {
  return Object.fromEntries(table.columns.map((column, index) => [column.name, cells[index] ?? null]));
}

/** A row as CSV cells: null as empty, booleans as true/false, numbers as JavaScript writes them. */
export function csvCells(cells: readonly Cell[]): string[] {
  return cells.map((cell) => (cell === null ? '' : String(cell)));
}

/** A CSV cell read back as its column's type (the inverse of `csvCells`, for a reader that knows the columns). */
export function cellFromCsv(type: ColumnType, text: string): Cell {
  if (text === '') return null;
  switch (type) {
    case 'integer':
    case 'number':
      return Number(text);
    case 'boolean':
      return text === 'true';
    default:
      return text;
  }
}

function joinList(values: readonly string[]): string | null {
  return values.length ? values.join(LIST_SEPARATOR) : null;
}

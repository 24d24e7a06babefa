/**
 * The contract between pipeline stages. Every stage takes one of these types and returns
 * the next; nothing else crosses a stage boundary.
 */

/** Bumped whenever a field of Article changes meaning or disappears. */
export const SCHEMA_VERSION = 1;

export type SourceKind = 'http' | 'file' | 'stdin' | 'warc';

/**
 * Where an archived page was found, when it was not named directly: an entry of a feed or
 * sitemap, or the marks a saved page carries (urlFrom).
 */
export interface CaptureOrigin {
  /** The feed or sitemap that listed the page. */
  feed?: string;
  entryId?: string | null;
  entryDate?: string | null;
  entryTitle?: string | null;
  /** A saved page's URL came from: `singlefile`, `saved-from`, `canonical`, `og:url`, or `list` (a FILE URL line) / `option` (--url). */
  urlFrom?: string;
  /** The WARC file the page was read from. */
  warc?: string;
}

/** Whatever `acquire` got hold of: the raw bytes and how they were obtained. */
export interface Capture {
  /** What the user named: a URL, a file path, or "-" for stdin. */
  requestedUrl: string;
  /** The page URL: the final URL after redirects, or `--url` for files and stdin (null when unknown). */
  url: string | null;
  source: SourceKind;
  /** Every URL visited, first to last (http only; empty otherwise). */
  redirects: string[];
  /** HTTP status of the final response; null for files and stdin. */
  status: number | null;
  /** Response headers that matter for provenance, lower-case names. */
  headers: Record<string, string>;
  /** The media type without parameters, e.g. "text/html" (null when unknown). */
  contentType: string | null;
  bytes: Uint8Array;
  /** ISO 8601 time the bytes were read. */
  fetchedAt: string;
  /** How the page was found (feed entry, saved-page marks, WARC); absent for a page named directly. */
  origin?: CaptureOrigin;
  /** The final HTTP request and response as exchanged, for the WARC (http only). */
  exchange?: {
    method: 'GET';
    /**
     * The headers clipfile set (user-agent, accept, any extra), lower-case names. Node's fetch
     * adds its own (host, connection, accept-encoding, …) and does not expose them.
     */
    requestHeaders: [string, string][];
    /**
     * Every header of the final response. Node's fetch `Headers` yields them lower-cased and
     * sorted by name, not in wire order; that is all it exposes, and it is acceptable here.
     */
    responseHeaders: [string, string][];
    /** The reason phrase as received ("" when the server sent none). */
    statusText: string;
    /** e.g. "1.1". */
    httpVersion: string;
  };
}

/** The decoded page. */
export interface DecodedPage {
  html: string;
  /** WHATWG encoding name used to decode, e.g. "UTF-8", "windows-1251". */
  encoding: string;
  /** Where the encoding came from. */
  encodingSource: 'bom' | 'header' | 'meta' | 'sniffed' | 'default';
  /**
   * Bytes that did not decode and became U+FFFD: for UTF-8, the bytes of each broken sequence;
   * for other encodings, one per undecodable sequence. 0 for a clean page.
   */
  invalidBytes: number;
}

export type EmbedKind =
  | 'tweet'
  | 'youtube'
  | 'vimeo'
  | 'instagram'
  | 'tiktok'
  | 'bluesky'
  | 'mastodon'
  | 'facebook';

/** An embedded post or video, as found in the page's markup. */
export interface Embed {
  kind: EmbedKind;
  /** The platform's id of the post or video (tweet status id, YouTube video id, …). */
  id: string | null;
  /** Canonical link to the post or video. */
  url: string;
  authorName: string | null;
  /** Handle without "@" (twitter, bluesky, mastodon, instagram, tiktok). */
  authorHandle: string | null;
  /** The post's text as the markup carries it (null for a rendered iframe with no text). */
  text: string | null;
  /** The post's date as written in the markup, or ISO 8601 when the markup gives one. */
  date: string | null;
  /** Title of a video, where the markup carries one. */
  title: string | null;
}

/** A direct quotation and who said it (filled by the quotes stage, src/extract/quotes/). */
export interface Quote {
  /** The words quoted, without the marks; the pieces of a split quotation joined by a space. */
  text: string;
  /** The speaker's full name as the article gives it (or an organisation); null when not told. */
  speaker: string | null;
  /** The speaker as written where the quotation is attributed ("he", "Khalimov", "the former first lady"). */
  speakerMention: string | null;
  /**
   * The description the article gives the speaker ("head of Tajikistan's special police forces",
   * "former first lady"), from an appositive, the words before their name, or the description the
   * quotation is attributed to; null when none. Absent in snapshots archived before it existed.
   */
  speakerRole?: string | null;
  /** The reporting word ("said", "told", "according to", ":"); null when inherited or absent. */
  cue: string | null;
  /**
   * True when nothing in the text attributes the quotation and `speaker` is a guess: the person the
   * passage is about (the speaker quoted just before, else the person named last). Absent otherwise.
   */
  speakerGuessed?: boolean;
  /** A quotation inside paraphrase (called the plan “a disaster”). */
  partial: boolean;
  /** Index of the block (paragraph) of `text` where it starts, from 0. */
  paragraph: number;
  /** Offsets into the article's `text`: the first piece's start, the last piece's end (marks excluded). */
  start: number;
  end: number;
  /** Each quoted stretch: one for a plain quotation, several for “A,” X said, “B.” or a multi-paragraph one. */
  pieces: { start: number; end: number }[];
  /** How sure the attribution is, 0–1. */
  confidence: number;
}

/** A reader comment under the story (src/extract/comments/), never part of the story's text. */
export interface ReaderComment {
  /** The commenter's name as the page shows it; null when none is shown. */
  author: string | null;
  /** The comment's date: ISO 8601 when the markup gives a machine-readable one, else as written; null when none. */
  date: string | null;
  /** The comment's plain text: one blank line between its paragraphs. */
  text: string;
  /** 0 for a comment on the story, 1 for a reply to a comment, and so on. */
  replyDepth: number;
}

/** The metadata fields of an Article, merged from every source the page offers. */
export interface ArticleMetadata {
  title: string | null;
  authors: string[];
  /** The byline as the page writes it (Readability's, else the joined authors). */
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  /** ISO 8601. */
  publishedTime: string | null;
  /** ISO 8601. */
  modifiedTime: string | null;
  excerpt: string | null;
  canonicalUrl: string | null;
  image: string | null;
  tags: string[];
  section: string | null;
}

/** Everything one page yielded. */
export interface Article extends ArticleMetadata {
  schemaVersion: typeof SCHEMA_VERSION;
  /** The page URL (final URL, or --url), null when a file was read without --url. */
  url: string | null;
  /** Readability's verdict on the untouched page: does it look like an article at all? */
  readerable: boolean;
  /**
   * How sure clipfile is that `text` is the story (0..1): agreement between extraction
   * strategies (Readability, the densest text block, the JSON-LD articleBody), the text's
   * density (length, paragraphs, share of links) and `readerable`. Below about 0.5, check it.
   */
  confidence: number;
  wordCount: number;
  /** Plain text, block-aware: one blank line between blocks, no URLs. */
  text: string;
  /** Markdown body (no front matter). */
  markdown: string;
  /** The cleaned article HTML. */
  html: string;
  embeds: Embed[];
  quotes: Quote[];
  /** Reader comments under the story, in page order; empty when the page shows none. */
  comments: ReaderComment[];
  /**
   * What the reader of this Article should know about how it was made, one line each (e.g.
   * links and images kept relative because the page had no URL); empty when nothing.
   */
  warnings: string[];
  /**
   * What the page says it is, for citations: `news` (a news story: JSON-LD NewsArticle, or a
   * dated, signed article that says nothing more) or `web` (a blog post, another kind of page).
   * From the page's JSON-LD @type and og:type (src/extract/page-genre.ts). Absent in snapshots
   * archived before it was recorded.
   */
  genre?: PageGenre;
  /** The authors that are organisations (a desk, a wire, a JSON-LD Organization), cited as one name each. Absent as genre is. */
  authorOrganisations?: string[];
}

/** See Article.genre. */
export type PageGenre = 'news' | 'web';

/**
 * Why a page was rendered in Chromium (--render): `always`; `no-article` (its HTML as served
 * holds no story); `low-confidence` (the story found is doubtful); `short-article` (its scripts
 * carry far more prose than the story found); `script-embed` (an embedded post that is only a
 * placeholder until a widget script fills it). See src/render/decide.ts.
 */
export type RenderReason = 'always' | 'no-article' | 'low-confidence' | 'short-article' | 'script-embed';

/** A page rendered in Chromium whose DOM the Article was extracted from (kept as rendered.html). */
export interface RenderedSnapshot {
  /** The DOM after the page's scripts ran, serialised. */
  html: string;
  reason: RenderReason;
  /** "Chromium 156.0.8078.114". */
  browser: string;
  /** ISO 8601: when the DOM was serialised. */
  renderedAt: string;
}

/** How a snapshot was obtained: enough to cite it and to check it was not altered. */
export interface Provenance {
  /** The source as the user named it (URL, file path, or "-"). */
  requestedUrl: string;
  /**
   * The URL the page is filed under: the canonical URL it states when that is on the same site,
   * else its final URL (or --url); without fragment and tracking parameters.
   */
  url: string;
  /** A canonical URL the page stated but is not filed under (another site's, or the front page). */
  ignoredCanonical: string | null;
  source: SourceKind;
  /** Every URL visited, first to last (http only). */
  redirects: string[];
  status: number | null;
  /** content-type, etag, last-modified, date, … as the server sent them. */
  headers: Record<string, string>;
  fetchedAt: string;
  /** The character encoding used to decode the captured bytes, and what decided it. */
  encoding: string;
  encodingSource: DecodedPage['encodingSource'];
  /** Bytes of the capture that did not decode (replaced by U+FFFD); 0 for a clean page. Absent in older snapshots. */
  invalidBytes?: number;
  sha256: {
    /** Of source.html, the bytes as captured. */
    capture: string;
    /** Of `text`, the extracted plain text. */
    text: string;
    /** Of title + Markdown: what decides whether a new snapshot is stored. */
    content: string;
  };
  clipfile: {
    version: string;
    /** The options that shape the result (e.g. timeout, maxBytes, userAgent, warc). */
    options: Record<string, string | number | boolean | null>;
  };
  /** How the page was found: a feed or sitemap entry, a saved page's marks, a WARC file. */
  origin?: CaptureOrigin;
  /** Present (true) only when the Article was extracted from the page as rendered in Chromium. */
  rendered?: true;
  /** With `rendered`: why, by which browser, when, and the SHA-256 of rendered.html. */
  render?: { reason: RenderReason; browser: string; renderedAt: string; sha256: string };
}

/** What `article.json` in a snapshot folder holds: the Article plus its provenance. */
export interface ArchivedArticle extends Article {
  provenance: Provenance;
}

/**
 * Writes to index.db: a snapshot (its page, the URLs it was reached by, its full text and its
 * quotations), a check, and forgetting what the folder no longer holds. Each takes the open
 * connection; IndexDatabase (index-db.ts) wraps them.
 */
import type Database from 'better-sqlite3';
import type { ArchivedArticle } from '../article.js';
import { isSameSite, lookupUrl } from './layout.js';
import type { CheckRecord, PageUrlKind, SnapshotRecord } from './index-rows.js';
import { snapshotsOf } from './index-queries.js';

/** Adds a snapshot (and its page) unless the index has it already. */
export function addSnapshot(db: Database.Database, record: SnapshotRecord): void {
  const { article } = record;
  const pageId = ensurePage(db, record.key, article.provenance.url, record.host, record.pageFolder);
  const insertUrl = db.prepare('INSERT OR IGNORE INTO page_urls (page_id, url, kind) VALUES (?, ?, ?)');
  for (const { url, kind } of urlsOfSnapshot(article)) insertUrl.run(pageId, url, kind);
  const inserted = db
    .prepare(
      `INSERT OR IGNORE INTO snapshots (page_id, name, path, fetched_at, title, byline, site_name, published_time, lang,
         word_count, content_sha256, capture_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      pageId,
      record.name,
      record.path,
      article.provenance.fetchedAt,
      article.title,
      article.byline,
      article.siteName,
      article.publishedTime,
      article.lang,
      article.wordCount,
      article.provenance.sha256.content,
      article.provenance.sha256.capture,
    );
  if (inserted.changes === 0) return;
  const snapshotId = inserted.lastInsertRowid;
  addSnapshotText(db, snapshotId, article);
  addQuotes(db, snapshotId, article);
}

/** The snapshot's row of snapshots_fts: title, byline, text, its quotations and their speakers. */
function addSnapshotText(db: Database.Database, snapshotId: number | bigint, article: ArchivedArticle): void {
  const quotes = article.quotes ?? [];
  const quoteText = quotes.map((q) => (q.speaker ? `${q.speaker}: ${q.text}` : q.text)).join('\n');
  // Names only: a mention such as "he" or "a spokesman" is not worth a speaker: search.
  const speakers = [...new Set(quotes.flatMap((q) => [q.speaker, q.speakerMention]).filter((s): s is string => Boolean(s && /\p{Lu}/u.test(s))))].join('\n');
  db.prepare('INSERT INTO snapshots_fts (rowid, title, byline, text, quotes, speakers) VALUES (?, ?, ?, ?, ?, ?)')
    .run(snapshotId, article.title ?? '', article.byline ?? '', article.text, quoteText, speakers);
}

/** Each quotation of the snapshot, in its table and in quotes_fts. */
function addQuotes(db: Database.Database, snapshotId: number | bigint, article: ArchivedArticle): void {
  const insertQuote = db.prepare(
    `INSERT INTO quotes (snapshot_id, position, text, speaker, speaker_mention, cue, speaker_guessed, partial, paragraph, start, "end", confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertQuoteFts = db.prepare('INSERT INTO quotes_fts (rowid, speaker, speaker_mention, text) VALUES (?, ?, ?, ?)');
  for (const [position, q] of (article.quotes ?? []).entries()) {
    const row = insertQuote.run(
      snapshotId,
      position,
      q.text,
      q.speaker,
      q.speakerMention,
      q.cue,
      q.speakerGuessed ? 1 : 0,
      q.partial ? 1 : 0,
      q.paragraph,
      q.start,
      q.end,
      q.confidence,
    );
    insertQuoteFts.run(row.lastInsertRowid, q.speaker ?? '', q.speakerMention ?? '', q.text);
  }
}

export function addCheck(db: Database.Database, key: string, url: string, host: string, folder: string, check: CheckRecord): void {
  const pageId = ensurePage(db, key, url, host, folder);
  db.prepare('INSERT OR IGNORE INTO checks (page_id, checked_at, result, snapshot) VALUES (?, ?, ?, ?)')
    .run(pageId, check.checkedAt, check.result, check.snapshot);
  db.prepare('UPDATE pages SET last_checked = max(coalesce(last_checked, ?), ?) WHERE id = ?')
    .run(check.checkedAt, check.checkedAt, pageId);
  const insertUrl = db.prepare("INSERT OR IGNORE INTO page_urls (page_id, url, kind) VALUES (?, ?, 'requested')");
  for (const reached of Array.isArray(check.reachedBy) ? check.reachedBy : []) {
    const form = typeof reached === 'string' ? webLookupUrl(reached) : undefined;
    if (form) insertUrl.run(pageId, form);
  }
}

function ensurePage(db: Database.Database, key: string, url: string, host: string, folder: string): number {
  // A folder renamed by hand keeps its key: the page follows it.
  db.prepare(
    `INSERT INTO pages (url, key, host, folder) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET host = excluded.host, folder = excluded.folder`,
  ).run(url, key, host, folder);
  return (db.prepare('SELECT id FROM pages WHERE key = ?').get(key) as { id: number }).id;
}

/** Remembers when the page's folder last changed, as the index now reflects it. */
export function setFolderMtime(db: Database.Database, key: string, mtime: number): void {
  db.prepare('UPDATE pages SET folder_mtime = ? WHERE key = ?').run(mtime, key);
}

/** Forgets a page: its snapshots, quotations, checks and URLs (its folder is gone). */
export function removePage(db: Database.Database, key: string): void {
  const page = db.prepare<[string], { id: number }>('SELECT id FROM pages WHERE key = ?').get(key);
  if (!page) return;
  for (const { name } of snapshotsOf(db, key)) removeSnapshot(db, key, name);
  db.prepare('DELETE FROM checks WHERE page_id = ?').run(page.id);
  db.prepare('DELETE FROM page_urls WHERE page_id = ?').run(page.id);
  db.prepare('DELETE FROM pages WHERE id = ?').run(page.id);
}

/** Forgets one snapshot of a page (its folder is gone). */
export function removeSnapshot(db: Database.Database, key: string, name: string): void {
  const snapshot = db
    .prepare<[string, string], { id: number }>(
      'SELECT s.id FROM snapshots s JOIN pages p ON p.id = s.page_id WHERE p.key = ? AND s.name = ?',
    )
    .get(key, name);
  if (!snapshot) return;
  const quoteIds = db.prepare<[number], { id: number }>('SELECT id FROM quotes WHERE snapshot_id = ?').all(snapshot.id);
  const deleteQuoteFts = db.prepare('DELETE FROM quotes_fts WHERE rowid = ?');
  for (const { id } of quoteIds) deleteQuoteFts.run(id);
  db.prepare('DELETE FROM quotes WHERE snapshot_id = ?').run(snapshot.id);
  db.prepare('DELETE FROM snapshots_fts WHERE rowid = ?').run(snapshot.id);
  db.prepare('DELETE FROM snapshots WHERE id = ?').run(snapshot.id);
}

/** The URLs a snapshot says its page was reached by, in `lookupUrl` form. */
function urlsOfSnapshot(article: ArchivedArticle): { url: string; kind: PageUrlKind }[] {
  const { provenance } = article;
  const candidates: [string | null | undefined, PageUrlKind][] = [
    [provenance.url, 'identity'],
    [article.url, 'final'],
    [isSameSite(provenance.url, article.canonicalUrl ?? '') ? article.canonicalUrl : null, 'canonical'],
    [provenance.requestedUrl, 'requested'],
    ...(provenance.redirects ?? []).map((url): [string, PageUrlKind] => [url, 'redirect']),
  ];
  const urls: { url: string; kind: PageUrlKind }[] = [];
  for (const [url, kind] of candidates) {
    const form = url ? webLookupUrl(url) : undefined;
    if (form) urls.push({ url: form, kind });
  }
  return urls;
}

/** `lookupUrl` of an http(s) URL; nothing for what is not one (a file path, a damaged record). */
function webLookupUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    return lookupUrl(url);
  } catch {
    return undefined;
  }
}

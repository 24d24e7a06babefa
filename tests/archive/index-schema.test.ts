/**
 * src/archive/index-schema.ts on real SQLite files: a new file gets the tables and the schema
 * version, an index of this version opens again (read-only too), and anything else is refused
 * without being changed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IndexFromOtherVersionError, openIndexConnection } from '../../src/archive/index-schema.js';

function indexFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'clipfile-index-schema-')), 'index.db');
}

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts_%' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
}

describe('openIndexConnection', () => {
  it('creates the tables and records schema 4 in a new file', () => {
    const file = indexFile();
    const db = openIndexConnection(file);
    try {
      expect(tables(db)).toEqual(['checks', 'meta', 'page_urls', 'pages', 'quotes', 'quotes_fts', 'snapshots', 'snapshots_fts']);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'schema'").get()).toEqual({ value: '4' });
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(30000);
      // The rollback journal, not WAL: a read-only archive stays readable.
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      db.close();
    }
  });

  it('opens an index of this version again, keeping its rows, and read-only', () => {
    const file = indexFile();
    const db = openIndexConnection(file);
    db.prepare("INSERT INTO pages (url, key, host, folder) VALUES ('https://news.example/a', '0123456789', 'news.example', 'a--0123456789')").run();
    db.close();
    const again = openIndexConnection(file);
    expect(again.prepare('SELECT count(*) AS n FROM pages').get()).toEqual({ n: 1 });
    again.close();
    const reader = openIndexConnection(file, { readonly: true });
    try {
      expect(reader.readonly).toBe(true);
      expect(() => reader.prepare("DELETE FROM pages").run()).toThrow(/readonly/);
    } finally {
      reader.close();
    }
  });

  it('enforces the references between tables', () => {
    const db = openIndexConnection(indexFile());
    try {
      expect(() =>
        db
          .prepare("INSERT INTO checks (page_id, checked_at, result, snapshot) VALUES (42, '2026-11-25T10:00:00.000Z', 'unchanged', NULL)")
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('refuses an index of another schema version, naming the version it found', () => {
    const file = indexFile();
    openIndexConnection(file).close();
    const raw = new Database(file);
    raw.prepare("UPDATE meta SET value = '3' WHERE key = 'schema'").run();
    raw.close();
    let error: unknown;
    try {
      openIndexConnection(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IndexFromOtherVersionError);
    expect((error as IndexFromOtherVersionError).foundVersion).toBe('3');
    expect((error as Error).message).toBe('index schema 3, expected 4');
    // Refused, not upgraded in place.
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema'").get()).toEqual({ value: '3' });
    check.close();
  });

  it('refuses a database of other tables, and leaves it as it was', () => {
    const file = indexFile();
    const raw = new Database(file);
    raw.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
    raw.close();
    const before = readFileSync(file);
    expect(() => openIndexConnection(file)).toThrow('not a clipfile index (unknown tables)');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses read-only a file without a schema, and a missing file', () => {
    const file = indexFile();
    new Database(file).close();
    expect(() => openIndexConnection(file, { readonly: true })).toThrow('not a clipfile index (no schema)');
    expect(() => openIndexConnection(join(tmpdir(), 'clipfile-no-such-folder', 'index.db'), { readonly: true })).toThrow();
  });

  it('refuses a file that is no SQLite database', () => {
    const file = indexFile();
    writeFileSync(file, 'this is not a database, just some text that is long enough to fill a header page '.repeat(20));
    expect(() => openIndexConnection(file)).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
  });
});

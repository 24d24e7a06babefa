/**
 * A new, empty index.db in a scratch folder of its own, made by copying one that
 * openIndexConnection created once per test file: creating the tables costs an fsync per
 * statement, a second or more per test on a busy disk.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openIndexConnection } from '../../src/archive/index-schema.js';

let template: string | undefined;

export function emptyIndexFile(): string {
  if (!template) {
    template = join(mkdtempSync(join(tmpdir(), 'clipfile-index-template-')), 'index.db');
    openIndexConnection(template).close();
  }
  const file = join(mkdtempSync(join(tmpdir(), 'clipfile-index-')), 'index.db');
  copyFileSync(template, file);
  return file;
}

/**
 * For a test file: opens a connection on a new empty index.db, closed after each test. Without
 * an fsync per statement (durability is not under test here) a test takes a tenth of the time on
 * a busy disk.
 */
export function useScratchIndex(): () => Database.Database {
  const opened: Database.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return () => {
    const db = openIndexConnection(emptyIndexFile());
    db.pragma('synchronous = OFF');
    opened.push(db);
    return db;
  };
}

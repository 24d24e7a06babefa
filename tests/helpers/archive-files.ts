import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNAPSHOT_NAME } from '../../src/archive/layout.js';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file below `dir`, relative, with its SHA-256: what "untouched" is checked against. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = sha256(readFileSync(join(dir, rel)));
    }
  };
  walk('');
  return out;
}

/** Page folders (host/page) of an archive. */
export function pageDirs(archive: string): string[] {
  const found: string[] = [];
  if (!existsSync(archive)) return found;
  for (const host of readdirSync(archive, { withFileTypes: true })) {
    if (!host.isDirectory() || host.name.startsWith('.')) continue;
    for (const page of readdirSync(join(archive, host.name), { withFileTypes: true })) {
      if (page.isDirectory()) found.push(`${host.name}/${page.name}`);
    }
  }
  return found.sort();
}

/** Snapshot folders (host/page/snapshot) whose names are final snapshot names. */
export function snapshotDirs(archive: string): string[] {
  return pageDirs(archive).flatMap((page) =>
    readdirSync(join(archive, page), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && SNAPSHOT_NAME.test(entry.name))
      .map((entry) => `${page}/${entry.name}`),
  );
}

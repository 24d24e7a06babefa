import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** clipfile's version from its package.json, found from this module's place (src/ or dist/src/). */
export function clipfileVersion(): string {
  if (cached) return cached;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'clipfile' && manifest.version) return (cached = manifest.version);
    } catch {
      // not here; look one level up
    }
    const parent = dirname(directory);
    if (parent === directory) return (cached = '0.0.0');
    directory = parent;
  }
}

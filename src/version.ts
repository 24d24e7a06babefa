import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedVersion: string | undefined;
let cachedRoot: { dir: string | undefined } | undefined;

/** The folder of clipfile's package.json, found from this module's place (src/, dist/src/ or dist/bundle/). */
export function packageRoot(): string | undefined {
  if (cachedRoot) return cachedRoot.dir;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'clipfile' && manifest.version) {
        cachedVersion = manifest.version;
        return (cachedRoot = { dir: directory }).dir;
      }
    } catch {
      // not here; look one level up
    }
    const parent = dirname(directory);
    if (parent === directory) return (cachedRoot = { dir: undefined }).dir;
    directory = parent;
  }
}

/** clipfile's version from its package.json. */
export function clipfileVersion(): string {
  if (cachedVersion) return cachedVersion;
  packageRoot();
  return (cachedVersion ??= '0.0.0');
}

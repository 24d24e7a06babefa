import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = join('src', 'site', 'assets', 'site.css');
let cached: string | undefined;

/**
 * The folder of the site's CSS and JS, copied verbatim into every site: found from this
 * module's place (src/site/, dist/src/site/ or dist/bundle/) up to the package root.
 */
export function siteAssetsDir(): string {
  if (cached) return cached;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, MARKER))) return (cached = dirname(join(directory, MARKER)));
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`clipfile site: its assets (${MARKER}) are missing from the installation`);
    directory = parent;
  }
}

export function readSiteAsset(name: string): string {
  return readFileSync(join(siteAssetsDir(), name), 'utf8');
}

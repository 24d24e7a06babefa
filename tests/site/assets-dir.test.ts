/** Where the site's CSS and JS are found (src/site/assets-dir.ts): the package's src/site/assets, from wherever the module runs. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSiteAsset, siteAssetsDir } from '../../src/site/assets-dir.js';
import { repoRoot } from '../helpers/cli.js';

describe('siteAssetsDir', () => {
  it('is the package’s src/site/assets, holding every file the site copies', () => {
    expect(siteAssetsDir()).toBe(resolve(repoRoot, 'src/site/assets'));
    for (const name of ['site.css', 'search.js', 'search-engine.js', 'search-terms.js', 'filters.js']) expect(existsSync(join(siteAssetsDir(), name)), name).toBe(true);
  });

  it('reads an asset as it is on disk', () => {
    expect(readSiteAsset('site.css')).toBe(readFileSync(resolve(repoRoot, 'src/site/assets/site.css'), 'utf8'));
    expect(() => readSiteAsset('missing.js')).toThrow(/ENOENT/);
  });
});

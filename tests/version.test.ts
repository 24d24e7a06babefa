/** clipfileVersion and packageRoot (src/version.ts): what `clipfile -V`, the user agent and the site's assets are found by. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipfileVersion, packageRoot } from '../src/version.js';
import { packageVersion, repoRoot } from './helpers/cli.js';

describe('version', () => {
  it('finds the repository root from src/ by its package.json named clipfile', () => {
    expect(packageRoot()).toBe(repoRoot);
    const manifest = JSON.parse(readFileSync(join(packageRoot()!, 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('clipfile');
    // What the site build copies from there.
    expect(existsSync(join(packageRoot()!, 'src', 'site', 'assets'))).toBe(true);
  });

  it('is the version in package.json, the same on every call', () => {
    expect(clipfileVersion()).toBe(packageVersion);
    expect(clipfileVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(clipfileVersion()).toBe(clipfileVersion());
  });
});

/**
 * Finding Chromium and what every launch and page gets (src/render/browser.ts), without
 * starting a browser (tests/render/stage.test.ts starts the one of these tests): the search
 * order from $CLIPFILE_CHROMIUM to the system's packages, the flags and the page context.
 * Playwright's own download is looked for only when no system browser exists, which this
 * machine (and CI) has: that branch is not reached here.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_ENV,
  CHROMIUM_FLAGS,
  INSTALL_HINT,
  SYSTEM_CHROMIUM,
  SYSTEM_HEADLESS_SHELL,
  browserContextOptions,
  findChromium,
  runsAsRoot,
} from '../../src/render/browser.js';
import { repoRoot } from '../helpers/cli.js';

describe('findChromium', () => {
  it('takes the browser $CLIPFILE_CHROMIUM names, before any other', () => {
    const browser = join(mkdtempSync(join(tmpdir(), 'clipfile-browser-')), 'my-chrome');
    writeFileSync(browser, '#!/bin/sh\n');
    expect(findChromium({ [CHROMIUM_ENV]: browser })).toEqual({ path: browser, from: 'env' });
  });

  it('finds nothing when $CLIPFILE_CHROMIUM names no file (a folder, a missing path): the user asked for that one', () => {
    expect(findChromium({ [CHROMIUM_ENV]: '/nonexistent/chromium' })).toBeNull();
    expect(findChromium({ [CHROMIUM_ENV]: tmpdir() })).toBeNull();
  });

  it('without it (or with it empty), finds the system’s headless shell first, else /usr/bin/chromium', () => {
    // The browser tests need one of the two; CI installs both.
    expect(existsSync(SYSTEM_HEADLESS_SHELL) || existsSync(SYSTEM_CHROMIUM)).toBe(true);
    const expected = existsSync(SYSTEM_HEADLESS_SHELL) ? SYSTEM_HEADLESS_SHELL : SYSTEM_CHROMIUM;
    expect(findChromium({})).toEqual({ path: expected, from: 'system' });
    expect(findChromium({ [CHROMIUM_ENV]: '' })).toEqual({ path: expected, from: 'system' });
    // Playwright's folder is not looked at while a system browser exists.
    expect(findChromium({ PLAYWRIGHT_BROWSERS_PATH: '/nonexistent' })).toEqual({ path: expected, from: 'system' });
  });

  it('says how to get one in a line that names the variable', () => {
    expect(INSTALL_HINT).toContain(CHROMIUM_ENV);
    expect(INSTALL_HINT).not.toContain('\n');
  });
});

describe('what a launch and a page get', () => {
  it('launches headless, without GPU, Chromium’s own traffic or first-run pages', () => {
    expect([...CHROMIUM_FLAGS].sort()).toEqual(['--disable-background-networking', '--disable-component-update', '--disable-gpu', '--headless', '--no-first-run'].sort());
  });

  it('turns the sandbox off only as root', () => {
    expect(runsAsRoot()).toBe(process.getuid?.() === 0);
  });

  it('gives each page a context with no downloads, no permissions and no service workers, and the user agent when there is one', () => {
    expect(browserContextOptions(undefined)).toEqual({ acceptDownloads: false, permissions: [], serviceWorkers: 'block' });
    expect(browserContextOptions('clipfile/1.0')).toEqual({ acceptDownloads: false, permissions: [], serviceWorkers: 'block', userAgent: 'clipfile/1.0' });
    expect(browserContextOptions('')).not.toHaveProperty('userAgent');
  });
});

describe('loading playwright-core', () => {
  it('lets the event loop turn between its two bundles, so a run goes on handing out pages while it loads', async () => {
    // In a process of its own (the unit tests share one module cache, where another file may
    // have loaded playwright-core already), from the compiled dist/src/ (compiled before vitest,
    // as the CLI tests' bundle is built from it).
    // A 1 ms timer notes which bundles are loaded each time it runs while Chromium starts.
    const browserModule = pathToFileURL(resolve(repoRoot, 'dist/src/render/browser.js')).href;
    const script = `
      import { createRequire } from 'node:module';
      const { findChromium, launchChromium } = await import(${JSON.stringify(browserModule)});
      const require = createRequire(${JSON.stringify(browserModule)});
      const loaded = (entry) => require.resolve(entry) in require.cache;
      const seen = [];
      const probe = setInterval(() => seen.push(loaded('playwright-core/lib/utilsBundle') + ',' + loaded('playwright-core/lib/coreBundle')), 1);
      const browser = await launchChromium(findChromium().path);
      clearInterval(probe);
      await browser.close();
      console.log(JSON.stringify({ seen: [...new Set(seen)], version: browser.version() }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 60_000 });
    const { seen, version } = JSON.parse(stdout) as { seen: string[]; version: string };
    expect(version).toMatch(/^\d+\./);
    // Between the two (the timer ran after the first was loaded), then both. Loaded at once,
    // the timer would only ever see both.
    expect(seen).toEqual(['true,false', 'true,true']);
  });
});

/**
 * Finding and starting the headless Chromium that renders pages (through playwright-core, which
 * downloads no browser): `findChromium()` says where one is, `launchChromium()` starts it with
 * the team's flags, and `browserContextOptions()` is what every page's fresh context gets.
 * Also for tests that need a browser (the static site's), so there is one launcher.
 *
 *   const found = findChromium();             // null: no browser on this machine
 *   const browser = await launchChromium(found.path);
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { enableBundleCodeCache } from '../runtime/code-cache.js';

/** The environment variable that names the browser to use, before any other. */
export const CHROMIUM_ENV = 'CLIPFILE_CHROMIUM';
/**
 * Debian's `chromium-headless-shell` package: the "old headless" build, the one Playwright
 * itself renders headless pages with. The binary, not /usr/bin's wrapper (a shell that stays
 * between Playwright and the browser). On the 180 benchmark pages' machine it starts in about
 * a third of the full browser's time, with half its processes and a quarter of its CPU.
 */
export const SYSTEM_HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
/** Debian's and Ubuntu's `chromium` package. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface FoundChromium {
  path: string;
  /** Where it was found: $CLIPFILE_CHROMIUM, the system's packages, or Playwright's own download. */
  from: 'env' | 'system' | 'playwright';
}

/** How to get a browser, in one line, for when none is found. */
export const INSTALL_HINT = `install one (apt-get install chromium-headless-shell, or chromium) or set ${CHROMIUM_ENV} to a Chromium or Chrome executable`;

/**
 * The browser to render with: $CLIPFILE_CHROMIUM, else Debian's headless shell, else
 * /usr/bin/chromium, else a Chromium that Playwright downloaded (`npx playwright install
 * chromium`), else null. A $CLIPFILE_CHROMIUM naming no file finds nothing: the user asked for
 * that browser, not another.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium | null {
  const named = env[CHROMIUM_ENV];
  if (named !== undefined && named !== '') return isFile(named) ? { path: named, from: 'env' } : null;
  for (const path of [SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM]) if (isFile(path)) return { path, from: 'system' };
  const downloaded = playwrightChromium(env);
  return downloaded ? { path: downloaded, from: 'playwright' } : null;
}

/** Where each Playwright Chromium build keeps its executable, below its revision folder. */
const PLAYWRIGHT_EXECUTABLES = [
  'chrome-linux64/chrome',
  'chrome-linux/chrome',
  'chrome-headless-shell-linux64/chrome-headless-shell',
  'chrome-linux/headless_shell',
  'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
  'chrome-win64/chrome.exe',
  'chrome-win/chrome.exe',
];

/**
 * The newest Chromium in Playwright's browser folder ($PLAYWRIGHT_BROWSERS_PATH, else its cache
 * folder). Looked up on disk rather than through playwright-core, whose loading would cost every
 * start of the CLI (`--help` names the browser).
 */
function playwrightChromium(env: NodeJS.ProcessEnv): string | null {
  const root = env['PLAYWRIGHT_BROWSERS_PATH'] || defaultPlaywrightFolder(env);
  if (!root) return null;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return null;
  }
  const builds = names
    .map((name) => ({ name, revision: /^chromium(?:_headless_shell)?-(\d+)$/.exec(name)?.[1] }))
    .filter((build) => build.revision !== undefined)
    // Newest first; of one revision, the headless shell (the longer name), which starts lighter.
    .sort((a, b) => Number(b.revision) - Number(a.revision) || b.name.length - a.name.length);
  for (const build of builds) {
    for (const relative of PLAYWRIGHT_EXECUTABLES) {
      const path = join(root, build.name, relative);
      if (isFile(path)) return path;
    }
  }
  return null;
}

function defaultPlaywrightFolder(env: NodeJS.ProcessEnv): string | null {
  const home = os.homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'ms-playwright');
  if (process.platform === 'win32') return env['LOCALAPPDATA'] ? join(env['LOCALAPPDATA'], 'ms-playwright') : null;
  return join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'ms-playwright');
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Chromium's own sandbox confines the page's scripts; it cannot start as root (it needs user
 * namespaces it refuses to set up for root), so only then is it turned off.
 */
export function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The flags every launch gets: headless, no GPU, no traffic of Chromium's own, no first-run pages. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Playwright's own `--blink-settings` for headless Chromium (a fine pointer that hovers, as a
 * desktop's mouse): Chromium keeps only the last --blink-settings, so a launch that adds
 * settings repeats these with them.
 */
export const PLAYWRIGHT_HEADLESS_BLINK_SETTINGS = 'primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4';
/**
 * Blink asks for no image at all (neither `<img>` nor CSS backgrounds): they cannot change the
 * text, and each one refused by the page's request rules cost a round trip through Node.
 */
export const NO_IMAGES_FLAG = `--blink-settings=${PLAYWRIGHT_HEADLESS_BLINK_SETTINGS},imagesEnabled=false`;

let playwright: typeof import('playwright-core') | null = null;

/**
 * playwright-core's first of its two bundles (utilsBundle, about half of its load), a public
 * entry of its package's exports. Loaded alone first, so that the main thread is held up by two
 * halves with a turn of the event loop between them rather than by the whole at once.
 */
const PLAYWRIGHT_FIRST_BUNDLE = 'playwright-core/lib/utilsBundle';

/**
 * playwright-core, loaded on first use: 7 MB of JavaScript, about 0.6 s of CPU to compile and
 * run, of which V8's code cache saves the compiling (0.25 s) from the second run on. Node 22+
 * keeps that cache itself once `module.enableCompileCache` is on (bin/clipfile.js turns it on);
 * Node 20 has no such thing, so there its files are compiled through the CLI bundle's own code
 * cache (src/runtime/code-cache.ts), wherever playwright-core is loaded from (the CLI, a benchmark).
 * require, not import(): a script restored from that cache has no dynamic-import callback.
 *
 * Loading it is synchronous and holds up the main thread (0.2 s cached, 0.4-0.5 s on a loaded
 * machine), while extraction workers that finish a page wait for the next one from it: its two
 * bundles are loaded a turn of the event loop apart, so the workers are handed pages between
 * them. Only whole bundles are public: loading less than what `chromium.launch` needs from them
 * would take the package's private files.
 */
async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  if (playwright) return playwright;
  const require = createRequire(import.meta.url);
  if (!('enableCompileCache' in module)) enableBundleCodeCache(dirname(require.resolve('playwright-core/package.json')));
  try {
    require(PLAYWRIGHT_FIRST_BUNDLE);
    // Two immediates: the second runs a whole turn later, after the loop has polled for I/O
    // (the workers' messages) and run its timers.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  } catch {
    // A playwright-core without that entry is loaded whole below.
  }
  playwright ??= require('playwright-core') as typeof import('playwright-core');
  return playwright;
}

/**
 * Starts one headless Chromium (a fresh temporary profile each time). Playwright turns the
 * sandbox off unless told otherwise (`chromiumSandbox` defaults to false): here it stays on
 * unless clipfile runs as root. `noImages`: pages load no image (NO_IMAGES_FLAG).
 */
export async function launchChromium(executablePath: string, options: { timeoutMs?: number; noImages?: boolean } = {}): Promise<Browser> {
  const { chromium } = await loadPlaywright();
  return chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: !runsAsRoot(),
    args: [...CHROMIUM_FLAGS, ...(options.noImages ? [NO_IMAGES_FLAG] : [])],
    timeout: options.timeoutMs ?? 30_000,
    // Ctrl-C is clipfile's to handle: the browser is closed by the run, not killed under it.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/**
 * A page's context: nothing kept from other pages (a fresh context each), no downloads, no
 * permissions granted, service workers blocked (they would outlive the page and serve it from
 * their own cache).
 */
export function browserContextOptions(userAgent: string | undefined): BrowserContextOptions {
  return {
    acceptDownloads: false,
    permissions: [],
    serviceWorkers: 'block',
    ...(userAgent ? { userAgent } : {}),
  };
}

/**
 * `--render never|auto|always` and `--render-timeout` (extract and archive): the default is
 * `auto` when a Chromium is found, else `never` without a word; `--help` says which. The
 * browser itself is started only when a page is to be rendered.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CHROMIUM_ENV, findChromium, INSTALL_HINT, type FoundChromium } from '../render/browser.js';
import type { RenderMode } from '../render/decide.js';
import { DEFAULT_RENDER_TIMEOUT_MS, Renderer } from '../render/render.js';
import type { RenderSetup } from '../render/stage.js';
import { ExitCode } from './exit-codes.js';

export interface RenderFlags {
  render: RenderMode;
  renderTimeout: number;
}

const FOUND_IN: Record<FoundChromium['from'], string> = {
  env: `$${CHROMIUM_ENV}`,
  system: 'the system',
  playwright: "Playwright's browsers",
};

export function addRenderOptions(command: Command): Command {
  const found = findChromium();
  const defaultMode: RenderMode = found ? 'auto' : 'never';
  const why = found ? `Chromium found: ${found.path} (from ${FOUND_IN[found.from]})` : `no Chromium found; ${INSTALL_HINT}`;
  return command
    .addOption(
      new Option('--render <mode>', 'run pages in headless Chromium: never; auto, only when the HTML as served holds no story (or a doubtful one, or script-filled embeds); always')
        .choices(['never', 'auto', 'always'])
        .default(defaultMode, `${defaultMode}: ${why}`),
    )
    .option('--render-timeout <seconds>', "a page's whole rendering budget (load, network quiet, scroll); past it the page fails with render-timeout", renderSeconds, DEFAULT_RENDER_TIMEOUT_MS / 1000);
}

function renderSeconds(value: string): number {
  const number = Number(value.replace(/s$/, ''));
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('--render-timeout must be a positive number of seconds.');
  return number;
}

/**
 * The run's render setup. `--render always` without a browser is a usage error (exit 2) saying
 * how to get one; `--render auto` asked for by name without one is a warning, then `never`.
 */
export function renderSetupFrom(
  command: Command,
  flags: RenderFlags,
  options: { pagesAtOnce: number; userAgent?: string; warn(message: string): void },
): RenderSetup {
  if (flags.render === 'never') return { mode: 'never', renderer: null };
  const found = findChromium();
  if (!found) {
    const named = process.env[CHROMIUM_ENV];
    const missing = named ? `${CHROMIUM_ENV}=${named} names no file` : 'no Chromium found';
    if (flags.render === 'always') command.error(`error: --render always needs Chromium: ${missing}; ${INSTALL_HINT}`, { exitCode: ExitCode.usage });
    if (command.getOptionValueSource('render') === 'cli') options.warn(`--render auto: ${missing}, so no page is rendered; ${INSTALL_HINT}`);
    return { mode: 'never', renderer: null };
  }
  const renderer = new Renderer({
    executablePath: found.path,
    timeoutMs: flags.renderTimeout * 1000,
    pagesAtOnce: options.pagesAtOnce,
    userAgent: options.userAgent,
  });
  return { mode: flags.render, renderer };
}

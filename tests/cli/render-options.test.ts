/**
 * src/cli/render-options.ts on real commander commands, with $CLIPFILE_CHROMIUM naming a real
 * file or a missing one (so the result does not depend on what this machine has installed):
 * the default mode and what --help says of it, --render-timeout, and the render setup:
 * never, a usage error for `always` without a browser, a warning then never for `auto`.
 * No browser is started: the Renderer launches one only for a page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { addRenderOptions, renderSetupFrom, type RenderFlags } from '../../src/cli/render-options.js';
import { CHROMIUM_ENV, INSTALL_HINT } from '../../src/render/browser.js';
import { DEFAULT_RENDER_TIMEOUT_MS, Renderer } from '../../src/render/render.js';
import { testCommand } from '../helpers/commander.js';

const dir = mkdtempSync(join(tmpdir(), 'clipfile-render-options-'));
const FAKE_CHROMIUM = join(dir, 'chromium');
writeFileSync(FAKE_CHROMIUM, '#!/bin/sh\nexit 1\n');
const MISSING = join(dir, 'no-such-chromium');

const savedEnv = process.env[CHROMIUM_ENV];
afterEach(() => {
  if (savedEnv === undefined) delete process.env[CHROMIUM_ENV];
  else process.env[CHROMIUM_ENV] = savedEnv;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const command = () => testCommand(addRenderOptions);

function parsed(args: string[]): { cmd: Command; errors: string[]; flags: RenderFlags } {
  const made = command();
  made.cmd.parse(args, { from: 'user' });
  return { ...made, flags: made.cmd.opts<RenderFlags>() };
}

describe('addRenderOptions', () => {
  it('with a Chromium found the default is auto, and --help names the browser and where it was found', () => {
    process.env[CHROMIUM_ENV] = FAKE_CHROMIUM;
    const { cmd, flags } = parsed(['a.html']);
    expect(flags).toEqual({ render: 'auto', renderTimeout: DEFAULT_RENDER_TIMEOUT_MS / 1000 });
    expect(cmd.helpInformation().replace(/\s+/g, ' ')).toContain(`default: auto: Chromium found: ${FAKE_CHROMIUM} (from $${CHROMIUM_ENV}))`);
  });

  it('with none found the default is never, and --help says how to get one', () => {
    process.env[CHROMIUM_ENV] = MISSING;
    const { cmd, flags } = parsed(['a.html']);
    expect(flags.render).toBe('never');
    expect(cmd.helpInformation().replace(/\s+/g, ' ')).toContain(`default: never: no Chromium found; ${INSTALL_HINT})`);
  });

  it('--render takes never, auto or always only', () => {
    process.env[CHROMIUM_ENV] = MISSING;
    expect(parsed(['--render', 'always']).flags.render).toBe('always');
    const { cmd, errors } = command();
    expect(() => cmd.parse(['--render', 'sometimes'], { from: 'user' })).toThrow(CommanderError);
    expect(errors.join('')).toContain('Allowed choices are never, auto, always.');
  });

  it('--render-timeout takes seconds, with or without an "s"; refuses zero, negatives and words', () => {
    process.env[CHROMIUM_ENV] = MISSING;
    expect(parsed(['--render-timeout', '7.5']).flags.renderTimeout).toBe(7.5);
    expect(parsed(['--render-timeout', '12s']).flags.renderTimeout).toBe(12);
    for (const value of ['0', '-3', 'ten', '5ms']) {
      const { cmd, errors } = command();
      expect(() => cmd.parse(['--render-timeout', value], { from: 'user' }), value).toThrow(CommanderError);
      expect(errors.join('')).toContain('--render-timeout must be a positive number of seconds.');
    }
  });
});

describe('renderSetupFrom', () => {
  const options = (warnings: string[]) => ({ pagesAtOnce: 2, userAgent: 'bot/1', warn: (message: string) => warnings.push(message) });

  it('never: no renderer, without looking for a browser', () => {
    process.env[CHROMIUM_ENV] = MISSING;
    const { cmd, flags } = parsed(['--render', 'never']);
    const warnings: string[] = [];
    expect(renderSetupFrom(cmd, flags, options(warnings))).toEqual({ mode: 'never', renderer: null });
    expect(warnings).toEqual([]);
  });

  it('a browser found: a Renderer with the timeout in ms, for the mode asked', () => {
    process.env[CHROMIUM_ENV] = FAKE_CHROMIUM;
    for (const mode of ['auto', 'always'] as const) {
      const { cmd, flags } = parsed(['--render', mode, '--render-timeout', '3']);
      const setup = renderSetupFrom(cmd, flags, options([]));
      expect(setup.mode).toBe(mode);
      expect(setup.renderer).toBeInstanceOf(Renderer);
      expect(setup.renderer!.timeoutMs).toBe(3000);
      expect(setup.renderer!.rendered).toBe(0);
    }
  });

  it('always without a browser is a usage error (exit 2) naming the missing file and how to get one', () => {
    process.env[CHROMIUM_ENV] = MISSING;
    const { cmd, flags, errors } = parsed(['--render', 'always']);
    let thrown: unknown;
    try {
      renderSetupFrom(cmd, flags, options([]));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CommanderError);
    expect((thrown as CommanderError).exitCode).toBe(ExitCode.usage);
    expect(errors.join('')).toBe(`error: --render always needs Chromium: ${CHROMIUM_ENV}=${MISSING} names no file; ${INSTALL_HINT}\n`);
  });

  it('auto asked for by name without a browser: one warning, then never', () => {
    process.env[CHROMIUM_ENV] = MISSING;
    const { cmd, flags } = parsed(['--render', 'auto']);
    const warnings: string[] = [];
    expect(renderSetupFrom(cmd, flags, options(warnings))).toEqual({ mode: 'never', renderer: null });
    expect(warnings).toEqual([`--render auto: ${CHROMIUM_ENV}=${MISSING} names no file, so no page is rendered; ${INSTALL_HINT}`]);
  });

  it('auto as the default, when the browser has gone by the time the run starts: never, without a word', () => {
    process.env[CHROMIUM_ENV] = FAKE_CHROMIUM;
    const { cmd, flags } = parsed([]);
    expect(flags.render).toBe('auto');
    process.env[CHROMIUM_ENV] = MISSING;
    const warnings: string[] = [];
    expect(renderSetupFrom(cmd, flags, options(warnings))).toEqual({ mode: 'never', renderer: null });
    expect(warnings).toEqual([]);
  });
});

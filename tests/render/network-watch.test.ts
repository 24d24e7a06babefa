/**
 * The wait for "network quiet" (src/render/network-watch.ts): nothing in flight for a while, or
 * the budget's end whatever the network does. The page is a stand-in that emits Playwright's
 * request events; the render tests drive the same class in a real Chromium.
 */
import { EventEmitter } from 'node:events';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NetworkWatch } from '../../src/render/network-watch.js';

const QUIET_MS = 200;

function watched() {
  const page = new EventEmitter();
  return { page, watch: new NetworkWatch(page as unknown as Page) };
}

async function timed(work: Promise<void>): Promise<number> {
  const started = Date.now();
  await work;
  return Date.now() - started;
}

describe('NetworkWatch.quiet', () => {
  it('resolves once nothing has been in flight for the quiet time', async () => {
    const { watch } = watched();
    const took = await timed(watch.quiet(QUIET_MS, Date.now() + 10_000));
    expect(took).toBeGreaterThanOrEqual(QUIET_MS - 5);
    expect(took).toBeLessThan(5_000);
  });

  it('waits while a request is in flight, and counts the quiet from its end', async () => {
    const { page, watch } = watched();
    const request = {};
    page.emit('request', request);
    setTimeout(() => page.emit('requestfinished', request), 600);
    const took = await timed(watch.quiet(QUIET_MS, Date.now() + 10_000));
    // The request's 600 ms, then the quiet time: never less, whatever the machine's load.
    expect(took).toBeGreaterThanOrEqual(600 + QUIET_MS - 5);
    expect(watch.started).toBe(1);
  });

  it('counts a failed request as ended too', async () => {
    const { page, watch } = watched();
    const request = {};
    page.emit('request', request);
    setTimeout(() => page.emit('requestfailed', request), 300);
    const took = await timed(watch.quiet(QUIET_MS, Date.now() + 10_000));
    expect(took).toBeGreaterThanOrEqual(300 + QUIET_MS - 5);
    expect(took).toBeLessThan(8_000);
  });

  it('gives up at the deadline while a request never ends', async () => {
    const { page, watch } = watched();
    page.emit('request', {});
    const took = await timed(watch.quiet(QUIET_MS, Date.now() + 400));
    expect(took).toBeGreaterThanOrEqual(395);
    expect(took).toBeLessThan(5_000);
  });
});

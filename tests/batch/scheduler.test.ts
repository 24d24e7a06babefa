/**
 * HostScheduler (src/batch/scheduler.ts) alone: which delay a host gets, and what stop() does
 * to waiting and running tasks. Its pacing over real HTTP is tested through the fetcher.
 */
import { describe, expect, it } from 'vitest';
import { HostScheduler, StoppedError } from '../../src/batch/scheduler.js';
import { until } from '../helpers/assertions.js';

describe('HostScheduler', () => {
  it('lets a larger host delay (Crawl-delay) win over the default, never a smaller one', () => {
    const scheduler = new HostScheduler({ perHostDelayMs: 500 });
    scheduler.setHostDelay('a.example', 2000);
    scheduler.setHostDelay('b.example', 100);
    expect(scheduler.delayFor('a.example')).toBe(2000);
    expect(scheduler.delayFor('b.example')).toBe(500);
    expect(scheduler.delayFor('c.example')).toBe(500);
  });

  it('rejects waiting tasks with StoppedError and resolves idle() once running ones end', async () => {
    const scheduler = new HostScheduler({ perHostConnections: 1, perHostDelayMs: 0 });
    let started = false;
    let finished = false;
    const running = scheduler.schedule('h', () => {
      started = true;
      return new Promise((resolve) => setTimeout(() => resolve((finished = true)), 100));
    });
    const waiting = scheduler.schedule('h', () => Promise.resolve('never'));
    await until(() => started);
    scheduler.stop();

    await expect(waiting).rejects.toBeInstanceOf(StoppedError);
    await scheduler.idle();
    expect(finished).toBe(true);
    await expect(running).resolves.toBe(true);
  });
});

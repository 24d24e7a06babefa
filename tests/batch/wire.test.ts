/**
 * onRequestSent (src/batch/wire.ts): the polite fetcher's pacing hears of each request as
 * undici writes it, by host and port, redirect hops included, and only while it listens.
 */
import diagnostics from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRequestSent } from '../../src/batch/wire.js';
import { TestServer, html, redirect } from '../helpers/server.js';

let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  [first, second] = await Promise.all([TestServer.start(), TestServer.start()]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

const hostOf = (server: TestServer) => new URL(server.origin).host;

async function get(url: string): Promise<void> {
  await (await fetch(url)).text();
}

describe('onRequestSent', () => {
  it('tells each listener the host and port of every request, each redirect hop as its own request', async () => {
    second.route('/story', html('<p>story</p>'));
    first.route('/old', redirect(second.url('/story')));
    const heard: string[] = [];
    const stop = onRequestSent((host) => heard.push(host));
    try {
      await get(first.url('/old'));
    } finally {
      stop();
    }
    expect(heard).toEqual([hostOf(first), hostOf(second)]);
    expect(second.requestsTo('/story')).toHaveLength(1);
  });

  it('stops telling a listener once it unsubscribes, and leaves the channel when nobody listens', async () => {
    first.route('/p', html('<p>p</p>'));
    const channel = diagnostics.channel('undici:client:sendHeaders');
    // Whatever else in this process listens (nothing, in this file) is left as it was.
    const listenedBefore = channel.hasSubscribers;
    const a: string[] = [];
    const b: string[] = [];
    const stopA = onRequestSent((host) => a.push(host));
    const stopB = onRequestSent((host) => b.push(host));
    await get(first.url('/p'));
    stopA();
    // A second call is harmless: it must not take B's subscription with it.
    stopA();
    await get(first.url('/p'));
    expect(a).toEqual([hostOf(first)]);
    expect(b).toEqual([hostOf(first), hostOf(first)]);
    stopB();
    expect(channel.hasSubscribers).toBe(listenedBefore);
    expect(listenedBefore).toBe(false);
    await get(first.url('/p'));
    expect(b).toHaveLength(2);
  });
});

/**
 * The test servers' arrival log is what every pacing test is measured with: `earliestAt` must
 * never be later than the request really reached the server, however stalled the server's
 * process is, or a loaded machine could fail a client that kept its delay.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestServer, html } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());

/**
 * A child process sends `count` requests (every other one on a fresh connection) and prints when
 * each went out: undici's sendHeaders, as src/batch/wire.ts hears it, just before the write. In
 * the system's monotonic clock (process.hrtime), which every process shares.
 */
function sendFromChild(url: string, count: number): Promise<number[]> {
  const script = `
    const diagnostics = require('node:diagnostics_channel');
    const sentAt = [];
    diagnostics.subscribe('undici:client:sendHeaders', () => sentAt.push(Number(process.hrtime.bigint()) / 1e6));
    (async () => {
      for (let i = 0; i < ${count}; i++) {
        const response = await fetch(process.argv[1], i % 2 ? {} : { headers: { connection: 'close' } });
        await response.text();
        await new Promise((resolve) => setTimeout(resolve, 3 + (i % 4) * 4));
      }
      console.log(JSON.stringify(sentAt));
    })();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, url]);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as number[]) : reject(new Error(`child exited ${code}`))));
  });
}

it('bounds when a request arrived from below, even while the server keeps stalling', async () => {
  server.route('/page', html('<p>hi</p>'));
  // Hold this process's event loop 20–60 ms at a time, again and again, as a loaded machine can.
  const stalls = setInterval(() => {
    const until = performance.now() + 20 + Math.random() * 40;
    while (performance.now() < until) {
      // stalled
    }
  }, 15);
  let sentAt: number[];
  try {
    sentAt = await sendFromChild(server.url('/page'), 30);
  } finally {
    clearInterval(stalls);
  }

  // The log's epoch clock is this process's performance clock, which runs on the monotonic one.
  const epochMinusMonotonic = performance.timeOrigin + performance.now() - Number(process.hrtime.bigint()) / 1e6;
  expect(server.requests).toHaveLength(sentAt.length);
  let longestLag = 0;
  server.requests.forEach((request, index) => {
    const sent = sentAt[index]! + epochMinusMonotonic;
    expect(request.earliestAt, `request ${index}`).toBeLessThanOrEqual(sent + 0.5);
    expect(request.at).toBeGreaterThanOrEqual(sent - 0.5);
    longestLag = Math.max(longestLag, request.at - sent);
  });
  // The stalls did delay the log, so the bound was put to the test.
  expect(longestLag).toBeGreaterThan(15);
  console.info(`arrival log: logged up to ${longestLag.toFixed(0)} ms late; earliestAt never after the send`);
});

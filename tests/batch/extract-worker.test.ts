/**
 * One extraction thread (src/batch/extract-worker.ts, run from the CLI's bundle as the CLI's
 * pool runs it; vitest's globalSetup bundles it from dist/), spoken to directly over its messages: ready once loaded, each page answered by its id
 * with the Article or the error as a value that crosses threads, the page's limits and options
 * applied, and the crash hook the pool's tests rely on (its "exit" twin is seen through the pool).
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolToWorkerMessage, WorkerToPoolMessage } from '../../src/batch/extract-messages.js';
import { repoRoot } from '../helpers/cli.js';
import { story } from '../helpers/stories.js';

/** A worker thread and every message it sent, in order. */
/** The bundled worker loads in a fraction of the time of the hundreds of modules of dist/src/. */
const BUNDLED_WORKER = resolve(repoRoot, 'dist/bundle/extract-worker.js');

class Thread {
  readonly worker = new Worker(BUNDLED_WORKER);
  readonly received: WorkerToPoolMessage[] = [];
  readonly exited: Promise<number>;
  errors: Error[] = [];
  private waiters: (() => void)[] = [];

  constructor() {
    this.worker.on('message', (message: WorkerToPoolMessage) => {
      this.received.push(message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.worker.on('error', (error) => this.errors.push(error));
    this.exited = new Promise((resolve) => this.worker.on('exit', resolve));
  }

  send(message: PoolToWorkerMessage): void {
    this.worker.postMessage(message);
  }

  /** Resolves once `count` messages have come. */
  async messages(count: number): Promise<WorkerToPoolMessage[]> {
    while (this.received.length < count) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.received.slice(0, count);
  }
}

// One thread for the file (loading its modules takes a second or two), crashed by the last test.
let thread: Thread;
beforeAll(() => {
  thread = new Thread();
});
afterAll(async () => {
  await thread.worker.terminate();
});

const URL_A = 'https://news.example/2026/ferry';
const extract = (id: number, html: string, more: Partial<Extract<PoolToWorkerMessage, { kind: 'extract' }>> = {}): PoolToWorkerMessage => ({
  kind: 'extract',
  id,
  html,
  url: URL_A,
  source: `source-${id}`,
  options: {},
  ...more,
});

describe('the extraction thread', () => {
  it('says it is ready first, then answers each page by its id, in the order sent', async () => {
    thread.send(extract(7, story({ title: 'The ferry report', word: 'ferry' })));
    thread.send(extract(3, '<!doctype html><html><body><nav><a href="/">Home</a></nav></body></html>'));
    thread.send(extract(9, story({ title: 'The bridge report', word: 'bridge' })));
    const [ready, first, second, third] = await thread.messages(4);

    expect(ready).toEqual({ kind: 'ready' });
    expect(first).toMatchObject({ kind: 'done', id: 7, article: { title: 'The ferry report', url: URL_A } });
    expect(second).toEqual({
      kind: 'failed',
      id: 3,
      error: { kind: 'source', source: 'source-3', code: 'no-article', reason: expect.any(String) },
    });
    expect(third).toMatchObject({ kind: 'done', id: 9, article: { title: 'The bridge report' } });
    expect((third as { article: { text: string } }).article.text).toContain('bridge plan');
  });

  it('applies the page’s limits and the options it is sent', async () => {
    const page = story({ title: 'The tide report', word: 'tide' });
    thread.send(extract(1, page, { maxElements: 5 }));
    thread.send(extract(2, page, { options: { omit: { html: true, quotes: true } } }));
    const [limited, omitted] = (await thread.messages(6)).slice(4);

    expect(limited).toMatchObject({ kind: 'failed', id: 1, error: { kind: 'source', code: 'too-complex', source: 'source-1' } });
    expect(omitted).toMatchObject({ kind: 'done', id: 2, article: { html: '', quotes: [] } });
    expect((omitted as { article: { markdown: string } }).article.markdown).toContain('tide plan');
  });
});

describe('the crash hook', () => {
  it('"throw" dies of an uncaught error without taking the page queued behind it', async () => {
    const answered = (await thread.messages(6)).length;
    thread.send({ kind: 'crash', id: 10, how: 'throw' });
    thread.send(extract(11, story({ title: 'Never read', word: 'never' })));
    expect(await thread.exited).toBe(1);
    expect(thread.errors.map((error) => error.message)).toEqual(['simulated crash for testing']);
    expect(thread.received).toHaveLength(answered);
  });
});

/**
 * One extraction thread of the ExtractPool (src/batch/extract-pool.ts): takes pages from the
 * main thread, runs extractArticle on each and posts back the Article or the error.
 *
 * Loaded at run time from dist/src/batch/extract-worker.js; never imported.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../extract/pipeline.js';
import { serializeError, type FailureMessage, type PoolToWorkerMessage, type WorkerToPoolMessage } from './extract-messages.js';

if (!parentPort) throw new Error('extract-worker.js runs as a worker thread of ExtractPool');
const port = parentPort;
// The modules above are loaded: the pool starts a page's time limit from here.
port.postMessage({ kind: 'ready' } satisfies WorkerToPoolMessage);

/**
 * V8 lets a heap that a large page grew stay grown (and keep growing towards the isolate's
 * limit) as long as it has room; a full collection once the heap passes this size gives the
 * memory back, so RSS follows the pages in hand rather than the largest page so far. At most
 * every COLLECT_EVERY_PAGES pages: after each page it cost a fifth of the throughput.
 */
const COLLECT_ABOVE_BYTES = 160 * 2 ** 20;
const COLLECT_EVERY_PAGES = 10;
let pagesSinceCollection = 0;
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function releaseMemoryIfLarge(): void {
  if (++pagesSinceCollection < COLLECT_EVERY_PAGES) return;
  if (v8.getHeapStatistics().total_heap_size <= COLLECT_ABOVE_BYTES) return;
  collectGarbage();
  pagesSinceCollection = 0;
}

const pending: PoolToWorkerMessage[] = [];
let draining = false;

port.on('message', (message: PoolToWorkerMessage) => {
  pending.push(message);
  if (!draining) void drain();
});

/** Handles queued messages one at a time, with an event-loop turn after each page. */
async function drain(): Promise<void> {
  draining = true;
  try {
    for (let message = pending.shift(); message; message = pending.shift()) {
      handle(message);
      // A turn of the event loop between pages: the pool's next messages (and a close) get in.
      await new Promise<void>((resolve) => setImmediate(resolve));
      releaseMemoryIfLarge();
    }
  } finally {
    draining = false;
  }
}

function handle(message: PoolToWorkerMessage): void {
  switch (message.kind) {
    case 'extract': {
      let reply: WorkerToPoolMessage;
      try {
        const { html, url, source, maxMarkupChars, maxElements, maxDepth, options } = message;
        const article = extractArticle({ html, url, source, maxMarkupChars, maxElements, maxDepth }, options);
        reply = { kind: 'done', id: message.id, article };
      } catch (error) {
        reply = { kind: 'failed', id: message.id, error: serializeError(error) } satisfies FailureMessage;
      }
      port.postMessage(reply);
      return;
    }
    case 'crash':
      // Test hook (ExtractPool.crashWorkerForTesting): die holding a page, as an OOM kill would.
      if (message.how === 'throw') {
        // Thrown outside this handler, so it is uncaught: the pool sees 'error', then 'exit'.
        setImmediate(() => {
          throw new Error('simulated crash for testing');
        });
        // Keep the thread from taking another message before it dies.
        pending.length = 0;
        return;
      }
      process.exit(70);
  }
}

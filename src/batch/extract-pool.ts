/**
 * extractArticle in a pool of worker threads, so that extracting pages (parsing and Readability,
 * synchronous, tens to hundreds of ms each) neither stalls the main thread's fetching nor
 * leaves cores idle.
 *
 *   const pool = new ExtractPool();
 *   const article = await pool.extract({ html, url, source });
 *   await pool.close();
 *
 * - Pages are queued when every worker is busy and handed out in submission order; each
 *   worker holds one page at a time, so a crash can only cost the page it was working on.
 * - Errors come back as the same kind: a SourceError is rebuilt with its source, code and
 *   reason (its message stays one line); anything else becomes an Error with the message.
 * - A worker that dies (out of memory, a native crash, process.exit) fails its page with a
 *   SourceError 'parse-failed' "extraction crashed: …" and is replaced.
 * - Each worker is replaced after `recycleAfter` pages: a heap grown by a large page is given
 *   back to the system only slowly, and a slow leak in a library cannot
 *   build up; a fresh isolate starts small.
 * - A page held longer than `timeLimitMs` fails with a SourceError 'timeout' and its worker is
 *   ended and replaced: Readability's time grows with nesting depth (a page of thousands of
 *   nested divs takes seconds to minutes), and one such page must not hold a worker for the
 *   rest of a batch. The limit counts from when the worker has loaded its modules.
 * - Idle workers do not keep the process alive (they are unref'd), but call close() anyway.
 *
 * The worker runs the compiled dist/src/batch/extract-worker.js (see workerScriptUrl()); the
 * messages between them are in extract-messages.ts.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Article } from '../article.js';
import { SourceError } from '../errors.js';
import type { ExtractOptions, PageInput } from '../extract/pipeline.js';
import { oneLine } from '../text/index.js';
import { DEFAULT_TIME_LIMIT_MS } from '../extract/limits.js';
import { rebuildError, type PoolToWorkerMessage, type WorkerToPoolMessage } from './extract-messages.js';

export interface ExtractPoolOptions {
  /** Worker threads (default: one per core, os.availableParallelism()). */
  size?: number;
  /** Pages a worker extracts before it is replaced, to keep memory flat (default 200). */
  recycleAfter?: number;
  /** Longest time one page may take before its worker is ended (default 60 s). */
  timeLimitMs?: number;
  /** Passed to extractArticle for every page. */
  extractOptions?: ExtractOptions;
  /**
   * V8 heap limits per worker, over DEFAULT_WORKER_LIMITS; a worker over them dies and fails
   * only its page. `{ maxOldGenerationSizeMb: undefined }` lifts the default cap.
   */
  resourceLimits?: ResourceLimits;
}

/** How long a new worker may take to load its modules (a hung start still ends in a timeout). */
const WORKER_START_ALLOWANCE_MS = 30_000;

/**
 * A worker's old generation is capped at 512 MB by default. Uncapped, V8 sizes each isolate's
 * heap from the machine's memory and lets garbage pile up: over the benchmark corpus
 * (bench/speed.ts) two workers peaked at 403 MiB RSS uncapped against 318 MiB capped, for the
 * same CPU per page (with jsdom it was 1.1–1.8 GB against 0.55–0.6 GB). 512 MB leaves room for
 * pages far larger than the largest corpus page (1.6 MB of HTML).
 */
export const DEFAULT_WORKER_LIMITS: Readonly<ResourceLimits> = { maxOldGenerationSizeMb: 512 };

interface Job {
  id: number;
  page: PageInput;
  /** Test hook only: make the worker die while holding this job. */
  crash?: 'exit' | 'throw';
  resolve(article: Article): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  pagesDone: number;
  /** Ends the page in hand when it has taken too long. */
  deadline: NodeJS.Timeout | null;
  /**
   * The worker has loaded its modules. Loading takes a second or more on a loaded machine, and
   * is no part of a page's extraction: the time limit starts once the worker is ready.
   */
  ready: boolean;
  /** Set when the pool ends this worker itself, so its exit is not taken for a crash. */
  retiring: boolean;
}

export class ExtractPool {
  readonly size: number;
  readonly recycleAfter: number;
  readonly timeLimitMs: number;
  private readonly extractOptions: ExtractOptions;
  private readonly resourceLimits: ResourceLimits;
  private readonly workerUrl: URL;

  /** Workers taking pages. */
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  /** Every thread not yet exited (taking pages, or being terminated), with its exit. */
  private readonly threads = new Map<Worker, Promise<void>>();
  private started = 0;
  private nextJobId = 1;
  private closing: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  constructor({
    size = os.availableParallelism(),
    recycleAfter = 200,
    timeLimitMs = DEFAULT_TIME_LIMIT_MS,
    extractOptions = {},
    resourceLimits,
  }: ExtractPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ExtractPool size must be a positive integer, got ${size}`);
    if (!Number.isInteger(recycleAfter) || recycleAfter < 1) {
      throw new RangeError(`ExtractPool recycleAfter must be a positive integer, got ${recycleAfter}`);
    }
    this.size = size;
    if (!(timeLimitMs > 0)) throw new RangeError(`ExtractPool timeLimitMs must be positive, got ${timeLimitMs}`);
    this.recycleAfter = recycleAfter;
    this.timeLimitMs = timeLimitMs;
    this.extractOptions = extractOptions;
    this.resourceLimits = { ...DEFAULT_WORKER_LIMITS, ...resourceLimits };
    this.workerUrl = workerScriptUrl();
  }

  /** extractArticle(page) on a worker thread; queued while every worker is busy. */
  extract(page: PageInput): Promise<Article> {
    return this.submit(page);
  }

  /**
   * Ends every thread now, pages in hand included (a second Ctrl-C): their promises and the
   * queued ones reject. Resolves once every thread has exited.
   */
  terminate(): Promise<void> {
    const abandoned = new Error('ExtractPool terminated');
    for (const job of this.queue.splice(0)) job.reject(abandoned);
    for (const slot of [...this.slots]) {
      this.failJob(slot, abandoned);
      this.retire(slot);
    }
    if (this.drained) {
      this.drained();
      this.drained = null;
    }
    const exited = Promise.all(this.threads.values()).then(() => undefined);
    this.closing ??= exited;
    return exited;
  }

  /**
   * Test hook, not for use elsewhere: queues `page` like extract() does, but the worker that
   * takes it dies instead of extracting it (`exit`: process.exit; `throw`: an uncaught error).
   */
  crashWorkerForTesting(page: PageInput, how: 'exit' | 'throw' = 'exit'): Promise<Article> {
    return this.submit(page, how);
  }

  /**
   * Takes no more pages, lets those already submitted finish, then ends every thread.
   * Resolves once all of them have exited.
   */
  close(): Promise<void> {
    this.closing ??= this.closeWhenIdle();
    return this.closing;
  }

  private async closeWhenIdle(): Promise<void> {
    if (this.busy()) await new Promise<void>((resolve) => (this.drained = resolve));
    for (const slot of this.slots) this.retire(slot);
    await Promise.all(this.threads.values());
  }

  /** Threads alive right now (0 once close() has resolved). */
  get threadCount(): number {
    return this.threads.size;
  }

  /** Threads started so far, replacements included. */
  get workersStarted(): number {
    return this.started;
  }

  private submit(page: PageInput, crash?: 'exit' | 'throw'): Promise<Article> {
    if (this.closing) return Promise.reject(new Error('ExtractPool is closed'));
    return new Promise<Article>((resolve, reject) => {
      this.queue.push({ id: this.nextJobId++, page, crash, resolve, reject });
      this.dispatch();
    });
  }

  private busy(): boolean {
    if (this.queue.length > 0) return true;
    for (const slot of this.slots) if (slot.job) return true;
    return false;
  }

  /** Hands queued jobs to idle workers, starting workers up to `size` as needed. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let idle: Slot | undefined;
      for (const slot of this.slots) {
        if (!slot.job && !slot.retiring) {
          idle = slot;
          break;
        }
      }
      if (!idle) {
        if (this.slots.size >= this.size) return;
        idle = this.startWorker();
      }
      this.assign(idle, this.queue.shift()!);
    }
    if (this.drained && !this.busy()) {
      this.drained();
      this.drained = null;
    }
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref(); // a page in hand keeps the process alive
    this.startDeadline(slot);
    if (job.crash) {
      slot.worker.postMessage({ kind: 'crash', id: job.id, how: job.crash } satisfies PoolToWorkerMessage);
      return;
    }
    const { html, url, source, maxMarkupChars, maxElements, maxDepth } = job.page;
    const message: PoolToWorkerMessage = {
      kind: 'extract',
      id: job.id,
      html,
      url,
      source,
      maxMarkupChars,
      maxElements,
      maxDepth,
      options: this.extractOptions,
    };
    slot.worker.postMessage(message);
  }

  private startWorker(): Slot {
    const worker = new Worker(this.workerUrl, { resourceLimits: this.resourceLimits });
    const slot: Slot = { worker, job: null, pagesDone: 0, deadline: null, ready: false, retiring: false };
    this.slots.add(slot);
    this.started++;
    this.threads.set(worker, new Promise<void>((resolve) => worker.once('exit', () => resolve())));

    // An uncaught error ('error', e.g. ERR_WORKER_OUT_OF_MEMORY) is always followed by 'exit';
    // remember the reason and fail the page on 'exit', once.
    let crashReason: string | null = null;
    worker.on('message', (message: WorkerToPoolMessage) => this.settle(slot, message));
    worker.on('messageerror', (error) => {
      this.failJob(slot, new Error(`could not receive the extraction result: ${oneLine(error)}`));
      slot.worker.unref();
      this.dispatch();
    });
    worker.on('error', (error) => {
      crashReason ??= oneLine(error);
    });
    worker.on('exit', (code) => {
      this.threads.delete(worker);
      this.slots.delete(slot);
      this.clearDeadline(slot);
      if (!slot.retiring) {
        const job = slot.job;
        if (job) {
          const reason = crashReason ?? `the worker thread exited with code ${code}`;
          this.failJob(slot, new SourceError(sourceOf(job.page), 'parse-failed', `extraction crashed: ${reason}`));
        }
      }
      slot.job = null;
      this.dispatch(); // a replacement starts if pages are waiting
    });
    return slot;
  }

  /** The page in hand gets timeLimitMs from now; before the worker is ready, also its start-up allowance. */
  private startDeadline(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.clearDeadline(slot);
    const limit = this.timeLimitMs + (slot.ready ? 0 : WORKER_START_ALLOWANCE_MS);
    slot.deadline = setTimeout(() => this.timeOut(slot, job), limit);
  }

  private settle(slot: Slot, message: WorkerToPoolMessage): void {
    if (message.kind === 'ready') {
      slot.ready = true;
      this.startDeadline(slot);
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return; // a reply to a job already failed: ignore
    slot.job = null;
    this.clearDeadline(slot);
    slot.pagesDone++;
    if (message.kind === 'done') job.resolve(message.article);
    else job.reject(rebuildError(message.error));
    if (slot.pagesDone >= this.recycleAfter) this.retire(slot);
    else slot.worker.unref(); // idle workers do not keep the process alive
    this.dispatch();
  }

  private failJob(slot: Slot, error: Error): void {
    const job = slot.job;
    if (!job) return;
    slot.job = null;
    this.clearDeadline(slot);
    job.reject(error);
  }

  /** The page in hand took too long: it fails, and its worker (still busy with it) is replaced. */
  private timeOut(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    const seconds = Math.round(this.timeLimitMs / 100) / 10;
    this.failJob(slot, new SourceError(sourceOf(job.page), 'timeout', `extraction took longer than ${seconds} s`));
    this.retire(slot);
    this.dispatch(); // a replacement starts if pages are waiting
  }

  private clearDeadline(slot: Slot): void {
    if (slot.deadline) clearTimeout(slot.deadline);
    slot.deadline = null;
  }

  /** Ends a worker on purpose: recycling, closing, or a page that took too long. */
  private retire(slot: Slot): void {
    if (slot.retiring) return;
    slot.retiring = true;
    this.slots.delete(slot);
    // Its 'exit' event removes it from `threads`; close() waits for that.
    slot.worker.terminate().catch(() => undefined);
  }
}

/**
 * The worker script. From dist/src/batch/ (the CLI, benches) it is the sibling
 * extract-worker.js. Under vitest this module runs from src/batch/extract-pool.ts, where no
 * .js sibling exists and Node cannot run the .ts worker itself: use the compiled worker in
 * dist/ instead (`npm test` runs tsc first, so it is there and current).
 */
export function workerScriptUrl(): URL {
  const sibling = new URL('./extract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const compiled = new URL('../../dist/src/batch/extract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  throw new Error(`extract worker not found at ${fileURLToPath(sibling)} nor ${fileURLToPath(compiled)}: run npm run build`);
}

/** The source name extractArticle would put in its errors. */
function sourceOf(page: PageInput): string {
  return page.source ?? page.url ?? 'input';
}

/**
 * Runs request tasks politely: a global concurrency limit, and per host at most N tasks at
 * once and a minimum delay between two requests. Hosts take turns (round robin) and the next
 * task is always taken from a host that is ready, so a slow or rate-limited host never holds up
 * the others.
 *
 * Each task sends one request, and the delay counts from when it reaches the wire: the owner
 * reports that with `requestSent` (see wire.ts). Until a started task's request has gone out (or
 * the task has ended), its host starts no other task when it has a delay: a slow connection or
 * TLS handshake must not let the next request catch up with it.
 */

export interface HostSchedulerOptions {
  /** Tasks running at once over all hosts. Default 8. */
  concurrency?: number;
  /** Tasks running at once on one host. Default 2. */
  perHostConnections?: number;
  /** Minimum time between two requests to one host going out (see requestSent). Default 1000. */
  perHostDelayMs?: number;
  /** Monotonic clock in milliseconds; default performance.now. */
  now?: () => number;
}

export interface ScheduleOptions {
  /** Queue ahead of the host's other waiting tasks (a retry should not wait behind the whole list). */
  front?: boolean;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_PER_HOST_CONNECTIONS = 2;
export const DEFAULT_PER_HOST_DELAY_MS = 1000;

/** What `schedule` rejects with for a task that never started because the scheduler was stopped. */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
  constructor() {
    super('stopped before the request started');
  }
}

interface QueuedTask {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface HostState {
  queue: QueuedTask[];
  running: number;
  /** When the last task started, or a request to the host last went out (requestSent): the delay counts from here. */
  pacedFrom: number;
  /** Tasks started whose request has not been reported sent, oldest first. */
  unsent: object[];
}

export class HostScheduler {
  private readonly concurrency: number;
  private readonly perHostConnections: number;
  private readonly perHostDelayMs: number;
  private readonly now: () => number;
  private readonly hosts = new Map<string, HostState>();
  /** Hosts with queued tasks, in turn order (a Set keeps insertion order; a host goes to the back after each start). */
  private readonly waitingHosts = new Set<string>();
  /** Delays hosts asked for themselves (robots.txt Crawl-delay). */
  private readonly ownDelays = new Map<string, number>();
  private running = 0;
  private stopped = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private pumpQueued = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: HostSchedulerOptions = {}) {
    this.concurrency = atLeastOne(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency');
    this.perHostConnections = atLeastOne(options.perHostConnections ?? DEFAULT_PER_HOST_CONNECTIONS, 'perHostConnections');
    this.perHostDelayMs = Math.max(0, options.perHostDelayMs ?? DEFAULT_PER_HOST_DELAY_MS);
    this.now = options.now ?? (() => performance.now());
  }

  /** Runs `task` when `host` and the global limit allow; settles as the task does. */
  schedule<T>(host: string, task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.stopped) return Promise.reject(new StoppedError());
    return new Promise<T>((resolve, reject) => {
      const state = this.stateOf(host);
      const queued: QueuedTask = {
        run: task,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      if (options.front) state.queue.unshift(queued);
      else state.queue.push(queued);
      this.waitingHosts.add(host);
      this.pumpSoon();
    });
  }

  /** A host's own minimum delay between starts (e.g. Crawl-delay); the larger of it and the default applies. */
  setHostDelay(host: string, ms: number): void {
    this.ownDelays.set(host, Math.max(0, ms));
    this.pumpSoon();
  }

  /**
   * A request to `host` reached the wire now (a task's request sent later than the task started,
   * or a redirect robots.txt's fetch followed): the host's delay counts from here if that is later.
   */
  requestSent(host: string): void {
    const state = this.stateOf(host);
    state.pacedFrom = Math.max(state.pacedFrom, this.now());
    if (state.unsent.shift() !== undefined) this.pumpSoon();
  }

  /** The delay between starts that applies to `host`. */
  delayFor(host: string): number {
    return Math.max(this.perHostDelayMs, this.ownDelays.get(host) ?? 0);
  }

  /** Starts nothing more: waiting tasks are rejected with StoppedError, running ones finish. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    for (const host of this.waitingHosts) {
      const state = this.hosts.get(host);
      for (const queued of state?.queue.splice(0) ?? []) queued.reject(new StoppedError());
    }
    this.waitingHosts.clear();
    this.notifyIfIdle();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Tasks running now, and waiting to start. */
  get counts(): { running: number; waiting: number } {
    let waiting = 0;
    for (const host of this.waitingHosts) waiting += this.hosts.get(host)?.queue.length ?? 0;
    return { running: this.running, waiting };
  }

  /** Resolves once no task runs and none waits. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { queue: [], running: 0, pacedFrom: -Infinity, unsent: [] };
      this.hosts.set(host, state);
    }
    return state;
  }

  /**
   * Pumps once the caller's synchronous code is done: a list scheduled in one go is then shared
   * out round robin over its hosts, instead of the first host taking every free slot.
   */
  private pumpSoon(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Starts every task that may start now, and sets a timer for the earliest host that becomes ready later. */
  private pump(): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    if (this.stopped) return;

    let nextReadyAt = Infinity;
    while (this.running < this.concurrency) {
      const now = this.now();
      nextReadyAt = Infinity;
      let readyHost: string | undefined;
      for (const host of this.waitingHosts) {
        const state = this.hosts.get(host);
        // A host at its connection limit becomes ready when one of its tasks ends (which pumps).
        if (!state || state.running >= this.perHostConnections) continue;
        // A request still on its way out: the delay will count from when it goes (requestSent pumps).
        if (state.unsent.length > 0 && this.delayFor(host) > 0) continue;
        const readyAt = state.pacedFrom + this.delayFor(host);
        if (readyAt <= now) {
          readyHost = host;
          break;
        }
        nextReadyAt = Math.min(nextReadyAt, readyAt);
      }
      if (readyHost === undefined) break;
      this.start(readyHost);
      nextReadyAt = Infinity;
    }

    if (nextReadyAt !== Infinity && this.running < this.concurrency) {
      // Timers may fire a little early against performance.now(); pump re-checks and re-arms.
      this.wakeTimer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(nextReadyAt - this.now())));
    }
  }

  private start(host: string): void {
    const state = this.hosts.get(host);
    const queued = state?.queue.shift();
    if (!state || !queued) return;
    // Round robin: the host goes to the back of the turn order, or leaves it when drained.
    this.waitingHosts.delete(host);
    if (state.queue.length > 0) this.waitingHosts.add(host);

    state.running++;
    this.running++;
    // Read the clock again, right before the task: the host's delay counts from its real start.
    state.pacedFrom = this.now();
    const token = {};
    state.unsent.push(token);

    let result: Promise<unknown>;
    try {
      result = queued.run();
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(queued.resolve, queued.reject).finally(() => {
      // A task that ended without its request reported (refused connection, no request at all).
      const unsentAt = state.unsent.indexOf(token);
      if (unsentAt >= 0) state.unsent.splice(unsentAt, 1);
      state.running--;
      this.running--;
      this.pump();
      this.notifyIfIdle();
    });
  }

  private isIdle(): boolean {
    return this.running === 0 && this.waitingHosts.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function atLeastOne(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${value}`);
  return value;
}

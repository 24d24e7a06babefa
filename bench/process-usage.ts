/**
 * What bench:render measures of a run besides its wall time (Linux's /proc, perf_hooks): its
 * main thread's event-loop stalls and garbage collection, the CPU of its own threads, and the
 * peak RSS and CPU of the processes it started (Chromium's), sampled by the parent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';

/** How often the parent samples the measured process tree. */
const USAGE_SAMPLE_MS = 100;
/** The event-loop watch: a tick this often, and a tick this much late counts as a stall (LoopStalls). */
const LOOP_TICK_MS = 10;
const LOOP_STALL_MS = 50;
const LONGEST_STALLS_KEPT = 5;
/** Linux's USER_HZ: /proc's CPU times are in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The main thread's stalls over a run: how many, their total and longest ms, and the longest few with when each ended. */
export interface LoopStallsSummary {
  count: number;
  totalMs: number;
  longestMs: number;
  longest: { atS: number; ms: number }[];
}

/**
 * Times the main thread's event loop was held up (a synchronous require, a long decision, a
 * GC pause): a timer due every LOOP_TICK_MS that runs more than LOOP_STALL_MS late counts one
 * stall of its lateness. Meanwhile no page is fetched or handed to an idle worker.
 */
export class LoopStalls {
  private count = 0;
  private totalMs = 0;
  private longestMs = 0;
  /** The longest stalls: when each ended (s into the run) and how long it was. */
  private readonly longest: { atS: number; ms: number }[] = [];
  private readonly started = performance.now();
  private last = performance.now();
  private readonly timer = setInterval(() => {
    const now = performance.now();
    const late = now - this.last - LOOP_TICK_MS;
    this.last = now;
    if (late < LOOP_STALL_MS) return;
    this.count++;
    this.totalMs += late;
    this.longestMs = Math.max(this.longestMs, late);
    this.longest.push({ atS: round((now - this.started) / 1000, 2), ms: Math.round(late) });
    this.longest.sort((a, b) => b.ms - a.ms).splice(LONGEST_STALLS_KEPT);
  }, LOOP_TICK_MS);
  constructor() {
    this.timer.unref();
  }
  stop(): LoopStallsSummary {
    clearInterval(this.timer);
    return { count: this.count, totalMs: Math.round(this.totalMs), longestMs: Math.round(this.longestMs), longest: this.longest };
  }
}

/** Milliseconds of garbage collection on this thread since construction (perf_hooks 'gc' entries). */
export class GcTime {
  private ms = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.ms += entry.duration;
  });
  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }
  stop(): number {
    for (const entry of this.observer.takeRecords()) this.ms += entry.duration;
    this.observer.disconnect();
    return this.ms;
  }
}

/**
 * Peak RSS of a process and all its descendants, and the CPU time of the descendants, sampled
 * from /proc every USAGE_SAMPLE_MS. Each process on the machine is read once, when it first
 * appears, to learn its parent; after that only the tree's own are read again (reading every
 * process at each sample cost the run more CPU than Chromium did). A descendant's CPU is its
 * last sample's, so the figure is a floor (a process's last 100 ms, or one that lived less, is
 * missed; so is one whose pid was freed and taken again between two samples). Linux only.
 */
export class TreeUsage {
  peakBytes = 0;
  /** Every process seen, with its parent (forgotten when it is gone, so a reused pid is read anew). */
  private readonly parents = new Map<number, number>();
  private readonly inTree = new Set<number>();
  /** Last seen user + system clock ticks of each descendant, the ended ones included. */
  private readonly ticks = new Map<number, number>();
  /** Each descendant's kind (Chromium's --type, else its command's name), keyed as `ticks`. */
  private readonly kinds = new Map<number, string>();
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly root: number) {
    this.inTree.add(root);
    this.sample();
    this.timer = setInterval(() => this.sample(), USAGE_SAMPLE_MS);
    this.timer.unref();
  }
  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
  descendantsCpuSeconds(): number {
    let ticks = 0;
    for (const value of this.ticks.values()) ticks += value;
    return ticks / CLOCK_TICKS_PER_SECOND;
  }
  descendantsCpuByType(): Record<string, number> {
    const byType: Record<string, number> = {};
    for (const [key, value] of this.ticks) {
      const kind = this.kinds.get(key) ?? 'other';
      byType[kind] = round((byType[kind] ?? 0) + value / CLOCK_TICKS_PER_SECOND, 2);
    }
    return byType;
  }
  private sample(): void {
    const alive = new Set(readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number));
    for (const pid of this.parents.keys()) if (!alive.has(pid)) this.parents.delete(pid);
    for (const pid of alive) {
      if (this.parents.has(pid)) continue;
      const parent = readStat(pid)?.parent;
      if (parent !== undefined) this.parents.set(pid, parent);
    }
    // The tree from the root down, anew each time: pids wrap around (pid_max), so a process may
    // have a smaller pid than the parent that forked it, and be seen first.
    const children = new Map<number, number[]>();
    for (const [pid, parent] of this.parents) children.set(parent, [...(children.get(parent) ?? []), pid]);
    this.inTree.clear();
    for (const queue = [this.root]; queue.length > 0; ) {
      const pid = queue.pop()!;
      if (this.inTree.has(pid)) continue; // a pid reused meanwhile could make a loop
      this.inTree.add(pid);
      queue.push(...(children.get(pid) ?? []));
    }
    let total = 0;
    for (const pid of this.inTree) {
      const stat = readStat(pid);
      if (!stat) continue;
      total += stat.residentBytes;
      // A reused pid's ticks start again from zero: keyed by pid and start time.
      if (pid === this.root) continue;
      const key = pid * 1e12 + stat.startTicks;
      this.ticks.set(key, stat.cpuTicks);
      // Read again while it may not be final: a process just forked (the browser by Node, a
      // renderer by the zygote) shows its parent's command line until it has set its own.
      const kind = this.kinds.get(key);
      if (kind === undefined || kind === 'browser' || kind === 'zygote' || kind === 'other') this.kinds.set(key, processKind(pid) ?? kind ?? 'other');
    }
    this.peakBytes = Math.max(this.peakBytes, total);
  }
}

/**
 * A Chromium process's --type (renderer, gpu-process, zygote, utility; none: the browser), or
 * null when it is gone or ending (a zombie's command line is empty).
 */
function processKind(pid: number): string | null {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (commandLine === '') return null;
    return /--type=([\w-]+)/.exec(commandLine)?.[1] ?? (/chrom/i.test(commandLine.split('\0')[0] ?? '') ? 'browser' : 'other');
  } catch {
    return null;
  }
}

/** CPU seconds of this process's threads (/proc/self/task): the main thread's, and the others' (largest first). */
export function threadCpuSeconds(): { main: number; others: number[] } {
  let main = 0;
  const others: number[] = [];
  for (const name of readdirSync('/proc/self/task')) {
    const stat = readStat(`self/task/${name}`);
    if (!stat) continue;
    const seconds = round(stat.cpuTicks / CLOCK_TICKS_PER_SECOND, 2);
    if (Number(name) === process.pid) main = seconds;
    else others.push(seconds);
  }
  return { main, others: others.sort((a, b) => b - a) };
}

/** What /proc/PID/stat says of a process (stat(5)), or null when it is gone. */
function readStat(pid: number | string): { parent: number; cpuTicks: number; startTicks: number; residentBytes: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Counted from the field after the command's closing parenthesis (field 3, the state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      parent: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      startTicks: Number(fields[19]),
      residentBytes: Number(fields[21]) * PAGE_BYTES,
    };
  } catch {
    return null; // gone meanwhile
  }
}

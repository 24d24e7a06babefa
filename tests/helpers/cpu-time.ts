/**
 * Runs `work` and returns its result with the CPU time this process spent meanwhile, in ms.
 * Tests that guard against a quadratic or a hang bound CPU time, not wall time: on a loaded
 * machine wall time stretches with the other processes, CPU time barely moves.
 */
export function withCpuTime<T>(work: () => T): { value: T; cpuMs: number } {
  const before = process.cpuUsage();
  const value = work();
  const spent = process.cpuUsage(before);
  return { value, cpuMs: (spent.user + spent.system) / 1000 };
}

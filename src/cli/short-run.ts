/**
 * V8's optimizing compiler in a short run. A one-page `clipfile extract` had TurboFan optimize
 * functions that were hot for a few milliseconds: 13 % of the run's instructions
 * (`npm run bench:startup -- --instructions`), most of them on a second core that a loaded
 * machine does not have free. With the budget of bytecode a function runs before it is
 * optimized at DEFERRED_OPTIMIZATION_FACTOR times V8's default during an extraction, an
 * ordinary page is done before TurboFan starts, and a large one still has its hot functions
 * optimized, a few milliseconds later.
 *
 * The flag is set only around the extraction and put back after it: V8 checks every code cache
 * against a hash of its flags, so Node's own modules loaded later, and the bundle's cache saved
 * at exit (code-cache.ts), must find the flags as they were. Only on the V8 whose default budget
 * this puts back (Node 20's; Node 22 and 24 keep their own tiering), and not when the user set
 * the budget.
 */
/** V8 11.3's (Node 20's) default `--interrupt-budget`, the value put back after an extraction. */
const V8_11_3_INTERRUPT_BUDGET = 66 * 1024;
/** How much later than by default a function is optimized during an extraction (4 and 32 measured about the same). */
export const DEFERRED_OPTIMIZATION_FACTOR = 8;

/** Whether this process may change the budget: Node 20's V8, and no budget of the user's. */
function mayDeferOptimization(): boolean {
  if (!process.versions.v8.startsWith('11.3.')) return false;
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return !/interrupt[-_]budget/.test(given);
}

let deferrable: boolean | undefined;

/** Runs `run` (synchronous) with TurboFan deferred as above, the flags put back whatever happens. */
export function withOptimizationDeferred<T>(run: () => T): T {
  deferrable ??= mayDeferOptimization();
  if (!deferrable) return run();
  // Loaded on use: node:v8 is no module for `--version` or `list` to load.
  const v8 = process.getBuiltinModule('node:v8');
  v8.setFlagsFromString(`--interrupt-budget=${V8_11_3_INTERRUPT_BUDGET * DEFERRED_OPTIMIZATION_FACTOR}`);
  try {
    return run();
  } finally {
    v8.setFlagsFromString(`--interrupt-budget=${V8_11_3_INTERRUPT_BUDGET}`);
  }
}

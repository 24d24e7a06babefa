/**
 * V8's compilers in a short run. A one-page `clipfile extract` had TurboFan optimize functions
 * that were hot for a few milliseconds: 13 % of the run's instructions
 * (`npm run bench:startup -- --instructions`), most of them on a second core that a loaded
 * machine does not have free. With the budget of bytecode a function runs before it is
 * optimized at DEFERRED_OPTIMIZATION_FACTOR times V8's default during an extraction, an
 * ordinary page is done before TurboFan starts, and a large one still has its hot functions
 * optimized, a few milliseconds later.
 *
 * Regular expressions, likewise: V8 compiles each one first to bytecode, then again to machine
 * code on its second run (or at once for a subject of 1,000 characters or more), and a one-page
 * extract ran 120 patterns (the quality rules' long alternations of every language's words
 * above all) often enough to compile most of them twice, for one-byte and for two-byte text.
 * Compiled straight to machine code, each is compiled once: 675 M → 600 M instructions for the
 * seed page; a 1.6 MB page 1.30 → 1.22 CPU s, a 2.8 MB one within the runs' spread (README,
 * Benchmarks).
 *
 * The flags are set only around the extraction and put back after it: V8 checks every code
 * cache against a hash of its flags, so Node's own modules loaded later, and the bundle's cache
 * saved at exit (code-cache.ts), must find the flags as they were. Only on the V8 whose
 * defaults this puts back (Node 20's; Node 22 and 24 keep their own tiering, and a flag their
 * V8 did not know would be printed as an error), and not when the user set the flag.
 */
/** V8 11.3's (Node 20's) default `--interrupt-budget`, the value put back after an extraction. */
const V8_11_3_INTERRUPT_BUDGET = 66 * 1024;
/** How much later than by default a function is optimized during an extraction (4 and 32 measured about the same). */
export const DEFERRED_OPTIMIZATION_FACTOR = 8;

/** A V8 flag for the extraction: its value during it, the default put back after, and how the user would have named it. */
interface ShortRunFlag {
  during: string;
  after: string;
  givenAs: RegExp;
}

/** V8 11.3's flags for a short run, measured one by one (README, Benchmarks → start-up). */
const SHORT_RUN_FLAGS: readonly ShortRunFlag[] = [
  { during: `--interrupt-budget=${V8_11_3_INTERRUPT_BUDGET * DEFERRED_OPTIMIZATION_FACTOR}`, after: `--interrupt-budget=${V8_11_3_INTERRUPT_BUDGET}`, givenAs: /interrupt[-_]budget/ },
  { during: '--no-regexp-tier-up', after: '--regexp-tier-up', givenAs: /regexp[-_](?:tier[-_]up|interpret[-_]all)/ },
];

/** The flags this process may change: Node 20's V8, and none the user set. */
function changeableFlags(): readonly ShortRunFlag[] {
  if (!process.versions.v8.startsWith('11.3.')) return [];
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return SHORT_RUN_FLAGS.filter((flag) => !flag.givenAs.test(given));
}

let changeable: readonly ShortRunFlag[] | undefined;

/** Runs `run` (synchronous) with the short-run flags above, put back whatever happens. */
export function withOptimizationDeferred<T>(run: () => T): T {
  changeable ??= changeableFlags();
  if (changeable.length === 0) return run();
  // Loaded on use: node:v8 is no module for `--version` or `list` to load.
  const v8 = process.getBuiltinModule('node:v8');
  for (const flag of changeable) v8.setFlagsFromString(flag.during);
  try {
    return run();
  } finally {
    for (const flag of changeable) v8.setFlagsFromString(flag.after);
  }
}

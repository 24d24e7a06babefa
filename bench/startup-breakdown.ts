/**
 * Where a one-page `clipfile extract` spends its time, read from V8 CPU profiles of real runs
 * (`node --cpu-prof`): each sample is put in the stage of the pipeline whose function is on its
 * stack (src/extract/pipeline.ts names them), or in loading the bundle, the output, garbage
 * collection or Node itself. The profiler slows a run by a fifth or so, so the figures are
 * shares of a run rather than its length; `bench:startup` measures the length without it.
 *
 * `instructionsOf` counts the instructions of one run under valgrind (every thread), which
 * other processes' load does not change: a figure to compare two builds on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The pipeline's stage functions (called by extractOn and findStory), by the stage they are part of. */
const STAGE_OF_FUNCTION: Record<string, string> = {
  parsePage: 'parse HTML (parse5 + linkedom)',
  harvestMetadata: 'metadata',
  canonicalUrlOf: 'metadata',
  mergeMetadata: 'metadata',
  pageStatements: 'metadata',
  findEmbeds: 'embeds',
  markEmbeds: 'embeds',
  placeEmbeds: 'embeds',
  takeComments: 'reader comments',
  isProbablyReaderable: 'Readability',
  runReadability: 'Readability',
  finishContent: 'finish content (article body, URLs)',
  renderText: 'text',
  countWords: 'text',
  renderMarkdown: 'Markdown (turndown)',
  renderHtml: 'HTML (sanitize-html)',
  findQuotes: 'quotes',
  quotedElements: 'quotes',
};

/** Stages in the order a run goes through them. */
const STAGE_ORDER = [
  'Node start-up and CLI',
  'load the bundle (code cache, module top levels)',
  'read the page',
  'parse HTML (parse5 + linkedom)',
  'metadata',
  'embeds',
  'reader comments',
  'quality (cleaning, candidates, trimming)',
  'Readability',
  'finish content (article body, URLs)',
  'text',
  'Markdown (turndown)',
  'HTML (sanitize-html)',
  'quotes',
  'output (front matter, write)',
  'garbage collection',
  'V8 and Node native code',
];

/** The stage of one sample, from its stack (outermost frame first). */
function stageOf(stack: CallFrame[]): string {
  const names = stack.map((frame) => frame.functionName);
  const leaf = names.at(-1) ?? '';
  if (leaf === '(garbage collector)') return 'garbage collection';
  if (leaf === '(program)') return 'V8 and Node native code';
  if (names.includes('compileWithCodeCache')) return 'load the bundle (code cache, module top levels)';
  const pipeline = names.lastIndexOf('extractOn');
  if (pipeline >= 0) {
    // The stage is the first named stage function inside extractOn (or inside findStory).
    for (const name of names.slice(pipeline + 1)) {
      const stage = STAGE_OF_FUNCTION[name];
      if (stage) return stage;
    }
    return 'quality (cleaning, candidates, trimming)';
  }
  if (names.includes('markdownWithFrontMatter') || names.includes('writeSync') || names.includes('formatArticle')) return 'output (front matter, write)';
  if (names.includes('pageCaptures') || names.includes('decodePage') || stack.some((frame) => /read-pages|acquire/.test(frame.url) && frame.lineNumber > 0)) return 'read the page';
  return 'Node start-up and CLI';
}

export interface Breakdown {
  runs: number;
  /** Mean milliseconds per run, by stage, in STAGE_ORDER. */
  stages: { stage: string; ms: number }[];
  /** Mean milliseconds the profiler saw per run. */
  profiledMs: number;
}

/** Runs `args` (a node command line) `runs` times with the CPU profiler and adds up the stages. */
export function profileBreakdown(args: string[], runs: number, cwd: string): Breakdown {
  const folder = mkdtempSync(join(tmpdir(), 'clipfile-startup-profile-'));
  try {
    for (let run = 0; run < runs; run++) {
      const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', folder, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0) throw new Error(`profiled run exited ${result.status}: ${result.stderr.toString().trim()}`);
    }
    const totals = new Map<string, number>(STAGE_ORDER.map((stage) => [stage, 0]));
    let profiled = 0;
    const files = readdirSync(folder).filter((name) => name.endsWith('.cpuprofile'));
    for (const file of files) {
      const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile;
      profiled += profile.endTime - profile.startTime;
      for (const [stage, us] of stageTimes(profile)) totals.set(stage, (totals.get(stage) ?? 0) + us);
    }
    return {
      runs: files.length,
      stages: STAGE_ORDER.map((stage) => ({ stage, ms: totals.get(stage)! / files.length / 1000 })),
      profiledMs: profiled / files.length / 1000,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Microseconds by stage in one profile: each sample counts until the next one. */
function stageTimes(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const stageOfNode = new Map<number, string>();
  const times = new Map<string, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index]!;
    let stage = stageOfNode.get(id);
    if (stage === undefined) {
      const stack: CallFrame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) stack.push(byId.get(at)!.callFrame);
      stage = stageOf(stack.reverse());
      stageOfNode.set(id, stage);
    }
    times.set(stage, (times.get(stage) ?? 0) + (profile.timeDeltas[index + 1] ?? 0));
  }
  return times;
}

/** valgrind, when installed: it counts a run's instructions. */
export const VALGRIND = ['/usr/bin/valgrind', '/usr/local/bin/valgrind'].find((path) => existsSync(path)) ?? null;

/** Instructions (all threads) of one run of `args` under valgrind's cachegrind; null without valgrind. */
export function instructionsOf(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number | null {
  if (VALGRIND === null) return null;
  // Through exec too: bin/clipfile.js starts in sh, which execs Node (whose instructions are the count).
  const result = spawnSync(VALGRIND, ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', '--trace-children=yes', program, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = result.stderr.toString();
  const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (result.status !== 0 || !refs) throw new Error(`valgrind run exited ${result.status}: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
  return Number(refs[1]!.replaceAll(',', ''));
}

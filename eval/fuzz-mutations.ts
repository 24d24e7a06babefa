/**
 * Mutations that turn a real page into a hostile one, driven by a seeded generator so that a
 * run can be repeated: deep nesting, thousands of embeds, broken tags, random bytes, cut-off
 * and repeated markup, attributes that try to run script. Used by the fuzz test (small scale,
 * fixed seed) and by `npm run fuzz` (bench/fuzz.ts, full scale, any seed), with the check of
 * what came out of each mutated page.
 */
import { decodePage } from '../src/acquire/decode.js';
import type { Article } from '../src/article.js';
import { SourceError } from '../src/errors.js';
import type { PageInput } from '../src/extract/pipeline.js';
import { unsafeParts } from './unsafe-html.js';

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function below(random: Random, n: number): number {
  return Math.floor(random() * n);
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[below(random, items.length)]!;
}

/** How large the mutations get: the test keeps them small, the fuzz run goes to full size. */
export interface MutationScale {
  /** Most elements a deep-nesting mutation nests. */
  maxDepth: number;
  /** Most embeds one mutation inserts. */
  maxEmbeds: number;
  /** Most edits of a broken-tags or random-bytes mutation. */
  maxEdits: number;
}

export const TEST_SCALE: MutationScale = { maxDepth: 800, maxEmbeds: 200, maxEdits: 100 };
export const FULL_SCALE: MutationScale = { maxDepth: 6_000, maxEmbeds: 6_000, maxEdits: 5_000 };

const NESTING_TAGS = ['div', 'span', 'b', 'i', 'font', 'section', 'blockquote', 'ul', 'li', 'table', 'td', 'a', 'p', 'em'];
const EMBEDS = [
  (i: number) =>
    `<blockquote class="twitter-tweet"><p>Fuzzed post ${i}</p>&mdash; Name (@handle${i % 50}) <a href="https://twitter.com/handle/status/${1_000_000 + i}">May 1, 2024</a></blockquote>`,
  (i: number) => `<iframe src="https://www.youtube.com/embed/vid${i}abcdef" title="Video ${i}"></iframe>`,
  (i: number) => `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/post${i}/"><p>Caption ${i}</p></blockquote>`,
  (i: number) => `<div class="fb-post" data-href="https://www.facebook.com/page/posts/${i}"></div>`,
  (i: number) => `<div class="tweet"><a href="https://x.com/i/status/${2_000_000 + i}">status</a></div>`,
];
const BROKEN_PIECES = ['<', '>', '</', '<div', '<p', '<table>', '</table>', '</p>', '</div>', '<td>', '<tr>', '<!--', '-->', '<script>', '<style>', '<![CDATA[', '<a href="', '"', '&#', '&amp', '<svg>', '<math>', '<template>', '<noscript>', '<textarea>', '<title>', '<select>', '<frameset>', '<plaintext>'];
const HOSTILE_MARKUP = [
  '<img src="x" onerror="alert(1)">',
  '<a href="JaVaScRiPt:alert(1)">a</a>',
  '<a href="&#x6A;avascript:alert(1)">b</a>',
  '<a href="jav&#x09;ascript:alert(1)">c</a>',
  '<a href="data:text/html,<script>alert(1)</script>">d</a>',
  '<a href="vbscript:msgbox(1)">e</a>',
  '<p onclick="alert(1)" onmouseover="alert(2)">f</p>',
  '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">g</a></svg>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<img srcset="javascript:alert(1) 1x, x 2y">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">h</button></form>',
];

type Mutator = (page: string, random: Random, scale: MutationScale) => string;

function insertAt(page: string, at: number, text: string): string {
  return page.slice(0, at) + text + page.slice(at);
}

/** Inserts each piece at its own random position, in one pass over the page. */
function insertMany(page: string, random: Random, pieces: string[]): string {
  const positions = pieces.map(() => below(random, page.length + 1)).sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  positions.forEach((at, i) => {
    parts.push(page.slice(from, at), pieces[i]!);
    from = at;
  });
  parts.push(page.slice(from));
  return parts.join('');
}

const MUTATORS: Record<string, Mutator> = {
  'deep-nesting': (page, random, scale) => {
    const depth = 1 + below(random, scale.maxDepth);
    const tags = Array.from({ length: depth }, () => pick(random, NESTING_TAGS));
    const start = below(random, page.length + 1);
    const closed = random() < 0.5;
    const withOpen = insertAt(page, start, tags.map((t) => `<${t}>`).join(''));
    if (!closed) return withOpen;
    const end = start + tags.length + below(random, withOpen.length - start - tags.length + 1);
    return insertAt(withOpen, Math.min(end, withOpen.length), tags.reverse().map((t) => `</${t}>`).join(''));
  },
  'many-embeds': (page, random, scale) => {
    const count = 1 + below(random, scale.maxEmbeds);
    const kind = pick(random, EMBEDS);
    return insertMany(page, random, Array.from({ length: count }, (_, i) => kind(i)));
  },
  'broken-tags': (page, random, scale) => {
    const edits = 1 + below(random, scale.maxEdits);
    return insertMany(page, random, Array.from({ length: edits }, () => pick(random, BROKEN_PIECES)));
  },
  'random-bytes': (page, random, scale) => {
    const chars = page.split('');
    const edits = 1 + below(random, scale.maxEdits);
    for (let i = 0; i < edits && chars.length > 0; i++) chars[below(random, chars.length)] = String.fromCharCode(below(random, 256));
    return chars.join('');
  },
  truncate: (page, random) => page.slice(0, below(random, page.length + 1)),
  duplicate: (page, random) => {
    const start = below(random, page.length + 1);
    const slice = page.slice(start, start + below(random, 20_000));
    return insertAt(page, start, slice.repeat(1 + below(random, 20)));
  },
  'hostile-attributes': (page, random) =>
    insertMany(page, random, Array.from({ length: 1 + below(random, 30) }, () => pick(random, HOSTILE_MARKUP))),
};

export const MUTATION_NAMES = Object.keys(MUTATORS);

/**
 * The page's bytes with one to three mutations applied; the page is handled as Latin-1 text
 * so that every byte, valid UTF-8 or not, survives and random bytes can be any byte.
 */
export function mutatePage(bytes: Uint8Array, random: Random, scale: MutationScale): { bytes: Buffer; mutations: string[] } {
  let page = Buffer.from(bytes).toString('latin1');
  const mutations: string[] = [];
  const count = 1 + below(random, 3);
  for (let i = 0; i < count; i++) {
    const name = pick(random, MUTATION_NAMES);
    page = MUTATORS[name]!(page, random, scale);
    mutations.push(name);
  }
  return { bytes: Buffer.from(page, 'latin1'), mutations };
}

/** What became of one mutated page. */
export interface FuzzOutcome {
  result: 'article' | 'refused' | 'failed';
  /** Why the page counts as a failure (null when it does not): the fuzz run keeps such pages. */
  problem: string | null;
  /** The refusal's line, or the article's size. */
  detail: string;
  ms: number;
}

/**
 * Reads the bytes as `extract` reads a file (decodePage, then the extractor: in the fuzz run and
 * its test, a pool whose workers end a page that takes longer than its limit) and judges the
 * result: an Article whose HTML is safe, or a one-line SourceError that is not a timeout or a
 * crash. Anything else is a problem.
 */
export async function judgePage(
  bytes: Uint8Array,
  url: string | null,
  extract: (page: PageInput) => Promise<Article>,
): Promise<FuzzOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  try {
    const decoded = decodePage({
      requestedUrl: 'fuzzed.html', url, source: 'file', redirects: [], status: null, headers: {},
      contentType: 'text/html', bytes, fetchedAt: new Date(0).toISOString(),
    });
    const article = await extract({ html: decoded.html, url, source: 'fuzzed.html' });
    const unsafe = unsafeParts(article.html);
    return {
      result: 'article',
      problem: unsafe.length > 0 ? `unsafe HTML: ${unsafe.slice(0, 3).join('; ')}` : null,
      detail: `${article.wordCount} words, ${article.embeds.length} embeds`,
      ms: elapsed(),
    };
  } catch (error) {
    if (!(error instanceof SourceError)) {
      return { result: 'failed', problem: `not a SourceError: ${String(error).split('\n')[0]}`, detail: '', ms: elapsed() };
    }
    const line = error.message;
    let problem: string | null = null;
    if (line.includes('\n')) problem = 'the error is more than one line';
    else if (error.code === 'timeout') problem = `over the time limit: ${line}`;
    else if (/crashed/.test(error.reason)) problem = `extraction crashed: ${line}`;
    return { result: problem ? 'failed' : 'refused', problem, detail: `${error.code}: ${error.reason}`, ms: elapsed() };
  }
}

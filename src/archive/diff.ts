import { diffLines, diffWords } from 'diff';

/**
 * Word-level differences between two snapshots of a page, for `history --diff`. Computes and
 * renders to strings; never prints (the CLI does, and colours the parts itself).
 */

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface SnapshotDiff {
  /** Null when the title is the same in both snapshots. */
  titleChanged: { before: string | null; after: string | null } | null;
  /**
   * The text of both snapshots as a run of parts: `same` + `removed` parts spell the old words,
   * `same` + `added` parts the new ones. Whitespace is taken from the new text, and a change of
   * whitespace alone (a paragraph split or merged) is not a change of words.
   */
  changes: DiffPart[];
  /** Words added and removed in the text (not the title); a change of punctuation alone counts as one word. */
  stats: { added: number; removed: number };
  /** Title and text are exactly the same. */
  identical: boolean;
}

export interface SnapshotText {
  title: string | null;
  text: string;
}

export interface RenderOptions {
  /** Words of unchanged text kept on each side of a change; the rest is elided as "…". Default 12. */
  context?: number;
}

export const ELISION = '…';
const DEFAULT_CONTEXT_WORDS = 12;
/** "…" for a single word would hide nothing worth hiding. */
const MIN_ELIDED_WORDS = 2;
/** Between two hunks: the end of one, a blank line, the start of the next. */
const HUNK_BREAK = '\n\n';
/**
 * Past this many word insertions and deletions within one changed stretch, the word diff
 * (Myers, O(N·D)) stops and the stretch is shown as removed and added whole: the text was
 * rewritten, and a word-by-word account of a rewrite is both slow and unreadable.
 */
const MAX_WORD_EDITS = 2000;

/**
 * Word boundaries from ICU (Unicode UAX #29) rather than jsdiff's built-in tokenizer, whose
 * word characters are Latin letters only: it would diff Cyrillic, Greek or Arabic letter by
 * letter ("Москве" → "Петербурге" as "[-Москв-]{+П+}е{+тербурге+}"). ICU also keeps "don't"
 * and "3,000" whole. A fixed locale keeps the result the same on every machine (word
 * rules differ by script, not by locale, for nearly every language).
 *
 * Fed one whitespace-separated chunk at a time: Node 20's Intl.Segmenter slows down
 * quadratically with the length of its input (a 12,000-word line took 10 s to diff whole).
 * Words never span whitespace, so the segments are the same.
 */
class ChunkedWordSegmenter extends Intl.Segmenter {
  constructor() {
    super('en', { granularity: 'word' });
  }

  override segment(input: string): Intl.Segments {
    const segments: Intl.SegmentData[] = [];
    for (const chunk of input.matchAll(/\s+|\S+/g)) {
      if (/^\s/.test(chunk[0])) {
        segments.push({ segment: chunk[0], index: chunk.index, input, isWordLike: false });
        continue;
      }
      for (const { segment, index, isWordLike } of super.segment(chunk[0])) {
        segments.push({ segment, index: chunk.index + index, input, isWordLike });
      }
    }
    return {
      containing: (codeUnit = 0) => segments.find(({ segment, index }) => codeUnit >= index && codeUnit < index + segment.length),
      [Symbol.iterator]: () => segments.values(),
    };
  }
}

const WORD_SEGMENTER = new ChunkedWordSegmenter();

/**
 * What changed between two snapshots, word by word.
 *
 * jsdiff's `diffWords` rather than `diffWordsWithSpace`: it makes each word and each
 * punctuation mark a token, so "said," → "said." shows as `said[-,-]{+.+}` and not as a changed
 * word, and it attaches whitespace to the words around it instead of making every space a token
 * of its own. With spaces as tokens, the shortest diff of prose often keeps the spaces and
 * deletes and re-adds the common words between them, which reads as noise.
 *
 * The text is compared line by line first (a line is a block: the text has one blank line
 * between blocks), and only the changed stretches word by word. That keeps a rewritten
 * paragraph from being matched word for word against its neighbours ("the", "of", …), and
 * keeps long articles with a few edits fast: unchanged paragraphs are never tokenized.
 */
export function diffSnapshots(before: SnapshotText, after: SnapshotText): SnapshotDiff {
  const titleChanged = before.title === after.title ? null : { before: before.title, after: after.title };
  const changes = before.text === after.text ? sameText(after.text) : diffText(before.text, after.text);
  const stats = { added: 0, removed: 0 };
  for (const part of changes) {
    if (part.kind !== 'same') stats[part.kind] += countWords(part.text);
  }
  return { titleChanged, changes, stats, identical: titleChanged === null && before.text === after.text };
}

function sameText(text: string): DiffPart[] {
  return text ? [{ kind: 'same', text }] : [];
}

function diffText(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  let removedLines = '';
  let addedLines = '';
  const flushChangedLines = () => {
    if (removedLines || addedLines) parts.push(...diffChangedLines(removedLines, addedLines));
    removedLines = '';
    addedLines = '';
  };
  for (const change of diffLines(before, after)) {
    if (change.removed) removedLines += change.value;
    else if (change.added) addedLines += change.value;
    else {
      flushChangedLines();
      parts.push({ kind: 'same', text: change.value });
    }
  }
  flushChangedLines();
  return tidy(parts);
}

/** Word diff of one stretch of changed lines (what the old text had there, what the new one has). */
function diffChangedLines(removed: string, added: string): DiffPart[] {
  if (!removed || !added) return [{ kind: removed ? 'removed' : 'added', text: removed || added }];
  // Whitespace both sides share at the edges (the lines' own newlines) is not part of the change.
  const lead = commonPrefix(leadingSpace(removed), leadingSpace(added));
  const removedRest = removed.slice(lead.length);
  const addedRest = added.slice(lead.length);
  const trail = commonSuffix(trailingSpace(removedRest), trailingSpace(addedRest));
  const removedCore = removedRest.slice(0, removedRest.length - trail.length);
  const addedCore = addedRest.slice(0, addedRest.length - trail.length);
  const words = diffWords(removedCore, addedCore, { intlSegmenter: WORD_SEGMENTER, maxEditLength: MAX_WORD_EDITS });
  const core: DiffPart[] = words
    ? words.map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value }))
    : [
        { kind: 'removed', text: removedCore },
        { kind: 'added', text: addedCore },
      ];
  return [{ kind: 'same', text: lead }, ...core, { kind: 'same', text: trail }];
}

/**
 * Drops empty parts, treats whitespace-only additions as unchanged and whitespace-only removals
 * as gone (whitespace is not a word change, and the new text's spacing is the one shown), and
 * merges neighbours of the same kind.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  const tidied: DiffPart[] = [];
  for (const part of parts) {
    const blank = part.text.trim() === '';
    if (part.text === '' || (blank && part.kind === 'removed')) continue;
    const kind = blank ? 'same' : part.kind;
    const previous = tidied.at(-1);
    if (previous?.kind === kind) previous.text += part.text;
    else tidied.push({ kind, text: part.text });
  }
  return tidied;
}

/** Word-like segments (words, numbers); a stretch of punctuation alone counts as one word. */
function countWords(text: string): number {
  let words = 0;
  for (const segment of WORD_SEGMENTER.segment(text)) if (segment.isWordLike) words++;
  return words === 0 && text.trim() !== '' ? 1 : words;
}

/**
 * The changes with each unchanged stretch cut down to `context` words next to a change; what is
 * cut is one `{ kind: 'same', text: '…' }` part. Between two changes far apart the stretch
 * becomes the end of one hunk, "…", a blank line, "…" and the start of the next. Empty when no
 * word changed.
 */
export function renderDiffParts(diff: SnapshotDiff, options: RenderOptions = {}): DiffPart[] {
  const context = Math.max(0, Math.floor(options.context ?? DEFAULT_CONTEXT_WORDS));
  const { changes } = diff;
  if (!changes.some((part) => part.kind !== 'same')) return [];
  const rendered: DiffPart[] = [];
  changes.forEach((part, index) => {
    if (part.kind !== 'same') rendered.push(part);
    else {
      // Same parts never sit side by side, so a same part that is not first follows a change.
      const followsChange = index > 0;
      const precedesChange = index < changes.length - 1;
      rendered.push(...trimUnchanged(part.text, followsChange ? context : null, precedesChange ? context : null));
    }
  });
  return rendered;
}

/**
 * An unchanged stretch with only `headWords` words kept at its start (after a change) and
 * `tailWords` at its end (before a change); null means that side has no change next to it.
 * The whitespace at each cut stays as it was, so a paragraph break there still shows.
 */
function trimUnchanged(text: string, headWords: number | null, tailWords: number | null): DiffPart[] {
  const words = [...text.matchAll(/\S+/g)];
  const kept = (headWords ?? 0) + (tailWords ?? 0);
  if (words.length < kept + MIN_ELIDED_WORDS) return [{ kind: 'same', text }];
  const elision: DiffPart = { kind: 'same', text: ELISION };
  // Up to the first dropped word, and from the end of the last dropped word.
  const head = headWords === null ? null : text.slice(0, words[headWords]!.index);
  const lastDropped = words[words.length - (tailWords ?? 0) - 1]!;
  const tail = tailWords === null ? null : text.slice(lastDropped.index + lastDropped[0].length);
  const parts: DiffPart[] = [];
  if (head !== null) parts.push({ kind: 'same', text: head }, elision);
  if (head !== null && tail !== null) parts.push({ kind: 'same', text: HUNK_BREAK });
  if (tail !== null) parts.push(elision, { kind: 'same', text: tail });
  return parts.filter((part) => part.text !== '');
}

/**
 * A part as wdiff writes it: `[-removed-]`, `{+added+}`, unchanged text as it is. Markers close
 * before a line break and reopen after it, and whitespace at the edges stays outside them, so
 * each line reads (and can be coloured) on its own.
 */
export function markDiffPart(part: DiffPart): string {
  if (part.kind === 'same') return part.text;
  const [open, close] = part.kind === 'added' ? ['{+', '+}'] : ['[-', '-]'];
  return part.text.replace(/[^\n]+/g, (line) => {
    const [, before = '', words = '', after = ''] = /^(\s*)(.*?)(\s*)$/s.exec(line) ?? [];
    return words ? `${before}${open}${words}${close}${after}` : line;
  });
}

/**
 * The diff as plain text for terminals and logs:
 *
 *     Title: "Old title" → "New title"
 *
 *     … words before [-old words-]{+new words+} words after …
 *
 *     … the next change, with its own context …
 *
 *     2 words added, 2 removed
 */
export function renderDiffPlain(diff: SnapshotDiff, options: RenderOptions = {}): string {
  if (diff.identical) return 'No changes to the title or text.';
  const sections: string[] = [];
  if (diff.titleChanged) {
    sections.push(`Title: ${quoteTitle(diff.titleChanged.before)} → ${quoteTitle(diff.titleChanged.after)}`);
  }
  const body = renderDiffParts(diff, options).map(markDiffPart).join('');
  if (body) sections.push(body);
  // Not identical, same title, no word changed: only the spacing of the text did.
  else if (!diff.titleChanged) sections.push('Only spacing or paragraph breaks changed in the text.');
  sections.push(describeStats(diff.stats));
  return sections.join('\n\n');
}

/** "1 word added, 3 removed". */
export function describeStats(stats: SnapshotDiff['stats']): string {
  return `${stats.added} ${stats.added === 1 ? 'word' : 'words'} added, ${stats.removed} removed`;
}

function quoteTitle(title: string | null): string {
  return title === null ? '(no title)' : JSON.stringify(title);
}

function leadingSpace(text: string): string {
  return /^\s*/.exec(text)![0];
}

function trailingSpace(text: string): string {
  // Not /\s*$/: on a long run of inner whitespace that regex backtracks quadratically.
  let start = text.length;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  return text.slice(start);
}

function commonPrefix(a: string, b: string): string {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}

function commonSuffix(a: string, b: string): string {
  let length = 0;
  while (length < a.length && length < b.length && a[a.length - 1 - length] === b[b.length - 1 - length]) length++;
  return a.slice(a.length - length);
}

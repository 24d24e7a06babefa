import { diffWords } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface SnapshotDiff {
  titleChanged: { before: string | null; after: string | null } | null;
  changes: DiffPart[];
  stats: { added: number; removed: number };
  identical: boolean;
}

interface Comparable {
  title: string | null;
  text: string;
}

const ELISION = '…';
// jsdiff's own tokenizer knows only Latin letters; Intl's word segmentation knows every script.
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' });

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * What changed between two snapshots, word by word. jsdiff's diffWords treats punctuation as
 * tokens of its own (so "said," → "said." shows as a one-character change) and whitespace as
 * part of the neighbouring words (so re-wrapped text is not a change).
 */
export function diffSnapshots(before: Comparable, after: Comparable): SnapshotDiff {
  const changes: DiffPart[] = diffWords(before.text, after.text, { intlSegmenter: WORDS }).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
  const stats = { added: 0, removed: 0 };
  for (const part of changes) {
    if (part.kind === 'added') stats.added += countWords(part.text);
    if (part.kind === 'removed') stats.removed += countWords(part.text);
  }
  const titleChanged = (before.title ?? null) !== (after.title ?? null) ? { before: before.title, after: after.title } : null;
  return {
    titleChanged,
    changes,
    stats,
    identical: titleChanged === null && changes.every((part) => part.kind === 'same'),
  };
}

/**
 * The changes with unchanged stretches cut down to `context` words on each side of a change,
 * the rest replaced by "…", so a one-word edit in a long article reads as one short line.
 */
export function renderDiffParts(diff: SnapshotDiff, options: { context?: number } = {}): DiffPart[] {
  const context = options.context ?? 12;
  const parts: DiffPart[] = [];
  diff.changes.forEach((part, index) => {
    if (part.kind !== 'same') {
      parts.push(part);
      return;
    }
    const keepBefore = index === 0 ? 0 : context; // words kept after the previous change
    const keepAfter = index === diff.changes.length - 1 ? 0 : context; // words kept before the next change
    const words = part.text.trim().split(/\s+/);
    if (words.length <= keepBefore + keepAfter) {
      parts.push(part);
      return;
    }
    const head = keepBefore ? `${/^\s/.test(part.text) ? ' ' : ''}${words.slice(0, keepBefore).join(' ')} ` : '';
    const tail = keepAfter ? ` ${words.slice(-keepAfter).join(' ')}${/\s$/.test(part.text) ? ' ' : ''}` : '';
    parts.push({ kind: 'same', text: `${head}${ELISION}${tail}` });
  });
  return parts;
}

/** Plain text for logs: [-removed-] and {+added+} (the wdiff convention), elided context, stats. */
export function renderDiffPlain(diff: SnapshotDiff, options: { context?: number } = {}): string {
  const lines: string[] = [];
  if (diff.titleChanged) {
    lines.push(`Title: ${JSON.stringify(diff.titleChanged.before)} → ${JSON.stringify(diff.titleChanged.after)}`);
  }
  if (diff.identical) return 'no changes';
  if (diff.changes.some((part) => part.kind !== 'same')) {
    lines.push(
      renderDiffParts(diff, options)
        .map((part) => (part.kind === 'added' ? `{+${part.text}+}` : part.kind === 'removed' ? `[-${part.text}-]` : part.text))
        .join(''),
    );
  }
  lines.push(`${diff.stats.added} words added, ${diff.stats.removed} removed`);
  return lines.join('\n');
}

/**
 * Finding quoted stretches in an article's plain text: double quotation marks of every common
 * style (“ ” " « » „ “), nested marks inside them, quotations running over several paragraphs
 * (an opening mark at the start of each, the closing one only at the end), and stray or
 * wrong-direction marks, which never carry a quotation past the end of its paragraph.
 */
import type { Block, Piece, QuoteSpan } from './types.js';

const DOUBLE_MARKS = new Set(['"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb', '\u201f', '\u2033']);

/**
 * The lines of a text made of blocks separated by blank lines, each with the index of its block.
 * A line break inside a block (a <br>) bounds a quotation as a paragraph does.
 */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const separator = /\n([ \t]*\n)*/g;
  let start = 0;
  let index = 0;
  let paragraph = 0;
  const push = (end: number) => {
    if (text.slice(start, end).trim()) blocks.push({ index: index++, paragraph, start, end });
  };
  for (const match of text.matchAll(separator)) {
    push(match.index);
    if (match[0].split('\n').length > 2) paragraph++;
    start = match.index + match[0].length;
  }
  push(text.length);
  return blocks;
}

/** "WALLACE: …" at the start of a paragraph of a transcript: a new speaker's turn. */
export const TURN = /^\s*["\u201c\u201d\u201e\u00ab]?\s*\p{Lu}[\p{Lu}.'’\-]+(?:\s\p{Lu}[\p{Lu}.'’\-]+){0,2}:\s/u;

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** The mark can open: it stands at the start of a word. */
function opensHere(text: string, at: number, block: Block): boolean {
  const before = at > block.start ? text[at - 1] : undefined;
  const after = at + 1 < block.end ? text[at + 1] : undefined;
  if (isSpace(after) || (after !== undefined && /[,.;:!?)\]]/.test(after))) return false;
  return isSpace(before) || /[([{\u2014\u2013\-\/:'‘’\u00a0>*]/.test(before!) || DOUBLE_MARKS.has(before!);
}

/** The mark can close: it stands at the end of a word or after punctuation. */
function closesHere(text: string, at: number, block: Block): boolean {
  const before = at > block.start ? text[at - 1] : undefined;
  const after = at + 1 < block.end ? text[at + 1] : undefined;
  if (isSpace(before)) return false;
  return isSpace(after) || /[,.;:!?)\]\u2014\u2013\-'’…]/.test(after!) || DOUBLE_MARKS.has(after!);
}

type Role = 'open' | 'close' | 'none';

/** Whether a mark opens or closes, given the marks open so far. */
function roleOf(text: string, at: number, block: Block, stack: string[]): Role {
  const mark = text[at]!;
  const opens = opensHere(text, at, block);
  const closes = closesHere(text, at, block);
  const top = stack.at(-1);
  switch (mark) {
    case '\u00ab':
      return 'open';
    case '\u00bb':
      return stack.length ? 'close' : opens && !closes ? 'open' : 'none';
    case '\u201e':
      return 'open';
    case '\u201c':
      // „…“ (German and others), or a wrong-direction closer at the end of a word.
      if (top === '\u201e') return 'close';
      if (stack.length && closes && !opens) return 'close';
      if (opens) return 'open';
      return stack.length ? 'close' : 'open';
    case '\u201d':
    case '\u2033':
      // A wrong-direction opener at the start of a word (”Like this”).
      if (opens && !closes && (!stack.length || top === '\u201d')) return 'open';
      return stack.length ? 'close' : 'none';
    default: // '"' and the rare reversed mark ‟
      if (!stack.length) return opens || !closes ? 'open' : 'none';
      if (closes) return 'close';
      if (opens) return 'open';
      return 'close';
  }
}

/** The first non-space character of a block is an opening double mark. */
function blockOpensWithMark(text: string, block: Block): boolean {
  const first = text.slice(block.start, Math.min(block.end, block.start + 3)).trimStart()[0];
  return first !== undefined && ['"', '\u201c', '\u201e', '\u00ab', '\u201d'].includes(first);
}

function trimmedPiece(text: string, start: number, end: number): Piece | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  // A piece needs a letter or digit to be a quotation at all.
  if (!/[\p{L}\p{N}]/u.test(text.slice(start, end))) return null;
  return { start, end };
}

/**
 * Every double-quoted stretch of the text. A quotation is bounded by its paragraph unless the
 * next paragraph opens with a quotation mark (the multi-paragraph convention).
 */
export function findMarkedQuotes(text: string, blocks: Block[] = blocksOf(text)): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let current: { pieces: Piece[]; paragraph: number; openAt: number; pieceStart: number } | null = null;

  for (const [position, block] of blocks.entries()) {
    const stack: string[] = [];
    let continuing = false;
    if (current) {
      // Carried over from the previous paragraph: this one opens with a mark (checked below).
      continuing = true;
    }
    for (let at = block.start; at < block.end; at++) {
      const mark = text[at]!;
      if (!DOUBLE_MARKS.has(mark)) continue;
      if (continuing && current) {
        // The continuation mark at the start of the paragraph.
        continuing = false;
        stack.push(mark === '\u201d' ? '\u201c' : mark);
        current.pieceStart = at + 1;
        continue;
      }
      const role = roleOf(text, at, block, stack);
      if (role === 'open') {
        if (!stack.length) current = { pieces: [], paragraph: block.index, openAt: at, pieceStart: at + 1 };
        stack.push(mark);
      } else if (!stack.length && !current && mark !== '\u201e' && mark !== '\u00ab' && closesHere(text, at, block) && !spans.some((sp) => sp.closeAt > block.start) &&
        /[,.!?…]/.test(text[at - 1] ?? '') && !DOUBLE_MARKS.has(text.slice(block.start, at).trimStart()[0] ?? '') &&
        /^\s*(?:,?\s*\p{Ll}|[\u2014\u2013-])/u.test(text.slice(at + 1, at + 4)) && !/["\u201c\u201e\u00ab]/.test(text.slice(block.start, at))) {
        // The opening mark is missing at the start of the paragraph: “…,” he said, without the first mark.
        const piece = trimmedPiece(text, block.start, at);
        if (piece) spans.push({ pieces: [piece], paragraph: block.index, openAt: block.start, closeAt: at + 1, origin: 'marks', unclosed: true });
      } else if (role === 'close' && stack.length) {
        stack.pop();
        if (!stack.length && current) {
          const piece = trimmedPiece(text, current.pieceStart, at);
          if (piece) current.pieces.push(piece);
          if (current.pieces.length) {
            spans.push({ pieces: current.pieces, paragraph: current.paragraph, openAt: current.openAt, closeAt: at + 1, origin: 'marks', unclosed: false });
          }
          current = null;
        }
      }
    }
    if (current && stack.length) {
      const piece = trimmedPiece(text, current.pieceStart, block.end);
      if (piece) current.pieces.push(piece);
      const next = blocks[position + 1];
      if (stack.length === 1 && next && blockOpensWithMark(text, next) && current.pieces.length && !TURN.test(text.slice(next.start, next.end))) {
        continue; // the quotation goes on in the next paragraph
      }
      if (current.pieces.length) {
        spans.push({ pieces: current.pieces, paragraph: current.paragraph, openAt: current.openAt, closeAt: block.end, origin: 'marks', unclosed: true });
      }
      current = null;
    } else if (current && continuing) {
      current = null;
    }
  }
  return spans;
}

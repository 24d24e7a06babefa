import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalBlock, terminalLine } from '../../src/cli/terminal-text.js';

/** What must never reach a terminal from page or server text: C0 and C1 controls, DEL, line separators, bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Strings rich in the characters that matter: controls, bidi marks, separators, emoji, anything. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u001b', '\u009b', '\u0007', '\r', '\n', '\t', '\u007f', '\u202e', '\u2066', '\u2028', '\u061c', '\u200d', '[', ']', '\\'),
    fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
  ),
  maxLength: 60,
});
/** Printable text: no character from the unsafe set (emoji and joiners included). */
const printableText = fc.string({ unit: 'grapheme', maxLength: 60 }).filter((text) => !UNSAFE.test(text));
const printableBlock = fc
  .array(printableText, { maxLength: 5 })
  .map((lines) => lines.join('\n'))
  .chain((text) => fc.constantFrom(text, text.replaceAll(' ', '\t')));

describe('terminalLine', () => {
  it('leaves no control, DEL, C1 or bidi character, nor a line break', () => {
    fc.assert(fc.property(hostileText, (text) => !UNSAFE.test(terminalLine(text))), { numRuns: 2000 });
  });
  it('leaves printable text unchanged', () => {
    fc.assert(fc.property(printableText, (text) => terminalLine(text) === text));
  });
  it('is idempotent', () => {
    fc.assert(fc.property(hostileText, (text) => terminalLine(terminalLine(text)) === terminalLine(text)), { numRuns: 2000 });
  });
  it('shows an escape sequence instead of running it', () => {
    expect(terminalLine('HTTP 404 Gone\u001b[2J\u001b]0;owned\u0007\r\nx')).toBe('HTTP 404 Gone\\x1b[2J\\x1b]0;owned\\x07 x');
    expect(terminalLine('abc\u202eevil')).toBe('abc\\u{202e}evil');
  });
});

describe('terminalBlock', () => {
  it('keeps line feeds and tabs, and leaves no other control, DEL, C1 or bidi character', () => {
    fc.assert(fc.property(hostileText, (text) => !UNSAFE_IN_BLOCK.test(terminalBlock(text))), { numRuns: 2000 });
  });
  it('leaves printable text, its lines and tabs unchanged', () => {
    fc.assert(fc.property(printableBlock, (text) => terminalBlock(text) === text));
  });
  it('is idempotent', () => {
    fc.assert(fc.property(hostileText, (text) => terminalBlock(terminalBlock(text)) === terminalBlock(text)), { numRuns: 2000 });
  });
});

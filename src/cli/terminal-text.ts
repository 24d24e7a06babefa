/**
 * Untrusted text (titles, reason phrases, quotations, article text) on its way to a terminal.
 * A page or a server may hide escape sequences (clear the screen, set the window title, plant
 * an OSC 8 hyperlink) or bidi controls (reverse what a line seems to say) in any string; these
 * functions make every such character visible as `\xHH` / `\u{HHHH}` instead. JSON output is
 * exact and never goes through here.
 */

/** C0 controls, DEL, C1 controls, line separators, and the bidi controls that reorder a line. */
const UNSAFE_CHARACTER =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function visible(character: string): string {
  const code = character.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line for a terminal: line breaks and tabs become spaces, every other control is shown as `\xHH`. */
export function terminalLine(text: string): string {
  return text.replace(/[\t\n\r\u2028\u2029]+/g, ' ').replace(UNSAFE_CHARACTER, visible);
}

/** Several lines for a terminal (article text): line breaks and tabs stay, every other control is shown. */
export function terminalBlock(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_CHARACTER, (character) =>
    character === '\n' || character === '\t' ? character : visible(character),
  );
}

/**
 * From attributed spans to the Article's quotations: the pieces of one quotation joined
 * (“A,” X said, “B.”), and quoted words that nobody says (titles, nicknames) left out; and the
 * titles inside a sentence that attribution reads through.
 */
import type { Quote } from '../../article.js';
import type { Attribution } from './clauses.js';
import { CONFIDENCE, REACH } from './confidence.js';
import type { Block, QuoteLanguage, QuoteSpan } from './types.js';

export interface AttributedSpan {
  span: QuoteSpan;
  attribution: Attribution | null;
  partial: boolean;
}

/** A short run of capitalised words with no sentence in it: a title or a nickname. */
export function looksLikeTitle(content: string, language: QuoteLanguage): boolean {
  const words = content.replace(/[.,!?;:]+$/, '').split(/\s+/).filter(Boolean);
  if (!words.length || words.length > REACH.titleMaxWords) return false;
  return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && language.titleSmallWords.has(w.toLowerCase())));
}

/**
 * “Ortiz, the co-author of “Going Viral,” said …”: a short capitalised quotation inside a
 * sentence (after a word or a comma, not opening it) is a title or a name, words of the sentence
 * around it rather than a quotation that ends one clause and starts another.
 */
export function isTitleInSentence(text: string, span: QuoteSpan, language: QuoteLanguage): boolean {
  if (span.origin === 'blockquote' || span.unclosed || span.pieces.length !== 1) return false;
  const piece = span.pieces[0]!;
  if (!looksLikeTitle(text.slice(piece.start, piece.end), language)) return false;
  const lineBefore = text.slice(Math.max(0, span.openAt - REACH.titleLeadChars), span.openAt).split('\n').at(-1)!;
  return /[\p{L}\p{N},]\s*$/u.test(lineBefore);
}

/**
 * The text with title quotations blanked but for a closing comma or stop (offsets kept), so that
 * clause readers read through them: “the co-author of “Going Viral,” about …” reads as an
 * appositive, and no title word is taken for a speaker's name.
 */
export function withoutTitles(text: string, titles: ReadonlySet<QuoteSpan>): string {
  if (!titles.size) return text;
  let out = '';
  let from = 0;
  for (const span of [...titles].sort((a, b) => a.openAt - b.openAt)) {
    const words = text.slice(span.openAt, span.closeAt);
    const kept = /[,.;:!?](?=[^\p{L}\p{N}]*$)/u.exec(words)?.[0] ?? '';
    out += text.slice(from, span.openAt) + ' '.repeat(words.length - kept.length) + kept;
    from = span.closeAt;
  }
  return out + text.slice(from);
}

/** The description the article gives an attribution's speaker, near offset `at`. */
export type RoleOf = (attribution: Attribution | null, at: number) => string | null;

export function joinQuotes(text: string, blocks: Block[], results: AttributedSpan[], language: QuoteLanguage, roleOf: RoleOf): Quote[] {
  const quotes: Quote[] = [];
  let previous: { result: AttributedSpan; quote: Quote } | null = null;
  for (const result of results) {
    const { span, attribution, partial } = result;
    const prevSpan = previous?.result.span;
    const sameBlock = prevSpan && prevSpan.paragraph === span.paragraph && prevSpan.pieces.length === 1;
    const between = prevSpan ? text.slice(prevSpan.closeAt, span.openAt) : '';
    const joins =
      previous &&
      sameBlock &&
      attribution &&
      previous.result.attribution &&
      attribution.speaker === previous.result.attribution.speaker &&
      attribution.mentionStart === previous.result.attribution.mentionStart &&
      between.length < REACH.joinGapChars &&
      // “A,” X sings to Y before asking her, “B?”: a second reporting act introduces B.
      !introducedByParticiple(between, language) &&
      (previous.result.attribution.how === 'after' || attribution.how === 'inherited') &&
      // A guess from who the passage is about says nothing about where the quotation ends.
      attribution.how !== 'salient' &&
      !previous.result.partial &&
      (!partial || /,\s*$/.test(between));
    if (joins && previous) {
      const quote = previous.quote;
      quote.pieces = [...(quote.pieces ?? []), ...span.pieces.map((p) => ({ start: p.start, end: p.end }))];
      quote.end = span.pieces.at(-1)!.end;
      quote.text = quote.pieces.map((p) => cleanQuoteText(text.slice(p.start, p.end))).join(' ');
      continue;
    }
    const quote: Quote = {
      text: span.pieces.map((p) => cleanQuoteText(text.slice(p.start, p.end))).join('\n\n'),
      speaker: attribution?.speaker ?? null,
      speakerMention: attribution?.mention ?? null,
      speakerRole: roleOf(attribution, span.openAt),
      cue: attribution?.cue ?? null,
      ...(attribution?.how === 'salient' ? { speakerGuessed: true } : {}),
      partial,
      paragraph: blocks[span.paragraph]!.paragraph,
      start: span.pieces[0]!.start,
      end: span.pieces.at(-1)!.end,
      pieces: span.pieces.map((p) => ({ start: p.start, end: p.end })),
      confidence: round(attribution ? attribution.confidence : partial ? CONFIDENCE.unattributedPartial : CONFIDENCE.unattributed),
    };
    if (!isQuotation(quote, language)) continue;
    quotes.push(quote);
    previous = { result, quote };
  }
  return quotes;
}

/**
 * Quoted words that nobody is reported to say are not a quotation: a title, a nickname, a
 * single scare-quoted word, or markup that slipped into the text ("pic.twitter.com/…").
 */
function isQuotation(quote: Quote, language: QuoteLanguage): boolean {
  if (quote.speaker || quote.speakerMention) return true;
  const words = quote.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 1 && /[\/@#_]|^\d+$/.test(quote.text)) return false;
  if (!quote.partial) return true;
  return words.length > 1 && !looksLikeTitle(quote.text, language);
}

/** The text between two pieces ends with a participle clause ("…, adding,", "before asking her,"). */
function introducedByParticiple(between: string, language: QuoteLanguage): boolean {
  const words = between.replace(/[\s,:"“”]+$/u, '').split(/[\s,]+/).slice(-2).map((w) => w.toLowerCase());
  return words.some((w) => language.verbs.has(w) && language.participleForm(w));
}

/** A piece's text as printed: whitespace collapsed. */
function cleanQuoteText(piece: string): string {
  return piece.replace(/\s+/g, ' ').trim();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
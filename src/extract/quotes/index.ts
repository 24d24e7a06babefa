/**
 * Quotations and who said them, from an article's plain text (Article.text: blocks separated by
 * blank lines). Pure functions, no DOM: the story's <blockquote> and <q> elements, whose text
 * carries no quotation marks, come as values (QuotedElement) that the pipeline read.
 */
import type { Quote } from '../../article.js';
import { attributeSpans, type SpeakerChoiceObserver } from './attribute.js';
import { blocksOf, findMarkedQuotes } from './find.js';
import type { SpeakerModel } from './candidates.js';
import { findNameMentions, NameBook } from './names.js';
import { english } from './patterns-en.js';
import { russian } from './patterns-ru.js';
import { SPEAKER_MODEL } from './speaker-model.js';
import type { Block, Piece, QuoteLanguage, QuoteSpan } from './types.js';

export type { QuoteLanguage } from './types.js';
export type { SpeakerChoiceObserver, SpeakerChoiceRecord } from './attribute.js';
export { english } from './patterns-en.js';

const LANGUAGES: Record<string, QuoteLanguage> = { en: english, ru: russian };

/** A quotation element of the story, as the pipeline found it (embeds are never among them). */
export type QuotedElement =
  /** A <blockquote> not inside another: its paragraphs' texts (or its whole text), whitespace collapsed. */
  | { kind: 'blockquote'; paragraphs: string[] }
  /** A <q>: its text, whitespace collapsed. */
  | { kind: 'q'; text: string };

export interface FindQuotesOptions {
  /** The story's <blockquote> and <q> elements, in document order. */
  quoted?: QuotedElement[];
  /** The article's language (BCP 47); reporting patterns fall back to English. */
  lang?: string | null;
  /** The fitted speaker choice (default: speaker-model.ts); null gives the cascade's answers alone. */
  speakerModel?: SpeakerModel | null;
  /** Called with what the speaker choice saw for each quotation (fitting the model: bench/fit-speakers.ts). */
  observeSpeakers?: SpeakerChoiceObserver;
}

/** The language whose reporting patterns apply to a BCP 47 tag (English when none fits). */
export function quoteLanguage(lang: string | null | undefined): QuoteLanguage {
  const primary = (lang ?? 'en').toLowerCase().split(/[-_]/)[0]!;
  return LANGUAGES[primary] ?? english;
}

/** The quotations of an article text, in order, each with its speaker when one can be told. */
export function findQuotes(text: string, options: FindQuotesOptions = {}): Quote[] {
  const language = quoteLanguage(options.lang);
  const blocks = blocksOf(text);
  const marked = findMarkedQuotes(text, blocks);
  const unmarked = options.quoted ? unmarkedQuotes(text, blocks, marked, options.quoted) : [];
  const spans = [...marked, ...unmarked].sort((a, b) => a.openAt - b.openAt);
  const book = new NameBook(findNameMentions(text, spans.flatMap((s) => s.pieces), language), language, text);
  const choice = { model: options.speakerModel === undefined ? SPEAKER_MODEL : options.speakerModel, observe: options.observeSpeakers };
  return attributeSpans(text, blocks, spans, book, language, choice);
}

/** <blockquote> and <q> elements, located in the text. */
function unmarkedQuotes(text: string, blocks: Block[], marked: QuoteSpan[], quoted: QuotedElement[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const covered = (start: number, end: number) =>
    [...marked, ...spans].some((s) => s.pieces.some((p) => start < p.end + 1 && end > p.start - 1));
  const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
  let searchFrom = 0;
  for (const element of quoted) {
    if (element.kind === 'blockquote') {
      const parts = element.paragraphs;
      const pieces: Piece[] = [];
      for (const part of parts) {
        const block = blocks.find((b) => b.start >= searchFrom && normalize(text.slice(b.start, b.end)) === part);
        if (!block) break;
        pieces.push({ start: block.start, end: block.end });
        searchFrom = block.end;
      }
      if (!pieces.length || pieces.length !== parts.length || covered(pieces[0]!.start, pieces.at(-1)!.end)) continue;
      // A blockquote that is itself in quotation marks was found already.
      const paragraph = blocks.find((b) => b.start === pieces[0]!.start)!.index;
      spans.push({ pieces, paragraph, openAt: pieces[0]!.start, closeAt: pieces.at(-1)!.end, origin: 'blockquote', unclosed: false });
    } else {
      const quoted = element.text;
      if (!/[\p{L}\p{N}]/u.test(quoted)) continue;
      let at = text.indexOf(quoted, searchFrom);
      if (at < 0) at = text.indexOf(quoted);
      if (at < 0 || covered(at, at + quoted.length)) continue;
      const block = blocks.find((b) => at >= b.start && at < b.end)!;
      spans.push({ pieces: [{ start: at, end: at + quoted.length }], paragraph: block.index, openAt: at, closeAt: at + quoted.length, origin: 'q', unclosed: false });
    }
  }
  return spans;
}

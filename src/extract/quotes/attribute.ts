/**
 * Who said each quotation: an ordered list of named strategies, tried in turn until one finds a
 * speaker — a transcript turn, the reporting clause around the quotation (“…,” X said / X said:
 * “…” / according to X / a dash signature), the speaker of the quotation it continues, the
 * reporting sentence or paragraph that introduces it, and failing those the sentence's subject.
 */
import type { Quote } from '../../article.js';
import { bestCandidate, listCandidates, type SpeakerCandidate, type SpeakerModel } from './candidates.js';
import { Attributor, type Attribution } from './clauses.js';
import { CONFIDENCE, REACH, SPEAKER_CHOICE } from './confidence.js';
import { TURN } from './find.js';
import { isTitleInSentence, joinQuotes, looksLikeTitle, withoutTitles, type AttributedSpan } from './join.js';
import { tokenize, type NameBook, type NameMention } from './names.js';
import { SpeakerResolver } from './resolve.js';
import type { Block, QuoteLanguage, QuoteSpan } from './types.js';

export { looksLikeTitle } from './join.js';

/** What the strategies know about one quotation and its neighbours. */
interface SpanContext {
  text: string;
  blocks: Block[];
  language: QuoteLanguage;
  attributor: Attributor;
  book: NameBook;
  span: QuoteSpan;
  first: QuoteSpan['pieces'][number];
  last: QuoteSpan['pieces'][number];
  startBlock: Block;
  /** The sentence before the quotation, from the previous quotation or the block start. */
  before: { segment: string; base: number; atSentenceStart: boolean };
  /** The sentence after the quotation, up to the next quotation or the block end. */
  after: { segment: string; endsSentence: boolean };
  prevClose: number;
  content: string;
  startsSentence: boolean;
  partial: boolean;
  inline: boolean;
  quoteEndsClause: boolean;
  /** The last quotation that is not an unattributed title. */
  previousResult: AttributedSpan | undefined;
  /** It shares a block with `previousResult`. */
  sameBlock: boolean;
  /** It goes on the sentence of the quotation just before. */
  sameSentence: boolean;
  blockOf: (offset: number) => Block;
  /** Everyone a reporting clause has named as a speaker so far (resolved full names): guesses excluded. */
  statedSpeakers: ReadonlySet<string>;
}

interface Strategy {
  name: string;
  attribute: (c: SpanContext) => Attribution | null;
}

/** The strategies in the order they are tried; the first that finds an attribution wins. */
const STRATEGIES: Strategy[] = [
  { name: 'transcript turn', attribute: transcriptTurn },
  { name: 'reporting clause', attribute: reportingClause },
  { name: 'signature after a blockquote', attribute: blockquoteSignature },
  { name: 'same sentence as the previous quotation', attribute: sameSentenceAsPrevious },
  { name: 'continues the previous speaker', attribute: continuesPreviousSpeaker },
  { name: 'reporting sentence before', attribute: reportingSentenceBefore },
  { name: 'introducing paragraph', attribute: introducingParagraph },
  { name: 'possessive with a noun of speech', attribute: possessiveSource },
  { name: 'subject of the sentence', attribute: sentenceSubject },
  { name: 'salient person nearby', attribute: salientSpeaker },
];

/** A transcript turn inside the quotation: "WALLACE: …". */
function transcriptTurn(c: SpanContext): Attribution | null {
  const turn = TURN.exec(c.text.slice(c.first.start - 1, c.first.end));
  if (!turn) return null;
  const who = turn[0].replace(/^[\s"\u201c\u201d\u201e\u00ab]+|:\s*$/g, '');
  const name = who.replace(/\p{Lu}+/gu, (w) => w[0] + w.slice(1).toLowerCase());
  return { mention: who, mentionStart: c.first.start, speaker: c.book.resolveName(name, c.first.start), cue: ':', how: 'colon', confidence: CONFIDENCE.colonLabel };
}

/** “…,” X said / X said: “…” in the sentence around an inline quotation. */
function reportingClause(c: SpanContext): Attribution | null {
  if (!c.inline) return null;
  // A quotation that ends its sentence ("… the timing.”) is followed by a new sentence, whose
  // subject is not its speaker, unless it goes on in lower case (“… done.” he said).
  const endsSentence = /\.$/.test(c.text.slice(c.last.end - 1, c.last.end)) && !/^[\s,]*(\p{Ll}|[\u2014\u2015\u2013-])/u.test(c.after.segment);
  const immediateAfter = endsSentence ? null : c.attributor.after(c.after.segment, c.span.closeAt, c.span.openAt);
  const nearBefore = c.attributor.before(c.before.segment, c.before.base, c.span.openAt, true);
  // "When Reyes called the plan “a disaster,” Brandt laughed.": the quotation closes a subordinate
  // clause that opens the sentence; that clause's reporting verb speaks, not the main clause after it.
  if (immediateAfter && c.quoteEndsClause && opensWithSubordinator(c)) {
    const inClause = nearBefore ?? c.attributor.before(c.before.segment, c.before.base, c.span.openAt, false);
    if (inClause?.speaker) return inClause;
  }
  if (immediateAfter && (c.quoteEndsClause || !nearBefore)) return immediateAfter;
  // “…” by X, after "has been called": the agent after the quotation, not whoever the sentence opens with.
  const agent = c.attributor.passiveAgentAfter(c.after.segment, c.span.closeAt, c.span.openAt);
  if (agent) return agent;
  if (nearBefore) return nearBefore;
  return immediateAfter ?? c.attributor.before(c.before.segment, c.before.base, c.span.openAt, false);
}

/** The quotation's sentence opens with a subordinator ("When", "While", "Because"; not a preposition) whose clause holds the quotation. */
function opensWithSubordinator(c: SpanContext): boolean {
  const first = /^\s*["“‘(]?(\p{L}+)/u.exec(c.before.segment)?.[1]?.toLowerCase();
  // No comma before the quotation: it is inside that clause ("When asked, “…,” X said" is not).
  return !!first && !/,/.test(c.before.segment) && c.language.clauseOpeners.has(first) && c.language.clauseWords.has(first) && !c.language.timePrepositions.has(first);
}

/** A blockquote or <q>: a signature after it. */
function blockquoteSignature(c: SpanContext): Attribution | null {
  return c.inline ? null : c.attributor.after(c.after.segment, c.span.closeAt, c.span.openAt);
}

/** Voss called Brandt a “pathological liar” who is “utterly amoral,” a “bully” … */
function sameSentenceAsPrevious(c: SpanContext): Attribution | null {
  const previous = c.previousResult?.attribution;
  if (!c.sameSentence || !previous) return null;
  return { ...previous, how: 'inherited', confidence: Math.min(previous.confidence, CONFIDENCE.sameSentence) };
}

/** “A,” he said. “B.” — or a quote-only paragraph right after the speaker's last one. */
function continuesPreviousSpeaker(c: SpanContext): Attribution | null {
  const previous = c.previousResult?.attribution;
  if (!previous) return null;
  const prevBlock = c.blockOf(c.previousResult!.span.pieces.at(-1)!.end);
  // The quotation is the whole paragraph: it opens it ("Bystrom agreed. “…”" is a new speaker's paragraph).
  const opensBlock = c.span.openAt - c.startBlock.start < REACH.paragraphOpenChars;
  const quoteOnlyParagraph = c.startsSentence && opensBlock && prevBlock.index === c.startBlock.index - 1 && c.after.segment.trim() === '';
  // Nothing but punctuation and a conjunction between them: “A,” and “B.”
  const between = /^[\s,;]*(\p{L}*)\s*$/u.exec(c.before.segment)?.[1];
  const joined = c.startsSentence || !c.before.segment.trim() || between === '' || (between !== undefined && c.language.conjunctions.has(between));
  if (!(c.sameBlock && joined) && !quoteOnlyParagraph) return null;
  return { ...previous, how: 'inherited', confidence: Math.min(previous.confidence, c.sameBlock ? CONFIDENCE.sameParagraph : CONFIDENCE.nextParagraph) };
}

/** "…, Duarte said. “The other factor …”": the reporting sentence right before. */
function reportingSentenceBefore(c: SpanContext): Attribution | null {
  if (!c.startsSentence || c.partial || c.before.base <= c.prevClose) return null;
  let end = c.before.base;
  while (end > c.prevClose && /[\s.!?…]/.test(c.text[end - 1]!)) end--;
  const prior = c.attributor.sentenceBefore(c.prevClose, end);
  const found = prior.segment.trim() ? c.attributor.before(prior.segment, prior.base, c.before.base, false) : null;
  return found?.speaker ? { ...found, how: 'intro', confidence: Math.min(found.confidence, CONFIDENCE.reportingSentenceBefore) } : null;
}

/** A paragraph that introduces the quotation: "…, by delivering this message:" / "He said:". */
function introducingParagraph(c: SpanContext): Attribution | null {
  if (!c.startsSentence) return null;
  const prevBlock = c.blocks[c.startBlock.index - 1];
  if (!prevBlock || c.span.openAt - c.startBlock.start >= REACH.paragraphOpenChars) return null;
  if (!/:[-\u2013\u2014]?\s*$/.test(c.text.slice(prevBlock.start, prevBlock.end))) return null;
  const intro = c.attributor.sentenceBefore(prevBlock.start, prevBlock.end);
  const found =
    c.attributor.before(intro.segment.replace(/:[-\u2013\u2014]?\s*$/, ''), intro.base, c.span.openAt, false) ??
    c.attributor.subjects.subjectOf(intro.base, prevBlock.end) ??
    c.attributor.subjects.pronounSubjectOf(intro.base, prevBlock.end);
  return found ? { ...found, how: 'intro', confidence: Math.min(found.confidence, CONFIDENCE.introducingParagraph) } : null;
}

/** "X's pledge to be “…”", "X's “…” promise": the person whose words the sentence names. */
function possessiveSource(c: SpanContext): Attribution | null {
  if (!c.inline) return null;
  const sentence = c.attributor.sentenceBefore(c.startBlock.start, c.span.openAt);
  return c.attributor.subjects.possessiveSource(sentence.base, c.span.openAt, c.after.segment);
}

/** A partial quotation, or one after a colon: the named subject of its sentence. */
function sentenceSubject(c: SpanContext): Attribution | null {
  if (!c.inline || !(c.partial || /[:,]\s*$/.test(c.before.segment))) return null;
  const sentence = c.attributor.sentenceBefore(c.startBlock.start, c.span.openAt);
  return c.attributor.subjects.subjectOf(sentence.base, c.span.openAt) ?? c.attributor.subjects.pronounSubjectOf(sentence.base, c.span.openAt);
}

/**
 * No clause names the speaker: the person the passage is about. The last speaker quoted in this
 * paragraph or the one before, unless someone is named after that quotation; else the first person
 * named in the last sentence there that names one, when the article has already quoted them or
 * calls them he or she (a capitalised run alone may be a place, a product or a headline). Whole
 * quotations only: an unattributed partial one is mostly a scare quote or a title.
 */
function salientSpeaker(c: SpanContext): Attribution | null {
  if (c.partial) return null;
  const reachStart = c.blocks[Math.max(0, c.startBlock.index - REACH.salientBlocksBack)]!.start;
  const isPerson = (m: NameMention) => c.book.isPersonMention(m);
  const last = c.book.mentions.findLast((m) => m.start >= reachStart && m.end <= c.span.openAt && isPerson(m));
  // Of the sentence that names someone last, its first person: the subject, not whom it talks about.
  const sentence = last ? c.attributor.sentenceBefore(Math.max(reachStart, c.blockOf(last.start).start), last.end) : null;
  const named = last && sentence ? (c.book.mentions.find((m) => m.start >= sentence.base && m.end <= last.end && isPerson(m)) ?? last) : undefined;
  const previous = c.previousResult;
  const previousSpeaker =
    previous?.attribution?.speaker && previous.attribution.how !== 'salient' && previous.span.closeAt >= reachStart ? previous.attribution : null;
  if (previousSpeaker && (!named || named.start < previous!.span.closeAt)) {
    return { ...previousSpeaker, cue: null, how: 'salient', confidence: CONFIDENCE.salient };
  }
  if (!named) return null;
  const speaker = c.book.resolveName(named.name, named.start);
  if (!c.statedSpeakers.has(speaker) && c.book.genderOf(speaker) === undefined && !reportsSomething(c, named.end)) return null;
  return { mention: c.text.slice(named.start, named.end), mentionStart: named.start, speaker, cue: null, how: 'salient', confidence: CONFIDENCE.salient };
}

/** A reporting verb follows the name at `end`, perhaps after adverbs ("X said that …", "X also told …"). */
function reportsSomething(c: SpanContext, end: number): boolean {
  const words = c.text.slice(end, end + REACH.salientVerbChars).match(/\p{L}+/gu) ?? [];
  const verb = words.find((word) => !c.language.adverbs.has(word.toLowerCase()));
  return verb !== undefined && c.language.verbs.has(verb.toLowerCase()) && !c.language.weakVerbs.has(verb.toLowerCase());
}

/**
 * “…,” said the base chief / X said that the platform should …: a definite description the article
 * gives no name to refers back to someone already there, so it takes the salient person before it
 * (not one named inside the description itself).
 */
function nameTheDescription(c: SpanContext, attribution: Attribution): Attribution {
  const firstWord = /^\S+/.exec(attribution.mention)?.[0].toLowerCase() ?? '';
  if (!c.language.definiteArticles.has(firstWord)) return attribution;
  // The article gives that role to two people or more: which one is not for a guess to say.
  const resolver = c.attributor.resolver;
  if (resolver.roleHolders(tokenize(attribution.mention, 0, c.language)).length > 1) return attribution;
  const openAt = Math.min(attribution.mentionStart, c.span.openAt);
  const guess = salientSpeaker({ ...c, span: { ...c.span, openAt } });
  if (!guess?.speaker || attribution.mention.includes(guess.mention)) return attribution;
  return { ...attribution, speaker: guess.speaker, confidence: Math.min(attribution.confidence, CONFIDENCE.namedDescription) };
}

/** What the fitted choice saw for one quotation (for fitting it: `npm run fit:speakers`). */
export interface SpeakerChoiceRecord {
  /** The quotation's text, pieces joined by a space. */
  text: string;
  /** The cascade's answer, and whether it stands without a vote. */
  cascade: Attribution | null;
  certain: boolean;
  candidates: SpeakerCandidate[];
  /** The attribution kept. */
  chosen: Attribution | null;
}

export type SpeakerChoiceObserver = (record: SpeakerChoiceRecord) => void;

/** The fitted speaker choice to apply (null: the cascade's answers alone), and who watches it. */
export interface SpeakerChoiceOptions {
  model: SpeakerModel | null;
  observe?: SpeakerChoiceObserver;
}

/** Explicit reporting clauses around the quotation ("…,” X said", "X: …", "according to X"). */
const EXPLICIT: ReadonlySet<Attribution['how']> = new Set(['after', 'before', 'colon', 'according', 'dash']);

/**
 * The cascade's answer, or the candidate the fitted model prefers (candidates.ts). An explicit
 * clause with a name at high confidence, one that gives a body or description as written ("Okafor’s
 * office said"), and a description the article names nobody for ("a spokesman said") stand as
 * they are; a quotation nobody could say (a title or a single word, unattributed) gets nobody.
 * Where no clause names anyone, the choice is among the people the article shows to speak, and
 * a guess (speakerGuessed) when unlikely or when the quotation is partial.
 */
function chooseSpeaker(c: SpanContext, cascade: Attribution | null, { model, observe }: SpeakerChoiceOptions): Attribution | null {
  // A body or a description as written ("Okafor’s office said", "the Pentagon readout"): no name to weigh against others.
  const asWritten = (speaker: string) => !c.book.mentions.some((m) => c.book.resolveMention(m) === speaker);
  const certain =
    cascade !== null &&
    (!cascade.speaker || (EXPLICIT.has(cascade.how) && (cascade.confidence >= SPEAKER_CHOICE.certainConfidence || asWritten(cascade.speaker))));
  const unsaid = !cascade && c.partial && (looksLikeTitle(c.content, c.language) || !/\s/.test(c.content.trim()));
  if ((certain || unsaid || !model) && !observe) return cascade;
  const previousSpeaker = c.previousResult?.attribution?.speaker ?? null;
  const candidates = listCandidates({ ...c, previousSpeaker }, cascade);
  // Where no clause names anyone, only someone the article shows to be a person who speaks: quoted, called he or she, or reporting something.
  const shownSpeaker = (k: SpeakerCandidate) => k.features.person === 1 && (k.features.alreadyQuoted + k.features.gendered + k.features.verbAfterName > 0);
  const eligible = cascade ? candidates : candidates.filter(shownSpeaker);
  const best = certain || unsaid || !model ? null : bestCandidate(eligible, model);
  let chosen = cascade;
  if (best && best.probability >= SPEAKER_CHOICE.minProbability && best.candidate.speaker !== cascade?.speaker) {
    const { candidate, probability } = best;
    // A partial quotation no clause attributes is as often a scare quote as speech: at most a guess.
    const guess = probability < SPEAKER_CHOICE.statedProbability || (!cascade && c.partial);
    chosen = {
      mention: candidate.mention,
      mentionStart: candidate.mentionStart,
      speaker: candidate.speaker,
      cue: null,
      how: guess ? 'salient' : 'scored',
      confidence: guess ? Math.min(probability, CONFIDENCE.salient) : probability,
    };
  }
  observe?.({ text: c.span.pieces.map((p) => c.text.slice(p.start, p.end)).join(' '), cascade, certain: certain || unsaid, candidates, chosen });
  return chosen;
}

/** Attributes every span, then joins split quotations and continuations into one quotation. */
export function attributeSpans(text: string, blocks: Block[], spans: QuoteSpan[], book: NameBook, language: QuoteLanguage, choice: SpeakerChoiceOptions): Quote[] {
  // Parentheticals such as "(R-Utah)" or "(D)" are left out of attribution clauses.
  const parenthetical = new RegExp(`\\([^()"“”«»\\n]{1,${REACH.parentheticalChars}}\\)`, 'g');
  const titles = new Set(spans.filter((span) => isTitleInSentence(text, span, language)));
  const masked = withoutTitles(text.replace(parenthetical, (m) => ' '.repeat(m.length)), titles);
  const resolver = new SpeakerResolver(masked, language, book);
  const attributor = new Attributor(masked, language, resolver);
  const results: AttributedSpan[] = [];
  const statedSpeakers = new Set<string>();
  const blockOf = (offset: number) => blocks.find((b) => offset >= b.start && offset <= b.end)!;

  for (const [i, span] of spans.entries()) {
    const c = spanContext({ text, blocks, language, attributor, book, blockOf, statedSpeakers, titles }, spans, i, results);
    let attribution: Attribution | null = null;
    for (const strategy of STRATEGIES) {
      attribution = strategy.attribute(c);
      if (attribution) break;
    }
    if (attribution && !attribution.speaker) attribution = nameTheDescription(c, attribution);
    attribution = chooseSpeaker(c, attribution, choice);
    // Titles, nicknames and scare quotes are not speech: no speaker rather than a guess.
    if (attribution && c.partial && looksLikeTitle(c.content, language) && attribution.how !== 'after') attribution = null;
    if (attribution?.speaker) resolver.lastSpeakers.push({ speaker: attribution.speaker, at: span.closeAt });
    if (attribution?.speaker && attribution.how !== 'salient') statedSpeakers.add(attribution.speaker);
    results.push({ span, attribution, partial: c.partial });
  }
  giveEarlierPiecesTheirClause(text, blocks, results, language);
  return joinQuotes(text, blocks, results, language, (a, at) => resolver.roles.roleOf(a?.speaker ?? null, a?.mention ?? null, at));
}

/**
 * “The “opt out” movement is about “people telling leaders …,” Voss said.”: a partial quotation
 * nothing attributes (or only a guess) takes the speaker an explicit clause gives the next
 * quotation of its sentence, in its line. Read from the end, so that a run of them all take it.
 */
function giveEarlierPiecesTheirClause(text: string, blocks: Block[], results: AttributedSpan[], language: QuoteLanguage): void {
  for (let i = results.length - 2; i >= 0; i--) {
    const r = results[i]!;
    const next = results[i + 1]!.attribution;
    if (!r.partial || (r.attribution && r.attribution.how !== 'salient') || !next?.speaker) continue;
    if (!(next.how === 'after' || next.how === 'inherited') || next.confidence < SPEAKER_CHOICE.certainConfidence) continue;
    const between = text.slice(r.span.closeAt, results[i + 1]!.span.openAt);
    if (/[.!?…]["”’)]?\s|\n/.test(between) || looksLikeTitle(text.slice(r.span.pieces[0]!.start, r.span.pieces[0]!.end), language)) continue;
    r.attribution = { ...next, how: 'inherited', confidence: Math.min(next.confidence, CONFIDENCE.sameSentence) };
  }
}

type Shared = Pick<SpanContext, 'text' | 'blocks' | 'language' | 'attributor' | 'book' | 'blockOf' | 'statedSpeakers'> & { titles: ReadonlySet<QuoteSpan> };

function spanContext(shared: Shared, spans: QuoteSpan[], i: number, results: AttributedSpan[]): SpanContext {
  const { text, blocks, language, attributor, blockOf, titles } = shared;
  const span = spans[i]!;
  const first = span.pieces[0]!;
  const last = span.pieces.at(-1)!;
  const startBlock = blocks[span.paragraph]!;
  const endBlock = blockOf(last.end);
  // A title inside a sentence is words of it: the sentence around another quotation reads through it.
  const bounds = (s: QuoteSpan | undefined) => s === undefined || titles.has(span) || !titles.has(s);
  let p = i - 1;
  while (!bounds(spans[p])) p--;
  let n = i + 1;
  while (!bounds(spans[n])) n++;
  const previous = spans[p];
  const next = spans[n];
  const prevClose = previous && previous.closeAt > startBlock.start ? previous.closeAt : startBlock.start;
  const nextOpen = next && next.openAt < endBlock.end ? next.openAt : endBlock.end;
  const before = attributor.sentenceBefore(prevClose, span.openAt);
  const after = attributor.sentenceAfter(span.closeAt, nextOpen);
  const content = text.slice(first.start, first.end);
  const introduced = /[,:]\s*$/.test(before.segment) || language.quoteIntroducer.test(before.segment);
  const startsSentence = before.atSentenceStart || (prevClose === startBlock.start && before.segment.trim() === '');
  const capital = /^[\p{Lu}\p{N}…"“'‘(\[]|^\.\.\./u.test(content);
  const inline = span.origin !== 'blockquote';
  const partial = inline && !(capital && (startsSentence || introduced));
  const quoteEndsClause = /[,!?—–-]$/.test(text.slice(last.end - 1, last.end)) || /^[,!?]/.test(text.slice(span.closeAt, span.closeAt + 1));
  const previousResult = results.findLast((r) => !(r.partial && !r.attribution && looksLikeTitle(text.slice(r.span.pieces[0]!.start, r.span.pieces[0]!.end), language)));
  const speech = previousResult?.span;
  const sameBlock = speech !== undefined && blockOf(speech.pieces.at(-1)!.end) === startBlock;
  const previousEndsSentence =
    previous !== undefined && /[.!?…]$/.test(text.slice(previous.pieces.at(-1)!.end - 1, previous.pieces.at(-1)!.end)) && /^\s*\p{Lu}/u.test(before.segment);
  const sameSentence = sameBlock && speech === previous && before.base === prevClose && !previousEndsSentence;
  return {
    ...shared, span, first, last, startBlock, before, after, prevClose, content, startsSentence, partial, inline,
    quoteEndsClause, previousResult, sameBlock, sameSentence,
  };
}

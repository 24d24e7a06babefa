/**
 * The people who may have said a quotation, and a fitted choice among them. The cascade of
 * strategies (attribute.ts) proposes one speaker; this module lists the others the passage
 * offers (everyone named from the paragraph before to the end of the quotation's sentence, and
 * the cascade's own answer), describes each by a few features (distance, side, sentence and
 * paragraph, subject of a reporting verb, already quoted, full name, person or organisation, the
 * strategy that proposed it), and scores them with a conditional logit fitted on quotes-train's
 * study half (speaker-model.ts, refitted by `npm run fit:speakers`).
 */
import type { Attribution } from './clauses.js';
import { logistic } from '../quality/confidence.js';
import { SPEAKER_CHOICE } from './confidence.js';
import type { NameBook, NameMention } from './names.js';
import type { Block, QuoteLanguage, QuoteSpan } from './types.js';

/** The features a candidate is described by, in the order the model file lists them. */
export const SPEAKER_FEATURES = [
  /** The cascade proposed this speaker … */
  'cascade',
  /** … by an explicit reporting clause, a colon label or "according to" around the quotation. */
  'cascadeExplicit',
  /** … by inheriting the previous quotation's speaker, or from an introducing sentence. */
  'cascadeInherited',
  /** … as the subject of the quotation's sentence, or a possessive with a noun of speech. */
  'cascadeSubject',
  /** … as the person the passage is about (no clause names anyone). */
  'cascadeSalient',
  /** The cascade's confidence, when it proposed this speaker. */
  'cascadeConfidence',
  /** The cascade named nobody, or only a description with no name. */
  'cascadeNone',
  /** Characters from the nearest mention to the quotation, log scale. */
  'logDistance',
  /** The nearest mention comes after the quotation. */
  'after',
  /** A mention in the quotation's own sentence (from the quotation before it, when they share one). */
  'sameSentence',
  /** A mention in the quotation's line (paragraph). */
  'sameBlock',
  /** The last person named before the quotation. */
  'mostRecent',
  /** A reporting clause has already made them a speaker in this article. */
  'alreadyQuoted',
  /** The previous quotation's speaker. */
  'previousSpeaker',
  /** The nearest mention is a full name (two words or more). */
  'fullName',
  /** A person, not an organisation or a place. */
  'person',
  /** A reporting verb follows a mention ("X said that …", "X also told …"). */
  'verbAfterName',
  /** A reporting verb right before a mention ("said X"). */
  'verbBeforeName',
  /** A mention opens its sentence (its subject). */
  'opensSentence',
  /** The nearest mention is a possessive ("X's"). */
  'possessive',
  /** How often the article names them, log scale. */
  'logMentions',
  /** The article tells their gender (a title, or he/she after their name). */
  'gendered',
  /** A mention in the quotation's sentence with a reporting verb beside it ("…,” said X", "X said …: “…”"). */
  'reportsInSentence',
  /** A mention opens the quotation's own sentence. */
  'subjectOfSentence',
  /** A lower-case title or role right before a mention ("host X", "professor X"). */
  'roleBefore',
  /** The nearest mention is in capitals only (a headline, an acronym). */
  'capitals',
  /** The person named closest before the quotation, of all the candidates. */
  'closestBefore',
  /** The person named closest after the quotation, of all the candidates. */
  'closestAfter',
  /** A mention is the one spoken to: right after "told" or "asked" ("told Dan O'Hara"). */
  'addressee',
  /** The quotation itself names them (people seldom name themselves). */
  'namedInQuote',
] as const;

export type SpeakerFeature = (typeof SPEAKER_FEATURES)[number];

/**
 * A conditional logit over a quotation's candidates: each scores Σ weight × feature, the highest
 * is chosen. A softmax share is relative (a lone candidate has all of it), so the probability that
 * the choice is right comes from a logistic calibration on the chosen one's score and share.
 */
export interface SpeakerModel {
  weights: Partial<Record<SpeakerFeature, number>>;
  calibration: { bias: number; score: number; share: number };
}

export interface SpeakerCandidate {
  /** The resolved full name (or the cascade's speaker as it gave it). */
  speaker: string;
  /** The mention nearest the quotation, as written, and where it starts. */
  mention: string;
  mentionStart: number;
  features: Record<SpeakerFeature, number>;
}

/** What the candidates are drawn from: the strategies' context for one quotation. */
export interface CandidateContext {
  text: string;
  blocks: Block[];
  language: QuoteLanguage;
  book: NameBook;
  span: QuoteSpan;
  startBlock: Block;
  before: { base: number };
  after: { segment: string };
  statedSpeakers: ReadonlySet<string>;
  previousSpeaker: string | null;
}

const NO_FEATURES = Object.fromEntries(SPEAKER_FEATURES.map((f) => [f, 0])) as Record<SpeakerFeature, number>;


/** How each strategy's answer is described to the model. */
const CASCADE_KIND: Record<Attribution['how'], SpeakerFeature> = {
  after: 'cascadeExplicit',
  before: 'cascadeExplicit',
  colon: 'cascadeExplicit',
  according: 'cascadeExplicit',
  dash: 'cascadeExplicit',
  inherited: 'cascadeInherited',
  intro: 'cascadeInherited',
  subject: 'cascadeSubject',
  salient: 'cascadeSalient',
  scored: 'cascadeSalient',
};

/** Every speaker the passage offers for a quotation, the cascade's answer among them. */
export function listCandidates(c: CandidateContext, cascade: Attribution | null): SpeakerCandidate[] {
  const { text, book, span } = c;
  const windowStart = c.blocks[Math.max(0, c.startBlock.index - SPEAKER_CHOICE.blocksBack)]!.start;
  const sentenceEnd = span.closeAt + c.after.segment.length;
  const sentenceStart = c.before.base;
  const inWindow = book.mentionsWithin(windowStart, sentenceEnd);
  const recent = inWindow.findLast((m) => m.end <= span.openAt && book.isPersonMention(m));
  const recentSpeaker = recent ? book.resolveMention(recent) : null;
  const byName = new Map<string, NameMention[]>();
  for (const m of inWindow) {
    const speaker = book.resolveMention(m);
    byName.set(speaker, [...(byName.get(speaker) ?? []), m]);
  }
  const cascadeSpeaker = cascade?.speaker ?? null;
  if (cascadeSpeaker && !byName.has(cascadeSpeaker)) byName.set(cascadeSpeaker, []);
  const quoteText = span.pieces.map((p) => text.slice(p.start, p.end)).join(' ').toLowerCase();
  const scope: CandidateScope = {
    quoteText,
    sentenceStart,
    sentenceEnd,
    recentSpeaker,
    distanceOf: (m) => (m.end <= span.openAt ? span.openAt - m.end : Math.max(0, m.start - span.closeAt)),
  };
  const candidates: SpeakerCandidate[] = [];
  for (const [speaker, mentions] of byName) {
    const nearest = mentions.reduce<NameMention | undefined>((best, m) => (!best || scope.distanceOf(m) < scope.distanceOf(best) ? m : best), undefined);
    candidates.push({
      speaker,
      mention: nearest ? text.slice(nearest.start, nearest.end) : (cascade?.mention ?? speaker),
      mentionStart: nearest?.start ?? cascade?.mentionStart ?? span.openAt,
      features: candidateFeatures(c, cascade, scope, speaker, mentions, nearest),
    });
  }
  const closest = (side: 0 | 1) =>
    candidates.reduce<SpeakerCandidate | undefined>((best, c) => (c.features.person && c.features.after === side && c.features.logDistance < (best?.features.logDistance ?? Infinity) ? c : best), undefined);
  const before = closest(0);
  const after = closest(1);
  if (before) before.features.closestBefore = 1;
  if (after) after.features.closestAfter = 1;
  return candidates;
}

/** Where the quotation's sentence lies, who was named last before it, and how far a mention is from it. */
interface CandidateScope {
  /** The quotation's text, lower case. */
  quoteText: string;
  sentenceStart: number;
  sentenceEnd: number;
  recentSpeaker: string | null;
  distanceOf: (mention: NameMention) => number;
}

/** One speaker's features (closestBefore and closestAfter are set across all candidates by listCandidates). */
function candidateFeatures(
  c: CandidateContext,
  cascade: Attribution | null,
  scope: CandidateScope,
  speaker: string,
  mentions: NameMention[],
  nearest: NameMention | undefined,
): Record<SpeakerFeature, number> {
  const { text, book, language, span } = c;
  const { sentenceStart, sentenceEnd } = scope;
  const cascadeSpeaker = cascade?.speaker ?? null;
  const isCascade = speaker === cascadeSpeaker;
  const features = { ...NO_FEATURES };
  features.cascade = isCascade ? 1 : 0;
  if (isCascade && cascade) {
    features[CASCADE_KIND[cascade.how]] = 1;
    features.cascadeConfidence = cascade.confidence;
  }
  features.cascadeNone = cascadeSpeaker ? 0 : 1;
  const inQuoteLine = (m: NameMention) => m.start >= c.startBlock.start && m.end <= Math.max(c.startBlock.end, sentenceEnd);
  const inSentence = (m: NameMention) => m.start >= sentenceStart && m.end <= sentenceEnd;
  if (nearest) {
    features.logDistance = Math.log1p(scope.distanceOf(nearest));
    features.after = nearest.start >= span.closeAt ? 1 : 0;
    features.fullName = nearest.tokens.length >= 2 ? 1 : 0;
    features.possessive = /['’]s?$/.test(text.slice(nearest.start, nearest.end)) || /^['’]s?\b/.test(text.slice(nearest.end, nearest.end + 2)) ? 1 : 0;
  } else {
    features.logDistance = Math.log1p(SPEAKER_CHOICE.farChars);
  }
  features.sameSentence = mentions.some(inSentence) ? 1 : 0;
  features.sameBlock = mentions.some(inQuoteLine) ? 1 : 0;
  features.mostRecent = speaker === scope.recentSpeaker ? 1 : 0;
  features.alreadyQuoted = c.statedSpeakers.has(speaker) ? 1 : 0;
  features.previousSpeaker = speaker === c.previousSpeaker ? 1 : 0;
  features.person = mentions.some((m) => book.isPersonMention(m)) || (!mentions.length && isCascade) ? 1 : 0;
  const traits = mentions.map((m) => traitsOf(m, text, language));
  features.verbAfterName = traits.some((t) => t.verbAfter) ? 1 : 0;
  features.verbBeforeName = traits.some((t) => t.verbBefore) ? 1 : 0;
  features.opensSentence = traits.some((t) => t.opensSentence) ? 1 : 0;
  features.logMentions = Math.log1p(book.mentionCount(speaker));
  features.gendered = book.genderOf(speaker) !== undefined ? 1 : 0;
  features.reportsInSentence = mentions.some((m, i) => inSentence(m) && (traits[i]!.verbAfter || traits[i]!.verbBefore)) ? 1 : 0;
  features.subjectOfSentence = mentions.some((m) => inSentence(m) && m.start - sentenceStart < SPEAKER_CHOICE.subjectStartChars) ? 1 : 0;
  features.roleBefore = traits.some((t) => t.roleBefore) ? 1 : 0;
  features.capitals = nearest && !/\p{Ll}/u.test(nearest.name) ? 1 : 0;
  features.addressee = traits.some((t) => t.addressee) ? 1 : 0;
  const surname = speaker.split(/\s+/).at(-1)!.toLowerCase();
  features.namedInQuote = surname.length > 1 && containsWord(scope.quoteText, surname) ? 1 : 0;
  return features;
}

/** `word` occurs in `text` as a whole word. */
function containsWord(text: string, word: string): boolean {
  const letter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (!letter(text[at - 1]) && !letter(text[at + word.length])) return true;
  return false;
}

function speakerScore(candidate: SpeakerCandidate, model: SpeakerModel): number {
  let z = 0;
  for (const name of SPEAKER_FEATURES) z += (model.weights[name] ?? 0) * candidate.features[name];
  return z;
}

export interface SpeakerChoice {
  candidate: SpeakerCandidate;
  /** Its score and its softmax share among the quotation's candidates. */
  score: number;
  share: number;
  /** The calibrated probability that it is the speaker. */
  probability: number;
}

/** The highest-scoring candidate; null when there is none. */
export function bestCandidate(candidates: SpeakerCandidate[], model: SpeakerModel): SpeakerChoice | null {
  if (!candidates.length) return null;
  const scores = candidates.map((c) => speakerScore(c, model));
  const top = Math.max(...scores);
  const total = scores.reduce((sum, z) => sum + Math.exp(z - top), 0);
  const share = 1 / total;
  const { bias, score, share: shareWeight } = model.calibration;
  const probability = logistic(bias + score * top + shareWeight * share);
  return { candidate: candidates[scores.indexOf(top)]!, score: top, share, probability };
}

interface MentionTraits {
  verbAfter: boolean;
  verbBefore: boolean;
  addressee: boolean;
  opensSentence: boolean;
  roleBefore: boolean;
}

/** What the words around a mention say, read once per mention (a mention belongs to one article's text). */
const mentionTraits = new WeakMap<NameMention, MentionTraits>();

function traitsOf(m: NameMention, text: string, language: QuoteLanguage): MentionTraits {
  let traits = mentionTraits.get(m);
  if (!traits) {
    traits = {
      verbAfter: reportingVerbAfter(text, m.end, language),
      ...verbBefore(text, m.start, language),
      opensSentence: opensSentence(text, m.start),
      roleBefore: roleBefore(text, m.start, language),
    };
    mentionTraits.set(m, traits);
  }
  return traits;
}

/** A reporting verb within a few words after `end`, adverbs passed over ("X also said"). */
function reportingVerbAfter(text: string, end: number, language: QuoteLanguage): boolean {
  const words = text.slice(end, end + SPEAKER_CHOICE.verbChars).match(/\p{L}+/gu) ?? [];
  const verb = words.find((word) => !language.adverbs.has(word.toLowerCase()));
  return verb !== undefined && language.verbs.has(verb.toLowerCase()) && !language.weakVerbs.has(verb.toLowerCase());
}

/**
 * The word right before `start`: a reporting verb ("said X", "told X"), and one whose object is
 * the one spoken to ("told X", "asked X"; not across a comma). One look at the words before a mention.
 */
function verbBefore(text: string, start: number, language: QuoteLanguage): { verbBefore: boolean; addressee: boolean } {
  const match = /(\p{L}+)([\s,]*)$/u.exec(text.slice(Math.max(0, start - SPEAKER_CHOICE.verbChars), start));
  const word = match?.[1]?.toLowerCase();
  if (!word) return { verbBefore: false, addressee: false };
  return {
    verbBefore: language.verbs.has(word) && !language.weakVerbs.has(word),
    addressee: language.addresseeVerbs.has(word) && /^\s+$/.test(match![2]!),
  };
}

/** The word right before `start` is a lower-case title or role noun ("host X", "professor X"). */
function roleBefore(text: string, start: number, language: QuoteLanguage): boolean {
  const word = /(\p{Ll}[\p{L}-]*)\s+$/u.exec(text.slice(Math.max(0, start - SPEAKER_CHOICE.verbChars), start))?.[1];
  return word !== undefined && (language.titles.has(word) || language.roleNoun.test(word));
}

function opensSentence(text: string, at: number): boolean {
  return at === 0 || /(^|[.!?…:\n])\s*["“‘(]?$/.test(text.slice(Math.max(0, at - 4), at));
}

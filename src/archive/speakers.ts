/**
 * Speakers across the archive: the quotations' speakers merged into identities. Each article
 * already resolves a surname to the full name it gives; across articles, "Hillary Clinton" and
 * "Hillary Rodham Clinton" are one identity (same first and last name), and a surname alone
 * ("Clinton", "Mrs. Clinton") joins a full name only when exactly one full name in the archive
 * fits it — its gender, when the article tells it (Mrs., she), narrowing the choice. Pure.
 */

/** The words of a language the merge needs (patterns-en.ts supplies them). */
export interface SpeakerWords {
  titles: Set<string>;
  honorifics: Set<string>;
  maleTitles: Set<string>;
  femaleTitles: Set<string>;
  nameSuffixes: Set<string>;
  genderedPronouns: Map<string, 'm' | 'f'>;
}

/** One quotation's speaker, as an article gives it. */
export interface SpeakerOccurrence {
  speaker: string;
  /** The words the article used at the quotation ("Mrs. Clinton", "she"). */
  mention: string | null;
  /** The article (page key): a surname is read with the rest of its article. */
  article: string;
}

export interface SpeakerIdentity {
  /** The fullest name it goes by, the most frequent one among equals. */
  name: string;
  /** Every form it appears under (speakers, and names as mentioned): `name` first, then the most used. */
  names: string[];
  quotations: number;
  articles: number;
}

type Gender = 'm' | 'f';

interface Identity {
  key: string;
  forms: Map<string, number>;
  occurrences: SpeakerOccurrence[];
  votes: { m: number; f: number };
}

/** Lower case, accents removed, words only. */
export function foldedWords(name: string): string[] {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export class SpeakerDirectory {
  private readonly byOccurrence = new Map<SpeakerOccurrence, Identity>();
  private readonly identities: Identity[] = [];

  constructor(occurrences: readonly SpeakerOccurrence[], private readonly words: SpeakerWords) {
    const full = new Map<string, Identity>();
    const single: SpeakerOccurrence[] = [];
    for (const occurrence of occurrences) {
      const core = this.core(occurrence.speaker);
      if (!core.length) continue;
      if (core.length === 1) {
        single.push(occurrence);
        continue;
      }
      const key = `${core[0]} ${core.at(-1)}`;
      if (!full.has(key)) full.set(key, this.newIdentity(key));
      this.add(full.get(key)!, occurrence);
    }
    const surnames = new Map<string, Identity>();
    for (const occurrence of single) {
      const surname = this.core(occurrence.speaker)[0]!;
      const target = this.fullNameFor(surname, occurrence, single, [...full.values()]);
      const identity = target ?? surnames.get(surname) ?? this.newIdentity(surname);
      if (!target) surnames.set(surname, identity);
      this.add(identity, occurrence);
    }
    this.identities.push(...full.values(), ...surnames.values());
  }

  /** The identity an occurrence was merged into. */
  identityOf(occurrence: SpeakerOccurrence): SpeakerIdentity | undefined {
    const identity = this.byOccurrence.get(occurrence);
    return identity ? this.describe(identity) : undefined;
  }

  /** Every identity, most quoted first. */
  list(keep: (occurrence: SpeakerOccurrence) => boolean = () => true): SpeakerIdentity[] {
    return this.identities
      .map((identity) => this.describe(identity, keep))
      .filter((identity) => identity.quotations > 0)
      .sort((a, b) => b.quotations - a.quotations || b.articles - a.articles || a.name.localeCompare(b.name));
  }

  /**
   * The identities a name asked for stands for: those with a form that has every word of it
   * (case and accents ignored), so "Clinton" finds both Clintons and "Hillary Clinton" one.
   */
  matching(asked: string): Set<string> {
    const wanted = foldedWords(asked);
    const keys = new Set<string>();
    if (!wanted.length) return keys;
    for (const identity of this.identities) {
      const hit = [...identity.forms.keys()].some((form) => {
        const have = new Set(foldedWords(form));
        return wanted.every((w) => have.has(w));
      });
      if (hit) keys.add(identity.key);
    }
    return keys;
  }

  /** The key `matching` returns for an occurrence's identity. */
  keyOf(occurrence: SpeakerOccurrence): string | undefined {
    return this.byOccurrence.get(occurrence)?.key;
  }

  /** The name without titles or honorifics at the front and generational suffixes at the end. */
  private core(name: string): string[] {
    const words = foldedWords(name);
    let from = 0;
    while (from < words.length - 1 && (this.words.titles.has(words[from]!) || this.words.honorifics.has(words[from]!))) from++;
    let to = words.length;
    while (to > from + 1 && this.words.nameSuffixes.has(words[to - 1]!)) to--;
    return words.slice(from, to);
  }

  /** The one full name a surname can stand for, or undefined when none or several fit. */
  private fullNameFor(surname: string, occurrence: SpeakerOccurrence, single: SpeakerOccurrence[], full: Identity[]): Identity | undefined {
    const sameArticle = (o: SpeakerOccurrence) => o.article === occurrence.article;
    // A full name of the same article that ends in it: the article's own resolution.
    const inArticle = full.filter((f) => f.key.endsWith(` ${surname}`) && f.occurrences.some(sameArticle));
    if (inArticle.length === 1) return inArticle[0];
    const gender = this.genderOf(single.filter((o) => sameArticle(o) && this.core(o.speaker)[0] === surname));
    const fits = full.filter((f) => f.key.endsWith(` ${surname}`) && (!gender || !this.identityGender(f) || this.identityGender(f) === gender));
    return fits.length === 1 ? fits[0] : undefined;
  }

  /** The gender an article's mentions give (Mrs. Clinton, she), when they agree. */
  private genderOf(occurrences: SpeakerOccurrence[]): Gender | undefined {
    const votes = { m: 0, f: 0 };
    for (const o of occurrences) {
      const gender = this.mentionGender(o.mention);
      if (gender) votes[gender]++;
    }
    if (votes.m && !votes.f) return 'm';
    if (votes.f && !votes.m) return 'f';
    return undefined;
  }

  private mentionGender(mention: string | null): Gender | undefined {
    const first = foldedWords(mention ?? '')[0];
    if (!first) return undefined;
    if (this.words.maleTitles.has(first)) return 'm';
    if (this.words.femaleTitles.has(first)) return 'f';
    return this.words.genderedPronouns.get(first);
  }

  private identityGender(identity: Identity): Gender | undefined {
    const { m, f } = identity.votes;
    if (m > f) return 'm';
    if (f > m) return 'f';
    return undefined;
  }

  private newIdentity(key: string): Identity {
    return { key, forms: new Map(), occurrences: [], votes: { m: 0, f: 0 } };
  }

  private add(identity: Identity, occurrence: SpeakerOccurrence): void {
    identity.occurrences.push(occurrence);
    identity.forms.set(occurrence.speaker, (identity.forms.get(occurrence.speaker) ?? 0) + 1);
    const mention = occurrence.mention?.trim();
    // "Mrs. Clinton" is a form it appears under; "she" and "the senator" are not names.
    if (mention && mention !== occurrence.speaker && /\p{Lu}/u.test(mention) && foldedWords(mention).some((w) => this.core(occurrence.speaker).includes(w))) {
      identity.forms.set(mention, (identity.forms.get(mention) ?? 0) + 1);
    }
    const gender = this.mentionGender(occurrence.mention);
    if (gender) identity.votes[gender]++;
    this.byOccurrence.set(occurrence, identity);
  }

  private describe(identity: Identity, keep: (occurrence: SpeakerOccurrence) => boolean = () => true): SpeakerIdentity {
    const kept = identity.occurrences.filter(keep);
    const byUse = [...identity.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form);
    // The fullest speaker form (most words), then the most used; the other forms after it.
    const speakers = new Set(identity.occurrences.map((o) => o.speaker));
    const name = byUse.filter((n) => speakers.has(n)).sort((a, b) => foldedWords(b).length - foldedWords(a).length || byUse.indexOf(a) - byUse.indexOf(b))[0] ?? byUse[0]!;
    const names = [name, ...byUse.filter((n) => n !== name)];
    return { name, names, quotations: kept.length, articles: new Set(kept.map((o) => o.article)).size };
  }
}

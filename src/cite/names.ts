/**
 * An author as a citation needs it: a person split into family and given names (with the
 * particles "de", "van der", … and suffixes "Jr.", "III" kept apart), or an organisation as
 * one literal name, never inverted ("Reuters Staff", not "Staff, R.").
 */

/** A CSL-JSON name. */
export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

/** Words that make a byline an organisation (a newsroom, a wire, a desk), not a person. */
const ORGANISATION_WORDS = new Set(
  [
    'staff', 'press', 'agency', 'agencies', 'news', 'newsroom', 'desk', 'team', 'editors', 'editorial',
    'board', 'service', 'services', 'wire', 'wires', 'media', 'group', 'bureau', 'correspondents',
    'reporters', 'association', 'institute', 'foundation', 'council', 'ministry', 'department',
    'office', 'inc', 'inc.', 'ltd', 'ltd.', 'llc', 'corporation', 'company', 'university', 'committee',
    'network', 'radio', 'television', 'tv', 'online', 'digital', 'magazine',
    'journal', 'herald', 'gazette', 'tribune', 'daily', 'weekly', 'contributors', 'writers',
  ],
);

/** Lower-case words that belong to the family name ("Ludwig van Beethoven", "Jean-Luc de La Fontaine"). */
const PARTICLES = new Set([
  'de', 'del', 'della', 'der', 'den', 'des', 'di', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'van', 'von',
  'ten', 'ter', 'te', 'zu', 'bin', 'ibn', 'al', 'el', 'y', 'af', 'av', 'op', "d'", "l'",
]);

const SUFFIXES = /^(?:jr\.?|sr\.?|ii|iii|iv|v|phd|ph\.d\.|md|esq\.?)$/i;

/** Whether a byline names an organisation rather than a person. */
export function isOrganisationName(name: string, knownOrganisations: ReadonlySet<string> = new Set()): boolean {
  if (knownOrganisations.has(name)) return true;
  const words = name.split(/\s+/).filter(Boolean);
  // One word ("Reuters", "AFP") cannot be split into family and given names.
  if (words.length < 2) return true;
  if (/[&@\d]/.test(name)) return true;
  return words.some((word) => ORGANISATION_WORDS.has(word.toLowerCase().replace(/[,.;:]+$/, '')));
}

/** Splits one author's name for a citation; `knownOrganisations` are names the page itself types as organisations. */
export function citationName(raw: string, knownOrganisations: ReadonlySet<string> = new Set()): CslName {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (isOrganisationName(name, knownOrganisations)) return { literal: name };
  // "Family, Given" as some pages write it.
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma && !SUFFIXES.test(comma[2]!.trim())) return personName(`${comma[2]!} ${comma[1]!}`.split(' '));
  return personName(name.split(' '));
}

function personName(words: string[]): CslName {
  const parts = [...words];
  let suffix: string | undefined;
  const last = parts.at(-1)!.replace(/^,/, '');
  // "Smith, Jr.": a family name and its suffix, no given name.
  if (parts.length === 2 && SUFFIXES.test(last)) return { family: parts[0]!.replace(/,$/, ''), suffix: last };
  if (parts.length > 2 && SUFFIXES.test(last)) {
    suffix = last;
    parts.pop();
    parts[parts.length - 1] = parts.at(-1)!.replace(/,$/, '');
  }
  // The first lower-case particle after the given names starts the family name.
  const particleAt = parts.findIndex((word, index) => index > 0 && index < parts.length - 1 && PARTICLES.has(word));
  let given: string[];
  let particle: string[] = [];
  let family: string[];
  if (particleAt > 0) {
    given = parts.slice(0, particleAt);
    let end = particleAt;
    while (end < parts.length - 1 && PARTICLES.has(parts[end]!)) end++;
    particle = parts.slice(particleAt, end);
    family = parts.slice(end);
  } else {
    // A capitalised particle ("Maria De Souza", "Anna Van Dyke") stays part of the family name.
    let start = parts.length - 1;
    while (start > 1 && PARTICLES.has(parts[start - 1]!.toLowerCase())) start--;
    given = parts.slice(0, start);
    family = parts.slice(start);
  }
  const result: CslName = { family: family.join(' '), given: given.join(' ') };
  if (particle.length) result['non-dropping-particle'] = particle.join(' ');
  if (suffix) result.suffix = suffix;
  return result;
}

/**
 * CSL items written out in a citation format, all through citation-js 0.7: BibTeX and BibLaTeX
 * (plugin-bibtex), RIS (plugin-ris), CSL-JSON, and formatted references through citeproc
 * (plugin-csl) with the APA style it ships and the Chicago and MLA styles in `styles/`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { Transform } from 'unicode2latex';
import { packageRoot } from '../version.js';
import type { CslItem } from './csl.js';

import type { CitationFormat } from './formats.js';

/** The citeproc styles: APA ships with plugin-csl; Chicago and MLA are CSL files of the CSL project (CC BY-SA 3.0) in styles/. */
const STYLE_FILES: Partial<Record<CitationFormat, string>> = {
  chicago: 'chicago-author-date.csl',
  mla: 'modern-language-association.csl',
};
/** The locale citeproc formats references in (month names, "Retrieved", "Accessed"). */
const STYLE_LOCALE = 'en-US';

/**
 * BibTeX text fields are written by citation-js, but with its `asciiOnly` escaping off: that
 * escaping drops every character it has no LaTeX macro for, so a title in Cyrillic, Arabic or
 * Chinese came out empty (citation-js issue 177). Instead the text is given to citation-js
 * already made LaTeX-safe by unicode2latex (the map Better BibTeX uses) in its minimal mode,
 * which escapes LaTeX's special characters and keeps every other character as UTF-8, as
 * biber and modern BibTeX read it. URLs stay verbatim.
 */
const latex = new Transform('minimal');
const BIBTEX_TEXT_FIELDS = ['title', 'container-title', 'note', 'publisher'] as const;

let configured = false;
function configure(): void {
  if (configured) return;
  const bibtex = plugins.config.get('@bibtex');
  bibtex.format.useIdAsLabel = true;
  bibtex.format.asciiOnly = false;
  const templates = plugins.config.get('@csl').templates;
  for (const [name, file] of Object.entries(STYLE_FILES)) {
    if (!templates.has(name)) templates.add(name, readStyle(file));
  }
  configured = true;
}

function readStyle(file: string): string {
  const root = packageRoot();
  if (!root) throw new Error(`cannot find clipfile's styles folder for ${file}`);
  return readFileSync(join(root, 'styles', file), 'utf8');
}

/** The items in one format, as text ending in a newline. */
export function formatCitations(items: readonly CslItem[], format: CitationFormat): string {
  configure();
  switch (format) {
    case 'csl-json':
      return `${new Cite(items).format('data', { format: 'text' }).trim()}\n`;
    case 'bibtex':
    case 'biblatex':
      return `${new Cite(items.map((item) => bibtexReady(item, format))).format(format).trim()}\n`;
    case 'ris':
      return `${withNewspaperAuthors(unwrapRisLines(new Cite(items.map(risReady)).format('ris').trim()), items)}\n`;
    default:
      return `${new Cite(items.map(citeprocReady))
        .format('bibliography', { template: format, format: 'text', lang: STYLE_LOCALE })
        .trim()}\n`;
  }
}

/**
 * The item for citation-js's BibTeX writer: text made LaTeX-safe (see `latex`); for plain
 * BibTeX, which has no field for it, the access date in the note, and the site as publisher
 * (else the writer copies the URL, unescaped, into `howpublished`).
 */
function bibtexReady(item: CslItem, format: 'bibtex' | 'biblatex'): Record<string, unknown> {
  const ready: Record<string, unknown> = { ...withoutArchive(item) };
  if (format === 'bibtex') {
    ready['note'] = `Accessed ${isoDay(item.accessed)}. ${item.note}`;
    if (item['container-title']) ready['publisher'] = item['container-title'];
  }
  for (const field of BIBTEX_TEXT_FIELDS) {
    const value = ready[field];
    if (typeof value === 'string') ready[field] = latex.tolatex(value);
  }
  // TeX sets "--" as an en dash: the snapshot path in the note ("…--c65795c9e7/…") must stay two hyphens.
  if (typeof ready['note'] === 'string') ready['note'] = ready['note'].replaceAll('--', '-{}-');
  if (item.author) ready['author'] = item.author.map((name) => Object.fromEntries(Object.entries(name).map(([k, v]) => [k, latex.tolatex(v)])));
  return ready;
}

/** RIS IDs are at most this long (citation-js cuts longer ones). */
const RIS_ID_LENGTH = 20;

/**
 * The item for citation-js's RIS writer. RIS has no archive fields (the note carries the
 * archived copy) and no name particles (folded into the family name, "de La Fontaine, Jean-Luc");
 * the ID, cut at 20 characters, is made of the page key (and the snapshot's time).
 */
function risReady(item: CslItem, index: number, items: readonly CslItem[]): Record<string, unknown> {
  const ready: Record<string, unknown> = { ...withoutArchive(item) };
  const authors = item.author?.map(({ 'non-dropping-particle': particle, ...name }) =>
    particle && name.family ? { ...name, family: `${particle} ${name.family}` } : name,
  );
  if (authors) ready['author'] = authors;
  ready['id'] = risIdOf(item, index, items);
  // A line break inside a value would end its tag.
  for (const [field, value] of Object.entries(ready)) {
    if (typeof value === 'string') ready[field] = value.replace(/\s+/g, ' ').trim();
  }
  return ready;
}

/** The page key, with the snapshot's time when the citation key carries one, cut to RIS's length. */
function risIdOf(item: CslItem, index: number, items: readonly CslItem[]): string {
  const [, key = item.id, snapshot = ''] = /([0-9a-f]{10})(?:_(\d+))?$/.exec(item.id) ?? [];
  const id = `${key}${snapshot.slice(2)}`.slice(0, RIS_ID_LENGTH);
  // Two snapshots of a page taken in the same minute would share an ID: number the later ones.
  const earlier = items.slice(0, index).filter((other) => risIdOf(other, 0, []) === id).length;
  return earlier ? `${id.slice(0, RIS_ID_LENGTH - String(earlier).length)}${earlier}` : id;
}

/** citeproc prints `archive` fields in some styles; the archived copy is in the note for those who want it. */
function citeprocReady(item: CslItem): Record<string, unknown> {
  const { note: _note, ...rest } = withoutArchive(item);
  return rest;
}

function withoutArchive(item: CslItem): Omit<CslItem, 'archive' | 'archive_location'> {
  const { archive: _archive, archive_location: _location, ...rest } = item;
  return rest;
}

function isoDay(date: CslItem['accessed']): string {
  const [year, month, day] = date['date-parts'][0]!;
  return [year, month, day].filter((part) => part !== undefined).map((part, index) => String(part).padStart(index ? 2 : 4, '0')).join('-');
}

/**
 * citation-js 0.7 writes a NEWS record without its authors and with the year alone (its RIS
 * specification maps a newspaper's AU to a CSL "reporter" it never writes, and DA not at all):
 * those lines are added after the record's TY line, in the forms citation-js writes for every
 * other type (`AU  - Family, Given`, a literal name as is; `DA  - YYYY/MM/DD/`). RIS needs no
 * escaping; a line break inside a name would end the tag, so whitespace is collapsed.
 */
function withNewspaperAuthors(ris: string, items: readonly CslItem[]): string {
  const records = ris.split(/(?=^TY {2}- )/m);
  return records
    .map((record, index) => {
      const item = items[index];
      if (!item || item.type !== 'article-newspaper') return record;
      const lines = (item.author ?? []).map((name) => `AU  - ${risName(name)}`);
      const day = item.issued?.['date-parts'][0];
      if (day) lines.push(`DA  - ${day.map((part) => String(part).padStart(2, '0')).join('/')}/`);
      return record.replace(/^(TY {2}- .*)$/m, (typeLine) => [typeLine, ...lines].join('\n'));
    })
    .join('');
}

function risName(name: NonNullable<CslItem['author']>[number]): string {
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const text = family ? [family, name.given, name.suffix].filter(Boolean).join(', ') : (name.literal ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

/** A RIS tag line: two capitals or digits, two spaces, a hyphen. */
const RIS_TAG_LINE = /^[A-Z][A-Z0-9] {2}-( |$)/;

/**
 * citation-js breaks every value after 70 characters (a URL or the archived copy's path
 * included); RIS readers such as Zotero join such lines, others reject them. The values have
 * no line breaks of their own (see risReady), so each line that is not a tag line is joined
 * back to the one before.
 */
function unwrapRisLines(ris: string): string {
  return ris
    .split('\n')
    .reduce<string[]>((lines, line) => {
      if (lines.length && !RIS_TAG_LINE.test(line)) lines[lines.length - 1] += line;
      else lines.push(line);
      return lines;
    }, [])
    .join('\n');
}

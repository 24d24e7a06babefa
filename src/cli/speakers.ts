import { Command, InvalidArgumentError } from 'commander';
import type { QuoteRow, SpeakerQuoteRow } from '../archive/index-db.js';
import { SpeakerDirectory, type SpeakerOccurrence } from '../archive/speakers.js';
import { english } from '../extract/quotes/patterns-en.js';
import { addArchiveOption, type ArchiveFlags } from './archive-root.js';
import { withArchive } from './browse.js';
import { ExitCode } from './exit-codes.js';
import { terminalLine } from './terminal-text.js';

interface SpeakersFlags extends ArchiveFlags {
  json?: boolean;
  site?: string;
  since?: string;
  color: boolean;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  return value;
}

/** The quotations of an archive with their merged speakers. */
export interface MergedSpeakers {
  directory: SpeakerDirectory;
  /** Each row with its occurrence, in the index's order (newest article first). */
  rows: { row: SpeakerQuoteRow; occurrence: SpeakerOccurrence }[];
}

/** Merges the speakers of the given quotation rows into identities (see archive/speakers.ts). */
export function mergeSpeakers(rows: SpeakerQuoteRow[]): MergedSpeakers {
  const pairs = rows.map((row) => ({ row, occurrence: { speaker: row.speaker!, mention: row.speakerMention, article: row.key } }));
  return { directory: new SpeakerDirectory(pairs.map((p) => p.occurrence), english), rows: pairs };
}

/** The rows whose speaker is one of the identities `asked` names ("Hillary Clinton" → every form of her). */
export function rowsOfSpeaker(merged: MergedSpeakers, asked: string): QuoteRow[] {
  const keys = merged.directory.matching(asked);
  return merged.rows.filter((p) => keys.has(merged.directory.keyOf(p.occurrence) ?? '')).map((p) => p.row);
}

/** A host is the site asked for or one of its subdomains ("www.example.org" for "example.org"). */
function onSite(host: string, site: string): boolean {
  const h = host.toLowerCase();
  const s = site.toLowerCase().replace(/^www\./, '');
  return h === s || h.endsWith(`.${s}`);
}

/** `clipfile speakers`: everyone quoted in the archive, merged across articles. */
export function speakersCommand(): Command {
  const command = new Command('speakers')
    .description('everyone quoted in the archive, with the number of quotations and articles and the names each appears under ("Clinton", "Mrs. Clinton" and "Hillary Clinton" are one speaker when no other Clinton fits)')
    .option('--json', 'one JSON object per line: {name, names, quotations, articles}')
    .option('--site <site>', 'only quotations from pages of this site (its subdomains included)')
    .option('--since <date>', 'only quotations from articles published (or archived) on or after this date, YYYY-MM-DD', isoDate)
    .option('--no-color', 'no colour in messages');
  addArchiveOption(command);
  command.action(async (flags: SpeakersFlags) => {
    process.exitCode = await withArchive(flags, (archive, reporter) => {
      // Merged over the whole archive (a surname is ambiguous or not there), counted over the filter.
      const merged = mergeSpeakers(archive.index().quotesWithSpeakers());
      const wanted = new Set(
        merged.rows
          .filter(({ row }) => (!flags.site || onSite(row.host, flags.site)) && (!flags.since || (row.publishedTime ?? row.fetchedAt).slice(0, 10) >= flags.since))
          .map((p) => p.occurrence),
      );
      const identities = merged.directory.list((o) => wanted.has(o));
      for (const identity of identities) {
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(identity)}\n`);
        } else {
          const counts = `${identity.quotations} quotation${identity.quotations === 1 ? '' : 's'} in ${identity.articles} article${identity.articles === 1 ? '' : 's'}`;
          const forms = identity.names.length > 1 ? `  (as ${identity.names.join(', ')})` : '';
          process.stdout.write(`${terminalLine(identity.name)}  ${counts}${terminalLine(forms)}\n`);
        }
      }
      if (!flags.json && identities.length === 0) reporter.info('no quoted speakers in the archive' + (flags.site || flags.since ? ' for that filter' : ''));
      return ExitCode.ok;
    });
  });
  return command;
}

/** Registers `speakers` on the program. */
export function registerSpeakersCommand(program: Command): Command {
  return program.addCommand(speakersCommand());
}

import { Command } from 'commander';
import type { Quote } from '../article.js';
import type { IndexDatabase, QuoteRow } from '../archive/index-db.js';
import { mergeSpeakers, rowsOfSpeaker } from './speakers.js';
import { ExitCode } from './exit-codes.js';
import { addArchiveOption, type ArchiveFlags } from './archive-root.js';
import { withArchive } from './browse.js';
import { addFetchOptions, checkUrlNamesOneSource, fetchOptionsFrom, type FetchFlags } from './fetch-options.js';
import { errorCode, Reporter } from './reporter.js';
import { terminalBlock, terminalLine } from './terminal-text.js';
import { positiveInteger } from './fetch-options.js';

interface QuotesFlags extends FetchFlags, ArchiveFlags {
  speaker?: string;
  json?: boolean;
  csv?: boolean;
  allSnapshots?: boolean;
  limit?: number;
  color: boolean;
}

/** `clipfile quotes`: an article's quotations, or one speaker's across the archive. */
export function quotesCommand(): Command {
  const command = new Command('quotes')
    .description(
      "the quotations of a web page, file or stdin (\"-\"), speaker first; or, with --speaker and no source, one speaker's quotations across the archive, newest first",
    )
    .argument('[sources...]', 'http(s) URLs, HTML files, or - for stdin')
    .option('-s, --speaker <name>', 'only quotations by this speaker (every word must match; case and accents ignored)')
    .option('--json', 'one JSON object per line, for scripts')
    .option('--csv', 'CSV with a header row, for spreadsheets')
    .option('--all-snapshots', 'with --speaker over the archive: every snapshot, not only the latest of each page')
    .option('-n, --limit <n>', 'with --speaker over the archive: at most this many quotations', positiveInteger)
    .option('--no-color', 'no colour in messages');
  addArchiveOption(command);
  addFetchOptions(command);
  command.action(async (sources: string[], flags: QuotesFlags) => {
    const reporter = new Reporter(process.stderr, { color: flags.color });
    if (flags.json && flags.csv) {
      reporter.error('quotes', '--json and --csv cannot be used together');
      process.exitCode = ExitCode.usage;
      return;
    }
    checkUrlNamesOneSource(command, sources.length, flags);
    if (sources.length > 0) {
      process.exitCode = await quotesOfSources(sources, flags, reporter);
    } else if (flags.speaker !== undefined) {
      process.exitCode = await quotesInArchive(flags.speaker, flags, reporter);
    } else {
      reporter.error('quotes', 'name a source (URL, file or -) or a speaker (--speaker NAME)');
      process.exitCode = ExitCode.usage;
    }
  });
  return command;
}

/** Registers `quotes` on the program. */
export function registerQuotesCommand(program: Command): Command {
  return program.addCommand(quotesCommand());
}

/** Speaker-name matching the same way the index does: every word, case and accents ignored. */
function speakerMatches(quote: Quote, wanted: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = new Set(`${quote.speaker ?? ''} ${quote.speakerMention ?? ''}`.split(/[^\p{L}\p{N}_]+/u).map(fold));
  const asked = wanted.split(/[^\p{L}\p{N}_]+/u).filter(Boolean).map(fold);
  return asked.length > 0 && asked.every((w) => words.has(w));
}

async function quotesOfSources(sources: string[], flags: QuotesFlags, reporter: Reporter): Promise<number> {
  const [{ readPage }, { csvRows }] = await Promise.all([import('../pipeline.js'), import('./csv.js')]);
  const fetchOptions = fetchOptionsFrom(flags);
  let failures = 0;
  let wroteHeader = false;
  for (const [position, source] of sources.entries()) {
    try {
      const { article } = await readPage(source, fetchOptions);
      const quotes = flags.speaker === undefined ? article.quotes : article.quotes.filter((q) => speakerMatches(q, flags.speaker!));
      if (flags.json) {
        const row = { source, status: 'extracted', url: article.url, title: article.title, publishedTime: article.publishedTime, quotes };
        process.stdout.write(`${JSON.stringify(row)}\n`);
      } else if (flags.csv) {
        const rows = quotes.map((q) => csvRow(q, article.title, article.publishedTime, article.url ?? source));
        process.stdout.write(csvRows(wroteHeader ? rows : [CSV_HEADER, ...rows]));
        wroteHeader = true;
      } else {
        if (sources.length > 1) {
          const heading = `${terminalLine(article.title ?? source)}\n${terminalLine(article.url ?? source)}\n\n`;
          process.stdout.write(`${position > 0 ? '\n' : ''}${heading}`);
        }
        process.stdout.write(formatQuotes(quotes));
        if (quotes.length === 0) reporter.info(noQuotationsMessage(source, article.quotes.length, flags.speaker));
      }
    } catch (error) {
      failures++;
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ source, status: 'failed', error: reporter.reason(error), code: errorCode(error) })}\n`);
      }
      reporter.failure(error, source);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return failures > 0 ? ExitCode.someFailed : ExitCode.ok;
}

/** Why a source printed nothing: no quotations at all, or none by the speaker asked for. */
function noQuotationsMessage(source: string, quotationCount: number, speaker: string | undefined): string {
  if (speaker === undefined || quotationCount === 0) return `${source}: no quotations found`;
  const others = quotationCount === 1 ? '1 quotation' : `${quotationCount} quotations`;
  return `${source}: no quotations by ${speaker} (${others} by others; drop --speaker to see them)`;
}

async function quotesInArchive(speaker: string, flags: QuotesFlags, reporter: Reporter): Promise<number> {
  if (!/[\p{L}\p{N}]/u.test(speaker)) {
    reporter.error('quotes', `no name to look for in ${JSON.stringify(speaker)}`);
    return ExitCode.usage;
  }
  const { csvRows } = await import('./csv.js');
  return withArchive(flags, (archive) => {
    const rows = speakerRows(archive.index(), speaker, flags);
    if (flags.csv) {
      process.stdout.write(csvRows([CSV_HEADER, ...rows.map((row) => csvRow(row, row.title, row.publishedTime, row.url, row))]));
    } else if (flags.json) {
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    } else {
      for (const row of rows) {
        const date = (row.publishedTime ?? row.fetchedAt).slice(0, 10);
        process.stdout.write(`${formatQuote(row)}    ${terminalLine(row.title ?? '(untitled)')}, ${date}\n    ${terminalLine(row.url)}\n\n`);
      }
    }
    if (!flags.json && !flags.csv && rows.length === 0) reporter.info(`no quotations by ${speaker} in the archive`);
    return ExitCode.ok;
  });
}

/**
 * One speaker's quotations: those whose speaker or mention has every word asked for, and every
 * quotation of the speakers those words name once merged across articles ("Hillary Clinton"
 * also finds her "Clinton" and "Mrs. Clinton" of other articles). Newest article first.
 */
function speakerRows(index: IndexDatabase, speaker: string, flags: QuotesFlags): QuoteRow[] {
  const byWords = index.quotesBySpeaker(speaker, { allSnapshots: flags.allSnapshots });
  const merged = rowsOfSpeaker(mergeSpeakers(index.quotesWithSpeakers({ allSnapshots: flags.allSnapshots })), speaker);
  const seen = new Set<string>();
  const rows = [...byWords, ...merged].filter((row) => {
    const id = `${row.key}\u0000${row.snapshot}\u0000${row.start}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const date = (row: QuoteRow) => row.publishedTime ?? row.fetchedAt;
  rows.sort((a, b) => date(b).localeCompare(date(a)) || b.fetchedAt.localeCompare(a.fetchedAt) || a.url.localeCompare(b.url) || a.start - b.start);
  return flags.limit === undefined ? rows : rows.slice(0, flags.limit);
}

type QuoteLike = Pick<Quote, 'text' | 'speaker' | 'speakerMention' | 'cue' | 'partial' | 'confidence' | 'speakerGuessed'>;

/** One quotation as text for people: the speaker first, then the words quoted (controls made visible). */
function formatQuote(q: QuoteLike): string {
  const who = terminalLine(q.speaker ?? '(no speaker)');
  const how = [
    q.speakerGuessed ? 'speaker guessed from the passage' : null,
    q.speakerMention && q.speakerMention !== q.speaker ? `as “${q.speakerMention}”` : null,
    q.cue,
    q.partial ? 'partial' : null,
  ]
    .filter(Boolean)
    .map((part) => terminalLine(part!))
    .join(', ');
  const body = terminalBlock(q.text)
    .split('\n\n')
    .map((paragraph) => `    ${paragraph}`)
    .join('\n');
  return `${who}${how ? `  (${how})` : ''}\n    “${body.trimStart()}”\n`;
}

function formatQuotes(quotes: Quote[]): string {
  return quotes.map((q) => `${formatQuote(q)}\n`).join('');
}

const CSV_HEADER = ['speaker', 'speaker_mention', 'quote', 'cue', 'partial', 'confidence', 'title', 'date', 'url', 'snapshot', 'speaker_guessed'];

function csvRow(q: QuoteLike, title: string | null, published: string | null, url: string, where?: Partial<QuoteRow>): string[] {
  const date = (published ?? where?.fetchedAt ?? '').slice(0, 10);
  return [
    q.speaker ?? '',
    q.speakerMention ?? '',
    q.text,
    q.cue ?? '',
    q.partial ? 'yes' : 'no',
    String(q.confidence),
    title ?? '',
    date,
    url,
    where?.key && where.snapshot ? `${where.key}@${where.snapshot}` : '',
    q.speakerGuessed ? 'yes' : 'no',
  ];
}

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { ExitCode } from './exit-codes.js';
import { addArchiveOption, archiveRoot, type ArchiveFlags } from './archive-root.js';
import { addFetchOptions, fetchOptionsFrom, type FetchFlags } from './fetch-options.js';
import { Reporter } from './reporter.js';

interface ArchiveCommandFlags extends FetchFlags, ArchiveFlags {
  input?: string;
  failedOut?: string;
  json?: boolean;
  warc?: boolean;
  quiet?: boolean;
  color: boolean;
}

export function archiveCommand(): Command {
  const command = new Command('archive')
    .description('archive pages as snapshots (Markdown, JSON, the captured HTML) in the archive folder')
    .argument('[sources...]', 'http(s) URLs, HTML files (with --url), or - for stdin (with --url)')
    .option('-i, --input <file>', 'read sources from a file, one per line (- for stdin); blank lines and # comments ignored')
    .option('--failed-out <file>', 'write the sources that failed to this file, one per line, to retry them later')
    .option('--warc', 'also keep the HTTP exchange as capture.warc.gz (ISO 28500)')
    .option('--json', 'one JSON object per source on stdout')
    .option('-q, --quiet', 'only errors (and the summary, when something failed) on stderr')
    .option('--no-color', 'no colour in messages');
  addArchiveOption(command);
  addFetchOptions(command);
  command.action(async (sources: string[], flags: ArchiveCommandFlags) => {
    process.exitCode = await runArchive(sourcesToArchive(command, sources, flags), flags);
  });
  return command;
}

/** The positional sources followed by those of --input; usage errors exit 2. */
function sourcesToArchive(command: Command, sources: string[], flags: ArchiveCommandFlags): string[] {
  const all = [...sources];
  if (flags.input !== undefined) {
    if (flags.input === '-' && sources.includes('-')) {
      command.error('error: stdin cannot hold both the list (-i -) and a page (-)', { exitCode: ExitCode.usage });
    }
    let list: string;
    try {
      list = readFileSync(flags.input === '-' ? 0 : flags.input, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
      command.error(`error: cannot read the list ${flags.input}: ${reason}`, { exitCode: ExitCode.usage });
    }
    for (const line of list.split(/\r?\n/)) {
      const source = line.replace(/(^|\s)#.*$/, '').trim();
      if (source) all.push(source);
    }
  }
  if (all.length === 0) {
    command.error('error: nothing to archive: give sources, or a list with -i FILE', { exitCode: ExitCode.usage });
  }
  return all;
}

type Status = 'archived' | 'unchanged' | 'failed';

async function runArchive(sources: string[], flags: ArchiveCommandFlags): Promise<number> {
  const reporter = new Reporter(process.stderr, { color: flags.color });
  const [{ archiveSource }, { Archive }] = await Promise.all([import('../pipeline.js'), import('../archive/store.js')]);
  const archive = new Archive(archiveRoot(flags), (note) => reporter.warning(note));
  const fetchOptions = fetchOptionsFrom(flags);
  const counts: Record<Status, number> = { archived: 0, unchanged: 0, failed: 0 };
  const failed: string[] = [];
  const started = Date.now();

  // Ctrl-C once: finish the page in hand, take no new one, report. Twice: stop now (snapshot
  // writes are atomic, so even that leaves nothing half-written).
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(ExitCode.interrupted);
    interrupted = true;
    reporter.warning('interrupted: finishing the page in hand (Ctrl-C again to stop now)');
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);

  const showProgress = () => reporter.progress({ total: sources.length, ...counts, startedAt: started });
  try {
    showProgress();
    for (const source of sources) {
      if (interrupted) break;
      try {
        const result = await archiveSource(source, { fetch: fetchOptions, warc: flags.warc === true }, archive);
        counts[result.status]++;
        if (flags.json) {
          writeJsonLine({ source, url: result.url, status: result.status, key: result.key, snapshot: result.snapshotPath, title: result.title, error: null });
        }
        if (!flags.quiet) reporter.outcome(result.status, `${result.url} → ${result.snapshotPath}`);
      } catch (error) {
        counts.failed++;
        failed.push(source);
        reporter.failure(error, source);
        if (flags.json) {
          writeJsonLine({ source, url: null, status: 'failed', key: null, snapshot: null, title: null, error: reporter.reason(error) });
        }
      }
      showProgress();
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    reporter.endProgress();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    archive.close();
  }

  const done = counts.archived + counts.unchanged + counts.failed;
  const skipped = sources.length - done;
  let failedOutError = false;
  if (flags.failedOut !== undefined) {
    try {
      writeListAtomically(flags.failedOut, [...failed, ...sources.slice(done)]);
    } catch (error) {
      failedOutError = true;
      reporter.error(flags.failedOut, `cannot write the list of failed sources: ${(error as Error).message}`);
    }
  }
  if (!flags.quiet || counts.failed > 0 || interrupted) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const notDone = skipped > 0 ? `, ${skipped} not started (interrupted)` : '';
    reporter.info(`${counts.archived} archived, ${counts.unchanged} unchanged, ${counts.failed} failed${notDone} in ${seconds} s`);
  }
  if (interrupted) return ExitCode.interrupted;
  return counts.failed > 0 || failedOutError ? ExitCode.someFailed : ExitCode.ok;
}

function writeJsonLine(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** The retry list is replaced whole, never left half-written by a crash. */
function writeListAtomically(path: string, lines: string[]): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, lines.map((line) => `${line}\n`).join(''));
  renameSync(temporary, path);
}

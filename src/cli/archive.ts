import { Command } from 'commander';
import { ExitCode } from './exit-codes.js';
import { addArchiveOption, archiveRoot, type ArchiveFlags } from './archive-root.js';
import { addFetchOptions, fetchOptionsFrom, type FetchFlags } from './fetch-options.js';
import { Reporter } from './reporter.js';

interface ArchiveCommandFlags extends FetchFlags, ArchiveFlags {
  json?: boolean;
  warc?: boolean;
  quiet?: boolean;
  color: boolean;
}

export function archiveCommand(): Command {
  const command = new Command('archive')
    .description('archive pages as snapshots (Markdown, JSON, the captured HTML) in the archive folder')
    .argument('<sources...>', 'http(s) URLs, HTML files (with --url), or - for stdin (with --url)')
    .option('--warc', 'also keep the HTTP exchange as capture.warc.gz (ISO 28500)')
    .option('--json', 'one JSON object per source on stdout')
    .option('-q, --quiet', 'only errors on stderr')
    .option('--no-color', 'no colour in messages');
  addArchiveOption(command);
  addFetchOptions(command);
  command.action(async (sources: string[], flags: ArchiveCommandFlags) => {
    process.exitCode = await runArchive(sources, flags);
  });
  return command;
}

async function runArchive(sources: string[], flags: ArchiveCommandFlags): Promise<number> {
  const reporter = new Reporter(process.stderr, { color: flags.color });
  const [{ archiveSource }, { Archive }] = await Promise.all([import('../pipeline.js'), import('../archive/store.js')]);
  const archive = new Archive(archiveRoot(flags), (note) => reporter.warning(note));
  const fetchOptions = fetchOptionsFrom(flags);
  let failures = 0;
  try {
    for (const source of sources) {
      try {
        const result = await archiveSource(source, { fetch: fetchOptions, warc: flags.warc === true }, archive);
        if (flags.json) {
          process.stdout.write(
            `${JSON.stringify({ source, url: result.url, status: result.status, key: result.key, snapshot: result.snapshotPath, title: result.title, error: null })}\n`,
          );
        }
        if (!flags.quiet) reporter.outcome(result.status, `${result.url} → ${result.snapshotPath}`);
      } catch (error) {
        failures++;
        reporter.failure(error, source);
        if (flags.json) {
          process.stdout.write(
            `${JSON.stringify({ source, url: null, status: 'failed', key: null, snapshot: null, title: null, error: reporter.reason(error) })}\n`,
          );
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    archive.close();
  }
  return failures > 0 ? ExitCode.someFailed : ExitCode.ok;
}

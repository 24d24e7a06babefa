import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Archive } from '../archive/store.js';
import { ExitCode } from './exit-codes.js';
import { addArchiveOption, archiveExists, archiveRoot, type ArchiveFlags } from './archive-root.js';
import { Reporter } from './reporter.js';
import { terminalBlock, terminalLine } from './terminal-text.js';
import { positiveInteger } from './fetch-options.js';
import { plural } from '../text/index.js';

interface BrowseFlags extends ArchiveFlags {
  json?: boolean;
  color: boolean;
}

/** Opens the archive for reading, or explains in one line why there is none. */
export async function withArchive(
  flags: ArchiveFlags & { color: boolean },
  work: (archive: Archive, reporter: Reporter) => number | Promise<number>,
): Promise<number> {
  const reporter = new Reporter(process.stderr, { color: flags.color });
  const root = archiveRoot(flags);
  if (!archiveExists(root)) {
    reporter.error(root, 'no archive here (archive a page first, or name one with -o DIR)');
    return ExitCode.someFailed;
  }
  const { Archive } = await import('../archive/store.js');
  const archive = new Archive(root, (note) => reporter.warning(note));
  try {
    return await work(archive, reporter);
  } catch (error) {
    reporter.error(root, error instanceof Error ? error.message.split('\n')[0]! : String(error));
    return ExitCode.someFailed;
  } finally {
    archive.close();
  }
}

function browseCommand(name: string, description: string): Command {
  const command = new Command(name).description(description).option('--json', 'JSON for scripts').option('--no-color', 'no colour');
  addArchiveOption(command);
  return command;
}

function isoDate(value: string): string {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected a date like 2026-11-01 or 2026-11-01T12:00:00Z.');
  }
  return date.toISOString();
}

export function listCommand(): Command {
  return browseCommand('list', 'list the archived pages, newest first')
    .option('--since <date>', 'only pages with a snapshot on or after this date', isoDate)
    .option('--host <host>', 'only pages of this host (and its subdomains): example.org, 127.0.0.1:8080, or its folder name')
    .action(async (flags: BrowseFlags & { since?: string; host?: string }) => {
      process.exitCode = await withArchive(flags, async (archive, reporter) => {
        const { hostMatcher, ReferenceError } = await import('../archive/resolve.js');
        let host: ((url: string) => boolean) | undefined;
        try {
          host = flags.host === undefined ? undefined : hostMatcher(flags.host);
        } catch (error) {
          if (!(error instanceof ReferenceError)) throw error;
          reporter.error(`--host ${terminalLine(flags.host!)}`, error.reason);
          return ExitCode.usage;
        }
        const pages = archive.index().listPages({ since: flags.since, host });
        for (const page of pages) {
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(page)}\n`);
          } else {
            const when = page.latestFetchedAt.slice(0, 10);
            const title = terminalLine(page.title ?? '(untitled)');
            process.stdout.write(`${page.key}  ${when}  ${page.snapshots}×  ${title}\n    ${terminalLine(page.url)}\n`);
          }
        }
        if (pages.length === 0) reporter.info(flags.since || flags.host ? 'no pages match' : 'no pages in the archive');
        return ExitCode.ok;
      });
    });
}

/** Where SQLite's snippet() marks matched words: characters no terminal acts on, swapped for the real markers after escaping. */
const SNIPPET_SENTINELS: [string, string] = ['\uE000', '\uE001'];

export function searchCommand(): Command {
  return browseCommand('search', 'full-text search over titles, bylines, text and quotes (ranked)')
    .argument('<query...>', 'words (all must match), "a phrase", prefix*, OR, NOT (operators in capitals), ( )')
    .option('-n, --limit <n>', 'at most this many hits', positiveInteger, 20)
    .option('--all-snapshots', 'search every snapshot, not only the latest of each page')
    .action(async (words: string[], flags: BrowseFlags & { limit: number; allSnapshots?: boolean }) => {
      process.exitCode = await withArchive(flags, async (archive, reporter) => {
        const { parseSearchQuery, SearchSyntaxError } = await import('../archive/search-query.js');
        const typed = words.join(' ');
        let query;
        try {
          query = parseSearchQuery(typed);
        } catch (error) {
          if (!(error instanceof SearchSyntaxError)) throw error;
          reporter.error(`search ${terminalLine(JSON.stringify(typed))}`, error.message);
          return ExitCode.usage;
        }
        if (!query) {
          reporter.error('search', `nothing to search for in ${terminalLine(JSON.stringify(typed))}`);
          return ExitCode.usage;
        }
        const markers: [string, string] = flags.json ? ['**', '**'] : SNIPPET_SENTINELS;
        const { searchWithSpeakers } = await import('./speaker-search.js');
        const hits = searchWithSpeakers(archive.index(), query, { limit: flags.limit, allSnapshots: flags.allSnapshots, markers });
        const [open, close] = reporter.highlightMarkers();
        for (const hit of hits) {
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(hit)}\n`);
          } else {
            const snippet = terminalLine(hit.snippet.replace(/\s+/g, ' '))
              .replaceAll(SNIPPET_SENTINELS[0], open)
              .replaceAll(SNIPPET_SENTINELS[1], close);
            process.stdout.write(
              `${hit.key}  ${hit.fetchedAt.slice(0, 10)}  ${terminalLine(hit.title ?? '(untitled)')}\n    ${terminalLine(hit.url)}\n    ${snippet}\n\n`,
            );
          }
        }
        if (hits.length === 0) reporter.info('no matches');
        return ExitCode.ok;
      });
    });
}

/**
 * Resolves a show/history reference, or reports in one line why it cannot (exit 1): nothing
 * matches, several pages do, or a path leads outside the archive.
 */
async function resolveOrReport<T>(
  reference: string,
  reporter: Reporter,
  resolve: () => T,
): Promise<{ found: T } | { exitCode: number }> {
  const { ReferenceError } = await import('../archive/resolve.js');
  try {
    return { found: resolve() };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    reporter.error(terminalLine(reference), terminalLine(error.reason));
    return { exitCode: ExitCode.someFailed };
  }
}

export function showCommand(): Command {
  return browseCommand('show', 'print an archived snapshot (the latest of a page unless key@snapshot)')
    .argument('<ref>', 'page key or 4+ digit prefix, key@snapshot, page URL, or a path in the archive')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json', 'text']).default('md'))
    .action(async (reference: string, flags: BrowseFlags & { format: 'md' | 'json' | 'text' }) => {
      process.exitCode = await withArchive(flags, async (archive, reporter) => {
        const { resolveSnapshot } = await import('../archive/resolve.js');
        const resolved = await resolveOrReport(reference, reporter, () => resolveSnapshot(archive.index(), archive.root, reference));
        if ('exitCode' in resolved) return resolved.exitCode;
        const { snapshot } = resolved.found;
        const { SNAPSHOT_FILES } = await import('../archive/store.js');
        const format = flags.json ? 'json' : flags.format;
        const file = format === 'json' ? SNAPSHOT_FILES.json : SNAPSHOT_FILES.markdown;
        const content =
          format === 'text'
            ? archive.readSnapshot(snapshot.path)?.text
            : readFileIfPresent(archive.snapshotFile(snapshot.path, file));
        if (content === undefined) {
          reporter.error(
            terminalLine(reference),
            `snapshot ${snapshot.path} is missing from the archive folder (removed by hand?); run "clipfile reindex"`,
          );
          return ExitCode.someFailed;
        }
        // Text is for reading; Markdown is data unless it goes to a terminal; JSON is exact.
        if (format === 'text') process.stdout.write(`${terminalBlock(content)}\n`);
        else if (format === 'md' && process.stdout.isTTY) process.stdout.write(terminalBlock(content));
        else process.stdout.write(content);
        return ExitCode.ok;
      });
    });
}

function readFileIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function historyCommand(): Command {
  return browseCommand('history', "a page's snapshots and checks over time")
    .argument('<ref>', 'page key or 4+ digit prefix, page URL, or a path in the archive')
    .option('--diff', 'show what changed between consecutive snapshots (word by word)')
    .action(async (reference: string, flags: BrowseFlags & { diff?: boolean }) => {
      process.exitCode = await withArchive(flags, async (archive, reporter) => {
        const { resolvePage } = await import('../archive/resolve.js');
        const resolved = await resolveOrReport(reference, reporter, () => resolvePage(archive.index(), archive.root, reference));
        if ('exitCode' in resolved) return resolved.exitCode;
        const { page } = resolved.found;
        const snapshots = archive.index().snapshotsOf(page.key);
        const checks = archive.index().checksOf(page.key);
        const { diffSnapshots, renderDiffParts, markDiffPart, describeStats } = await import('../archive/diff.js');
        const diffs = snapshots.slice(1).map((snapshot, index) => {
          const before = archive.readSnapshot(snapshots[index]!.path);
          const after = archive.readSnapshot(snapshot.path);
          return diffSnapshots(
            { title: before?.title ?? null, text: before?.text ?? '' },
            { title: after?.title ?? null, text: after?.text ?? '' },
          );
        });
        if (flags.json) {
          const urls = archive.index().urlsOf(page.key);
          process.stdout.write(
            `${JSON.stringify({ key: page.key, url: page.url, urls, snapshots, checks, diffs: flags.diff ? diffs : undefined }, null, 2)}\n`,
          );
          return ExitCode.ok;
        }
        process.stdout.write(`${terminalLine(page.url)}\n`);
        for (const [index, snapshot] of snapshots.entries()) {
          const unchangedChecks = checks.filter((c) => c.result === 'unchanged' && c.snapshot === snapshot.name).length;
          const seen = unchangedChecks ? `, confirmed unchanged ${unchangedChecks}×` : '';
          process.stdout.write(`  ${snapshot.name}  ${snapshot.wordCount} words${seen}  ${terminalLine(snapshot.title ?? '')}\n`);
          const diff = index > 0 ? diffs[index - 1] : undefined;
          if (flags.diff && diff) {
            const title = diff.titleChanged && {
              before: diff.titleChanged.before === null ? null : terminalLine(diff.titleChanged.before),
              after: diff.titleChanged.after === null ? null : terminalLine(diff.titleChanged.after),
            };
            process.stdout.write(
              reporter.renderDiff(
                { ...diff, titleChanged: title },
                {
                  parts: (d) => renderDiffParts(d).map((part) => ({ ...part, text: terminalBlock(part.text) })),
                  mark: markDiffPart,
                  stats: describeStats,
                },
              ),
            );
          }
        }
        return ExitCode.ok;
      });
    });
}

export function reindexCommand(): Command {
  return browseCommand('reindex', 'rebuild index.db from the archive folder').action(async (flags: BrowseFlags) => {
    process.exitCode = await withArchive(flags, (archive, reporter) => {
      const counts = archive.reindex();
      if (flags.json) process.stdout.write(`${JSON.stringify(counts)}\n`);
      else reporter.info(`reindexed ${plural(counts.snapshots, 'snapshot')} of ${plural(counts.pages, 'page')} (${plural(counts.checks, 'check')})`);
      return ExitCode.ok;
    });
  });
}

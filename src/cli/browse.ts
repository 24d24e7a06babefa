import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Archive } from '../archive/store.js';
import { ExitCode } from './exit-codes.js';
import { addArchiveOption, archiveExists, archiveRoot, type ArchiveFlags } from './archive-root.js';
import { Reporter } from './reporter.js';

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

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive whole number.');
  return number;
}

export function listCommand(): Command {
  return browseCommand('list', 'list the archived pages, newest first')
    .option('--since <date>', 'only pages with a snapshot on or after this date', isoDate)
    .option('--host <host>', 'only pages of this host (and its subdomains)')
    .action(async (flags: BrowseFlags & { since?: string; host?: string }) => {
      process.exitCode = await withArchive(flags, (archive) => {
        const pages = archive.index().listPages({ since: flags.since, host: flags.host });
        for (const page of pages) {
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(page)}\n`);
          } else {
            const when = page.latestFetchedAt.slice(0, 10);
            process.stdout.write(`${page.key}  ${when}  ${page.snapshots}×  ${page.title ?? '(untitled)'}\n    ${page.url}\n`);
          }
        }
        return ExitCode.ok;
      });
    });
}

export function searchCommand(): Command {
  return browseCommand('search', 'full-text search over titles, bylines, text and quotes (ranked)')
    .argument('<query...>', 'words (all must match), "a phrase", prefix*, OR, NOT')
    .option('-n, --limit <n>', 'at most this many hits', positiveInteger, 20)
    .option('--all-snapshots', 'search every snapshot, not only the latest of each page')
    .action(async (words: string[], flags: BrowseFlags & { limit: number; allSnapshots?: boolean }) => {
      process.exitCode = await withArchive(flags, async (archive, reporter) => {
        const { toFtsQuery } = await import('../archive/index-db.js');
        const query = toFtsQuery(words.join(' '));
        if (!query) {
          reporter.error('search', `nothing to search for in ${JSON.stringify(words.join(' '))}`);
          return ExitCode.usage;
        }
        const markers: [string, string] = flags.json ? ['**', '**'] : reporter.highlightMarkers();
        const hits = archive.index().search(query, { limit: flags.limit, allSnapshots: flags.allSnapshots, markers });
        for (const hit of hits) {
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(hit)}\n`);
          } else {
            process.stdout.write(
              `${hit.key}  ${hit.fetchedAt.slice(0, 10)}  ${hit.title ?? '(untitled)'}\n    ${hit.url}\n    ${hit.snippet.replace(/\s+/g, ' ')}\n\n`,
            );
          }
        }
        if (!flags.json && hits.length === 0) reporter.info('no matches');
        return ExitCode.ok;
      });
    });
}

/** "key", "key@snapshot", a page URL, or a snapshot path relative to the archive. */
function resolveSnapshot(archive: Archive, reference: string): { key: string; path: string } | undefined {
  const [keyOrUrl, snapshotName] = /^[0-9a-f]{10}@/.test(reference) ? reference.split('@') : [reference, undefined];
  const page = archive.index().findPage(keyOrUrl!) ?? archive.index().findPage(reference.replace(/#.*$/, ''));
  if (page) {
    const snapshots = archive.index().snapshotsOf(page.key);
    const chosen = snapshotName ? snapshots.find((s) => s.name === snapshotName) : snapshots.at(-1);
    return chosen ? { key: page.key, path: chosen.path } : undefined;
  }
  const byPath = archive.readSnapshot(reference);
  return byPath ? { key: reference.split('/')[1]?.split('--').at(-1) ?? '', path: reference } : undefined;
}

export function showCommand(): Command {
  return browseCommand('show', 'print an archived snapshot (the latest of a page unless key@snapshot)')
    .argument('<ref>', 'page key, key@snapshot, page URL, or snapshot path')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json', 'text']).default('md'))
    .action(async (reference: string, flags: BrowseFlags & { format: 'md' | 'json' | 'text' }) => {
      process.exitCode = await withArchive(flags, async (archive, reporter) => {
        const found = resolveSnapshot(archive, reference);
        if (!found) {
          reporter.error(reference, 'not in the archive');
          return ExitCode.someFailed;
        }
        const { SNAPSHOT_FILES } = await import('../archive/store.js');
        const format = flags.json ? 'json' : flags.format;
        if (format === 'text') {
          process.stdout.write(`${archive.readSnapshot(found.path)?.text ?? ''}\n`);
        } else {
          const file = format === 'json' ? SNAPSHOT_FILES.json : SNAPSHOT_FILES.markdown;
          process.stdout.write(readFileSync(archive.snapshotFile(found.path, file), 'utf8'));
        }
        return ExitCode.ok;
      });
    });
}

export function historyCommand(): Command {
  return browseCommand('history', "a page's snapshots and checks over time")
    .argument('<ref>', 'page URL or key')
    .option('--diff', 'show what changed between consecutive snapshots (word by word)')
    .action(async (reference: string, flags: BrowseFlags & { diff?: boolean }) => {
      process.exitCode = await withArchive(flags, async (archive, reporter) => {
        const page = archive.index().findPage(reference) ?? archive.index().findPage(reference.replace(/#.*$/, ''));
        if (!page) {
          reporter.error(reference, 'not in the archive');
          return ExitCode.someFailed;
        }
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
          process.stdout.write(
            `${JSON.stringify({ key: page.key, url: page.url, snapshots, checks, diffs: flags.diff ? diffs : undefined }, null, 2)}\n`,
          );
          return ExitCode.ok;
        }
        process.stdout.write(`${page.url}\n`);
        for (const [index, snapshot] of snapshots.entries()) {
          const unchangedChecks = checks.filter((c) => c.result === 'unchanged' && c.snapshot === snapshot.name).length;
          const seen = unchangedChecks ? `, confirmed unchanged ${unchangedChecks}×` : '';
          process.stdout.write(`  ${snapshot.name}  ${snapshot.wordCount} words${seen}  ${snapshot.title ?? ''}\n`);
          const diff = index > 0 ? diffs[index - 1] : undefined;
          if (flags.diff && diff) {
            process.stdout.write(
              reporter.renderDiff(diff, { parts: (d) => renderDiffParts(d), mark: markDiffPart, stats: describeStats }),
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
      else reporter.info(`reindexed ${counts.snapshots} snapshots of ${counts.pages} pages (${counts.checks} checks)`);
      return ExitCode.ok;
    });
  });
}

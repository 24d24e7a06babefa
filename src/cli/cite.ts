/**
 * `clipfile cite REF…`, `cite --search QUERY`, `cite --all`: archived pages as citations,
 * one entry per page (its latest snapshot unless the reference names one, `key@snapshot`).
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { ArchivedArticle } from '../article.js';
import type { CatalogEntry } from '../archive/catalog.js';
import { CITATION_FORMATS, type CitationFormat } from '../cite/formats.js';
import type { Archive } from '../archive/store.js';
import { addArchiveOption, type ArchiveFlags } from './archive-root.js';
import { withArchive } from './browse.js';
import { ExitCode } from './exit-codes.js';
import type { Reporter } from './reporter.js';
import { terminalLine } from './terminal-text.js';


interface CiteFlags extends ArchiveFlags {
  format: CitationFormat;
  search?: string;
  all?: boolean;
  color: boolean;
}

/** A snapshot chosen for citing, and whether its reference named it. */
interface Chosen {
  entry: CatalogEntry & { article: ArchivedArticle };
  snapshotNamed: boolean;
}

export function citeCommand(): Command {
  const command = new Command('cite')
    .description('cite archived pages: BibTeX, BibLaTeX, RIS, CSL-JSON, or APA/Chicago/MLA references')
    .argument('[ref...]', 'page key or 4+ digit prefix, key@snapshot, page URL, or a path in the archive')
    .addOption(new Option('-f, --format <format>', 'citation format').choices(CITATION_FORMATS).default('bibtex'))
    .option('--search <query>', 'cite the pages a search finds (the search syntax of "clipfile search")')
    .option('--all', 'cite every page in the archive')
    .option('--no-color', 'no colour');
  addArchiveOption(command);
  return command.action(async (references: string[], flags: CiteFlags) => {
    const ways = [references.length > 0, flags.search !== undefined, flags.all === true].filter(Boolean).length;
    if (ways !== 1) {
      process.stderr.write('error cite: name pages to cite (REF…), or give --search QUERY, or --all (one of them)\n');
      process.exitCode = ExitCode.usage;
      return;
    }
    process.exitCode = await withArchive(flags, async (archive, reporter) => {
      const { cslItemOf, citedSnapshotOf, recordsGenre } = await import('../cite/csl.js');
      const { formatCitations } = await import('../cite/format.js');
      const { SNAPSHOT_FILES } = await import('../archive/store.js');
      const chosen = await chooseSnapshots(archive, reporter, references, flags);
      if (chosen.exitCode === ExitCode.usage) return chosen.exitCode;
      const items = chosen.snapshots.map(({ entry, snapshotNamed }) =>
        // The captured page is read again only for a snapshot older than the genre on the Article.
        cslItemOf(citedSnapshotOf(entry, recordsGenre(entry.article) ? undefined : readSourceHtml(archive, entry, SNAPSHOT_FILES.source), snapshotNamed)),
      );
      if (items.length) process.stdout.write(formatCitations(items, flags.format));
      else if (chosen.exitCode === ExitCode.ok) reporter.info(flags.search ? 'no matches' : 'no pages in the archive');
      return chosen.exitCode;
    });
  });
}

async function chooseSnapshots(
  archive: Archive,
  reporter: Reporter,
  references: string[],
  flags: CiteFlags,
): Promise<{ snapshots: Chosen[]; exitCode: number }> {
  const { catalogEntries, catalogEntryOf } = await import('../archive/catalog.js');
  const snapshots: Chosen[] = [];
  const seen = new Set<string>();
  let exitCode: number = ExitCode.ok;
  const add = (entry: CatalogEntry | undefined, snapshotNamed: boolean, reference: string) => {
    if (!entry) return;
    if (!entry.article) {
      reporter.error(terminalLine(reference), `snapshot ${entry.path} is missing from the archive folder (removed by hand?); run "clipfile reindex"`);
      exitCode = ExitCode.someFailed;
      return;
    }
    if (seen.has(entry.path)) return;
    seen.add(entry.path);
    snapshots.push({ entry: entry as Chosen['entry'], snapshotNamed });
  };
  if (flags.all) {
    for (const entry of catalogEntries(archive)) add(entry, false, entry.path);
  } else if (flags.search !== undefined) {
    const { parseSearchQuery, SearchSyntaxError } = await import('../archive/search-query.js');
    let query;
    try {
      query = parseSearchQuery(flags.search);
    } catch (error) {
      if (!(error instanceof SearchSyntaxError)) throw error;
      reporter.error(`cite --search ${terminalLine(JSON.stringify(flags.search))}`, error.message);
      return { snapshots, exitCode: ExitCode.usage };
    }
    if (!query) {
      reporter.error('cite --search', `nothing to search for in ${terminalLine(JSON.stringify(flags.search))}`);
      return { snapshots, exitCode: ExitCode.usage };
    }
    // Every hit, best first: a search that finds 500 pages cites 500.
    const hits = archive.index().search(query, { limit: -1 });
    for (const hit of hits) {
      const page = archive.index().findPage(hit.key);
      if (page) add(catalogEntryOf(archive, page, hit.snapshot), false, hit.url);
    }
  } else {
    const { resolvePage, resolveSnapshot, ReferenceError } = await import('../archive/resolve.js');
    for (const reference of references) {
      try {
        const named = resolvePage(archive.index(), archive.root, reference).snapshotName !== null;
        const { page, snapshot } = resolveSnapshot(archive.index(), archive.root, reference);
        add(catalogEntryOf(archive, page, snapshot.name), named, reference);
      } catch (error) {
        if (!(error instanceof ReferenceError)) throw error;
        reporter.error(terminalLine(reference), terminalLine(error.reason));
        exitCode = ExitCode.someFailed;
      }
    }
  }
  return { snapshots, exitCode };
}

/** The captured page as it was decoded for extraction; undefined when source.html is gone. */
function readSourceHtml(archive: Archive, entry: Chosen['entry'], sourceFile: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(archive.snapshotFile(entry.path, sourceFile));
  } catch {
    return undefined;
  }
  try {
    return new TextDecoder(entry.article.provenance.encoding || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

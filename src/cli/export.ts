/**
 * `clipfile export --format jsonl|csv [--table articles|snapshots|quotes|embeds] [-o FILE]`:
 * one table of the archive, streamed: one snapshot read at a time, each row written as it is
 * made (waiting for the reader when the pipe is full), so memory stays flat however large the
 * archive.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { addArchiveOption, type ArchiveFlags } from './archive-root.js';
import { withArchive } from './browse.js';
import { csvCells, jsonRow, readsAllSnapshots, TABLE_NAMES, TABLES, type TableName } from '../export/tables.js';
import { ExitCode } from './exit-codes.js';

const FORMATS = ['jsonl', 'csv'] as const;
/** Rows are handed to the output in batches of about this many bytes. */
const WRITE_BATCH_BYTES = 64 * 1024;

interface ExportFlags extends ArchiveFlags {
  format: (typeof FORMATS)[number];
  table: TableName;
  output?: string;
  allSnapshots?: boolean;
  color: boolean;
}

/** Where rows go: stdout (respecting backpressure) or a file written whole or not at all. */
interface RowSink {
  write(text: string): Promise<void>;
  finish(): void;
  abandon(): void;
}

export function exportCommand(): Command {
  const command = new Command('export')
    .description('export the archive as a tidy table (JSON lines or CSV) for pandas, R, DuckDB or a spreadsheet')
    .addOption(new Option('-f, --format <format>', 'jsonl: one JSON object per row; csv: RFC 4180 with a header row').choices(FORMATS).default('jsonl'))
    .addOption(new Option('-t, --table <table>', 'one row per page, snapshot, quotation or embedded post').choices(TABLE_NAMES).default('articles'))
    .option('--output <file>', 'write to this file (replaced only when the export is complete) instead of stdout')
    .option('--all-snapshots', 'quotes and embeds of every snapshot, not only of each page\'s latest')
    .option('--no-color', 'no colour');
  addArchiveOption(command);
  return command.action(async (flags: ExportFlags) => {
    process.exitCode = await withArchive(flags, async (archive, reporter) => {
      const { catalogEntries } = await import('../archive/catalog.js');
      // Loaded here, not at start-up: every other command would pay for csv-stringify.
      const { csvRows } = await import('./csv.js');
      const table = TABLES[flags.table];
      const sink = flags.output ? fileSink(resolve(flags.output)) : stdoutSink();
      let pending = '';
      const emit = async (text: string) => {
        pending += text;
        if (pending.length >= WRITE_BATCH_BYTES) {
          await sink.write(pending);
          pending = '';
        }
      };
      let rows = 0;
      let missing = 0;
      try {
        if (flags.format === 'csv') await emit(csvRows([table.columns.map((column) => column.name)]));
        for (const entry of catalogEntries(archive, { allSnapshots: readsAllSnapshots(table.name, flags.allSnapshots === true) })) {
          if (!entry.article) {
            missing++;
            continue;
          }
          for (const cells of table.rowsOf({ entry, article: entry.article })) {
            rows++;
            await emit(flags.format === 'csv' ? csvRows([csvCells(cells)]) : `${JSON.stringify(jsonRow(table, cells))}\n`);
          }
        }
        await sink.write(pending);
        sink.finish();
      } catch (error) {
        sink.abandon();
        throw error;
      }
      if (missing) reporter.warning(`${missing} snapshot${missing === 1 ? ' is' : 's are'} missing from the archive folder (removed by hand?) and left out; run "clipfile reindex"`);
      if (flags.output) reporter.info(`${rows} ${flags.table} rows written to ${flags.output}`);
      return ExitCode.ok;
    });
  });
}

function stdoutSink(): RowSink {
  return {
    write: (text) =>
      new Promise((resolveWrite) => {
        if (!text || process.stdout.write(text)) resolveWrite();
        else process.stdout.once('drain', resolveWrite);
      }),
    finish: () => {},
    abandon: () => {},
  };
}

/** Rows go to a temporary file beside FILE, renamed over it when the export is complete. */
function fileSink(file: string): RowSink {
  const temporary = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  const fd = openSync(temporary, 'w');
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: async (text) => {
      if (text) writeSync(fd, text);
    },
    finish: () => {
      fsyncSync(fd);
      close();
      renameSync(temporary, file);
    },
    abandon: () => {
      close();
      rmSync(temporary, { force: true });
    },
  };
}

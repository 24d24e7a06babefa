import { Command, CommanderError } from 'commander';
import { clipfileVersion } from '../version.js';
import { ExitCode } from './exit-codes.js';
import { archiveCommand } from './archive.js';
import { citeCommand } from './cite.js';
import { exportCommand } from './export.js';
import { historyCommand, listCommand, reindexCommand, searchCommand, showCommand } from './browse.js';
import { extractCommand } from './extract.js';
import { registerQuotesCommand } from './quotes.js';
import { siteCommand } from './site.js';
import { registerSpeakersCommand } from './speakers.js';
import { describeUnexpected } from './reporter.js';

export function buildProgram(): Command {
  const program = new Command('clipfile')
    .description('Archive news articles as clean Markdown and JSON, with their quotations and embedded posts.')
    .version(clipfileVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(archiveCommand())
    .addCommand(extractCommand())
    .addCommand(listCommand())
    .addCommand(searchCommand())
    .addCommand(showCommand())
    .addCommand(historyCommand())
    .addCommand(reindexCommand())
    .addCommand(citeCommand())
    .addCommand(exportCommand())
    .addCommand(siteCommand());
  registerQuotesCommand(program);
  registerSpeakersCommand(program);
  // Usage errors exit 2 (commander's default is 1, which scripts read as "a source failed").
  const exitOnUsageError = (error: CommanderError) => {
    if (error.exitCode === 0) throw error;
    throw new CommanderError(ExitCode.usage, error.code, error.message);
  };
  program.exitOverride(exitOnUsageError);
  for (const command of program.commands) {
    command.exitOverride(exitOnUsageError);
    // addCommand copies no settings: each command names its own help.
    command.showHelpAfterError(`(run clipfile ${command.name()} --help for usage)`);
  }
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // A reader that stops early (`| head`) is not an error: stop writing and exit quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`clipfile: ${describeUnexpected(error)}\n`);
    process.exitCode = ExitCode.internal;
  }
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';

export interface ArchiveFlags {
  archive?: string;
}

/** Every command that touches an archive takes the same flag. */
export function addArchiveOption(command: Command): Command {
  return command.option('-o, --archive <dir>', 'the archive folder (default: $CLIPFILE_ARCHIVE, else ./archive)');
}

export function archiveRoot(flags: ArchiveFlags): string {
  return resolve(flags.archive ?? process.env['CLIPFILE_ARCHIVE'] ?? 'archive');
}

export function archiveExists(root: string): boolean {
  return existsSync(root);
}

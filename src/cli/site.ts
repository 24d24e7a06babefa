import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { addArchiveOption, archiveRoot, type ArchiveFlags } from './archive-root.js';
import { withArchive } from './browse.js';
import { ExitCode } from './exit-codes.js';

interface SiteFlags extends ArchiveFlags {
  out?: string;
  json?: boolean;
  color: boolean;
}

/** `clipfile site`: the archive as a static web site (src/site/). */
export function siteCommand(): Command {
  const command = new Command('site')
    .description('build the archive as a static web site that opens from any folder (only changed pages are rebuilt)')
    .option('--out <dir>', 'the site folder (default: the archive folder’s site/)')
    .option('--json', 'one JSON line with what was built')
    .option('--no-color', 'no colour');
  addArchiveOption(command);
  return command.action(async (flags: SiteFlags) => {
    process.exitCode = await withArchive(flags, async (archive, reporter) => {
      const { buildSite, NotASiteFolderError } = await import('../site/build.js');
      const out = resolve(flags.out ?? join(archiveRoot(flags), 'site'));
      const started = performance.now();
      let result;
      try {
        result = await buildSite(archive, out);
      } catch (error) {
        if (!(error instanceof NotASiteFolderError)) throw error;
        reporter.error(out, error.message);
        return ExitCode.someFailed;
      }
      const seconds = (performance.now() - started) / 1000;
      for (const { key, reason } of result.skipped) reporter.warning(`page ${key} left out of the site: ${reason}`);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ ...result, index: join(result.out, 'index.html'), seconds: Number(seconds.toFixed(3)) })}\n`);
      } else {
        reporter.info(
          `site of ${result.pages} page${result.pages === 1 ? "" : "s"} in ${join(result.out, 'index.html')}: ${result.rendered} built, ` +
            `${result.pages - result.rendered} unchanged, ${result.removed} removed, ${result.speakers} speaker${result.speakers === 1 ? "" : "s"} in ${seconds.toFixed(1)} s`,
        );
      }
      return result.skipped.length ? ExitCode.someFailed : ExitCode.ok;
    });
  });
}

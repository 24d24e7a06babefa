import { Command, Option } from 'commander';
import type { Article } from '../article.js';
import { ExitCode } from './exit-codes.js';
import { markdownWithFrontMatter } from '../front-matter.js';
import { fetchOptionsFrom, addFetchOptions, type FetchFlags } from './fetch-options.js';
import { addMinConfidenceOption, doubtfulMessage, isDoubtful } from './min-confidence.js';
import { Reporter } from './reporter.js';

export type OutputFormat = 'md' | 'json' | 'text' | 'html';

interface ExtractFlags extends FetchFlags {
  format: OutputFormat;
  json?: boolean;
  color: boolean;
  minConfidence?: number;
}

export function extractCommand(): Command {
  const command = new Command('extract')
    .description('print the article of a web page, file or stdin ("-") as Markdown, JSON, text or HTML')
    .argument('<sources...>', 'http(s) URLs, HTML files (a saved page without --url uses the URL its saver left), WARC files (every HTML page), or - for stdin')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['md', 'json', 'text', 'html']).default('md'),
    )
    .option('--json', 'same as --format json')
    .option('--no-color', 'no colour in messages');
  addFetchOptions(command);
  addMinConfidenceOption(command);
  command.action(async (sources: string[], flags: ExtractFlags) => {
    process.exitCode = await runExtract(sources, flags);
  });
  return command;
}

async function runExtract(sources: string[], flags: ExtractFlags): Promise<number> {
  // Loaded on use: the extraction modules' import time is not for --help and usage errors to pay.
  const { readPages } = await import('../sources/read-pages.js');
  const reporter = new Reporter(process.stderr, { color: flags.color });
  const format: OutputFormat = flags.json ? 'json' : flags.format;
  const fetchOptions = fetchOptionsFrom(flags);
  let failures = 0;
  let doubtful = 0;
  let position = 0;
  for (const source of sources) {
    try {
      for await (const { article, many } of readPages(source, fetchOptions)) {
      const separator = position > 0 && format !== 'json' ? '\n' : '';
      const below = isDoubtful(article, flags.minConfidence);
      // With --min-confidence, the JSON says whether this page is below it.
      const printed = flags.minConfidence === undefined || format !== 'json' ? article : { ...article, doubtful: below };
      process.stdout.write(separator + formatArticle(printed, format, sources.length > 1 || many));
      if (below) {
        doubtful++;
        reporter.warning(doubtfulMessage(source, article, flags.minConfidence!));
      } else if (!article.readerable) {
        reporter.warning(`${source}: the page does not look like an article; check the result`);
      }
      position++;
      }
    } catch (error) {
      failures++;
      reporter.failure(error, source);
    }
    // A turn of the event loop between pages lets a Ctrl-C in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (failures > 0) return ExitCode.someFailed;
  return doubtful > 0 ? ExitCode.belowMinConfidence : ExitCode.ok;
}

/** One source's output; several JSON articles are printed one per line (NDJSON). */
export function formatArticle(article: Article, format: OutputFormat, compactJson = false): string {
  switch (format) {
    case 'json':
      return compactJson ? `${JSON.stringify(article)}\n` : `${JSON.stringify(article, null, 2)}\n`;
    case 'text':
      return `${article.text}\n`;
    case 'html':
      return `${article.html}\n`;
    case 'md':
      return markdownWithFrontMatter(article);
  }
}

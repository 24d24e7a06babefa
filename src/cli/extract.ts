import vm from 'node:vm';
import { Command, Option } from 'commander';
import type { Article, RenderReason } from '../article.js';
import type { PageInput } from '../extract/pipeline.js';
import { SourceError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import { addDomOption, addTimeLimitOption, checkUrlNamesOneSource, fetchOptionsFrom, addFetchOptions, type FetchFlags } from './fetch-options.js';
import type { DomEngine } from '../extract/parse.js';
import { addLimitOptions, limitsFrom, type LimitFlags } from './limit-options.js';
import { addMinConfidenceOption, doubtfulMessage, isDoubtful } from './min-confidence.js';
import { addRenderOptions, renderSetupFrom, type RenderFlags } from './render-options.js';
import { errorCode, Reporter } from './reporter.js';
import { withOptimizationDeferred } from './short-run.js';
import { terminalBlock } from './terminal-text.js';

export type OutputFormat = 'md' | 'json' | 'text' | 'html';

interface ExtractFlags extends FetchFlags, RenderFlags, LimitFlags {
  format: OutputFormat;
  json?: boolean;
  color: boolean;
  minConfidence?: number;
  timeLimit: number;
  dom: DomEngine;
  comments?: boolean;
}

export function extractCommand(): Command {
  const command = new Command('extract')
    .description('print the article of a web page, file or stdin ("-") as Markdown, JSON, text or HTML')
    .argument('<sources...>', 'http(s) URLs, HTML files (a saved page without --url uses the URL its saver left), WARC files (every HTML page), or - for stdin')
    .addOption(
      new Option('-f, --format <format>', 'output format (json: the Article, pretty for one source, one per line for several)')
        .choices(['md', 'json', 'text', 'html'])
        .default('md'),
    )
    .option('--json', 'for scripts: one JSON line per source, with its source and status, failures included')
    .option('--comments', "add the page's reader comments under the story in the Markdown (JSON always has them in comments[])")
    .option('--no-color', 'no colour in messages');
  addFetchOptions(command);
  addTimeLimitOption(command);
  addLimitOptions(command);
  addDomOption(command);
  addMinConfidenceOption(command);
  addRenderOptions(command);
  command.action(async (sources: string[], flags: ExtractFlags) => {
    checkUrlNamesOneSource(command, sources.length, flags);
    process.exitCode = await runExtract(command, sources, flags);
  });
  return command;
}

async function runExtract(command: Command, sources: string[], flags: ExtractFlags): Promise<number> {
  const [{ decodePage, defaultUserAgent }, { pageCaptures }, { extractArticle }, { extractPage }, { withCommentsInMarkdown }, markdownWithFrontMatter] = await Promise.all([
    import('../acquire/index.js'),
    import('../sources/read-pages.js'),
    import('../extract/pipeline.js'),
    import('../render/stage.js'),
    import('../extract/comments/markdown.js'),
    // yaml is for front matter only: not loaded for other formats.
    flags.format === 'md' && !flags.json ? import('../front-matter.js').then((module) => module.markdownWithFrontMatter) : noFrontMatter,
  ]);
  const reporter = new Reporter(process.stderr, { color: flags.color });
  const fetchOptions = fetchOptionsFrom(flags);
  const limits = limitsFrom(flags);
  const output = outputFor(flags, sources.length, markdownWithFrontMatter);
  const omit = unprintedParts(flags);
  // One page at a time: one tab of one browser, started on the first page that needs it.
  const render = renderSetupFrom(command, flags, { pagesAtOnce: 1, userAgent: fetchOptions.userAgent ?? defaultUserAgent(), warn: (message) => reporter.warning(message) });
  let failures = 0;
  let doubtful = 0;
  // Outputs written so far: a WARC file gives one per page.
  let printed = 0;
  for (const source of sources) {
    try {
      for await (const capture of pageCaptures(source, fetchOptions)) {
      const decoded = decodePage(capture);
      const extract = (page: PageInput) =>
        withOptimizationDeferred(() => withinTimeLimit(() => extractArticle({ ...page, ...limits }, { dom: flags.dom, omit }), flags.timeLimit, source));
      const extracted = await extractPage(capture, decoded, source, extract, render);
      const rendered = extracted.rendered;
      const article = flags.comments ? withCommentsInMarkdown(extracted.article) : extracted.article;
      const below = isDoubtful(article, flags.minConfidence);
      process.stdout.write((printed > 0 ? output.separator : '') + output.article(source, article, below, rendered?.reason ?? null));
      printed++;
      if (below) {
        doubtful++;
        reporter.warning(doubtfulMessage(source, article, flags.minConfidence!));
      } else if (!article.readerable) {
        reporter.warning(`${source}: the page does not look like an article; check the result`);
      }
      for (const warning of article.warnings) reporter.warning(`${source}: ${warning}`);
      }
    } catch (error) {
      failures++;
      if (flags.json) writeFailedRow(source, error, reporter);
      reporter.failure(error, source);
    }
    // A turn of the event loop between pages lets a Ctrl-C in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await render.renderer?.close();
  if (failures > 0) return ExitCode.someFailed;
  return doubtful > 0 ? ExitCode.belowMinConfidence : ExitCode.ok;
}

/** Where withinTimeLimit leaves the function its script calls, for the length of the call. */
const TIMED_RUN = Symbol.for('clipfile.timedRun');
let timedRunScript: vm.Script | undefined;

/**
 * Runs synchronous code (an extraction) on this thread for at most `seconds`: V8 ends a vm
 * script that overruns its timeout from a watchdog thread, and that ends the functions it
 * called too. On this thread rather than in a worker (as archive's pool does): starting a
 * worker thread cost a one-page `extract` about a third of its time (bench:startup). In this
 * context rather than a new one, which Node builds by compiling its per-context scripts again
 * (about 0.5 % of a one-page extract's instructions).
 */
function withinTimeLimit<T>(run: () => T, seconds: number, source: string): T {
  timedRunScript ??= new vm.Script(`globalThis[Symbol.for(${JSON.stringify(TIMED_RUN.description)})]()`);
  const global = globalThis as unknown as Record<symbol, unknown>;
  global[TIMED_RUN] = run;
  try {
    return timedRunScript.runInThisContext({ timeout: Math.ceil(seconds * 1000) }) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new SourceError(source, 'timeout', `extraction took longer than ${seconds} s`);
    }
    throw error;
  } finally {
    delete global[TIMED_RUN];
  }
}

/** The Article's parts this run never prints, which the extraction then leaves out. */
function unprintedParts(flags: ExtractFlags): { html: boolean; quotes: boolean } {
  const wholeArticle = flags.json === true || flags.format === 'json';
  return { html: !wholeArticle && flags.format !== 'html', quotes: !wholeArticle };
}

interface Output {
  /** Written between two sources' outputs. */
  separator: string;
  article(source: string, article: Article, doubtful: boolean, rendered: RenderReason | null): string;
}

/** What one extracted source prints, by --json / --format and where stdout goes. */
function outputFor(flags: ExtractFlags, sourceCount: number, frontMatter: MarkdownRenderer): Output {
  const withDoubtful = (article: Article, doubtful: boolean) =>
    flags.minConfidence === undefined ? article : { ...article, doubtful };
  if (flags.json) {
    // For scripts: always one line, naming its source, so outputs match inputs.
    return { separator: '', article: (source, article, doubtful, rendered) => `${JSON.stringify(scriptRow(source, withDoubtful(article, doubtful), rendered))}\n` };
  }
  if (flags.format === 'json') {
    return {
      separator: '',
      article: (_source, article, doubtful) => formatArticle(withDoubtful(article, doubtful), 'json', frontMatter, sourceCount > 1),
    };
  }
  // On a terminal, page text is shown with its control characters made visible; piped to a
  // file, Markdown, text and HTML are data and stay exact.
  const forTerminal = process.stdout.isTTY === true;
  return {
    separator: '\n',
    article: (_source, article) => {
      const formatted = formatArticle(article, flags.format, frontMatter);
      return forTerminal ? terminalBlock(formatted) : formatted;
    },
  };
}

/** `extract --json`: the source as given, its status and why it was rendered (or null), then the Article. */
function scriptRow(source: string, article: Article | (Article & { doubtful: boolean }), rendered: RenderReason | null): object {
  return { source, status: 'extracted', rendered, ...article };
}

function writeFailedRow(source: string, error: unknown, reporter: Reporter): void {
  process.stdout.write(`${JSON.stringify({ source, status: 'failed', error: reporter.reason(error), code: errorCode(error) })}\n`);
}

/** markdownWithFrontMatter, loaded on use (yaml is not for --help to load). */
type MarkdownRenderer = (article: Article) => string;

const noFrontMatter: MarkdownRenderer = () => {
  throw new Error('front matter was not loaded for this format');
};

/** One source's output; several JSON articles are printed one per line (NDJSON). */
export function formatArticle(article: Article, format: OutputFormat, markdownWithFrontMatter: MarkdownRenderer, compactJson = false): string {
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

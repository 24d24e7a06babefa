import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_RETRY_POLICY } from '../batch/retry.js';
import type { RetryNotice } from '../batch/retry.js';
import type { SourceItem } from '../batch/run.js';
import { parseSince } from '../sources/since.js';
import { terminalLine } from './terminal-text.js';
import { DEFAULT_CONCURRENCY, DEFAULT_PER_HOST_CONNECTIONS, DEFAULT_PER_HOST_DELAY_MS } from '../batch/scheduler.js';
import { ExitCode } from './exit-codes.js';
import { addMinConfidenceOption } from './min-confidence.js';
import { ArchiveTally, reportOutcome } from './archive-report.js';
import { addArchiveOption, archiveRoot, type ArchiveFlags } from './archive-root.js';
import { addLimitOptions, limitsFrom, type LimitFlags } from './limit-options.js';
import { addDomOption, addFetchOptions, addTimeLimitOption, checkUrlNamesOneSource, fetchOptionsFrom, type FetchFlags } from './fetch-options.js';
import type { DomEngine } from '../extract/parse.js';
import { Reporter } from './reporter.js';
import { addRenderOptions, renderSetupFrom, type RenderFlags } from './render-options.js';

interface ArchiveCommandFlags extends FetchFlags, ArchiveFlags, BatchFlags, RenderFlags, LimitFlags {
  input?: string;
  discover?: boolean;
  since?: Date;
  limit?: number;
  newOnly?: boolean;
  failedOut?: string;
  json?: boolean;
  warc?: boolean;
  quiet?: boolean;
  color: boolean;
  timeLimit: number;
  dom: DomEngine;
  comments?: boolean;
}

export function archiveCommand(): Command {
  const command = new Command('archive')
    .description('archive pages as snapshots (Markdown, JSON, the captured HTML) in the archive folder')
    .argument('[sources...]', 'http(s) URLs of pages, feeds or sitemaps; saved HTML pages; WARC files; - for stdin (with --url)')
    .option('-i, --input <file>', 'read sources from a file, one per line (- for stdin), or "FILE URL" lines; blank lines and # comments ignored')
    .option('--discover', 'a page that is not an article (a home or section page): follow the feeds it announces instead')
    .option('--since <date|duration>', 'feed and sitemap entries newer than this: 2026-11-01, 36h, 7d', sinceOption)
    .option('--limit <n>', 'at most N entries per feed or sitemap, newest first', wholeNumber('--limit', 1))
    .option('--new-only', 'feed and sitemap entries already in the archive are not asked for again')
    .option('--failed-out <file>', 'write the sources that failed or were interrupted to this file, one per line, to retry them later')
    .option('--warc', 'also keep the HTTP exchange as capture.warc.gz (ISO 28500)')
    .option('--json', 'one JSON object per source on stdout')
    .option('--comments', "add the page's reader comments under the story in article.md (article.json always has them in comments[])")
    .option('-q, --quiet', 'only errors (and the summary, when something failed) on stderr')
    .option('--no-color', 'no colour in messages');
  addArchiveOption(command);
  addFetchOptions(command);
  addBatchOptions(command);
  addTimeLimitOption(command);
  addLimitOptions(command);
  addDomOption(command);
  addMinConfidenceOption(command);
  addRenderOptions(command);
  command.action(async (sources: string[], flags: ArchiveCommandFlags) => {
    process.exitCode = await runArchive(command, sourcesToArchive(command, sources, flags), flags);
  });
  return command;
}

/** The positional sources followed by those of --input; usage errors exit 2. */
function sourcesToArchive(command: Command, sources: string[], flags: ArchiveCommandFlags): SourceItem[] {
  const all: SourceItem[] = sources.map((source) => ({ source }));
  if (flags.input !== undefined) {
    if (flags.input === '-' && sources.includes('-')) {
      command.error('error: stdin cannot hold both the list (-i -) and a page (-)', { exitCode: ExitCode.usage });
    }
    let list: string;
    try {
      list = readFileSync(flags.input === '-' ? 0 : flags.input, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
      command.error(`error: cannot read the list ${flags.input}: ${reason}`, { exitCode: ExitCode.usage });
    }
    for (const line of list.split(/\r?\n/)) {
      const source = line.replace(/(^|\s)#.*$/, '').trim();
      if (source) all.push(listLine(source));
    }
  }
  if (all.length === 0) {
    command.error('error: nothing to archive: give sources, or a list with -i FILE', { exitCode: ExitCode.usage });
  }
  checkUrlNamesOneSource(command, all.length, flags);
  return all;
}

/** A list line: a source, or a saved page and its URL ("FILE URL", space or tab separated). */
function listLine(line: string): SourceItem {
  const match = /^(.*\S)\s+(https?:\/\/\S+)$/i.exec(line);
  if (match && !/^https?:\/\//i.test(match[1]!)) return { source: match[1]!, pageUrl: match[2]! };
  return { source: line };
}

function sinceOption(value: string): Date {
  try {
    return parseSince(value);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}

interface BatchFlags {
  minConfidence?: number;
  concurrency: number;
  perHost: number;
  delay: number;
  ignoreRobots?: boolean;
  retries: number;
  workers: number;
}

function wholeNumber(label: string, minimum: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < minimum) throw new InvalidArgumentError(`${label} must be a whole number ≥ ${minimum}.`);
    return number;
  };
}

function seconds(label: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) throw new InvalidArgumentError(`${label} must be a number of seconds ≥ 0.`);
    return number;
  };
}

/** How a run fetches many pages: politeness, retries, extraction threads. */
function addBatchOptions(command: Command): Command {
  return command
    .option('-c, --concurrency <n>', 'requests at once over all hosts', wholeNumber('--concurrency', 1), DEFAULT_CONCURRENCY)
    .option('--per-host <n>', 'requests at once to one host', wholeNumber('--per-host', 1), DEFAULT_PER_HOST_CONNECTIONS)
    .option('--delay <seconds>', "least time between two requests to one host (a robots.txt Crawl-delay that is longer wins)", seconds('--delay'), DEFAULT_PER_HOST_DELAY_MS / 1000)
    .option('--ignore-robots', 'fetch pages that robots.txt disallows, and do not read robots.txt')
    .option('--retries <n>', 'retries of a URL after a network error, timeout, 408, 429 or 5xx (with backoff, Retry-After honoured)', wholeNumber('--retries', 0), DEFAULT_RETRY_POLICY.maxAttempts - 1)
    .addOption(
      new Option('--workers <n>', 'threads extracting pages')
        .argParser(wholeNumber('--workers', 1))
        .default(os.availableParallelism(), 'one per core'),
    );
}

/**
 * One `archive` run. Whole on purpose (longer than 60 lines): the archive, the pool, the browser
 * and the signal handlers are opened, used and closed here in the one order a failure or a
 * Ctrl-C must undo them in, and the exit code is read from what they did.
 */
async function runArchive(command: Command, sources: SourceItem[], flags: ArchiveCommandFlags): Promise<number> {
  const reporter = new Reporter(process.stderr, { color: flags.color });
  // The pool (and node:worker_threads) loaded here, not at every command's start.
  const [{ Archive }, { FeedStates }, { BatchRun }, { createPoliteFetcher }, { defaultUserAgent }, { withCommentsInMarkdown }, { ExtractPool }] = await Promise.all([
    import('../archive/store.js'),
    import('../archive/feed-state.js'),
    import('../batch/run.js'),
    import('../batch/fetcher.js'),
    import('../acquire/index.js'),
    import('../extract/comments/markdown.js'),
    import('../batch/extract-pool.js'),
  ]);
  const archive = new Archive(archiveRoot(flags), (note) => reporter.warning(note));
  const fetchOptions = fetchOptionsFrom(flags);
  const limits = limitsFrom(flags);
  // A feed, sitemap or WARC may bring many pages, so the pool is not sized by the list.
  const pool = new ExtractPool({ size: flags.workers, timeLimitMs: flags.timeLimit * 1000, extractOptions: { dom: flags.dom } });
  // Pages render while the pool extracts others; -c bounds both, and a tab per core at most.
  const render = renderSetupFrom(command, flags, {
    pagesAtOnce: Math.min(flags.concurrency, os.availableParallelism()),
    userAgent: fetchOptions.userAgent ?? defaultUserAgent(),
    warn: (message) => reporter.warning(message),
  });
  const fetcher = createPoliteFetcher(politeFetcherOptions(flags, fetchOptions, reporter));

  const tally = new ArchiveTally(flags.minConfidence);
  const started = Date.now();
  // A feed, sitemap or WARC counts as done once expanded; the pages it brings raise the total.
  const showProgress = () =>
    reporter.progress({ total: run.total, ...tally.counts, archived: tally.counts.archived + tally.counts.expanded, startedAt: started });

  const run = new BatchRun(sources, archive, {
    fetcher,
    archive: { fetch: fetchOptions, warc: flags.warc === true, render },
    extract: flags.comments
      ? async (page) => withCommentsInMarkdown(await pool.extract({ ...page, ...limits }))
      : (page) => pool.extract({ ...page, ...limits }),
    // Enough pages in hand to keep every request slot and extraction thread busy, and no more:
    // memory stays flat however long the list.
    maxInHand: flags.concurrency + 2 * pool.size,
    maxInHandPerHost: 2 * flags.perHost,
    expand: { since: flags.since, limit: flags.limit, newOnly: flags.newOnly === true },
    discover: flags.discover === true,
    feedStates: new FeedStates(archive.root),
    onNote: (source, note) => reporter.warning(terminalLine(`${source}: ${note}`)),
    onOutcome: (outcome) => {
      reportOutcome(outcome, flags, reporter);
      tally.add(outcome);
      if (outcome.duplicateOf === null) showProgress();
    },
  });

  const interruption = watchInterruptions(run, reporter);
  try {
    showProgress();
    await run.run();
  } finally {
    reporter.endProgress();
    // The pool's threads and the browser end side by side: neither waits for the other.
    const ended = await Promise.allSettled([interruption.abandoned ? pool.terminate() : pool.close(), render.renderer?.close()]);
    archive.close();
    const failure = ended.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  }

  const failedOutError = flags.failedOut !== undefined && !writeFailedOut(flags.failedOut, tally.retryList(), reporter);
  if (!flags.quiet || tally.counts.failed > 0 || interruption.interrupted || tally.doubtful > 0) {
    reporter.info(tally.summary((Date.now() - started) / 1000));
  }
  interruption.stopWatching();
  // Requests still in flight would hold the process open; their pages are not wanted.
  if (interruption.abandoned) process.exit(ExitCode.interrupted);
  if (interruption.interrupted) return ExitCode.interrupted;
  if (tally.counts.failed > 0 || failedOutError) return ExitCode.someFailed;
  return tally.doubtful > 0 ? ExitCode.belowMinConfidence : ExitCode.ok;
}

function politeFetcherOptions(flags: ArchiveCommandFlags, fetchOptions: ReturnType<typeof fetchOptionsFrom>, reporter: Reporter) {
  return {
    userAgent: fetchOptions.userAgent,
    timeoutMs: fetchOptions.timeoutMs,
    maxBytes: fetchOptions.maxBytes,
    concurrency: flags.concurrency,
    perHostConnections: flags.perHost,
    perHostDelayMs: flags.delay * 1000,
    ignoreRobots: flags.ignoreRobots === true,
    retry: {
      maxAttempts: flags.retries + 1,
      onRetry: (retry: RetryNotice) => {
        if (flags.quiet) return;
        const wait = `${(retry.delayMs / 1000).toFixed(1)} s${retry.fromRetryAfter ? ' (Retry-After)' : ''}`;
        reporter.note(`retry    ${retry.error.message}; attempt ${retry.attempt + 1} of ${flags.retries + 1} in ${wait}`);
      },
    },
    onNote: (note: string) => reporter.warning(note),
  };
}

/**
 * Ctrl-C once: take no new source, let those in flight finish, report. Twice: stop now, the
 * pages in flight reported as interrupted and listed by --failed-out with the rest (snapshot
 * writes are atomic and synchronous, so nothing is half-written). A third: exit at once.
 */
function watchInterruptions(run: { stop(): void; abandon(): void }, reporter: Reporter) {
  const state = { interrupted: false, abandoned: false, stopWatching: () => {} };
  const onInterrupt = () => {
    if (state.abandoned) process.exit(ExitCode.interrupted);
    if (state.interrupted) {
      state.abandoned = true;
      reporter.warning('interrupted again: stopping now; the pages in flight are not stored');
      run.abandon();
      return;
    }
    state.interrupted = true;
    reporter.warning('interrupted: finishing the pages in hand (Ctrl-C again to stop now)');
    run.stop();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  state.stopWatching = () => {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  };
  return state;
}

/** Writes --failed-out; false (with the error reported) when it cannot. */
function writeFailedOut(path: string, sources: string[], reporter: Reporter): boolean {
  try {
    writeListAtomically(path, sources);
    return true;
  } catch (error) {
    reporter.error(path, `cannot write the list of failed sources: ${(error as Error).message}`);
    return false;
  }
}

/** The retry list is replaced whole, never left half-written by a crash. */
function writeListAtomically(path: string, lines: string[]): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, lines.map((line) => `${line}\n`).join(''));
  renameSync(temporary, path);
}

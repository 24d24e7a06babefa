/**
 * ExtractPool: extractArticle on worker threads gives what it gives in-process.
 *
 * The workers run the compiled dist/src/batch/extract-worker.js (Node cannot start a worker
 * from the .ts source; see workerScriptUrl), so they run dist/'s pipeline while the expected
 * values come from the sources: `npm test` builds dist/ first, so the two are the same code.
 * Run alone, `npx vitest run tests/batch/extract-pool.test.ts` needs a fresh `npm run build`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquire, decodePage } from '../../src/acquire/index.js';
import type { Article } from '../../src/article.js';
import { ExtractPool, workerScriptUrl } from '../../src/batch/extract-pool.js';
import { SourceError } from '../../src/errors.js';
import { extractArticle, type PageInput } from '../../src/extract/pipeline.js';
import { fixturePages, fixturePath } from '../helpers/fixtures.js';

/** Every fixture page, decoded as the CLI decodes it (one of them is windows-1251). */
const pages: PageInput[] = [];
/** extractArticle's result for each of `pages`, in-process, as JSON. */
const expected: unknown[] = [];

const noArticlePage: PageInput = { html: '<html><body></body></html>', url: 'https://empty.example/blank', source: 'blank.html' };

const pools: ExtractPool[] = [];

/**
 * A page whose extraction takes about 15 s of CPU on a quiet machine, seven times the time limit
 * below (which the worker spends in full before it is ended): 100 tables nested in divs around a 1.3 MB story, so Readability climbs the nesting
 * and weighs every level against the text inside it (depth × text). Wrapper chains are
 * shortened before Readability (parse.ts), but tables break a chain; about 500 deep stays
 * under the depth limit.
 */
function deepPage(story: string): string {
  return '<div><table><tr><td>'.repeat(100) + story.repeat(2_000) + '</td></tr></table></div>'.repeat(100);
}
function newPool(options: ConstructorParameters<typeof ExtractPool>[0]): ExtractPool {
  const pool = new ExtractPool(options);
  pools.push(pool);
  return pool;
}

/** A test that fails still ends its threads. */
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

/** What the Article looks like once written out (and what a worker could get wrong). */
function asJson(article: Article): unknown {
  return JSON.parse(JSON.stringify(article));
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  for (const name of Object.keys(fixturePages).sort()) {
    const capture = await acquire(fixturePath(name), { pageUrl: fixturePages[name]!.url });
    const page: PageInput = { html: decodePage(capture).html, url: capture.url, source: name };
    pages.push(page);
    expected.push(asJson(extractArticle(page)));
  }
});

describe('ExtractPool', () => {
  it('runs the compiled worker script (there is no .js beside the .ts sources)', () => {
    const url = workerScriptUrl();
    expect(existsSync(fileURLToPath(url))).toBe(true);
    expect(url.pathname).toMatch(/\/dist\/src\/batch\/extract-worker\.js$/);
  });

  it('gives the same Article as extractArticle in-process, for every fixture page', async () => {
    const pool = newPool({ size: 1 });
    for (const [i, page] of pages.entries()) {
      expect(asJson(await pool.extract(page)), page.source).toEqual(expected[i]);
    }
  });

  it('with two workers, pages extracted in parallel come back in input order under Promise.all', async () => {
    // Each fixture under a URL of its own, so that a swapped result cannot pass.
    const copies = [0].flatMap((copy) =>
      pages.map((page, i) => {
        const url = `${page.url}?copy=${copy}`;
        return { page: { ...page, url }, i, url };
      }),
    );
    const pool = newPool({ size: 2 });
    const articles = await Promise.all(copies.map(({ page }) => pool.extract(page)));
    expect(pool.workersStarted).toBe(2);
    expect(articles.map((a) => a.url)).toEqual(copies.map((c) => c.url));
    for (const [n, article] of articles.entries()) {
      const { i, url } = copies[n]!;
      // The URL is the only input that changed; links resolve against it, so compare the rest.
      expect(article.url).toBe(url);
      expect(article.title, pages[i]!.source).toBe((expected[i] as Article).title);
      expect(article.text, pages[i]!.source).toBe((expected[i] as Article).text);
      expect(article.embeds.length, pages[i]!.source).toBe((expected[i] as Article).embeds.length);
    }
  });

  it('a page without an article rejects with the same one-line SourceError as in-process', async () => {
    const inProcess = (() => {
      try {
        extractArticle(noArticlePage);
      } catch (error) {
        return error;
      }
      throw new Error('expected the blank page to fail in-process');
    })();
    const pool = newPool({ size: 1 });
    const fromPool = await rejectionOf(pool.extract(noArticlePage));
    expect(fromPool).toBeInstanceOf(SourceError);
    expect(inProcess).toBeInstanceOf(SourceError);
    const [a, b] = [fromPool as SourceError, inProcess as SourceError];
    expect({ message: a.message, source: a.source, code: a.code, reason: a.reason }).toEqual({
      message: b.message,
      source: b.source,
      code: b.code,
      reason: b.reason,
    });
    expect(a.message).toBe('blank.html: no article found in the page');
    // The worker is still fine.
    expect(asJson(await pool.extract(pages[0]!))).toEqual(expected[0]);
  });

  it('recycles workers (recycleAfter 2 over 5 pages) and every page still comes out right', async () => {
    const pool = newPool({ size: 2, recycleAfter: 2 });
    const five = Array.from({ length: 5 }, (_, n) => n % pages.length);
    const articles = await Promise.all(five.map((i) => pool.extract(pages[i]!)));
    articles.forEach((article, n) => expect(asJson(article), pages[five[n]!]!.source).toEqual(expected[five[n]!]));
    // Two pages per worker: 2 + 2 + 1.
    expect(pool.workersStarted).toBe(3);
    await pool.close();
    expect(pool.threadCount).toBe(0);
  });

  for (const how of ['exit', 'throw'] as const) {
    it(`a worker that dies (${how}) fails only its page, one line, and is replaced`, async () => {
      // One thread, so the order is fixed: it takes page 1, then dies holding the doomed page
      // while page 2 waits; page 2 must then get a replacement. (With two threads, whether a
      // replacement is needed depends on which of them is free first.)
      const pool = newPool({ size: 1 });
      const doomed: PageInput = { ...pages[0]!, source: 'doomed.html' };
      const [before, crashed, after] = await Promise.allSettled([
        pool.extract(pages[1]!),
        pool.crashWorkerForTesting(doomed, how),
        pool.extract(pages[2]!),
      ]);
      expect(before.status === 'fulfilled' && asJson(before.value)).toEqual(expected[1]);
      expect(after.status === 'fulfilled' && asJson(after.value)).toEqual(expected[2]);
      expect(crashed.status).toBe('rejected');
      const error = (crashed as PromiseRejectedResult).reason as SourceError;
      expect(error).toBeInstanceOf(SourceError);
      expect(error.code).toBe('parse-failed');
      expect(error.source).toBe('doomed.html');
      expect(error.message).toMatch(
        how === 'exit'
          ? /^doomed\.html: extraction crashed: the worker thread exited with code 70$/
          : /^doomed\.html: extraction crashed: simulated crash for testing$/,
      );
      // The next page succeeds on the replacement.
      expect(asJson(await pool.extract(pages[3]!))).toEqual(expected[3]);
      expect(pool.workersStarted).toBe(2);
    });
  }

  it('a page that takes too long fails alone, with a one-line timeout, and its worker is replaced', async () => {
    // The limit counts from when the worker has loaded its modules, so a slow start is not what
    // times out.
    const story = `<p>${'The council voted on Tuesday to repair the bridge before winter. '.repeat(10)}</p>`;
    // A raised depth limit also lifts the depth × markup limit that would refuse the page at once.
    const deep: PageInput = { html: deepPage(story), url: 'https://slow.example/', source: 'deep.html', maxDepth: 2_048 };
    // The next page, on a new worker, has the limit from when that worker is ready: a tenth of
    // it on a quiet machine.
    const pool = newPool({ size: 1, timeLimitMs: 2000 });
    const started = Date.now();
    const [slow, next] = await Promise.allSettled([pool.extract(deep), pool.extract(pages[0]!)]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(slow.status).toBe('rejected');
    const error = (slow as PromiseRejectedResult).reason as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('deep.html: extraction took longer than 2 s');
    expect(next.status === 'fulfilled' && asJson(next.value)).toEqual(expected[0]);
    expect(pool.workersStarted).toBe(2);
  });

  it('terminate() ends every thread now: the page in hand and the queued ones reject', async () => {
    const pool = newPool({ size: 1 });
    const story = `<p>${'The council voted on Tuesday to repair the bridge before winter. '.repeat(10)}</p>`;
    const inHand = rejectionOf(pool.extract({ html: deepPage(story), url: 'https://slow.example/', source: 'deep.html', maxDepth: 2_048 }));
    const queued = rejectionOf(pool.extract(pages[0]!));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    await pool.terminate();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(pool.threadCount).toBe(0);
    expect(String(await inHand)).toBe('Error: ExtractPool terminated');
    expect(String(await queued)).toBe('Error: ExtractPool terminated');
    await expect(pool.extract(pages[0]!)).rejects.toThrow('ExtractPool is closed');
  });

  it('a worker out of memory fails its page with a one-line SourceError', async () => {
    // Too small a heap even to load the extraction modules: a real ERR_WORKER_OUT_OF_MEMORY, quickly.
    const pool = newPool({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 8 } });
    const error = await rejectionOf(pool.extract(pages[0]!));
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('parse-failed');
    expect((error as SourceError).message).toMatch(/^[\w-]+: extraction crashed: .*out of memory[^\n]*$/);
  });

  it('close() finishes the pages already submitted, then ends every thread', async () => {
    const pool = newPool({ size: 2 });
    const results = pages.slice(0, 3).map((page) => pool.extract(page));
    const closed = pool.close();
    expect(asJson(await results[2]!)).toEqual(expected[2]);
    await closed;
    expect(pool.threadCount).toBe(0);
    for (const [i, result] of results.entries()) expect(asJson(await result)).toEqual(expected[i]);
    await expect(pool.extract(pages[0]!)).rejects.toThrow('ExtractPool is closed');
  });
});

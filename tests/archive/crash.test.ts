/**
 * "Nothing lost": the archive survives a clipfile killed with SIGKILL at any moment of its life,
 * and two clipfiles archiving the same pages at once neither duplicate nor lose a snapshot.
 *
 * Everything runs the built CLI (bin/clipfile.js → dist/) against a real HTTP server on
 * 127.0.0.1, as a cron job would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_NAME } from '../../src/archive/layout.js';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { TestServer, html } from '../helpers/server.js';
import { fingerprint, pageDirs, sha256, snapshotDirs } from '../helpers/archive-files.js';

const TEMP_PREFIX = '.tmp-';
/** `npm run test:crash`: every kill point and race; `npm test` runs a spread of them. */
const FULL = process.env.CRASH_KILLS === 'full';
const SNAPSHOT_FILES = ['article.json', 'article.md', 'source.html'];

const tempDirs: string[] = [];
function freshArchive(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clipfile-crash-'));
  tempDirs.push(dir);
  return join(dir, 'archive');
}

/** Leftover temporary folders anywhere below the page folders. */
function temporaries(archive: string): string[] {
  return pageDirs(archive).flatMap((page) =>
    readdirSync(join(archive, page))
      .filter((name) => name.startsWith(TEMP_PREFIX))
      .map((name) => `${page}/${name}`),
  );
}

/**
 * Checks that a snapshot folder is complete: exactly the snapshot files, article.json parses
 * and names the SHA-256 of source.html, article.md has its front matter. Returns the article.
 */
function expectCompleteSnapshot(archive: string, snapshot: string): { text: string; provenance: { sha256: { content: string } } } {
  const dir = join(archive, snapshot);
  expect(readdirSync(dir).sort(), snapshot).toEqual(SNAPSHOT_FILES);
  const article = JSON.parse(readFileSync(join(dir, 'article.json'), 'utf8'));
  expect(article.provenance.sha256.capture, `${snapshot}: capture hash`).toBe(sha256(readFileSync(join(dir, 'source.html'))));
  expect(readFileSync(join(dir, 'article.md'), 'utf8').startsWith('---\n'), `${snapshot}: article.md front matter`).toBe(true);
  return article;
}

/**
 * No half-written folder under a final name: a page folder holds only complete snapshot
 * folders, its check log and (until the next run cleans them) temporaries.
 */
function expectOnlyKnownEntries(archive: string): void {
  for (const page of pageDirs(archive)) {
    for (const entry of readdirSync(join(archive, page), { withFileTypes: true })) {
      const known =
        (entry.isDirectory() && (SNAPSHOT_NAME.test(entry.name) || entry.name.startsWith(TEMP_PREFIX))) ||
        (entry.isFile() && entry.name === 'checks.ndjson');
      expect(known, `unexpected entry ${page}/${entry.name}`).toBe(true);
    }
  }
}

/** Snapshots index.db holds (opened read-write, as the next clipfile would: a hot journal is rolled back). */
function indexedSnapshots(archive: string): number {
  const db = new Database(join(archive, 'index.db'));
  try {
    return (db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

interface KilledRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  elapsedMs: number;
}

/**
 * Runs the CLI and kills it with SIGKILL: `killAfterMs` after spawning, or, with `whenWriting`,
 * `whenWriting.delayMs` after this process's temporary snapshot folder appears in
 * `whenWriting.pageDir` (the write phase, which is too short for a timer from spawn to hit).
 */
function runAndKill(
  args: string[],
  killAfterMs: number | null,
  whenWriting?: { pageDir: string; delayMs: number },
): Promise<KilledRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let killer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    const watcher = whenWriting
      ? watch(whenWriting.pageDir, (_event, name) => {
          if (killer || !name?.startsWith(TEMP_PREFIX) || !name.endsWith(`-${child.pid}`)) return;
          killer = setTimeout(() => child.kill('SIGKILL'), whenWriting.delayMs);
        })
      : undefined;
    // A run that hangs is a failure, not a stuck test.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      watcher?.close();
      clearTimeout(killer);
      clearTimeout(guard);
      resolvePromise({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        elapsedMs: performance.now() - started,
      });
    });
  });
}

const PROSE = [
  'The regional rail authority confirmed on Tuesday that the overnight service between the coast and the mountain towns will run again from the spring, nine years after the last sleeper carriages were withdrawn for lack of passengers and money.',
  'Officials said the revived line would use refurbished carriages bought from a neighbouring operator, with couchettes for six and a small dining car that will serve soup, bread and local cheese until midnight. Tickets go on sale next month.',
  'Residents of the upper valley, where the nearest motorway is two hours away by a winding road that often closes in winter, welcomed the decision. "We have been asking for this since the day the old train stopped," said the mayor of one village.',
  'Critics point out that the authority has promised the line before. A plan announced four years ago was shelved after the cost of repairing two tunnels doubled, and the engineers who surveyed the track warned that several bridges need work.',
  'The authority says the tunnels are now repaired and that the bridges will be finished by February. It expects the service to carry about forty thousand passengers in its first year, most of them walkers, skiers and families visiting relatives.',
];

/** The story; `revision` changes one sentence, so every request yields new content. */
function storyPage(revision: number): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Night train returns to the valley after nine years</title>
<meta property="og:site_name" content="The Valley Courier"></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Night train returns to the valley after nine years</h1>
<p class="byline">By Mara Lindqvist</p>
${PROSE.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
<p>This report has been updated ${revision} times since it was first published; revision ${revision} adds the latest timetable details supplied by the rail authority and corrects the number of carriages.</p>
</article></main>
<footer><p>© The Valley Courier</p></footer>
</body></html>`;
}

/** A stable article page for the race. */
function racePage(n: number): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Report number ${n} on the valley railway</title></head>
<body><main><article>
<h1>Report number ${n} on the valley railway</h1>
${PROSE.map((paragraph) => `<p>Part ${n}. ${paragraph}</p>`).join('\n')}
</article></main></body></html>`;
}

let server: TestServer;
let storyRequests = 0;
beforeAll(async () => {
  server = await TestServer.start();
  server.route('/story', (req, res) => {
    storyRequests++;
    html(storyPage(storyRequests))(req, res);
  });
  for (let n = 1; n <= 6; n++) server.route(`/race/${n}`, html(racePage(n)));
});
afterAll(async () => {
  await server.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('clipfile killed with SIGKILL at any point', () => {
  it('never leaves a half-written snapshot, never touches earlier ones, and recovers on the next run', async () => {
    const archive = freshArchive();
    const url = server.url('/story');
    const args = ['archive', url, '-o', archive, '--json'];

    // Two normal runs: two snapshots, fingerprinted.
    const durations: number[] = [];
    for (let i = 0; i < 2; i++) {
      const run = await runAndKill(args, null);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'archived', error: null });
      durations.push(run.elapsedMs);
    }
    const earlier = snapshotDirs(archive);
    expect(earlier).toHaveLength(2);
    const earlierPrints = Object.fromEntries(earlier.map((s) => [s, fingerprint(join(archive, s))]));
    for (const snapshot of earlier) expectCompleteSnapshot(archive, snapshot);

    // The second run is the warm one (the first also creates the archive and its index).
    const lifetime = durations[1]!;
    // `npm test` kills at 4 points of the lifetime (before the fetch, during extraction, near the
    // end, after it) and 3 of the write phase (in the temporary folder, around the rename, after
    // the commit); `npm run test:crash` at 25 and 8.
    const KILLS = FULL ? 25 : 4;
    const WRITE_PHASE_DELAYS = FULL ? [0, 2, 4, 6, 8, 10, 14, 20] : [0, 8, 20];
    const outcomes = {
      finished: 0,
      beforeFetch: 0,
      afterFetchNothingWritten: 0,
      midWriteTemporaryLeft: 0,
      committedNotIndexed: 0,
      committedAndIndexed: 0,
    };
    const perRun: string[] = [];
    const pageDir = join(archive, pageDirs(archive)[0]!);
    // Timed from spawn, evenly over the lifetime; then aimed at the write phase.
    const plan = [
      ...Array.from({ length: KILLS }, (_, i) => {
        const fraction = 0.05 + (1.2 - 0.05) * (i / (KILLS - 1));
        return { label: `${Math.round(fraction * 100)}%`, afterMs: Math.round(lifetime * fraction), writeDelayMs: null };
      }),
      ...WRITE_PHASE_DELAYS.map((delay) => ({ label: `tmp+${delay}ms`, afterMs: null, writeDelayMs: delay })),
    ];
    for (const { label, afterMs, writeDelayMs } of plan) {
      const before = new Set(snapshotDirs(archive));
      const requestsBefore = storyRequests;
      const indexedBefore = indexedSnapshots(archive);
      const run = await runAndKill(
        args,
        afterMs,
        writeDelayMs === null ? undefined : { pageDir, delayMs: writeDelayMs },
      );
      const after = snapshotDirs(archive);
      const added = after.filter((s) => !before.has(s));
      const leftovers = temporaries(archive);
      expect(added.length, 'one run adds at most one snapshot').toBeLessThanOrEqual(1);
      for (const snapshot of added) expectCompleteSnapshot(archive, snapshot);
      expectOnlyKnownEntries(archive);

      let outcome: keyof typeof outcomes;
      if (run.signal !== 'SIGKILL') {
        expect(run.code, run.stderr).toBe(0);
        expect(added).toHaveLength(1);
        outcome = 'finished';
      } else if (added.length === 1) {
        outcome = indexedSnapshots(archive) > indexedBefore ? 'committedAndIndexed' : 'committedNotIndexed';
      }
      else if (leftovers.length > 0) outcome = 'midWriteTemporaryLeft';
      else if (storyRequests > requestsBefore) outcome = 'afterFetchNothingWritten';
      else outcome = 'beforeFetch';
      outcomes[outcome]++;
      perRun.push(`${label}:${outcome}`);
    }

    // Everything on disk is complete, distinct, and the earlier snapshots are untouched.
    const snapshots = snapshotDirs(archive);
    expectOnlyKnownEntries(archive);
    const contentHashes = snapshots.map((s) => expectCompleteSnapshot(archive, s).provenance.sha256.content);
    expect(new Set(contentHashes).size, 'no snapshot stored twice').toBe(snapshots.length);
    for (const snapshot of earlier) {
      expect(fingerprint(join(archive, snapshot)), `${snapshot} untouched`).toEqual(earlierPrints[snapshot]);
    }
    expect(pageDirs(archive)).toHaveLength(1);

    // What the index says before a reindex (informational: a kill after the rename and before
    // the index update leaves the index one snapshot behind the folder until a reindex). Read
    // from index.db here; the list after the reindex is the user's view.
    const listedBeforeReindex = indexedSnapshots(archive);

    const reindex = await runCli(['reindex', '--json', '-o', archive]);
    expect(reindex.code, reindex.stderr).toBe(0);
    expect(JSON.parse(reindex.stdout)).toMatchObject({ pages: 1, snapshots: snapshots.length });
    const list = await runCli(['list', '--json', '-o', archive]);
    expect(list.code, list.stderr).toBe(0);
    const pages = list.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ url, snapshots: snapshots.length });

    // The lock is not stuck, and the next run cleans the temporaries.
    const final = await runAndKill(args, null);
    expect(final.code, final.stderr).toBe(0);
    expect(JSON.parse(final.stdout)).toMatchObject({ status: 'archived', error: null });
    expect(temporaries(archive)).toEqual([]);
    expect(snapshotDirs(archive)).toHaveLength(snapshots.length + 1);
    for (const snapshot of snapshotDirs(archive)) expectCompleteSnapshot(archive, snapshot);

    console.log(
      `[archive-crash] normal run ${durations.map((d) => `${Math.round(d)} ms`).join(', ')}; ` +
        `${KILLS} kills at 5%…120% of it and ${WRITE_PHASE_DELAYS.length} after the temporary folder appeared: ${JSON.stringify(outcomes)}; ` +
        `${snapshots.length} snapshots on disk, ${listedBeforeReindex} listed before reindex\n  ${perRun.join(' ')}`,
    );
  }, 180_000);
});

describe('two clipfiles archiving the same pages at once', () => {
  const urls = () => Array.from({ length: 6 }, (_, i) => server.url(`/race/${i + 1}`));
  const orders: Array<[string, (list: string[]) => string[]]> = [
    ['opposite orders', (list) => [...list].reverse()],
    // Rotated runs meet half-way; same-order runs meet on every page, one after the other:
    // `npm run test:crash` only (opposite orders meet on every page too, from both ends).
    ...(FULL
      ? ([
          ['rotated orders', (list) => [...list.slice(3), ...list.slice(0, 3)]],
          ['the same order', (list) => list],
        ] as Array<[string, (list: string[]) => string[]]>)
      : []),
  ];

  it.each(orders)('one snapshot per page, none lost (%s)', async (name, reorder) => {
    const archive = freshArchive();
    const pageUrls = urls();
    const [first, second] = await Promise.all([
      runCli(['archive', ...pageUrls, '-o', archive, '--json'], { timeoutMs: 90_000 }),
      runCli(['archive', ...reorder(pageUrls), '-o', archive, '--json'], { timeoutMs: 90_000 }),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);

    const perProcess = [first, second].map((run) => run.stdout.trim().split('\n').map((line) => JSON.parse(line)));
    const lines = perProcess.flat();
    expect(lines).toHaveLength(12);
    // How the work was shared: all 6 archived by one process means the runs did not overlap.
    const archivedBy = perProcess.map((mine) => mine.filter((line) => line.status === 'archived').length);
    console.log(`[archive-crash] race (${name}): pages archived by each process ${archivedBy.join(' / ')}`);
    for (const url of pageUrls) {
      const mine = lines.filter((line) => line.url === url);
      expect(mine.map((line) => line.status).sort(), url).toEqual(['archived', 'unchanged']);
      expect(mine[0].snapshot, `${url}: both name the same snapshot`).toBe(mine[1].snapshot);
    }

    expect(pageDirs(archive)).toHaveLength(6);
    const snapshots = snapshotDirs(archive);
    expect(snapshots).toHaveLength(6);
    expect(new Set(snapshots.map((s) => s.split('/').slice(0, 2).join('/'))).size).toBe(6);
    for (const snapshot of snapshots) expectCompleteSnapshot(archive, snapshot);
    expect(temporaries(archive)).toEqual([]);
    expectOnlyKnownEntries(archive);

    const listPages = async () => {
      const list = await runCli(['list', '--json', '-o', archive]);
      expect(list.code, list.stderr).toBe(0);
      return list.stdout.trim().split('\n').map((line) => JSON.parse(line) as { url: string; snapshots: number });
    };
    const before = await listPages();
    expect(before.map((p) => p.url).sort()).toEqual([...pageUrls].sort());
    expect(before.every((p) => p.snapshots === 1)).toBe(true);

    // Rebuilt from the folder, the index holds the same: 6 pages, one snapshot and two checks each.
    const reindex = await runCli(['reindex', '--json', '-o', archive]);
    expect(reindex.code, reindex.stderr).toBe(0);
    expect(JSON.parse(reindex.stdout)).toEqual({ pages: 6, snapshots: 6, checks: 12 });
    expect(indexedSnapshots(archive)).toBe(6);
  }, 120_000);
});

describe('a snapshot committed to the folder but not yet to the index', () => {
  // KNOWN BUG (src/archive/store.ts): a run killed after the snapshot folder's rename and before
  // its index transaction commits leaves index.db without that snapshot (the rollback journal
  // undoes the half-done transaction), and no later run notices: list, history and search miss
  // the snapshot until `clipfile reindex`. The SIGKILL test above hits this window when a kill
  // lands a few ms after the temporary folder appears ("committedNotIndexed"). Here the state is
  // made deterministically: index.db as it was before the second run's index transaction.
  // Remove `.fails` once storeSnapshot reconciles the page's snapshots with the index.
  it('is indexed by the next archive run, without a reindex', async () => {
    const archive = freshArchive();
    const args = ['archive', server.url('/story'), '-o', archive, '--json'];
    expect((await runCli(args)).code).toBe(0);
    const indexAfterFirst = readFileSync(join(archive, 'index.db'));
    expect((await runCli(args)).code).toBe(0);
    // What the rollback journal leaves after a kill between the rename and the index commit.
    writeFileSync(join(archive, 'index.db'), indexAfterFirst);
    expect((await runCli(args)).code).toBe(0);
    expect(snapshotDirs(archive)).toHaveLength(3);

    const list = await runCli(['list', '--json', '-o', archive]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout.trim())).toMatchObject({ snapshots: 3 });
  }, 60_000);
});

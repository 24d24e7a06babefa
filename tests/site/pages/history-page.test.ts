/** A page's history on the site (src/site/pages/history-page.ts): its snapshots and the word changes between them. */
import { describe, expect, it } from 'vitest';
import { diffSnapshots, renderDiffParts } from '../../../src/archive/diff.js';
import { historyPage, type HistoryPageInput } from '../../../src/site/pages/history-page.js';
import type { SiteSnapshot } from '../../../src/site/read.js';

const KEY = 'c65795c9e7';

function snapshot(name: string, title: string | null, wordCount = 120): SiteSnapshot {
  return { name, path: `news.example/p/${name}`, fetchedAt: `${name.slice(0, 10)}T${name.slice(11, 13)}:${name.slice(14, 16)}:00Z`, title, wordCount, contentSha256: `${name.slice(8, 10)}${'f'.repeat(62)}` };
}

function change(before: { title: string | null; text: string }, after: { title: string | null; text: string }): HistoryPageInput['diffs'][number] {
  const diff = diffSnapshots(before, after);
  return { diff, parts: renderDiffParts(diff) };
}

describe('historyPage', () => {
  it('lists every snapshot with its capture time, title, words and short content hash, and links back to the article', () => {
    const snapshots = [snapshot('2026-11-21T08-00-00Z', 'Ferry vote', 120), snapshot('2026-11-22T09-30-00Z', 'Ferry vote passes', 131)];
    const page = historyPage({ key: KEY, title: 'Ferry vote passes', snapshots, diffs: [change({ title: 'Ferry vote', text: 'a' }, { title: 'Ferry vote passes', text: 'a' })] });
    expect(page).toContain('<title>History: Ferry vote passes · clipfile archive</title>');
    expect(page).toContain(`<p><a href="../articles/${KEY}.html">Back to the latest snapshot</a></p>`);
    expect(page).toContain('<tr><td>2026-11-22T09-30-00Z</td><td><time datetime="2026-11-22T09:30:00.000Z">2026-11-22 09:30 UTC</time></td><td>Ferry vote passes</td><td>131</td><td><code>22ffffffffff</code></td></tr>');
    expect(page.indexOf('2026-11-21T08-00-00Z</td>')).toBeLessThan(page.indexOf('2026-11-22T09-30-00Z</td>'));
  });

  it('shows each change from the snapshot before: words added and removed, a changed title, counts', () => {
    const snapshots = [snapshot('2026-11-21T08-00-00Z', 'Ferry vote'), snapshot('2026-11-22T08-00-00Z', null), snapshot('2026-11-23T08-00-00Z', null)];
    const page = historyPage({
      key: KEY,
      title: 'Ferry',
      snapshots,
      diffs: [
        change({ title: 'Ferry vote', text: 'The council voted to keep the ferry.' }, { title: null, text: 'The council voted to keep the night ferry.' }),
        change({ title: null, text: 'Same words.' }, { title: null, text: 'Same words.' }),
      ],
    });
    expect(page).toContain('<h3 id="diff-1">From 2026-11-21T08-00-00Z to 2026-11-22T08-00-00Z</h3>');
    expect(page).toContain('<p class="diff-stats">1 word added, 0 removed</p>');
    expect(page).toContain('<p>Title: <del>Ferry vote</del> → <ins>(none)</ins></p>');
    expect(page).toMatch(/<div class="diff-text">[^<]*<ins>night ?<\/ins>/);
    expect(page).toContain('<h3 id="diff-2">From 2026-11-22T08-00-00Z to 2026-11-23T08-00-00Z</h3>\n<p>Same title and words.</p>');
  });

  it('says there is nothing to compare for a page of one snapshot', () => {
    const page = historyPage({ key: KEY, title: 'Ferry', snapshots: [snapshot('2026-11-21T08-00-00Z', 'Ferry')], diffs: [] });
    expect(page).toContain('<p>Only one snapshot: nothing to compare yet.</p>');
    expect(page).not.toContain('class="diff"');
  });

  it('shows hostile titles and changed words as text', () => {
    const hostile = '<script>alert(1)</script>';
    const snapshots = [snapshot('2026-11-21T08-00-00Z', hostile), snapshot('2026-11-22T08-00-00Z', 'x')];
    const page = historyPage({ key: KEY, title: hostile, snapshots, diffs: [change({ title: hostile, text: 'a b' }, { title: 'x', text: `a b <img src=x onerror=alert(1)>` })] });
    expect(page).not.toMatch(/<script>|<img/);
    expect(page).toContain('<h1>History: &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

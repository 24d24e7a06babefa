/**
 * One article's files of the site (src/site/render-page.ts), from real extractions: its page and
 * its history with the word changes, its summary and search terms, the embedded posts the body
 * does not show, hostile page text shown as text, and a page whose snapshot cannot be read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchivedArticle } from '../../src/article.js';
import { sitePaths } from '../../src/site/pages/layout.js';
import type { SitePageSource } from '../../src/site/read.js';
import { renderPage, type RenderedPage, type SnapshotReader } from '../../src/site/render-page.js';
import { embed } from '../helpers/embeds.js';
import { BRIDGE_URL, FERRY_ADDITION, FERRY_QUOTE, FERRY_SPEAKER, FERRY_URL, sitePagesInMemory } from '../helpers/site-archive.js';

let ferry: SitePageSource;
let bridge: SitePageSource;
let read: SnapshotReader;
beforeAll(() => {
  ({ ferry, bridge, read } = sitePagesInMemory());
});

function rendered(page: SitePageSource, reader: SnapshotReader = read): RenderedPage {
  const result = renderPage(reader, page);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

/** A reader that changes the latest snapshot's Article as `change` says (page text a site could send). */
function changedLatest(page: SitePageSource, change: (article: ArchivedArticle) => ArchivedArticle): SnapshotReader {
  const latest = page.snapshots.at(-1)!.path;
  return (path) => {
    const article = read(path);
    return path === latest && article ? change(article) : article;
  };
}

describe('renderPage', () => {
  it('writes the article page and its history, the history showing the words added between snapshots', () => {
    const { files } = rendered(ferry);
    expect([...files.keys()].sort()).toEqual([sitePaths.article(ferry.key), sitePaths.history(ferry.key)].sort());
    const page = files.get(sitePaths.article(ferry.key))!;
    expect(page).toContain('<h1>The ferry report</h1>');
    expect(page).toContain(FERRY_QUOTE);
    expect(page).toContain(`— ${FERRY_SPEAKER}`);
    expect(page).toContain('>2 snapshots</a>');
    const history = files.get(sitePaths.history(ferry.key))!;
    expect(history).toMatch(new RegExp(`<ins>[^<]*${FERRY_ADDITION.split(' ')[0]}`));
    expect(history).toContain(`From ${ferry.snapshots[0]!.name} to ${ferry.snapshots[1]!.name}`);
  });

  it('sums the page up for the index and gives the search its terms, title and speakers weighing in', () => {
    const { summary, indexed } = rendered(ferry);
    expect(summary).toMatchObject({ key: ferry.key, url: FERRY_URL, title: 'The ferry report', speakers: [FERRY_SPEAKER], snapshots: 2, fetchedAt: '2026-11-22T08:00:00Z' });
    expect(indexed).toMatchObject({ id: ferry.key, title: 'The ferry report', site: 'harbour.example' });
    const weight = new Map(indexed.terms);
    expect(weight.get('ferry')).toBeGreaterThan(weight.get('council') ?? 0);
    expect(weight.has('marsh')).toBe(true);
  });

  it('a page of one snapshot has nothing to compare; one without a title is named by its URL', () => {
    const { files, indexed } = rendered(bridge, changedLatest(bridge, (a) => ({ ...a, title: '  ' })));
    expect(files.get(sitePaths.history(bridge.key))).toContain('Only one snapshot: nothing to compare yet.');
    expect(files.get(sitePaths.history(bridge.key))).toContain(`<h1>History: ${BRIDGE_URL}</h1>`);
    expect(indexed.title).toBe(BRIDGE_URL);
  });

  it('adds a card for each embedded post the body does not show, linking to it', () => {
    const post = embed({ kind: 'tweet', url: 'https://twitter.com/harbourdesk/status/1861234567890123456', authorHandle: 'harbourdesk', text: 'Ferry cancelled tonight' });
    const page = rendered(bridge, changedLatest(bridge, (a) => ({ ...a, embeds: [post] }))).files.get(sitePaths.article(bridge.key))!;
    expect(page).toContain('<h2 id="embeds-heading">Embedded posts</h2>');
    expect(page).toContain(`href="${post.url}"`);
    expect(page).toContain('Ferry cancelled tonight');
    expect(rendered(bridge).files.get(sitePaths.article(bridge.key))).not.toContain('Embedded posts');
  });

  it('shows a hostile title, byline and quotation as text, and drops the scripts of a hostile body', () => {
    const hostile = '<script>window.ran=1</script><img src=x onerror=alert(1)>';
    const { files } = rendered(
      ferry,
      changedLatest(ferry, (a) => ({
        ...a,
        title: hostile,
        byline: hostile,
        html: `${a.html}<script>window.ran=2</script><p onclick="alert(3)">Click</p>`,
        quotes: a.quotes.map((q) => ({ ...q, speaker: hostile })),
      })),
    );
    for (const file of files.values()) {
      expect(file).not.toMatch(/<script>|<img|<[^>]*\son(?:error|click)=/);
    }
    expect(files.get(sitePaths.article(ferry.key))).toContain('&lt;script&gt;window.ran=1&lt;/script&gt;');
    expect(files.get(sitePaths.history(ferry.key))).toContain('History: &lt;script&gt;');
  });

  it('says why when the latest snapshot cannot be read, and writes nothing', () => {
    expect(renderPage(() => undefined, ferry)).toBe(`snapshot ${ferry.snapshots[1]!.path} could not be read`);
  });
});

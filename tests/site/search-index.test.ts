/**
 * The site's search index on a real folder: what the builder writes (src/site/search-index.ts)
 * searched by the browser's own scripts (assets/search-engine.js, through searchSite), across
 * a main index, a delta that replaces some of its articles, and the merge of the two.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_FOLDER, SiteSearch, indexDocument, isMainIndexFile, searchSite, type SearchOutput } from '../../src/site/search-index.js';

let out: string;
let state: { main: string | undefined; delta: string | undefined };

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'clipfile-search-'));
  state = { main: undefined, delta: undefined };
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

/** Writes a build's search files as buildSite does (main files kept when unchanged). */
function write(output: SearchOutput): void {
  const folder = join(out, SEARCH_FOLDER);
  mkdirSync(folder, { recursive: true });
  const files = new Map([...(output.mainFiles ?? []), ...output.deltaFiles]);
  for (const name of readdirSync(folder)) if (!files.has(name) && (output.mainFiles || !isMainIndexFile(name))) rmSync(join(folder, name));
  for (const [name, content] of files) writeFileSync(join(folder, name), content);
  if (output.mainState !== null) state.main = output.mainState;
  state.delta = output.deltaState;
}

function article(id: string, title: string, text: string, byline = '') {
  return indexDocument({ id, title, byline, speakers: '', text, site: 'Example', published: null });
}

const keys = async (query: string) => (await searchSite(out, query)).results.map((r) => r.key);

describe('the search index', () => {
  it('finds articles holding every word, accents and case ignored, the last word completed, title matches first', async () => {
    const search = SiteSearch.open(out, undefined);
    search.put(article('a', 'Harbour council votes', 'The ferry will run again in the spring, the council said.'));
    search.put(article('b', 'Ferry timetable', 'Ferries leave the harbour every hour. Café owners welcomed it.'));
    search.put(article('c', 'Weather', 'Rain all week; ferry crossings may be cancelled.'));
    write(search.output(3));
    expect(await keys('ferry')).toEqual(['b', 'a', 'c']);
    expect((await keys('FERRY harbour')).sort()).toEqual(['a', 'b']);
    expect(await keys('cafe')).toEqual(['b']);
    expect(await keys('ferr')).toEqual(['b', 'a', 'c']);
    expect((await keys('harbour ferr')).sort()).toEqual(['a', 'b']);
    expect(await keys('submarine')).toEqual([]);
    expect((await searchSite(out, 'ferry', 2)).total).toBe(3);
  });

  it('a rebuild puts changed articles in the delta, which replaces their main entries, and merges it once large', async () => {
    const first = SiteSearch.open(out, undefined);
    for (let i = 0; i < 600; i++) first.put(article(`p${i}`, `Story ${i}`, i === 7 ? 'the old zanzibarite wording' : `common words ${i % 3 === 0 ? 'tram' : 'bus'}`));
    write(first.output(600));
    const mainFiles = readdirSync(join(out, SEARCH_FOLDER)).filter(isMainIndexFile).sort();
    expect(await keys('zanzibarite')).toEqual(['p7']);

    const second = SiteSearch.open(out, state);
    second.put(article('p7', 'Story 7', 'the new quixotic wording'));
    second.remove('p8');
    write(second.output(600));
    expect(readdirSync(join(out, SEARCH_FOLDER)).filter(isMainIndexFile).sort()).toEqual(mainFiles);
    expect(await keys('zanzibarite')).toEqual([]);
    expect(await keys('quixotic')).toEqual(['p7']);
    expect((await searchSite(out, 'bus')).total).toBe(398);

    // More than 500 changed articles: the delta joins the main index, read back from its shards.
    const third = SiteSearch.open(out, state);
    for (let i = 100; i < 700; i++) third.put(article(`p${i}`, `Story ${i}`, `renamed words ${i % 2 ? 'tram' : 'metro'}`));
    const merged = third.output(700);
    expect(merged.mainFiles).not.toBeNull();
    write(merged);
    expect(JSON.parse(state.delta!)).toEqual({ documents: [], superseded: [] });
    expect(await keys('quixotic')).toEqual(['p7']);
    expect(await keys('zanzibarite')).toEqual([]);
    expect((await searchSite(out, 'metro')).total).toBe(300);
    // p0–p99 kept their words (but p7, reworded, and p8, removed); p100–p699 were replaced.
    expect((await searchSite(out, 'bus')).total).toBe(66 - 2);
    expect((await searchSite(out, 'tram')).total).toBe(34 + 300);
    expect(readFileSync(join(out, SEARCH_FOLDER, 'core.js'), 'utf8')).toContain('"documents":699');
  });
});

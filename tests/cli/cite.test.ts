/**
 * `clipfile cite` on a real archive of fixture pages and pages served on 127.0.0.1 (written in
 * this process as `clipfile archive` writes it): every format is read back by a parser that is not citation-js (BibTeX and
 * BibLaTeX by @retorquere/bibtex-parser, RIS by astrocite-ris and a strict check of its tag
 * lines, CSL-JSON against a JSON Schema of CSL's data model), and must give the fields the
 * archived Article holds.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseBibtexText } from '@retorquere/bibtex-parser';
import { parse as parseRis } from 'astrocite-ris';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { archiveFilesInProcess } from '../helpers/archive-in-process.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { TestServer, html } from '../helpers/server.js';
import { HOSTILE_TITLE, blogPage, hardToCitePage } from '../cite/pages.js';

const SEED_URL = 'https://news.example.com/world/2015/05/29/us-trained-tajik-commander-defects/';
const INDEX_URL = 'https://news.example.com/world/';
let server: TestServer;
let root: string;
/** Each page's key and latest snapshot, as `archive --json` reports them. */
const archived = new Map<string, { key: string; snapshot: string }>();

// Each test runs the CLI several times; a loaded 2-core machine makes a run take seconds.
vi.setConfig({ testTimeout: 150_000 });

beforeAll(async () => {
  server = await TestServer.start();
  server.route('/2024/03/05/cafes', html(hardToCitePage()));
  server.route('/garden', html(blogPage()));
  const dir = mkdtempSync(join(tmpdir(), 'clipfile-cite-'));
  root = join(dir, 'archive');
  // The four pages: two files with their URLs ("FILE URL" list lines), two served.
  const results = await archiveFilesInProcess(root, [
    [join(repoRoot, 'fixtures/pages/seed-tajik-commander.html'), SEED_URL],
    [join(repoRoot, 'fixtures/pages/index-page.html'), INDEX_URL],
    server.url('/2024/03/05/cafes'),
    server.url('/garden'),
  ]);
  for (const result of results) archived.set(result.url, { key: result.key, snapshot: result.snapshotPath });
  expect(archived.size).toBe(4);
}, 180_000);
afterAll(async () => server.close());

/**
 * BibTeX as a reader sees it, titles as written: the parser would otherwise sentence-case
 * them, lowering capitals citation-js leaves unbraced (it braces only ASCII ones: "Москва").
 */
const parseBibtex = (text: string) => parseBibtexText(text, { sentenceCase: false });
const hardUrl = () => server.url('/2024/03/05/cafes');
const article = (url: string) => JSON.parse(readFileSync(join(root, archived.get(url)!.snapshot, 'article.json'), 'utf8'));
const fetchedDay = (url: string) => (article(url).provenance.fetchedAt as string).slice(0, 10);

async function cite(...args: string[]): Promise<string> {
  const result = await runCli(['cite', ...args, '-o', root]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('BibTeX and BibLaTeX', () => {
  it('read back by an independent parser, give the title, authors, site, dates, URL and the archived copy', async () => {
    const key = archived.get(hardUrl())!.key;
    const { entries } = await parseBibtex(await cite(key, '--format', 'bibtex'));
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry!.type).toBe('article');
    expect(entry!.fields.title).toBe(HOSTILE_TITLE);
    expect(entry!.fields.author).toEqual([{ lastName: 'La Fontaine', firstName: 'Jean-Luc', prefix: 'de' }, { name: 'Reuters Staff' }]);
    expect(entry!.fields.journal).toBe('Le Courrier Test');
    expect(entry!.fields.year).toBe('2024');
    expect(entry!.fields.url).toBe(hardUrl());
    const snapshot = archived.get(hardUrl())!.snapshot;
    expect(entry!.fields.note).toBe(
      `Accessed ${fetchedDay(hardUrl())}. Archived copy: ${snapshot} (content SHA-256 ${article(hardUrl()).provenance.sha256.content})`,
    );
    expect(entry!.key).toBe(`lafontaine2024braces_${key}`);

    const latex = await parseBibtex(await cite(key, '--format', 'biblatex'));
    const fields = latex.entries[0]!.fields;
    expect(fields.title).toBe(HOSTILE_TITLE);
    expect(fields.journaltitle).toBe('Le Courrier Test');
    expect(fields.date).toBe('2024-03-05');
    expect(fields.urldate).toBe(fetchedDay(hardUrl()));
    expect(fields.langid ?? fields.language).toBe('fr-FR');
    expect(fields.note).toContain(snapshot);
  });

  it('keys are stable from run to run, and a named snapshot gets its own; a blog post and an index page are online entries', async () => {
    const all = await cite('--all', '--format', 'biblatex');
    expect(await cite('--all', '--format', 'biblatex')).toBe(all);
    const { entries } = await parseBibtex(all);
    expect(entries).toHaveLength(4);
    const byUrl = new Map(entries.map((entry) => [entry.fields.url as string, entry]));
    expect(byUrl.get(SEED_URL)!.type).toBe('article');
    expect(byUrl.get(SEED_URL)!.key).toBe(`farouk2015ustrained_${archived.get(SEED_URL)!.key}`);
    expect(byUrl.get(server.url('/garden'))!.type).toBe('online');
    expect(byUrl.get(INDEX_URL)!.type).toBe('online');

    const { key, snapshot } = archived.get(SEED_URL)!;
    const name = snapshot.split('/').at(-1)!;
    const named = await parseBibtex(await cite(`${key}@${name}`));
    expect(named.entries[0]!.key).toBe(`farouk2015ustrained_${key}_${name.replace(/\D/g, '')}`);
  });
});

describe('RIS', () => {
  it('every line is a tag line; read back it gives the same fields', async () => {
    const text = await cite(archived.get(hardUrl())!.key, archived.get(server.url('/garden'))!.key, '--format', 'ris');
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-( .*)?$/);
    const [news, blog] = text.split(/(?=^TY {2}- )/m);
    expect(news).toMatch(/^TY {2}- NEWS$/m);
    expect(news!.match(/^AU {2}- .*$/gm)).toEqual(['AU  - de La Fontaine, Jean-Luc', 'AU  - Reuters Staff']);
    expect(news).toMatch(/^DA {2}- 2024\/03\/05\/$/m);
    expect(news).toMatch(new RegExp(`^Y2 {2}- ${fetchedDay(hardUrl()).replaceAll('-', '/').replace(/\/0(\d)$/, '/$1').replace(/\/0(\d)\//, '/$1/')}/$`, 'm'));
    expect(blog).toMatch(/^TY {2}- ELEC$/m);

    const [item] = parseRis(text) as Record<string, unknown>[];
    expect(item).toMatchObject({
      type: 'article-newspaper',
      title: HOSTILE_TITLE,
      'container-title': 'Le Courrier Test',
      URL: hardUrl(),
      language: 'fr-FR',
      // RIS cannot mark a name as literal: "AU  - Reuters Staff" (checked above) reads back as two words.
      author: [{ family: 'de La Fontaine', given: 'Jean-Luc' }, { family: 'Staff', given: 'Reuters' }],
    });
    expect(item!.note).toContain(archived.get(hardUrl())!.snapshot);
  });
});

describe('CSL-JSON', () => {
  it('validates against the CSL data schema and holds the Article fields', async () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/csl-data.schema.json'), 'utf8'));
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);
    const items = JSON.parse(await cite('--all', '--format', 'csl-json')) as Record<string, unknown>[];
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    const hard = items.find((item) => item.URL === hardUrl())!;
    expect(hard).toMatchObject({
      type: 'article-newspaper',
      title: HOSTILE_TITLE,
      author: [{ family: 'La Fontaine', given: 'Jean-Luc', 'non-dropping-particle': 'de' }, { literal: 'Reuters Staff' }],
      'container-title': 'Le Courrier Test',
      issued: { 'date-parts': [[2024, 3, 5]] },
      language: 'fr-FR',
      archive_location: archived.get(hardUrl())!.snapshot,
    });
    const [year, month, day] = fetchedDay(hardUrl()).split('-').map(Number);
    expect(hard.accessed).toEqual({ 'date-parts': [[year, month, day]] });
    expect(items.find((item) => item.URL === INDEX_URL)!.type).toBe('webpage');
  });
});

describe('formatted references (citeproc)', () => {
  it('APA, Chicago and MLA name the authors, title, site and URL', async () => {
    const key = archived.get(hardUrl())!.key;
    const apa = await cite(key, '--format', 'apa');
    expect(apa).toContain('de La Fontaine, J.-L. & Reuters Staff. (2024, March 5).');
    expect(apa).toContain(HOSTILE_TITLE);
    expect(apa).toContain(hardUrl());
    const chicago = await cite(key, '--format', 'chicago');
    expect(chicago).toContain('La Fontaine, Jean-Luc de and Reuters Staff. 2024.');
    expect(chicago).toContain(`“${HOSTILE_TITLE}.” Le Courrier Test, March 5, 2024.`);
    const mla = await cite(key, '--format', 'mla');
    expect(mla).toContain('de La Fontaine, Jean-Luc and Reuters Staff.');
    expect(mla).toContain('Le Courrier Test, 5 Mar. 2024');
  });
});

describe('choosing pages', () => {
  it('--search cites what the search finds; an unknown reference is one line naming it, exit 1', async () => {
    const found = JSON.parse(await cite('--search', 'Khalimov', '--format', 'csl-json')) as { URL: string }[];
    expect(found.map((item) => item.URL)).toEqual([SEED_URL]);

    const missing = await runCli(['cite', 'nope', archived.get(SEED_URL)!.key, '-o', root]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error nope: not in the archive\n');
    expect(missing.stdout).toContain('farouk2015ustrained_');

    const nothing = await runCli(['cite', '-o', root]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^error cite: name pages to cite/);
  });
});

describe('genre', () => {
  it('comes from the Article as extraction recorded it, and from the captured page only for a snapshot older than that', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'clipfile-cite-genre-')), 'archive');
    cpSync(root, copy, { recursive: true });
    const blog = archived.get(server.url('/garden'))!;
    const snapshot = join(copy, blog.snapshot);
    const stored = JSON.parse(readFileSync(join(snapshot, 'article.json'), 'utf8'));
    expect(stored.genre).toBe('web');
    expect(JSON.parse(readFileSync(join(copy, archived.get(hardUrl())!.snapshot, 'article.json'), 'utf8'))).toMatchObject({
      genre: 'news',
      authors: ['Jean-Luc de La Fontaine', 'Reuters Staff'],
      authorOrganisations: ['Reuters Staff'],
    });
    const typeOf = async () => {
      const result = await runCli(['cite', blog.key, '--format', 'csl-json', '-o', copy]);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { type: string }[])[0]!.type;
    };
    // The captured page is not read: without it the blog post is still a web page (a dated,
    // signed article, the Article alone would make it news).
    rmSync(join(snapshot, 'source.html'));
    expect(await typeOf()).toBe('webpage');
    // A snapshot from before the genre was recorded, without its page: decided from the Article.
    const { genre: _genre, authorOrganisations: _organisations, ...older } = stored;
    writeFileSync(join(snapshot, 'article.json'), `${JSON.stringify(older, null, 2)}\n`);
    expect(await typeOf()).toBe('article-newspaper');
    // With its page: read from the page's JSON-LD (BlogPosting), as before.
    writeFileSync(join(snapshot, 'source.html'), blogPage());
    expect(await typeOf()).toBe('webpage');
  });
});

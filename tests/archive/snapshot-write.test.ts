/**
 * src/archive/snapshot-write.ts on real folders: the ArchivedArticle and its provenance, a free
 * snapshot name, abandoned temporaries cleared (a planted link refused), and a snapshot folder
 * that appears complete or not at all.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageIdentity } from '../../src/archive/layout.js';
import { PlantedLinkError } from '../../src/archive/safe-fs.js';
import {
  buildArchivedArticle,
  freeSnapshotNameIn,
  removeAbandonedTemporaries,
  writeSnapshotFolder,
  type SnapshotInput,
} from '../../src/archive/snapshot-write.js';
import { SourceError } from '../../src/errors.js';
import { fetchedStory } from '../helpers/fetched-story.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'clipfile-snapshot-write-'));
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const BRIDGE = 'https://news.example/bridge';
const FETCHED_AT = '2026-11-25T10:00:00.000Z';

/** The bridge story as fetched from `url` (tracking parameters, a fragment) after a redirect from `requested`. */
function bridgeInput(url = BRIDGE, requested = BRIDGE): SnapshotInput {
  const input = fetchedStory(url, 'bridge', FETCHED_AT, { headers: { etag: '"e1"' } });
  return { ...input, capture: { ...input.capture, requestedUrl: requested, redirects: [requested, url] }, options: { timeout: 30, warc: false } };
}

describe('buildArchivedArticle', () => {
  it('files the Article under its identity URL and records how it was obtained', () => {
    const tracked = `${BRIDGE}?utm_source=mail&id=7#comments`;
    const input = bridgeInput(tracked, 'https://news.example/b');
    const identity = pageIdentity(tracked, input.article.canonicalUrl);
    const archived = buildArchivedArticle(input, identity);
    expect(archived.url).toBe(`${BRIDGE}?id=7`);
    expect(archived.title).toBe(input.article.title);
    expect(archived.markdown).toBe(input.article.markdown);
    const { provenance } = archived;
    expect(provenance.url).toBe(identity.url);
    expect(provenance.requestedUrl).toBe('https://news.example/b');
    expect(provenance.redirects).toEqual(['https://news.example/b', tracked]);
    expect(provenance.status).toBe(200);
    expect(provenance.headers).toEqual({ etag: '"e1"' });
    expect(provenance.fetchedAt).toBe(FETCHED_AT);
    expect(provenance.source).toBe('http');
    expect(provenance.encoding).toBe(input.decoded.encoding);
    expect(provenance.sha256).toEqual({
      capture: sha256(input.capture.bytes),
      text: sha256(input.article.text),
      content: sha256(`${input.article.title}\n\n${input.article.markdown}`),
    });
    expect(provenance.clipfile.options).toEqual({ timeout: 30, warc: false });
    expect(provenance.clipfile.version).toMatch(/^\d+\.\d+\.\d+/);
    expect('rendered' in provenance).toBe(false);
    expect('render' in provenance).toBe(false);
    expect('origin' in provenance).toBe(false);
  });

  it('records a rendered page (what, why, when, the digest of rendered.html) and a feed origin when given', () => {
    const input: SnapshotInput = {
      ...bridgeInput(),
      rendered: { html: '<html><body>rendered</body></html>', reason: 'low-confidence', browser: 'Chromium 156', renderedAt: FETCHED_AT },
    };
    input.capture = { ...input.capture, origin: { feed: 'https://news.example/feed.xml', entryId: 'e-1' } };
    const { provenance } = buildArchivedArticle(input, pageIdentity(BRIDGE, null));
    expect(provenance.rendered).toBe(true);
    expect(provenance.render).toEqual({
      reason: 'low-confidence',
      browser: 'Chromium 156',
      renderedAt: FETCHED_AT,
      sha256: sha256('<html><body>rendered</body></html>'),
    });
    expect(provenance.origin).toEqual({ feed: 'https://news.example/feed.xml', entryId: 'e-1' });
  });
});

describe('freeSnapshotNameIn', () => {
  it('gives the base name in a new or free folder, and counts up past any entry that takes it', () => {
    const pageDir = scratch();
    expect(freeSnapshotNameIn(join(pageDir, 'missing'), '2026-11-25T10-00-00Z')).toBe('2026-11-25T10-00-00Z');
    expect(freeSnapshotNameIn(pageDir, '2026-11-25T10-00-00Z')).toBe('2026-11-25T10-00-00Z');
    mkdirSync(join(pageDir, '2026-11-25T10-00-00Z'));
    expect(freeSnapshotNameIn(pageDir, '2026-11-25T10-00-00Z')).toBe('2026-11-25T10-00-00Z-2');
    writeFileSync(join(pageDir, '2026-11-25T10-00-00Z-2'), 'a file');
    symlinkSync(join(pageDir, 'nowhere'), join(pageDir, '2026-11-25T10-00-00Z-3'));
    expect(freeSnapshotNameIn(pageDir, '2026-11-25T10-00-00Z')).toBe('2026-11-25T10-00-00Z-4');
  });
});

describe('removeAbandonedTemporaries', () => {
  it('removes temporary folders and files a dead run left, and nothing else', () => {
    const root = scratch();
    const pageDir = join(root, 'news.example', 'page--0123456789');
    mkdirSync(join(pageDir, '.tmp-2026-11-25T10-00-00Z-99', 'deep'), { recursive: true });
    writeFileSync(join(pageDir, '.tmp-2026-11-25T10-00-00Z-99', 'deep', 'source.html'), 'half');
    writeFileSync(join(pageDir, '.tmp-stray'), 'x');
    mkdirSync(join(pageDir, '2026-11-24T10-00-00Z'));
    writeFileSync(join(pageDir, 'checks.ndjson'), '');
    removeAbandonedTemporaries(root, pageDir);
    expect(readdirSync(pageDir).sort()).toEqual(['2026-11-24T10-00-00Z', 'checks.ndjson']);
  });

  it('refuses a link planted under a temporary name, and leaves it and its target alone', () => {
    const root = scratch();
    const outside = scratch();
    writeFileSync(join(outside, 'keep.txt'), 'not ours');
    const pageDir = join(root, 'news.example', 'page--0123456789');
    mkdirSync(pageDir, { recursive: true });
    symlinkSync(outside, join(pageDir, '.tmp-planted'));
    expect(() => removeAbandonedTemporaries(root, pageDir)).toThrow(PlantedLinkError);
    expect(readdirSync(pageDir)).toEqual(['.tmp-planted']);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('not ours');
  });

  it('refuses a page folder that is itself a link', () => {
    const root = scratch();
    const outside = scratch();
    mkdirSync(join(outside, '.tmp-x'));
    mkdirSync(join(root, 'news.example'));
    symlinkSync(outside, join(root, 'news.example', 'page--0123456789'));
    expect(() => removeAbandonedTemporaries(root, join(root, 'news.example', 'page--0123456789'))).toThrow(PlantedLinkError);
    expect(existsSync(join(outside, '.tmp-x'))).toBe(true);
  });
});

describe('writeSnapshotFolder', () => {
  it('writes source.html, article.md and article.json (and the WARC and rendered page when given), then nothing else', () => {
    const root = scratch();
    const pageDir = join(root, 'news.example', 'page--0123456789');
    const input: SnapshotInput = {
      ...bridgeInput(),
      warc: new Uint8Array([0x1f, 0x8b, 8, 0]),
      rendered: { html: '<p>rendered</p>', reason: 'always', browser: 'Chromium 156', renderedAt: FETCHED_AT },
    };
    const archived = buildArchivedArticle(input, pageIdentity(BRIDGE, null));
    const notes: string[] = [];
    writeSnapshotFolder(root, { source: BRIDGE, pageDir, name: '2026-11-25T10-00-00Z' }, archived, input, (n) => notes.push(n));
    expect(notes).toEqual([]);
    expect(readdirSync(pageDir)).toEqual(['2026-11-25T10-00-00Z']);
    const snapshot = join(pageDir, '2026-11-25T10-00-00Z');
    expect(readdirSync(snapshot).sort()).toEqual(['article.json', 'article.md', 'capture.warc.gz', 'rendered.html', 'source.html']);
    expect(readFileSync(join(snapshot, 'source.html')).equals(Buffer.from(input.capture.bytes))).toBe(true);
    expect([...readFileSync(join(snapshot, 'capture.warc.gz'))]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(readFileSync(join(snapshot, 'rendered.html'), 'utf8')).toBe('<p>rendered</p>');
    expect(JSON.parse(readFileSync(join(snapshot, 'article.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(archived)));
    const markdown = readFileSync(join(snapshot, 'article.md'), 'utf8');
    expect(markdown.startsWith('---\ntitle: The bridge report\n')).toBe(true);
    expect(markdown.endsWith(`\n\n${archived.markdown}\n`)).toBe(true);
  });

  it('writes no WARC or rendered page when none is given', () => {
    const root = scratch();
    const pageDir = join(root, 'news.example', 'page--0123456789');
    const input = bridgeInput();
    writeSnapshotFolder(root, { source: BRIDGE, pageDir, name: '2026-11-25T10-00-00Z' }, buildArchivedArticle(input, pageIdentity(BRIDGE, null)), input, () => {});
    expect(readdirSync(join(pageDir, '2026-11-25T10-00-00Z')).sort()).toEqual(['article.json', 'article.md', 'source.html']);
  });

  it('fails as an archive-write error of the source and leaves no temporary when the rename cannot land', () => {
    const root = scratch();
    const pageDir = join(root, 'news.example', 'page--0123456789');
    mkdirSync(join(pageDir, '2026-11-25T10-00-00Z'), { recursive: true });
    writeFileSync(join(pageDir, '2026-11-25T10-00-00Z', 'article.json'), '{"kept": true}');
    const input = bridgeInput();
    let error: unknown;
    try {
      writeSnapshotFolder(root, { source: BRIDGE, pageDir, name: '2026-11-25T10-00-00Z' }, buildArchivedArticle(input, pageIdentity(BRIDGE, null)), input, () => {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('archive-write');
    expect((error as SourceError).message).toMatch(new RegExp(`^${BRIDGE}: cannot write to the archive ${root}: `));
    expect(readdirSync(pageDir)).toEqual(['2026-11-25T10-00-00Z']);
    expect(readFileSync(join(pageDir, '2026-11-25T10-00-00Z', 'article.json'), 'utf8')).toBe('{"kept": true}');
  });

  it('refuses a host folder planted as a link, writing nothing through it', () => {
    const root = scratch();
    const outside = scratch();
    symlinkSync(outside, join(root, 'news.example'));
    const input = bridgeInput();
    expect(() =>
      writeSnapshotFolder(
        root,
        { source: BRIDGE, pageDir: join(root, 'news.example', 'page--0123456789'), name: '2026-11-25T10-00-00Z' },
        buildArchivedArticle(input, pageIdentity(BRIDGE, null)),
        input,
        () => {},
      ),
    ).toThrow(`${BRIDGE}: refusing to follow the symbolic link ${join(root, 'news.example')} planted in the archive`);
    expect(readdirSync(outside)).toEqual([]);
  });
});

/**
 * The pages fuzzing starts from and the failing pages it kept (fixtures/hostile/), shared by
 * `npm run fuzz` (bench/fuzz.ts) and the test that replays them (tests/extract/fuzz.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot, loadAebDev, loadReadabilityCase, readabilityCaseNames, READABILITY_TEST_URL } from './corpus.js';

export interface SeedPage {
  name: string;
  bytes: Buffer;
  url: string | null;
}

/** The pages fuzzing starts from: the golden fixtures, and the corpora's pages when asked. */
export function seedPages(withCorpus: boolean): SeedPage[] {
  const root = findRepoRoot();
  const fixtures = JSON.parse(readFileSync(path.join(root, 'fixtures/pages.json'), 'utf8')) as Record<string, { url: string }>;
  const pages: SeedPage[] = Object.entries(fixtures).map(([name, { url }]) => ({
    name: `fixtures/${name}`,
    bytes: readFileSync(path.join(root, 'fixtures/pages', `${name}.html`)),
    url,
  }));
  if (!withCorpus) return pages;
  for (const page of loadAebDev()) pages.push({ name: `aeb-dev/${page.id}`, bytes: Buffer.from(page.html), url: page.url || null });
  for (const name of readabilityCaseNames()) {
    pages.push({ name: `readability/${name}`, bytes: Buffer.from(loadReadabilityCase(name).html), url: READABILITY_TEST_URL });
  }
  return pages;
}

export const HOSTILE_FIXTURES_DIR = 'fixtures/hostile';

/** The kept failing pages: fixtures/hostile/NAME.html with NAME.json beside it. */
export function keptPages(): { name: string; bytes: Buffer; url: string | null }[] {
  const dir = path.join(findRepoRoot(), HOSTILE_FIXTURES_DIR);
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.html'));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const about = JSON.parse(readFileSync(path.join(dir, file.replace(/\.html$/, '.json')), 'utf8')) as { url: string | null };
    return { name: file, bytes: readFileSync(path.join(dir, file)), url: about.url };
  });
}

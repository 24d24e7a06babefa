/**
 * Runs clipfile's real extraction over ../shared/corpus/quotes-dev and quotes-train and collects
 * its quotations in score.py's prediction format. Shared by `npm run bench:quotes` and
 * tests/corpus/quotes.test.ts. quotes-train is split into a study half (read its failures) and a
 * check half (only scored) by `trainHalf`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Quote } from '../src/article.js';
import { extractArticle } from '../src/extract/pipeline.js';
import { findQuotes } from '../src/extract/quotes/index.js';
import { corpusRoot, CorpusMissingError, type Half } from './corpus.js';
import type { Gold, Predictions } from './quotes-score.js';

export function quotesDevDir(repoRoot?: string): string {
  return path.join(corpusRoot(repoRoot), 'quotes-dev');
}

export function quotesTrainDir(repoRoot?: string): string {
  return path.join(corpusRoot(repoRoot), 'quotes-train');
}

export function loadQuotesGold(dir: string = quotesDevDir()): Gold {
  const file = path.join(dir, 'gold.json');
  if (!existsSync(file)) {
    throw new CorpusMissingError(
      `${path.basename(dir)} corpus not found at ${file} (expected ../shared/corpus/${path.basename(dir)} next to the repository; see ../shared/corpus/README.md)`,
      file,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Gold;
}

/** The same two halves as the quality sets' (eval/corpus.ts), drawn by a hash of their own. */
export type TrainHalf = Half;

/**
 * The fixed half of quotes-train an article belongs to: FNV-1a (32-bit) of its name, even →
 * study, odd → check. Depends on the name only, so the halves never move as rules change.
 */
export function trainHalf(name: string): TrainHalf {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % 2 === 0 ? 'study' : 'check';
}

/** The gold restricted to the docs `keep` accepts (quotes and unattributed text with them). */
export function goldSubset(gold: Gold, keep: (name: string) => boolean): Gold {
  return {
    docs: Object.fromEntries(Object.entries(gold.docs).filter(([name]) => keep(name))),
    quotes: gold.quotes.filter((q) => keep(q.doc)),
    unattributed: (gold.unattributed ?? []).filter((u) => keep(u.doc)),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A gold doc as the small page the corpus README describes: the headline as <h1>, each paragraph as <p>. */
export function docAsHtml(name: string, doc: string): string {
  const [headline = '', ...paragraphs] = doc.split(/\n[ \t]*\n/);
  const body = paragraphs
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(headline.trim())}</title></head>
<body><article><h1>${escapeHtml(headline.trim())}</h1>
${body}
</article></body></html>`;
}

export interface DocResult {
  name: string;
  quotes: Quote[];
  text: string;
  error: string | null;
  /** CPU milliseconds the quotation stage alone takes on the extracted text (findQuotes, run again). */
  quoteMs: number;
}

/** An article's extracted text and language: what the quotation stage reads. */
export interface DocText {
  text: string;
  lang: string | null;
}

/** A doc as the real extraction reads it (charThreshold 0: some docs are a few lines long). */
export function extractDoc(name: string, doc: string): { text: string; lang: string | null; quotes: Quote[] } {
  const article = extractArticle(
    { html: docAsHtml(name, doc), url: `https://quotes-dev.invalid/${encodeURIComponent(name)}`, source: name },
    { charThreshold: 0 },
  );
  return { text: article.text, lang: article.lang, quotes: article.quotes };
}

/**
 * Extracts every doc and returns the predictions. With `texts` (extracted texts kept from an
 * earlier run, by doc name: the corpus pages carry no <blockquote> or <q>, so the quotation stage
 * needs nothing else) a doc found there is not extracted again; new ones are added to it.
 */
export async function predictQuotes(gold: Gold, texts?: Record<string, DocText>): Promise<{ predictions: Predictions; docs: DocResult[] }> {
  const predictions: Predictions = {};
  const docs: DocResult[] = [];
  for (const [name, doc] of Object.entries(gold.docs)) {
    try {
      const kept = texts?.[name];
      const article = kept ? { ...kept, quotes: findQuotes(kept.text, { lang: kept.lang }) } : extractDoc(name, doc);
      if (texts && !kept) texts[name] = { text: article.text, lang: article.lang };
      predictions[name] = article.quotes.map((q) => ({ text: q.text, speaker: q.speaker }));
      // CPU time, not wall time: the machine the bench runs on is often shared.
      const started = process.cpuUsage();
      findQuotes(article.text, { lang: article.lang });
      const used = process.cpuUsage(started);
      docs.push({ name, quotes: article.quotes, text: article.text, error: null, quoteMs: (used.user + used.system) / 1000 });
    } catch (error) {
      predictions[name] = [];
      docs.push({ name, quotes: [], text: '', error: error instanceof Error ? error.message : String(error), quoteMs: 0 });
    }
  }
  return { predictions, docs };
}

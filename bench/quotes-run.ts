/**
 * Runs clipfile's real extraction over ../shared/corpus/quotes-dev and collects its quotations
 * in score.py's prediction format. Shared by `npm run bench:quotes` and tests/corpus/quotes.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Quote } from '../src/article.js';
import { extractArticle } from '../src/extract/pipeline.js';
import { corpusRoot, CorpusMissingError } from './corpus.js';
import type { Gold, Predictions } from './quotes-score.js';

export function quotesDevDir(repoRoot?: string): string {
  return path.join(corpusRoot(repoRoot), 'quotes-dev');
}

export function loadQuotesGold(dir: string = quotesDevDir()): Gold {
  const file = path.join(dir, 'gold.json');
  if (!existsSync(file)) {
    throw new CorpusMissingError(
      `quotes-dev corpus not found at ${file} (expected ../shared/corpus/quotes-dev next to the repository; see ../shared/corpus/README.md)`,
      file,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Gold;
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
}

/** Extracts every doc (charThreshold 0: some docs are a few lines long) and returns the predictions. */
export async function predictQuotes(gold: Gold): Promise<{ predictions: Predictions; docs: DocResult[] }> {
  const predictions: Predictions = {};
  const docs: DocResult[] = [];
  for (const [name, doc] of Object.entries(gold.docs)) {
    try {
      const article = extractArticle(
        { html: docAsHtml(name, doc), url: `https://quotes-dev.invalid/${encodeURIComponent(name)}`, source: name },
        { charThreshold: 0 },
      );
      predictions[name] = article.quotes.map((q) => ({ text: q.text, speaker: q.speaker }));
      docs.push({ name, quotes: article.quotes, text: article.text, error: null });
    } catch (error) {
      predictions[name] = [];
      docs.push({ name, quotes: [], text: '', error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { predictions, docs };
}

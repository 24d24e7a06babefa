/** Reader comments the page declares in JSON-LD (schema.org Comment), for pages that show none in their markup. */
import type { ReaderComment } from '../../article.js';
import type { Document } from '../dom.js';

/** How deep the JSON-LD is searched: replies of replies, inside a graph, inside an article. */
const MAX_NESTING = 12;
const MAX_COMMENTS = 2000;

export function jsonLdComments(document: Document): ReaderComment[] {
  const out: ReaderComment[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type]'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    collect(data, 0, 0, out);
  }
  return out;
}

function collect(node: unknown, nesting: number, replyDepth: number, out: ReaderComment[]): void {
  if (nesting > MAX_NESTING || out.length >= MAX_COMMENTS || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, nesting + 1, replyDepth, out);
    return;
  }
  const object = node as Record<string, unknown>;
  const types = ([] as unknown[]).concat(object['@type'] ?? []);
  const isComment = types.some((t) => t === 'Comment' || t === 'Answer');
  if (isComment) {
    const text = typeof object.text === 'string' ? object.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() : '';
    if (text) out.push({ author: personName(object.author), date: dateText(object.dateCreated ?? object.datePublished), text, replyDepth });
  }
  for (const [key, value] of Object.entries(object)) {
    if (key === 'author' || key === 'publisher') continue;
    collect(value, nesting + 1, isComment && (key === 'comment' || key === 'hasPart') ? replyDepth + 1 : replyDepth, out);
  }
}

function personName(author: unknown): string | null {
  const first = Array.isArray(author) ? author[0] : author;
  if (typeof first === 'string') return first.trim() || null;
  if (first && typeof first === 'object' && typeof (first as { name?: unknown }).name === 'string') {
    return ((first as { name: string }).name).trim() || null;
  }
  return null;
}

function dateText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

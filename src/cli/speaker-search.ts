/**
 * `search speaker:NAME` with the speakers merged across the archive: "speaker:'Helena Marsh'"
 * also finds the pages where she is quoted as "Marsh" or "Mrs. Marsh" (and not her namesake's).
 * The speaker terms of a query that must all hold (a lone term, or the operands of AND) are
 * widened to every form of the identities they name, and the hits are then kept only where
 * one of those identities is quoted.
 */
import type { IndexDatabase, SearchHit } from '../archive/index-db.js';
import type { SearchQuery, SearchTerm } from '../archive/search-query.js';
import { foldedWords } from '../archive/speakers.js';
import { mergeSpeakers } from './speakers.js';

interface SearchOptions {
  limit?: number;
  allSnapshots?: boolean;
  markers?: [string, string];
}

function requiredSpeakerTerms(query: SearchQuery): SearchTerm[] {
  if (query.kind === 'term') return query.field === 'speaker' && !query.prefix ? [query] : [];
  if (query.kind === 'and') return query.operands.flatMap((operand) => (operand.kind === 'term' ? requiredSpeakerTerms(operand) : []));
  return [];
}

export function searchWithSpeakers(index: IndexDatabase, query: SearchQuery, options: SearchOptions): SearchHit[] {
  const terms = requiredSpeakerTerms(query);
  if (!terms.length) return index.search(query, options);
  const merged = mergeSpeakers(index.quotesWithSpeakers({ allSnapshots: options.allSnapshots }));
  // For each speaker term: the identities it names, every form they go by, and the pages quoting them.
  const widened = new Map<SearchTerm, SearchQuery>();
  const pagesOf = new Map<SearchTerm, Set<string>>();
  for (const term of terms) {
    const keys = merged.directory.matching(term.words.join(' '));
    const rows = merged.rows.filter((p) => keys.has(merged.directory.keyOf(p.occurrence) ?? ''));
    if (!rows.length) continue;
    pagesOf.set(term, new Set(rows.map((p) => `${p.row.key}\u0000${p.row.snapshot}`)));
    const forms = new Set(rows.flatMap((p) => [p.occurrence.speaker, p.occurrence.mention ?? '']).filter((f) => /\p{Lu}/u.test(f)));
    const alternatives: SearchQuery[] = [term, ...[...forms].map((form): SearchTerm => ({ kind: 'term', field: 'speaker', words: foldedWords(form), phrase: false, prefix: false }))];
    widened.set(term, { kind: 'or', operands: alternatives.filter((a) => a.kind !== 'term' || a.words.length > 0) });
  }
  if (!widened.size) return index.search(query, options);
  const rewrite = (q: SearchQuery): SearchQuery =>
    q.kind === 'term' ? (widened.get(q) ?? q) : q.kind === 'and' ? { kind: 'and', operands: q.operands.map(rewrite) } : q;
  const hits = index.search(rewrite(query), { ...options, limit: -1 });
  const kept = hits.filter((hit) => [...pagesOf.values()].every((pages) => pages.has(`${hit.key}\u0000${hit.snapshot}`)));
  return options.limit === undefined || options.limit < 0 ? kept : kept.slice(0, options.limit);
}

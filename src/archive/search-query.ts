/**
 * The search language, parsed into a structured query before any FTS5 text is built:
 *
 *   words           all must match (AND is implied; `AND` may be written)
 *   "a phrase"      the words in this order (a phrase left open runs to the end)
 *   prefix*         any word starting so
 *   a OR b          either; `a NOT b`: a without b; ( ) group
 *   speaker:Name    pages quoting that speaker (speaker:"Full Name"); quote:, title:, byline:
 *
 * AND, OR and NOT are operators only in upper case: "rock or roll" searches for three words.
 * NOT needs something before it (FTS5 cannot list what lacks a word): `NOT gun` is an error.
 * A mistake is a SearchSyntaxError naming its position (1-based, in characters).
 */

export type SearchField = 'speaker' | 'quote' | 'title' | 'byline';

/** A word, several words that must all occur (a field term), or a phrase, possibly a prefix. */
export interface SearchTerm {
  kind: 'term';
  field: SearchField | null;
  words: string[];
  phrase: boolean;
  prefix: boolean;
}

export type SearchQuery =
  | SearchTerm
  | { kind: 'and' | 'or'; operands: SearchQuery[] }
  | { kind: 'not'; include: SearchQuery; exclude: SearchQuery };

export class SearchSyntaxError extends Error {
  override readonly name = 'SearchSyntaxError';
  constructor(
    /** 1-based character position in the query as typed. */
    readonly position: number,
    readonly reason: string,
  ) {
    super(`${reason} (at character ${position})`);
  }
}

/** The index column each field prefix searches. */
const FIELD_COLUMNS: Record<SearchField, string> = {
  speaker: 'speakers',
  quote: 'quotes',
  title: 'title',
  byline: 'byline',
};

const OPERATORS = ['AND', 'OR', 'NOT'] as const;
type Operator = (typeof OPERATORS)[number];

type Token =
  | { kind: 'operator'; operator: Operator; position: number }
  | { kind: 'open'; position: number }
  | { kind: 'close'; position: number }
  | { kind: 'term'; term: SearchTerm | null; position: number };

const WORD = /[\p{L}\p{N}_]+/gu;
const FIELD_PREFIX = /^([a-z]+):/i;

function isField(name: string): name is SearchField {
  return Object.hasOwn(FIELD_COLUMNS, name);
}

/** A term as typed, or null when it holds no searchable word (punctuation only). */
function termOf(raw: string, phrase: boolean): SearchTerm | null {
  let text = raw;
  let field: SearchField | null = null;
  const prefixMatch = FIELD_PREFIX.exec(text);
  if (prefixMatch && isField(prefixMatch[1]!.toLowerCase()) && text.length > prefixMatch[0].length) {
    field = prefixMatch[1]!.toLowerCase() as SearchField;
    text = text.slice(prefixMatch[0].length);
  }
  const prefix = !phrase && text.endsWith('*');
  const words = text.match(WORD);
  if (!words) return null;
  return { kind: 'term', field, words, phrase, prefix };
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < input.length) {
    const character = input[at]!;
    if (/\s/.test(character)) {
      at++;
      continue;
    }
    const position = at + 1;
    if (character === '(' || character === ')') {
      tokens.push({ kind: character === '(' ? 'open' : 'close', position });
      at++;
      continue;
    }
    const quotedField = /^(?:[a-z]+:)?"/i.exec(input.slice(at));
    if (quotedField) {
      // A phrase left open runs to the end of the query: what was meant is plain enough.
      const found = input.indexOf('"', at + quotedField[0].length);
      const closing = found < 0 ? input.length : found;
      const fieldPart = quotedField[0].slice(0, -1);
      tokens.push({ kind: 'term', term: termOf(fieldPart + input.slice(at + quotedField[0].length, closing), true), position });
      at = closing + 1;
      continue;
    }
    let end = at;
    while (end < input.length && !/[\s()"]/.test(input[end]!)) end++;
    const raw = input.slice(at, end);
    if ((OPERATORS as readonly string[]).includes(raw)) tokens.push({ kind: 'operator', operator: raw as Operator, position });
    else tokens.push({ kind: 'term', term: termOf(raw, false), position });
    at = end;
  }
  return tokens;
}

/**
 * Parses what a person typed; null when it holds nothing to search for. Whole on purpose (longer
 * than 60 lines): the grammar, one closure per level (OR, AND, NOT, a term or a group) over one
 * token cursor, read top to bottom like the grammar it is.
 */
export function parseSearchQuery(input: string): SearchQuery | null {
  const tokens = tokenize(input);
  let next = 0;
  const peek = () => tokens[next];
  const endPosition = input.length + 1;

  // Each level returns null for an operand that held only punctuation, which drops out.
  const orExpression = (): SearchQuery | null => {
    const operands = [andExpression()];
    while (peek()?.kind === 'operator' && (peek() as { operator: Operator }).operator === 'OR') {
      const or = tokens[next++]!;
      requireOperand(or, 'OR');
      operands.push(andExpression());
    }
    return combine('or', operands);
  };
  const andExpression = (): SearchQuery | null => {
    const operands = [notExpression()];
    for (;;) {
      const token = peek();
      if (token?.kind === 'operator' && token.operator === 'AND') {
        next++;
        requireOperand(token, 'AND');
        operands.push(notExpression());
      } else if (token?.kind === 'term' || token?.kind === 'open') {
        operands.push(notExpression());
      } else {
        return combine('and', operands);
      }
    }
  };
  const notExpression = (): SearchQuery | null => {
    let include = primary();
    while (peek()?.kind === 'operator' && (peek() as { operator: Operator }).operator === 'NOT') {
      const not = tokens[next++]!;
      requireOperand(not, 'NOT');
      const exclude = primary();
      if (!include) throw new SearchSyntaxError(not.position, 'NOT needs words before it ("a NOT b" finds a without b)');
      if (exclude) include = { kind: 'not', include, exclude };
    }
    return include;
  };
  const primary = (): SearchQuery | null => {
    const token = tokens[next];
    if (!token) throw new SearchSyntaxError(endPosition, 'the query ends where words were expected');
    if (token.kind === 'term') {
      next++;
      return token.term;
    }
    if (token.kind === 'open') {
      next++;
      if (peek()?.kind === 'close') throw new SearchSyntaxError(token.position, 'empty parentheses');
      const inner = orExpression();
      if (peek()?.kind !== 'close') throw new SearchSyntaxError(token.position, 'a parenthesis is not closed');
      next++;
      return inner;
    }
    if (token.kind === 'close') throw new SearchSyntaxError(token.position, 'a closing parenthesis with no opening one');
    if (token.operator === 'NOT' && next === 0) {
      throw new SearchSyntaxError(token.position, 'NOT needs words before it ("a NOT b" finds a without b)');
    }
    throw new SearchSyntaxError(token.position, `${token.operator} needs words before it`);
  };
  const requireOperand = (operator: Token, name: Operator) => {
    const after = peek();
    if (!after || after.kind === 'close' || after.kind === 'operator') {
      throw new SearchSyntaxError(operator.position, `${name} needs words after it`);
    }
  };

  if (!tokens.length) return null;
  const query = orExpression();
  const leftover = peek();
  if (leftover) {
    throw new SearchSyntaxError(
      leftover.position,
      leftover.kind === 'close' ? 'a closing parenthesis with no opening one' : 'unexpected here',
    );
  }
  return query;
}

function combine(kind: 'and' | 'or', operands: (SearchQuery | null)[]): SearchQuery | null {
  const kept = operands.filter((operand): operand is SearchQuery => operand !== null);
  if (kept.length <= 1) return kept[0] ?? null;
  return { kind, operands: kept };
}

/** The FTS5 MATCH expression of a query: every word quoted, every group parenthesised. */
export function ftsQueryOf(query: SearchQuery): string {
  switch (query.kind) {
    case 'term': {
      const column = query.field ? `${FIELD_COLUMNS[query.field]} : ` : '';
      // speaker:G.K.Butterfield → each word in that column, in any order
      if (column && !query.phrase && query.words.length > 1) {
        return `(${query.words.map((word) => `${column}"${word}"`).join(' AND ')})`;
      }
      return `${column}"${query.words.join(' ')}"${query.prefix ? '*' : ''}`;
    }
    case 'and':
    case 'or':
      return `(${query.operands.map(ftsQueryOf).join(query.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(${ftsQueryOf(query.include)} NOT ${ftsQueryOf(query.exclude)})`;
  }
}

/** The terms a matching row contains (what NOT excludes is left out). */
function matchedTerms(query: SearchQuery): SearchTerm[] {
  switch (query.kind) {
    case 'term':
      return [query];
    case 'and':
    case 'or':
      return query.operands.flatMap(matchedTerms);
    case 'not':
      return matchedTerms(query.include);
  }
}

/** Column indexes of snapshots_fts, for snippet(). */
const SNIPPET_COLUMNS = { best: -1, text: 2, quotes: 3 } as const;

/**
 * Where a hit's snippet comes from: the best column, except that a speaker: search shows the
 * text (other words) or the quotations (speaker only), never the list of speakers itself.
 */
export function snippetColumnOf(query: SearchQuery): number {
  const terms = matchedTerms(query);
  if (!terms.some((term) => term.field === 'speaker')) return SNIPPET_COLUMNS.best;
  const others = terms.filter((term) => term.field !== 'speaker');
  return others.length && !others.some((term) => term.field === 'quote') ? SNIPPET_COLUMNS.text : SNIPPET_COLUMNS.quotes;
}

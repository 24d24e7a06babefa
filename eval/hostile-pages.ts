/**
 * Pathological pages, generated: what a hostile or broken server can send. Shared by
 * bench:hostile (full sizes) and the tests (small sizes), so both measure the same shapes.
 */

const STORY_SENTENCE =
  'The council met on Tuesday evening to discuss the new budget, and members argued for hours about the cost of repairs.';

function page(body: string, title = 'A hostile page'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;
}

function paragraph(index: number): string {
  return `<p>Paragraph ${index}. ${STORY_SENTENCE}</p>`;
}

/** A story of `paragraphs` paragraphs inside `depth` nested elements (divs and sections, alternating). */
export function deepNestingPage(depth: number, paragraphs = 20): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let level = 0; level < depth; level++) {
    const tag = level % 2 === 0 ? 'div' : 'section';
    open.push(`<${tag} class="l${level % 7}">`);
    close.push(`</${tag}>`);
  }
  const story = Array.from({ length: paragraphs }, (_, i) => paragraph(i)).join('');
  return page(`${open.join('')}${story}${close.reverse().join('')}`);
}

/** `count` story paragraphs in one article. */
export function manyParagraphsPage(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(paragraph(i));
  return page(parts.join('\n'));
}

/** A story with a widgets.js tweet blockquote after every paragraph, `count` of them. */
export function manyTweetsPage(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(1_000_000_000_000_000_000n + BigInt(i));
    parts.push(
      paragraph(i),
      `<blockquote class="twitter-tweet"><p lang="en">Post number ${i} about the budget.</p>` +
        `&mdash; Council Watch (@councilwatch) <a href="https://twitter.com/councilwatch/status/${id}">May ${1 + (i % 28)}, 2024</a></blockquote>`,
    );
  }
  return page(parts.join('\n'));
}

/** About `megabytes` MB of story paragraphs (the size a `--max-size` would let through). */
export function bigPage(megabytes: number): string {
  const target = megabytes * 1_000_000;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const p = paragraph(i);
    parts.push(p);
    size += p.length + 1;
  }
  return page(parts.join('\n'));
}

/** A story followed by one table `columns` cells wide and `rows` rows long. */
export function wideTablePage(columns: number, rows: number): string {
  const story = Array.from({ length: 10 }, (_, i) => paragraph(i)).join('');
  const header = `<tr>${Array.from({ length: columns }, (_, c) => `<th>Column ${c}</th>`).join('')}</tr>`;
  const body = Array.from(
    { length: rows },
    (_, r) => `<tr>${Array.from({ length: columns }, (_, c) => `<td>${r * columns + c}</td>`).join('')}</tr>`,
  ).join('');
  return page(`${story}<table><thead>${header}</thead><tbody>${body}</tbody></table>`);
}

/** A story, then `count` `<script>` and `<style>` tags that are never closed, then more text. */
export function unclosedScriptsPage(count: number): string {
  const story = Array.from({ length: 20 }, (_, i) => paragraph(i)).join('');
  return page(`${story}${'<script>'.repeat(count / 2)}${'<style>'.repeat(count / 2)}${'x'.repeat(1_000_000)}`);
}

/**
 * `paragraphs` paragraphs inside `depth` bare nested divs and nothing else: Readability weighs
 * each div against the text of all the divs inside it, so its time grew with depth² × text
 * (parse.ts now shortens such wrapper chains).
 */
export function nestedWrappersPage(depth: number, paragraphs: number): string {
  // Long paragraphs (ten sentences), as the slow case in the pool's time-limit test.
  const story = `<p>${'The council voted on Tuesday to repair the bridge before winter. '.repeat(10)}</p>`.repeat(paragraphs);
  return `${'<div>'.repeat(depth)}${story}${'</div>'.repeat(depth)}`;
}

/**
 * `paragraphs` paragraphs inside `depth` tables, each in a div (about 5 × depth deep): the same
 * depth² × text as nestedWrappersPage, but tables are structure, not wrappers, so parse.ts
 * does not shorten the nesting.
 */
export function nestedTablesPage(depth: number, paragraphs: number): string {
  const story = `<p>${'The council voted on Tuesday to repair the bridge before winter. '.repeat(10)}</p>`.repeat(paragraphs);
  return `${'<div><table><tr><td>'.repeat(depth)}${story}${'</td></tr></table></div>'.repeat(depth)}`;
}

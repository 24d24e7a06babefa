import { html, type SafeHtml } from '../escape.js';
import { layout, sitePaths, timeElement } from './layout.js';
import { siteLabel, type PageSummary } from './summary.js';

/** The scripts of the index: the search library, the term rules, the search and the filters. */
export const INDEX_SCRIPTS = ['assets/minisearch.js', 'assets/search-terms.js', 'assets/search.js', 'assets/filters.js'];

function filterSelect(id: string, label: string, values: string[]): SafeHtml {
  return html`<div class="filter">
<label for="${id}">${label}</label>
<select id="${id}" data-filter="${id.replace('filter-', '')}">
<option value="">All</option>
${values.map((value) => html`<option value="${value}">${value}</option>\n`)}</select>
</div>`;
}

function sortedDistinct(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v.trim() !== '').sort((a, b) => a.localeCompare(b));
}

function pageItem(page: PageSummary): SafeHtml {
  const title = page.title?.trim() || page.url;
  return html`<li class="page-item" data-site="${siteLabel(page)}" data-authors="${JSON.stringify(page.authors)}" data-speakers="${JSON.stringify(page.speakers)}">
<h3 class="page-title"><a href="${sitePaths.article(page.key)}">${title}</a></h3>
<p class="page-meta">${siteLabel(page)}${page.byline ? html` · ${page.byline}` : ''} · published ${timeElement(page.publishedTime)} · captured ${timeElement(page.fetchedAt)}</p>
</li>`;
}

/** Pages newest first (by capture), with search and filters by site, author and speaker. */
export function indexPage(pages: PageSummary[]): string {
  const newestFirst = [...pages].sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt) || a.url.localeCompare(b.url));
  const main = html`<h1>Archived articles</h1>
<section class="search" aria-labelledby="search-heading">
<h2 id="search-heading">Search</h2>
<form id="search-form" class="search-form" role="search" action="#">
<label for="search-input">Words to find</label>
<input id="search-input" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
</section>
<section class="pages" aria-labelledby="pages-heading">
<h2 id="pages-heading">All articles, newest first</h2>
<div class="filters">
${filterSelect('filter-site', 'Site', sortedDistinct(pages.map(siteLabel)))}
${filterSelect('filter-author', 'Author', sortedDistinct(pages.flatMap((p) => p.authors)))}
${filterSelect('filter-speaker', 'Speaker', sortedDistinct(pages.flatMap((p) => p.speakers)))}
</div>
<p id="filter-status" class="filter-status" role="status" aria-live="polite">${pages.length} article${pages.length === 1 ? '' : 's'}</p>
<ol class="page-list" id="page-list">
${newestFirst.map((page) => html`${pageItem(page)}\n`)}</ol>
</section>`;
  return layout({ title: 'Archived articles', root: '', main, scripts: INDEX_SCRIPTS });
}

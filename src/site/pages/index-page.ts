import { html, type SafeHtml } from '../escape.js';
import { layout, sitePaths, timeElement, type ListingKind } from './layout.js';
import { siteLabel, type PageSummary } from './summary.js';

/** The scripts of the index: the term rules, the search engine and its page, and the filters. */
export const INDEX_SCRIPTS = ['assets/search-terms.js', 'assets/search-engine.js', 'assets/search.js', 'assets/filters.js'];

/** Articles per listing page: a page stays small however large the archive grows. */
export const LISTING_PAGE_SIZE = 100;

/** Pages newest capture first, then by URL: the order of every listing. */
export function newestFirst(pages: Iterable<PageSummary>): PageSummary[] {
  return [...pages].sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt) || a.url.localeCompare(b.url));
}

function sortedDistinct(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v.trim() !== '').sort((a, b) => a.localeCompare(b));
}

/** The filters' values, for the index: every site, author and speaker of the listed pages. */
export interface FilterValues {
  sites: string[];
  authors: string[];
  speakers: string[];
}

export function filterValues(pages: Iterable<PageSummary>): FilterValues {
  const list = [...pages];
  return {
    sites: sortedDistinct(list.map(siteLabel)),
    authors: sortedDistinct(list.flatMap((p) => p.authors)),
    speakers: sortedDistinct(list.flatMap((p) => p.speakers)),
  };
}

/** A filter: its values lead to their own listing pages (filters.js goes there when "Show" is pressed). */
function filterSelect(kind: ListingKind | 'speaker', label: string, values: string[]): SafeHtml {
  const target = (value: string) => (kind === 'speaker' ? sitePaths.speaker(value) : sitePaths.listing(kind, value, 1));
  return html`<div class="filter">
<label for="filter-${kind}">${label}</label>
<div class="filter-control">
<select id="filter-${kind}" data-filter="${kind}">
<option value="">All</option>
${values.map((value) => html`<option value="${target(value)}">${value}</option>\n`)}</select>
<button type="button" data-filter-show="filter-${kind}">Show</button>
</div>
</div>`;
}

/** A page's entry in a listing; the same page appears in several listings, so each entry is made once per build and root. */
const itemCache = new WeakMap<PageSummary, Map<string, SafeHtml>>();

function pageItem(page: PageSummary, root: string): SafeHtml {
  let byRoot = itemCache.get(page);
  if (!byRoot) itemCache.set(page, (byRoot = new Map()));
  let item = byRoot.get(root);
  if (!item) byRoot.set(root, (item = renderPageItem(page, root)));
  return item;
}

function renderPageItem(page: PageSummary, root: string): SafeHtml {
  const title = page.title?.trim() || page.url;
  return html`<li class="page-item">
<h3 class="page-title"><a href="${root}${sitePaths.article(page.key)}">${title}</a></h3>
<p class="page-meta">${siteLabel(page)}${page.byline ? html` · ${page.byline}` : ''} · published ${timeElement(page.publishedTime)} · captured ${timeElement(page.fetchedAt)}</p>
</li>`;
}

/** Links to the newest, newer, older and oldest pages of a listing. */
function pager(kind: ListingKind, value: string, page: number, pages: number, root: string): SafeHtml | string {
  if (pages <= 1) return '';
  const link = (n: number, label: string, rel?: string) => html`<li><a href="${root}${sitePaths.listing(kind, value, n)}"${rel ? html` rel="${rel}"` : ''}>${label}</a></li>`;
  return html`<nav class="pager" aria-label="Pages of this list">
<ul>
${page > 1 ? [link(1, 'Newest'), link(page - 1, 'Newer', 'prev')] : ''}
<li aria-current="page">Page ${page} of ${pages}</li>
${page < pages ? [link(page + 1, 'Older', 'next'), link(pages, 'Oldest')] : ''}
</ul>
</nav>`;
}

export interface ListingInput {
  kind: ListingKind;
  /** The site or author the listing is of ('' for all articles). */
  value: string;
  /** The listed pages, in order (newestFirst). */
  pages: PageSummary[];
  /** The filters shown on the first page of all articles. */
  filters?: FilterValues;
}

/** Every page of a listing: its paths (sitePaths.listing) and contents, LISTING_PAGE_SIZE articles each. */
export function listingPages({ kind, value, pages, filters }: ListingInput): Map<string, string> {
  const files = new Map<string, string>();
  const count = Math.max(1, Math.ceil(pages.length / LISTING_PAGE_SIZE));
  const heading = kind === 'all' ? 'Archived articles' : kind === 'site' ? `Articles from ${value}` : `Articles by ${value}`;
  for (let page = 1; page <= count; page++) {
    const path = sitePaths.listing(kind, value, page);
    const root = path.includes('/') ? '../' : '';
    const first = (page - 1) * LISTING_PAGE_SIZE;
    const shown = pages.slice(first, first + LISTING_PAGE_SIZE);
    const front = kind === 'all' && page === 1;
    const total = html`${pages.length} article${pages.length === 1 ? '' : 's'}${count > 1 ? html`, ${first + 1}–${first + shown.length} shown here` : ''}`;
    const main = html`<h1>${heading}${page > 1 ? html` (page ${page})` : ''}</h1>
${front ? searchSection() : html`<p><a href="${root}${sitePaths.index}">All articles and search</a></p>`}
<section class="pages" aria-labelledby="pages-heading">
<h2 id="pages-heading">${kind === 'all' ? 'All articles' : 'Articles'}, newest first</h2>
${front && filters ? html`<div class="filters">
${filterSelect('site', 'Site', filters.sites)}
${filterSelect('author', 'Author', filters.authors)}
${filterSelect('speaker', 'Speaker', filters.speakers)}
</div>` : ''}
<p id="list-status" class="filter-status">${total}</p>
<ol class="page-list" id="page-list" start="${first + 1}">
${shown.map((p) => html`${pageItem(p, root)}\n`)}</ol>
${pager(kind, value, page, count, root)}
</section>`;
    files.set(path, layout({ title: page > 1 ? `${heading}, page ${page}` : heading, root, main, scripts: front ? INDEX_SCRIPTS : [] }));
  }
  return files;
}

function searchSection(): SafeHtml {
  return html`<section class="search" aria-labelledby="search-heading">
<h2 id="search-heading">Search</h2>
<form id="search-form" class="search-form" role="search" action="#">
<label for="search-input">Words to find</label>
<input id="search-input" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
</section>`;
}

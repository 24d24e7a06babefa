import { createHash } from 'node:crypto';
import { html, type SafeHtml } from '../escape.js';

/**
 * Every page's policy: scripts and styles only from files of the site itself (no inline script,
 * no handler attribute runs), images only from the site, no frames, forms, plugins or fetches
 * outside it. A meta policy cannot set frame-ancestors; the rest holds from file:// too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The listings of articles: all of them, or those of one site or one author. */
export type ListingKind = 'all' | 'site' | 'author';

/** The folders of the listings of one site or author. */
export const LISTING_FOLDERS = { site: 'sites', author: 'authors' } as const;

/** Where each page of the site lives, relative to the site folder. */
export const sitePaths = {
  index: 'index.html',
  speakers: 'speakers.html',
  article: (key: string) => `articles/${key}.html`,
  history: (key: string) => `articles/${key}.history.html`,
  speaker: (name: string) => `speakers/${nameSlug(name)}.html`,
  /** Page `page` (from 1, newest first) of a listing: index.html, pages/2.html, sites/SLUG.html, sites/SLUG-2.html, … */
  listing: (kind: ListingKind, value: string, page: number) => {
    if (kind === 'all') return page === 1 ? 'index.html' : `pages/${page}.html`;
    return `${LISTING_FOLDERS[kind]}/${nameSlug(value)}${page === 1 ? '' : `-${page}`}.html`;
  },
};

/** A file name for a name (speaker, site, author): a hash of it as stored, so any name (any script, "/", "..") is safe. */
export function nameSlug(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 16);
}

export interface LayoutInput {
  title: string;
  /** From this page to the site folder: "" or "../". */
  root: string;
  main: SafeHtml;
  /** Script files of the site (after the assets), relative to the site folder. */
  scripts?: string[];
  lang?: string | null;
}

/** A whole page: the policy, the skip link, the site's header and navigation, the main content. */
export function layout({ title, root, main, scripts = [], lang }: LayoutInput): string {
  return html`<!doctype html>
<html lang="${lang || 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · clipfile archive</title>
<link rel="stylesheet" href="${root}assets/site.css">
${scripts.map((src) => html`<script src="${root}${src}" defer></script>\n`)}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<p class="site-name"><a href="${root}${sitePaths.index}">clipfile archive</a></p>
<nav aria-label="Site">
<ul>
<li><a href="${root}${sitePaths.index}">Articles</a></li>
<li><a href="${root}${sitePaths.speakers}">Speakers</a></li>
</ul>
</nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
<footer class="site-footer"><p>Built by clipfile from an archive folder. Links to the original pages leave this site.</p></footer>
</body>
</html>
`.html;
}

/** A date as people read it (the day, UTC) inside a machine-readable time element. */
export function timeElement(iso: string | null | undefined): SafeHtml | string {
  if (!iso) return 'unknown';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return html`<time datetime="${date.toISOString()}">${date.toISOString().slice(0, 10)}</time>`;
}

/** A capture time to the minute, UTC. */
export function captureTimeElement(iso: string): SafeHtml | string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return html`<time datetime="${date.toISOString()}">${date.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>`;
}

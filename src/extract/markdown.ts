import TurndownService from 'turndown';
import { highlightedCodeBlock, strikethrough, taskListItems } from 'turndown-plugin-gfm';
import type { Embed } from '../article.js';
import { renderEmbedMarkdown } from './embeds/index.js';
import { EMBED_PLACEHOLDER_TAG, placeholderIndex } from './markers.js';
import { collapseSpace } from '../text/index.js';
import type { Element } from './dom.js';

const BLOCK_INSIDE_CELL = 'p, div p, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre, table, figure';

/**
 * A table of data has rows of short cells; a table that holds paragraphs, lists or other
 * tables lays out a page and is rendered as the blocks it contains.
 */
function isDataTable(table: Element): boolean {
  const rows = tableRows(table);
  if (rows.length === 0) return false;
  for (const row of rows) {
    for (const cell of rowCells(row)) {
      if (cell.querySelector(BLOCK_INSIDE_CELL)) return false;
    }
  }
  return true;
}

function childrenNamed(parent: Element, ...tagNames: string[]): HTMLElement[] {
  return Array.from(parent.children).filter((child): child is HTMLElement => tagNames.includes(child.tagName));
}

/** The table's own rows, in order (not those of tables nested in its cells). */
function tableRows(table: Element): HTMLElement[] {
  return childrenNamed(table, 'TR', 'THEAD', 'TBODY', 'TFOOT').flatMap((child) =>
    child.tagName === 'TR' ? [child] : childrenNamed(child, 'TR'),
  );
}

function rowCells(row: Element): HTMLElement[] {
  return childrenNamed(row, 'TD', 'TH');
}

function cellMarkdown(service: TurndownService, cell: HTMLElement): string {
  return service
    .turndown(cell)
    .replace(/\s*\n+\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** GFM tables need a header row; a table without one gets its first row promoted. */
function renderTable(service: TurndownService, table: Element): string {
  const rows = tableRows(table).map((row) => {
    const cells: string[] = [];
    for (const cell of rowCells(row)) {
      cells.push(cellMarkdown(service, cell));
      for (let span = Number(cell.getAttribute('colspan')) || 1; span > 1; span--) cells.push('');
    }
    return cells;
  });
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) =>
    '| ' + Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ') + ' |';
  const [header = [], ...body] = rows;
  const separator = '| ' + Array.from({ length: width }, () => '---').join(' | ') + ' |';
  const captionElement = childrenNamed(table, 'CAPTION')[0];
  const caption = captionElement ? `*${cellMarkdown(service, captionElement)}*\n\n` : '';
  return '\n\n' + caption + [line(header), separator, ...body.map(line)].join('\n') + '\n\n';
}

/**
 * A turndown service configured for article bodies; `embeds` fill the placeholders. Whole on
 * purpose (longer than 60 lines): turndown applies rules in the order they are added, so the
 * order is read here in one place.
 */
function createService(embeds: Embed[]): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '_',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  // Turndown leaves "<tag>" in page text alone, which a Markdown reader would take as raw HTML.
  const escapeMarkdown = service.escape.bind(service);
  service.escape = (text: string) => escapeAngleBrackets(escapeMarkdown(text));
  // The plugin's own table rule keeps header-less tables as raw HTML; ours never does.
  service.use([strikethrough, taskListItems, highlightedCodeBlock]);
  service.remove(['script', 'style', 'noscript', 'template', 'form', 'button', 'input', 'select', 'textarea']);

  service.addRule('embedPlaceholder', {
    filter: (node) => node.nodeName === EMBED_PLACEHOLDER_TAG,
    replacement: (_content, node) => {
      const embed = embeds[placeholderIndex(node as Element)];
      return embed ? `\n\n${renderEmbedMarkdown(embed)}\n\n` : '';
    },
  });
  service.addRule('dataTable', {
    filter: (node) => node.nodeName === 'TABLE' && isDataTable(node as Element),
    replacement: (_content, node) => renderTable(service, node as Element),
  });
  service.addRule('figureCaption', {
    filter: 'figcaption',
    replacement: (content) => {
      const caption = collapseSpace(content);
      return caption ? `\n\n*${caption}*\n\n` : '';
    },
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => imageMarkdown(node as Element),
  });
  // Turndown keeps the whitespace between void elements (a figure's <meta>s, a picture's
  // <source>s), which would indent a figure's image into a code block; nothing inside a
  // figure is indented on purpose unless it holds code or lists.
  service.addRule('figure', {
    filter: (node) => node.nodeName === 'FIGURE' && !node.querySelector('pre, ul, ol'),
    replacement: (content) => `\n\n${content.replace(/^[ \t]+/gm, '')}\n\n`,
  });
  // A <picture> is its <img> (the pipeline chose that one's URL among the sources); the
  // whitespace between its <source>s would otherwise indent the image into a code block.
  service.addRule('picture', {
    filter: 'picture',
    replacement: (_content, node) => {
      const img = (node as Element).querySelector('img');
      return img ? imageMarkdown(img) : '';
    },
  });
  service.addRule('link', {
    filter: (node) => node.nodeName === 'A' && node.getAttribute('href') != null,
    replacement: (content, node) => {
      const href = (node as HTMLAnchorElement).getAttribute('href') ?? '';
      const text = content.trim();
      if (!text) return '';
      // Only links a reader can follow are kept; the rest become their text.
      if (!isFollowable(href, /^mailto:/i)) return content;
      const title = (node as HTMLAnchorElement).getAttribute('title');
      const titlePart = title ? ` "${title.replace(/"/g, '\\"')}"` : '';
      return `[${text}](${encodeSpaces(href)}${titlePart})`;
    },
  });
  return service;
}

/**
 * An image as Markdown; its `src` was chosen and made absolute by the pipeline (`urls.ts`).
 * Inline data: images are spacers or megabytes of base64; neither belongs in Markdown.
 */
function imageMarkdown(image: Element): string {
  const src = image.getAttribute('src') ?? '';
  if (!isFollowable(src)) return '';
  const alt = escapeAngleBrackets(collapseSpace(image.getAttribute('alt')).replace(/([[\]])/g, '\\$1'));
  const title = image.getAttribute('title');
  const titlePart = title ? ` "${title.replace(/"/g, '\\"')}"` : '';
  return `![${alt}](${encodeSpaces(src)}${titlePart})`;
}

/**
 * A URL a reader can follow: http(s) (or another scheme `alsoAllowed`), or a relative one,
 * which the pipeline leaves only when the page has no URL (and says so in the Article's
 * warnings). In-page anchors, data: and javascript: URLs are not.
 */
function isFollowable(url: string, alsoAllowed?: RegExp): boolean {
  if (!url || url.startsWith('#')) return false;
  if (/^https?:/i.test(url) || alsoAllowed?.test(url)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

function escapeAngleBrackets(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '\\<');
}

function encodeSpaces(url: string): string {
  return url.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** Markdown for the article body: no raw HTML, no runs of blank lines, no trailing spaces but hard breaks. */
export function renderMarkdown(content: Element, embeds: Embed[]): string {
  const markdown = createService(embeds).turndown(content as unknown as HTMLElement);
  return tidyMarkdown(markdown);
}

export function tidyMarkdown(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (/\S {2}$/.test(line) ? line : line.trimEnd()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

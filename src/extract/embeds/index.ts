/** The embeds room: finding embedded posts in a page (detect.ts, a file per provider) and rendering them. */
export { findEmbeds, type FoundEmbed } from './detect.js';
export { renderEmbedHtml } from './html.js';
export { renderEmbedMarkdown, renderEmbedText } from './render.js';

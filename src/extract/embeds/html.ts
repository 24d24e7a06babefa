import type { Embed } from '../../article.js';
import { EMBED_HTML_CLASS } from '../markers.js';
import { authorLine, PLATFORM_NAMES } from './render.js';
import type { Document, Element } from '../dom.js';

/** An embed as plain, script-free HTML: its text, then "— Name (@handle), date" linked to the post. */
export function renderEmbedHtml(document: Document, embed: Embed): Element {
  const quote = document.createElement('blockquote');
  quote.className = EMBED_HTML_CLASS;
  quote.setAttribute('data-kind', embed.kind);
  if (embed.id) quote.setAttribute('data-id', embed.id);
  const body = embed.text ?? embed.title;
  if (body) {
    for (const paragraphText of body.split(/\n{2,}/)) {
      const paragraph = document.createElement('p');
      paragraph.textContent = paragraphText;
      quote.append(paragraph);
    }
  }
  const attribution = document.createElement('p');
  const who = authorLine(embed);
  if (who) attribution.append(`— ${who}, `);
  const link = document.createElement('a');
  link.setAttribute('href', embed.url);
  link.textContent = embed.date ?? PLATFORM_NAMES[embed.kind].item;
  attribution.append(link);
  quote.append(attribution);
  return quote;
}

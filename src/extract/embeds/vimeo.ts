/** Vimeo: player iframes (player.vimeo.com) and click-to-load players. */
import type { Embed } from '../../article.js';
import type { EmbedProvider } from './detect.js';
import { hostIs, litePlayerId, litePlayerTitle, makeEmbed, single, videoTitle } from './markup.js';
import type { Element } from '../dom.js';

function vimeoEmbed(id: string, title: string | null): Embed {
  return makeEmbed('vimeo', `https://vimeo.com/${id}`, { id, title });
}

const LITE_PLAYERS = ['lite-vimeo', 'amp-vimeo'];

function parseLitePlayer(player: Element): Embed | null {
  const id = litePlayerId(player);
  return id && /^\d+$/.test(id) ? vimeoEmbed(id, litePlayerTitle(player)) : null;
}

export const vimeoProvider: EmbedProvider = {
  detectors: [{ accepts: (el) => LITE_PLAYERS.includes(el.localName), detect: single(parseLitePlayer) }],
  fromFrameUrl(url, frame) {
    if (!hostIs(url, 'player.vimeo.com')) return undefined;
    const id = /^\/video\/(\d+)/.exec(url.pathname)?.[1];
    return id ? vimeoEmbed(id, videoTitle(frame.getAttribute('title'))) : null;
  },
  hints: { tags: LITE_PLAYERS },
};

/** YouTube: player iframes (youtube.com, youtube-nocookie.com, youtu.be) and click-to-load players. */
import type { Embed } from '../../article.js';
import type { EmbedProvider } from './detect.js';
import { hostIs, litePlayerId, litePlayerTitle, makeEmbed, single, videoTitle } from './markup.js';
import type { Element } from '../dom.js';

function youtubeEmbed(id: string, title: string | null): Embed {
  return makeEmbed('youtube', `https://www.youtube.com/watch?v=${id}`, { id, title });
}

function youtubeIdFrom(url: URL): string | null {
  const validId = (id: string | undefined): string | null =>
    id && /^[\w-]{6,}$/.test(id) && id !== 'videoseries' ? id : null;
  if (hostIs(url, 'youtu.be')) return validId(url.pathname.split('/')[1]);
  if (hostIs(url, 'youtube.com') || hostIs(url, 'youtube-nocookie.com')) {
    if (url.pathname === '/watch') return validId(url.searchParams.get('v') ?? undefined);
    return validId(/^\/(?:embed|v|shorts|live)\/([^/?#]+)/.exec(url.pathname)?.[1]);
  }
  return null;
}

const LITE_PLAYERS = ['lite-youtube', 'amp-youtube'];

/** `<lite-youtube videoid>`, `<amp-youtube data-videoid>`: click-to-load players that carry only the id. */
function parseLitePlayer(player: Element): Embed | null {
  const id = litePlayerId(player);
  return id && /^[\w-]{6,}$/.test(id) ? youtubeEmbed(id, litePlayerTitle(player)) : null;
}

export const youtubeProvider: EmbedProvider = {
  detectors: [{ accepts: (el) => LITE_PLAYERS.includes(el.localName), detect: single(parseLitePlayer) }],
  fromFrameUrl(url, frame) {
    const id = youtubeIdFrom(url);
    // Not claimed when there is no id: a youtube.com URL without one may still be someone's.
    return id ? youtubeEmbed(id, videoTitle(frame.getAttribute('title'))) : undefined;
  },
  hints: { tags: LITE_PLAYERS },
};

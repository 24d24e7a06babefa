import type { ChromeWords } from './types.js';

export const de: ChromeWords = {
  lang: 'de',
  commentsHeading: ['kommentare?', 'leserkommentare', 'diskussion', 'antworten', 'reaktionen', 'kommentar schreiben'],
  commentsName: ['kommentare', 'leserkommentare'],
};

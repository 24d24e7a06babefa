import type { ChromeWords } from './types.js';

export const it: ChromeWords = {
  lang: 'it',
  commentsHeading: ['commenti', 'commento', 'lascia un commento', 'risposte'],
  commentsName: ['commenti'],
};

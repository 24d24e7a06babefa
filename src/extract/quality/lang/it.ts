import type { ChromeWords } from './types.js';

export const it: ChromeWords = {
  lang: 'it',
  commentsHeading: ['commenti', 'commento', 'lascia un commento', 'risposte'],
  commentsName: ['commenti'],
  shareWords: ['condividi', 'stampa', 'invia', 'articolo'],
  shareGlue: ['per', 'questo', 'su', 'ci'],
  postMeta: ['questo articolo è stato pubblicato (?:il|in)\\b', 'pubblicato in\\b[^|]{1,120}\\|\\s*(?:nessun|\\d+) comment[oi]'],
  rightsReserved: ['tutti i diritti riservati'],
};

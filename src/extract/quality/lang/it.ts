import type { ChromeWords } from './types.js';

export const it: ChromeWords = {
  lang: 'it',
  commentsHeading: ['commenti', 'commento', 'lascia un commento', 'risposte'],
  commentsName: ['commenti'],
  shareWords: ['condividi', 'stampa', 'invia', 'articolo'],
  shareGlue: ['per', 'questo', 'su', 'ci'],
  postMeta: ['questo articolo è stato pubblicato (?:il|in)\\b', 'pubblicato in\\b[^|]{1,120}\\|\\s*(?:nessun|\\d+) comment[oi]'],
  rightsReserved: ['tutti i diritti riservati'],
  dateWords: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  relatedCue: ['leggi anche'],
  neverStory: ['seguici su\\s', 'iscriviti (?:alla|al)\\s'],
  noticeLine: ['foto ?(?:credit)?s? ?:.*', 'pubblicità', 'leggi (?:anche|tutto)', '\\d+ di \\d+'],
  readMoreLink: ['leggi (?:tutto|di più|ancora|l[\'’]articolo)', 'continua a leggere', 'continua'],
  productionCredit: [],
  bylineWord: ['di'],
  commenterBy: ['di'],
  commenterSays: ['scrive'],
  commentAuthorName: ['autore'],
  commentDateName: ['data'],
  commentsNameStem: [],
  dateInText: [],
};

import type { ChromeWords } from './types.js';

export const fr: ChromeWords = {
  lang: 'fr',
  commentsHeading: ['commentaires?', 'réactions?', 'réponses?', 'laisser un commentaire', 'vos commentaires'],
  commentsName: ['commentaires', 'reactions'],
};

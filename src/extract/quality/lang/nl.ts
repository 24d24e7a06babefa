import type { ChromeWords } from './types.js';

export const nl: ChromeWords = {
  lang: 'nl',
  commentsHeading: ['reacties?', 'geef een reactie', 'laat een reactie achter'],
  commentsName: ['reacties'],
};

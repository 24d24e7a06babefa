import type { ChromeWords } from './types.js';

export const ru: ChromeWords = {
  lang: 'ru',
  commentsHeading: ['комментари(?:и|ев|й)', 'отзывы', 'обсуждение', 'оставить комментарий'],
  commentsName: [],
};

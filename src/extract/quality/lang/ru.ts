import type { ChromeWords } from './types.js';

export const ru: ChromeWords = {
  lang: 'ru',
  commentsHeading: ['комментари(?:и|ев|й)', 'отзывы', 'обсуждение', 'оставить комментарий'],
  commentsName: [],
  shareWords: ['поделиться', 'печать', 'распечатать', 'отправить', 'твитнуть', 'вконтакте', 'одноклассники'],
  shareGlue: ['в', 'на', 'нас'],
  postMeta: ['эта запись опубликована\\b'],
  rightsReserved: ['все права защищены'],
};

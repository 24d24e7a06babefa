import type { ChromeWords } from './types.js';

export const ru: ChromeWords = {
  lang: 'ru',
  commentsHeading: ['комментари(?:и|ев|й)', 'отзывы', 'обсуждение', 'оставить комментарий'],
  commentsName: [],
  shareWords: ['поделиться', 'печать', 'распечатать', 'отправить', 'твитнуть', 'вконтакте', 'одноклассники'],
  shareGlue: ['в', 'на', 'нас'],
  postMeta: ['эта запись опубликована\\b'],
  rightsReserved: ['все права защищены'],
  dateWords: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  relatedCue: ['читайте также'],
  neverStory: [],
  noticeLine: ['реклама', 'фото ?(?:credit)?s? ?:.*'],
  productionCredit: [],
  bylineWord: ['автор'],
  commenterBy: [],
  commenterSays: ['пишет'],
  commentAuthorName: [],
  commentDateName: [],
  commentsNameStem: [],
  dateInText: [],
};

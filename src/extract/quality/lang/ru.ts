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
  neverStory: ['подписывайтесь на\\s', 'подпишитесь на\\s'],
  noticeLine: ['реклама', 'фото ?(?:credit)?s? ?:.*', 'читать далее', 'подробнее', '\\d+ из \\d+'],
  readMoreLink: ['читать (?:далее|дальше|полностью)', 'подробнее', 'далее'],
  productionCredit: [],
  bylineWord: ['автор'],
  commenterBy: [],
  commenterSays: ['пишет'],
  commentAuthorName: [],
  commentDateName: [],
  commentsNameStem: [],
  dateInText: [],
};

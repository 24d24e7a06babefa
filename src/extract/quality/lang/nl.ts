import type { ChromeWords } from './types.js';

export const nl: ChromeWords = {
  lang: 'nl',
  commentsHeading: ['reacties?', 'geef een reactie', 'laat een reactie achter'],
  commentsName: ['reacties'],
  shareWords: ['delen', 'printen', 'afdrukken', 'mailen', 'tweeten', 'artikel'],
  shareGlue: ['per', 'dit', 'op', 'ons'],
  postMeta: ['dit bericht is geplaatst (?:op|in)\\b', 'geplaatst in\\b[^|]{1,120}\\|\\s*(?:geen|\\d+) reacties?'],
  rightsReserved: ['alle rechten voorbehouden'],
  // No month names: the date-line rule has not been measured on Dutch pages.
  dateWords: [],
  relatedCue: [],
  neverStory: [],
  noticeLine: ['foto ?(?:credit)?s? ?:.*'],
  productionCredit: [],
  bylineWord: [],
  commenterBy: ['door'],
  commenterSays: ['zegt'],
  commentAuthorName: [],
  commentDateName: ['datum'],
  commentsNameStem: ['reacti'],
  dateInText: [],
};

import type { ChromeWords } from './types.js';

/** Indonesian: the chrome words the corpora showed so far. */
export const id: ChromeWords = {
  lang: 'id',
  commentsHeading: [],
  commentsName: [],
  shareWords: [],
  shareGlue: [],
  postMeta: [],
  rightsReserved: [],
  dateWords: [],
  relatedCue: ['baca juga'],
  neverStory: ['ikuti kami di\\s', 'berlangganan\\s'],
  noticeLine: ['iklan', 'baca (?:juga|selengkapnya)', '\\d+ dari \\d+'],
  readMoreLink: ['baca (?:selengkapnya|lebih lanjut|lanjutannya)', 'selengkapnya'],
  productionCredit: [],
  bylineWord: ['oleh'],
  commenterBy: [],
  commenterSays: [],
  commentAuthorName: [],
  commentDateName: [],
  commentsNameStem: [],
  dateInText: [],
};

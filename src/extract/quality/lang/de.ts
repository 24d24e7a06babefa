import type { ChromeWords } from './types.js';

export const de: ChromeWords = {
  lang: 'de',
  commentsHeading: ['kommentare?', 'leserkommentare', 'diskussion', 'antworten', 'reaktionen', 'kommentar schreiben'],
  commentsName: ['kommentare', 'leserkommentare'],
  shareWords: ['teilen', 'drucken', 'twittern', 'mailen', 'empfehlen', 'merken', 'versenden', 'artikel', 'seite'],
  shareGlue: ['per', 'den', 'diesen', 'auf', 'uns'],
  postMeta: ['dieser eintrag wurde (?:am|in)\\b', 'veröffentlicht in\\b[^|]{1,120}\\|\\s*(?:keine|\\d+) kommentare?'],
  rightsReserved: ['alle rechte vorbehalten'],
  dateWords: ['am', 'um', 'januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  relatedCue: ['lesen sie (?:auch|mehr)', 'mehr zum thema'],
  neverStory: ['folgen sie (?:uns|[^.]{1,40}) auf\\b', 'abonnieren sie\\b', 'melden sie sich (?:hier |jetzt )?(?:für|zum) (?:unseren |den )?newsletter'],
  noticeLine: ['anzeige', 'foto ?(?:credit)?s? ?:.*', 'weiterlesen', 'mehr zum thema', 'bild ?:.*', '\\d+ von \\d+'],
  readMoreLink: ['weiterlesen', 'mehr lesen', 'mehr', 'zum artikel', 'artikel lesen'],
  productionCredit: [],
  bylineWord: ['von'],
  commenterBy: ['von'],
  commenterSays: ['sagt', 'schrieb'],
  commentAuthorName: ['autor'],
  commentDateName: ['datum'],
  commentsNameStem: ['kommentar'],
  dateInText: [],
};

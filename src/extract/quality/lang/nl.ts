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
  copyrightWord: ['copyright', 'auteursrecht'],
  newsletterCall: ['(?:abonneer je|schrijf je in|meld je aan) (?:op|voor) (?:onze|de) nieuwsbrief', 'in je (?:mailbox|inbox)'],
  siteNotice: ['(?:inhoud|teksten|foto.s|afbeeldingen) (?:van )?(?:deze|dit) (?:site|website|blog)[^.]{0,60}(?:mag niet|mogen niet|zonder (?:voorafgaande |schriftelijke )?toestemming)', '(?:deze|dit) (?:site|website|blog) bevat affiliate'],
  dateWords: [],
  relatedCue: [],
  neverStory: ['volg (?:ons|[^.]{1,40}) op (?:twitter|facebook|instagram)\\b', 'schrijf je in\\s', 'meld je aan voor\\s'],
  noticeLine: ['foto ?(?:credit)?s? ?:.*', 'advertentie', 'lees (?:meer|ook|verder)', '\\d+ van \\d+', '[\\^↑▲]?\\s*(?:terug naar boven|naar boven)\\s*[\\^↑▲]?', 'klik om te vergroten', 'bekijk profiel'],
  readMoreLink: ['lees meer', 'lees verder', 'verder lezen', 'meer'],
  productionCredit: [],
  bylineWord: [],
  commenterBy: ['door'],
  commenterSays: ['zegt'],
  commentAuthorName: [],
  commentDateName: ['datum'],
  commentsNameStem: ['reacti'],
  dateInText: [],
};

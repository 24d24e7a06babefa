import type { ChromeWords } from './types.js';

export const fr: ChromeWords = {
  lang: 'fr',
  commentsHeading: ['commentaires?', 'réactions?', 'réponses?', 'laisser un commentaire', 'vos commentaires'],
  commentsName: ['commentaires', 'reactions'],
  shareWords: ['partager', 'imprimer', 'envoyer', 'tweeter', 'courriel', 'article', 'recommander'],
  shareGlue: ['par', 'cet', 'sur', 'nous'],
  postMeta: ['cet article a été publié (?:le|dans)\\b', 'publié dans\\b[^|]{1,120}\\|\\s*(?:aucun|\\d+) commentaires?'],
  rightsReserved: ['tous droits réservés'],
  dateWords: ['le', 'de', 'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  relatedCue: ['lire aussi', 'à lire aussi'],
  neverStory: ['suivez(?:-nous| [^.]{1,40}) sur\\s', 'abonnez-vous\\s', 'inscrivez-vous (?:à|au)\\s'],
  noticeLine: ['publicité', 'photo ?:.*', 'lire la suite', '\\d+ sur \\d+'],
  readMoreLink: ['lire la suite', 'lire plus', 'la suite', 'suite', 'en savoir plus'],
  productionCredit: [],
  bylineWord: ['par'],
  commenterBy: ['par'],
  commenterSays: ['dit', 'a écrit'],
  commentAuthorName: ['auteur'],
  commentDateName: [],
  commentsNameStem: ['reacti'],
  dateInText: [],
};

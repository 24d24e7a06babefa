import type { ChromeWords } from './types.js';

export const es: ChromeWords = {
  lang: 'es',
  commentsHeading: ['comentarios?', 'respuestas?', 'deja un comentario', 'deja una respuesta', 'opiniones'],
  commentsName: ['comentarios'],
  shareWords: ['compartir', 'comparte', 'imprimir', 'enviar', 'correo', 'tuitear', 'artículo'],
  shareGlue: ['por', 'este', 'en', 'nos'],
  postMeta: ['esta entrada fue publicada (?:el|en)\\b', 'publicado en\\b[^|]{1,120}\\|\\s*(?:sin|\\d+) comentarios?'],
  rightsReserved: ['todos los derechos reservados'],
  dateWords: ['de', 'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  relatedCue: ['lee (?:también|más)'],
  neverStory: ['síguenos en\\s', 'suscríbete\\s'],
  noticeLine: ['publicidad', 'foto ?(?:credit)?s? ?:.*', 'leer más', '\\d+ de \\d+'],
  readMoreLink: ['leer más', 'seguir leyendo', 'sigue leyendo', 'ver más', 'más'],
  productionCredit: [],
  bylineWord: ['por'],
  commenterBy: ['por'],
  commenterSays: ['dice', 'escribió'],
  commentAuthorName: ['autor'],
  commentDateName: ['fecha'],
  commentsNameStem: ['comentar'],
  dateInText: [],
};

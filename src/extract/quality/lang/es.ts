import type { ChromeWords } from './types.js';

export const es: ChromeWords = {
  lang: 'es',
  commentsHeading: ['comentarios?', 'respuestas?', 'deja un comentario', 'deja una respuesta', 'opiniones'],
  commentsName: ['comentarios'],
};

import type { ChromeWords } from './types.js';

export const pt: ChromeWords = {
  lang: 'pt',
  commentsHeading: ['comentários?', 'respostas?', 'deixe (?:um comentário|uma resposta)', 'deixe seu comentário'],
  commentsName: ['comentarios'],
};

import type { ChromeWords } from './types.js';

export const pt: ChromeWords = {
  lang: 'pt',
  commentsHeading: ['comentários?', 'respostas?', 'deixe (?:um comentário|uma resposta)', 'deixe seu comentário'],
  commentsName: ['comentarios'],
  shareWords: ['compartilhar', 'compartilhe', 'partilhar', 'partilhe', 'baixar', 'imprimir', 'enviar', 'pint', 'salvar', 'curtir'],
  shareGlue: ['por', 'este', 'no', 'nos', 'e'],
  postMeta: ['este (?:post|artigo) foi publicado (?:em|no)\\b', 'publicado em\\b[^|]{1,120}\\|\\s*(?:sem|\\d+) comentários?'],
  rightsReserved: ['todos os direitos reservados'],
};

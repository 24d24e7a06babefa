import type { ChromeWords } from './types.js';

export const pt: ChromeWords = {
  lang: 'pt',
  commentsHeading: ['comentários?', 'respostas?', 'deixe (?:um comentário|uma resposta)', 'deixe seu comentário'],
  commentsName: ['comentarios'],
  shareWords: ['compartilhar', 'compartilhe', 'partilhar', 'partilhe', 'baixar', 'imprimir', 'enviar', 'pint', 'salvar', 'curtir'],
  shareGlue: ['por', 'este', 'no', 'nos', 'e'],
  postMeta: ['este (?:post|artigo) foi publicado (?:em|no)\\b', 'publicado em\\b[^|]{1,120}\\|\\s*(?:sem|\\d+) comentários?'],
  rightsReserved: ['todos os direitos reservados'],
  dateWords: ['de', 'em', 'janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  relatedCue: ['leia (?:também|mais)', 'veja (?:também|mais)', 'saiba mais'],
  neverStory: ['atenção:? comentários', 'siga-nos\\s', 'inscreva-se\\s', 'assine (?:a nossa|o nosso|nossa|nosso) newsletter'],
  noticeLine: ['publicidade', 'ver comentários', 'comentários', 'tempo de leitura\\b.*', 'foto ?(?:credit)?s? ?:.*'],
  readMoreLink: ['leia mais', 'ler mais', 'continue lendo', 'continuar lendo', 'ver mais', 'saiba mais'],
  productionCredit: [],
  bylineWord: ['por'],
  commenterBy: ['por'],
  commenterSays: ['disse', 'diz'],
  commentAuthorName: ['autor'],
  commentDateName: ['data'],
  commentsNameStem: ['comentar'],
  dateInText: [],
};

import type { ChromeWords } from './types.js';

export const en: ChromeWords = {
  lang: 'en',
  commentsHeading: [
    'comments?', 'responses?(?: to\\b.*)?', 'repl(?:y|ies)(?: to\\b.*)?', 'thoughts? on\\b.*', 'reader comments', 'user comments',
    'your comments', 'discussion', 'join the discussion', 'leave a (?:comment|reply)', 'what do you think\\??', 'trackbacks?', 'pingbacks?',
  ],
  commentsName: ['comments', 'commentlist', 'comment-?list', 'comments?-?(?:area|section|container|content|wrap(?:per)?|block|thread|stream|holder|box)', 'all-?comments', 'user-?comments', 'reader-?comments', 'discussion', 'responses', 'disqus(?:-?thread)?'],
};

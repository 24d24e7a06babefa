import type { ChromeWords } from './types.js';

export const en: ChromeWords = {
  lang: 'en',
  commentsHeading: [
    'comments?', 'responses?(?: to\\b.*)?', 'repl(?:y|ies)(?: to\\b.*)?', 'thoughts? on\\b.*', 'reader comments', 'user comments',
    'your comments', 'discussion', 'join the discussion', 'leave a (?:comment|reply)', 'what do you think\\??', 'trackbacks?', 'pingbacks?',
  ],
  commentsName: ['comments', 'commentlist', 'comment-?list', 'comments?-?(?:area|section|container|content|wrap(?:per)?|block|thread|stream|holder|box)', 'all-?comments', 'user-?comments', 'reader-?comments', 'discussion', 'responses', 'disqus(?:-?thread)?'],
  shareWords: ['share', 'shares', 'shared', 'tweet', 'email', 'mail', 'print', 'pin', 'pinit', 'save', 'like', 'recommend', 'follow', 'story', 'article', 'post', 'page', 'link', 'copy', 'send', 'friend', 'sms', 'permalink'],
  shareGlue: ['this', 'on', 'it', 'us', 'to', 'a', 'e', 'via', 'more'],
  postMeta: ['this entry was posted (?:on|in)\\b', 'this (?:entry|post) was filed under\\b', 'you can follow any responses to this entry', 'you can leave a response', 'both comments and pings are', 'posted in\\b[^|]{1,120}\\|\\s*(?:no|\\d+) comments?', 'comments powered by\\b', 'bookmark the permalink', 'this entry was tagged\\b'],
  rightsReserved: ['all rights reserved', 'some rights reserved'],
};

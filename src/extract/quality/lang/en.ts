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
  postMeta: ['this entry was posted (?:on|in)\\b', 'this (?:entry|post) was filed under\\b', 'you can follow any responses to this entry', 'you can leave a response', 'both comments and pings are', 'posted in\\b[^|]{1,120}\\|\\s*(?:no|\\d+) comments?', 'comments powered by\\b', 'bookmark the permalink', 'this entry was tagged\\b', 'posted (?:at|in|by)\\b[^|]{1,120}\\|\\s*permalink'],
  rightsReserved: ['all rights reserved', 'some rights reserved'],
  copyrightWord: ['copyright'],
  newsletterCall: [
    '(?:subscribe|sign[ -]?up)(?: now| today| here)?(?: to| for)? (?:our|my) (?:free |daily |weekly |monthly |e-?mail |e-)*newsletters?\\b', '^(?:subscribe|sign[ -]?up)(?: to| for)? the newsletter\\b',
    'join (?:our|my|the) (?:[\\w-]+ )?(?:e-?mail|mailing|newsletter) list\\b', 'get (?:e-?mail|email) updates\\b', '(?:delivered|sent) (?:straight |right |directly )?to your inbox',
    'right to your inbox', 'subscribe and stay (?:updated|tuned)', 'newsletter sign[ -]?up', 'never miss (?:a|an) (?:post|story|recipe|update)\\b',
  ],
  siteNotice: [
    '(?:this|our|my) (?:site|website|web site|weblog|blog)\\b[^.]{0,100}\\b(?:may not be|be copied|reproduced|without (?:prior |written |express )?(?:permission|agreement|consent)|affiliate|are (?:my|our) own|do(?:es)? not (?:necessarily )?reflect|endorse|not (?:be )?responsible)',
    '(?:content|material|text|photos?|images?|graphics|photographs)\\b[^.]{0,40}\\b(?:this|our|my) (?:site|website|web site|blog)\\b[^.]{0,60}\\b(?:may not be|copied|reproduced|my own|our own|permission)',
    'this (?:site|website|web site|blog) is (?:supported|funded|sponsored|a personal)\\b', 'opinions expressed (?:on this|are not)\\b', 'is a personal (?:web ?site|blog)\\b',
  ],
  dateWords: [
    '\\d{1,4}(?:st|nd|rd|th)', 'jan(?:uary)?', 'feb(?:ruary)?', 'mar(?:ch)?', 'apr(?:il)?', 'may', 'june?', 'july?', 'aug(?:ust)?', 'sep(?:t(?:ember)?)?', 'oct(?:ober)?', 'nov(?:ember)?', 'dec(?:ember)?',
    'mon(?:day)?', 'tue(?:s(?:day)?)?', 'wed(?:nesday)?', 'thu(?:rs(?:day)?)?', 'fri(?:day)?', 'sat(?:urday)?', 'sun(?:day)?',
    'posted', 'published', 'updated', 'last', 'modified', 'first', 'on', 'at', 'in', 'by', 'ago', 'hours?', 'minutes?', 'days?',
  ],
  relatedCue: [
    'you (?:may|might|will) (?:also )?(?:like|enjoy|be interested)', 'you may have missed',
    'related(?: (?:posts?|articles?|stories|content|coverage|reading|news|links|topics))?\\b', 'recommended(?: for you| stories| reading)?\\b',
    "more (?:from|on|in|stories|news|articles|reading|to read|great [\\w\\s'’]{1,30}stories)\\b", 'read (?:more|also|next|this next)\\b', 'see also\\b',
    'also (?:on|read|see)\\b', 'further reading', 'popular (?:posts|stories|now|articles|this (?:week|month)|today)', 'recent (?:posts|articles|stories)\\b', 'most (?:read|popular|viewed)', 'trending(?: now| stories)?\\b',
    "don['’]?t miss", 'what to read next',
  ],
  neverStory: [
    '(?:click here to |please )?(?:sign up (?:for|to|now|here|today)|subscribe (?:to|now|here|today|for))\\b', 'get (?:the|our) (?:latest|best|newsletter|daily)',
    'follow (?:us|me|him|her) (?:on|at)\\b', 'share (?:this (?:story|article|post|page)|on (?:facebook|twitter|x\\b|whatsapp|linkedin))', 'like this (?:story|article|post)\\b',
    'leave a (?:comment|reply)', 'post (?:a )?comment', 'add (?:a )?comment', 'skip to (?:main )?content', 'copyright\\s*(?:[©ⓒ]|\\(c\\)|\\d{4})', 'all rights reserved',
    'have a (?:news )?tip\\b', 'this (?:post|article|page) (?:may )?contains? affiliate', 'filed under\\b', 'tagged(?: with)?:', 'tags?:', 'view author archive', 'email the author',
    // The print edition's line, tag lines, notices and calls, and "continues below" labels.
    'a version of this (?:article|story|column|review|post) (?:appeared|appears)\\b', 'tagged (?:as|in|with)\\s*:', 'tagged\\s*//',
    'this (?:page|site) is best viewed\\b', 'if you (?:enjoyed|liked) this (?:article|post|story)\\b', 'sign-up (?:for|to)\\b',
    'story continues below\\b', 'continue reading (?:the main story|below)\\b',
  ],
  noticeLine: [
    'advert(?:isement)?s?', 'sponsored(?: content)?', 'comments?', '\\d+ comments?', 'sign up', 'subscribe', 'share', 'reading time\\b.*', '\\d+ min(?:ute)?s? read',
    '(?:photo|image|picture) ?(?:credit)?s? ?:.*',
    '(?:(?:opinion|staff|senior|contributing|guest|special|chief|political|foreign|national|business|science) )*(?:columnist|writer|editor|correspondent|reporter|contributor)s?',
    // Labels of a reader's tools, of photo viewers and galleries ("3 of 6"), of boxes and pages around the story.
    'continue reading(?: the main story)?', 'story continues(?: below)?(?: (?:the )?advertisement)?', 'enlarge this image', '(?:toggle|hide) caption',
    'featured (?:posts?|content|stories|articles|videos?)', 'top stories', 'most recent', 'photos? of the day', 'jump to', 'permalink', 'about the author',
    'view (?:photo )?galler(?:y|ies)', 'watch video', '\\d+ of \\d+', '(?:previous|next) (?:post|article|story)', 'archives', 'categories',
    // Labels that jump within the page, open an image or a profile.
    '[\\^↑▲]?\\s*(?:back to (?:the )?top|top of (?:the )?page)\\s*[\\^↑▲]?', 'click (?:here )?to enlarge', 'view (?:full )?profile',
  ],
  readMoreLink: ['read (?:more|on|the rest|the full (?:story|article|post))', 'continue reading', 'keep reading', 'full story', 'more'],
  productionCredit: ['(?:additional )?reporting by', 'editing by', 'edited by', 'writing by', 'compiled by', 'with reporting (?:by|from)', 'produced by'],
  bylineWord: ['by', 'words by', 'text by', 'written by'],
  commenterBy: ['by'],
  commenterSays: ['says', 'said', 'wrote', 'writes'],
  commentAuthorName: [],
  commentDateName: [],
  commentsNameStem: ['comment', 'respons', 'discus', 'disqus'],
  dateInText: [
    '\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b', '\\b\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b',
    '\\b\\d+\\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\\s+ago\\b',
  ],
};

/**
 * The matchers built from every language table (src/extract/quality/lang/index.ts): each holds
 * the words of all languages, whatever the page says its language is, and matches whole lines or
 * whole name parts only, so the same words inside a story sentence stay untouched.
 */
import { describe, expect, it } from 'vitest';
import {
  alternation,
  BYLINE_LINE,
  COPYRIGHT_YEAR,
  COMMENTER_BY,
  COMMENTER_SAYS,
  COMMENTS_HEADING,
  COMMENTS_NAME,
  COMMENTS_NAME_STEM,
  DATE_IN_TEXT_WORDS,
  DATE_WORD,
  LANGUAGES,
  NEVER_STORY_LINE,
  NEWSLETTER_CALL,
  NOTICE_LINE,
  POST_META,
  PRODUCTION_CREDIT,
  RELATED_CUE,
  RIGHTS_RESERVED,
  SHARE_GLUE,
  SHARE_WORDS,
  SITE_NOTICE,
} from '../../../../src/extract/quality/lang/index.js';

describe('the tables', () => {
  it('are the nine languages, English first', () => {
    expect(LANGUAGES.map((table) => table.lang)).toEqual(['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'ru', 'id']);
  });

  it("joins one field's entries over every language, in table order", () => {
    const bylines = alternation('bylineWord').split('|');
    expect(bylines.slice(0, 5)).toEqual(['by', 'words by', 'text by', 'written by', 'von']);
    expect(bylines).toContain('par');
    expect(bylines).toContain('por');
  });
});

describe('COMMENTS_HEADING', () => {
  it('matches a comments heading in any language, with a count before or after', () => {
    for (const heading of ['Comments', '12 Comments', 'Comments (3)', 'Comments [3]:', 'Kommentare', '5 commentaires', 'Comentarios', 'Leave a Reply', 'Thoughts on the harbour']) {
      expect(COMMENTS_HEADING.test(heading), heading).toBe(true);
    }
  });

  it('leaves a heading that only starts with the word', () => {
    for (const heading of ['Comments from the mayor', 'Discussion of the budget', 'Kommentare zur Lage']) {
      expect(COMMENTS_HEADING.test(heading), heading).toBe(false);
    }
  });
});

describe('COMMENTS_NAME and its stem', () => {
  it('matches a comments class word whole or as a dash-separated part', () => {
    for (const name of ['comments', 'comment-list', 'jc-comments-div', 'all-comments', 'disqus-thread', 'kommentare', 'commentaires']) {
      expect(COMMENTS_NAME.test(name), name).toBe(true);
    }
  });

  it('leaves a word that merely contains one', () => {
    for (const name of ['commentary', 'nocomments', 'comment', 'discussions-of-policy']) {
      expect(COMMENTS_NAME.test(name), name).toBe(false);
    }
  });

  it('has a stem in every name it matches (the cheap test before the names are split)', () => {
    for (const name of ['comment-list', 'all-comments', 'disqus', 'discussion', 'responses', 'kommentare', 'commentaires', 'comentarios']) {
      expect(COMMENTS_NAME.test(name), name).toBe(true);
      expect(COMMENTS_NAME_STEM.test(name), name).toBe(true);
    }
  });
});

describe('share rows', () => {
  it('hold share words of every language and the networks, lower-case', () => {
    for (const word of ['share', 'teilen', 'partager', 'compartir', 'facebook', 'whatsapp', 'x']) {
      expect(SHARE_WORDS.has(word), word).toBe(true);
    }
    expect(SHARE_WORDS.has('harbour')).toBe(false);
    expect(SHARE_WORDS.has('Facebook')).toBe(false);
    expect(SHARE_GLUE.has('via')).toBe(true);
    expect(SHARE_GLUE.has('share')).toBe(false);
  });
});

describe('line rules', () => {
  it('POST_META and RIGHTS_RESERVED', () => {
    expect(POST_META.test('This entry was posted in News and tagged harbour.')).toBe(true);
    expect(POST_META.test('The entry was posted in News.')).toBe(false);
    expect(RIGHTS_RESERVED.test('© 2024 Harbour Times. All Rights Reserved.')).toBe(true);
    expect(RIGHTS_RESERVED.test('The rights of the fishermen were reserved for later.')).toBe(false);
  });

  it('COPYRIGHT_YEAR, NEWSLETTER_CALL and SITE_NOTICE find their words anywhere in a line, from a word\'s start', () => {
    for (const line of ['© 2006 Newsweek, Inc.', 'Powered by Forum © 2003-2004', 'Copyright (c) 1999 by the Trust', 'Urheberrecht 2012 Hafenblatt']) {
      expect(COPYRIGHT_YEAR.test(line), line).toBe(true);
    }
    for (const line of ['© Webster 1913.', 'copyrighted 2004', 'Copyright © International Associations']) expect(COPYRIGHT_YEAR.test(line), line).toBe(false);
    for (const line of ['Sign up for our e-newsletter about the court', 'NEWSLETTER SIGN UP', 'Подпишитесь на нашу рассылку', 'Iscriviti alla nostra newsletter']) {
      expect(NEWSLETTER_CALL.test(line), line).toBe(true);
    }
    expect(NEWSLETTER_CALL.test('Readers unsubscribe to our newsletter every spring')).toBe(false);
    for (const line of ['The content of this site may not be copied', 'all photographs on this blog are my own', 'Os textos deste site não podem ser reproduzidos']) {
      expect(SITE_NOTICE.test(line), line).toBe(true);
    }
    expect(SITE_NOTICE.test('The views expressed in this article are the author\'s own')).toBe(false);
  });

  it('DATE_WORD takes date notation and date words whole, in any language', () => {
    for (const word of ['2024', '12', '4th', 'June', 'Posted', 'pm', 'UTC', 'EST', 'ago']) {
      expect(DATE_WORD.test(word), word).toBe(true);
    }
    for (const word of ['12345', 'harbour', 'Mayor', 'junes']) {
      expect(DATE_WORD.test(word), word).toBe(false);
    }
  });

  it('RELATED_CUE opens a block and gives the length of its cue', () => {
    expect(RELATED_CUE.exec('Related stories: the ferry')?.[0]).toBe('Related stories');
    expect(RELATED_CUE.exec('Read more about it')?.[0]).toBe('Read more');
    expect(RELATED_CUE.test('The related ferry stories')).toBe(false);
  });

  it('NEVER_STORY_LINE opens with chrome, or a copyright sign in any language', () => {
    expect(NEVER_STORY_LINE.test('Sign up for our newsletter')).toBe(true);
    expect(NEVER_STORY_LINE.test('© Harbour Times')).toBe(true);
    expect(NEVER_STORY_LINE.test('Copyright 2024 Harbour Times')).toBe(true);
    expect(NEVER_STORY_LINE.test('The mayor asked residents to sign up for ferry passes.')).toBe(false);
  });

  it('NOTICE_LINE matches a short notice only whole', () => {
    for (const line of ['Advertisement', 'Sponsored content', '12 comments', '4 min read', 'Share.', 'Photo credit: J. Roe']) {
      expect(NOTICE_LINE.test(line), line).toBe(true);
    }
    expect(NOTICE_LINE.test('Advertisement revenue fell by half.')).toBe(false);
  });

  it('PRODUCTION_CREDIT and BYLINE_LINE', () => {
    expect(PRODUCTION_CREDIT.test('(Reporting by Jane Roe; Editing by Joe Bloggs)')).toBe(true);
    expect(PRODUCTION_CREDIT.test('Additional reporting by Jane Roe')).toBe(true);
    expect(PRODUCTION_CREDIT.test('The reporting by local papers was thin.')).toBe(false);
    for (const line of ['By Jane Roe', 'Words by: Jane Roe', 'Von Anna Schmidt', 'Por Ana Díaz', 'Par Élise Martin']) {
      expect(BYLINE_LINE.test(line), line).toBe(true);
    }
    expect(BYLINE_LINE.test('Bystanders Jane and Joe')).toBe(false);
    expect(BYLINE_LINE.test('By 2030 the harbour')).toBe(false);
  });

  it("COMMENTER_SAYS ends a commenter's name, COMMENTER_BY opens it", () => {
    expect('Jane Roe says:'.replace(COMMENTER_SAYS, '')).toBe('Jane Roe');
    expect('Jane Roe wrote'.replace(COMMENTER_SAYS, '')).toBe('Jane Roe');
    expect('Jane Sayson'.replace(COMMENTER_SAYS, '')).toBe('Jane Sayson');
    expect('by Jane Roe'.replace(COMMENTER_BY, '')).toBe('Jane Roe');
    expect('Bye Jane'.replace(COMMENTER_BY, '')).toBe('Bye Jane');
  });

  it('DATE_IN_TEXT_WORDS finds a date written in words inside a line', () => {
    expect(DATE_IN_TEXT_WORDS.exec('Jane Roe on June 08, 2012 at 4pm')?.[0]).toBe('June 08');
    expect(DATE_IN_TEXT_WORDS.exec('posted 3 days ago')?.[0]).toBe('3 days ago');
    expect(DATE_IN_TEXT_WORDS.test('Jane Roe, harbour master')).toBe(false);
  });
});

/**
 * The words of page chrome in one language, as data: each entry is a regular-expression source
 * (no anchors, no flags) matched case-insensitively against the start of a whole block or a
 * class/id word. Tables hold what a reader sees; nothing here names a site, a page or a person.
 */
export interface ChromeWords {
  /** BCP 47 language subtag ("en", "de", …). */
  lang: string;
  /**
   * Headings that open a thread of reader comments: "12 Comments", "Responses to …",
   * "Leave a reply". A leading count is allowed by the matcher; write the words only.
   */
  commentsHeading: readonly string[];
  /** Class/id words of a comments container ("comments", "kommentare"). */
  commentsName: readonly string[];
  /**
   * Words of a row of share and tool links ("Facebook Twitter WhatsApp Pin Print"): a short
   * block made of these words alone is no story. Whole lower-case words, no patterns.
   */
  shareWords: readonly string[];
  /** Small words that join share words in such a row ("Share *on* Facebook", "Pin *it*"); never enough alone. */
  shareGlue: readonly string[];
  /**
   * Openings of a blog's post data under the story ("This entry was posted on … and is filed
   * under …", "Posted in … | No comments", "comments powered by …").
   */
  postMeta: readonly string[];
  /** A site footer's rights line, found anywhere in a short block ("All rights reserved"). */
  rightsReserved: readonly string[];
  /** The word of a rights notice before its year ("Copyright 2006"), beside the © sign every language uses. */
  copyrightWord: readonly string[];
  /**
   * A call to subscribe to a newsletter or an e-mail list, found anywhere in a short block
   * ("Sign up for our newsletter", "… delivered to your inbox", "Join our mailing list").
   */
  newsletterCall: readonly string[];
  /**
   * A site's notice about itself, found anywhere in a short block: its rights, its affiliate
   * links, whose views it holds ("the content of this site may not be copied", "This website is
   * supported by affiliate arrangements"). A notice about the article ("the views expressed in
   * this article") is the article's own and is not written here.
   */
  siteNotice: readonly string[];
  /**
   * Words of a publishing line ("Posted on 30 March 2015", "Updated Nov 19, 6:55 AM"): month and
   * day names, ordinals, the words around a date. Whole words, patterns allowed.
   */
  dateWords: readonly string[];
  /** Openings of a block that announces links to other stories ("You may also like", "Leia também"). */
  relatedCue: readonly string[];
  /** Openings of lines that are never story (calls to subscribe, share or comment, notices, tag lines). */
  neverStory: readonly string[];
  /** Whole very short lines that are never story: labels, counts, read times, photo credits. */
  noticeLine: readonly string[];
  /**
   * Whole texts of a link onward to the rest of another page, closing a teaser ("Read more…",
   * "Continue reading", "Leia mais"); brackets, arrows and dots around them are allowed by the matcher.
   */
  readMoreLink: readonly string[];
  /** Openings of the wire-service and production credits closing a story ("Reporting by"). */
  productionCredit: readonly string[];
  /** Words that open a byline line before the name ("By", "Por"). */
  bylineWord: readonly string[];
  /** Words before a commenter's name ("by Jane"). */
  commenterBy: readonly string[];
  /** Words after a commenter's name ("Jane says:"). */
  commenterSays: readonly string[];
  /** Class/id words (whole `-`/`_` parts) of a comment's author and of its date, beyond the English ones in comments/find.ts. */
  commentAuthorName: readonly string[];
  commentDateName: readonly string[];
  /** Stems that every class/id word of a comments container (commentsName) holds: a cheap test first. */
  commentsNameStem: readonly string[];
  /** A date written inside a line of text ("June 08, 2012", "3 days ago"), anywhere in it. */
  dateInText: readonly string[];
}

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
}

import type { ChromeWords } from './types.js';

/** Indonesian: the chrome words the corpora showed so far. */
export const id: ChromeWords = {
  lang: 'id',
  commentsHeading: [],
  commentsName: [],
  shareWords: [],
  shareGlue: [],
  postMeta: [],
  rightsReserved: [],
  copyrightWord: ['hak cipta'],
  newsletterCall: ['berlangganan (?:newsletter|buletin) kami', 'langsung ke (?:kotak masuk|inbox|email) anda'],
  siteNotice: ['(?:konten|isi|teks|foto|gambar) (?:di )?(?:situs|blog) ini[^.]{0,60}(?:tidak boleh|dilarang|tanpa izin)'],
  dateWords: [],
  relatedCue: ['baca juga'],
  neverStory: ['ikuti kami di\\s', 'berlangganan\\s'],
  noticeLine: ['iklan', 'baca (?:juga|selengkapnya)', '\\d+ dari \\d+', '[\\^↑▲]?\\s*(?:kembali ke atas)\\s*[\\^↑▲]?', 'klik untuk memperbesar', 'lihat profil'],
  readMoreLink: ['baca (?:selengkapnya|lebih lanjut|lanjutannya)', 'selengkapnya'],
  productionCredit: [],
  bylineWord: ['oleh'],
  commenterBy: [],
  commenterSays: [],
  commentAuthorName: [],
  commentDateName: [],
  commentsNameStem: [],
  dateInText: [],
};

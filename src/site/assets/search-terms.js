/*
 * How clipfile's site search cuts text into terms, and which index file holds a term. The
 * site builder runs this same file (src/site/search-index.ts), so the index and the browser
 * always agree. Plain ES5-style script: it defines one global and nothing else.
 */
var clipfileTerms = (function () {
  /** Index files the terms are spread over; a query loads only the files of its terms. */
  var BUCKETS = 256;
  /** Terms sharing their first PREFIX characters share a file, so a prefix search needs one file. */
  var PREFIX = 2;

  /** Lower case, accents removed: "Khalímov" and "KHALIMOV" are one term. */
  function processTerm(term) {
    var folded = term.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    return folded === '' ? null : folded;
  }

  /** The index file of a processed term: a hash (FNV-1a) of its first characters. */
  function bucketOf(term) {
    var prefix = Array.from(term).slice(0, PREFIX).join('');
    var hash = 0x811c9dc5;
    for (var i = 0; i < prefix.length; i++) {
      hash ^= prefix.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    var bucket = (hash % BUCKETS).toString(16);
    return bucket.length < 2 ? '0' + bucket : bucket;
  }

  return { processTerm: processTerm, bucketOf: bucketOf, PREFIX: PREFIX };
})();

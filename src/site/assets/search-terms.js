/*
 * How clipfile's site search cuts text into terms, and which index file (shard) holds a term.
 * The site builder runs this same file (src/site/search-index.ts), so the index and the
 * browser always agree. Plain ES5-style script: it defines one global and nothing else.
 */
var clipfileTerms = (function () {
  /** Shards the terms are spread over; a query loads only the shards of its words. */
  var SHARDS = 512;
  /**
   * Terms sharing their first PREFIX characters share a shard, so completing the last word of
   * a query (a prefix search) needs one shard; shorter words are matched whole.
   */
  var PREFIX = 3;
  /** Words are split at spaces, punctuation and line ends (as MiniSearch and most engines do). */
  var SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;
  /** Longer "words" are base64, hashes or run-together junk: never searched for, not indexed. */
  var MAX_TERM_LENGTH = 40;

  /** The terms of a text, in order: lower case, accents removed ("Khalímov" and "KHALIMOV" are one term). */
  function terms(text) {
    var folded = String(text).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    var out = [];
    var words = folded.split(SEPARATOR);
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (word !== '' && word.length <= MAX_TERM_LENGTH) out.push(word);
    }
    return out;
  }

  /** Whether a query's last word is completed: long enough that all its completions share its shard. */
  function completes(term) {
    return Array.from(term).length >= PREFIX;
  }

  /** The shard of a term: a hash (FNV-1a) of its first PREFIX characters, as three hex digits. */
  function shardOf(term) {
    var prefix = Array.from(term).slice(0, PREFIX).join('');
    var hash = 0x811c9dc5;
    for (var i = 0; i < prefix.length; i++) {
      hash ^= prefix.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    var shard = (hash % SHARDS).toString(16);
    while (shard.length < 3) shard = '0' + shard;
    return shard;
  }

  return { terms: terms, completes: completes, shardOf: shardOf, PREFIX: PREFIX };
})();

/*
 * The site's search, without the page around it: the browser runs it (assets/search.js) and so
 * do clipfile's tests, over the same files. The index is a set of script files that hand their
 * data to clipfileSearchData when they run, so it works from file:// where fetch() is refused
 * (src/site/search-index.ts writes them):
 * - search/core.js: how many articles, which shards exist, how result titles are chunked;
 * - search/s-XXX.js: one shard of the main index, {term: postings}, by the term's first letters;
 * - search/delta.js: the articles built since the main index (their titles), the main index's
 *   articles they replace, and which of its own shards exist (search/d-XXX.js, as s-XXX.js);
 * - search/docs-N.js: titles, sites and dates of the main index's articles, in chunks.
 * Postings are [gap, weight, gap, weight, …]: article numbers as gaps from the one before, and
 * the term's weight in that article (0–100: how often it occurs, title and byline counting more,
 * saturated and normalised by length at build time). A query loads only the shards of its words.
 */
var clipfileSearchEngine = function (load) {
  'use strict';
  /** A completion of the last word counts for less than the word itself. */
  var COMPLETION_WEIGHT = 0.5;

  var data = { core: null, delta: null, shards: {}, deltaShards: {}, docs: {} };
  var sink = {
    core: function (core) { data.core = core; },
    delta: function (delta) { data.delta = delta; },
    shard: function (name, terms) { data.shards[name] = terms; },
    deltaShard: function (name, terms) { data.deltaShards[name] = terms; },
    docs: function (chunk, docs) { data.docs[chunk] = docs; },
  };

  /** The small files every query needs: loaded once, on the first keystroke or query. */
  function prepare() {
    return Promise.all([load('search/core.js'), load('search/delta.js')]);
  }

  function postingCount(list) {
    return list ? list.length / 2 : 0;
  }

  /** Each article's best weight for one query word: { docId: contribution }. */
  function matchesOf(word, complete, mainTerms, deltaTerms, totalDocuments, superseded) {
    var matches = new Map();
    var candidates = {};
    [mainTerms, deltaTerms].forEach(function (terms) {
      if (!terms) return;
      if (!complete) { if (Object.prototype.hasOwnProperty.call(terms, word)) candidates[word] = true; return; }
      for (var term in terms) if (Object.prototype.hasOwnProperty.call(terms, term) && term.lastIndexOf(word, 0) === 0) candidates[term] = true;
    });
    Object.keys(candidates).forEach(function (term) {
      var mainList = mainTerms && Object.prototype.hasOwnProperty.call(mainTerms, term) ? mainTerms[term] : null;
      var deltaList = deltaTerms && Object.prototype.hasOwnProperty.call(deltaTerms, term) ? deltaTerms[term] : null;
      var df = postingCount(mainList) + postingCount(deltaList);
      var idf = Math.log(1 + (totalDocuments - df + 0.5) / (df + 0.5));
      var weight = term === word ? 1 : COMPLETION_WEIGHT;
      [[mainList, 'm'], [deltaList, 'd']].forEach(function (pair) {
        var list = pair[0];
        if (!list) return;
        var doc = 0;
        for (var i = 0; i < list.length; i += 2) {
          doc += list[i];
          if (pair[1] === 'm' && superseded[doc]) continue;
          var id = pair[1] + doc;
          var contribution = idf * list[i + 1] * weight;
          var before = matches.get(id);
          if (before === undefined || before < contribution) matches.set(id, contribution);
        }
      });
    });
    return matches;
  }

  /** Articles holding every word of the query (the last one completed), best first: {total, hits}. */
  function rank(query, limit) {
    var words = [];
    clipfileTerms.terms(query).forEach(function (word) { if (words.indexOf(word) < 0) words.push(word); });
    if (!words.length) return Promise.resolve({ total: 0, hits: [] });
    return prepare().then(function () {
      var files = {};
      var shards = words.map(function (word) { return clipfileTerms.shardOf(word); });
      [[data.core.shards, 'search/s-'], [data.delta.shards, 'search/d-']].forEach(function (pair) {
        shards.forEach(function (shard) { if (pair[0].indexOf(shard) >= 0) files[pair[1] + shard + '.js'] = true; });
      });
      return Promise.all(Object.keys(files).map(load));
    }).then(function () {
      var superseded = {};
      data.delta.superseded.forEach(function (doc) { superseded[doc] = true; });
      var totalDocuments = data.core.documents + data.delta.documents.length;
      var perWord = words.map(function (word, i) {
        var complete = i === words.length - 1 && clipfileTerms.completes(word);
        var shard = clipfileTerms.shardOf(word);
        return matchesOf(word, complete, data.shards[shard], data.deltaShards[shard], totalDocuments, superseded);
      }).sort(function (a, b) { return a.size - b.size; });
      var scored = [];
      perWord[0].forEach(function (score, id) {
        for (var i = 1; i < perWord.length; i++) {
          var more = perWord[i].get(id);
          if (more === undefined) return;
          score += more;
        }
        scored.push({ id: id, score: score });
      });
      scored.sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
      return { total: scored.length, hits: scored.slice(0, limit) };
    });
  }

  /** Results of a query: {total, results: [{key, title, href, site, published, score}]}, best first. */
  function search(query, limit) {
    return rank(query, limit).then(function (ranked) {
      var chunks = {};
      ranked.hits.forEach(function (hit) {
        if (hit.id.charAt(0) === 'm') chunks[Math.floor(Number(hit.id.slice(1)) / data.core.docsPerChunk)] = true;
      });
      return Promise.all(Object.keys(chunks).map(function (chunk) { return load('search/docs-' + chunk + '.js'); })).then(function () {
        var results = ranked.hits.map(function (hit) {
          var n = Number(hit.id.slice(1));
          var doc = hit.id.charAt(0) === 'd'
            ? data.delta.documents[n]
            : data.docs[Math.floor(n / data.core.docsPerChunk)][n % data.core.docsPerChunk];
          return { key: doc[0], title: doc[1], href: 'articles/' + doc[0] + '.html', site: doc[2], published: doc[3], score: hit.score };
        });
        return { total: ranked.total, results: results };
      });
    });
  }

  return { sink: sink, prepare: prepare, search: search };
};

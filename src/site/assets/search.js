/*
 * Full-text search of the archive, in the browser, with no server: the index is a set of
 * script files (search/core.js, search/terms-XX.js, search/delta.js, search/docs-XX.js) that
 * call clipfileSearchData when loaded, so it works from file:// where fetch() is refused. A
 * query loads the core and only the term files its words need, and the small delta index of
 * the articles built since (src/site/search-index.ts); main hits the delta supersedes are dropped.
 */
(function () {
  'use strict';
  var RESULTS_SHOWN = 20;
  var SEARCH_OPTIONS = {
    combineWith: 'AND',
    boost: { title: 3, byline: 2, speakers: 2 },
    // The last word is completed (sharia finds sharia and shariah) once it is long enough that
    // all its completions share one term file.
    prefix: function (term, index, terms) {
      return index === terms.length - 1 && Array.from(term).length >= clipfileTerms.PREFIX;
    },
  };

  var data = { core: null, terms: {}, docs: {}, delta: null };
  window.clipfileSearchData = {
    core: function (core) { data.core = core; },
    delta: function (delta) { data.delta = delta; },
    terms: function (bucket, entries) { data.terms[bucket] = entries; },
    docs: function (chunk, docs) { data.docs[chunk] = docs; },
  };

  var loading = {};
  function loadScript(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = src;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error('could not load ' + src)); };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  var INDEX_OPTIONS = {
    fields: ['title', 'byline', 'speakers', 'text'],
    idField: 'id',
    processTerm: clipfileTerms.processTerm,
  };
  var index = null;
  var indexBuckets = '';
  function indexFor(buckets) {
    var key = buckets.slice().sort().join(',');
    if (index && indexBuckets === key) return index;
    var entries = [];
    buckets.forEach(function (bucket) { entries = entries.concat(data.terms[bucket] || []); });
    index = MiniSearch.loadJS(Object.assign({}, data.core, { index: entries }), INDEX_OPTIONS);
    indexBuckets = key;
    return index;
  }

  var delta = null;
  var superseded = {};
  function deltaIndex() {
    if (!delta) {
      delta = MiniSearch.loadJS(data.delta.index, INDEX_OPTIONS);
      data.delta.superseded.forEach(function (id) { superseded[id] = true; });
    }
    return delta;
  }

  /** Hits of the main index the delta does not supersede, and the delta's, best first. */
  function merged(mainHits, deltaHits) {
    return mainHits.filter(function (hit) { return !superseded[hit.id]; }).concat(deltaHits)
      .sort(function (a, b) { return b.score - a.score; });
  }

  /** The results of a query: [{id, score, title, href, site, published}], best first. */
  function search(query) {
    return Promise.all([loadScript('search/core.js'), loadScript('search/delta.js')]).then(function () {
      var tokenize = MiniSearch.getDefault('tokenize');
      var wanted = {};
      tokenize(query).forEach(function (word) {
        var term = clipfileTerms.processTerm(word);
        if (term) wanted[clipfileTerms.bucketOf(term)] = true;
      });
      var buckets = Object.keys(wanted).filter(function (b) { return data.core.buckets.indexOf(b) >= 0; });
      // A word no term file holds cannot match in the main index (every word must match).
      var mainCanMatch = Object.keys(wanted).length === buckets.length;
      return Promise.all(buckets.map(function (b) { return loadScript('search/terms-' + b + '.js'); })).then(function () {
        var mainHits = mainCanMatch ? indexFor(buckets).search(query, SEARCH_OPTIONS) : [];
        var hits = merged(mainHits, deltaIndex().search(query, SEARCH_OPTIONS)).slice(0, RESULTS_SHOWN);
        var chunks = {};
        hits.forEach(function (hit) { chunks[hit.id.slice(0, 2)] = true; });
        return Promise.all(Object.keys(chunks).map(function (c) { return loadScript('search/docs-' + c + '.js'); })).then(function () {
          return hits.map(function (hit) {
            var doc = (data.docs[hit.id.slice(0, 2)] || {})[hit.id] || [hit.id, 'articles/' + hit.id + '.html', '', null];
            return { id: hit.id, score: hit.score, title: doc[0], href: doc[1], site: doc[2], published: doc[3], total: 0 };
          });
        });
      });
    });
  }
  window.clipfileSearch = search;

  function show(results, query, elapsed) {
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    list.textContent = '';
    results.forEach(function (result) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = result.href;
      link.textContent = result.title;
      item.appendChild(link);
      var meta = document.createElement('span');
      meta.className = 'result-meta';
      meta.textContent = ' ' + [result.site, result.published ? result.published.slice(0, 10) : ''].filter(Boolean).join(' · ');
      item.appendChild(meta);
      list.appendChild(item);
    });
    status.textContent = results.length === 0
      ? 'No articles match “' + query + '”.'
      : (results.length === RESULTS_SHOWN ? 'Best ' : '') + results.length + ' article' + (results.length === 1 ? '' : 's') + ' for “' + query + '”.';
    status.setAttribute('data-elapsed-ms', String(Math.round(elapsed)));
  }

  function run(query) {
    var started = performance.now();
    var status = document.getElementById('search-status');
    if (!query.trim()) { document.getElementById('search-results').textContent = ''; status.textContent = ''; return; }
    status.textContent = 'Searching…';
    search(query).then(function (results) { show(results, query, performance.now() - started); }, function (error) {
      status.textContent = 'Search failed: ' + error.message;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-input');
    if (!form || !input) return;
    form.addEventListener('submit', function (event) { event.preventDefault(); run(input.value); });
    var initial = new URLSearchParams(location.search).get('q');
    if (initial) { input.value = initial; run(initial); }
  });
})();

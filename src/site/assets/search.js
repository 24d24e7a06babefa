/*
 * Full-text search of the archive in the index page, with no server: assets/search-engine.js
 * loads the index's script files as a query needs them (see there). Nothing but the small
 * core and delta files is loaded before the reader types, and a query loads only the shards
 * of its words and the title chunks of the results it shows.
 */
(function () {
  'use strict';
  var RESULTS_SHOWN = 20;

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

  var engine = clipfileSearchEngine(loadScript);
  window.clipfileSearchData = engine.sink;
  window.clipfileSearch = function (query) { return engine.search(query, RESULTS_SHOWN); };

  function show(found, query, elapsed) {
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    list.textContent = '';
    found.results.forEach(function (result) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = result.href;
      link.textContent = result.title;
      item.appendChild(link);
      var meta = document.createElement('span');
      meta.className = 'result-meta';
      meta.textContent = ' ' + [result.site, result.published ? String(result.published).slice(0, 10) : ''].filter(Boolean).join(' · ');
      item.appendChild(meta);
      list.appendChild(item);
    });
    var articles = function (n) { return n + ' article' + (n === 1 ? '' : 's'); };
    status.textContent = found.total === 0
      ? 'No articles match “' + query + '”.'
      : (found.total > found.results.length ? 'Best ' + found.results.length + ' of ' + articles(found.total) : articles(found.total)) + ' for “' + query + '”.';
    status.setAttribute('data-elapsed-ms', String(Math.round(elapsed)));
  }

  function run(query) {
    var started = performance.now();
    var status = document.getElementById('search-status');
    if (!query.trim()) { document.getElementById('search-results').textContent = ''; status.textContent = ''; return; }
    status.textContent = 'Searching…';
    engine.search(query, RESULTS_SHOWN).then(function (found) { show(found, query, performance.now() - started); }, function (error) {
      status.textContent = 'Search failed: ' + error.message;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-input');
    if (!form || !input) return;
    // The core and delta files are small; loading them as the reader comes to the box hides their load.
    input.addEventListener('focus', function () { engine.prepare().catch(function () {}); }, { once: true });
    // As the reader types, the shards of the words so far and the titles of their best results
    // are loaded (nothing is shown): by Enter, the files a query needs are mostly there.
    input.addEventListener('input', function () {
      if (input.value.trim()) engine.search(input.value, RESULTS_SHOWN).catch(function () {});
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); run(input.value); });
    var initial = new URLSearchParams(location.search).get('q');
    if (initial) { input.value = initial; run(initial); }
  });
})();

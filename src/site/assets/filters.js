/* Filters of the index page: by site, author and speaker, in the page itself (no server). */
(function () {
  'use strict';
  function listOf(item, name) {
    try { return JSON.parse(item.getAttribute('data-' + name) || '[]'); } catch (error) { return []; }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
    var items = Array.prototype.slice.call(document.querySelectorAll('#page-list .page-item')).map(function (item) {
      return { element: item, site: item.getAttribute('data-site'), authors: listOf(item, 'authors'), speakers: listOf(item, 'speakers') };
    });
    var status = document.getElementById('filter-status');

    function apply() {
      var wanted = {};
      selects.forEach(function (select) { wanted[select.getAttribute('data-filter')] = select.value; });
      var shown = 0;
      items.forEach(function (item) {
        var visible = (!wanted.site || item.site === wanted.site)
          && (!wanted.author || item.authors.indexOf(wanted.author) >= 0)
          && (!wanted.speaker || item.speakers.indexOf(wanted.speaker) >= 0);
        item.element.hidden = !visible;
        if (visible) shown++;
      });
      status.textContent = shown === items.length
        ? items.length + ' article' + (items.length === 1 ? '' : 's')
        : shown + ' of ' + items.length + ' articles';
    }
    selects.forEach(function (select) { select.addEventListener('change', apply); });
  });
})();

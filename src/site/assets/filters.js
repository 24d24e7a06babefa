/*
 * Filters of the index page: each site, author and speaker has listing pages of its own
 * (sites/…, authors/…, speakers/…), so a filter over 10,000 articles loads one small page.
 * Choosing a value and pressing "Show" (or Enter in the list) goes there.
 */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-filter]'), function (select) {
      var button = document.querySelector('button[data-filter-show="' + select.id + '"]');
      var go = function () { if (select.value) location.href = select.value; };
      if (button) button.addEventListener('click', go);
      select.addEventListener('keydown', function (event) { if (event.key === 'Enter') go(); });
    });
  });
})();

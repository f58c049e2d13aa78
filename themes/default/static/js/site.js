// plansite default theme: enhancements that reading never depends on.
// Text size: the buttons 「標準」「拡大」 set the root font size (the stylesheet sizes everything
// in rem), remembered in localStorage for the next page. Without this script the buttons stay
// hidden (they could do nothing) and the browser's own zoom and text size work as always.
(function () {
  'use strict';
  var root = document.documentElement;
  var KEY = 'plansite-text-size';
  var SIZES = ['normal', 'large'];
  function stored() {
    try {
      var v = window.localStorage.getItem(KEY);
      return SIZES.indexOf(v) >= 0 ? v : 'normal';
    } catch (e) {
      return 'normal';
    }
  }
  function apply(size) {
    if (size === 'normal') root.removeAttribute('data-text-size');
    else root.setAttribute('data-text-size', size);
    var buttons = document.querySelectorAll('.text-size [data-size]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(buttons[i].getAttribute('data-size') === size));
    }
  }
  // Before the body is drawn: the page appears at the chosen size, without a jump.
  root.classList.add('has-js');
  apply(stored());
  // The main menu on a phone: folded away behind the button 「メニュー」 in the header (the
  // stylesheet shows the button, and hides the menu until it is opened, only below 640 px and
  // only with this script; wider screens always show the menu). The button says whether the
  // menu is open (aria-expanded); Escape closes it and puts the focus back on the button. The
  // listeners are on the document from the start: the button works as soon as it is drawn.
  function menu() {
    var button = document.querySelector('.site-nav__toggle');
    var list = button && document.getElementById(button.getAttribute('aria-controls'));
    var nav = list && list.closest('.site-nav');
    return nav ? { button: button, nav: nav } : null;
  }
  function setMenu(m, open) {
    m.button.setAttribute('aria-expanded', String(open));
    m.nav.classList.toggle('site-nav--open', open);
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('.site-nav__toggle');
    var m = button && menu();
    if (m) setMenu(m, m.button.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    var m = menu();
    if (!m || m.button.getAttribute('aria-expanded') !== 'true' || !m.button.getClientRects().length) return;
    var at = event.target;
    if (at !== m.button && !m.nav.contains(at) && at !== document.body && at !== root) return;
    setMenu(m, false);
    m.button.focus();
  });
  // On a phone the buttons are at the foot of the page (the stylesheet shows one place or the
  // other by the screen's width): the page carries them once, in the header, and they are
  // copied under the footer's links here.
  function copyToFooter() {
    var control = document.querySelector('.site-header .text-size');
    var footer = document.querySelector('.site-footer .container');
    if (!control || !footer || footer.querySelector('.text-size')) return;
    var copy = control.cloneNode(true);
    var links = footer.querySelector('.site-footer__links');
    if (links) links.insertAdjacentElement('afterend', copy);
    else footer.appendChild(copy);
  }
  // A wide table scrolls inside its own box, not the page (English columns from 768 px, text
  // spacing, the 「拡大」 size). While it scrolls, the box is a region named by the table's caption (a
  // Markdown table's: the heading it comes under, else its columns) that the keyboard can reach and
  // scroll; while it fits, it is a plain box: no extra tab stop,
  // no extra landmark.
  var scrollers = [];
  function markScroller(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls === (box.getAttribute('tabindex') === '0')) return;
    if (scrolls) {
      box.setAttribute('role', 'region');
      if (box.hasAttribute('data-label-id')) box.setAttribute('aria-labelledby', box.getAttribute('data-label-id'));
      else box.setAttribute('aria-label', box.getAttribute('data-label'));
      box.setAttribute('tabindex', '0');
    } else {
      box.removeAttribute('role');
      box.removeAttribute('aria-labelledby');
      box.removeAttribute('aria-label');
      box.removeAttribute('tabindex');
    }
  }
  // The nearest heading before `el` inside the body's text (`.prose`), if any.
  function headingBefore(el) {
    for (var at = el; at && !(at.classList && at.classList.contains('prose')); at = at.parentElement) {
      for (var prev = at.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[2-6]$/.test(prev.tagName)) return prev;
      }
    }
    return null;
  }
  function wrapTables() {
    var tables = document.querySelectorAll('main table.data-table, main .prose table');
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentElement && table.parentElement.classList.contains('table-scroll')) continue;
      // The box is named by the table's caption; a Markdown table has none: by the heading
      // it comes under, else by its column headings.
      var label = table.querySelector('caption') || headingBefore(table);
      var box = document.createElement('div');
      box.className = 'table-scroll';
      if (label) {
        if (!label.id) label.id = 'table-caption-' + (i + 1);
        box.setAttribute('data-label-id', label.id);
      } else {
        var heads = table.querySelectorAll('thead th');
        var words = [];
        for (var h = 0; h < heads.length; h++) words.push(heads[h].textContent.trim());
        box.setAttribute('data-label', words.join(', ') || table.textContent.trim().slice(0, 40));
      }
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
      scrollers.push(box);
    }
    var check = function () { scrollers.forEach(markScroller); };
    check();
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(check);
      scrollers.forEach(function (box) { observer.observe(box); observer.observe(box.firstElementChild); });
    } else {
      window.addEventListener('resize', check);
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var m = menu();
    if (m) m.button.removeAttribute('hidden');
    copyToFooter();
    wrapTables();
    apply(stored());
    document.addEventListener('click', function (event) {
      var button = event.target.closest && event.target.closest('.text-size [data-size]');
      if (!button) return;
      var size = button.getAttribute('data-size');
      try {
        window.localStorage.setItem(KEY, size);
      } catch (e) { /* private mode: the size holds for this page */ }
      apply(size);
    });
  });
})();

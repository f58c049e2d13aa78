/* plansite serve: live reload for the preview. Injected by `plansite serve` only (never in the
 * built site). Listens to server-sent events: `reload` reloads the page, `css` reloads only the
 * stylesheets, `content-error` shows the server's error overlay over the last good page. Reconnects by itself
 * when the server restarts, and reloads then. */
(function () {
  'use strict';
  var wasDown = false;
  // The server sends the overlay itself (the box it puts into pages served during an error),
  // in every language of plansite's messages: the page keeps the block of its own language.
  function showError(html) {
    var old = document.getElementById('plansite-error');
    if (old) old.remove();
    document.body.insertAdjacentHTML('beforeend', html);
    var lang = (document.documentElement.lang || '').toLowerCase().indexOf('ja') === 0 ? 'ja' : 'en';
    document.querySelectorAll('#plansite-error [data-plansite-lang]').forEach(function (block) {
      if (block.getAttribute('data-plansite-lang') !== lang) block.remove();
    });
  }
  function connect() {
    // Says which page this tab shows: a rebuild renders the open pages first and reloads
    // their tabs before the rest of the site is done.
    var es = new EventSource('/__plansite/events?page=' + encodeURIComponent(location.pathname));
    es.addEventListener('open', function () { if (wasDown) location.reload(); });
    es.addEventListener('reload', function () { location.reload(); });
    es.addEventListener('css', function () {
      document.querySelectorAll('link[rel=stylesheet]').forEach(function (l) {
        var u = new URL(l.href);
        u.searchParams.set('v', String(Date.now()));
        l.href = u.toString();
      });
    });
    es.addEventListener('content-error', function (e) { showError(e.data); });
    es.addEventListener('error', function () {
      // The connection broke (the server stopped): try again, and reload once it is back.
      wasDown = true;
      es.close();
      setTimeout(connect, 1000);
    });
  }
  connect();
})();

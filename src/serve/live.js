/* plansite serve: live reload for the preview. Injected by `plansite serve` only (never in the
 * built site). Listens to server-sent events: `reload` reloads the page, `css` reloads only the
 * stylesheets, `content-error` shows the content error over the last good page. Reconnects by itself
 * when the server restarts, and reloads then. */
(function () {
  'use strict';
  var wasDown = false;
  function showError(text) {
    var box = document.getElementById('plansite-error');
    if (!box) {
      box = document.createElement('div');
      box.id = 'plansite-error';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:99999;background:#fff;' +
        'color:#1a1a1a;border-top:6px solid #b00020;padding:1rem;font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)';
      document.body.appendChild(box);
    }
    box.innerHTML = '<strong>プレビュー: 内容にエラーがあります / Preview: the content has an error</strong>';
    var pre = document.createElement('pre');
    pre.style.cssText = 'white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace';
    pre.textContent = text;
    box.appendChild(pre);
  }
  function connect() {
    var es = new EventSource('/__plansite/events');
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

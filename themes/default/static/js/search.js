/* plansite search: queries the static index written by `plansite build` (src/search/).
 * The tokenizer below must stay identical to src/search/tokenize.rs: NFKC + lower case,
 * katakana folded to hiragana, Japanese runs as character bigrams, Latin words with stop words
 * dropped and a light stemmer. Index files: search/<lang>/meta.json, shard/<n>.json,
 * doc/<id>.json, filters.json. No dependencies, no network beyond this site. */
(function () {
  'use strict';
  var form = document.querySelector('form[data-search]');
  if (!form) return;
  var root = form.getAttribute('data-root');
  var lang = form.getAttribute('data-lang');
  var base = root + 'search/' + lang + '/';
  var input = form.querySelector('input[name=q]');
  var selects = form.querySelectorAll('select');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var PAGE = 10; // results shown at first, and added by each press of the "more" button
  var more = document.getElementById('search-more');

  // ---- tokenizer (keep in step with src/search/tokenize.rs) ----
  var STOP = ['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'its', 'of',
    'on', 'or', 's', 'that', 'the', 'their', 'to', 'was', 'with'];
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  function isJa(c) {
    return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c === 0x3005 || c === 0x3006 || c === 0x3007;
  }
  function isWord(ch, c) {
    return (c < 128 && /[a-z0-9]/i.test(ch)) || (WORD.test(ch) && !isJa(c) && c < 0x2E80);
  }
  function normalize(text) {
    var out = '';
    var lower = text.normalize('NFKC');
    for (var ch of lower) {
      var l = ch.toLowerCase();
      for (var x of l) {
        var c = x.codePointAt(0);
        out += (c >= 0x30A1 && c <= 0x30F6) ? String.fromCodePoint(c - 0x60) : x;
      }
    }
    return out;
  }
  function undouble(s) {
    var n = s.length;
    if (n >= 3 && s[n - 1] === s[n - 2] && 'aeioulsz'.indexOf(s[n - 1]) < 0) return s.slice(0, -1);
    return s;
  }
  function hasVowel(s) { return /[aeiouy]/.test(s); }
  // Plurals that no suffix rule makes singular (src/search/tokenize.rs has the same).
  var IRREGULAR = { children: 'child', people: 'person', women: 'woman', men: 'man' };
  function stem(w) {
    if (Object.prototype.hasOwnProperty.call(IRREGULAR, w)) return IRREGULAR[w];
    if (!/^[\x00-\x7f]*$/.test(w) || w.length <= 3 || /[0-9]/.test(w)) return w;
    if (w.endsWith('ies') && w.length - 3 >= 2) return w.slice(0, -3) + 'y';
    if (w.endsWith('es')) {
      var s = w.slice(0, -2);
      if (s.endsWith('sh') || s.endsWith('ch') || s.endsWith('x') || s.endsWith('ss')) return s;
    }
    if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
    if (w.endsWith('ing')) { var g = w.slice(0, -3); if (g.length >= 3 && hasVowel(g)) return undouble(g); }
    if (w.endsWith('ed')) { var d = w.slice(0, -2); if (d.length >= 3 && hasVowel(d)) return undouble(d); }
    return w;
  }
  function isKanji(c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c === 0x3005;
  }
  // 買い物 → 買物: drop one or two hiragana that sit between kanji (src/search/tokenize.rs).
  function stripOkurigana(run) {
    var out = [];
    var i = 0;
    while (i < run.length) {
      var c = run[i].codePointAt(0);
      if (!isKanji(c) && i > 0 && isKanji(run[i - 1].codePointAt(0))) {
        var j = i;
        while (j < run.length && !isKanji(run[j].codePointAt(0))) j++;
        var kana = run.slice(i, j).every(function (x) { var k = x.codePointAt(0); return k >= 0x3041 && k <= 0x309F; });
        if (j < run.length && j - i <= 2 && kana) { i = j; continue; }
      }
      out.push(run[i]);
      i++;
    }
    return out;
  }
  function bigrams(run, out) {
    if (run.length === 1) out.push(run[0]);
    else for (var k = 0; k + 1 < run.length; k++) out.push(run[k] + run[k + 1]);
  }
  // stripped: use the okurigana-free form of each Japanese run (a query's alternative form).
  function tokens(text, stripped) {
    var chars = Array.from(normalize(text));
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i].codePointAt(0);
      var start = i;
      if (isJa(c)) {
        while (i < chars.length && isJa(chars[i].codePointAt(0))) i++;
        var run = chars.slice(start, i);
        bigrams(stripped ? stripOkurigana(run) : run, out);
      } else if (isWord(chars[i], c)) {
        while (i < chars.length && isWord(chars[i], chars[i].codePointAt(0))) i++;
        var word = chars.slice(start, i).join('');
        if (STOP.indexOf(word) < 0) out.push(stem(word));
      } else {
        i++;
      }
    }
    return out;
  }
  function fnv1a(s) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(s);
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  // ---- index files, fetched once each ----
  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      });
    }
    return cache[path];
  }
  function undelta(ids) { var p = 0; return ids.map(function (d) { p += d; return p; }); }

  // ---- query ----
  function filtersOf() {
    var f = {};
    selects.forEach(function (s) { if (s.value) f[s.name] = s.value; });
    return f;
  }
  function matchesFilters(meta, table, id, f) {
    if (f.area && table.area[id] !== indexOf(meta.filters.area, f.area)) return false;
    if (f.kind && table.kind[id] !== indexOf(meta.filters.kind, f.kind)) return false;
    if (f.year && table.year[id] !== indexOf(meta.filters.year, Number(f.year))) return false;
    if (f.theme && table.theme[id].indexOf(indexOf(meta.filters.theme, f.theme)) < 0) return false;
    return true;
  }
  function indexOf(pairs, value) {
    for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === value) return i;
    return -2;
  }

  // A query is whitespace-separated terms; a term matches a document when all of its tokens
  // are there, as written or in its okurigana-free form (買い物 / 買物). All terms must match;
  // if no document has them all, documents matching some whole terms are shown instead.
  function termsOf(query) {
    return normalize(query).split(/\s+/).map(function (term) {
      var plain = Array.from(new Set(tokens(term)));
      var alt = Array.from(new Set(tokens(term, true)));
      return alt.join('|') === plain.join('|') ? [plain] : [plain, alt];
    }).filter(function (alts) { return alts[0].length > 0; });
  }

  async function run(query, f) {
    var meta = await load('meta.json');
    var terms = termsOf(query);
    var all = Array.from(new Set([].concat.apply([], [].concat.apply([], terms))));
    var hasFilter = Object.keys(f).length > 0;
    var table = hasFilter ? await load('filters.json') : null;
    var scores = new Map();
    var partial = false;
    if (terms.length === 0) {
      if (!hasFilter) return { ids: [], partial: false, toks: [] };
      for (var id = 0; id < meta.docs; id++) scores.set(id, 0);
    } else {
      var lists = await Promise.all(all.map(function (t) {
        return load('shard/' + (fnv1a(t) % meta.shards) + '.json').then(function (shard) {
          var p = shard[t];
          return p ? { title: new Set(undelta(p[0])), text: new Set(undelta(p[1])) } : { title: new Set(), text: new Set() };
        });
      }));
      var byToken = {};
      all.forEach(function (t, i) { byToken[t] = lists[i]; });
      // Per document: [terms matched, score]; a term scores 10 per token found in the title,
      // 1 per token in the text, divided by its number of tokens (so both forms weigh the same).
      var docs = new Map();
      terms.forEach(function (alts) {
        var best = new Map();
        alts.forEach(function (a) {
          var counts = new Map();
          a.forEach(function (t) {
            byToken[t].title.forEach(function (id) { var h = counts.get(id) || [0, 0]; h[0]++; h[1] += 10; counts.set(id, h); });
            byToken[t].text.forEach(function (id) { var h = counts.get(id) || [0, 0]; h[0]++; h[1] += 1; counts.set(id, h); });
          });
          counts.forEach(function (h, id) {
            if (h[0] === a.length) best.set(id, Math.max(best.get(id) || 0, (10 * h[1]) / a.length));
          });
        });
        best.forEach(function (score, id) {
          var d = docs.get(id) || [0, 0];
          d[0]++; d[1] += score;
          docs.set(id, d);
        });
      });
      docs.forEach(function (d, id) { if (d[0] === terms.length) scores.set(id, d[1]); });
      if (scores.size === 0 && terms.length > 1) {
        partial = true;
        docs.forEach(function (d, id) { scores.set(id, d[0] * 1000 + d[1]); });
      }
    }
    var ids = Array.from(scores.keys());
    if (hasFilter) ids = ids.filter(function (id) { return matchesFilters(meta, table, id, f); });
    ids.sort(function (a, b) { return (scores.get(b) - scores.get(a)) || (a - b); });
    return { ids: ids, partial: partial, toks: all };
  }

  // ---- display ----
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }
  function termPattern(query) {
    var parts = [];
    normalize(query).split(/\s+/).filter(Boolean).forEach(function (term) {
      var p = '';
      for (var ch of term) {
        var c = ch.codePointAt(0);
        var esc = ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        p += (c >= 0x3041 && c <= 0x3096) ? '[' + ch + String.fromCodePoint(c + 0x60) + ']' : esc;
      }
      if (/^[a-z0-9]+$/.test(term)) p = stem(term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[a-z]*';
      parts.push(p);
    });
    return parts.length ? new RegExp('(' + parts.join('|') + ')', 'giu') : null;
  }
  function bestPart(doc, toks) {
    var best = doc.s[0], bestScore = -1;
    doc.s.forEach(function (part) {
      var set = new Set(tokens(part[1] + ' ' + part[2]));
      var n = toks.filter(function (t) { return set.has(t); }).length;
      if (n > bestScore) { best = part; bestScore = n; }
    });
    return best;
  }
  function excerpt(text, pattern) {
    var start = 0;
    if (pattern) { pattern.lastIndex = 0; var m = pattern.exec(text); if (m) start = Math.max(0, m.index - 40); }
    var cut = text.slice(start, start + 140);
    var html = escapeHtml(cut);
    if (pattern) html = html.replace(pattern, '<mark>$1</mark>');
    return (start > 0 ? '…' : '') + html + (start + 140 < text.length ? '…' : '');
  }
  function kindLabel(meta, k) {
    var i = indexOf(meta.filters.kind, k);
    return i >= 0 ? meta.filters.kind[i][1] : k;
  }

  var generation = 0;
  async function search(updateUrl) {
    var query = input.value.trim();
    var f = filtersOf();
    var mine = ++generation;
    var started = performance.now();
    if (updateUrl) {
      var params = new URLSearchParams();
      if (query) params.set('q', query);
      Object.keys(f).forEach(function (k) { params.set(k, f[k]); });
      history.replaceState(null, '', params.toString() ? '?' + params : location.pathname);
    }
    if (!query && Object.keys(f).length === 0) {
      list.innerHTML = ''; status.textContent = ''; status.setAttribute('data-state', 'idle');
      if (more) more.hidden = true;
      return;
    }
    status.setAttribute('data-state', 'loading');
    status.textContent = status.getAttribute('data-loading');
    try {
      var meta = await load('meta.json');
      var r = await run(query, f);
      var pattern = termPattern(query);
      var render = function (doc) {
        var part = bestPart(doc, r.toks || []);
        var href = root + doc.u + (part[0] ? '#' + encodeURIComponent(part[0]) : '');
        var meta2 = escapeHtml(kindLabel(meta, doc.k)) + (doc.a ? ' ・ ' + escapeHtml(doc.a) : '');
        var title = pattern ? escapeHtml(doc.t).replace(pattern, '<mark>$1</mark>') : escapeHtml(doc.t);
        return '<li class="search-result"><h2 class="search-result__title"><a href="' + escapeHtml(href) + '">' + title +
          '</a></h2><p class="search-result__meta">' + meta2 + (part[1] && part[0] ? ' ・ ' + escapeHtml(part[1]) : '') +
          '</p><p class="search-result__excerpt">' + excerpt(part[2] || '', pattern) + '</p></li>';
      };
      // Only the documents shown are fetched: the first page now, more on request.
      var shown = 0;
      var showMore = async function (first) {
        var ids = r.ids.slice(shown, shown + PAGE);
        var docs = await Promise.all(ids.map(function (id) { return load('doc/' + id + '.json'); }));
        if (mine !== generation) return false;
        var html = docs.map(render).join('');
        if (first) list.innerHTML = html; else list.insertAdjacentHTML('beforeend', html);
        if (!first && list.children[shown]) list.children[shown].querySelector('a').focus();
        shown += ids.length;
        if (more) more.hidden = shown >= r.ids.length;
        return true;
      };
      if (more) more.onclick = function () { showMore(false); };
      if (!(await showMore(true))) return;
      var n = r.ids.length;
      var text = n === 0 ? status.getAttribute('data-none')
        : (lang === 'ja' ? n + status.getAttribute('data-results') : n + ' ' + status.getAttribute('data-results'));
      if (r.partial && n > 0) text += ' ' + status.getAttribute('data-partial');
      status.textContent = text;
      status.setAttribute('data-state', 'done');
      window.plansiteSearchMs = performance.now() - started;
    } catch (e) {
      if (mine !== generation) return;
      status.textContent = status.getAttribute('data-error');
      status.setAttribute('data-state', 'error');
    }
  }

  var timer;
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { search(true); }, 150); });
  selects.forEach(function (s) { s.addEventListener('change', function () { search(true); }); });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); search(true); });

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  selects.forEach(function (s) { if (params.get(s.name)) s.value = params.get(s.name); });
  if (input.value || Array.from(selects).some(function (s) { return s.value; })) search(false);
  window.plansiteTokens = tokens;
})();

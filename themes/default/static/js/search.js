/* plansite search: queries the static index written by `plansite build` (src/search/; the
 * format and the ranking are described in docs/search.md).
 * The tokenizer below must stay identical to src/search/tokenize.rs: NFKC + lower case,
 * katakana folded to hiragana, Japanese runs as character bigrams, Latin words without
 * diacritics, in American spelling, stop words dropped, with a light stemmer
 * (tests/search-tokens.json holds cases both pass). Index files: search/<lang>/meta.json,
 * shard/<pack>.bin, variants/<n>.json, vocab/<letter>.json, doc/<pack>.bin, filters.json. No dependencies, no
 * network beyond this site; every text shown is set as text, never parsed as HTML. */
(function () {
  'use strict';
  var form = document.querySelector('form[data-search]');
  if (!form) return;
  var root = form.getAttribute('data-root');
  var lang = form.getAttribute('data-lang');
  // How the index takes Latin words (src/search/fold.rs, Latin): English rules, or as written.
  var latin = form.getAttribute('data-latin') || 'english';
  var base = root + 'search/' + lang + '/';
  var input = form.querySelector('input[name=q]');
  var selects = form.querySelectorAll('select');
  var status = document.getElementById('search-status');
  // Between the parts of a result's line (kind, area, section), as the page's language writes it.
  var separator = (status && status.getAttribute('data-separator')) || ' · ';
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var none = document.getElementById('search-none');
  var elsewhere = document.getElementById('search-elsewhere'); // the same search in other languages
  var filterCount = document.getElementById('search-filter-count');
  var PAGE = 10; // results shown at first, and added by each press of the "more" button

  // ---- tokenizer (keep in step with src/search/tokenize.rs) ----
  var STOP = ['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'its', 'of',
    'on', 'or', 's', 'that', 'the', 'their', 'to', 'was', 'with'];
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var MARK = /^\p{M}$/u;
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  // Kana, kanji (Chinese too) and Hangul: searched by character bigrams (fold.rs's is_cjk).
  function isCjk(c) {
    return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c === 0x3005 || c === 0x3006 || c === 0x3007 ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3131 && c <= 0x318E);
  }
  function isKanji(c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c === 0x3005;
  }
  function isWord(ch, c) {
    return (c < 128 && /[a-z0-9]/i.test(ch)) || (WORD.test(ch) && !isCjk(c) && c < 0x2E80);
  }
  function normalize(text) {
    var n = text.normalize('NFKC');
    // Lower case per character, as the index does (char::to_lowercase): a whole string's
    // toLowerCase differs only for Σ at the end of a word (ς), so only then is it done per character.
    if (n.indexOf('\u03A3') < 0) {
      return n.toLowerCase().replace(/[\u30A1-\u30F6]/g, function (k) { return String.fromCharCode(k.charCodeAt(0) - 0x60); });
    }
    var out = '';
    for (var ch of n) {
      for (var x of ch.toLowerCase()) {
        var c = x.codePointAt(0);
        out += (c >= 0x30A1 && c <= 0x30F6) ? String.fromCodePoint(c - 0x60) : x;
      }
    }
    return out;
  }
  var LETTERS = { 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ß': 'ss', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'ı': 'i', 'þ': 'th' };
  // café → cafe, Chūō → chuo: diacritics removed, letters without a decomposition spelled out.
  function unaccent(word) {
    var out = '';
    for (var ch of word) {
      if (ch.codePointAt(0) < 128) out += ch;
      else if (has(LETTERS, ch)) out += LETTERS[ch];
      else out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
    return out;
  }
  var SPELLINGS = { ageing: 'aging', judgement: 'judgment', grey: 'gray', defence: 'defense', offence: 'offense',
    licence: 'license', licences: 'licenses', pretence: 'pretense', enrolment: 'enrollment', fulfil: 'fulfill',
    skilful: 'skillful', whilst: 'while', amongst: 'among', learnt: 'learned', tyre: 'tire', tyres: 'tires',
    kerb: 'curb', plough: 'plow' };
  var RULES = [
    ['our', ['', 's', 'ed', 'ing', 'er', 'ers', 'ite', 'ites', 'able', 'hood', 'hoods', 'ful', 'less'], 'or', 3],
    ['is', ['e', 'es', 'ed', 'ing', 'ation', 'ations', 'er', 'ers'], 'iz', 3],
    ['ys', ['e', 'es', 'ed', 'ing'], 'yz', 2],
    ['tre', ['', 's'], 'ter', 2],
    ['bre', ['', 's'], 'ber', 2],
    ['amme', ['', 's'], 'am', 3],
    ['ogue', ['', 's'], 'og', 3],
  ];
  // British spelling → American (neighbour → neighbor, organise → organize, centre → center).
  function americanize(w) {
    if (has(SPELLINGS, w)) return SPELLINGS[w];
    if (!/^[\x00-\x7f]*$/.test(w)) return w;
    var strip = function (s, suffix) { return s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : null; };
    for (var r = 0; r < RULES.length; r++) {
      var rule = RULES[r];
      for (var i = 0; i < rule[1].length; i++) {
        var x = strip(w, rule[1][i]);
        var s = x === null ? null : strip(x, rule[0]);
        if (s !== null && s.length >= rule[3]) return s + rule[2] + rule[1][i];
      }
    }
    var ell = ['ed', 'ing', 'or', 'ors', 'er', 'ers'];
    for (var j = 0; j < ell.length; j++) {
      var y = strip(w, ell[j]);
      var t = y === null ? null : strip(y, 'ell');
      if (t !== null && t.length >= 3) return t + 'el' + ell[j];
    }
    return w;
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
    if (has(IRREGULAR, w)) return IRREGULAR[w];
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
  function term(w) { return stem(americanize(w)); }
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
  function isHangul(c) { return c >= 0xAC00 && c <= 0xD7A3; }
  // Korean particles, longest first: a noun is written with one (장소를, 곳을), and the index has
  // the noun's characters inside the word.
  var PARTICLES = ['에서부터', '으로부터', '에게서', '으로서', '으로써', '에서', '에게', '께서', '부터', '까지', '처럼', '보다',
    '으로', '하고', '마다', '조차', '을', '를', '은', '는', '이', '가', '의', '에', '로', '와', '과', '도', '만'];
  // A Hangul run without its last particle: what is left has two syllables or more, or one
  // before a particle that only follows a noun (곳을, 집에서).
  function stripParticle(run) {
    if (!run.length || !isHangul(run[run.length - 1].codePointAt(0))) return run;
    var text = run.join('');
    for (var i = 0; i < PARTICLES.length; i++) {
      var p = PARTICLES[i], left = Array.from(text.slice(0, text.length - p.length));
      if (!text.endsWith(p) || left.length === 0 || !isHangul(left[left.length - 1].codePointAt(0))) continue;
      if (left.length >= 2 || ['을', '를', '은', '는', '에서', '으로', '에게'].indexOf(p) >= 0) return left;
    }
    return run;
  }
  function bigrams(run, out) {
    if (run.length === 1) out.push(run[0]);
    else for (var k = 0; k + 1 < run.length; k++) out.push(run[k] + run[k + 1]);
  }
  // Calls onRun(chars) for each Japanese run and onWord(raw, term, accented, written) for each
  // Latin word (raw: without diacritics; written: as normalized), taken by the rules `rules` (the
  // index's where not given).
  function walk(text, onRun, onWord, rules) {
    var english = (rules || latin) === 'english';
    var chars = Array.from(normalize(text));
    var i = 0;
    while (i < chars.length) {
      var c = chars[i].codePointAt(0);
      var start = i;
      if (isCjk(c)) {
        while (i < chars.length && isCjk(chars[i].codePointAt(0))) i++;
        onRun(chars.slice(start, i));
      } else if (isWord(chars[i], c)) {
        while (i < chars.length && isWord(chars[i], chars[i].codePointAt(0))) i++;
        // A stop word is one as written: tổ, ăn, ít are Vietnamese words, not to, an, it.
        var written = chars.slice(start, i).join(''), word = unaccent(written);
        if (!english || STOP.indexOf(written) < 0) onWord(word, wordTerm(word, english), written !== word, written);
      } else {
        i++;
      }
    }
  }
  // A Latin word (without diacritics) as the index holds it: by English rules folded and
  // stemmed, else as written (fold.rs's Latin::term).
  function wordTerm(word, english) { return english ? term(word) : word; }
  // The terms of a word's parts where its letters and digits meet (fy2024 → fy, 2024), stop
  // words left out, or null for a word of letters or of digits alone (tokenize.rs's
  // digit_parts: the index holds them beside the word, so FY 2024 and 2024 find FY2024).
  function digitParts(written) {
    if (!/[0-9]/.test(written) || !/[^0-9]/.test(written)) return null;
    return written.match(/[0-9]+|[^0-9]+/g).map(partTerm).filter(Boolean);
  }
  // The term of one such part as written, or null for a stop word.
  function partTerm(written) {
    var english = latin === 'english';
    return english && STOP.indexOf(written) >= 0 ? null : wordTerm(unaccent(written), english);
  }
  // stripped: use the okurigana-free form of each Japanese run (a query's alternative form).
  function tokens(text, stripped, rules) {
    var out = [];
    walk(text, function (run) { bigrams(stripped ? stripOkurigana(run) : run, out); },
      function (raw, t) { out.push(t); }, rules);
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
      }).catch(function (e) {
        delete cache[path]; // asked again by the next search, not failed for good
        throw e;
      });
    }
    return cache[path];
  }
  // A part of a pack file (src/search/pack.rs): shard n or document n is part n % meta.pack of
  // shard/<n / meta.pack>.bin or doc/<…>.bin. The pack's header (its parts' offsets) is fetched
  // once by a range request, then each part by its own; a server that ignores ranges sends the
  // whole pack, which is then kept and cut here. Each part is zlib-compressed JSON.
  var packs = {}, wholes = {};
  function range(path, from, to) {
    if (wholes[path]) return Promise.resolve(wholes[path].subarray(from, to));
    return fetch(base + path, { headers: { Range: 'bytes=' + from + '-' + (to - 1) } }).then(function (r) {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r.arrayBuffer().then(function (b) {
        var bytes = new Uint8Array(b);
        if (r.status === 206) return bytes;
        wholes[path] = bytes; // the server sent the whole pack: kept for its other parts
        return bytes.subarray(from, to);
      });
    });
  }
  // The offsets of a pack's parts, from its header.
  function packOf(path, parts) {
    if (!packs[path]) {
      packs[path] = range(path, 0, 4 * (parts + 1)).then(function (b) {
        var view = new DataView(b.buffer, b.byteOffset, b.byteLength), at = [];
        for (var i = 0; i <= parts; i++) at.push(view.getUint32(4 * i, true));
        return at;
      }).catch(function (e) { delete packs[path]; throw e; });
    }
    return packs[path];
  }
  // Where each shard starts in its pack, from the sizes meta.json lists (`ss`): a shard is then
  // one range request, without its pack's header.
  var shardStarts = null;
  function shardStart(meta, n) {
    if (!shardStarts) {
      shardStarts = [];
      for (var first = 0; first < meta.shards; first += meta.pack) {
        var parts = Math.min(meta.pack, meta.shards - first), at = 4 * (parts + 1);
        for (var i = first; i < first + parts; i++) { shardStarts.push(at); at += meta.ss[i]; }
      }
    }
    return shardStarts[n];
  }
  function part(meta, dir, n, count) {
    var key = dir + '/' + n;
    if (!cache[key]) {
      var i = n % meta.pack, path = dir + '/' + Math.floor(n / meta.pack) + '.bin';
      var place = dir === 'shard' && meta.ss
        ? Promise.resolve([shardStart(meta, n), shardStart(meta, n) + meta.ss[n]])
        : packOf(path, Math.min(meta.pack, count - (n - i))).then(function (at) { return [at[i], at[i + 1]]; });
      cache[key] = place.then(function (at) { return range(path, at[0], at[1]); })
        .then(unzlib).then(JSON.parse)
        .catch(function (e) { delete cache[key]; throw e; });
    }
    return cache[key];
  }
  // A zlib stream (RFC 1950): its two-byte header, the DEFLATE data, a checksum not checked.
  function unzlib(bytes) {
    return new TextDecoder().decode(inflate(bytes.subarray(2)));
  }
  // DEFLATE (RFC 1951): stored, fixed and dynamic Huffman blocks, decoded bit by bit from
  // canonical code lengths. Ours rather than DecompressionStream: parts are a few kilobytes,
  // which this decodes in well under a millisecond each without a stream's round trips through
  // the event loop, and it works in every browser (DecompressionStream came to Safari in 16.4).
  var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DEXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  function huffman(lengths) {
    var counts = new Uint16Array(16), next = new Uint16Array(16), symbols = new Uint16Array(lengths.length);
    lengths.forEach(function (l) { counts[l]++; });
    counts[0] = 0;
    for (var i = 1; i < 16; i++) next[i] = next[i - 1] + counts[i - 1];
    lengths.forEach(function (l, sym) { if (l) symbols[next[l]++] = sym; });
    return { counts: counts, symbols: symbols };
  }
  var fixed = null;
  function inflate(src) {
    var out = new Uint8Array(src.length * 4 + 256), n = 0, pos = 0, buf = 0, have = 0;
    var fail = function () { throw new Error('inflate: damaged data'); };
    var bits = function (k) {
      while (have < k) { if (pos >= src.length) fail(); buf |= src[pos++] << have; have += 8; }
      var v = buf & ((1 << k) - 1);
      buf >>>= k; have -= k;
      return v;
    };
    var put = function (b) {
      if (n === out.length) { var grown = new Uint8Array(out.length * 2); grown.set(out); out = grown; }
      out[n++] = b;
    };
    var decode = function (h) {
      for (var len = 1, code = 0, first = 0, index = 0; len < 16; len++) {
        code |= bits(1);
        var count = h.counts[len];
        if (code - first < count) return h.symbols[index + code - first];
        index += count; first = (first + count) << 1; code <<= 1;
      }
      return fail();
    };
    var last, i;
    do {
      last = bits(1);
      var type = bits(2);
      if (type === 0) {
        buf = 0; have = 0; // to the byte boundary
        if (pos + 4 > src.length) fail();
        var len = src[pos] | (src[pos + 1] << 8);
        pos += 4;
        if (pos + len > src.length) fail();
        for (i = 0; i < len; i++) put(src[pos++]);
        continue;
      }
      var lit, dist;
      if (type === 1) {
        if (!fixed) {
          var l = [], d = [];
          for (i = 0; i < 288; i++) l.push(i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
          for (i = 0; i < 30; i++) d.push(5);
          fixed = [huffman(l), huffman(d)];
        }
        lit = fixed[0]; dist = fixed[1];
      } else if (type === 2) {
        var nlit = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
        var cl = new Array(19).fill(0);
        for (i = 0; i < ncode; i++) cl[ORDER[i]] = bits(3);
        var ch = huffman(cl), lengths = [];
        while (lengths.length < nlit + ndist) {
          var sym = decode(ch);
          if (sym < 16) { lengths.push(sym); continue; }
          var value = 0, times;
          if (sym === 16) { if (!lengths.length) fail(); value = lengths[lengths.length - 1]; times = 3 + bits(2); }
          else if (sym === 17) times = 3 + bits(3);
          else times = 11 + bits(7);
          while (times--) lengths.push(value);
        }
        if (lengths.length > nlit + ndist) fail();
        lit = huffman(lengths.slice(0, nlit)); dist = huffman(lengths.slice(nlit));
      } else {
        fail();
      }
      for (;;) {
        var s = decode(lit);
        if (s < 256) { put(s); continue; }
        if (s === 256) break;
        s -= 257;
        if (s >= 29) fail();
        var length = LBASE[s] + bits(LEXTRA[s]);
        var ds = decode(dist);
        if (ds >= 30) fail();
        var back = DBASE[ds] + bits(DEXTRA[ds]);
        if (back > n) fail();
        for (i = 0; i < length; i++) put(out[n - back]);
      }
    } while (!last);
    return out.subarray(0, n);
  }

  // Field weights of a match (docs/search.md): title > heading > summary or frequent > body;
  // a document has the weights of every field the token is in, added. EXACT: the factor for a
  // document of the first page that has the query's words as typed, next to each other (or
  // variants of them); half of it for one with them in one section.
  var TITLE = 6, HEADING = 3.5, STRONG = 2.5, BODY = 1, EXACT = 1.6;
  // Document weights: a page that only lists or sums up others (meta.low), and a document that
  // is one section of a page with several (meta.groups: progress items).
  var LOWER = 0.5, SECTION = 0.7;
  var postingCache = {};
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // The numbers of a list: base 32, lowest digit first; a character of the first half of
  // DIGITS ends a number (src/search/index.rs, push_number).
  function numbers(s) {
    var out = [], n = 0, scale = 1;
    for (var i = 0; i < (s || '').length; i++) {
      var d = DIGITS.indexOf(s[i]);
      n += (d & 31) * scale;
      if (d >= 32) scale *= 32;
      else { out.push(n); n = 0; scale = 1; }
    }
    return out;
  }
  // A token's documents: id → field weight, and how many documents have it.
  function postings(meta, t) {
    if (postingCache[t]) return Promise.resolve(postingCache[t]);
    // A kanji inside words is in the shard of the kanji (src/search/index.rs, shard_of).
    var shard = fnv1a(t.charAt(0) === '*' ? t.slice(1) : t) % meta.shards;
    return part(meta, 'shard', shard, meta.shards).then(function (s) {
      var e = has(s, t) ? s[t] : [];
      // The three lists (ids in order) merged: the weights of the fields a document has the
      // token in add up (title and text; a heading adds to a strong text match).
      var title = [], text = [], strong = [], heading = [], p = -1;
      numbers(e[0]).forEach(function (d) { p += d; title.push(p); });
      p = -1;
      // A text list starting with ~ (a token in more than half of the documents) has no marks.
      if ((e[1] || '').charAt(0) === '~') numbers(e[1].slice(1)).forEach(function (d) { p += d; text.push(p); strong.push(0); });
      else numbers(e[1]).forEach(function (n) { p += Math.floor(n / 2); text.push(p); strong.push(n % 2); });
      p = -1;
      numbers(e[2]).forEach(function (d) { p += d; heading.push(p); });
      var ids = [], w = [], i = 0, j = 0, k = 0;
      while (i < title.length || j < text.length || k < heading.length) {
        var id = Math.min(i < title.length ? title[i] : Infinity, j < text.length ? text[j] : Infinity, k < heading.length ? heading[k] : Infinity);
        var x = 0;
        if (title[i] === id) { x += TITLE; i++; }
        if (text[j] === id) { x += strong[j] ? STRONG : BODY; j++; }
        if (heading[k] === id) { x += HEADING - STRONG; k++; }
        ids.push(id);
        w.push(x);
      }
      postingCache[t] = { ids: ids, w: w, df: ids.length };
      return postingCache[t];
    });
  }

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

  // The groups of variants, readings and synonyms the index was made with (variants/<n>.json:
  // each group's canonical form first): Japanese forms by first character, longest first,
  // and words, each with its canonical form (src/search/variants.rs).
  function variantTable(groups) {
    var ja = new Map(), words = new Map();
    groups.forEach(function (g) {
      g.forEach(function (f) {
        if (isCjk(f.codePointAt(0))) {
          var c = Array.from(f)[0];
          if (!ja.has(c)) ja.set(c, []);
          ja.get(c).push([Array.from(f), g[0]]);
        } else {
          words.set(f, g[0]);
        }
      });
    });
    ja.forEach(function (list) {
      list.sort(function (a, b) { return (b[0].length - a[0].length) || (a[0].join('') < b[0].join('') ? -1 : 1); });
    });
    return { ja: ja, words: words };
  }
  // The groups that can apply to a query: those in the files (variants/<n>.json) of its
  // characters, then of the characters the canonical forms put into it (a replaced run is
  // matched again: canonicalRun). Each file is fetched once.
  async function variantsFor(meta, query) {
    var have = new Set(meta.variants || []), seen = new Set(), groups = new Map();
    var q = normalize(query);
    var text = Array.from(q).concat([' '], Array.from(unaccent(q)));
    for (var round = 0; round < 4 && text; round++) {
      var want = new Set();
      text.forEach(function (c) {
        var b = fnv1a(c) % meta.vb;
        if (have.has(b) && !seen.has(b)) want.add(b);
      });
      if (!want.size) break;
      var batch = Array.from(want);
      batch.forEach(function (b) { seen.add(b); });
      var files = await Promise.all(batch.map(function (b) { return load('variants/' + b + '.json'); }));
      files.forEach(function (f) {
        f.forEach(function (g) {
          var key = g.join('\u0000');
          if (!groups.has(key)) groups.set(key, g);
        });
      });
      // Only the characters a replacement actually brings into the query are looked up next.
      text = canonicalRun(variantTable(Array.from(groups.values())), Array.from(q));
    }
    return Array.from(groups.values());
  }

  // A Japanese run with every form replaced by its group's canonical form (left to right, the
  // longest at each place, again until nothing changes, at most three rounds), or null.
  function canonicalRun(table, run) {
    var cur = run, changed = false;
    for (var round = 0; round < 3; round++) {
      var out = [], any = false, i = 0;
      while (i < cur.length) {
        var cands = table.ja.get(cur[i]) || [], hit = null;
        for (var k = 0; k < cands.length && !hit; k++) {
          var f = cands[k][0];
          if (f.every(function (c, j) { return cur[i + j] === c; })) hit = cands[k];
        }
        if (hit && isCjk(hit[1].codePointAt(0))) {
          if (hit[0].join('') !== hit[1]) any = true;
          out = out.concat(Array.from(hit[1]));
          i += hit[0].length;
        } else {
          out.push(cur[i]);
          i++;
        }
      }
      if (!any) break;
      cur = out;
      changed = true;
    }
    return changed ? cur : null;
  }

  // A query is whitespace-separated terms. A term has up to three forms (as written, without
  // okurigana: 買い物 / 買物, or a Korean particle: 장소를 / 장소, and with the canonical forms of
  // the table: 子供 → 子ども); a form
  // is a list of slots, one per token, and a slot lists the tokens that fill it with their
  // weight: the token itself, a kanji inside words for a one-kanji term, and (added later)
  // completions of the last word and corrections of a word with a typo.
  function termsOf(query, table) {
    var terms = [];
    normalize(query).split(/\s+/).forEach(function (text) {
      var forms = ['plain', 'stripped', 'canonical'].map(function (how) {
        var slots = [];
        walk(text, function (run) {
          var toks = [];
          var canonical = how === 'canonical' ? canonicalRun(table, run) : null;
          var form = how === 'stripped' ? stripParticle(stripOkurigana(run)) : canonical || run;
          bigrams(form, toks);
          toks.forEach(function (t) {
            var slot = [{ t: t, w: 1 }];
            var c = t.codePointAt(0);
            if (form.length === 1 && (isKanji(c) || isHangul(c))) slot.push({ t: '*' + t, w: 0.6 });
            slots.push(slot);
          });
        }, function (raw, t, accented, written) {
          var c = how === 'canonical' && table.words.has(t) ? table.words.get(t) : null;
          // (Tried as the stripped form: FY2024 finds a page that writes FY 2024.)
          var parts = how === 'stripped' ? digitParts(written) : null;
          if (parts) {
            parts.forEach(function (x) { slots.push([{ t: x, w: 1 }]); });
          } else if (c && isCjk(c.codePointAt(0))) {
            var toks = [];
            bigrams(Array.from(c), toks);
            toks.forEach(function (x) { slots.push([{ t: x, w: 1 }]); });
          } else {
            slots.push([{ t: c || t, w: 1, raw: raw, accented: accented }]);
          }
        });
        if (how === 'stripped') slots.lazy = true;
        return slots;
      });
      var key = function (f) { return f.map(function (s) { return s[0].t; }).join('|'); };
      var distinct = forms.filter(function (f, i) { return forms.findIndex(function (g) { return key(g) === key(f); }) === i; });
      if (forms[0].length) terms.push({ text: text, forms: distinct });
    });
    return terms;
  }

  // Damerau–Levenshtein distance of at most one.
  function withinOne(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // one substitution
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // a transposition
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Adds to the Latin slots of `terms`: completions of the last word typed (when the query
  // does not end with a space) and corrections of a word of five letters or more that no page
  // has, both from the vocabulary of the word's first letter, the most common first.
  async function expand(meta, terms, query) {
    var last = /\s$/.test(query) ? null : terms[terms.length - 1];
    var jobs = [];
    terms.forEach(function (termOf) {
      termOf.forms[0].forEach(function (slot, i) {
        var tok = slot[0];
        // (A word typed with its diacritics is a whole word: hóa is not the start of hoạch.)
        if (!tok.raw || /[0-9]/.test(tok.raw) || tok.accented) return;
        var isLast = termOf === last && i === termOf.forms[0].length - 1;
        var letter = tok.raw.charAt(0);
        if (meta.vocab.indexOf(letter) < 0 || !(isLast && tok.raw.length >= 3) && tok.raw.length < 5) return;
        jobs.push(load('vocab/' + letter + '.json').then(function (v) {
          var words = [];
          for (var k = 0; k + 1 < v.length; k += 2) words.push([v[k], v[k + 1]]);
          var known = words.some(function (x) { return x[0] === tok.t; });
          var found = [];
          if (isLast && tok.raw.length >= 3) {
            // A completion counts for less than the word typed, much less if that is a word.
            var stems = [tok.raw, americanize(tok.raw), tok.t];
            words.forEach(function (x) {
              if (x[0] !== tok.t && stems.some(function (s) { return x[0].startsWith(s); })) {
                found.push({ t: x[0], w: known ? 0.4 : 0.7, n: x[1], prefix: true });
              }
            });
          }
          if (!known && tok.raw.length >= 5) {
            var folded = americanize(tok.raw);
            words.forEach(function (x) {
              if (x[0].length >= 4 && (withinOne(x[0], tok.t) || withinOne(x[0], folded))) found.push({ t: x[0], w: 0.5, n: x[1] });
            });
          }
          found.sort(function (a, b) { return b.n - a.n || (a.t < b.t ? -1 : 1); });
          found.slice(0, 3).forEach(function (x) { slot.push({ t: x.t, w: x.w }); });
          if (found.some(function (x) { return x.prefix; })) tok.prefix = true;
        }));
      });
    });
    await Promise.all(jobs);
  }

  // Scores every document that has any token of the query (docs/search.md): per slot the best
  // token's weight × idf × field weight; a term's score is the mean over its slots and its
  // coverage the share of slots filled (the better of its two forms); a document's coverage is
  // the mean over terms. Documents with every slot filled come first; then, when the query has
  // two slots or more, those with at least half of them.
  async function score(meta, terms) {
    var toks = new Set();
    terms.forEach(function (t) { t.forms.forEach(function (f) { f.forEach(function (s) { s.forEach(function (c) { toks.add(c.t); }); }); }); });

    var lists = {};
    await Promise.all(Array.from(toks).map(function (t) { return postings(meta, t).then(function (p) { lists[t] = p; }); }));
    var N = meta.docs;
    var idf = function (df) { return Math.log(1 + (N - df + 0.5) / (df + 0.5)); };
    // Per document, in arrays indexed by id (with the list of ids touched, to reset them): the
    // best score of a slot's tokens; a form's slots filled and score sum; a term's best form;
    // the sums over terms.
    var here = new Float64Array(N), filled = new Float64Array(N), sum = new Float64Array(N);
    var bestCov = new Float64Array(N), bestSc = new Float64Array(N), docCov = new Float64Array(N), docSc = new Float64Array(N);
    var inSlot = new Uint8Array(N), inForm = new Uint8Array(N), inTerm = new Uint8Array(N), inAll = new Uint8Array(N);
    var slotIds = [], formIds = [], termIds = [], allIds = [], k, id;
    terms.forEach(function (termOf) {
      termIds.length = 0;
      termOf.forms.forEach(function (slots) {
        formIds.length = 0;
        slots.forEach(function (slot) {
          slotIds.length = 0;
          slot.forEach(function (c) {
            var p = lists[c.t], weight = c.w * idf(p.df);
            for (k = 0; k < p.ids.length; k++) {
              var s = weight * p.w[k];
              id = p.ids[k];
              if (!inSlot[id]) { inSlot[id] = 1; here[id] = s; slotIds.push(id); } else if (s > here[id]) here[id] = s;
            }
          });
          for (k = 0; k < slotIds.length; k++) {
            id = slotIds[k];
            inSlot[id] = 0;
            if (!inForm[id]) { inForm[id] = 1; filled[id] = 0; sum[id] = 0; formIds.push(id); }
            filled[id]++;
            sum[id] += here[id];
          }
        });
        for (k = 0; k < formIds.length; k++) {
          id = formIds[k];
          inForm[id] = 0;
          var cov = filled[id] / slots.length, sc = sum[id] / slots.length;
          if (!inTerm[id]) { inTerm[id] = 1; bestCov[id] = cov; bestSc[id] = sc; termIds.push(id); }
          else if (cov > bestCov[id] || (cov === bestCov[id] && sc > bestSc[id])) { bestCov[id] = cov; bestSc[id] = sc; }
        }
      });
      for (k = 0; k < termIds.length; k++) {
        id = termIds[k];
        inTerm[id] = 0;
        if (!inAll[id]) { inAll[id] = 1; docCov[id] = 0; docSc[id] = 0; allIds.push(id); }
        docCov[id] += bestCov[id];
        docSc[id] += bestSc[id];
      }
    });
    var slotCount = terms.reduce(function (n, t) { return n + t.forms[0].length; }, 0);
    // A document that is one of several of a page (a progress item: a row of a long report
    // page) counts as a section of that page, less than a page of its own.

    var low = new Set(meta.low);
    var out = [];
    allIds.forEach(function (id) {
      var cov = docCov[id] / terms.length;
      if (cov < 1 && (slotCount < 2 || cov <= 0.5)) return;
      var weight = low.has(id) ? LOWER : groupOf(meta, id) !== id || isGroupStart(meta, id) ? SECTION : 1;
      out.push({ id: id, full: cov >= 1, cov: cov, score: docSc[id] * weight });
    });
    // Pages with part of the query follow only where no page has all of it: beside pages that
    // have a word, pages that have pieces of it (the しょう of つくりましょう for しょうがい)
    // are noise.
    if (out.some(function (h) { return h.full; })) out = out.filter(function (h) { return h.full; });
    return { hits: out, lists: lists };
  }

  // The runs of documents that are one page ([first, count]): a document's group is the first.
  function groupOf(meta, id) {
    var g = meta.groups, lo = 0, hi = g.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (g[mid][0] > id) hi = mid - 1;
      else if (id >= g[mid][0] + g[mid][1]) lo = mid + 1;
      else return g[mid][0];
    }
    return id;
  }
  var groupStarts = null;
  function isGroupStart(meta, id) {
    if (!groupStarts) groupStarts = new Set(meta.groups.map(function (g) { return g[0]; }));
    return groupStarts.has(id);
  }
  function better(a, b) {
    return (b.full - a.full) || (b.score - a.score) || (b.cov - a.cov) || (a.id - b.id);
  }
  // One result per page: its best document, and how many others of the page matched.
  function grouped(meta, hits) {
    var byPage = new Map();
    hits.forEach(function (h) {
      var key = groupOf(meta, h.id);
      var r = byPage.get(key);
      if (!r) byPage.set(key, { key: key, best: h, others: 0 });
      else { r.others++; if (better(h, r.best) < 0) r.best = h; }
    });
    var out = Array.from(byPage.values());
    out.sort(function (a, b) { return better(a.best, b.best); });
    return out;
  }

  // The files a query will need, asked before they are needed: the shards of the tokens its
  // text as written gives for sure (and of its canonical forms, once `groups` are known). While
  // a query is typed (the search starts 150 ms after the last key), a Latin word still being
  // typed and single characters are left out: they would fetch shards the query will not use.
  // The text without the word still being typed at its end (a Latin word, as the tokenizer
  // tells words: isWord), normalized.
  function settled(text) {
    var chars = Array.from(normalize(text));
    while (chars.length && isWord(chars[chars.length - 1], chars[chars.length - 1].codePointAt(0))) chars.pop();
    return chars.join('');
  }
  function warm(meta, text, groups, typing) {
    termsOf(typing ? settled(text) : text, variantTable(groups)).forEach(function (termOf) {
      termOf.forms.forEach(function (slots) {
        if (slots.lazy) return;
        slots.forEach(function (slot) {
          var t = slot[0].t;
          if (typing && Array.from(t).length < 2) return;
          postings(meta, t).catch(function () { /* the search asks again and reports it */ });
        });
      });
    });
  }
  function docPack(meta, id) {
    var first = id - id % meta.pack;
    return packOf('doc/' + first / meta.pack + '.bin', Math.min(meta.pack, meta.docs - first));
  }
  // While the query is typed: the index's files as above, the vocabulary its last word will be
  // completed from (once it has three letters), and, when typing has paused on this text, the
  // headers of the packs of the documents it would show first, so that the search itself
  // fetches its documents in one round. Only small files: shards and headers; the documents
  // wait for a pause (lookAhead).
  function prefetch(text) {
    load('meta.json').then(function (meta) {
      warm(meta, text, [], true);
      var last = null, sure = settled(text);
      walk(text, function () { last = null; }, function (raw) { last = raw; });
      if (last && last.length >= 3 && sure !== normalize(text) && meta.vocab.indexOf(last.charAt(0)) >= 0) {
        load('vocab/' + last.charAt(0) + '.json').catch(function () { /* asked again */ });
      }
      return variantsFor(meta, text).then(function (groups) {
        warm(meta, text, groups, true);
        if (!sure.trim() || input.value !== text) return null;
        // (The whole text, when none of it is still being typed: the same search as the one
        // that follows, which then takes its result.)
        return (sure === normalize(text) ? runOnce(text, {}) : run(sure, {})).then(function (r) {
          if (input.value === text) r.results.slice(0, PAGE).forEach(function (x) { docPack(meta, x.best.id); });
        });
      });
    }).catch(function () { /* the search asks again and reports it */ });
  }

  // The search a paused input would start: the last one asked is kept (the index does not
  // change while the page is open), so the search that follows a look-ahead (below) finds its
  // results and documents ready instead of computing and fetching them again.
  var lastRun = null;
  function runOnce(query, f) {
    var key = query + '\u0000' + JSON.stringify(f);
    if (!lastRun || lastRun.key !== key) {
      var mine = { key: key, promise: run(query, f) };
      mine.promise.catch(function () { if (lastRun === mine) lastRun = null; });
      lastRun = mine;
    }
    return lastRun.promise;
  }
  // When typing has paused for AHEAD ms (less than the search's own pause of 150 ms), the
  // search of the text as it stands is worked out and the documents of its first results are
  // fetched: the wait before the search starts is spent on them. A resident who goes on typing
  // after the short pause costs at most the ten documents of that text (a few KB).
  var AHEAD = 50, ahead;
  function lookAhead(text) {
    clearTimeout(ahead);
    ahead = setTimeout(function () {
      if (input.value !== text || !text.trim()) return;
      Promise.all([load('meta.json'), runOnce(text, filtersOf())]).then(function (got) {
        if (input.value !== text) return;
        got[1].results.slice(0, PAGE).forEach(function (x) { part(got[0], 'doc', x.best.id, got[0].docs).catch(function () { /* asked again */ }); });
      }).catch(function () { /* the search asks again and reports it */ });
    }, AHEAD);
  }

  async function run(query, f) {
    var meta = await load('meta.json');
    warm(meta, query, [], false); // the plain form's shards while the variant files come
    var table = variantTable(await variantsFor(meta, query));
    var terms = termsOf(query, table);
    var hasFilter = Object.keys(f).length > 0;
    var filters = hasFilter ? await load('filters.json') : null;
    var hits, lists = {};
    if (terms.length === 0) {
      if (!hasFilter) return { results: [], all: 0, terms: terms, lists: lists };
      hits = [];
      for (var id = 0; id < meta.docs; id++) hits.push({ id: id, full: true, cov: 1, score: 0 });
    } else {
      await expand(meta, terms, query);
      // The form without okurigana is asked only when the query as written (and its canonical
      // forms) fills less than the first screen: its bigrams are mostly of common words (子食 of
      // 子ども食堂), so fetching them up front cost a shard for nothing on most queries.
      var eager = terms.map(function (t) { return { text: t.text, forms: t.forms.filter(function (f) { return !f.lazy; }) }; });
      var lazy = terms.some(function (t) { return t.forms.some(function (f) { return f.lazy; }); });
      var scored = await score(meta, eager);
      if (lazy && grouped(meta, scored.hits.filter(function (h) { return h.full; })).length < PAGE) {
        scored = await score(meta, terms);
      }
      hits = scored.hits;
      lists = scored.lists;
    }
    var all = hits.length;
    if (hasFilter) hits = hits.filter(function (h) { return matchesFilters(meta, filters, h.id, f); });
    return { results: grouped(meta, hits), all: all, terms: terms, lists: lists, table: table };
  }

  // ---- display ----
  // The query's tokens for marking text: Japanese bigrams and single kanji, Latin terms (for
  // scoring the parts of a document); and, for each term of the query, the strings of its forms
  // (its Japanese runs whole: はなみがわ, and 花見川 of the table), its bigrams and its words,
  // which a text is marked with. `table` gives a word's group (older → elderly).
  function marksOf(terms, table) {
    var ja = new Set(), words = new Set(), prefixes = [];
    var each = terms.map(function (t) {
      var mine = { phrases: [], bigrams: new Set(), singles: new Set(), words: new Set() };
      t.forms.forEach(function (f) {
        var run = [];
        var close = function () { if (run.length >= 2) mine.phrases.push(run); run = []; };
        f.forEach(function (slot) {
          slot.forEach(function (c, i) {
            var tok = c.t.charAt(0) === '*' ? c.t.slice(1) : c.t;
            var cjk = isCjk(tok.codePointAt(0));
            if (c.prefix) prefixes.push(c.raw);
            if (!cjk) { words.add(tok); mine.words.add(tok); } else {
              ja.add(tok);
              (Array.from(tok).length === 1 ? mine.singles : mine.bigrams).add(tok);
            }
            // The slot's own token (its first) continues the form's run of bigrams.
            if (i > 0) return;
            var cs = Array.from(tok);
            if (!cjk || cs.length !== 2) { close(); return; }
            if (run.length && run[run.length - 1] === cs[0]) run.push(cs[1]);
            else { close(); run = cs.slice(); }
          });
        });
        close();
      });
      return mine;
    });
    // A term's Japanese form that is the canonical one of a group stands for each form of the
    // group: お年より on a page is marked for おとしより (canonical 高齢者).
    if (table) {
      var formsOf = new Map();
      table.ja.forEach(function (list) {
        list.forEach(function (x) {
          if (!formsOf.has(x[1])) formsOf.set(x[1], []);
          formsOf.get(x[1]).push(x[0]);
        });
      });
      each.forEach(function (mine) {
        mine.phrases.slice().forEach(function (p) { (formsOf.get(p.join('')) || []).forEach(function (f) { mine.phrases.push(f); }); });
      });
    }
    var group = function (w) { return table && table.words.get(w); };
    return { ja: ja, words: words, prefixes: prefixes, terms: each, group: group };
  }
  // Which characters of `text` match the query: an array of booleans, one per UTF-16 unit. Each
  // term marks its forms where the text has them whole (花見川 for はなみがわ; not the みが of
  // 「取組みがある」), else its bigrams; one kanji or syllable everywhere; a Latin word where
  // the text has it, or a word of its group.
  function matched(text, marks) {
    var flags = new Array(text.length).fill(false);
    var chars = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), len = cp > 0xFFFF ? 2 : 1;
      chars.push({ at: i, len: len, n: normalize(text.substr(i, len)) });
      i += len;
    }
    var set = function (k) { for (var u = 0; u < chars[k].len; u++) flags[chars[k].at + u] = true; };
    // Latin words as the tokenizer takes them: letters and digits that are not kana, kanji or
    // Hangul (so NPO in 「NPOなど」 is a word of its own), full-width ones too, with the combining
    // marks that follow a letter (a text saved decomposed: c + ◌̛ is cư).
    var isIn = function (k) { var c = chars[k].n; return !!c && isWord(c, c.codePointAt(0)); };
    var hitWords = new Set();
    for (var k = 0; k < chars.length;) {
      if (!isIn(k)) { k++; continue; }
      var from = k, w = '';
      for (; k < chars.length; k++) {
        var raw = text.substr(chars[k].at, chars[k].len);
        if (isIn(k)) w += chars[k].n;
        else if (MARK.test(raw)) w += raw;
        else break;
      }
      var written = normalize(w);
      w = unaccent(written);
      var t = wordTerm(w, latin === 'english'), g = marks.group(t);
      var hit = marks.words.has(t) ? t : g && marks.words.has(g) ? g : null;
      if (!hit && marks.prefixes.some(function (p) { return p.length >= 3 && w.startsWith(p); })) hit = t;
      if (hit) { hitWords.add(hit); for (var h = from; h < k; h++) set(h); }
      else if (digitParts(written)) {
        // The parts of a word of letters and digits the query has: 2024 of FY2024.
        for (var p = from; p < k;) {
          var digit = /[0-9]/.test(chars[p].n), q = p, piece = '';
          while (q < k && /[0-9]/.test(chars[q].n) === digit) piece += chars[q++].n;
          var pt = partTerm(piece);
          if (pt && marks.words.has(pt)) { hitWords.add(pt); for (var h2 = p; h2 < q; h2++) set(h2); }
          p = q;
        }
      }
    }
    marks.terms.forEach(function (mine) {
      var whole = Array.from(mine.words).some(function (x) { return hitWords.has(x); });
      mine.phrases.forEach(function (p) {
        for (var k = 0; k + p.length <= chars.length; k++) {
          var j = 0;
          while (j < p.length && chars[k + j].n === p[j]) j++;
          if (j < p.length) continue;
          for (j = 0; j < p.length; j++) set(k + j);
          whole = true;
        }
      });
      for (var k = 0; k < chars.length; k++) {
        var a = chars[k].n;
        if (!a || !isCjk(a.codePointAt(0))) continue;
        if (mine.singles.has(a)) set(k);
        if (!whole && k + 1 < chars.length && mine.bigrams.has(a + chars[k + 1].n)) { set(k); set(k + 1); }
      }
    });
    return flags;
  }
  // Appends `text` to `el` as text nodes, with the matching stretches in <mark>.
  function appendMarked(el, text, marks) {
    var flags = matched(text, marks);
    var i = 0;
    while (i < text.length) {
      var j = i;
      while (j < text.length && flags[j] === flags[i]) j++;
      var piece = document.createTextNode(text.slice(i, j));
      if (flags[i]) { var mark = document.createElement('mark'); mark.appendChild(piece); el.appendChild(mark); }
      else el.appendChild(piece);
      i = j;
    }
    return flags.some(Boolean);
  }
  // How well a text matches: the summed idf of the query tokens it has.
  function textScore(text, marks, weightOf) {
    var s = 0, seen = new Set();
    var add = function (t) { if (!seen.has(t) && (marks.ja.has(t) || marks.words.has(t))) { seen.add(t); s += weightOf(t); } };
    walk(text, function (run) {
      var b = []; bigrams(run, b); b.forEach(add); run.forEach(add);
    }, function (raw, t) { add(t); });
    return s;
  }
  function sentences(text) {
    return text.split(/(?<=[。！？!?])|(?<=\.)\s+|\n+/).map(function (s) { return s.trim(); }).filter(Boolean);
  }
  // A place to cut `text` at, from `at` in the direction `dir` (1 to start there, -1 to end there):
  // not inside a Latin word (…der the motto) nor between the two halves of a character.
  function edge(text, at, dir) {
    if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
    var inWord = function (i) { var c = text.codePointAt(i); return i >= 0 && i < text.length && c < 0x2E80 && WORD.test(String.fromCodePoint(c)); };
    var i = at, moved = 0;
    while (i > 0 && i < text.length && inWord(i - 1) && inWord(i) && moved < 30) { i += dir; moved++; }
    if (moved >= 30) i = at;
    var c = text.charCodeAt(i);
    if (c >= 0xDC00 && c <= 0xDFFF) i += dir > 0 ? 1 : -1;
    return i;
  }
  // The part of the document that best matches, and the sentence of it that best matches.
  function bestPlace(doc, marks, weightOf) {
    var best = null;
    doc.s.forEach(function (part, i) {
      var s = textScore(part[1] + ' ' + part[2], marks, weightOf) + (part[2] ? 0 : -0.01) - i * 1e-6;
      if (!best || s > best.s) best = { part: part, s: s };
    });
    var part = best ? best.part : ['', '', ''];
    var text = part[2] || '';
    var ss = sentences(text);
    var pick = ss[0] || '';
    var top = -1;
    ss.forEach(function (s, i) {
      var v = textScore(s, marks, weightOf) - i * 1e-6;
      if (v > top) { top = v; pick = s; }
    });
    // A short sentence is shown with the next one, so the excerpt says something.
    var at = ss.indexOf(pick);
    // (No space after a Japanese or Chinese full stop: 「…届ける。24回…」.)
    if (pick.length < 40 && at >= 0 && at + 1 < ss.length) pick += (/[。！？]$/.test(pick) ? '' : ' ') + ss[at + 1];
    if (pick.length > 180) {
      var flags = matched(pick, marks), first = flags.indexOf(true);
      var start = edge(pick, Math.max(0, first - 50), 1), end = edge(pick, start + 170, -1);
      if (end <= start) end = start + 170;
      pick = (start > 0 ? '…' : '') + pick.slice(start, end) + (end < pick.length ? '…' : '');
    }
    // (A text standing in for a missing translation comes with its language: part[3], part[4].)
    return { anchor: part[0], heading: part[1], excerpt: pick, lang: part[3] || '', headingLang: part[4] || '' };
  }
  // Exact phrase and proximity, from the documents fetched for the first page: 1 when the query
  // is in the text as typed (its terms in order, in one part), else 0.5 per term group within
  // one part, 0 otherwise.
  function closeness(doc, terms, table) {
    if (terms.length === 0) return 0;
    var texts = [doc.t].concat(doc.s.map(function (p) { return p[1] + ' ' + p[2]; }));
    // The query's tokens in order, and each text's: the phrase is there when they follow
    // each other (Japanese bigrams one character apart, Latin words one word apart).
    // (With the canonical forms in place, so a variant of the words counts as the words.)
    var seq = function (text) {
      var out = [];
      walk(text, function (run) { var b = []; bigrams(canonicalRun(table, run) || run, b); b.forEach(function (x) { out.push(x); }); out.push(''); },
        function (raw, t, accented, written) {
          // (A word of letters and digits by its parts: FY2024 is FY 2024 as typed.)
          (digitParts(written) || [t]).forEach(function (x) { out.push(table.words.get(x) || x); });
        });
      return out;
    };
    var want = seq(terms.map(function (t) { return t.text; }).join(' ')).filter(Boolean);
    var found = texts.map(seq);
    var contains = function (hay, needle) {
      outer: for (var i = 0; i + needle.length <= hay.length; i++) {
        for (var j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
        return true;
      }
      return false;
    };
    if (want.length >= 1 && (want.length > 1 || terms.length > 1 || Array.from(terms[0].text).length >= 2) &&
      found.some(function (h) { return contains(h, want); })) return 1;
    if (terms.length < 2) return 0;
    var inOne = found.some(function (h) {
      return terms.every(function (t) {
        return t.forms.some(function (f) { return f.every(function (s) { return s.some(function (c) { return h.indexOf(c.t) >= 0; }); }); });
      });
    });
    return inOne ? 0.5 : 0;
  }
  // A kind's label, and its language where it stands in for a translation (meta.json gives it).
  function kindLabel(meta, k) {
    var i = indexOf(meta.filters.kind, k);
    return i >= 0 ? { text: meta.filters.kind[i][1], lang: meta.filters.kind[i][2] || '' } : { text: k, lang: '' };
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  // Marks `e` as in the language tagged `lang`, where a text stands in for a missing
  // translation (the index gives the tag then, as the page marks it), and gives `e` back.
  function inLang(e, lang) {
    if (lang) e.lang = lang;
    return e;
  }
  // The status's words `many` (or `one`, for one) with the number `n` at its `#`. A site's own
  // word without `#` is put after the number: without a space in Japanese, Chinese and Korean
  // (easy Japanese's code is not `ja`: by the page's language tag).
  function counted(many, one, n) {
    var word = (n === 1 && status.getAttribute(one)) || status.getAttribute(many) || '';
    if (word.indexOf('#') >= 0) return word.replace('#', String(n));
    return /^(ja|zh|ko)\b/.test(document.documentElement.lang) ? n + word : n + ' ' + word;
  }
  function resultItem(meta, r, marks, weightOf) {
    var doc = r.doc;
    var place = bestPlace(doc, marks, weightOf);
    var li = el('li', 'search-result');
    li.setAttribute('data-score', (r.best.score * (1 + (EXACT - 1) * (r.near || 0))).toFixed(3));
    var h = el('h2', 'search-result__title');
    var a = el('a');
    // Found by filters alone (no words), a result is its page, not a section of it; a progress
    // item (one of several documents of a page) keeps its place.
    var id = r.best.id;
    var anchor = marks.terms.length || groupOf(meta, id) !== id || isGroupStart(meta, id) ? place.anchor : '';
    a.href = root + doc.u + (anchor ? '#' + encodeURIComponent(anchor) : '');
    appendMarked(inLang(a, doc.l), doc.t, marks);
    h.appendChild(a);
    li.appendChild(h);
    // Kind, area and section, each a text of its own language.
    var metaLine = el('p', 'search-result__meta');
    var addMeta = function (text, lang) {
      if (metaLine.firstChild) metaLine.appendChild(document.createTextNode(separator));
      metaLine.appendChild(lang ? inLang(el('span', null, text), lang) : document.createTextNode(text));
    };
    var kind = kindLabel(meta, doc.k);
    addMeta(kind.text, kind.lang);
    if (doc.a) addMeta(doc.a, doc.al);
    if (place.heading && anchor) addMeta(place.heading, place.headingLang);
    li.appendChild(metaLine);
    var p = inLang(el('p', 'search-result__excerpt'), place.lang);
    appendMarked(p, place.excerpt, marks);
    li.appendChild(p);
    if (r.others > 0) {
      var o = el('p', 'search-result__others');
      var link = el('a', null, counted('data-on-page', 'data-on-page-one', r.others));
      link.href = root + doc.u;
      o.appendChild(link);
      li.appendChild(o);
    }
    return li;
  }
  function showFilterCount() {
    if (!filterCount) return;
    var n = Object.keys(filtersOf()).length;
    filterCount.textContent = n ? filterCount.getAttribute('data-active').replace('#', String(n)) : '';
  }

  // The status is a live region: a screen reader says each new text. While the resident types,
  // the results follow at once but the status waits until typing has paused for SETTLE ms (else
  // it says 「見つかりませんでした」 in the middle of a word); after Enter, a filter or a query in
  // the address it speaks at once. `data-state` changes with the text, so `done` means the count
  // has been said. The query is kept beside it for print (print.css shows it over the count).
  var SETTLE = 800, lastKey = -Infinity, saying = null;
  function settling() { return performance.now() - lastKey < SETTLE; }
  function say(text, state, query) {
    clearTimeout(saying);
    var apply = function () {
      status.textContent = text;
      status.setAttribute('data-state', state);
      status.setAttribute('data-query', query);
    };
    var wait = lastKey + SETTLE - performance.now();
    if (wait > 0) saying = setTimeout(apply, wait);
    else apply();
  }

  var generation = 0;
  async function search(updateUrl) {
    var query = input.value.trim();
    var f = filtersOf();
    var mine = ++generation;
    var started = performance.now();
    showFilterCount();
    if (updateUrl) {
      var params = new URLSearchParams();
      if (query) params.set('q', query);
      Object.keys(f).forEach(function (k) { params.set(k, f[k]); });
      history.replaceState(null, '', params.toString() ? '?' + params : location.pathname);
    }
    if (none) none.hidden = true;
    if (elsewhere) elsewhere.hidden = true;
    clearTimeout(saying);
    if (!query && Object.keys(f).length === 0) {
      list.textContent = ''; status.textContent = ''; status.setAttribute('data-state', 'idle'); status.setAttribute('data-query', '');
      if (more) more.hidden = true;
      return;
    }
    status.setAttribute('data-state', 'loading');
    // (While typing, the last count stays until the new one is said.)
    if (!settling()) status.textContent = status.getAttribute('data-loading');
    try {
      var meta = await load('meta.json');
      var r = await runOnce(input.value, f);
      if (mine !== generation) return;
      var marks = marksOf(r.terms, r.table);
      var weightOf = function (t) {
        var p = r.lists[t] || r.lists['*' + t];
        return p ? Math.log(1 + (meta.docs - p.df + 0.5) / (p.df + 0.5)) : 0.1;
      };
      var results = r.results.slice(); // (r is kept for the same search again: not reordered)
      // Only the documents shown are fetched: the first page now, more on request.
      var fetchDocs = function (rs) {
        return Promise.all(rs.map(function (x) { return part(meta, 'doc', x.best.id, meta.docs).then(function (d) { x.doc = d; }); }));
      };
      var first = results.slice(0, PAGE);
      await fetchDocs(first);
      if (mine !== generation) return;
      // The exact phrase, then the terms close together, first among the full matches shown.
      first.forEach(function (x) { x.near = x.best.full ? closeness(x.doc, r.terms, r.table) : 0; });
      first.sort(function (a, b) {
        return (b.best.full - a.best.full) || (b.best.score * (1 + (EXACT - 1) * b.near) - a.best.score * (1 + (EXACT - 1) * a.near)) || better(a.best, b.best);
      });
      for (var i = 0; i < first.length; i++) results[i] = first[i];
      var shown = 0;
      var showMore = async function (firstPage) {
        var page = results.slice(shown, shown + PAGE);
        if (!firstPage) await fetchDocs(page);
        if (mine !== generation) return;
        if (firstPage) list.textContent = '';
        page.forEach(function (x) { list.appendChild(resultItem(meta, x, marks, weightOf)); });
        if (!firstPage && list.children[shown]) list.children[shown].querySelector('a').focus();
        shown += page.length;
        if (more) more.hidden = shown >= results.length;
      };
      if (more) more.onclick = function () { showMore(false); };
      await showMore(true);
      if (mine !== generation) return;
      var n = results.length;
      var full = results.filter(function (x) { return x.best.full; }).length;
      var text;
      // (Nothing in this language at all, filters or not: the words may be another language's.)
      offerElsewhere(query, f, r.all === 0 && r.terms.length > 0);
      if (n === 0) {
        text = status.getAttribute('data-none');
        showNone(query, r.all > 0 && Object.keys(f).length > 0);
      } else {
        text = counted('data-results', 'data-result-one', n);
        // The next sentence after the language's full stop (「…見つかりました。一部の…」).
        var gap = status.getAttribute('data-gap') || ' ';
        if (full === 0) text += gap + status.getAttribute('data-partial');
        else if (full < n) text += gap + status.getAttribute('data-partial-after');
      }
      say(text, 'done', query);
      window.plansiteSearchMs = performance.now() - started;
    } catch (e) {
      if (mine !== generation) return;
      say(status.getAttribute('data-error'), 'error', query);
    }
  }
  // What can help when nothing was found: removing the filters (only offered when that finds
  // something), and the site's lists.
  function showNone(query, unfilterHelps) {
    if (!none) return;
    var q = none.querySelector('[data-query]');
    if (q) q.textContent = query;
    var unfilter = none.querySelector('[data-unfilter]');
    if (unfilter) unfilter.hidden = !unfilterHelps;
    none.hidden = false;
  }

  // ---- the same search in the site's other languages ----
  // Residents search in their second language on the page of another ("child care" on the
  // Japanese page, 「地域包括支援センター」 pasted into the English one). When the words find
  // nothing here, each other language of the site is offered: a link to its search page with
  // the same words and filters. Those pages are the links of the language switcher, which on
  // this page lead to the other languages' search pages (without the query); each is named as
  // the switcher names it, in its own language and marked so. The offer is not in the live
  // region: the status says its one sentence as before, and the links follow it.
  // The scripts of the languages Intl.Locale names by a script of several (ISO 15924).
  var SCRIPTS = { Jpan: ['Han', 'Hira', 'Kana'], Kore: ['Hang', 'Han'], Hans: ['Han'], Hant: ['Han'] };
  // A test of whether a letter is of a script the language tagged `tag` is written in (its
  // likely script: Intl.Locale's data), or null where the browser cannot tell.
  function scriptTest(tag) {
    try {
      var script = new Intl.Locale(tag).maximize().script;
      return new RegExp('^(?:' + (SCRIPTS[script] || [script]).map(function (x) { return '\\p{scx=' + x + '}'; }).join('|') + ')$', 'u');
    } catch (e) {
      return null;
    }
  }
  var pageScript = scriptTest(document.documentElement.lang);
  var LATIN = /^\p{scx=Latn}$/u;
  var others = Array.from(document.querySelectorAll('nav.lang-switch a[hreflang]')).map(function (a) {
    var name = a.cloneNode(true); // (without the switcher's 「（一部のみ）」)
    name.querySelectorAll('.lang-switch__partial').forEach(function (x) { x.remove(); });
    var tag = a.getAttribute('hreflang');
    return { href: a.href, tag: tag, lang: a.getAttribute('lang') || tag, name: name.textContent.trim(), script: scriptTest(tag) };
  }).filter(function (o) { return o.name; });
  // The letters of a query (its characters of a script: not digits, spaces nor signs).
  function lettersOf(query) {
    return Array.from(query.normalize('NFKC')).filter(function (c) { return /\p{L}/u.test(c); });
  }
  function allIn(script, letters) {
    return !!script && letters.length > 0 && letters.every(function (c) { return script.test(c); });
  }
  // The languages to offer the query to: every other one when it found nothing here; when it
  // found something, those whose script has each of its letters if none is of this page's script
  // (a Japanese query on the English page). Not for a Latin query: Japanese, Chinese and Korean
  // pages write names and abbreviations in Latin letters (NPO, ICT), so one is theirs too.
  function offeredFor(letters, nothing) {
    if (nothing) return others;
    if (!pageScript) return [];
    var foreign = letters.length > 0 && letters.every(function (c) { return !pageScript.test(c) && !LATIN.test(c); });
    return foreign ? others.filter(function (o) { return allIn(o.script, letters); }) : [];
  }
  // The words `data-text` with the language's name at `[language]` and the query at `[query]`,
  // each put in as text. The query is marked as in that language where it is written in its
  // script and not in this page's (地域包括支援センター on the English page, for the Japanese
  // one), so that a screen reader reads it in that language's voice.
  function offerLink(o, query, letters, params) {
    var a = el('a');
    var to = new URL(o.href);
    to.search = params.toString();
    to.hash = '';
    a.href = to.href;
    a.hreflang = o.tag;
    var words = elsewhere.getAttribute('data-text') || '';
    if (words.indexOf('[language]') < 0) words = '[language] ' + words;
    var theirs = allIn(o.script, letters) && !allIn(pageScript, letters);
    words.split(/(\[language\]|\[query\])/).forEach(function (piece) {
      if (piece === '[language]') a.appendChild(inLang(el('span', 'search-elsewhere__language', o.name), o.lang));
      else if (piece === '[query]') a.appendChild(theirs ? inLang(el('span', null, query), o.lang) : document.createTextNode(query));
      else if (piece) a.appendChild(document.createTextNode(piece));
    });
    var li = el('li');
    li.appendChild(a);
    return li;
  }
  function offerElsewhere(query, f, nothing) {
    if (!elsewhere) return;
    elsewhere.textContent = '';
    var letters = lettersOf(query);
    var to = query ? offeredFor(letters, nothing) : [];
    var params = new URLSearchParams();
    params.set('q', query);
    Object.keys(f).forEach(function (k) { params.set(k, f[k]); });
    to.forEach(function (o) { elsewhere.appendChild(offerLink(o, query, letters, params)); });
    elsewhere.hidden = to.length === 0;
  }

  // Text still being composed by an input method (kana before conversion, pinyin, a Hangul
  // syllable being built) is not the query: nothing is searched, and the status (a live region)
  // says nothing, until the input method commits it.
  var timer, composing = false;
  function typed() {
    lastKey = performance.now();
    clearTimeout(timer);
    timer = setTimeout(function () { if (!composing) search(true); }, 150);
    prefetch(input.value); lookAhead(input.value);
  }
  input.addEventListener('compositionstart', function () { composing = true; clearTimeout(timer); });
  input.addEventListener('compositionend', function () { composing = false; typed(); });
  input.addEventListener('input', function (e) {
    if (e.isComposing || composing) { clearTimeout(timer); return; }
    typed();
  });
  selects.forEach(function (s) { s.addEventListener('change', function () { lastKey = -Infinity; search(true); }); });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); lastKey = -Infinity; search(true); });
  var clear = document.getElementById('search-clear-filters');
  if (clear) clear.addEventListener('click', function () { lastKey = -Infinity; selects.forEach(function (s) { s.value = ''; }); search(true); input.focus(); });

  // The form works only with this script: it is shown now, and the page's notice for browsers
  // without JavaScript never shows.
  form.hidden = false;
  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  selects.forEach(function (s) { if (params.get(s.name)) s.value = params.get(s.name); });
  showFilterCount();
  // The index's description is small and every search needs it first: asked as the page loads.
  load('meta.json').catch(function () { /* the search asks again and reports it */ });
  if (input.value || Array.from(selects).some(function (s) { return s.value; })) search(false);
  window.plansiteTokens = tokens;
  window.plansiteInflate = inflate; // for the browser test of the inflater
  window.plansiteEdge = edge; // and of where an excerpt is cut
  // and of a query's forms: each form's tokens, slot by slot (the first of each)
  window.plansiteForms = function (q) {
    return termsOf(q, variantTable([])).map(function (t) { return t.forms.map(function (f) { return f.map(function (s) { return s[0].t; }); }); });
  };
})();

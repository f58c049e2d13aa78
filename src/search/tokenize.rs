//! The tokenizer shared by the index (here) and the browser (`themes/default/static/js/search.js`,
//! which implements the same steps; `tests/search-tokens.json` holds cases both must pass):
//!
//! 1. NFKC normalisation (full-width Latin and digits → half-width, half-width katakana →
//!    full-width), then lower case.
//! 2. Katakana is folded to hiragana, so ボランティア and ぼらんてぃあ are the same.
//! 3. The text splits into runs: Japanese (kanji, kana, 々, ー; Chinese and Korean's Hangul
//!    go the same way, [`super::fold::is_cjk`]) and Latin letters/digits.
//! 4. A Japanese run yields its character bigrams (a one-character run yields itself), so a
//!    compound matches its parts and any two-character query (防災) works without a dictionary.
//!    The index also holds, for every kanji (and Hangul syllable) inside a longer run, the
//!    character alone marked as inside a word (`*区`, `*곳`), so a one-character query finds it
//!    within words; the bigrams of each
//!    run with short okurigana between kanji removed (買い物 → 買物), which the browser tries
//!    as an alternative form of a query; and the bigrams of the run with the canonical form of
//!    each variant, reading or synonym of the table ([`super::variants`]) in place of the form
//!    written, which the browser also tries.
//! 5. A Latin run is a word: diacritics are removed (café → cafe), British spellings become
//!    American ([`americanize`]: neighbour → neighbor), common English function words are
//!    dropped and the rest get a light stemmer (plural and -ing/-ed endings), so "volunteers"
//!    finds "volunteer". The index also holds the parts of a word where letters and digits
//!    meet ([`digit_parts`]: FY2024 → fy, 2024).

use super::fold::{is_cjk, is_hangul, is_kanji, is_word, normalized_chars, term, unaccent, Latin};
use super::variants::{Form, Variants};
use rustc_hash::FxHashMap;

const STOP_WORDS: [&str; 24] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of", "on", "or", "s",
    "that", "the", "their", "to", "was", "with",
];

/// A Japanese run without the one- or two-kana okurigana that sit between kanji: 買い物 → 買物.
pub(crate) fn strip_okurigana(run: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(run.len());
    let mut i = 0;
    while i < run.len() {
        let c = run[i];
        if !is_kanji(c) && i > 0 && is_kanji(run[i - 1]) {
            let mut j = i;
            while j < run.len() && !is_kanji(run[j]) {
                j += 1;
            }
            if j < run.len() && j - i <= 2 && run[i..j].iter().all(|c| ('\u{3041}'..='\u{309F}').contains(c)) {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

#[allow(dead_code, reason = "used by `tokens`")]
fn bigrams(run: &[char], out: &mut Vec<String>) {
    if run.len() == 1 {
        out.push(run[0].to_string());
    } else {
        out.extend(run.windows(2).map(|w| w.iter().collect::<String>()));
    }
}

/// Appends the tokens of a query (or any text as written) to `out`, normalising first. The
/// index holds these and more ([`index_keys`]). search.js does this in the browser; here it
/// serves the tests and the fuzz targets, which check the two agree.
#[allow(dead_code, reason = "the browser's query tokenizer in Rust, for tests and fuzzing")]
pub(crate) fn tokens(text: &str, out: &mut Vec<String>) {
    tokens_in(text, Latin::English, out);
}

/// [`tokens`] of an index that takes its Latin words by the rules `latin`.
#[allow(dead_code, reason = "the browser's query tokenizer in Rust, for tests and fuzzing")]
pub(crate) fn tokens_in(text: &str, latin: Latin, out: &mut Vec<String>) {
    // Both callbacks push to `out`; a cell lets them share it.
    let out = std::cell::RefCell::new(out);
    walk(text, latin, |run| bigrams(run, &mut out.borrow_mut()), |word| out.borrow_mut().push(word));
}

/// A token packed in a `u64`, so the index can collect millions without allocating:
/// a Japanese bigram or single character is its characters' code points under a tag bit (and
/// a second bit for a kanji inside a word); an English word is its 61-bit FNV hash, spelled out
/// again through the dictionary the tokenizer fills ([`Key::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key(pub u64);

const JA_TAG: u64 = 1 << 63;
const INWORD_TAG: u64 = 1 << 62;

impl Key {
    pub(crate) fn japanese(a: char, b: Option<char>) -> Key {
        let second = b.map_or(0, |c| c as u64 + 1);
        Key(JA_TAG | (a as u64) << 22 | second)
    }

    /// A kanji inside a longer run, spelled `*` and the kanji.
    fn inside(a: char) -> Key {
        Key(JA_TAG | INWORD_TAG | (a as u64) << 22)
    }

    pub(crate) fn word(w: &str) -> Key {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Key(h & !(JA_TAG | INWORD_TAG))
    }

    /// The token as text: decoded for Japanese, looked up in `words` for English.
    pub(crate) fn text(self, words: &Words) -> Option<String> {
        if self.0 & JA_TAG != 0 {
            let a = char::from_u32(((self.0 & !(JA_TAG | INWORD_TAG)) >> 22) as u32)?;
            let second = (self.0 & ((1 << 22) - 1)) as u32;
            let mut s = String::new();
            if self.0 & INWORD_TAG != 0 {
                s.push('*');
            }
            s.push(a);
            if second > 0 {
                s.push(char::from_u32(second - 1)?);
            }
            Some(s)
        } else {
            words.spelled.get(&self).cloned()
        }
    }
}

/// A map from the index's packed keys, with rustc's fast hasher: the keys come from the site's
/// own content, and the tokenizer and the postings look them up millions of times per build.
pub(crate) type KeyMap<V> = FxHashMap<Key, V>;

/// The Latin words met by the tokenizer of one part of the index.
#[derive(Default)]
pub(crate) struct Words {
    /// The spelling of each English word's key.
    pub(crate) spelled: KeyMap<String>,
    /// The keys of each word as written (normalised, before folding; none for a stop word):
    /// a word's folding (diacritics, spelling, stem) and its variants are worked out once, not
    /// at each of its occurrences (most words of a text are words it has had before). At most
    /// [`WORD_CACHE`] words: emptied when full.
    keys: rustc_hash::FxHashMap<String, Box<[Key]>>,
}

/// How many words' keys [`Words::keys`] remembers before it forgets them all and starts again.
/// A site's words are few (some 10,000 a worker at N = 10,000, which never fills it), but every
/// number and name a site has is a word: at N = 100,000 each worker met some 100,000, most of
/// them once, and the two caches held some 16 MB through the index stage, where the build's
/// memory is highest. Emptied, the words met again are worked out once more.
const WORD_CACHE: usize = 1 << 14;

impl Words {
    /// Takes in the words of another part of the index.
    pub(crate) fn extend(&mut self, other: Words) {
        self.spelled.extend(other.spelled);
    }
}

/// Pushes the keys of a Japanese run: its bigrams (or the character alone).
pub(crate) fn push_run(run: &[char], out: &mut Vec<Key>) {
    if run.len() == 1 {
        out.push(Key::japanese(run[0], None));
    } else {
        out.extend(run.windows(2).map(|w| Key::japanese(w[0], Some(w[1]))));
    }
}

/// Appends the index keys of `text` to `out`, recording the spelling of new words in `words`:
/// the tokens of [`tokens`], each kanji of a longer run marked as inside a word, the
/// okurigana-free bigrams, the keys of the variants of `variants` found in the text, the parts
/// of a word of letters and digits ([`digit_parts`]), and the pair of Hangul syllables across
/// each single space ([`walk_joined`]).
pub(crate) fn index_keys(text: &str, variants: &Variants, out: &mut Vec<Key>, words: &mut Words) {
    let out = std::cell::RefCell::new(out);
    let mut written = String::new();
    walk_joined(
        text,
        |run| {
            let mut out = out.borrow_mut();
            push_run(run, &mut out);
            if run.len() > 1 {
                // (A Hangul syllable too: 곳 is a word, inside 곳을 with its particle.)
                out.extend(run.iter().filter(|c| is_kanji(**c) || is_hangul(**c)).map(|c| Key::inside(*c)));
            }
            let stripped = strip_okurigana(run);
            if stripped.len() != run.len() {
                push_run(&stripped, &mut out);
            }
            if let Some(canonical) = variants.canonical_run(run) {
                push_run(&canonical, &mut out);
            }
        },
        |chars| {
            written.clear();
            written.extend(chars);
            let mut out = out.borrow_mut();
            if let Some(keys) = words.keys.get(written.as_str()) {
                out.extend_from_slice(keys);
                return;
            }
            let mut keys = Vec::new();
            let mut add_word = |w: &str, keys: &mut Vec<Key>| {
                let key = Key::word(w);
                words.spelled.entry(key).or_insert_with(|| w.to_string());
                keys.push(key);
            };
            if let Some(term) = folded(chars, variants.latin()) {
                add_word(&term, &mut keys);
                match variants.canonical_word(&term) {
                    Some(Form::Word(w)) => add_word(w, &mut keys),
                    Some(Form::Japanese(chars)) => push_run(chars, &mut keys),
                    None => {}
                }
            }
            if let Some(parts) = digit_parts(chars) {
                for part in parts {
                    if let Some(term) = folded(part, variants.latin()) {
                        add_word(&term, &mut keys);
                    }
                }
            }
            out.extend_from_slice(&keys);
            if words.keys.len() >= WORD_CACHE {
                // (Its room is kept: the next words fill it again.)
                words.keys.clear();
            }
            words.keys.insert(written.clone(), keys.into_boxed_slice());
        },
        |before, after| out.borrow_mut().push(Key::japanese(before, Some(after))),
    );
}

/// The parts of a word where its letters and digits meet (fy2024 → fy, 2024; r6 → r, 6), or
/// `None` for a word of letters or of digits alone. The index holds a word's parts beside the
/// word, so FY 2024 and 2024 find FY2024 (search.js tries a query word's parts too, and takes
/// them as the word's words when it tells phrases).
pub(crate) fn digit_parts(chars: &[char]) -> Option<impl Iterator<Item = &[char]>> {
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    (digits > 0 && digits < chars.len()).then(|| chars.chunk_by(|a, b| a.is_ascii_digit() == b.is_ascii_digit()))
}

/// The tokens of a query with the canonical forms of `variants` in place, as search.js makes
/// them (for the tests of the table; the browser also tries the query as typed).
#[allow(dead_code, reason = "the browser's canonical query tokens in Rust, for the tests")]
pub(crate) fn query_tokens(text: &str, variants: &Variants) -> Vec<String> {
    let out = std::cell::RefCell::new(Vec::new());
    walk(
        text,
        variants.latin(),
        |run| match variants.canonical_run(run) {
            Some(c) => bigrams(&c, &mut out.borrow_mut()),
            None => bigrams(run, &mut out.borrow_mut()),
        },
        |term| match variants.canonical_word(&term) {
            Some(Form::Word(w)) => out.borrow_mut().push(w.clone()),
            Some(Form::Japanese(chars)) => bigrams(chars, &mut out.borrow_mut()),
            None => out.borrow_mut().push(term),
        },
    );
    out.into_inner()
}

/// Steps 1, 3 and 5: normalises `text`, then hands each Japanese run to `on_run` and each
/// Latin word that is not a stop word, folded (and stemmed) by `latin`, to `on_word`.
pub(crate) fn walk(text: &str, latin: Latin, on_run: impl FnMut(&[char]), mut on_word: impl FnMut(String)) {
    walk_raw(text, on_run, |chars| {
        if let Some(term) = folded(chars, latin) {
            on_word(term);
        }
    });
}

/// A Latin word as the index holds it (step 5): without diacritics, and by English rules
/// ([`Latin`]) folded and stemmed, `None` for a stop word, which is one as written: tổ, ăn, ít
/// are not to, an, it. As written, a word is only without its diacritics.
fn folded(chars: &[char], latin: Latin) -> Option<String> {
    let word = unaccent(chars);
    if latin == Latin::AsWritten {
        return Some(word);
    }
    let stop = chars.iter().all(char::is_ascii) && STOP_WORDS.contains(&word.as_str());
    (!stop).then(|| term(&word))
}

/// Steps 1 and 3: normalises `text`, then hands each Japanese run to `on_run` and each Latin
/// word, as written, to `on_word`.
fn walk_raw(text: &str, on_run: impl FnMut(&[char]), on_word: impl FnMut(&[char])) {
    walk_joined(text, on_run, on_word, |_, _| {});
}

/// [`walk_raw`], also handing `on_join` the two Hangul syllables on either side of each single
/// space between Hangul runs: Korean words are written with a space between them, and residents
/// leave it out as often (모임 장소, 모임장소), so the index holds the pair across the space too.
fn walk_joined(
    text: &str,
    mut on_run: impl FnMut(&[char]),
    mut on_word: impl FnMut(&[char]),
    mut on_join: impl FnMut(char, char),
) {
    let chars = normalized_chars(text);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            on_run(&chars[start..i]);
            if let [before, ' ', after, ..] = chars[i - 1..] {
                if is_hangul(before) && is_hangul(after) {
                    on_join(before, after);
                }
            }
        } else if is_word(c) {
            let start = i;
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            on_word(&chars[start..i]);
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
#[path = "tokenize_tests.rs"]
mod tests;

//! The tokenizer shared by the index (here) and the browser (`themes/default/static/js/search.js`,
//! which implements the same steps; the browser tests run real queries through both):
//!
//! 1. NFKC normalisation (full-width Latin and digits → half-width, half-width katakana →
//!    full-width), then lower case.
//! 2. Katakana is folded to hiragana, so ボランティア and ぼらんてぃあ are the same.
//! 3. The text splits into runs: Japanese (kanji, kana, 々, ー) and Latin letters/digits.
//! 4. A Japanese run yields its character bigrams (a one-character run yields itself), so a
//!    compound matches its parts and any two-character query (防災) works without a dictionary.
//!    The index also holds the bigrams of each run with short okurigana between kanji removed
//!    (買い物 → 買物), and the browser tries that form of the query as an alternative, so 買い物
//!    and 買物 find each other.
//! 5. A Latin run is a word; common English function words are dropped and the rest get a light
//!    stemmer (plural and -ing/-ed endings), so "volunteers" finds "volunteer".

use unicode_normalization::UnicodeNormalization;

/// Normalises text the way both index and query do (steps 1–2).
pub(crate) fn normalize(text: &str) -> String {
    // Most text is already NFKC; checking that is much cheaper than normalising.
    if unicode_normalization::is_nfkc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        return fold(text.chars().flat_map(char::to_lowercase));
    }
    fold(text.nfkc().flat_map(char::to_lowercase))
}

/// Katakana ァ..ヶ → hiragana ぁ..ゖ.
fn fold(chars: impl Iterator<Item = char>) -> String {
    chars
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{309F}' // hiragana
        | '\u{30A0}'..='\u{30FF}' // katakana (incl. ー)
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // kanji
        | '\u{3005}' | '\u{3006}' | '\u{3007}' // 々 〆 〇
    )
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphanumeric() && !is_japanese(c) && (c as u32) < 0x2E80)
}

const STOP_WORDS: [&str; 24] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of", "on", "or", "s",
    "that", "the", "their", "to", "was", "with",
];

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3005}')
}

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
/// index holds these and the okurigana-free bigrams ([`index_keys`]). search.js does this in
/// the browser; here it serves the tests and the fuzz targets, which check the two agree.
#[allow(dead_code, reason = "the browser's query tokenizer in Rust, for tests and fuzzing")]
pub(crate) fn tokens(text: &str, out: &mut Vec<String>) {
    // Both callbacks push to `out`; a cell lets them share it.
    let out = std::cell::RefCell::new(out);
    walk(text, |run| bigrams(run, &mut out.borrow_mut()), |word| out.borrow_mut().push(word));
}

/// A token packed in a `u64`, so the index can collect millions without allocating:
/// a Japanese bigram or single character is its characters' code points under a tag bit; an
/// English word is its 63-bit FNV hash, spelled out again through the dictionary the
/// tokenizer fills ([`Key::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key(pub u64);

const JA_TAG: u64 = 1 << 63;

impl Key {
    fn japanese(a: char, b: Option<char>) -> Key {
        let second = b.map_or(0, |c| c as u64 + 1);
        Key(JA_TAG | (a as u64) << 22 | second)
    }

    fn word(w: &str) -> Key {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Key(h & !JA_TAG)
    }

    /// The token as text: decoded for Japanese, looked up in `words` for English.
    pub(crate) fn text(self, words: &std::collections::HashMap<Key, String>) -> Option<String> {
        if self.0 & JA_TAG != 0 {
            let a = char::from_u32(((self.0 & !JA_TAG) >> 22) as u32)?;
            let second = (self.0 & ((1 << 22) - 1)) as u32;
            let mut s = a.to_string();
            if second > 0 {
                s.push(char::from_u32(second - 1)?);
            }
            Some(s)
        } else {
            words.get(&self).cloned()
        }
    }
}

/// Appends the index keys of `text` to `out`, recording the spelling of new words in `words`.
/// The tokens of [`tokens`] plus the okurigana-free bigrams, packed.
pub(crate) fn index_keys(text: &str, out: &mut Vec<Key>, words: &mut std::collections::HashMap<Key, String>) {
    let push_run = |run: &[char], out: &mut Vec<Key>| {
        if run.len() == 1 {
            out.push(Key::japanese(run[0], None));
        } else {
            out.extend(run.windows(2).map(|w| Key::japanese(w[0], Some(w[1]))));
        }
    };
    let out = std::cell::RefCell::new(out);
    walk(
        text,
        |run| {
            let mut out = out.borrow_mut();
            push_run(run, &mut out);
            let stripped = strip_okurigana(run);
            if stripped.len() != run.len() {
                push_run(&stripped, &mut out);
            }
        },
        |stemmed| {
            let key = Key::word(&stemmed);
            words.entry(key).or_insert(stemmed);
            out.borrow_mut().push(key);
        },
    );
}

/// Steps 1, 3 and 5: normalises `text`, then hands each Japanese run to `on_run` and each
/// Latin word that is not a stop word, stemmed, to `on_word`.
fn walk(text: &str, mut on_run: impl FnMut(&[char]), mut on_word: impl FnMut(String)) {
    let norm = normalize(text);
    let chars: Vec<char> = norm.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_japanese(c) {
            let start = i;
            while i < chars.len() && is_japanese(chars[i]) {
                i += 1;
            }
            on_run(&chars[start..i]);
        } else if is_word(c) {
            let start = i;
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if !STOP_WORDS.contains(&word.as_str()) {
                on_word(stem(&word));
            }
        } else {
            i += 1;
        }
    }
}

/// A light English stemmer: plural and -ing/-ed endings. Deliberately simple so that the
/// browser's copy is identical; it maps the forms residents type to one stem.
/// Plurals that no suffix rule makes singular, common in welfare plans (search.js has the same).
const IRREGULAR: [(&str, &str); 4] = [("children", "child"), ("people", "person"), ("women", "woman"), ("men", "man")];

pub(crate) fn stem(word: &str) -> String {
    let w = word;
    if let Some((_, singular)) = IRREGULAR.iter().find(|(plural, _)| *plural == w) {
        return singular.to_string();
    }
    if !w.is_ascii() || w.len() <= 3 || w.bytes().any(|b| b.is_ascii_digit()) {
        return w.to_string();
    }
    let undouble = |s: &str| -> String {
        let b = s.as_bytes();
        let n = b.len();
        if n >= 3 && b[n - 1] == b[n - 2] && !b"aeioulsz".contains(&b[n - 1]) {
            s[..n - 1].to_string()
        } else {
            s.to_string()
        }
    };
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{s}y");
    }
    if let Some(s) =
        w.strip_suffix("es").filter(|s| s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x') || s.ends_with("ss"))
    {
        return s.to_string();
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    if let Some(s) = w.strip_suffix("ing").filter(|s| s.len() >= 3 && s.bytes().any(|b| b"aeiouy".contains(&b))) {
        return undouble(s);
    }
    if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() >= 3 && s.bytes().any(|b| b"aeiouy".contains(&b))) {
        return undouble(s);
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokens(s, &mut v);
        v
    }

    #[test]
    fn japanese_runs_become_bigrams_with_kana_folded() {
        assert_eq!(toks("地域福祉"), ["地域", "域福", "福祉"]);
        assert_eq!(toks("ボランティア"), toks("ぼらんてぃあ"));
        assert_eq!(toks("ｻﾛﾝ"), toks("サロン"));
        assert_eq!(toks("区"), ["区"]);
    }

    #[test]
    fn latin_words_are_lowercased_stemmed_and_full_width_folded() {
        assert_eq!(toks("Volunteers shopping NPO"), ["volunteer", "shop", "npo"]);
        assert_eq!(toks("ＮＰＯ　２０２４"), ["npo", "2024"]);
        assert_eq!(toks("food bank for children"), ["food", "bank", "child"]);
        assert_eq!(stem("activities"), "activity");
        assert_eq!(stem("watches"), "watch");
        assert_eq!(stem("organised"), "organis");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("children"), stem("child"));
        assert_eq!(stem("people"), "person");
    }

    #[test]
    fn okurigana_variants_are_indexed() {
        assert_eq!(strip_okurigana(&"買い物支援".chars().collect::<Vec<_>>()).iter().collect::<String>(), "買物支援");
        assert_eq!(
            strip_okurigana(&"支え合いのまち".chars().collect::<Vec<_>>()).iter().collect::<String>(),
            "支合いのまち"
        );
        let (mut keys, mut words) = (Vec::new(), std::collections::HashMap::new());
        index_keys("買い物", &mut keys, &mut words);
        let spelled: Vec<String> = keys.iter().map(|k| k.text(&words).unwrap()).collect();
        assert_eq!(spelled, ["買い", "い物", "買物"]);
    }

    #[test]
    fn packed_keys_spell_the_same_tokens() {
        let text = "買い物支援 Volunteers と NPO";
        let plain = ["買い", "い物", "物支", "支援", "買物", "物支", "支援", "volunteer", "と", "npo"];
        let mut keys = Vec::new();
        let mut words = std::collections::HashMap::new();
        index_keys(text, &mut keys, &mut words);
        let spelled: Vec<String> = keys.iter().map(|k| k.text(&words).unwrap()).collect();
        assert_eq!(spelled, plain);
    }

    #[test]
    fn mixed_text_splits_into_both_kinds() {
        assert_eq!(toks("NPOと連携"), ["npo", "と連", "連携"]);
    }
}

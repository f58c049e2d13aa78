//! Folding of characters and words, shared by the tokenizer and the table of variants (and
//! implemented again in `themes/default/static/js/search.js`): NFKC and lower case, katakana
//! to hiragana, the classes of characters, and for Latin words: diacritics removed, British
//! spelling made American, a light stemmer.

use unicode_normalization::UnicodeNormalization;

/// FNV-1a over the UTF-8 bytes (the browser computes the same): which shard holds a token,
/// which file holds a group of variants.
pub(crate) fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Normalises text the way both index and query do (steps 1–2).
pub(crate) fn normalize(text: &str) -> String {
    normalized_chars(text).into_iter().collect()
}

/// One katakana ァ..ヶ as hiragana ぁ..ゖ; any other character as it is.
fn kana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// The characters of [`normalize`]`(text)`: NFKC, lower case, katakana as hiragana. The
/// tokenizer walks them as they are, without making the string (the index of N = 10,000
/// normalises some 100 MB of text).
pub(crate) fn normalized_chars(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if stays_in_nfkc(c) {
            // Kana, kanji and Japanese punctuation have no case (a test checks each).
            out.push(kana(c));
        } else {
            out.extend(c.to_lowercase().map(kana));
        }
    };
    // Most text is already NFKC; checking that is much cheaper than normalising, and most
    // characters of a Japanese plan are in ranges that need no table to tell. The quick check
    // of the others alone gives no false "yes": each character left out has combining class 0
    // and no mark to compose with (a mark that could is "maybe").
    let others = text.chars().filter(|c| !stays_in_nfkc(*c));
    if unicode_normalization::is_nfkc_quick(others) == unicode_normalization::IsNormalized::Yes {
        text.chars().for_each(&mut push);
    } else {
        text.nfkc().for_each(&mut push);
    }
    out
}

/// Whether `c` is one of the common characters that NFKC leaves as they are whatever stands
/// around them (no decomposition, combining class 0): ASCII, hiragana and katakana without
/// the sound marks, ー, the unified kanji, and the Japanese punctuation 、。「」『』 (the
/// tests check each range against the Unicode tables).
pub(crate) fn stays_in_nfkc(c: char) -> bool {
    matches!(c,
        '\0'..='\x7F'
        | '\u{3041}'..='\u{3096}' // hiragana
        | '\u{30A1}'..='\u{30FA}' // katakana
        | '\u{30FC}' // ー
        | '\u{4E00}'..='\u{9FFF}' // unified kanji
        | '\u{3001}' | '\u{3002}' | '\u{300C}'..='\u{300F}'
    )
}

/// Whether `c` is of a script written without spaces between words, or whose words change
/// their endings (Korean particles: 장소, 장소를), searched by character bigrams: kana, kanji
/// (Chinese too) and Hangul.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{309F}' // hiragana
        | '\u{30A0}'..='\u{30FF}' // katakana (incl. ー)
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // kanji
        | '\u{3005}' | '\u{3006}' | '\u{3007}' // 々 〆 〇
        | '\u{AC00}'..='\u{D7A3}' // Hangul syllables
        | '\u{3131}'..='\u{318E}' // Hangul letters (compatibility jamo; half-width ones after NFKC)
    )
}

pub(crate) fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphanumeric() && !is_cjk(c) && (c as u32) < 0x2E80)
}

/// Whether `c` is a Hangul syllable.
pub(crate) fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

pub(crate) fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3005}')
}

/// A word's characters without diacritics (café → cafe, Chūō → chuo) and with the letters that
/// have no decomposition spelled out (æ → ae, ß → ss).
pub(crate) fn unaccent(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    for c in chars.iter().copied() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match c {
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ß' => out.push_str("ss"),
            'đ' | 'ð' => out.push('d'),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            _ => out.extend(std::iter::once(c).nfd().filter(|d| !('\u{0300}'..='\u{036F}').contains(d))),
        }
    }
    out
}

/// A word as the index holds it: American spelling, then stemmed.
pub(crate) fn term(word: &str) -> String {
    stem(&americanize(word))
}

/// How an index takes its Latin words (both tokenizers, by its language; the search page tells
/// the browser, `data-latin`). In English, and in Japanese, Chinese and Korean, whose Latin
/// words are English words and names: English rules (stop words left out, American spelling,
/// a light stemmer, and completion and correction from the vocabulary). In another language
/// written in Latin letters (Vietnamese), as written: an English stop word or ending there is
/// a word of the language (tổ, an, the; thể, tuổi), so words are only folded (diacritics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum Latin {
    #[default]
    English,
    AsWritten,
}

impl Latin {
    /// The rules of the language tagged `tag`.
    pub(crate) fn of(tag: &str) -> Latin {
        let primary = crate::model::i18n::primary_language(tag);
        if ["en", "ja", "zh", "ko"].iter().any(|l| primary.eq_ignore_ascii_case(l)) {
            Latin::English
        } else {
            Latin::AsWritten
        }
    }

    /// The name search.js knows the rules by.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Latin::English => "english",
            Latin::AsWritten => "plain",
        }
    }

    /// A word (diacritics removed) as the index holds it.
    pub(crate) fn term(self, word: &str) -> String {
        match self {
            Latin::English => term(word),
            Latin::AsWritten => word.to_string(),
        }
    }
}

/// Whole words spelt differently in British and American English (search.js has the same).
const SPELLINGS: [(&str, &str); 18] = [
    ("ageing", "aging"),
    ("judgement", "judgment"),
    ("grey", "gray"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("pretence", "pretense"),
    ("enrolment", "enrollment"),
    ("fulfil", "fulfill"),
    ("skilful", "skillful"),
    ("whilst", "while"),
    ("amongst", "among"),
    ("learnt", "learned"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("kerb", "curb"),
    ("plough", "plow"),
];

/// British spelling → American, by whole word ([`SPELLINGS`]) and by ending: -our → -or
/// (neighbour), -ise/-isation → -ize/-ization (organise), -yse → -yze (analyse), -tre/-bre →
/// -ter/-ber (centre), -amme → -am (programme), -ogue → -og (catalogue), -elled/-elling/-ellor
/// → -eled… (travelled). Each rule needs a few letters before the ending, so short words
/// (tour, hour, rise) stay as they are; a rule that also changes a word that is not British
/// (exercise → exercize) is harmless, because queries are folded the same way.
pub(crate) fn americanize(word: &str) -> String {
    if let Some((_, us)) = SPELLINGS.iter().find(|(uk, _)| *uk == word) {
        return us.to_string();
    }
    if !word.is_ascii() {
        return word.to_string();
    }
    // (ending, inflections it may carry, replacement, letters needed before it)
    const RULES: [(&str, &[&str], &str, usize); 7] = [
        ("our", &["", "s", "ed", "ing", "er", "ers", "ite", "ites", "able", "hood", "hoods", "ful", "less"], "or", 3),
        ("is", &["e", "es", "ed", "ing", "ation", "ations", "er", "ers"], "iz", 3),
        ("ys", &["e", "es", "ed", "ing"], "yz", 2),
        ("tre", &["", "s"], "ter", 2),
        ("bre", &["", "s"], "ber", 2),
        ("amme", &["", "s"], "am", 3),
        ("ogue", &["", "s"], "og", 3),
    ];
    for (ending, inflections, replacement, before) in RULES {
        for inflection in inflections {
            if let Some(stem) = word.strip_suffix(inflection).and_then(|w| w.strip_suffix(ending)) {
                if stem.len() >= before {
                    return format!("{stem}{replacement}{inflection}");
                }
            }
        }
    }
    for inflection in ["ed", "ing", "or", "ors", "er", "ers"] {
        if let Some(stem) = word.strip_suffix(inflection).and_then(|w| w.strip_suffix("ell")) {
            if stem.len() >= 3 {
                return format!("{stem}el{inflection}");
            }
        }
    }
    word.to_string()
}

/// Plurals that no suffix rule makes singular, common in welfare plans (search.js has the same).
const IRREGULAR: [(&str, &str); 4] = [("children", "child"), ("people", "person"), ("women", "woman"), ("men", "man")];

/// A light English stemmer: plural and -ing/-ed endings. Deliberately simple so that the
/// browser's copy is identical; it maps the forms residents type to one stem.
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

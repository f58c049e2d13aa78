//! The tokenizer's rules, one test each; `tests/search-tokens.json` holds the cases the browser's
//! copy must pass too.

use super::*;
use crate::search::fold::{americanize, stem};

fn toks(s: &str) -> Vec<String> {
    let mut v = Vec::new();
    tokens(s, &mut v);
    v
}

/// The index keys of `text` with no variants, spelled out.
fn keys(text: &str) -> Vec<String> {
    let (mut keys, mut words) = (Vec::new(), Words::default());
    index_keys(text, &Variants::default(), &mut keys, &mut words);
    keys.iter().map(|k| k.text(&words).unwrap()).collect()
}

#[test]
fn japanese_runs_become_bigrams_with_kana_folded() {
    assert_eq!(toks("地域福祉"), ["地域", "域福", "福祉"]);
    assert_eq!(toks("ボランティア"), toks("ぼらんてぃあ"));
    assert_eq!(toks("ｻﾛﾝ"), toks("サロン"));
    assert_eq!(toks("区"), ["区"]);
}

// A word met again gives the keys it gave the first time (the tokenizer keeps them per word as
// written), stop words none.
#[test]
fn a_word_met_again_gives_the_keys_it_gave_first() {
    let once = keys("Volunteers café ＮＰＯ");
    assert_eq!(once, ["volunteer", "cafe", "npo"]);
    let again = keys("Volunteers café ＮＰＯ the Volunteers of café ＮＰＯ");
    assert_eq!(again, [&once[..], &once[..]].concat());
}

// The words' keys are remembered up to a bound, then forgotten and worked out again: the same
// keys, and every word still spelled for the vocabulary.
#[test]
fn the_words_remembered_are_bounded_and_give_the_same_keys_after() {
    let (mut first, mut words) = (Vec::new(), Words::default());
    index_keys("Volunteers café", &Variants::default(), &mut first, &mut words);
    // (Words of letters alone: a word of letters and digits gives its parts' keys as well.)
    let letters =
        |n: usize| format!("{n}").bytes().map(|d| char::from(b"bcdfghjkmp"[usize::from(d - b'0')])).collect::<String>();
    let many: String = (0..WORD_CACHE + 10).map(|n| format!("w{} ", letters(n))).collect();
    let mut out = Vec::new();
    index_keys(&many, &Variants::default(), &mut out, &mut words);
    assert_eq!(out.len(), WORD_CACHE + 10);
    assert!(words.keys.len() <= WORD_CACHE, "{}", words.keys.len());
    assert_eq!(words.spelled.len(), WORD_CACHE + 12);
    let mut again = Vec::new();
    index_keys("Volunteers café", &Variants::default(), &mut again, &mut words);
    assert_eq!(again, first);
}

// Letters and digits written together give their parts too, so FY 2024 and 2024 find FY2024;
// a word of letters or of digits alone gives itself only, and a part that is a stop word none.
#[test]
fn a_word_of_letters_and_digits_gives_its_parts_too() {
    assert_eq!(keys("FY2024 ＦＹ２０２５"), ["fy2024", "fy", "2024", "fy2025", "fy", "2025"]);
    assert_eq!(keys("R6 2nd"), ["r6", "r", "6", "2nd", "2", "nd"]);
    assert_eq!(keys("a1"), ["a1", "1"]);
    assert_eq!(keys("2024 FY"), ["2024", "fy"]);
    assert_eq!(keys("café3"), ["cafe3", "cafe", "3"]);
    // The browser's query tokens are unchanged: it tries the parts as another form.
    assert_eq!(toks("FY2024"), ["fy2024"]);
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

// Stop words are dropped from queries and text alike.
#[test]
fn stop_words_are_dropped() {
    assert_eq!(toks("the salon of the ward"), ["salon", "ward"]);
}

// Diacritics are removed from Latin words, and letters without a decomposition are spelled out.
#[test]
fn diacritics_are_folded() {
    assert_eq!(toks("Café"), ["cafe"]);
    assert_eq!(toks("Chūō-ku"), ["chuo", "ku"]);
    assert_eq!(toks("naïve rôle"), ["naive", "role"]);
    assert_eq!(toks("Straße"), ["strasse"]);
    assert_eq!(toks("Ærø"), ["aero"]);
    // Japanese voiced marks are not diacritics to remove.
    assert_eq!(toks("ガイド"), ["がい", "いど"]);
}

// Each British ending becomes the American one, inflected forms too; short words keep theirs.
#[test]
fn british_spellings_become_american() {
    let cases = [
        ("neighbour", "neighbor"),
        ("neighbours", "neighbors"),
        ("neighbourhood", "neighborhood"),
        ("colour", "color"),
        ("behaviour", "behavior"),
        ("favourite", "favorite"),
        ("labourers", "laborers"),
        ("organise", "organize"),
        ("organised", "organized"),
        ("organisation", "organization"),
        ("organisations", "organizations"),
        ("recognising", "recognizing"),
        ("analyse", "analyze"),
        ("centre", "center"),
        ("centres", "centers"),
        ("theatre", "theater"),
        ("fibre", "fiber"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("catalogue", "catalog"),
        ("dialogues", "dialogs"),
        ("travelled", "traveled"),
        ("travelling", "traveling"),
        ("counsellor", "counselor"),
        ("cancelled", "canceled"),
        ("ageing", "aging"),
        ("judgement", "judgment"),
        ("defence", "defense"),
        ("licence", "license"),
        ("grey", "gray"),
        ("enrolment", "enrollment"),
        ("whilst", "while"),
    ];
    for (uk, us) in cases {
        assert_eq!(americanize(uk), us, "{uk}");
        assert_eq!(term(uk), term(us), "{uk} and {us} are one term");
    }
    for same in ["tour", "hour", "four", "your", "rise", "wise", "acre", "genre", "rogue", "spelling", "called"] {
        assert_eq!(americanize(same), same, "{same}");
    }
}

// A kanji inside a longer run is also indexed alone, marked as inside a word; a one-kanji run
// is the standalone key; kana are never indexed alone.
#[test]
fn kanji_inside_words_are_indexed_alone() {
    let k = keys("中央区の見守り");
    assert!(k.contains(&"*区".to_string()) && k.contains(&"*中".to_string()), "{k:?}");
    assert!(!k.iter().any(|t| t == "*の" || t == "*り"), "{k:?}");
    assert_eq!(keys("区"), ["区"]);
}

#[test]
fn okurigana_variants_are_indexed() {
    assert_eq!(strip_okurigana(&"買い物支援".chars().collect::<Vec<_>>()).iter().collect::<String>(), "買物支援");
    assert_eq!(
        strip_okurigana(&"支え合いのまち".chars().collect::<Vec<_>>()).iter().collect::<String>(),
        "支合いのまち"
    );
    assert_eq!(keys("買い物"), ["買い", "い物", "*買", "*物", "買物"]);
}

#[test]
fn packed_keys_spell_the_same_tokens() {
    let text = "買い物支援 Volunteers と NPO";
    let plain =
        ["買い", "い物", "物支", "支援", "*買", "*物", "*支", "*援", "買物", "物支", "支援", "volunteer", "と", "npo"];
    assert_eq!(keys(text), plain);
}

#[test]
fn mixed_text_splits_into_both_kinds() {
    assert_eq!(toks("NPOと連携"), ["npo", "と連", "連携"]);
}

// The cases the browser's tokenizer is tested on (tests/search-tokens.json) hold here too.
#[test]
fn shared_token_cases_hold() {
    let cases: Vec<(String, Vec<String>)> =
        serde_json::from_str(include_str!("../../tests/search-tokens.json")).unwrap();
    assert!(cases.len() > 20);
    let failed: Vec<String> = cases
        .iter()
        .filter(|(text, want)| toks(text) != *want)
        .map(|(text, want)| format!("{text:?}: {:?}, expected {want:?}", toks(text)))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

// Normalising, as the tokenizer walks it: NFKC (full-width letters and digits, half-width
// katakana with their voicing marks), lower case (a letter that lowercases to two, Greek),
// katakana as hiragana (the long-vowel mark stays), accents and ß left to the word rules, and
// text that is already NFKC taken as it is.
#[test]
fn normalising_makes_nfkc_lower_case_hiragana() {
    use crate::search::fold::{normalize, normalized_chars};
    for (text, normal) in [
        ("ＡＢＣ１２３ ｶﾀｶﾅ ﾊﾞｽ", "abc123 かたかな ばす"),
        ("Café CHŪŌ İstanbul ΣΟΦΙΑ Straße", "café chūō i\u{307}stanbul σοφια straße"),
        ("コミュニティ・カフェ、サロン活動とボランティア", "こみゅにてぃ・かふぇ、さろん活動とぼらんてぃあ"),
        ("データー", "でーたー"),
        ("支え合いのまち千葉", "支え合いのまち千葉"),
        // A voicing mark joins the kana before it, which alone would need no change.
        ("か\u{3099}いこ\u{309A}", "がいこ\u{309A}"),
        ("（仮称）地域ケア会議", "(仮称)地域けあ会議"),
        ("", ""),
    ] {
        assert_eq!(normalize(text), normal, "{text}");
        assert_eq!(normalized_chars(text), normal.chars().collect::<Vec<_>>(), "{text}");
    }
}

// The characters the normaliser takes as they are without looking them up: each is its own
// NFKC, of combining class 0, and "yes" in the quick check, as the Unicode tables say; and each
// beyond ASCII is its own lower case (the normaliser does not look that up either).
#[test]
fn characters_taken_without_the_tables_are_nfkc_by_the_tables() {
    use crate::search::fold::stays_in_nfkc;
    use unicode_normalization::{char::canonical_combining_class, is_nfkc_quick, IsNormalized, UnicodeNormalization};
    let fast: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| stays_in_nfkc(*c)).collect();
    assert!(fast.len() > 20_000, "{}", fast.len());
    for c in fast {
        assert_eq!(std::iter::once(c).nfkc().collect::<String>(), c.to_string(), "{c:?}");
        assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        if !c.is_ascii() {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
    }
    assert!(!stays_in_nfkc('\u{3099}') && !stays_in_nfkc('（') && !stays_in_nfkc('ｶ') && !stays_in_nfkc('\u{F900}'));
}

// Korean is searched by pairs of syllables, and each syllable of a longer run is also indexed
// alone as inside a word, as a kanji is: 곳 (a place) is found in 곳을, the word with its particle.
#[test]
fn hangul_runs_are_bigrams_with_each_syllable_inside_a_word() {
    assert_eq!(toks("모임 장소를"), ["모임", "장소", "소를"]);
    assert_eq!(keys("곳을"), ["곳을", "*곳", "*을"]);
    assert_eq!(keys("区"), ["区"]);
}

// Korean words are written with a space between them, or without: the index also holds the
// pair of syllables across a single space, so 모임장소 finds 모임 장소. Not across other
// characters, nor for Japanese.
#[test]
fn hangul_words_are_joined_across_a_single_space() {
    let k = keys("모임 장소");
    assert!(k.contains(&"임장".to_string()), "{k:?}");
    assert!(!keys("모임  장소").contains(&"임장".to_string()));
    assert!(!keys("모임、장소").contains(&"임장".to_string()));
    assert!(!keys("見守り 活動").contains(&"り活".to_string()));
}

// An index of a language written in Latin letters other than English (Vietnamese) takes its
// words as written, diacritics folded: no stop words, no stemming (tests/search-tokens-plain.json,
// which the browser's tokenizer is tested on too). The other languages take English rules.
#[test]
fn plain_token_cases_hold() {
    let cases: Vec<(String, Vec<String>)> =
        serde_json::from_str(include_str!("../../tests/search-tokens-plain.json")).unwrap();
    for (text, want) in cases {
        let mut got = Vec::new();
        tokens_in(&text, Latin::AsWritten, &mut got);
        assert_eq!(got, want, "{text}");
    }
    for (tag, latin) in
        [("en", Latin::English), ("ja", Latin::English), ("zh-Hans", Latin::English), ("ko", Latin::English)]
            .into_iter()
            .chain([("vi", Latin::AsWritten), ("pt-BR", Latin::AsWritten)])
    {
        assert_eq!(Latin::of(tag), latin, "{tag}");
    }
}

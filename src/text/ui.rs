//! The theme's words for the interface ("Home", "Case studies", the rating labels…), by key,
//! in one language. `render::templates` loads them from the theme; render and search read them.

use std::collections::BTreeMap;

/// UI strings of one language: key → text.
pub(crate) type UiStrings = BTreeMap<String, String>;

/// The UI string `key`. A key the site's theme lacks was reported and filled (from the built-in
/// theme's text, or the primary language's) when the theme was loaded, so a miss here means
/// the built-in theme itself lacks a key the code uses: a bug that fails every test (debug
/// assertion) and shows as empty text in a release build.
pub(crate) fn ui<'a>(strings: &'a UiStrings, key: &str) -> &'a str {
    debug_assert!(
        strings.is_empty() || strings.contains_key(key),
        "UI string `{key}` is used by the code but missing from themes/default/i18n/"
    );
    strings.get(key).map_or("", String::as_str)
}

/// The label of the search filter's value for pages of `kind` in `lang` (a code), and the tag of
/// its language where it stands in for a missing translation: the label of areas is by default
/// the site's title of its list of areas (`{areas_title}`), a text of the content, which may be
/// shown in another language; where the label is just that text, it is in that text's language.
pub(crate) fn kind_label<'a>(
    strings: &'a UiStrings,
    config: &'a crate::model::Config,
    lang: &str,
    kind: crate::text::record::Kind,
) -> (&'a str, Option<&'a str>) {
    let label = ui(strings, &format!("kind_{}", kind.key()));
    if kind != crate::text::record::Kind::Area {
        return (label, None);
    }
    let title = config.areas_title.get(lang);
    (label, (label == title.text && title.fallback).then_some(title.lang))
}

/// The words a site sets outside `words:` that strings may name: its areas' title and term,
/// also with the first letter in lower or upper case (for inside a sentence, or a heading).
pub(crate) const SITE_WORDS: [&str; 4] = ["areas_title", "areas_title_lower", "area_term", "area_term_title"];

/// The [`SITE_WORDS`] of `config` in `lang`.
pub(crate) fn site_words(config: &crate::model::Config, lang: &str) -> BTreeMap<String, String> {
    let first = |text: &str, upper: bool| {
        let mut chars = text.chars();
        let head: String = match chars.next() {
            Some(c) if upper => c.to_uppercase().collect(),
            Some(c) => c.to_lowercase().collect(),
            None => String::new(),
        };
        head + chars.as_str()
    };
    let (title, term) = (config.areas_title.get(lang).text, config.area_term.get(lang).text);
    let values = [title.to_string(), first(title, false), term.to_string(), first(term, true)];
    SITE_WORDS.iter().map(|k| k.to_string()).zip(values).collect()
}

/// Fills the `{key}` placeholders of every string with the string of that key (or of `extra`,
/// words the site sets elsewhere, such as `areas_title`), so a site that names its themes
/// "goals" once has every label and sentence that mentions them say so. A placeholder naming
/// no word is left as it is; words are not filled into one another (one level).
pub(crate) fn fill_placeholders(strings: &mut UiStrings, extra: &BTreeMap<String, String>) {
    let words: BTreeMap<String, String> = extra
        .iter()
        .chain(strings.iter())
        .filter(|(_, v)| !v.contains('{'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for value in strings.values_mut().filter(|v| v.contains('{')) {
        let mut out = String::with_capacity(value.len());
        let mut rest = value.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}').map(|close| (&after[..close], close)) {
                Some((key, close)) if words.contains_key(key) => {
                    out.push_str(&words[key]);
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        *value = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_the_words_and_unknown_ones_stay() {
        let mut s: UiStrings = [("themes", "基本目標"), ("all", "{themes}の一覧"), ("odd", "{nope} {areas}")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let extra = [("areas".to_string(), "支所地区".to_string())].into_iter().collect();
        fill_placeholders(&mut s, &extra);
        assert_eq!(s["all"], "基本目標の一覧");
        assert_eq!(s["odd"], "{nope} 支所地区");
    }

    // Every placeholder in the built-in theme's strings names a word, once the site's own
    // words (areas_title…) are added.
    #[test]
    fn built_in_strings_have_no_placeholder_left() {
        for (path, bytes) in crate::source::embedded::DEFAULT_THEME.iter().filter(|(p, _)| p.starts_with("i18n/")) {
            let mut s: UiStrings = crate::content::yaml::parse(path, std::str::from_utf8(bytes).unwrap()).unwrap();
            // `{date}` is filled when a page is rendered (the band of a scheduled page).
            let extra = SITE_WORDS.iter().chain(&["date", "format", "size"]).map(|k| (k.to_string(), "x".to_string()));
            fill_placeholders(&mut s, &extra.collect());
            for (k, v) in &s {
                assert!(!v.contains('{'), "{path}: `{k}` keeps a placeholder: {v}");
            }
        }
    }

    // Every language the theme ships (ja, en, easy, zh-Hans, ko, vi) has every UI string of
    // Japanese, the theme's original, and no other: no label of another language falls back.
    #[test]
    fn every_shipped_language_has_every_ui_string() {
        let parse = |path: &str, bytes: &[u8]| -> UiStrings {
            crate::content::yaml::parse(path, std::str::from_utf8(bytes).unwrap()).unwrap()
        };
        let files: Vec<(&str, UiStrings)> = crate::source::embedded::DEFAULT_THEME
            .iter()
            .filter(|(p, _)| p.starts_with("i18n/"))
            .map(|(p, bytes)| (*p, parse(p, bytes)))
            .collect();
        let names: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
        for lang in ["ja", "en", "easy", "zh-Hans", "ko", "vi"] {
            assert!(names.contains(&format!("i18n/{lang}.yaml").as_str()), "no i18n/{lang}.yaml in {names:?}");
        }
        let ja = &files.iter().find(|(p, _)| *p == "i18n/ja.yaml").unwrap().1;
        for (path, strings) in &files {
            let missing: Vec<&String> = ja.keys().filter(|k| !strings.contains_key(*k)).collect();
            let extra: Vec<&String> = strings.keys().filter(|k| !ja.contains_key(*k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{path}: missing {missing:?}, not in ja.yaml {extra:?}");
        }
    }

    // docs/words.md lists every word a site can set, with its defaults.
    #[test]
    fn docs_list_every_word() {
        let doc = include_str!("../../docs/words.md");
        for (path, bytes) in crate::source::embedded::DEFAULT_THEME.iter().filter(|(p, _)| p.starts_with("i18n/")) {
            let s: UiStrings = crate::content::yaml::parse(path, std::str::from_utf8(bytes).unwrap()).unwrap();
            for key in s.keys() {
                assert!(doc.contains(&format!("| `{key}` |")), "docs/words.md does not list `{key}`");
            }
        }
    }
}

//! Languages and texts in several languages.

use std::collections::BTreeMap;

/// A language the site is published in, from `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Language {
    /// BCP 47 code as used in URLs and `lang` attributes: `ja`, `en`.
    pub code: String,
    /// The language's own name, shown in the switcher: 日本語, English.
    pub name: String,
    /// OpenGraph locale: `ja_JP`, `en_US`.
    pub locale: String,
}

/// A text with a value for the primary language and optionally others.
///
/// Built only by `resolve`, which guarantees the primary language is present.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Text {
    /// The text by language, as read where ruby cannot be shown (names without readings).
    values: BTreeMap<String, String>,
    /// The HTML (escaped, with `<ruby>`) of the languages whose text has readings.
    ruby: BTreeMap<String, String>,
    primary: String,
}

/// A text as shown on a page in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Shown<'a> {
    pub text: &'a str,
    /// The language `text` is in: the page's, or the primary one when a translation is missing.
    pub lang: &'a str,
    /// True when the page's language was missing and the primary text stands in for it.
    pub fallback: bool,
    /// `text` as HTML with its readings (`<ruby>`), when it has any (see `model::ruby`).
    pub ruby: Option<&'a str>,
}

impl Text {
    /// Only `resolve` builds texts; it has checked that `primary` is present.
    #[cfg(test)]
    pub(crate) fn new(values: BTreeMap<String, String>, primary: &str) -> Text {
        Text::read(values, primary, &super::ruby::Readings::default())
    }

    /// Only `resolve` builds texts; it has checked that `primary` is present. The values may
    /// have readings: `{犢橋|こてはし}` forms, and the names of the
    /// site's list of readings.
    pub(crate) fn read(values: BTreeMap<String, String>, primary: &str, readings: &super::ruby::Readings) -> Text {
        let mut ruby = BTreeMap::new();
        let values = values
            .into_iter()
            .map(|(lang, v)| match super::ruby::html(&v, readings) {
                Some(html) => {
                    let plain = super::ruby::plain(&v);
                    ruby.insert(lang.clone(), html);
                    (lang, plain)
                }
                None => (lang, v),
            })
            .collect();
        Text { values, ruby, primary: primary.to_string() }
    }

    /// The text in `lang`, or the primary text standing in for it.
    pub(crate) fn get<'a>(&'a self, lang: &str) -> Shown<'a> {
        match self.values.get_key_value(lang) {
            Some((l, t)) => Shown { text: t, lang: l, fallback: false, ruby: self.ruby.get(l).map(String::as_str) },
            None => Shown {
                text: self.values.get(&self.primary).map_or("", String::as_str),
                lang: &self.primary,
                fallback: true,
                ruby: self.ruby.get(&self.primary).map(String::as_str),
            },
        }
    }

    /// The primary-language text.
    pub(crate) fn primary(&self) -> &str {
        self.get(&self.primary).text
    }

    pub(crate) fn has(&self, lang: &str) -> bool {
        self.values.contains_key(lang)
    }
}

/// A Markdown body per language (possibly none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Markdown {
    /// Source text by language code.
    pub by_lang: BTreeMap<String, Source>,
}

/// The source of one Markdown body: the body file as the content stage read it (one type
/// for both stages).
pub(crate) use crate::content::Body as Source;

impl Markdown {
    /// The body for `lang`, falling back to the primary language: (language used, source).
    pub(crate) fn get<'a>(&'a self, lang: &str, primary: &str) -> Option<(&'a str, &'a Source)> {
        self.by_lang
            .get_key_value(lang)
            .or_else(|| self.by_lang.get_key_value(primary))
            .map(|(l, src)| (l.as_str(), src))
    }
}

/// The OpenGraph locale for a language code when `site.yaml` does not give one.
pub(crate) fn default_locale(code: &str) -> String {
    match code {
        "ja" => "ja_JP".into(),
        "en" => "en_US".into(),
        "ko" => "ko_KR".into(),
        "zh" | "zh-Hans" => "zh_CN".into(),
        "zh-Hant" => "zh_TW".into(),
        other => other.replace('-', "_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_translation_falls_back_to_primary_and_says_so() {
        let t = Text::new([("ja".to_string(), "見守り".to_string())].into(), "ja");
        assert_eq!(t.get("en"), Shown { text: "見守り", lang: "ja", fallback: true, ruby: None });
        assert_eq!(t.get("ja"), Shown { text: "見守り", lang: "ja", fallback: false, ruby: None });
    }
}

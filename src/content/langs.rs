//! A text's values by language, as read: `{ja: …, en: …}` in a YAML file, or a table's columns
//! (`item`, `item_en`).
//!
//! Packed: each language's code and value one after the other in one string, and where each
//! ends. A text is then two allocations, not five (a list of entries, and a code and a value
//! each): at N = 100,000 some 530,000 texts of case studies and progress items are held as
//! parsed until the model is made, and their entries, codes and values were some 150 MB of the
//! parse's peak.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// Whether `code` is a language code a site may give its languages in `site.yaml`: ASCII letters,
/// digits and hyphens (`ja`, `en`, `zh-hans`, and a site's own, `easy` for やさしい日本語).
pub(crate) fn is_site_code(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Where one language's code and value end in [`Packed::all`]; the code starts where the value
/// before it ends. `UNNAMED` set in `code`: the value of the site's primary language, in a
/// column that does not name it (its code is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct End {
    code: u32,
    value: u32,
}

const UNNAMED: u32 = 1 << 31;

/// The language of a value: named as written (`en`, `item_en`), or the site's primary language
/// where a table's column does not name it (`item`, `取組項目`), which only the model knows.
/// The unnamed sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum TextLang<'a> {
    /// The site's primary language, whatever its code.
    Primary,
    /// A language code as written.
    Named(&'a str),
}

/// Values by language, sorted by language, one value per language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Packed {
    all: Box<str>,
    ends: Box<[End]>,
}

impl Packed {
    /// The entries given, sorted by language; of two values for one language, the later.
    fn new<S: AsRef<str>>(entries: Vec<(TextLang<'_>, S)>) -> Packed {
        let kept = crate::content::small_map(entries);
        let size =
            kept.iter().map(|(l, v)| v.as_ref().len() + if let TextLang::Named(c) = l { c.len() } else { 0 }).sum();
        let mut all = String::with_capacity(size);
        let mut ends = Vec::with_capacity(kept.len());
        // (A text of 2 GB is not something a site can have: its file is refused long before.)
        let end = |all: &String| u32::try_from(all.len()).unwrap_or(UNNAMED - 1).min(UNNAMED - 1);
        for (lang, value) in kept.iter() {
            let code = match lang {
                TextLang::Primary => end(&all) | UNNAMED,
                TextLang::Named(c) => {
                    all.push_str(c);
                    end(&all)
                }
            };
            all.push_str(value.as_ref());
            ends.push(End { code, value: end(&all) });
        }
        Packed { all: all.into_boxed_str(), ends: ends.into_boxed_slice() }
    }

    fn iter(&self) -> impl ExactSizeIterator<Item = (TextLang<'_>, &str)> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |e| {
            let part = |from: u32, to: u32| self.all.get(from as usize..to as usize).unwrap_or("");
            let code = e.code & !UNNAMED;
            let lang = if e.code & UNNAMED != 0 { TextLang::Primary } else { TextLang::Named(part(start, code)) };
            let value = part(code, e.value);
            start = e.value;
            (lang, value)
        })
    }

    fn get(&self, lang: TextLang<'_>) -> Option<&str> {
        self.iter().find(|(l, _)| *l == lang).map(|(_, v)| v)
    }
}

/// A text's values by language as a YAML file names them (`{ja: …, en: …}`), sorted by
/// language. Read as a map, so a mistake in it is reported as in any map.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Langs(Packed);

impl Langs {
    /// The languages and their values, sorted by language.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.0.iter().map(|(l, v)| match l {
            TextLang::Named(code) => (code, v),
            // (Not made so: only a table's text has an unnamed language.)
            TextLang::Primary => ("", v),
        })
    }

    /// The value in `lang`.
    pub(crate) fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(TextLang::Named(lang))
    }

    /// The values, in the order of their languages.
    pub(crate) fn values(&self) -> impl Iterator<Item = &str> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// The same values as a table's text, without a copy.
    pub(crate) fn into_table_text(self) -> TableText {
        TableText(self.0)
    }
}

impl<S: AsRef<str>> FromIterator<(S, S)> for Langs {
    fn from_iter<I: IntoIterator<Item = (S, S)>>(values: I) -> Langs {
        let entries: Vec<(S, S)> = values.into_iter().collect();
        Langs(Packed::new(entries.iter().map(|(l, v)| (TextLang::Named(l.as_ref()), v.as_ref())).collect()))
    }
}

impl Serialize for Langs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Langs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Langs, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Langs;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Langs, A::Error> {
                let mut entries: Vec<(String, String)> = Vec::with_capacity(map.size_hint().unwrap_or(2).min(16));
                while let Some(entry) = map.next_entry::<String, String>()? {
                    entries.push(entry);
                }
                Ok(entries.into_iter().collect())
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// A progress table's text by language: a YAML file's `{ja: …, en: …}`, or a sheet's columns,
/// of which the one that does not name its language (`item`) is the site's primary language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct TableText(Packed);

impl TableText {
    /// The values given, sorted by language; of two values for one language, the later.
    pub(crate) fn new<S: AsRef<str>>(entries: Vec<(TextLang<'_>, S)>) -> TableText {
        TableText(Packed::new(entries))
    }

    /// The languages and their values, the unnamed first, then by code.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (TextLang<'_>, &str)> + '_ {
        self.0.iter()
    }

    pub(crate) fn get(&self, lang: TextLang<'_>) -> Option<&str> {
        self.0.get(lang)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_values_read_back_sorted_with_the_later_of_two() {
        let langs: Langs =
            [("ja", "日本語"), ("en", "first"), ("easy", "やさしい"), ("en", "second")].into_iter().collect();
        assert_eq!(langs.iter().collect::<Vec<_>>(), [("easy", "やさしい"), ("en", "second"), ("ja", "日本語")]);
        assert_eq!(langs.get("en"), Some("second"));
        assert_eq!(langs.get("e"), None);
        assert_eq!(langs.iter().len(), 3);
        let empty: Langs = std::iter::empty::<(&str, &str)>().collect();
        assert_eq!(empty.iter().len(), 0);
        // An empty value, and an empty code, are values like any other.
        let odd: Langs = [("", "x"), ("ja", "")].into_iter().collect();
        assert_eq!(odd.iter().collect::<Vec<_>>(), [("", "x"), ("ja", "")]);
        assert_eq!(odd.get("ja"), Some(""));
    }

    #[test]
    fn a_tables_unnamed_value_is_not_a_named_one() {
        let t = TableText::new(vec![
            (TextLang::Named("en"), "English"),
            (TextLang::Named(""), "named, empty"),
            (TextLang::Primary, "主"),
        ]);
        assert_eq!(
            t.iter().collect::<Vec<_>>(),
            [(TextLang::Primary, "主"), (TextLang::Named(""), "named, empty"), (TextLang::Named("en"), "English")]
        );
        assert_eq!(t.get(TextLang::Primary), Some("主"));
        assert_eq!(t.get(TextLang::Named("")), Some("named, empty"));
        let from_yaml = [("ja", "主"), ("en", "E")].into_iter().collect::<Langs>().into_table_text();
        assert_eq!(from_yaml.get(TextLang::Primary), None);
        assert_eq!(from_yaml.get(TextLang::Named("ja")), Some("主"));
    }

    #[test]
    fn langs_read_and_write_as_a_map() {
        let langs: Langs = crate::content::yaml::parse("t.yaml", "{ja: 二, en: one}").unwrap_or_default();
        assert_eq!(langs.get("ja"), Some("二"));
        // A language given twice is the editor's mistake, reported where it is.
        let twice = crate::content::yaml::parse::<Langs>("t.yaml", "{ja: 一, en: one, ja: 二}").unwrap_err();
        assert_eq!((twice.code, twice.location.line, twice.location.column), (crate::diag::Code::DuplicateKey, 1, 18));
        let back = serde_json::to_string(&langs).unwrap();
        assert_eq!(back, r#"{"en":"one","ja":"二"}"#);
        let err = crate::content::yaml::parse::<Langs>("t.yaml", "[a, b]").unwrap_err();
        assert_eq!(err.location.file, "t.yaml");
    }
}

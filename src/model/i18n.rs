//! Languages and texts in several languages.
//!
//! A language has a code (the key of texts, the file suffix of bodies, the folder of its pages:
//! `ja`, `en`, `easy`), a BCP 47 tag for `lang` and `hreflang` (`ja`, `en`, `ja` for
//! やさしい日本語, `zh-Hans`), and a fallback chain: the languages whose text stands in for a
//! missing one, in order, the primary language last ([`Chains`]).

use litemap::LiteMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A language the site is published in, from `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Language {
    /// The code used in URLs, as the key of texts and as the suffix of bodies: `ja`, `en`, `easy`.
    pub code: String,
    /// The BCP 47 tag of `lang` and `hreflang` attributes: `ja`, `en`, `zh-Hans` (the code when
    /// `site.yaml` gives none).
    pub tag: String,
    /// The language's own name, shown in the switcher: 日本語, English.
    pub name: String,
    /// OpenGraph locale: `ja_JP`, `en_US`.
    pub locale: String,
    /// The codes whose text stands in for a missing one, in order; the primary language last
    /// (none for the primary language itself).
    pub fallback: Vec<String>,
    /// Translated page by page on purpose (やさしい日本語 for a few pages): what it lacks is not
    /// reported as a missing translation.
    pub partial: bool,
}

/// The fallback chain of every language of a site, shared by all its texts: for each code, the
/// languages tried in order as (code, tag), itself first and the primary language last.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Chains {
    primary: (String, String),
    by_code: BTreeMap<String, Vec<(String, String)>>,
}

impl Chains {
    /// The chains of `languages` (the first is the primary one).
    pub(crate) fn new(languages: &[Language]) -> Chains {
        let tag = |code: &str| languages.iter().find(|l| l.code == code).map_or(code, |l| l.tag.as_str()).to_string();
        let primary = languages.first().map(|l| (l.code.clone(), l.tag.clone())).unwrap_or_default();
        let by_code = languages
            .iter()
            .map(|l| {
                let mut chain = vec![(l.code.clone(), l.tag.clone())];
                for code in l.fallback.iter().chain(std::iter::once(&primary.0)) {
                    if !chain.iter().any(|(c, _)| c == code) {
                        chain.push((code.clone(), tag(code)));
                    }
                }
                (l.code.clone(), chain)
            })
            .collect();
        Chains { primary, by_code }
    }

    /// Chains of a site with the primary language `primary` alone (tests).
    #[cfg(test)]
    pub(crate) fn primary_only(primary: &str) -> Chains {
        Chains { primary: (primary.to_string(), primary.to_string()), by_code: BTreeMap::new() }
    }

    /// The languages tried for `lang` as (code, tag), `lang` first and the primary one last. For
    /// a code the site does not have (no text has it), the primary language alone.
    pub(crate) fn chain(&self, lang: &str) -> impl Iterator<Item = (&str, &str)> + '_ {
        let chain = self.by_code.get(lang).map_or(std::slice::from_ref(&self.primary), Vec::as_slice);
        chain.iter().map(|(c, t)| (c.as_str(), t.as_str()))
    }

    /// The BCP 47 tag of the language `code` (the code itself if the site has no such language).
    pub(crate) fn tag<'s>(&'s self, code: &'s str) -> &'s str {
        self.by_code.get(code).and_then(|c| c.first()).map_or(code, |(_, tag)| tag.as_str())
    }

    /// The primary language's code.
    pub(crate) fn primary(&self) -> &str {
        &self.primary.0
    }
}

/// A text with a value for the primary language and optionally others.
///
/// Built only by `resolve`, which guarantees the primary language is present. Two texts are
/// equal (and hash alike) when their values are: the chains are the site's, the same for all.
#[derive(Debug, Clone)]
pub(crate) struct Text {
    /// The value of each language that has one, in the order of the languages' codes, one after
    /// the other in one string: the code, the text as read where ruby cannot be shown (names
    /// without readings), then the HTML (escaped, with `<ruby>`) when the text has readings.
    /// One string and one list of where each part ends, not a list of values each with
    /// strings of its own (two allocations for a text of two languages, not five): every title,
    /// summary and point of every case study and progress item is a text (the live heap's peak
    /// at N = 10,000 fell 1.8 MB).
    all: Box<str>,
    ends: EndsList,
    chains: Arc<Chains>,
}

/// Where each language's parts end in a text's string: in the text itself for a text of one or
/// two languages under 64 KB (nearly every text), else in a list of their own. A list for every
/// text was one allocation more for each of some 530,000 texts at N = 100,000 (12.7 MB of the
/// live heap, held from the resolve to the end).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum EndsList {
    /// `n` languages' ends (`code`, `text`, `ruby`), the first `n` of `ends`.
    Few {
        n: u8,
        ends: [[u16; 3]; 2],
    },
    Many(Box<Box<[Ends]>>),
}

impl EndsList {
    fn of(ends: Vec<Ends>) -> EndsList {
        let short = |e: &Ends| -> Option<[u16; 3]> {
            Some([u16::try_from(e.code).ok()?, u16::try_from(e.text).ok()?, u16::try_from(e.ruby).ok()?])
        };
        let few = match ends.as_slice() {
            [] => Some((0, [[0; 3]; 2])),
            [a] => short(a).map(|a| (1, [a, [0; 3]])),
            [a, b] => short(a).zip(short(b)).map(|(a, b)| (2, [a, b])),
            _ => None,
        };
        match few {
            Some((n, ends)) => EndsList::Few { n, ends },
            None => EndsList::Many(Box::new(ends.into_boxed_slice())),
        }
    }

    fn iter(&self) -> impl Iterator<Item = Ends> + '_ {
        let (few, many): (&[[u16; 3]], &[Ends]) = match self {
            EndsList::Few { n, ends } => (ends.get(..usize::from(*n)).unwrap_or_default(), &[]),
            EndsList::Many(ends) => (&[], ends),
        };
        let few =
            few.iter().map(|&[code, text, ruby]| Ends { code: code.into(), text: text.into(), ruby: ruby.into() });
        few.chain(many.iter().copied())
    }
}

/// Where the parts of one language's value end in [`Text::all`] (the code starts where the
/// value before it ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Ends {
    code: u32,
    text: u32,
    /// Where the HTML with readings ends: at `text` where there is none.
    ruby: u32,
}

/// One language's value of a text.
struct Value<'t> {
    lang: &'t str,
    text: &'t str,
    ruby: Option<&'t str>,
}

// Two texts are equal (and hash alike) when their values are: the chains are the site's, the
// same for all.
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.all == other.all && self.ends == other.ends && self.chains.primary == other.chains.primary
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.all.hash(state);
        self.ends.hash(state);
        self.chains.primary.hash(state);
    }
}

/// A text as shown on a page in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Shown<'a> {
    pub text: &'a str,
    /// The BCP 47 tag of the language `text` is in: the page's, or that of the language of its
    /// fallback chain that stands in for a missing translation.
    pub lang: &'a str,
    /// True when the page's language was missing and another language's text stands in for it.
    pub fallback: bool,
    /// `text` as HTML with its readings (`<ruby>`), when it has any (see `model::ruby`).
    pub ruby: Option<&'a str>,
}

impl Text {
    /// Only `resolve` builds texts; it has checked that `primary` is present.
    #[cfg(test)]
    pub(crate) fn new(values: BTreeMap<String, String>, primary: &str) -> Text {
        Text::read(values, &Arc::new(Chains::primary_only(primary)), &super::ruby::Readings::default())
    }

    /// Only `resolve` builds texts; it has checked that the primary language is present. The
    /// values may have readings: `{犢橋|こてはし}` forms, and the names of the site's list of
    /// readings.
    pub(crate) fn read(
        values: BTreeMap<String, String>,
        chains: &Arc<Chains>,
        readings: &super::ruby::Readings,
    ) -> Text {
        let mut all = String::new();
        let mut ends = Vec::with_capacity(values.len());
        // (A text of 4 GB is not something a site can have: its file is refused long before.)
        let end = |all: &String| u32::try_from(all.len()).unwrap_or(u32::MAX);
        for (lang, v) in &values {
            all.push_str(lang);
            let code = end(&all);
            match super::ruby::html(v, readings, || script_of(chains.tag(lang))) {
                Some(html) => {
                    all.push_str(&super::ruby::plain(v));
                    let text = end(&all);
                    all.push_str(&html);
                    ends.push(Ends { code, text, ruby: end(&all) });
                }
                None => {
                    all.push_str(v);
                    let text = end(&all);
                    ends.push(Ends { code, text, ruby: text });
                }
            }
        }
        Text { all: all.into(), ends: EndsList::of(ends), chains: Arc::clone(chains) }
    }

    /// The values of every language, in the order of their codes.
    fn values(&self) -> impl Iterator<Item = Value<'_>> {
        let mut start = 0;
        self.ends.iter().map(move |e| {
            let part = |from: u32, to: u32| self.all.get(from as usize..to as usize).unwrap_or("");
            let value = Value {
                lang: part(start, e.code),
                text: part(e.code, e.text),
                ruby: (e.ruby > e.text).then(|| part(e.text, e.ruby)),
            };
            start = e.ruby;
            value
        })
    }

    /// The text of the language `code`, if it has one.
    fn value(&self, code: &str) -> Option<Value<'_>> {
        self.values().find(|v| v.lang == code)
    }

    /// The text in `lang` (a code), or the text of the first language of its fallback chain
    /// that has one, marked as standing in.
    pub(crate) fn get(&self, lang: &str) -> Shown<'_> {
        for (code, tag) in self.chains.chain(lang) {
            if let Some(v) = self.value(code) {
                return Shown { text: v.text, lang: tag, fallback: code != lang, ruby: v.ruby };
            }
        }
        Shown { text: "", lang: &self.chains.primary.1, fallback: false, ruby: None }
    }

    /// The primary-language text.
    pub(crate) fn primary(&self) -> &str {
        self.value(&self.chains.primary.0).map_or("", |v| v.text)
    }

    pub(crate) fn has(&self, lang: &str) -> bool {
        self.value(lang).is_some()
    }
}

/// A Markdown body per language (possibly none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Markdown {
    /// Source text by language code: a sorted list (one or two bodies), not a tree's node of
    /// some 900 bytes for each item.
    /// The codes are the parse's, shared by every body of a language.
    pub by_lang: LiteMap<Arc<str>, Source>,
}

/// The source of one Markdown body: the body file as the content stage read it (one type
/// for both stages).
pub(crate) use crate::content::Body as Source;

/// A body as shown in one language: its source, the tag of the language it is in, and whether
/// it stands in for a missing translation.
pub(crate) struct BodyIn<'a> {
    pub source: &'a Source,
    pub tag: &'a str,
    pub fallback: bool,
}

impl Markdown {
    /// The body for `lang`, else the first of its fallback chain's.
    pub(crate) fn get<'a>(&'a self, lang: &str, chains: &'a Chains) -> Option<BodyIn<'a>> {
        chains
            .chain(lang)
            .find_map(|(code, tag)| self.by_lang.get(code).map(|source| BodyIn { source, tag, fallback: code != lang }))
    }
}

/// The primary language subtag of a BCP 47 tag, as written (`ja` of `ja-JP`, `zh` of
/// `zh-Hans`; `_` is taken for `-`).
pub(crate) fn primary_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or_default()
}

/// How the language `tag` stands to Japanese script (see [`super::ruby::Script`]): Japanese
/// for `ja`, `ja-JP`… (やさしい日本語 is `ja` too).
pub(crate) fn script_of(tag: &str) -> super::ruby::Script {
    use super::ruby::Script;
    match primary_language(tag).to_ascii_lowercase().as_str() {
        "ja" => Script::Japanese,
        "zh" | "yue" | "cmn" | "lzh" => Script::Han,
        _ => Script::Other,
    }
}

/// The languages a page in `lang` names as its alternates (`hreflang`, in its head and in the
/// sitemap): of those it has content of its own in (`has`), the first of each tag (やさしい日本語
/// is `ja` as Japanese is). A page whose language is not among them names none: each page of a
/// set must name the others.
pub(crate) fn alternates<'l>(
    languages: &'l [Language],
    lang: &str,
    has: impl Fn(&Language) -> bool,
) -> Vec<&'l Language> {
    let mut first: Vec<&Language> = Vec::new();
    for l in languages.iter().filter(|l| has(l)) {
        if !first.iter().any(|f| f.tag == l.tag) {
            first.push(l);
        }
    }
    if !first.iter().any(|l| l.code == lang) {
        first.clear();
    }
    first
}

/// The OpenGraph locale for a language tag when `site.yaml` does not give one.
pub(crate) fn default_locale(tag: &str) -> String {
    match tag {
        "ja" => "ja_JP".into(),
        "en" => "en_US".into(),
        "ko" => "ko_KR".into(),
        "vi" => "vi_VN".into(),
        "zh" | "zh-Hans" => "zh_CN".into(),
        "zh-Hant" => "zh_TW".into(),
        other => other.replace('-', "_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // One alternate per tag, the first language of each; a page of a language outside them (a
    // second language of a tag, or one the page has nothing in) names none.
    #[test]
    fn alternates_are_the_first_language_of_each_tag_named_by_each_of_them() {
        let languages = [lang("ja", "ja", &[]), lang("en", "en", &[]), lang("easy", "ja", &["ja"])];
        let codes = |v: Vec<&Language>| v.iter().map(|l| l.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(alternates(&languages, "ja", |_| true)), ["ja", "en"]);
        assert_eq!(codes(alternates(&languages, "en", |_| true)), ["ja", "en"]);
        assert!(alternates(&languages, "easy", |_| true).is_empty());
        assert!(alternates(&languages, "en", |l| l.code != "en").is_empty());
        assert_eq!(codes(alternates(&languages, "ja", |l| l.code != "en")), ["ja"]);
    }

    #[test]
    fn a_tag_is_japanese_by_its_primary_language() {
        use crate::model::ruby::Script;
        for tag in ["ja", "ja-JP", "JA", "ja_JP"] {
            assert_eq!(script_of(tag), Script::Japanese, "{tag}");
        }
        for tag in ["en", "jam", "j", "vi"] {
            assert_eq!(script_of(tag), Script::Other, "{tag}");
        }
        assert_eq!(script_of("zh-Hans"), Script::Han);
        assert_eq!(primary_language("zh-Hans"), "zh");
    }

    fn lang(code: &str, tag: &str, fallback: &[&str]) -> Language {
        Language {
            code: code.into(),
            tag: tag.into(),
            name: code.into(),
            locale: default_locale(tag),
            fallback: fallback.iter().map(|s| s.to_string()).collect(),
            partial: false,
        }
    }

    fn text(chains: &Arc<Chains>, values: &[(&str, &str)]) -> Text {
        let values = values.iter().map(|(l, v)| (l.to_string(), v.to_string())).collect();
        Text::read(values, chains, &crate::model::ruby::Readings::default())
    }

    /// ja (primary), en, easy (やさしい日本語: Japanese, falls back to ja), zh (zh-Hans), and a
    /// Korean page that tries English before Japanese.
    fn site() -> Arc<Chains> {
        Arc::new(Chains::new(&[
            lang("ja", "ja", &[]),
            lang("en", "en", &[]),
            lang("easy", "ja", &["ja"]),
            lang("zh", "zh-Hans", &[]),
            lang("ko", "ko", &["en"]),
        ]))
    }

    // A text's values read back the same whether the ends of its parts are kept in it (one or
    // two languages, under 64 KB) or in a list of their own (more languages, or longer), and
    // the first takes no more room than a list's pointer.
    #[test]
    fn values_read_back_however_their_ends_are_kept() {
        let chains = site();
        let long = "見".repeat(30_000);
        for values in [
            vec![("ja", "見守り")],
            vec![("ja", "見守り"), ("en", "Watching over")],
            vec![("ja", "見守り"), ("en", "Watching over"), ("zh", "守望")],
            vec![("ja", long.as_str()), ("en", "Watching over")],
        ] {
            let t = text(&chains, &values);
            let few = matches!(t.ends, EndsList::Few { .. });
            assert_eq!(few, values.len() <= 2 && values[0].1.len() < 65_536);
            for (lang, value) in &values {
                assert_eq!(t.get(lang).text, *value);
            }
            assert_eq!(t.primary(), values[0].1);
        }
        assert_eq!(std::mem::size_of::<EndsList>(), 16);
    }

    #[test]
    fn missing_translation_falls_back_to_primary_and_says_so() {
        let t = Text::new([("ja".to_string(), "見守り".to_string())].into(), "ja");
        assert_eq!(t.get("en"), Shown { text: "見守り", lang: "ja", fallback: true, ruby: None });
        assert_eq!(t.get("ja"), Shown { text: "見守り", lang: "ja", fallback: false, ruby: None });
    }

    // Each language's own text is shown with its tag, not its code (zh → zh-Hans, easy → ja).
    #[test]
    fn own_text_is_marked_with_the_languages_tag() {
        let chains = site();
        let t = text(&chains, &[("ja", "見守り"), ("zh", "守望"), ("easy", "みまもり")]);
        assert_eq!(t.get("zh"), Shown { text: "守望", lang: "zh-Hans", fallback: false, ruby: None });
        assert_eq!(t.get("easy"), Shown { text: "みまもり", lang: "ja", fallback: false, ruby: None });
    }

    // A missing text is taken from the chain in order: easy → ja; zh → ja (the lang switches to
    // ja); ko → en before ja; the primary language last.
    #[test]
    fn fallback_walks_the_chain_in_order_and_gives_the_shown_languages_tag() {
        let chains = site();
        let ja_only = text(&chains, &[("ja", "見守り")]);
        assert_eq!(ja_only.get("easy"), Shown { text: "見守り", lang: "ja", fallback: true, ruby: None });
        assert_eq!(ja_only.get("zh"), Shown { text: "見守り", lang: "ja", fallback: true, ruby: None });
        assert_eq!(ja_only.get("ko"), Shown { text: "見守り", lang: "ja", fallback: true, ruby: None });
        let with_en = text(&chains, &[("ja", "見守り"), ("en", "Watching over")]);
        assert_eq!(with_en.get("ko"), Shown { text: "Watching over", lang: "en", fallback: true, ruby: None });
        assert_eq!(with_en.get("zh").lang, "ja", "zh does not try English");
    }

    // Each language's text, and its readings where it has any, come back whole and apart from
    // the others' (they are kept in one string); texts are equal only when every value is.
    #[test]
    fn every_languages_value_and_readings_come_back_apart() {
        let chains = site();
        let t = text(&chains, &[("ja", "{犢橋|こてはし}の見守り"), ("en", "Kotehashi"), ("zh", "犢橋")]);
        let ja = t.get("ja");
        assert_eq!((ja.text, ja.lang, ja.fallback), ("犢橋の見守り", "ja", false));
        let ruby = ja.ruby.expect("readings");
        assert!(ruby.contains("<ruby>犢橋<rp>") && ruby.contains("こてはし") && ruby.ends_with("の見守り"), "{ruby}");
        assert_eq!(t.get("en"), Shown { text: "Kotehashi", lang: "en", fallback: false, ruby: None });
        assert_eq!(t.get("zh"), Shown { text: "犢橋", lang: "zh-Hans", fallback: false, ruby: None });
        assert_eq!(t.primary(), "犢橋の見守り");
        assert!(t.has("zh") && !t.has("ko") && !t.has("j") && !t.has("e"));
        let empty = text(&chains, &[("ja", ""), ("en", "x")]);
        assert_eq!(empty.get("ja").text, "");
        assert_eq!(empty.get("en").text, "x");
        let (a, b) = (text(&chains, &[("ja", "ab"), ("en", "c")]), text(&chains, &[("ja", "a"), ("en", "bc")]));
        assert_ne!(a, b);
        assert_eq!(a, text(&chains, &[("ja", "ab"), ("en", "c")]));
    }

    #[test]
    fn chains_end_with_the_primary_language_once() {
        let chains = site();
        let codes = |l: &'static str| chains.chain(l).map(|(c, _)| c.to_string()).collect::<Vec<_>>();
        assert_eq!(codes("ja"), ["ja"]);
        assert_eq!(codes("easy"), ["easy", "ja"]);
        assert_eq!(codes("ko"), ["ko", "en", "ja"]);
        assert_eq!(codes("xx"), ["ja"]);
        assert_eq!(chains.tag("zh"), "zh-Hans");
    }

    // A body follows the same chain, and says which language it is in.
    #[test]
    fn bodies_follow_the_chain() {
        let chains = site();
        let body = |lang: &str| crate::content::Body::new(&format!("content/plan.{lang}.md"), "text".into());
        let md =
            Markdown { by_lang: [(Arc::from("ja"), body("ja")), (Arc::from("en"), body("en"))].into_iter().collect() };
        let got = md.get("ko", &chains).unwrap();
        assert_eq!((got.tag, got.fallback, &*got.source.file), ("en", true, "content/plan.en.md"));
        let got = md.get("zh", &chains).unwrap();
        assert_eq!((got.tag, got.fallback), ("ja", true));
        assert!(!md.get("en", &chains).unwrap().fallback);
    }
}

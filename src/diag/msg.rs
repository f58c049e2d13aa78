//! Messages in the editor's language: a message is a key of the catalogues
//! (`locales/en.ftl`, `locales/ja.ftl`, Fluent syntax) and its named arguments, rendered late
//! in either language. A diagnostic keeps its message as such a value, so the terminal shows
//! it in the editor's language and the preview's overlay in the page's.
//!
//! Keys are written as literals at the call (`msg!("unknown-field", field = name)`), so a test
//! can find every key used in the source and check both catalogues have it.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt;
use std::sync::LazyLock;

/// The English catalogue.
pub const EN_FTL: &str = include_str!("../../locales/en.ftl");
/// The Japanese catalogue.
pub const JA_FTL: &str = include_str!("../../locales/ja.ftl");

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English: the default when no Japanese locale is chosen.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// The language a code or locale names: `ja`, `ja_JP.UTF-8`, `ja-JP` → Japanese; `en`,
    /// `en_GB.UTF-8` → English; anything else (`C`, `POSIX`, `fr_FR`, empty) → `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        let primary = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match primary {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The editor's language: `flag` (`--lang`) if given, else `PLANSITE_LANG`, else the
    /// system locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first one set decides;
    /// Japanese if it starts with `ja`), else English. `var` reads an environment variable.
    pub fn choose(flag: Option<Lang>, var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(lang) = var("PLANSITE_LANG").as_deref().and_then(Lang::from_code) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().filter_map(&var).find(|v| !v.is_empty());
        match locale.as_deref().map(Lang::from_code) {
            Some(Some(Lang::Ja)) => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// The editor's language from `flag` and this process's environment (see [`Lang::choose`]).
    pub fn from_env(flag: Option<Lang>) -> Lang {
        Lang::choose(flag, |name| std::env::var(name).ok())
    }

    /// The language code: `en` or `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        match s.trim() {
            "en" => Ok(Lang::En),
            "ja" => Ok(Lang::Ja),
            other => Err(format!("`{other}` is not a language of plansite's messages: write `ja` or `en`")),
        }
    }
}

/// An argument of a message: a text, or a whole number (which plural forms can follow).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text shown as it is (a field name, a path, a value).
    Text(String),
    /// A whole number.
    Number(i64),
    /// A word the site gives in each language of the messages (its own word for an area, a
    /// theme, a district), shown in the message's language; `none` where the site gives none,
    /// which the catalogue then words its own way (`{ $area_word -> [none] 区域 *[other] … }`).
    Word {
        /// The English word, or `none`.
        en: String,
        /// The Japanese word, or `none`.
        ja: String,
    },
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<&&str> for Arg {
    fn from(s: &&str) -> Arg {
        Arg::Text((*s).to_string())
    }
}

impl From<Box<str>> for Arg {
    fn from(s: Box<str>) -> Arg {
        Arg::Text(s.into())
    }
}

/// A message: a catalogue key and its arguments, rendered in a language with [`Msg::render`].
/// The empty message (`Msg::none()`) renders as nothing in every language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A message of the catalogues: `msg!("key")` or `msg!("key", name = value, …)`, each value a
/// text or a whole number.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::diag::Msg::new($key)$(.arg(stringify!($name), $value))*
    };
}
/// Within the crate, [`msg!`] is named where it is made (`crate::diag::msg`), not at the crate's
/// root where `#[macro_export]` also puts it (for the command line and the tests): each stage
/// that words a message then depends on `diag`, below it, not on the crate's root above.
pub(crate) use msg;

impl Msg {
    /// The message of `key`, without arguments yet. Prefer [`msg!`], whose key a test checks.
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// No message (an absent hint).
    pub fn none() -> Msg {
        Msg::default()
    }

    /// A text that is the same in every language (a parser's or the system's own words).
    pub fn verbatim(text: impl Into<String>) -> Msg {
        Msg::new("verbatim").arg("text", text.into())
    }

    /// The same message with the argument `name` set to `value`.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// Whether this is the empty message.
    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }

    /// The catalogue key.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The value of the argument `name`, if given.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The message in `lang`. A key missing from the catalogue (a test keeps that from
    /// happening) shows as the key and its arguments rather than nothing.
    pub fn render(&self, lang: Lang) -> String {
        if self.key.is_empty() {
            return String::new();
        }
        let bundle = bundle(lang);
        let Some(pattern) = bundle.get_message(self.key).and_then(|m| m.value()) else {
            return self.fallback();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                // (Values come from the user's files and names: shown, not acted on; a line break
                // in one could forge a line of output. Our own text of several lines is not
                // given as a value: see `error_line`.)
                Arg::Text(s) => args.set(*name, FluentValue::from(super::printable::printable(s).into_owned())),
                Arg::Word { en, ja } => {
                    let word = match lang {
                        Lang::En => en,
                        Lang::Ja => ja,
                    };
                    args.set(*name, FluentValue::from(super::printable::printable(word).into_owned()))
                }
                // Fluent's numbers are f64: a whole number up to 2^53 is exact.
                Arg::Number(n) => args.set(*name, FluentValue::from(*n as f64)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if errors.is_empty() {
            text.into_owned()
        } else {
            self.fallback()
        }
    }

    /// The message in English (the language of tests and of `Display`).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    fn fallback(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|(n, v)| match v {
                Arg::Text(s) => format!("{n}={s}"),
                Arg::Number(x) => format!("{n}={x}"),
                Arg::Word { en, ja } => format!("{n}={en}/{ja}"),
            })
            .collect();
        format!("{} ({})", self.key, args.join(", "))
    }
}

/// English.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The catalogue of `lang`, parsed once (immutable after that).
fn bundle(lang: Lang) -> &'static Bundle {
    static EN: LazyLock<Bundle> = LazyLock::new(|| make_bundle(Lang::En));
    static JA: LazyLock<Bundle> = LazyLock::new(|| make_bundle(Lang::Ja));
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

fn make_bundle(lang: Lang) -> Bundle {
    let (source, id) = match lang {
        Lang::En => (EN_FTL, unic_langid::langid!("en")),
        Lang::Ja => (JA_FTL, unic_langid::langid!("ja")),
    };
    // A catalogue with a syntax error keeps its good entries; a test requires none.
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: terminals and tests show them as noise.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// Every message key of a catalogue, in order, and the parse errors (as text), if any.
pub fn catalogue_keys(source: &str) -> (Vec<String>, Vec<String>) {
    use fluent_syntax::ast::Entry;
    let (resource, errors) = match fluent_syntax::parser::parse(source) {
        Ok(r) => (r, Vec::new()),
        Err((r, e)) => (r, e.iter().map(|e| format!("{e:?}")).collect()),
    };
    let keys = resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    (keys, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_chooses_japanese_and_the_flag_overrides_it() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::choose(None, env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(Lang::choose(Some(Lang::En), env(&[("LANG", "ja_JP.UTF-8")])), Lang::En);
        assert_eq!(Lang::choose(None, env(&[("LANG", "ja_JP.UTF-8"), ("PLANSITE_LANG", "en")])), Lang::En);
        assert_eq!(Lang::choose(None, env(&[("LANG", "en_US.UTF-8"), ("PLANSITE_LANG", "ja")])), Lang::Ja);
        // LC_ALL outranks LANG; an empty one is skipped.
        assert_eq!(Lang::choose(None, env(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")])), Lang::En);
        assert_eq!(Lang::choose(None, env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(Lang::choose(None, env(&[("LC_MESSAGES", "ja_JP"), ("LANG", "C")])), Lang::Ja);
        assert_eq!(Lang::choose(None, env(&[])), Lang::En);
    }

    #[test]
    fn a_message_renders_in_both_languages_without_isolation_marks() {
        let m = crate::diag::msg!("unknown-field", field = "titel");
        assert_eq!(m.render(Lang::En), "unknown field `titel`");
        assert_eq!(m.render(Lang::Ja), "`titel` という項目はありません");
        assert!(!m.render(Lang::Ja).contains('\u{2068}'));
        assert_eq!(Msg::none().render(Lang::Ja), "");
    }

    #[test]
    fn a_missing_key_shows_the_key_and_its_arguments() {
        assert_eq!(Msg::new("no-such-key").arg("n", 3u32).en(), "no-such-key (n=3)");
    }
}

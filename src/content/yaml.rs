//! YAML text → a raw type, with errors turned into diagnostics at the file's line and column and
//! a hint in the editor's words.

use crate::diag::{suggest, Code, Diagnostic, Location};
use serde::de::DeserializeOwned;
use serde_saphyr::{Location as YamlLocation, Spanned};

/// Parses `text` (the content of `file`) into `T`, with the default limits.
pub(crate) fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    parse_with(file, text, &super::limits::Limits::default())
}

/// Parses `text` (the content of `file`) into `T` within `limits` (nesting depth, aliases).
pub(crate) fn parse_with<T: DeserializeOwned>(
    file: &str,
    text: &str,
    limits: &super::limits::Limits,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, super::limits::yaml_options(limits)).map_err(|err| {
        let d = to_diagnostic(file, &err);
        if d.message.to_lowercase().contains("budget") || d.message.to_lowercase().contains("limit") {
            let (depth, aliases) = (limits.yaml_depth, limits.yaml_aliases);
            Diagnostic { code: Code::LimitExceeded, ..d }.with_hint(format!(
                "this file nests lists and maps more than {depth} deep or uses `*alias` more than {aliases} times; simplify it, or raise `limits: {{yaml_depth: …, yaml_aliases: …}}` in content/site.yaml"
            ))
        } else {
            d
        }
    })
}

/// The location of a spanned value in `file`.
pub(crate) fn loc<T>(file: &str, spanned: &Spanned<T>) -> Location {
    at(file, spanned.referenced)
}

/// A serde-saphyr location in `file` as our [`Location`].
pub(crate) fn at(file: &str, l: YamlLocation) -> Location {
    Location::at(file, l.line(), l.column())
}

fn to_diagnostic(file: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let location = err.location().map_or_else(|| Location::file(file), |l| at(file, l));
    let mut options = serde_saphyr::RenderOptions::new(&serde_saphyr::UserMessageFormatter);
    options.snippets = serde_saphyr::SnippetMode::Off;
    let raw = err.without_snippet().render_with_options(options);
    let message = strip_position(raw.lines().next().unwrap_or("invalid YAML").trim()).to_string();
    let (code, hint) = explain(&message);
    Diagnostic::error(code, location, message).with_hint(hint)
}

/// Drops a trailing " at line L column C" that the parser adds: the location is shown separately.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => message[..i].trim_end_matches(','),
        None => message,
    }
}

/// A stable code and a hint of what to write, from the parser's message.
fn explain(message: &str) -> (Code, String) {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail
            .split("expected one of ")
            .nth(1)
            .map(|list| list.split(", ").map(|f| f.trim().trim_matches('`')).filter(|f| !f.is_empty()).collect())
            .unwrap_or_default();
        let hint = match suggest(field, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Fields allowed here: {}", expected.join(", ")),
            None if expected.is_empty() => "remove this field; see docs/content.md for the fields of this file".into(),
            None => format!("remove it or use one of: {}", expected.join(", ")),
        };
        return (Code::UnknownField, hint);
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let field = rest.split('`').next().unwrap_or("");
        return (Code::MissingField, format!("add `{field}:` to this entry; see docs/content.md for what it holds"));
    }
    if message.starts_with("duplicate mapping key") {
        return (Code::DuplicateKey, "a field may appear only once in an entry; delete or rename one of them".into());
    }
    let wrong_type_hint = if message.contains("expected string") {
        Some("write plain text here; put it in quotes if it contains `: ` or starts with a symbol")
    } else if message.contains("expected mapping") || message.contains("expected a map") {
        Some("write fields here as `name: value`; texts are maps of languages, e.g. `title: {ja: 見守り, en: Watching over}`")
    } else if message.contains("expected sequence") || message.contains("expected a sequence") {
        Some("write a list here: `[a, b]` or one `- item` per line")
    } else if message.starts_with("invalid u") || message.starts_with("invalid i") || message.contains("digit") {
        Some("write a whole number in half-width digits, e.g. `3`")
    } else if message.contains("invalid type") || message.contains("invalid value") {
        Some("this value has the wrong form; see docs/content.md for what this field holds")
    } else {
        None
    };
    if let Some(hint) = wrong_type_hint {
        return (Code::WrongType, hint.into());
    }
    (Code::YamlSyntax,
        "check the indentation (spaces, not tabs) and quote text that contains `: ` or starts with `{`, `[`, `*`, `&`, `!`, `|`, `>` or `#`".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        number: u32,
    }

    #[test]
    fn unknown_field_gets_its_position_and_a_suggestion() {
        let d = parse::<T>("content/x.yaml", "title: a\nnumber: 1\ntitel: b\n").unwrap_err();
        assert_eq!(d.code, "unknown-field");
        assert_eq!((d.location.line, d.location.column), (3, 1));
        assert!(d.hint.contains("did you mean `title`"), "{}", d.hint);
    }

    #[test]
    fn missing_field_names_the_field() {
        let d = parse::<T>("content/x.yaml", "title: a\n").unwrap_err();
        assert_eq!(d.code, "missing-field");
        assert!(d.message.contains("number"), "{}", d.message);
    }

    #[test]
    fn syntax_error_has_a_line() {
        let d = parse::<T>("content/x.yaml", "title: a\n  number: [1\n").unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
        assert!(d.location.line >= 2, "{d}");
    }

    #[test]
    fn wrong_type_is_explained() {
        let d = parse::<T>("content/x.yaml", "title: a\nnumber: many\n").unwrap_err();
        assert_eq!(d.code, "wrong-type");
        assert_eq!(d.location.line, 2);
    }
}

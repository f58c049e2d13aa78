//! YAML text → a raw type, with errors turned into diagnostics at the file's line and column and
//! a hint in the editor's words.

use crate::diag::{suggest, Code, Diagnostic, Location, Msg};
use crate::msg;
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
        let raw = d.message.en().to_lowercase();
        if raw.contains("budget") || raw.contains("limit") {
            let (depth, aliases) = (limits.yaml_depth, limits.yaml_aliases);
            Diagnostic { code: Code::LimitExceeded, ..d }.with_hint(msg!(
                "yaml-limit-hint",
                depth = depth,
                aliases = aliases
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
    let (code, message, hint) = explain(&message);
    Diagnostic::error(code, location, message).with_hint(hint)
}

/// Drops a trailing " at line L column C" that the parser adds: the location is shown separately.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => message[..i].trim_end_matches(','),
        None => message,
    }
}

/// A stable code, the message and a hint of what to write, from the parser's message (the
/// English message is the parser's own; the others are said in the editor's words).
fn explain(message: &str) -> (Code, Msg, Msg) {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail
            .split("expected one of ")
            .nth(1)
            .map(|list| list.split(", ").map(|f| f.trim().trim_matches('`')).filter(|f| !f.is_empty()).collect())
            .unwrap_or_default();
        let hint = match suggest(field, expected.iter().copied()) {
            Some(s) => msg!("unknown-field-hint-nearest", nearest = s, fields = expected.join(", ")),
            None if expected.is_empty() => msg!("unknown-field-hint-remove"),
            None => msg!("unknown-field-hint-list", fields = expected.join(", ")),
        };
        return (Code::UnknownField, msg!("yaml-unknown-field", detail = message, field = field), hint);
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let field = rest.split('`').next().unwrap_or("");
        return (
            Code::MissingField,
            msg!("yaml-missing-field", detail = message, field = field),
            msg!("missing-field-hint", field = field),
        );
    }
    if message.starts_with("duplicate mapping key") {
        return (Code::DuplicateKey, msg!("yaml-duplicate-key", detail = message), msg!("duplicate-key-hint"));
    }
    let wrong_type_hint = if message.contains("expected string") {
        Some(msg!("wrong-type-hint-text"))
    } else if message.contains("expected mapping") || message.contains("expected a map") {
        Some(msg!("wrong-type-hint-map"))
    } else if message.contains("expected sequence") || message.contains("expected a sequence") {
        Some(msg!("wrong-type-hint-list"))
    } else if message.starts_with("invalid u") || message.starts_with("invalid i") || message.contains("digit") {
        Some(msg!("wrong-type-hint-number"))
    } else if message.contains("invalid type") || message.contains("invalid value") {
        Some(msg!("wrong-type-hint-form"))
    } else {
        None
    };
    if let Some(hint) = wrong_type_hint {
        return (Code::WrongType, msg!("yaml-wrong-type", detail = message), hint);
    }
    (Code::YamlSyntax, msg!("yaml-syntax", detail = message), msg!("yaml-syntax-hint"))
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
        assert!(d.hint.en().contains("did you mean `title`"), "{}", d.hint);
    }

    #[test]
    fn missing_field_names_the_field() {
        let d = parse::<T>("content/x.yaml", "title: a\n").unwrap_err();
        assert_eq!(d.code, "missing-field");
        assert!(d.message.en().contains("number"), "{}", d.message);
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

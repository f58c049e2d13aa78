//! YAML text → a raw type, with errors turned into diagnostics at the file's line and column and
//! a hint in the editor's words.

use crate::diag::msg;
use crate::diag::{suggest, Code, Diagnostic, Location, Msg};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::Cell;

/// A value with the place in its file where it was written: what the raw types keep of the
/// values later checks point at (references, dates, numbers). Read from YAML through
/// serde-saphyr's `Spanned`. Written out, it is its value alone (the translation report walks
/// the fields so), except inside [`with_places`], where it is `[value, line, column]`: the
/// form in which the parsed files are kept between builds (`content::stored`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Spanned<T> {
    pub value: T,
    /// Where the value was written.
    pub referenced: Pos,
}

/// A line and column (both from 1) in a YAML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Pos {
    pub line: u64,
    pub column: u64,
}

thread_local! {
    /// Whether [`Spanned`] values are written and read with their places (see [`with_places`]).
    static WITH_PLACES: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every [`Spanned`] value written and read with its place, on this thread.
pub(crate) fn with_places<R>(f: impl FnOnce() -> R) -> R {
    let before = WITH_PLACES.replace(true);
    let out = f();
    WITH_PLACES.set(before);
    out
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if WITH_PLACES.get() {
            (&self.value, self.referenced.line, self.referenced.column).serialize(serializer)
        } else {
            self.value.serialize(serializer)
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if WITH_PLACES.get() {
            let (value, line, column) = <(T, u64, u64)>::deserialize(deserializer)?;
            return Ok(Spanned { value, referenced: Pos { line, column } });
        }
        let read = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let referenced = Pos { line: read.referenced.line(), column: read.referenced.column() };
        Ok(Spanned { value: read.value, referenced })
    }
}

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
        if let Some(d) = likely_slip(file, text, &d) {
            return d;
        }
        let raw = d.message.en().to_lowercase();
        // (Not an unknown field's message, whose list of fields may name `limits`.)
        if d.code != Code::UnknownField && (raw.contains("budget") || raw.contains("limit")) {
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

/// How many more unknown fields of one file [`more_unknown_fields`] looks for.
const MORE_UNKNOWN: usize = 20;

/// The unknown fields of `text` after `first` (the error its parse gave): the parser stops at
/// the first, so an editor who wrote `activites:` and `venu:` heard only of the first, and of the
/// second after fixing it. The file is parsed again with that field's lines blanked (line
/// numbers kept), and so on while the next problem is an unknown field too. Only where a file
/// did not parse.
pub(crate) fn more_unknown_fields<T: DeserializeOwned>(
    file: &str,
    text: &str,
    first: &Diagnostic,
    limits: &super::limits::Limits,
) -> Vec<Diagnostic> {
    if first.code != Code::UnknownField {
        return Vec::new();
    }
    let mut lines: Vec<&str> = text.lines().collect();
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut at = first.location.line;
    for _ in 0..MORE_UNKNOWN {
        if !blank_field(&mut lines, at) {
            break;
        }
        match parse_with::<T>(file, &lines.join("\n"), limits) {
            Err(d) if d.code == Code::UnknownField && d.location.line > at => {
                at = d.location.line;
                found.push(d);
            }
            _ => break,
        }
    }
    found
}

/// Blanks line `line` (from 1) of `lines` and the lines after it indented more deeply (the
/// field's value), keeping every line's number. `false` where there is no such line.
fn blank_field(lines: &mut [&str], line: u64) -> bool {
    let Some(i) = (line as usize).checked_sub(1).filter(|i| *i < lines.len()) else { return false };
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let own = indent(lines[i]);
    lines[i] = "";
    for l in lines[i + 1..].iter_mut() {
        if !l.trim().is_empty() && indent(l) <= own {
            break;
        }
        *l = "";
    }
    true
}

/// A slip of the keyboard that office staff make in YAML, found on the line the parser stopped
/// at or the lines either side of it, said in their words at its place: a full-width space
/// (全角スペース) as indentation or after a colon, a full-width colon after a field's name, a
/// field's name without its colon, a value in typographic quotes (“…”, as Word writes them).
/// The parser's own message names what it met, not what was typed (`expected mapping start`).
/// Looked for only where the file did not parse as YAML or gave a value of the wrong form (an
/// unknown or missing field is the parser's own good message), never in the text of a block
/// (`ja: |`), where any of these is text. `line`: where the parser stopped (0: unknown).
fn likely_slip(file: &str, text: &str, d: &Diagnostic) -> Option<Diagnostic> {
    let line = d.location.line as usize;
    if line == 0 || !(d.code == Code::YamlSyntax || d.code == Code::WrongType) {
        return None;
    }
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut block: Option<usize> = None;
    let mut found = None;
    // (The parser often stops at the field whose value holds the slip, a line before it.)
    for (n, raw) in text.lines().enumerate().take(line + 1) {
        if let Some(at) = block {
            if raw.trim().is_empty() || indent(raw) > at {
                continue;
            }
            block = None;
        }
        let value = raw.split_once(": ").map_or("", |(_, v)| v.trim());
        if value.starts_with(['|', '>']) && value[1..].chars().all(|c| matches!(c, '-' | '+' | '0'..='9')) {
            block = Some(indent(raw));
        }
        if n + 2 < line {
            continue;
        }
        // (Typographic quotes only on the line itself: they are text elsewhere.)
        if let Some(slip) = slip_in(raw).filter(|(_, m, _)| n + 1 == line || m.key() != "yaml-smart-quotes") {
            found = Some((n + 1, slip));
        }
    }
    let (n, (column, message, hint)) = found?;
    Some(Diagnostic::error(Code::YamlSyntax, Location::at(file, n as u64, column as u64), message).with_hint(hint))
}

/// The slip on one line, if any: (column in characters, message, hint).
fn slip_in(line: &str) -> Option<(usize, Msg, Msg)> {
    let column = |byte: usize| line[..byte].chars().count() + 1;
    let indent = line.len() - line.trim_start_matches([' ', '\u{3000}']).len();
    if let Some(at) = line[..indent].find('\u{3000}') {
        return Some((column(at), msg!("yaml-fullwidth-space"), msg!("yaml-fullwidth-space-hint")));
    }
    let rest = &line[indent..];
    if rest.starts_with('#') || rest.is_empty() {
        return None;
    }
    // A field's name: ASCII letters, digits, `_` (after a list's `- `).
    let item = rest.strip_prefix("- ").map_or(0, |_| 2);
    let body = &rest[item..];
    let name_len = body.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    if name_len == 0 {
        return None;
    }
    let (name, after) = body.split_at(name_len);
    let at = indent + item + name_len;
    if after.starts_with('：') {
        return Some((
            column(at),
            msg!("yaml-fullwidth-colon", key = name),
            msg!("yaml-fullwidth-colon-hint", key = name),
        ));
    }
    if let Some(value) = after.strip_prefix(':') {
        if value.starts_with('\u{3000}') {
            return Some((column(at + 1), msg!("yaml-fullwidth-space"), msg!("yaml-fullwidth-space-hint")));
        }
        let value = value.trim_start_matches(' ');
        if value.starts_with(['“', '‘', '”']) {
            let at = line.len() - value.len();
            return Some((column(at), msg!("yaml-smart-quotes"), msg!("yaml-smart-quotes-hint")));
        }
        return None;
    }
    // `area kita`: a name, a space and a value, but no colon anywhere.
    if after.starts_with([' ', '\u{3000}']) && !after.trim().is_empty() && !line.contains([':', '：']) {
        return Some((column(at), msg!("yaml-missing-colon", key = name), msg!("yaml-missing-colon-hint", key = name)));
    }
    None
}

/// The location of a spanned value in `file`.
pub(crate) fn loc<T>(file: &str, spanned: &Spanned<T>) -> Location {
    Location::at(file, spanned.referenced.line, spanned.referenced.column)
}

fn to_diagnostic(file: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let location = err.location().map_or_else(|| Location::file(file), |l| Location::at(file, l.line(), l.column()));
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

    // The slips office staff make are said as what was typed, where it was typed.
    #[test]
    fn keyboard_slips_are_named_where_they_are() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Case {
            title: std::collections::BTreeMap<String, String>,
            area: Option<String>,
            order: Option<u32>,
        }
        for (text, at, says) in [
            ("title:\n\u{3000}\u{3000}ja: 北町\n", (2, 1), "full-width space"),
            ("title: {ja: a}\norder:\u{3000}3\n", (2, 7), "full-width space"),
            ("title: {ja: a}\narea：kita\n", (2, 5), "full-width colon"),
            ("title: {ja: a}\narea kita\n", (2, 5), "no `:`"),
            ("title:\n  en: “Kitamachi: a salon”\n", (2, 7), "typographic quotes"),
        ] {
            let d = parse::<Case>("content/cases/x.yaml", text).unwrap_err();
            assert_eq!(d.code, "yaml-syntax", "{text:?}: {}", d.message);
            assert_eq!((d.location.line, d.location.column), at, "{text:?}: {}", d.message);
            assert!(d.message.en().contains(says), "{text:?}: {}", d.message);
        }
        // Typographic quotes in a file that parses are text, as written.
        assert!(parse::<Case>("x.yaml", "title:\n  ja: “北町”\n").is_ok());
        // Nor is a line of a block's text, or a value in quotes, taken for a slip where the file
        // fails for another reason: that reason is said.
        for (text, line) in
            [("title:\n  ja: |\n    　地域の交流の場です。\norder: x\n", 4), ("title:\n  en: “Salon”内\norder: x\n", 3)]
        {
            let d = parse::<Case>("x.yaml", text).unwrap_err();
            assert_eq!((d.code, d.location.line), (Code::WrongType, line), "{text:?}: {}", d.message);
        }
    }

    // Every unknown field of a file is reported, not only the first; a field's value goes with
    // it, and line numbers stay those of the file.
    #[test]
    fn every_unknown_field_of_a_file_is_found() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Case {
            title: std::collections::BTreeMap<String, String>,
            venue: Option<String>,
            area: Option<String>,
        }
        let text = "title:\n  ja: 北町\nactivites:\n  ja: 見守り\n  en: x\nvenu: 集会所\narea: kita\nthemse: [a]\n";
        let first = parse::<Case>("x.yaml", text).unwrap_err();
        let more = more_unknown_fields::<Case>("x.yaml", text, &first, &crate::content::limits::Limits::default());
        let found: Vec<(u64, String)> =
            std::iter::once(&first).chain(&more).map(|d| (d.location.line, d.hint.en())).collect();
        assert_eq!(found.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [3, 6, 8], "{found:?}");
        assert!(found[1].1.contains("`venue`") && found[2].1.contains("remove"), "{found:?}");
        // Nothing more where the first problem is of another kind.
        let d = parse::<Case>("x.yaml", "title: 3\nvenu: x\n").unwrap_err();
        assert!(more_unknown_fields::<Case>("x.yaml", "title: 3\nvenu: x\n", &d, &Default::default()).is_empty());
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

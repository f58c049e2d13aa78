//! Terminal rendering of diagnostics: `file:line:col`, the offending source line with a caret,
//! the message and the hint. The source text is handed in ([`SourceText`]: the tree the build
//! read), so the snippet shows exactly what was parsed and diag depends on no stage above it.

use super::printable::{printable, printable_lines};
use super::{Diagnostic, Diagnostics, Lang, Severity};
use crate::diag::msg;
use std::borrow::Cow;
use std::fmt::Write;

/// Where the text of a source file can be looked up by its root-relative path.
pub trait SourceText {
    /// The file's text, if there is such a file and it is text.
    fn text(&self, file: &str) -> Option<Cow<'_, str>>;
}

/// No source text: diagnostics are shown without their lines.
impl SourceText for () {
    fn text(&self, _file: &str) -> Option<Cow<'_, str>> {
        None
    }
}

/// Renders every diagnostic for a terminal (plain text, no colour codes), with the offending
/// line of `source`, in English.
pub fn render_terminal(diags: &Diagnostics, source: &dyn SourceText) -> String {
    render_terminal_in(diags, source, Lang::En)
}

/// Like [`render_terminal`], in `lang`.
pub fn render_terminal_in(diags: &Diagnostics, source: &dyn SourceText, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        render_one(&mut out, d, source, lang);
    }
    out
}

/// Like [`render_terminal`], grouped by file (a heading per file, files in order), then a
/// one-line summary: `2 errors, 1 warning in 2 files`; in English.
pub fn render_by_file(diags: &Diagnostics, source: &dyn SourceText) -> String {
    render_by_file_in(diags, source, Lang::En)
}

/// Like [`render_by_file`], in `lang`.
pub fn render_by_file_in(diags: &Diagnostics, source: &dyn SourceText, lang: Lang) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.location.file, a.location.line, a.location.column).cmp(&(
            &b.location.file,
            b.location.line,
            b.location.column,
        ))
    });
    let mut out = String::new();
    let mut files = 0;
    for group in sorted.chunk_by(|a, b| a.location.file == b.location.file) {
        files += 1;
        let _ = writeln!(out, "== {} ({})", group[0].location.file, group.len());
        for d in group {
            render_one(&mut out, d, source, lang);
        }
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    let summary = msg!("check-summary", errors = errors, warnings = warnings, files = files);
    let _ = writeln!(out, "{}", summary.render(lang));
    out
}

/// The word for a severity in `lang`: `error`, `warning`.
pub(super) fn level(severity: Severity, lang: Lang) -> String {
    match severity {
        Severity::Error => msg!("level-error"),
        Severity::Warning => msg!("level-warning"),
    }
    .render(lang)
}

/// The word before a hint in `lang`.
pub(super) fn hint_word(lang: Lang) -> String {
    msg!("hint-label").render(lang)
}

fn render_one(out: &mut String, d: &Diagnostic, source: &dyn SourceText, lang: Lang) {
    let level = level(d.severity, lang);
    let _ = writeln!(out, "{level}[{}]: {}", d.code, d.message.render(lang));
    let _ = writeln!(out, "  --> {}", printable(&d.location.to_string()));
    let text = source.text(&d.location.file).filter(|_| d.location.line > 0);
    let line_text = text.as_deref().and_then(|text| text.lines().nth((d.location.line - 1) as usize));
    if let Some(line) = line_text {
        let number = d.location.line.to_string();
        let pad = " ".repeat(number.len());
        let column = d.location.column.saturating_sub(1) as usize;
        let (shown, before) = excerpt(line, column);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{number} | {shown}");
        if d.location.column > 0 {
            // Full-width characters take two terminal cells.
            let width = display_width(&before);
            let _ = writeln!(out, "{pad} | {}^", " ".repeat(width));
        }
    }
    if !d.hint.is_empty() {
        let _ = writeln!(out, "  = {}: {}", hint_word(lang), d.hint.render(lang));
    }
    out.push('\n');
}

/// How many characters of a source line are shown on either side of the column, at most: a
/// line of a minified file or a pasted blob can be hundreds of kilobytes.
const EXCERPT_SIDE: usize = 60;

/// The part of `line` shown, and the part of it before the caret at `column` (characters),
/// both [`printable`]: a tab as `→` (one cell, so the caret stays under its character), a line
/// longer than twice [`EXCERPT_SIDE`] cut to that much on either side of the column, with `…`.
fn excerpt(line: &str, column: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let (from, to) = if chars.len() > 2 * EXCERPT_SIDE {
        let from = column.saturating_sub(EXCERPT_SIDE).min(chars.len());
        (from, (column + EXCERPT_SIDE).min(chars.len()))
    } else {
        (0, chars.len())
    };
    let show =
        |cs: &[char]| printable(&cs.iter().map(|&c| if c == '\t' { '→' } else { c }).collect::<String>()).into_owned();
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < chars.len() { "…" } else { "" };
    let before = format!("{lead}{}", show(&chars[from..column.clamp(from, to)]));
    (format!("{lead}{}{tail}", show(&chars[from..to])), before)
}

/// `error: ` and `text`, our own rendering of an error (a path and a message, maybe a hint on
/// the lines after): its first line as the value of `cli-error`, the rest as they are (a
/// message's values escape line breaks, so several lines are not given as one).
pub fn error_line(lang: Lang, text: &str) -> String {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut out = msg!("cli-error", error = first).render(lang);
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(&printable_lines(rest));
    }
    out
}

/// The columns `s` takes in a terminal: East Asian wide and full-width characters take two.
pub fn display_width(s: &str) -> usize {
    s.chars().map(cell_width).sum()
}

fn cell_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Diagnostic, Location};

    struct One(&'static str);
    impl SourceText for One {
        fn text(&self, _file: &str) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed(self.0))
        }
    }

    fn rendered(line: &'static str, column: u64, file: &str, value: &str) -> String {
        let d = Diagnostic::error(
            Code::UnknownField,
            Location::at(file, 1, column),
            crate::diag::msg!("unknown-field", field = value),
        );
        let mut diags = crate::diag::Diagnostics::default();
        diags.push(d);
        render_terminal(&diags, &One(line))
    }

    // What a terminal would act on is spelled out, wherever it comes from: the file's name, a
    // value in the message, the source line; line breaks of our own text are kept.
    #[test]
    fn control_characters_and_reordering_marks_are_spelled_out() {
        assert_eq!(printable("a\u{1b}]0;X\u{7}b\nc\u{202e}d"), "a\\u{1b}]0;X\\u{7}b\\u{a}c\\u{202e}d");
        assert_eq!(printable_lines("a\nb\u{1b}"), "a\nb\\u{1b}");
        assert!(matches!(printable("北区 café"), Cow::Borrowed(_)));
        let out = rendered("x: \"\u{1b}[2J\"", 4, "content/a\u{1b}[31m.yaml", "\u{1b}]0;title\u{7}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
        assert!(out.contains("content/a\\u{1b}[31m.yaml") && out.contains("\\u{1b}]0;title\\u{7}"), "{out}");
        // A line break in a value cannot forge a line of output.
        let out = rendered("x: y", 1, "a.yaml", "mi\nerror[fake]: forged");
        assert!(!out.lines().any(|l| l.starts_with("error[fake]")) && out.contains("mi\\u{a}error[fake]"), "{out}");
        // Our own error of several lines keeps them, its first line after `error: `.
        assert_eq!(error_line(Lang::En, "site: refused\n  hint: x"), "error: site: refused\n  hint: x");
    }

    // A tab is one cell, so the caret stays under its character; a very long line is shown
    // around the column only.
    #[test]
    fn the_caret_stays_under_its_character_and_long_lines_are_cut() {
        let out = rendered("\tkey: x", 2, "a.yaml", "key");
        assert!(out.contains("1 | →key: x\n  |  ^\n"), "{out}");
        let long: &'static str = Box::leak(format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000)).into_boxed_str());
        let out = rendered(long, 5001, "a.yaml", "x");
        let shown = out.lines().find(|l| l.starts_with("1 | ")).unwrap();
        assert!(
            shown.len() < 200 && shown.contains("…aaa") && shown.contains("BAD") && shown.ends_with("bb…"),
            "{shown}"
        );
        let caret = out.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
        assert_eq!(caret.find('^').unwrap(), shown.find("BAD").unwrap() - "…".len() + 1, "{out}");
    }
}

//! Terminal rendering of diagnostics: `file:line:col`, the offending source line with a caret,
//! the message and the hint. The source text is handed in ([`SourceText`]: the tree the build
//! read), so the snippet shows exactly what was parsed and diag depends on no stage above it.

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
    let _ = writeln!(out, "  --> {}", d.location);
    let text = source.text(&d.location.file).filter(|_| d.location.line > 0);
    let line_text = text.as_deref().and_then(|text| text.lines().nth((d.location.line - 1) as usize));
    if let Some(line) = line_text {
        let number = d.location.line.to_string();
        let pad = " ".repeat(number.len());
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{number} | {line}");
        if d.location.column > 0 {
            let before: String = line.chars().take((d.location.column - 1) as usize).collect();
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

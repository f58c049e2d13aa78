//! Diagnostics: what an editor is told when content is wrong.
//!
//! Every problem found while reading or checking content becomes a [`Diagnostic`] value with the
//! file (relative to the site root), line and column where known, a message, a hint of what to
//! write instead, and a stable `code` (used by tests and the documentation). Stages *collect*
//! diagnostics so that one run shows every problem; [`render`] turns them into terminal text.

pub mod cli;
mod code;
#[doc(hidden)]
pub mod console;
mod io;
mod msg;
mod printable;
mod render;

pub use code::Code;
pub use io::{io_error, walk_error};
pub(crate) use msg::msg;
pub use msg::{catalogue_keys, Arg, Lang, Msg, EN_FTL, JA_FTL};
pub use printable::printable;
pub use render::{
    display_width, error_line, render_by_file, render_by_file_in, render_terminal, render_terminal_in, SourceText,
};

use std::fmt;

/// How bad a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build fails; the published site is left as it was.
    Error,
    /// Reported; the build goes on.
    Warning,
}

/// A position in a source file. `line` and `column` are 1-based; 0 means unknown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path relative to the site root, with `/` separators, e.g. `content/areas/chuo.yaml`.
    pub file: String,
    /// The line, from 1 (0: the whole file).
    pub line: u64,
    /// The column in characters, from 1 (0: the whole line).
    pub column: u64,
    /// A spreadsheet cell: of a worksheet, such as `中央区!F12`, shown instead of line and
    /// column; of a CSV file, such as `F12`, shown after them (office staff find a cell in
    /// Excel by its letter, not by its character column).
    pub cell: Option<Box<str>>,
}

impl Location {
    /// A location naming only the file.
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: file.into(), line: 0, column: 0, cell: None }
    }

    /// A cell of a worksheet: `file: sheet!A1`. `row` and `column` are 1-based.
    pub fn cell(file: impl Into<String>, sheet: &str, row: u64, column: u64) -> Self {
        let cell = format!("{sheet}!{}{row}", column_letters(column));
        Location { file: file.into(), line: row, column, cell: Some(cell.into()) }
    }

    /// A field of a CSV file: at `line`:`column` (characters) of `file`, the `field`th (from 1)
    /// of its row, shown as the cell a spreadsheet opens it in (`F12`).
    pub fn csv_field(file: impl Into<String>, line: u64, column: u64, field: u64) -> Self {
        let cell = format!("{}{line}", column_letters(field));
        Location { file: file.into(), line, column, cell: Some(cell.into()) }
    }

    /// A location at `line`:`column` of `file`.
    pub fn at(file: impl Into<String>, line: u64, column: u64) -> Self {
        Location { file: file.into(), line, column, cell: None }
    }

    /// The location of byte `offset` of `text`, the text of `file`: line and column (in
    /// characters) from 1.
    pub fn in_text(file: impl Into<String>, text: &str, offset: usize) -> Self {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Location::at(file, line as u64, column as u64)
    }
}

/// Spreadsheet column letters: 1 → A, 27 → AA.
pub(crate) fn column_letters(mut column: u64) -> String {
    let mut out = Vec::new();
    while column > 0 {
        let rem = ((column - 1) % 26) as u8;
        out.push(b'A' + rem);
        column = (column - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cell {
            Some(cell) if cell.contains('!') => return write!(f, "{}: {cell}", self.file),
            _ => {}
        }
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }?;
        match &self.cell {
            Some(cell) => write!(f, " ({cell})"),
            None => Ok(()),
        }
    }
}

/// One problem in the content, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable key such as `yaml-syntax`, `unknown-field`, `unknown-area`, `duplicate-slug`.
    pub code: Code,
    /// Boxed to keep `Result<_, Diagnostic>` small.
    pub location: Box<Location>,
    /// What is wrong, in one sentence (rendered in a language by [`Msg::render`]).
    pub message: Msg,
    /// What to write instead; empty when there is nothing useful to add.
    pub hint: Msg,
}

impl Diagnostic {
    /// An error: the build fails.
    pub fn error(code: Code, location: Location, message: Msg) -> Self {
        Diagnostic { severity: Severity::Error, code, location: Box::new(location), message, hint: Msg::none() }
    }

    /// A warning: the build goes on.
    pub fn warning(code: Code, location: Location, message: Msg) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, location, message) }
    }

    /// The same diagnostic with a hint of what to write instead.
    #[must_use]
    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = hint;
        self
    }

    /// The diagnostic as one line (and a hint line) in `lang`:
    /// `file:line:col: error[code]: message`.
    pub fn render(&self, lang: Lang) -> String {
        let level = render::level(self.severity, lang);
        let mut out = format!("{}: {level}[{}]: {}", self.location, self.code, self.message.render(lang));
        if !self.hint.is_empty() {
            out.push_str(&format!("\n  {}: {}", render::hint_word(lang), self.hint.render(lang)));
        }
        out
    }
}

/// In English.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A collection of diagnostics, kept in a stable order (by file, line, column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No diagnostics yet.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Each in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Errors first, then by location, so output is deterministic.
    pub fn sorted(mut self) -> Self {
        // By the English text, so the order is the same in every language.
        self.0.sort_by_cached_key(|d| (d.severity, d.location.clone(), d.code, d.message.en()));
        self.0.dedup();
        self
    }

    /// Splits into (errors, warnings).
    pub fn partition(self) -> (Diagnostics, Diagnostics) {
        let (e, w) = self.0.into_iter().partition(|d| d.severity == Severity::Error);
        (Diagnostics(e), Diagnostics(w))
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates.into_iter().map(|c| (edit_distance(word, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}

/// Edit distance counting a swap of two neighbouring characters as one edit (a common typo).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_known_word_for_a_typo() {
        assert_eq!(suggest("titel", ["title", "summary"]), Some("title"));
        assert_eq!(suggest("zzzzzz", ["title", "summary"]), None);
    }

    #[test]
    fn location_display_omits_unknown_parts() {
        assert_eq!(Location::file("a.yaml").to_string(), "a.yaml");
        assert_eq!(Location::at("a.yaml", 3, 0).to_string(), "a.yaml:3");
        assert_eq!(Location::at("a.yaml", 3, 7).to_string(), "a.yaml:3:7");
        assert_eq!(Location::cell("2024.xlsx", "中央区", 12, 6).to_string(), "2024.xlsx: 中央区!F12");
        assert_eq!(Location::csv_field("chuo.csv", 2, 208, 9).to_string(), "chuo.csv:2:208 (I2)");
        assert_eq!(column_letters(27), "AA");
    }
}

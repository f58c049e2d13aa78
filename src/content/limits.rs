//! How large each kind of input may be, so a mistaken or hostile file (a 50 MB Markdown file,
//! a 1 MB workbook that unpacks to 1 GB, a YAML file of nested aliases) is a clear error, not
//! minutes of work and gigabytes of memory. Every limit can be raised in `content/site.yaml`:
//!
//! ```yaml
//! limits:
//!   markdown_mb: 2        # one Markdown body
//!   yaml_mb: 1            # one YAML file
//!   csv_mb: 10            # one progress CSV file
//!   xlsx_mb: 20           # one progress workbook, as stored
//!   xlsx_unpacked_mb: 200 # the same workbook unpacked
//!   image_mb: 20          # one image
//!   document_mb: 50       # one PDF
//!   yaml_depth: 32        # nesting of lists and maps in a YAML file
//!   yaml_aliases: 1000    # uses of `*alias` in a YAML file
//!   rows: 100000          # rows of one progress sheet or CSV file
//!   cells: 2000000        # cells of one progress sheet or CSV file
//! ```

use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::source::{FileBytes, SourceTree};
use serde::Deserialize;
use std::collections::BTreeSet;

/// The limits in force for a build; `limits:` in `content/site.yaml` is read straight into it,
/// each limit it gives replacing the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    description = "入力ファイルの大きさの上限（書いたものだけが既定値を置き換えます） / Input size limits; each one given replaces the default"
)]
pub(crate) struct Limits {
    /// Markdown の本文1ファイルの上限（MB） / One Markdown body, in MB.
    pub markdown_mb: u64,
    /// YAML 1ファイルの上限（MB） / One YAML file, in MB.
    pub yaml_mb: u64,
    /// 推進状況の CSV 1ファイルの上限（MB） / One progress CSV file, in MB.
    pub csv_mb: u64,
    /// 推進状況の Excel ブック1つの上限（MB） / One progress workbook as stored, in MB.
    pub xlsx_mb: u64,
    /// Excel ブックを展開した大きさの上限（MB） / The same workbook unpacked, in MB.
    pub xlsx_unpacked_mb: u64,
    /// 画像1枚の上限（MB） / One image, in MB.
    pub image_mb: u64,
    /// 資料（PDF など）1ファイルの上限（MB） / One document (PDF…), in MB.
    pub document_mb: u64,
    /// YAML の入れ子の深さの上限 / Nesting of lists and maps in a YAML file.
    pub yaml_depth: u64,
    /// YAML の `*別名` を使える回数の上限 / Uses of `*alias` in a YAML file.
    pub yaml_aliases: u64,
    /// 推進状況の表1つの行数の上限 / Rows of one progress sheet or CSV file.
    pub rows: u64,
    /// 推進状況の表1つのセル数の上限 / Cells of one progress sheet or CSV file.
    pub cells: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            markdown_mb: 2,
            yaml_mb: 1,
            csv_mb: 10,
            xlsx_mb: 20,
            xlsx_unpacked_mb: 200,
            image_mb: 20,
            document_mb: 50,
            yaml_depth: 32,
            yaml_aliases: 1000,
            rows: 100_000,
            cells: 2_000_000,
        }
    }
}

/// Only the `limits:` of `site.yaml` (the rest of the file is read, and checked, as usual).
#[derive(Deserialize)]
struct LimitsOnly {
    #[serde(default)]
    limits: Option<Limits>,
}

/// The limits `content/site.yaml` sets (defaults where it sets none, or cannot be read: its
/// own errors are reported when it is parsed as the site).
pub(crate) fn of_site(tree: &SourceTree) -> Limits {
    let text = tree.text("content/site.yaml").or_else(|| tree.text("content/site.yml"));
    let raw = text.and_then(|t| serde_saphyr::from_str::<LimitsOnly>(t).ok()).and_then(|l| l.limits);
    raw.unwrap_or_default()
}

/// The error for a value over a limit, with how to raise it.
pub(crate) fn exceeded(
    location: Location,
    what: &str,
    amount: String,
    limit: String,
    key: &str,
    raise_to: u64,
) -> Diagnostic {
    let message = match what {
        "rows" | "cells" => crate::diag::msg!("limit-exceeded-count", what = what, count = amount, limit = limit),
        _ => crate::diag::msg!("limit-exceeded", what = what, amount = amount, limit = limit),
    };
    Diagnostic::error(Code::LimitExceeded, location, message).with_hint(crate::diag::msg!(
        "limit-exceeded-hint",
        key = key,
        raise_to = raise_to
    ))
}

const MB: u64 = 1024 * 1024;

/// Checks the size of every source file under `content/` against its kind's limit (and a
/// workbook's unpacked size), returning the files over a limit: they are not parsed at all.
pub(crate) fn check_sizes(tree: &SourceTree, limits: &Limits, diags: &mut Diagnostics) -> BTreeSet<String> {
    let mut over = BTreeSet::new();
    for (path, bytes) in tree.entries("content/") {
        if let Some(d) = over_limit(path, bytes, limits) {
            diags.push(d);
            over.insert(path.to_string());
        }
    }
    over
}

/// The error for the file `path` if it is over its kind's limit (or, a workbook, its unpacked
/// size is).
pub(crate) fn over_limit(path: &str, bytes: &FileBytes, limits: &Limits) -> Option<Diagnostic> {
    // The extension lowercased in a small buffer: a String per file took 15 ms of a
    // rebuild at N = 100,000 (300,000 files).
    let mut buf = [0u8; 4];
    let ext = match path.rsplit_once('.') {
        Some((_, e)) if e.len() <= buf.len() => {
            buf[..e.len()].copy_from_slice(e.as_bytes());
            buf[..e.len()].make_ascii_lowercase();
            &buf[..e.len()]
        }
        _ => return None,
    };
    let (what, key, mb) = match ext {
        b"md" => ("markdown", "markdown_mb", limits.markdown_mb),
        b"yaml" | b"yml" => ("yaml", "yaml_mb", limits.yaml_mb),
        b"csv" => ("csv", "csv_mb", limits.csv_mb),
        b"xlsx" => ("xlsx", "xlsx_mb", limits.xlsx_mb),
        b"pdf" => ("pdf", "document_mb", limits.document_mb),
        b"png" | b"jpg" | b"jpeg" | b"webp" | b"gif" | b"svg" | b"avif" => ("image", "image_mb", limits.image_mb),
        _ => return None,
    };
    // (The length of a file the tree read but did not keep, too.)
    let size = bytes.len() as u64;
    if size > mb.saturating_mul(MB) {
        return Some(exceeded(Location::file(path), what, show_mb(size), format!("{mb} MB"), key, size.div_ceil(MB)));
    }
    if ext == b"xlsx" {
        let unpacked = unpacked_size(bytes);
        if unpacked > limits.xlsx_unpacked_mb.saturating_mul(MB) {
            return Some(exceeded(
                Location::file(path),
                "xlsx-unpacked",
                show_mb(unpacked),
                format!("{} MB", limits.xlsx_unpacked_mb),
                "xlsx_unpacked_mb",
                unpacked.div_ceil(MB),
            ));
        }
    }
    None
}

fn show_mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / MB as f64)
}

/// The total unpacked size a workbook (a zip file) declares for its parts; 0 when it is not a
/// zip file (the reader reports that). This trusts the declared sizes, as every tool that
/// writes .xlsx files states them truly; a workbook that lies about them is still read cell by
/// cell within the `cells` limit, but calamine keeps its shared-string table in memory whole.
fn unpacked_size(bytes: &[u8]) -> u64 {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return 0 };
    (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size())).fold(0u64, u64::saturating_add)
}

/// serde-saphyr options carrying the YAML limits.
pub(crate) fn yaml_options(limits: &Limits) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = usize::try_from(limits.yaml_depth).unwrap_or(usize::MAX);
    budget.max_aliases = usize::try_from(limits.yaml_aliases).unwrap_or(usize::MAX);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn site_yaml_raises_a_limit_and_keeps_the_others() {
        let t =
            SourceTree::from_files(Path::new("/r"), [("content/site.yaml", "title: x\nlimits:\n  markdown_mb: 60\n")]);
        let l = of_site(&t);
        assert_eq!(l.markdown_mb, 60);
        assert_eq!(l.yaml_mb, Limits::default().yaml_mb);
    }

    #[test]
    fn files_over_their_kinds_limit_are_named_with_how_to_raise_it() {
        let big = vec![b'a'; 3 * 1024 * 1024];
        let t = SourceTree::from_files(
            Path::new("/r"),
            [("content/cases/a.ja.md", big.clone()), ("content/images/a.png", big), ("content/b.ja.md", b"x".to_vec())],
        );
        let mut diags = Diagnostics::new();
        let over = check_sizes(&t, &Limits::default(), &mut diags);
        assert_eq!(over.into_iter().collect::<Vec<_>>(), ["content/cases/a.ja.md"]);
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, "limit-exceeded");
        assert!(d.message.en().contains("3.0 MB") && d.message.en().contains("2 MB"), "{}", d.message);
        assert!(d.hint.en().contains("limits: {markdown_mb: 3}"), "{}", d.hint);
    }
}

//! Progress data files → raw progress rows, whatever the format editors chose.
//!
//! `content/progress/<YYYY>/` holds `year.yaml` and, per area, a YAML file (`<area>.yaml`), a
//! CSV file (`<area>.csv`) or a sheet of the workbook `progress.xlsx`. All three become the same
//! [`RawAreaProgress`], in which every value carries the location it came from (file, line and
//! column, or sheet and cell), so `model::resolve` reports errors where the editor can find them.

mod sheet;
mod yaml_form;

use super::raw::RawText;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::source::SourceTree;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The key under which a text's primary-language value is stored when the file does not name
/// the language (CSV and XLSX columns such as `item` / `取組項目`).
pub const PRIMARY: &str = "";

/// A value with the place it was read from.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub loc: Location,
}

/// A text by language code ([`PRIMARY`] for the primary language when unnamed).
pub type LocText = At<BTreeMap<String, String>>;

/// One fiscal-year folder.
#[derive(Debug)]
pub struct RawProgressYear {
    /// The folder name, e.g. `2024`, where `content/progress/2024/` was found.
    pub year: At<String>,
    pub meta: Option<RawYearMeta>,
    pub meta_file: String,
    pub areas: Vec<RawAreaProgress>,
}

/// `year.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawYearMeta {
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub note: Option<RawText>,
}

/// One area's data for a year.
#[derive(Debug)]
pub struct RawAreaProgress {
    /// The area's slug (file name) or sheet name, where it was named.
    pub area: At<String>,
    pub districts: Vec<RawProgressDistrict>,
}

#[derive(Debug)]
pub struct RawProgressDistrict {
    pub name: LocText,
    pub population: Option<At<String>>,
    pub households: Option<At<String>>,
    pub counted_on: Option<At<String>>,
    pub items: Vec<RawProgressItem>,
}

#[derive(Debug)]
pub struct RawProgressItem {
    pub policy: At<String>,
    pub priority: At<String>,
    pub main: At<String>,
    pub item: LocText,
    pub themes: Vec<At<String>>,
    pub target: LocText,
    pub result: Option<LocText>,
    pub rating: At<String>,
    pub next_target: LocText,
    pub issues: Option<LocText>,
}

/// Reads every year folder under `content/progress/`.
pub fn parse(tree: &SourceTree, diags: &mut Diagnostics) -> Vec<RawProgressYear> {
    let mut folders: BTreeMap<String, Vec<(&str, &[u8])>> = BTreeMap::new();
    for (path, bytes) in tree.under("content/progress/") {
        let rest = &path["content/progress/".len()..];
        match rest.split_once('/') {
            Some((folder, name)) if !name.contains('/') => {
                folders.entry(folder.to_string()).or_default().push((name, bytes))
            }
            _ => diags.push(
                Diagnostic::error(
                    "unknown-file",
                    Location::file(path),
                    "progress files go in a folder per fiscal year",
                )
                .with_hint("put it in content/progress/<year>/, e.g. content/progress/2024/chuo.csv"),
            ),
        }
    }
    folders.into_iter().map(|(folder, files)| parse_year(&folder, &files, diags)).collect()
}

fn parse_year(folder: &str, files: &[(&str, &[u8])], diags: &mut Diagnostics) -> RawProgressYear {
    let dir = format!("content/progress/{folder}/");
    let meta_file = format!("{dir}year.yaml");
    let mut year = RawProgressYear {
        year: At { value: folder.to_string(), loc: Location::file(dir.trim_end_matches('/')) },
        meta: None,
        meta_file: meta_file.clone(),
        areas: Vec::new(),
    };
    for (name, bytes) in files {
        let file = format!("{dir}{name}");
        // A BOM (as Excel writes UTF-8 CSV) is not part of the text.
        let text = || std::str::from_utf8(bytes).ok().map(|t| t.trim_start_matches('\u{feff}'));
        let stem = name.rsplit_once('.').map_or(*name, |(s, _)| s);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match (name, ext.as_str()) {
            (&"year.yaml", _) => match text() {
                Some(t) => match super::yaml::parse::<RawYearMeta>(&file, t) {
                    Ok(m) => year.meta = Some(m),
                    Err(d) => diags.push(d),
                },
                None => diags.push(not_utf8(&file)),
            },
            (_, "yaml" | "yml") => match text() {
                Some(t) => {
                    if let Some(area) = yaml_form::parse(&file, stem, t, diags) {
                        year.areas.push(area);
                    }
                }
                None => diags.push(not_utf8(&file)),
            },
            (_, "csv") => match text() {
                Some(t) => {
                    if let Some(area) = sheet::parse_csv(&file, stem, t, diags) {
                        year.areas.push(area);
                    }
                }
                None => diags.push(not_utf8(&file)),
            },
            (_, "xlsx") => year.areas.extend(sheet::parse_xlsx(&file, bytes, diags)),
            _ => diags.push(
                Diagnostic::error("unknown-file", Location::file(&file), "this file is not progress data").with_hint(
                    "a year folder holds year.yaml and, per area, <area>.yaml, <area>.csv or sheets of progress.xlsx",
                ),
            ),
        }
    }
    if year.meta.is_none() && !files.iter().any(|(n, _)| *n == "year.yaml") {
        diags.push(
            Diagnostic::error("missing-file", Location::file(&meta_file), "each year folder needs a year.yaml")
                .with_hint("create it; `sample: true` if the figures are sample data, or an empty `{}`"),
        );
    }
    year
}

fn not_utf8(file: &str) -> Diagnostic {
    Diagnostic::error("not-utf8", Location::file(file), "the file is not UTF-8 text")
        .with_hint("save it as UTF-8; in Excel: 名前を付けて保存 → CSV UTF-8（コンマ区切り）. Shift_JIS is not read")
}

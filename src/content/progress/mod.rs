//! Progress data files → raw progress rows, whatever the format editors chose.
//!
//! `content/progress/<YYYY>/` holds `year.yaml` and, per area, a YAML file (`<area>.yaml`), a
//! CSV file (`<area>.csv`) or a sheet of the workbook `progress.xlsx`. All three become the same
//! [`RawAreaProgress`], in which every value carries the location it came from (file, line and
//! column, or sheet and cell), so `model::resolve` reports errors where the editor can find them.

pub(crate) mod sheet;
pub(crate) mod yaml_form;

use super::raw::RawText;
use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::source::{FileBytes, SourceTree};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

pub(crate) use crate::content::langs::{TableText, TextLang};

/// A value with the place it was read from.
#[derive(Debug, Clone)]
pub(crate) struct At<T> {
    pub value: T,
    pub loc: Loc,
}

/// Where a progress value was read: the [`Location`] reported if it is wrong, made only then,
/// its file's name (and sheet's) shared by every value of the file (or sheet). A `Location`
/// each, with the file's name copied into it, the values of N = 100,000's 50,000 items held
/// some 60 bytes and an allocation more each, some 40 MB at the parse's peak; the file's and the
/// sheet's names shared apart, 24 bytes more each than one shared pointer to both (some 13 MB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loc {
    origin: Arc<Origin>,
    line: u32,
    /// The column; for a cell of a CSV file, its field in the row (from 1) above
    /// [`FIELD_SHIFT`] bits and its character column below (a place is two numbers and a
    /// pointer: at N = 100,000 the parse holds some 500,000 of them).
    column: u32,
}

/// Where a CSV cell's field number starts in [`Loc`]'s `column`: character columns up to
/// 1,048,575 and fields up to 4,095 are told apart; beyond them the field is not given.
const FIELD_SHIFT: u32 = 20;

/// The file progress values were read from, and the sheet for a workbook's.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    file: Box<str>,
    sheet: Option<Box<str>>,
}

impl Origin {
    /// The text file `file`.
    pub(crate) fn file(file: &str) -> Arc<Origin> {
        Arc::new(Origin { file: file.into(), sheet: None })
    }

    /// The sheet `sheet` of the workbook `file`.
    pub(crate) fn sheet(file: &str, sheet: &str) -> Arc<Origin> {
        Arc::new(Origin { file: file.into(), sheet: Some(sheet.into()) })
    }
}

impl Loc {
    /// The whole file (or sheet) `origin`.
    pub(crate) fn file(origin: &Arc<Origin>) -> Loc {
        Loc::at(origin, 0, 0)
    }

    /// `line`:`column` of `origin` (both from 1): a sheet's row and column.
    pub(crate) fn at(origin: &Arc<Origin>, line: u64, column: u64) -> Loc {
        let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Loc { origin: origin.clone(), line: small(line), column: small(column).min((1 << FIELD_SHIFT) - 1) }
    }

    /// The `field`th cell (from 1) of a CSV row, which starts at `line`:`column` of `origin`.
    pub(crate) fn csv_field(origin: &Arc<Origin>, line: u64, column: u64, field: u64) -> Loc {
        let loc = Loc::at(origin, line, column);
        match u32::try_from(field) {
            Ok(field) if field < 1 << (32 - FIELD_SHIFT) => Loc { column: loc.column | field << FIELD_SHIFT, ..loc },
            _ => loc,
        }
    }

    /// The value of `spanned` of the YAML file `origin`.
    pub(crate) fn of<T>(origin: &Arc<Origin>, spanned: &crate::content::yaml::Spanned<T>) -> Loc {
        Loc::at(origin, spanned.referenced.line, spanned.referenced.column)
    }

    /// The file's path.
    pub(crate) fn path(&self) -> &str {
        &self.origin.file
    }

    /// The location reported.
    pub(crate) fn location(&self) -> Location {
        let line = u64::from(self.line);
        let (field, column) = (self.column >> FIELD_SHIFT, u64::from(self.column & ((1 << FIELD_SHIFT) - 1)));
        match &self.origin.sheet {
            Some(sheet) => Location::cell(&*self.origin.file, sheet, line, column),
            None if field > 0 => Location::csv_field(&*self.origin.file, line, column, u64::from(field)),
            None => Location::at(&*self.origin.file, line, column),
        }
    }
}

/// A text by language, where it was read.
pub(crate) type LocText = At<TableText>;

/// One fiscal-year folder.
#[derive(Debug, Clone)]
pub(crate) struct RawProgressYear {
    /// The folder name, e.g. `2024`, where `content/progress/2024/` was found.
    pub year: At<String>,
    pub meta: Option<RawYearMeta>,
    pub meta_file: String,
    pub areas: Vec<RawAreaProgress>,
}

/// `content/progress/<年度>/year.yaml`：その年度の推進状況について / `year.yaml`: about one fiscal year's progress data.
#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawYearMeta {
    /// サンプルデータであることを示します / Marks sample data.
    #[serde(default)]
    pub sample: bool,
    /// 年度のページに載せる注記 / A note shown on the year's pages.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub note: Option<RawText>,
}

/// One area's data for a year.
#[derive(Debug, Clone)]
pub(crate) struct RawAreaProgress {
    /// The area's slug (file name) or sheet name, where it was named.
    pub area: At<String>,
    pub districts: Vec<RawProgressDistrict>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawProgressDistrict {
    pub name: LocText,
    pub population: Option<At<String>>,
    pub households: Option<At<String>>,
    pub counted_on: Option<At<String>>,
    pub items: Vec<RawProgressItem>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawProgressItem {
    /// Empty where not given (an area without basic policies).
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

/// Reads every year folder under `content/progress/`, reusing `cache` for unchanged files.
pub(crate) fn parse(
    tree: &SourceTree,
    diags: &mut Diagnostics,
    cache: &super::ParseCache,
    ctx: &super::Ctx,
    over_limit: &std::collections::BTreeSet<String>,
) -> Vec<Arc<RawProgressYear>> {
    let mut folders: BTreeMap<&str, Vec<YearFile>> = BTreeMap::new();
    for (path, bytes) in tree.entries("content/progress/").filter(|(p, _)| !over_limit.contains(*p)) {
        let rest = &path["content/progress/".len()..];
        match rest.split_once('/') {
            Some((folder, name)) if !name.contains('/') => folders.entry(folder).or_default().push((path, name, bytes)),
            _ => diags.push(
                Diagnostic::error(Code::UnknownFile, Location::file(path), crate::diag::msg!("progress-not-in-year"))
                    .with_hint(crate::diag::msg!("progress-not-in-year-hint")),
            ),
        }
    }
    // A year none of whose files changed is the last build's.
    let folders: Vec<(&str, Vec<YearFile>)> = folders.into_iter().collect();
    let years = cache.years.values(
        &folders,
        |(folder, _)| folder,
        |(_, files), known| !ctx.fresh && super::same_files(&known.files, files.iter().map(|(p, _, b)| (*p, *b))),
        |(folder, files)| Arc::new(parse_year(folder, files, ctx)),
    );
    let mut out = Vec::with_capacity(years.len());
    for y in years {
        for d in &y.diags {
            diags.push(d.clone());
        }
        out.push(y.year.clone());
    }
    out
}

/// A file of a year folder: path, name and bytes.
type YearFile<'a> = (&'a str, &'a str, &'a FileBytes);

/// A parsed year folder: the files it was made from (path and bytes), the year, and the
/// diagnostics its files gave.
pub(crate) struct ParsedYear {
    files: Vec<(String, FileBytes)>,
    year: Arc<RawProgressYear>,
    diags: Vec<Diagnostic>,
}

/// What one file of a year folder holds.
#[derive(Debug, Default)]
struct ParsedFile {
    meta: Option<RawYearMeta>,
    areas: Vec<RawAreaProgress>,
    diags: Vec<Diagnostic>,
}

fn parse_year(folder: &str, files: &[YearFile], ctx: &super::Ctx) -> ParsedYear {
    use rayon::prelude::*;
    let dir = format!("content/progress/{folder}/");
    let meta_file = files
        .iter()
        .find(|(_, n, _)| is_year_file(n))
        .map_or_else(|| format!("{dir}year.yaml"), |(p, ..)| p.to_string());
    let mut year = RawProgressYear {
        year: At { value: folder.to_string(), loc: Loc::file(&Origin::file(dir.trim_end_matches('/'))) },
        meta: None,
        meta_file: meta_file.clone(),
        areas: Vec::new(),
    };
    let parsed: Vec<ParsedFile> =
        files.par_iter().map(|(path, name, bytes)| parse_file(path, name, bytes, ctx)).collect();
    let mut diags = Vec::new();
    for p in parsed {
        if p.meta.is_some() {
            year.meta = p.meta;
        }
        year.areas.extend(p.areas);
        diags.extend(p.diags);
    }
    // (Both `year.yaml` and `year.yml`: two files for one year's description.)
    let mut year_files = files.iter().filter(|(_, n, _)| is_year_file(n));
    if let (Some((first, ..)), Some((second, ..))) = (year_files.next(), year_files.next()) {
        diags.push(
            Diagnostic::error(
                Code::DuplicateSlug,
                Location::file(*second),
                crate::diag::msg!("duplicate-slug", name = "year", first = *first),
            )
            .with_hint(crate::diag::msg!("duplicate-slug-hint")),
        );
    }
    if year.meta.is_none() && !files.iter().any(|(_, n, _)| is_year_file(n)) {
        diags.push(
            Diagnostic::error(Code::MissingFile, Location::file(&meta_file), crate::diag::msg!("year-yaml-missing"))
                .with_hint(crate::diag::msg!("year-yaml-missing-hint")),
        );
    }
    let files = files.iter().map(|(p, _, b)| (p.to_string(), (*b).clone())).collect();
    ParsedYear { files, year: Arc::new(year), diags }
}

fn parse_file(file: &str, name: &str, bytes: &FileBytes, ctx: &super::Ctx) -> ParsedFile {
    let (limits, headings) = (&ctx.limits, &ctx.headings);
    let mut out = ParsedFile::default();
    let mut diags = Diagnostics::new();
    // A BOM (as Excel writes UTF-8 CSV) was taken off when the source was read. A table the
    // tree did not keep is read again here; if it cannot be, the build fails for that reason
    // (`SourceTree::unread`), and nothing is said of the file meanwhile.
    let read = bytes.text_now(file);
    if matches!(read, Ok(None)) {
        return out;
    }
    let text = || read.as_ref().ok().and_then(|t| t.as_deref());
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match (name, ext.as_str()) {
        (name, _) if is_year_file(name) => match text() {
            Some(t) => match super::yaml::parse_with::<RawYearMeta>(file, t, limits) {
                Ok(m) => out.meta = Some(m),
                Err(d) => diags.push(d),
            },
            None => diags.push(not_utf8(file, bytes)),
        },
        (_, "yaml" | "yml") => match text() {
            Some(t) => out.areas.extend(yaml_form::parse(file, stem, t, ctx, &mut diags)),
            None => diags.push(not_utf8(file, bytes)),
        },
        (_, "csv") => match text() {
            Some(t) => out.areas.extend(sheet::parse_csv(file, stem, t, limits, headings, &mut diags)),
            None => diags.push(not_utf8(file, bytes)),
        },
        (_, "xlsx") => out.areas.extend(sheet::parse_xlsx(file, bytes, limits, headings, &mut diags)),
        _ => diags.push(
            Diagnostic::error(Code::UnknownFile, Location::file(file), crate::diag::msg!("not-progress"))
                .with_hint(crate::diag::msg!("not-progress-hint")),
        ),
    }
    out.diags = diags.into_iter().collect();
    out
}

/// Whether `name` is a year folder's `year.yaml` (or `year.yml`: `.yml` is YAML throughout).
fn is_year_file(name: &str) -> bool {
    name == "year.yaml" || name == "year.yml"
}

fn not_utf8(file: &str, bytes: &[u8]) -> Diagnostic {
    // (Excel's 「Unicode テキスト」 is UTF-16, with its byte-order mark: not Shift_JIS.)
    let hint = match bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        true => crate::diag::msg!("csv-utf16-hint"),
        false => crate::diag::msg!("csv-not-utf8-hint"),
    };
    Diagnostic::error(Code::NotUtf8, Location::file(file), crate::diag::msg!("not-utf8")).with_hint(hint)
}

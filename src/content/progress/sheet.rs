//! The table forms of progress data (CSV files and worksheets of `progress.xlsx`): one row per
//! item, a header row naming the columns in English keys or Japanese headings, district columns
//! repeated on each row of the district.

use super::{At, Loc, LocText, Origin, RawAreaProgress, RawProgressDistrict, RawProgressItem, TableText, TextLang};
use crate::content::limits::Limits;
use crate::diag::msg;
use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Columns of the table form: (key, Japanese heading, required).
pub(crate) const COLUMNS: [(&str, &str, bool); 20] = [
    ("district", "地区部会エリア", true),
    ("district_en", "地区部会エリア（英語）", false),
    ("population", "人口", false),
    ("households", "世帯数", false),
    ("counted_on", "基準日", false),
    // Required where the area has basic policies (checked with the area).
    ("policy", "基本方針", false),
    ("priority", "重点取組項目", false),
    ("main", "主な取組", false),
    ("item", "取組項目", true),
    ("item_en", "取組項目（英語）", false),
    ("themes", "取組みテーマ", false),
    ("target", "目標又は予定", true),
    ("target_en", "目標又は予定（英語）", false),
    ("result", "実績", false),
    ("result_en", "実績（英語）", false),
    ("rating", "達成状況", true),
    ("next_target", "次年度の目標又は予定", true),
    ("next_target_en", "次年度の目標又は予定（英語）", false),
    ("issues", "今後の課題と方針", false),
    ("issues_en", "今後の課題と方針（英語）", false),
];

/// The site's own headings for columns: heading → column key. A site that calls its
/// districts 支所地区 (`district_term`) or its themes 基本目標 (`words:`) may head those columns
/// so; the default headings keep working.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Headings(BTreeMap<String, String>);

impl Headings {
    /// The headings `site.yaml` implies: `district_term` for the district column, and the
    /// words of `words:` that head the other columns (`themes`, `policies`, `item`, `target`…),
    /// in every language; a translated column is `<heading>（英語）` as the defaults are.
    pub(crate) fn of(site: &crate::content::raw::RawSite) -> Headings {
        let mut out = BTreeMap::new();
        let mut add = |heading: &str, key: &str| {
            let heading = heading.trim();
            if !heading.is_empty() {
                out.insert(heading.to_string(), key.to_string());
                if COLUMNS.iter().any(|(k, _, _)| *k == format!("{key}_en")) {
                    out.insert(format!("{heading}（英語）"), format!("{key}_en"));
                }
            }
        };
        if let Some(term) = &site.district_term {
            term.value.values().for_each(|t| add(t, "district"));
        }
        // UI string key → column key.
        let words = [
            ("themes", "themes"),
            ("policies", "policy"),
            ("priority_yes", "priority"),
            ("main_activities", "main"),
            ("item", "item"),
            ("target", "target"),
            ("result", "result"),
            ("rating", "rating"),
            ("next_target", "next_target"),
            ("issues", "issues"),
            ("population", "population"),
            ("households", "households"),
        ];
        for per_lang in site.words.values() {
            for (word, key) in words {
                if let Some(w) = per_lang.value.get(word) {
                    add(&w.value, key);
                }
            }
        }
        Headings(out)
    }
}

/// A table read from a file: its cells as text, each with where it is.
struct Table {
    /// The file, and the sheet for a workbook's.
    origin: Arc<Origin>,
    /// (row number, cells); row 1 is the header.
    rows: Vec<(u64, Vec<String>)>,
    /// For CSV: the character column at which each field of a line starts, by line.
    field_starts: BTreeMap<u64, Vec<u64>>,
}

impl Table {
    /// Where cell `col` (from 0) of `row` is: a worksheet cell, or the line and the character
    /// column at which the field starts in a CSV file.
    fn loc(&self, row: u64, col: usize) -> Loc {
        // (A workbook has no field starts: its cells are by column.)
        match self.field_starts.get(&row).and_then(|starts| starts.get(col).copied()) {
            Some(column) => Loc::csv_field(&self.origin, row, column, col as u64 + 1),
            None => Loc::at(&self.origin, row, col as u64 + 1),
        }
    }
}

/// Where a quote opens that no quote closes before the end of the text (line and character
/// column, from 1). A quoted cell may run over several lines (a line break inside a cell).
fn unclosed_quote(text: &str) -> Option<(u64, u64)> {
    let mut open = None;
    for (n, line) in text.lines().enumerate() {
        for (i, c) in line.chars().enumerate() {
            if c == '"' {
                open = match open {
                    Some(_) => None,
                    None => Some((n as u64 + 1, i as u64 + 1)),
                };
            }
        }
    }
    open
}

/// The character column (from 1) at which each field of a CSV line starts; commas inside
/// quotes do not end a field.
fn field_starts(line: &str) -> Vec<u64> {
    let mut starts = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => starts.push(i as u64 + 2),
            _ => {}
        }
    }
    starts
}

pub(super) fn parse_csv(
    file: &str,
    stem: &str,
    text: &str,
    limits: &Limits,
    headings: &Headings,
    diags: &mut Diagnostics,
) -> Option<RawAreaProgress> {
    // The csv crate numbers lines wrongly after CRLF line ends (as Excel writes them); with LF
    // only, its line numbers are the file's.
    let text = &text.replace("\r\n", "\n");
    // A quote left open takes the rest of the file into one cell (the csv crate reads on);
    // say so at the quote instead of reporting every row after it.
    if let Some((line, column)) = unclosed_quote(text) {
        diags.push(
            Diagnostic::error(Code::CsvSyntax, Location::at(file, line, column), msg!("csv-open-quote"))
                .with_hint(msg!("csv-open-quote-hint")),
        );
        return None;
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0u64;
    let lines: Vec<&str> = text.lines().collect();
    let mut starts = BTreeMap::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                cells += r.len() as u64;
                if let Some(d) = over_limit(Location::at(file, line, 1), rows.len() as u64 + 1, cells, limits) {
                    diags.push(d);
                    return None;
                }
                if let Some(text) = line.checked_sub(1).and_then(|i| lines.get(i as usize)) {
                    starts.insert(line, field_starts(text));
                }
                rows.push((line, r.iter().map(|c| crate::escape::csv_cell_value(c.trim()).to_string()).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diags.push(
                    Diagnostic::error(
                        Code::CsvSyntax,
                        Location::at(file, line, 0),
                        msg!("csv-bad-row", why = e.to_string()),
                    )
                    .with_hint(msg!("csv-bad-row-hint")),
                );
                return None;
            }
        }
    }
    let table = Table { origin: Origin::file(file), rows, field_starts: starts };
    Some(RawAreaProgress {
        area: At { value: stem.to_string(), loc: Loc::file(&table.origin) },
        districts: read_table(&table, headings, diags)?,
    })
}

/// The error for a sheet with more rows or cells than the limits allow (`rows` and `cells`
/// counted so far, the last of them at `at`).
fn over_limit(at: Location, rows: u64, cells: u64, limits: &Limits) -> Option<Diagnostic> {
    let (what, key, count, limit) = if rows > limits.rows {
        ("rows", "rows", rows, limits.rows)
    } else if cells > limits.cells {
        ("cells", "cells", cells, limits.cells)
    } else {
        return None;
    };
    let raise_to = limit.saturating_mul(2);
    Some(super::super::limits::exceeded(at, what, count.to_string(), limit.to_string(), key, raise_to))
}

pub(super) fn parse_xlsx(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    headings: &Headings,
    diags: &mut Diagnostics,
) -> Vec<RawAreaProgress> {
    let mut book = match calamine::Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    Code::BadWorkbook,
                    Location::file(file),
                    msg!("workbook-unreadable", why = e.to_string()),
                )
                .with_hint(msg!("workbook-unreadable-hint")),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for name in book.sheet_names() {
        // calamine 0.38 overflows (a panic where overflow checks are on, as in debug builds) on
        // a cell reference with too many letters or digits; the fuzzer found it. A sheet it
        // cannot read is an error in the file, never a crash of the build.
        let read =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sheet_rows(&mut book, file, &name, limits)));
        let rows = match read {
            Ok(Ok(rows)) => rows,
            Ok(Err(d)) => {
                diags.push(d);
                continue;
            }
            Err(_) => {
                diags.push(Diagnostic::error(
                    Code::BadWorkbook,
                    Location::file(file),
                    msg!("sheet-bad-reference", name = name.as_str()),
                ));
                continue;
            }
        };
        let table = Table { origin: Origin::sheet(file, &name), rows, field_starts: BTreeMap::new() };
        if let Some(districts) = read_table(&table, headings, diags) {
            out.push(RawAreaProgress {
                area: At { value: name.clone(), loc: Loc::at(&table.origin, 1, 1) },
                districts,
            });
        }
    }
    out
}

/// The non-empty cells of a sheet as rows (1-based row number, cells from column A), read cell
/// by cell. calamine's dense `Range` spans every cell between the first and the last used one,
/// so one value in XFD1048576 asked for 512 GiB (and aborted the build). Here rows hold only
/// cells up to their last value, no cell lies beyond Excel's last row or column, and the rows
/// up to the last and the cells of all rows (each as wide as its last value) must fit the limits.
fn sheet_rows(
    book: &mut calamine::Xlsx<std::io::Cursor<&[u8]>>,
    file: &str,
    name: &str,
    limits: &Limits,
) -> Result<Vec<(u64, Vec<String>)>, Diagnostic> {
    let unreadable = |e: calamine::XlsxError| {
        Diagnostic::error(
            Code::BadWorkbook,
            Location::file(file),
            msg!("sheet-unreadable", name = name, why = e.to_string()),
        )
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut width_of: BTreeMap<u32, u64> = BTreeMap::new();
    let mut cells = 0u64;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        // Without overflow checks calamine wraps an overlong reference to any position.
        if row >= 1_048_576 || col >= 16_384 {
            return Err(unreadable(calamine::XlsxError::Unexpected("a cell lies beyond Excel's last row or column")));
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let width = width_of.entry(row).or_insert(0);
        if u64::from(col) + 1 > *width {
            cells += u64::from(col) + 1 - *width;
            *width = u64::from(col) + 1;
        }
        let at = Location::cell(file, name, u64::from(row) + 1, u64::from(col) + 1);
        if let Some(d) = over_limit(at, u64::from(row) + 1, cells, limits) {
            return Err(d);
        }
        rows.entry(row).or_default().insert(col, text);
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.keys().next_back().map_or(0, |&c| c as usize + 1);
            let mut line = vec![String::new(); width];
            for (col, text) in cells {
                line[col as usize] = text;
            }
            (u64::from(row) + 1, line)
        })
        .collect())
}

/// A cell as the text an editor sees.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel date serial (1900 system: day 1 = 1900-01-01, with Excel's 1900-02-29) as YYYY-MM-DD.
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25569; // days since 1970-01-01
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Maps a header cell to its column key: the key itself, its Japanese heading, the site's own
/// heading for it, or `<key>_<lang>`.
fn column_key(header: &str, headings: &Headings) -> Option<String> {
    let h = header.trim().trim_start_matches('\u{feff}');
    if let Some((key, _, _)) = COLUMNS.iter().find(|(k, ja, _)| *k == h || *ja == h) {
        return Some((*key).to_string());
    }
    if let Some(key) = headings.0.get(h) {
        return Some(key.clone());
    }
    // Other languages: `item_ko`, `target_zh-Hant`…
    let (base, lang) = h.rsplit_once('_')?;
    let translatable = ["district", "item", "target", "result", "next_target", "issues"];
    (translatable.contains(&base) && !lang.is_empty() && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then(|| h.to_string())
}

/// Reads the rows of a table into districts and items.
fn read_table(t: &Table, headings: &Headings, diags: &mut Diagnostics) -> Option<Vec<RawProgressDistrict>> {
    let Some((header_row, header)) = t.rows.iter().find(|(_, cells)| cells.iter().any(|c| !c.is_empty())) else {
        diags.push(
            Diagnostic::error(Code::EmptyTable, t.loc(1, 0).location(), msg!("table-empty"))
                .with_hint(msg!("table-empty-hint")),
        );
        return None;
    };
    let mut columns: BTreeMap<String, usize> = BTreeMap::new();
    let mut ok = true;
    for (i, h) in header.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        match column_key(h, headings) {
            Some(key) => {
                if columns.insert(key.clone(), i).is_some() {
                    ok = false;
                    diags.push(Diagnostic::error(
                        Code::DuplicateColumn,
                        t.loc(*header_row, i).location(),
                        msg!("column-twice", column = h.as_str()),
                    ));
                }
            }
            None => {
                ok = false;
                let known: Vec<&str> = COLUMNS.iter().map(|(_, ja, _)| *ja).collect();
                diags.push(
                    Diagnostic::error(
                        Code::UnknownColumn,
                        t.loc(*header_row, i).location(),
                        msg!("unknown-column", column = h.as_str()),
                    )
                    .with_hint(msg!("unknown-column-hint", columns = known.join("、"))),
                );
            }
        }
    }
    for (key, ja, required) in COLUMNS {
        // A text column may also be given only per language (`item_ja`), as the open data is.
        let per_language = columns.keys().any(|k| k.strip_prefix(key).is_some_and(|rest| rest.starts_with('_')));
        if required && !columns.contains_key(key) && !per_language {
            ok = false;
            diags.push(
                Diagnostic::error(
                    Code::MissingColumn,
                    t.loc(*header_row, 0).location(),
                    msg!("missing-column", column = ja, key = key),
                )
                .with_hint(msg!("missing-column-hint", column = ja)),
            );
        }
    }
    if !ok {
        return None;
    }
    let mut districts: Vec<RawProgressDistrict> = Vec::new();
    for (row, cells) in t.rows.iter().filter(|(r, _)| r > header_row) {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        // A cell under no heading would be published nowhere. In a CSV it is most often a
        // comma typed in a text cell, which moved every cell after it one column on.
        let headed = |i: usize| header.get(i).is_some_and(|h| !h.is_empty());
        if let Some(i) = (0..cells.len()).find(|&i| !cells[i].is_empty() && !headed(i)) {
            diags.push(
                Diagnostic::error(
                    Code::UnknownColumn,
                    t.loc(*row, i).location(),
                    msg!("cell-without-column", value = cells[i].as_str(), cells = cells.len(), columns = header.len()),
                )
                .with_hint(msg!("cell-without-column-hint")),
            );
            continue;
        }
        let cell = |key: &str| -> Option<At<String>> {
            let &i = columns.get(key)?;
            let v = cells.get(i).map(String::as_str).unwrap_or("");
            Some(At { value: v.to_string(), loc: t.loc(*row, i) })
        };
        let text = |key: &str| -> LocText {
            let primary = cell(key).unwrap_or(At { value: String::new(), loc: t.loc(*row, 0) });
            let mut value = Vec::new();
            if !primary.value.is_empty() {
                value.push((TextLang::Primary, primary.value.as_str()));
            }
            let prefix = format!("{key}_");
            for (k, &i) in &columns {
                if let Some(lang) = k.strip_prefix(&prefix) {
                    if let Some(v) = cells.get(i).filter(|v| !v.is_empty()) {
                        value.push((TextLang::Named(lang), v.as_str()));
                    }
                }
            }
            let value = TableText::new(value);
            At { value, loc: primary.loc }
        };
        let opt_text = |key: &str| Some(text(key)).filter(|t| !t.value.is_empty());
        let opt_cell = |key: &str| cell(key).filter(|c| !c.value.is_empty());
        let name = text("district");
        let item = RawProgressItem {
            policy: cell("policy").unwrap_or_else(|| At { value: String::new(), loc: t.loc(*row, 0) }),
            priority: cell("priority").unwrap_or_else(|| At { value: String::new(), loc: t.loc(*row, 0) }),
            main: cell("main").unwrap_or_else(|| At { value: String::new(), loc: t.loc(*row, 0) }),
            item: text("item"),
            themes: cell("themes")
                .map(|c| {
                    c.value
                        .split([' ', ',', '、', '，', ';', '　'])
                        .filter(|s| !s.is_empty())
                        .map(|s| At { value: s.to_string(), loc: c.loc.clone() })
                        .collect()
                })
                .unwrap_or_default(),
            target: text("target"),
            result: opt_text("result"),
            rating: cell("rating").unwrap_or_else(|| At { value: String::new(), loc: t.loc(*row, 0) }),
            next_target: text("next_target"),
            issues: opt_text("issues"),
        };
        // Rows belong to the same district when its name is the same in every language given.
        let existing = districts.iter_mut().find(|d| d.name.value == name.value && !name.value.is_empty());
        match existing {
            Some(d) => {
                for (field, new) in [
                    ("population", opt_cell("population")),
                    ("households", opt_cell("households")),
                    ("counted_on", opt_cell("counted_on")),
                ] {
                    let old = match field {
                        "population" => &d.population,
                        "households" => &d.households,
                        _ => &d.counted_on,
                    };
                    if let (Some(old), Some(new)) = (old, &new) {
                        if old.value != new.value {
                            diags.push(
                                Diagnostic::error(
                                    Code::InconsistentDistrict,
                                    new.loc.location(),
                                    msg!(
                                        "district-differs",
                                        new = new.value.as_str(),
                                        old = old.value.as_str(),
                                        at = old.loc.location().to_string()
                                    ),
                                )
                                .with_hint(msg!("district-differs-hint")),
                            );
                        }
                    }
                }
                d.items.push(item);
            }
            None => districts.push(RawProgressDistrict {
                name,
                population: opt_cell("population"),
                households: opt_cell("households"),
                counted_on: opt_cell("counted_on"),
                items: vec![item],
            }),
        }
    }
    Some(districts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_by_line_with_crlf_and_lf() {
        let head = "district,policy,item,target,rating,next_target";
        for eol in ["\r\n", "\n"] {
            let third = "A,1,\"見守り, 訪問\",t,bad,n";
            let text = [head, "A,1,i,t,◎,n", third].join(eol) + eol;
            let mut diags = Diagnostics::new();
            let area = parse_csv("x.csv", "x", &text, &Limits::default(), &Headings::default(), &mut diags).unwrap();
            let rating = &area.districts[0].items[1].rating;
            // The caret goes under the field itself (a quoted comma does not end a field).
            let column = third[..third.find("bad").unwrap()].chars().count() as u64 + 1;
            assert_eq!(column, 17);
            assert_eq!(
                (rating.value.as_str(), rating.loc.location().line, rating.loc.location().column),
                ("bad", 3, column),
                "{eol:?}"
            );
        }
    }

    // A value's place is one shared pointer to its file (and sheet) and two numbers: at N =
    // 100,000 the parse holds some 500,000 of them.
    #[test]
    fn a_place_names_its_file_and_sheet_and_shares_them() {
        assert_eq!(std::mem::size_of::<Loc>(), 16);
        let book = Origin::sheet("content/progress/2024/book.xlsx", "中央区");
        let (a, b) = (Loc::at(&book, 3, 2), Loc::at(&book, 4, 1));
        assert!(Arc::ptr_eq(&a.origin, &b.origin) && a.path() == "content/progress/2024/book.xlsx");
        assert_eq!(a.location(), Location::cell("content/progress/2024/book.xlsx", "中央区", 3, 2));
        assert_eq!(a.location().cell.as_deref(), Some("中央区!B3"));
        let csv = Loc::file(&Origin::file("content/progress/2024/x.csv"));
        assert_eq!(csv.location(), Location::file("content/progress/2024/x.csv"));
        // A CSV cell: its line and character column, and the cell Excel shows it in.
        let cell = Loc::csv_field(&Origin::file("x.csv"), 2, 208, 9).location();
        assert_eq!((cell.line, cell.column, cell.to_string().as_str()), (2, 208, "x.csv:2:208 (I2)"));
    }

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(excel_date(45747.0), "2025-03-31");
        assert_eq!(excel_date(45383.0), "2024-04-01");
    }

    #[test]
    fn headers_in_japanese_english_and_other_languages() {
        assert_eq!(column_key("達成状況", &Headings::default()).as_deref(), Some("rating"));
        assert_eq!(column_key("rating", &Headings::default()).as_deref(), Some("rating"));
        assert_eq!(column_key("item_ko", &Headings::default()).as_deref(), Some("item_ko"));
        assert_eq!(column_key("評価", &Headings::default()), None);
    }
}

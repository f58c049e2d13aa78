//! `plansite new year <YYYY>`: the year's `year.yaml`, and per area a worksheet for Excel with
//! last year's districts and items: the item, its policy, themes and priority as they were,
//! last year's "next year's target" as this year's target, and the result, rating, next target
//! and issues left empty to fill in.
//!
//! The worksheets go to `progress-sheets/<YYYY>/`, outside `content/`, so the site keeps
//! building while they are half filled (an empty rating is an error in `content/`); an editor
//! saves each finished sheet into `content/progress/<YYYY>/` (CSV UTF-8).

use super::template::{expand, Fill};
use super::{refuse, Refusal, Scaffold, SiteInfo};
use crate::content::progress::{LocText, RawAreaProgress, TextLang};
use crate::source::SourceTree;

/// Where the worksheets go, under the site root.
pub(super) const SHEETS_DIR: &str = "progress-sheets";

pub(super) fn new_year(site: &SiteInfo, tree: &SourceTree, year: &str) -> Result<Scaffold, Refusal> {
    // (As staff write it: 2026, 令和8年度, 令和8.)
    let number: i32 = match crate::model::fiscal::FiscalYear::parse(year) {
        Some(crate::model::fiscal::FiscalYear(n)) if (1990..=2999).contains(&n) => n,
        _ => return refuse(crate::diag::msg!("new-bad-year", year = year)),
    };
    let year = &number.to_string();
    let dir = format!("content/progress/{year}/");
    if tree.entries(&dir).next().is_some() {
        return refuse(crate::diag::msg!("new-year-exists", dir = dir.as_str()));
    }
    let previous = site
        .raw
        .progress
        .iter()
        .filter(|y| y.year.value.parse::<i32>().is_ok_and(|n| n < number))
        .max_by_key(|y| y.year.value.parse::<i32>().unwrap_or(0));
    let langs = &site.langs;
    let mut files = Vec::new();
    let rel = format!("{dir}year.yaml");
    let vars = [
        ("year", year.to_string()),
        ("next", (number + 1).to_string()),
        ("area_term", site.area_term.clone()),
        ("sheets", format!("{SHEETS_DIR}/{year}")),
        ("schema", super::schema_ref(&rel, "progress")),
    ];
    let words = |key: &str, lang: &str| site.placeholder(key, lang);
    let fill = Fill { langs, lang: &langs[0], vars: &vars, words: &words };
    files.push((rel.clone(), expand(include_str!("templates/year.yaml"), &fill).into_bytes()));
    let mut sheets = Vec::new();
    for (slug, _) in &site.areas {
        let last = previous.and_then(|y| y.areas.iter().find(|a| area_of(site, a) == Some(slug.as_str())));
        let path = format!("{SHEETS_DIR}/{year}/{slug}.csv");
        files.push((path.clone(), worksheet(langs, last)));
        sheets.push(path);
    }
    let from = previous.map_or_else(String::new, |y| y.year.value.clone());
    // (As the site shows it: 令和7年度（2025年度）.)
    let from_ja = crate::model::fiscal::FiscalYear::parse(&from).map_or_else(|| "前年度".to_string(), |y| y.ja());
    let sheets_dir = format!("{SHEETS_DIR}/{year}/");
    let mut next = vec![
        crate::diag::msg!("year-next-open", dir = sheets_dir.as_str(), from = from_ja.as_str()),
        crate::diag::msg!("year-next-fill"),
        crate::diag::msg!("year-next-save", year = year),
        crate::diag::msg!("year-next-check"),
        crate::diag::msg!("year-next-meta", file = rel.as_str()),
    ];
    if sheets.is_empty() {
        next.drain(..4);
    }
    Ok(Scaffold { files, next })
}

/// The slug of the area a year's data is of: its file name, or the sheet named with the
/// area's primary name.
fn area_of<'a>(site: &'a SiteInfo, data: &RawAreaProgress) -> Option<&'a str> {
    let named = data.area.value.trim();
    site.raw
        .areas
        .iter()
        .find(|a| a.slug == named || a.raw.name.value.get(&site.langs[0]).is_some_and(|n| n.trim() == named))
        .map(|a| a.slug.as_str())
}

/// A text of a progress file in `lang` (`lang` is the primary language when `primary`).
fn text_in(t: &LocText, lang: &str, primary: bool) -> String {
    let named = t.value.get(TextLang::Named(lang));
    let value = if primary { t.value.get(TextLang::Primary).or(named) } else { named };
    value.unwrap_or_default().to_string()
}

/// Whether a priority or main cell says yes, as the importer reads it.
fn is_yes(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "○" | "〇" | "◯" | "はい" | "yes" | "true" | "1")
}

/// A worksheet (CSV UTF-8 with a byte order mark and Windows line ends, as Excel writes it)
/// with the columns of the importer's Japanese headings; translated columns exist for English
/// (the table form's only other language).
fn worksheet(langs: &[String], last: Option<&RawAreaProgress>) -> Vec<u8> {
    let en = langs.iter().skip(1).any(|l| l == "en");
    let with_policy =
        last.is_none_or(|a| a.districts.iter().flat_map(|d| &d.items).any(|i| !i.policy.value.is_empty()));
    // (heading, translated heading): the text columns have an English twin.
    let mut heads: Vec<&'static str> = vec!["地区部会エリア"];
    let pair = |heads: &mut Vec<&'static str>, ja: &'static str, en_head: &'static str| {
        heads.push(ja);
        if en {
            heads.push(en_head);
        }
    };
    if en {
        heads.push("地区部会エリア（英語）");
    }
    heads.extend(["人口", "世帯数", "基準日"]);
    if with_policy {
        heads.push("基本方針");
    }
    heads.extend(["重点取組項目", "主な取組"]);
    pair(&mut heads, "取組項目", "取組項目（英語）");
    heads.push("取組みテーマ");
    pair(&mut heads, "目標又は予定", "目標又は予定（英語）");
    pair(&mut heads, "実績", "実績（英語）");
    heads.push("達成状況");
    pair(&mut heads, "次年度の目標又は予定", "次年度の目標又は予定（英語）");
    pair(&mut heads, "今後の課題と方針", "今後の課題と方針（英語）");
    let mut rows: Vec<Vec<String>> = Vec::new();
    for district in last.map(|a| a.districts.as_slice()).unwrap_or_default() {
        for item in &district.items {
            let mut row = vec![text_in(&district.name, &langs[0], true)];
            if en {
                row.push(text_in(&district.name, "en", false));
            }
            row.extend([String::new(), String::new(), String::new()]);
            if with_policy {
                row.push(item.policy.value.clone());
            }
            row.push(if is_yes(&item.priority.value) { "○".into() } else { String::new() });
            row.push(if is_yes(&item.main.value) { "○".into() } else { String::new() });
            row.push(text_in(&item.item, &langs[0], true));
            if en {
                row.push(text_in(&item.item, "en", false));
            }
            row.push(item.themes.iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join(" "));
            row.push(text_in(&item.next_target, &langs[0], true));
            if en {
                row.push(text_in(&item.next_target, "en", false));
            }
            // The result, rating, next target and issues of the new year: empty.
            row.resize(heads.len(), String::new());
            rows.push(row);
        }
    }
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(heads.iter().copied()));
    for row in &rows {
        out.push_str(&csv_line(row.iter().map(String::as_str)));
    }
    out.into_bytes()
}

/// One row of a worksheet, with Windows line ends.
fn csv_line<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let cells: Vec<String> = cells.map(csv_field).collect();
    format!("{}\r\n", cells.join(","))
}

/// One CSV field: never a formula in a spreadsheet (a leading `'`, which the importer takes
/// off, as for the open data), quoted when it holds a comma, quote or line end.
fn csv_field(s: &str) -> String {
    let cell = crate::escape::csv_cell(s);
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worksheet_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("見守り"), "見守り");
    }
}

//! Progress data: the summary computed from the detail equals counts done by hand; YAML, CSV and
//! XLSX of the same data give the same site; each kind of mistake is reported at its row and
//! column (or sheet and cell); the open-data CSV reads back into the same pages.

//!
//! Everything is compiled in process from the fixture in memory; a refused compile is checked
//! through the diagnostics as the terminal renders them (what `plansite build` prints). That a
//! failed build leaves the published site alone is tested once, end to end, in errors.rs.

mod support;
use plansite::SourceTree;
use support::{assert_has, assert_same_files, compiled, rendered_errors, text, tree, Built};

const YEAR_DIR: &str = "content/progress/2025";

fn formats(rel: &str) -> Vec<u8> {
    std::fs::read(support::repo().join("tests/fixtures/progress-formats").join(rel)).unwrap()
}

/// The numeric cells of each body row of the summary table: priority, ◎, ○, △, ×, other.
fn summary_rows(t: &Built, page: &str, table: &str) -> Vec<Vec<String>> {
    let p = t.page(page);
    p.all(&format!("{table} tbody tr"))
        .into_iter()
        .map(|tr| {
            let sel = scraper::Selector::parse("td").unwrap();
            tr.select(&sel).map(text).collect()
        })
        .collect()
}

// A plan without basic policies (the council's) has a summary of its total alone: no empty
// body in the table, the total row in its foot, the share said under it; and no table of any
// page has an empty body.
#[test]
fn a_summary_without_policies_is_its_total_and_no_table_body_is_empty() {
    let t = support::compile(&tree("council-plan"));
    let mut summaries = 0;
    for (path, _) in t.files().filter(|(p, _)| p.ends_with(".html")) {
        let page = t.page(path);
        for body in page.all("tbody") {
            assert!(body.select(&scraper::Selector::parse("tr").unwrap()).next().is_some(), "{path}: an empty <tbody>");
        }
        for table in page.all(".summary-table") {
            summaries += 1;
            let rows = table.select(&scraper::Selector::parse("tfoot tr").unwrap()).count();
            assert_eq!(rows, 1, "{path}");
        }
    }
    assert!(summaries > 0, "no area summary in the council's plan");
}

// The 総括表 of each area equals the counts done by hand in the fixture's comment
// (an item serving two themes counts twice, as in the city's format).
#[test]
fn area_summary_matches_hand_counts() {
    let t = compiled("other-city");
    let north = summary_rows(t, "ja/progress/2025/north/index.html", ".summary-table");
    let nums = |row: &Vec<String>| row[..6].to_vec();
    assert_eq!(nums(&north[0]), ["1", "1", "0", "0", "0", "1"]);
    assert_eq!(nums(&north[1]), ["3", "0", "1", "2", "0", "0"]);
    assert_eq!(north.len(), 2);
    let south = summary_rows(t, "en/progress/2025/south/index.html", ".summary-table");
    assert_eq!(
        south.iter().map(nums).collect::<Vec<_>>(),
        [["2", "0", "2", "0", "0", "0"], ["1", "0", "0", "0", "1", "0"], ["0", "0", "0", "0", "0", "1"],]
    );
    // Main activities are the items marked `main`, under their policy.
    assert_eq!(north[0][6], "朝のあいさつ運動");
    assert_eq!(north[1][6], "見守り協力店の拡大");
}

// The city-wide summary has one row per area with data, the totals, and the ◎/○ share.
#[test]
fn year_summary_matches_hand_counts() {
    let t = compiled("other-city");
    let rows = summary_rows(t, "ja/progress/2025/index.html", "#year-summary ~ table");
    assert_eq!(rows[0], ["4", "1", "1", "2", "0", "1", "50%"]);
    assert_eq!(rows[1], ["3", "0", "2", "0", "1", "1", "67%"]);
    let page = t.page("ja/progress/2025/index.html");
    let total: Vec<String> = page.texts("#year-summary ~ table tfoot td");
    assert_eq!(total, ["7", "1", "3", "2", "1", "2", "57%"]);
    // The chart carries the same numbers as text for screen readers.
    let desc = page.text(".chart p[id$='-d']");
    // In words (a reader reads ◎ as 二重丸), with the page's punctuation.
    assert!(desc.contains("北地区：目標以上 1、概ね達成 1、一部達成 2、未達成 0。"), "{desc}");
    assert!(!desc.contains('◎'), "{desc}");
}

// Fiscal years and counting dates read in each language's own way; sample data says so.
#[test]
fn years_and_dates_in_each_language_and_sample_notice() {
    let t = compiled("other-city");
    let ja = t.page("ja/progress/2025/north/index.html");
    assert!(ja.text("h1").contains("令和7年度（2025年度）"));
    let facts = text(ja.all(".district__facts")[0]);
    assert!(facts.contains("令和8年3月31日現在") && facts.contains("2,140人"), "{facts}");
    assert!(!ja.all(".badge--sample").is_empty());
    let en = t.page("en/progress/2025/north/index.html");
    assert!(en.text("h1").contains("FY2025 (April 2025 – March 2026)"));
    assert!(text(en.all(".district__facts")[0]).contains("as of 31 March 2026"));
    // The detail is headed with what the site calls its districts (the theme's word by default).
    assert_eq!(ja.text("#area-detail"), "地区ごとの詳細");
    assert_eq!(en.text("#area-detail"), "Detail by district");
    let sample = compiled("sample");
    assert_eq!(sample.page("ja/progress/2024/chuo/index.html").text("#area-detail"), "地区部会エリアごとの詳細");
    assert_eq!(sample.page("en/progress/2024/chuo/index.html").text("#area-detail"), "Detail by district council area");
    // Ratings show symbol and words, never colour alone.
    let rating = en.all(".detail-table .rating")[0];
    assert_eq!(text(rating), "◎ Exceeded");
    // The area page shows its latest summary and links to the detail.
    let area = t.page("en/areas/north/index.html");
    assert_eq!(area.attr("#area-progress ~ p a.button", "href"), "../../progress/2025/north/");
    assert!(t.page("en/areas/east/index.html").all("#area-progress").is_empty());
}

/// The fixture with its 2025 progress given as `files` (name in the year folder, bytes)
/// instead of north.yaml and south.yaml.
fn progress_as(files: &[(&str, Vec<u8>)]) -> SourceTree {
    let mut t = support::without(&tree("other-city"), |p| {
        p == format!("{YEAR_DIR}/north.yaml") || p == format!("{YEAR_DIR}/south.yaml")
    });
    for (name, bytes) in files {
        t.insert(format!("{YEAR_DIR}/{name}"), bytes.clone());
    }
    t
}

// YAML, CSV (Japanese and English headers) and XLSX of the same data build identical sites.
#[test]
fn yaml_csv_and_xlsx_give_the_same_site() {
    let yaml = compiled("other-city");
    assert!(yaml.site.get("ja/progress/2025/north/index.html").is_some());
    let csv = support::compile(&progress_as(&[
        ("north.csv", formats("csv/north.csv")),
        ("south.csv", formats("csv/south.csv")),
    ]));
    let xlsx = support::compile(&progress_as(&[("progress.xlsx", formats("xlsx/progress.xlsx"))]));
    for (other, what) in [(&csv, "CSV"), (&xlsx, "XLSX")] {
        assert_same_files(yaml.files(), other.files(), what);
    }
}

/// The fixture with north's progress as a CSV file of `rows` under the Japanese headings:
/// the diagnostics as rendered for the terminal.
fn csv_error(rows: &[&str]) -> String {
    let mut csv = String::from("\u{feff}地区部会エリア,人口,世帯数,基準日,基本方針,重点取組項目,取組項目,目標又は予定,達成状況,次年度の目標又は予定\n");
    for r in rows {
        csv.push_str(r);
        csv.push('\n');
    }
    north_as("north.csv", csv.into_bytes())
}

/// The fixture with north's progress given as the file `name` only: the rendered diagnostics.
fn north_as(name: &str, bytes: Vec<u8>) -> String {
    let mut t = support::without(&tree("other-city"), |p| p == format!("{YEAR_DIR}/north.yaml"));
    t.insert(format!("{YEAR_DIR}/{name}"), bytes);
    rendered_errors(&t)
}

const OK_ROW: &str = "北浜地区,2140,1032,2026-03-31,1,○,あいさつ運動,月1回行う。,◎,続ける。";

// Each mistake in a CSV file is reported at its row (line) and the character column where
// its field starts (so the caret stands under it), with a hint.
#[test]
fn csv_errors_name_row_and_column() {
    let e = csv_error(&[OK_ROW, "北浜地区,2140,1032,2026-03-31,1,,見守り,訪問する。,good?,続ける。"]);
    assert_has(
        &e,
        &["error[unknown-rating]", "content/progress/2025/north.csv:3:40", "`good?` is not a self-rating", "◎"],
    );
    let e = csv_error(&[OK_ROW, "北浜地区,2140,1032,2026-03-31,9,,清掃,年2回行う。,○,続ける。"]);
    assert_has(
        &e,
        &["error[unknown-policy]", "north.csv:3:27", "basic policy 9 does not exist", "basic policies 1, 2"],
    );
    let e = csv_error(&[OK_ROW, "漁港地区,約2000,700,2026-03-31,2,,朝市,出店する。,△,続ける。"]);
    assert_has(&e, &["error[not-a-number]", "north.csv:3:6", "`約2000` is not a number"]);
    let e = csv_error(&[OK_ROW, "北浜地区,2140,1032,2026-03-31,2,,,目標,△,続ける。"]);
    assert_has(&e, &["error[missing-value]", "north.csv:3:30", "item (取組項目) is empty"]);
    let e = csv_error(&[OK_ROW, "北浜地区,2150,1032,2026-03-31,2,,朝市,出店する。,△,続ける。"]);
    assert_has(&e, &["error[inconsistent-district]", "north.csv:3:6", "`2150` differs from `2140`"]);
    let e = csv_error(&["北浜地区,2140,1032,2026-03-31,1,○,あいさつ運動,月1回行う。,◎"]);
    assert!(e.contains("error[missing-value]") && e.contains("north.csv:2:10"), "{e}");
    // A comma typed in a text cell moves the cells after it on, the last under no heading; and a
    // note in a cell beside the table would be published nowhere.
    let e = csv_error(&[OK_ROW, "北浜地区,2140,1032,2026-03-31,1,,見守り,12回, 240人を訪問。,◎,続ける。"]);
    assert_has(
        &e,
        &[
            "error[unknown-column]",
            "north.csv:3:50",
            "`続ける。` is under no column heading",
            "11 cells",
            "10 columns",
            "double quotes",
        ],
    );
    let e = csv_error(&[&format!("{OK_ROW},担当：佐藤")]);
    assert_has(&e, &["error[unknown-column]", "north.csv:2:", "`担当：佐藤` is under no column heading"]);
}

// A misspelt column heading is reported at its cell with the list of known headings.
#[test]
fn csv_unknown_column() {
    let e = north_as("north.csv", "地区部会エリア,基本方針,取組項目,目標又は予定,評価,次年度の目標又は予定\n".into());
    assert_has(&e, &["error[unknown-column]", "north.csv:1:26", "`評価`", "達成状況"]);
    assert_has(&e, &["error[missing-column]", "`達成状況` (rating) is missing"]);
}

// In a workbook, each mistake is reported as sheet!cell.
#[test]
fn xlsx_errors_name_sheet_and_cell() {
    let e = north_as("progress.xlsx", formats("xlsx-errors/progress.xlsx"));
    assert_has(
        &e,
        &[
            "content/progress/2025/progress.xlsx: north!I3",
            "error[unknown-rating]",
            "progress.xlsx: north!E4",
            "error[unknown-policy]",
            "progress.xlsx: north!B5",
            "error[not-a-number]",
            "progress.xlsx: north!G6",
            "error[missing-value]",
        ],
    );
}

// A district listed twice in YAML, and a second file for the same area, are errors.
#[test]
fn duplicate_district_and_duplicate_area() {
    let mut t = tree("other-city");
    let path = format!("{YEAR_DIR}/north.yaml");
    let text = support::tree_text(&t, &path);
    let start = text.find("  - name:").unwrap();
    let second = text[start + 1..].find("  - name:").unwrap() + start + 1;
    let first_district = &text[start..second];
    t.insert(path.as_str(), format!("{text}{first_district}"));
    t.insert(format!("{YEAR_DIR}/south.csv"), formats("csv/south.csv"));
    let e = rendered_errors(&t);
    assert_has(
        &e,
        &[
            "error[duplicate-district]",
            "the district `北浜地区` is listed twice",
            "error[duplicate-area]",
            "content/progress/2025/south",
        ],
    );
}

// The open-data CSV has a row per item and, read back as progress input, gives the same pages.
#[test]
fn open_data_csv_round_trips() {
    let t = compiled("other-city");
    let bytes = t.site.get("data/progress-2025.csv").unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "Excel needs the BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("district_ja")], "北浜地区");
    assert_eq!(&rows[0][col("rating")], "◎");
    assert_eq!(&rows[0][col("area_name_en")], "North District");
    // Re-import: keep the columns the importer knows, one file per area.
    let dropped = [
        "fiscal_year",
        "sample",
        "area",
        "area_name_ja",
        "area_name_en",
        "policy_title_ja",
        "policy_title_en",
        "rating_key",
    ];
    let keep: Vec<usize> = (0..headers.len()).filter(|&i| !dropped.contains(&&headers[i])).collect();
    let mut csv_files = Vec::new();
    for area in ["north", "south"] {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(keep.iter().map(|&i| &headers[i])).unwrap();
        for r in rows.iter().filter(|r| &r[col("area")] == area) {
            w.write_record(keep.iter().map(|&i| &r[i])).unwrap();
        }
        csv_files.push((if area == "north" { "north.csv" } else { "south.csv" }, w.into_inner().unwrap()));
    }
    let again = support::compile(&progress_as(&csv_files));
    assert_same_files(t.files(), again.files(), "after the round trip");
    let json = t.json("data/progress-2025.json");
    assert_eq!(json["items"].as_array().unwrap().len(), 7);
    assert_eq!(json["sample"], true);
}

// With two years, each year's page links the other and shows the change from the previous year.
#[test]
fn second_year_shows_switcher_and_change() {
    let mut tr = tree("other-city");
    let year: Vec<(String, Vec<u8>)> =
        tr.under(&format!("{YEAR_DIR}/")).map(|(p, b)| (p.replacen("/2025/", "/2026/", 1), b.to_vec())).collect();
    assert_eq!(year.len(), 3);
    for (p, b) in year {
        tr.insert(p, b);
    }
    support::edit(&mut tr, "content/progress/2026/north.yaml", "rating: △", "rating: ◎");
    let t = support::compile(&tr);
    let page = t.page("ja/progress/2026/index.html");
    let years = page.texts(".year-switch li");
    assert_eq!(years, ["令和8年度（2026年度）", "令和7年度（2025年度）"]);
    // north: ◎ and ○ went from 2 of 4 (50%) to 4 of 4 (100%): +50 points; south unchanged.
    let rows = summary_rows(&t, "ja/progress/2026/index.html", "#year-change ~ table");
    assert_eq!(rows[0], ["50%", "100%", "+50"]);
    assert_eq!(rows[1], ["67%", "67%", "±0"]);
    // The area page shows the latest year.
    assert!(t.page("ja/areas/north/index.html").text("#area-progress").contains("令和8年度"));
}

// `.yml` is YAML throughout: a year's `year.yml` is its `year.yaml`, and the site is the same.
#[test]
fn a_year_file_saved_as_yml_is_read_as_year_yaml() {
    let sample = tree("sample");
    let meta = support::tree_text(&sample, "content/progress/2024/year.yaml");
    let mut renamed = support::without(&sample, |p| p == "content/progress/2024/year.yaml");
    renamed.insert("content/progress/2024/year.yml", meta);
    let (a, b) = (support::compile(&sample), support::compile(&renamed));
    assert_same_files(a.files(), b.files(), "year.yml for year.yaml");
    // Both: two files for one thing, said (not one silently read).
    renamed.insert("content/progress/2024/year.yaml", support::tree_text(&sample, "content/progress/2024/year.yaml"));
    assert_has(&rendered_errors(&renamed), &["error[duplicate-slug]", "content/progress/2024/year.yml", "year.yaml"]);
}

// A CSV saved as Excel's 「Unicode テキスト」 (UTF-16 with its byte-order mark) is told as that,
// not as Shift_JIS.
#[test]
fn a_utf16_csv_is_named_as_such() {
    let text = format!("地区部会エリア,取組項目\n{OK_ROW}\n");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let e = north_as("north.csv", bytes);
    assert_has(&e, &["error[not-utf8]", "north.csv", "UTF-16", "CSV UTF-8"]);
}

// Messages about districts use the site's word for them (the council's 小地域: its areas are
// 支所地区, so plansite's own 地区 would name the wrong thing); a site without one, 地区.
#[test]
fn district_messages_use_the_site_s_word() {
    let mut t = tree("council-plan");
    let csv = support::tree_text(&t, "content/progress/2026/kita.csv");
    let (head, rest) = csv.split_once('\n').unwrap();
    t.insert("content/progress/2026/kita.csv", format!("{head}\n{}", rest.replacen("北一丁目", "", 1)));
    let said = plansite::diag::render_terminal_in(&support::content_errors(&t), &t, plansite::diag::Lang::Ja);
    assert!(said.contains("小地域が空です"), "{said}");
    assert!(!said.contains("地区名"), "{said}");
    let mut other = support::without(&tree("other-city"), |p| p == format!("{YEAR_DIR}/north.yaml"));
    other.insert(
        format!("{YEAR_DIR}/north.csv"),
        "地区部会エリア,基本方針,取組項目,目標又は予定,達成状況,次年度の目標又は予定\n,1,清掃,年2回。,○,続ける。\n"
            .as_bytes()
            .to_vec(),
    );
    let said = plansite::diag::render_terminal_in(&support::content_errors(&other), &other, plansite::diag::Lang::Ja);
    assert!(said.contains("地区名が空です"), "{said}");
}

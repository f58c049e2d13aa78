//! Open data: each fiscal year of progress data as `data/progress-YYYY.csv` and `.json`, one row
//! per item with its area, district, policy, priority, rating and texts in every language where
//! given (no fallback: an empty English cell means there is no translation).

use crate::model::progress::ProgressYear;
use crate::model::{Site, Text};
use serde_json::{json, Map, Value};

/// Column names of the open-data files, in order, for the site's languages.
pub(crate) fn columns(site: &Site) -> Vec<String> {
    let langs: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
    let per_lang = |base: &str| langs.iter().map(move |l| format!("{base}_{l}")).collect::<Vec<_>>();
    let mut cols: Vec<String> = vec!["fiscal_year".into(), "sample".into(), "area".into()];
    cols.extend(per_lang("area_name"));
    cols.extend(per_lang("district"));
    cols.extend(["population", "households", "counted_on"].map(String::from));
    // A plan whose areas have no basic policies has no policy columns.
    if has_policies(site) {
        cols.push("policy".into());
        cols.extend(per_lang("policy_title"));
    }
    cols.extend(["priority", "main"].map(String::from));
    cols.extend(per_lang("item"));
    cols.push("themes".into());
    cols.extend(per_lang("target"));
    cols.extend(per_lang("result"));
    cols.extend(["rating", "rating_key"].map(String::from));
    cols.extend(per_lang("next_target"));
    cols.extend(per_lang("issues"));
    cols
}

/// Whether any area has basic policies.
fn has_policies(site: &Site) -> bool {
    site.areas.iter().any(|a| !a.policies.is_empty())
}

/// One row per item: column → value (strings, numbers as text; empty when absent).
pub(crate) fn rows(site: &Site, year: &ProgressYear) -> Vec<Map<String, Value>> {
    let langs: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
    let with_policies = has_policies(site);
    let mut out = Vec::new();
    for ap in &year.areas {
        let area = &site.areas[ap.area];
        for d in &ap.districts {
            for item in &d.items {
                let mut row = Map::new();
                let mut texts = |base: &str, t: Option<&Text>| {
                    for l in &langs {
                        let v = t.filter(|t| t.has(l)).map_or("", |t| t.get(l).text);
                        row.insert(format!("{base}_{l}"), json!(v));
                    }
                };
                let policy = area.policies.iter().find(|p| Some(p.number) == item.policy);
                texts("area_name", Some(&area.name));
                texts("district", Some(&d.name));
                if with_policies {
                    texts("policy_title", policy.map(|p| &p.title));
                }
                texts("item", Some(&item.item));
                texts("target", Some(&item.target));
                texts("result", item.result.as_ref());
                texts("next_target", Some(&item.next_target));
                texts("issues", item.issues.as_ref());
                let opt = |n: Option<u64>| n.map_or_else(String::new, |n| n.to_string());
                row.insert("fiscal_year".into(), json!(year.year.0.to_string()));
                row.insert("sample".into(), json!(year.sample.to_string()));
                row.insert("area".into(), json!(area.slug));
                row.insert("population".into(), json!(opt(d.population)));
                row.insert("households".into(), json!(opt(d.households)));
                row.insert("counted_on".into(), json!(d.counted_on.map_or_else(String::new, |c| c.to_string())));
                if with_policies {
                    row.insert("policy".into(), json!(item.policy.map_or_else(String::new, |p| p.to_string())));
                }
                row.insert("priority".into(), json!(item.priority.to_string()));
                row.insert("main".into(), json!(item.main.to_string()));
                let themes: Vec<&str> = item.themes.iter().map(|&t| site.themes[t].slug.as_str()).collect();
                row.insert("themes".into(), json!(themes.join(" ")));
                row.insert("rating".into(), json!(item.rating.symbol()));
                row.insert("rating_key".into(), json!(item.rating.key()));
                out.push(row);
            }
        }
    }
    out
}

/// The CSV file of `rows` ([`rows`]): UTF-8 with a BOM (so Excel opens it correctly), CRLF
/// line ends, a header row; no cell can start a formula.
pub(crate) fn csv(site: &Site, rows: &[Map<String, Value>]) -> Vec<u8> {
    let cols = columns(site);
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&cols);
    for row in rows {
        // A cell that starts like a formula is written as text (`'=…`), so opening the file in
        // a spreadsheet never runs anything; plansite reads it back the same.
        let cells = cols.iter().map(|c| crate::escape::csv_cell(row.get(c).and_then(Value::as_str).unwrap_or("")));
        let _ = w.write_record(cells.collect::<Vec<_>>().iter().map(|c| c.as_bytes()));
    }
    w.into_inner().unwrap_or_default()
}

/// The JSON file: the year, whether it is sample data, the licence, and `rows`.
pub(crate) fn json(site: &Site, year: &ProgressYear, rows: &[Map<String, Value>]) -> Vec<u8> {
    let primary = site.config.primary().code.as_str();
    let licence = site.config.data_licence.as_ref().map(|l| json!({"name": l.name.get(primary).text, "url": l.url}));
    let doc = json!({
        "fiscal_year": year.year.0,
        "sample": year.sample,
        "licence": licence,
        "columns": columns(site),
        "items": rows,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

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

/// One row per item, in order, each made when it is asked for: column → value (strings,
/// numbers as text; empty when absent). Only one row is held at a time, so the files of a year
/// of 100,000 items are written without holding them whole.
fn rows<'a>(site: &'a Site, year: &'a ProgressYear) -> impl Iterator<Item = Map<String, Value>> + 'a {
    let langs: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
    let with_policies = has_policies(site);
    year.areas.iter().flat_map(move |ap| {
        let langs = langs.clone();
        ap.districts.iter().flat_map(move |d| {
            let langs = langs.clone();
            d.items.iter().map(move |item| {
                let area = &site.areas[ap.area];
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
                row
            })
        })
    })
}

/// Writes the CSV file of `year` to `out`, row by row: UTF-8 with a BOM (so Excel opens it
/// correctly), CRLF line ends, a header row; no cell can start a formula.
pub(crate) fn csv(site: &Site, year: &ProgressYear, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let cols = columns(site);
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(&cols)?;
    for row in rows(site, year) {
        // A cell that starts like a formula is written as text (`'=…`), so opening the file in
        // a spreadsheet never runs anything; plansite reads it back the same.
        let cells = cols.iter().map(|c| crate::escape::csv_cell(row.get(c).and_then(Value::as_str).unwrap_or("")));
        w.write_record(cells.collect::<Vec<_>>().iter().map(|c| c.as_bytes()))?;
    }
    w.flush()
}

/// The JSON file of `year`, written to `out` as it is made: the year, whether it is sample
/// data, the licence, the columns and the items (the fields in that file's order).
pub(crate) fn json(site: &Site, year: &ProgressYear, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    /// The items, made one at a time as they are written.
    struct Items<'a>(&'a Site, &'a ProgressYear);
    impl serde::Serialize for Items<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(rows(self.0, self.1))
        }
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        columns: Vec<String>,
        fiscal_year: i32,
        items: Items<'a>,
        licence: Option<Value>,
        sample: bool,
    }
    let primary = site.config.primary().code.as_str();
    let licence = site.config.data_licence.as_ref().map(|l| json!({"name": l.name.get(primary).text, "url": l.url}));
    let doc = Doc {
        columns: columns(site),
        fiscal_year: year.year.0,
        items: Items(site, year),
        licence,
        sample: year.sample,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

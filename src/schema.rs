//! `plansite schema`: JSON Schemas of the content files, for editors' autocompletion and
//! checking as they type (the YAML language server of VS Code and others).
//!
//! The schemas are made from the very types the loader reads the files into
//! (`content::raw`, `content::progress`), with schemars, so they cannot say something else than
//! the loader: a field's doc comment is its description (「日本語 / English」), a field without
//! `#[serde(default)]` is required, `deny_unknown_fields` forbids other fields. They are written
//! as draft-07, the newest draft the YAML language server reads.
//!
//! What only the site knows is filled in from the site itself, read through the loader: its
//! areas and themes (the allowed values wherever a field names one), its languages (the keys
//! of a text). What only the model knows comes from the model: the ways of writing a rating,
//! the kinds of publisher.

use crate::content::{self, raw, ParseCache};
use crate::model::progress::Rating;
use crate::model::PublisherKind;
use crate::source::SourceTree;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

/// Every schema file plansite writes, by kind: `<kind>.schema.json`. Scaffolds and
/// `.vscode/settings.json` name them exactly so.
pub const KINDS: [&str; 8] = ["site", "plan", "theme", "area", "case", "structure", "search", "progress"];

/// What every schema file holds, so `schema` replaces only files it wrote itself.
pub const MARKER: &str = "written by `plansite schema`";

/// The file name of a kind's schema.
pub fn file_name(kind: &str) -> String {
    format!("{kind}.schema.json")
}

/// What the schemas of a site allow where only the site says it.
#[derive(Debug, Default)]
struct SiteValues {
    areas: Vec<String>,
    themes: Vec<String>,
    /// Language codes and names, the primary language first.
    languages: Vec<(String, String)>,
}

fn site_values(tree: &SourceTree) -> SiteValues {
    // The loader's own parse: an item that does not parse gives no id (its file is what the
    // editor is fixing), the rest do.
    let (content, _) = content::parse_cached(tree, &ParseCache::default());
    let mut areas: Vec<String> = content.areas.iter().map(|a| a.slug.clone()).collect();
    let mut themes: Vec<String> = content.themes.iter().map(|t| t.slug.clone()).collect();
    areas.sort();
    areas.dedup();
    themes.sort();
    themes.dedup();
    let languages = content
        .site
        .as_ref()
        .map(|s| s.raw.languages.value.iter().map(|l| (l.code.value.clone(), l.name.clone())).collect())
        .unwrap_or_default();
    SiteValues { areas, themes, languages }
}

/// The schema of every kind, for the site in `tree`: (file name, JSON text), in [`KINDS`] order.
pub fn generate(tree: &SourceTree) -> Vec<(String, String)> {
    let values = site_values(tree);
    KINDS
        .iter()
        .map(|kind| {
            let schema = match *kind {
                "site" => root::<raw::RawSite>(),
                "plan" => root::<raw::RawPlan>(),
                "theme" => root::<raw::RawTheme>(),
                "area" => root::<raw::RawArea>(),
                "case" => root::<raw::RawCase>(),
                "structure" => root::<raw::RawStructure>(),
                "search" => root::<raw::RawSearch>(),
                _ => progress(),
            };
            let mut value = schema.to_value();
            fill_in(&mut value, kind, &values);
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
            text.push('\n');
            (file_name(kind), text)
        })
        .collect()
}

/// The settings every schema is made with: draft-07.
fn settings() -> SchemaSettings {
    SchemaSettings::draft07()
}

fn root<T: JsonSchema>() -> Schema {
    settings().into_generator().into_root_schema_for::<T>()
}

/// A progress file is `year.yaml` or an area's data: one schema for both (the `$schema` line
/// of a scaffold names it for either), which takes whichever form the file has.
fn progress() -> Schema {
    let mut generator = settings().into_generator();
    let year = generator.subschema_for::<content::progress::RawYearMeta>();
    let area = generator.subschema_for::<content::progress::yaml_form::YamlArea>();
    let mut schema = schemars::json_schema!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Progress",
        "description": "`content/progress/<年度>/` のファイル：year.yaml（その年度について）またはエリアごとの推進状況（<エリア>.yaml） / A file of a progress year folder: year.yaml, or one area's data (<area>.yaml)",
        "anyOf": [year, area],
    });
    let definitions: Map<String, Value> = generator.take_definitions(true);
    schema.insert("definitions".into(), Value::Object(definitions));
    schema
}

/// Fills in what only the site and the model know, and marks the file as plansite's.
fn fill_in(schema: &mut Value, kind: &str, values: &SiteValues) {
    let Some(top) = schema.as_object_mut() else { return };
    top.insert("$comment".into(), json!(format!("{MARKER}; run it again after adding an area or a theme")));
    top.insert("title".into(), json!(format!("plansite: {kind}")));
    let Some(defs) = top.get_mut("definitions").and_then(Value::as_object_mut) else { return };
    let mut allow = |name: &str, list: Vec<String>| {
        if let Some(def) = defs.get_mut(name).and_then(Value::as_object_mut) {
            if !list.is_empty() {
                def.insert("enum".into(), json!(list));
            }
        }
    };
    allow("AreaId", values.areas.clone());
    allow("ThemeId", values.themes.clone());
    allow("PublisherKind", PublisherKind::ALL.iter().map(|(w, _)| w.to_string()).collect());
    if let Some(def) = defs.get_mut("Rating").and_then(Value::as_object_mut) {
        // The words to complete from, and the pattern of exactly what the loader reads.
        let words: Vec<&str> = Rating::WORDS.iter().map(|(w, _)| *w).collect();
        def.insert("anyOf".into(), json!([{"enum": words}, {"pattern": rating_pattern()}]));
    }
    if let Some(text) = defs.get_mut("Text").and_then(Value::as_object_mut) {
        let properties: Map<String, Value> = values
            .languages
            .iter()
            .map(|(code, name)| (code.clone(), json!({"type": "string", "description": name})))
            .collect();
        if !properties.is_empty() {
            text.insert("properties".into(), Value::Object(properties));
        }
    }
}

/// What a rating may be, as a regular expression: exactly the texts [`Rating::parse`] reads,
/// a word of [`Rating::WORDS`] in any case, with full-width letters and spaces around it.
fn rating_pattern() -> String {
    // Rust's `trim`: the characters with Unicode's White_Space property.
    const SPACE: &str =
        "[\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}]*";
    let words: Vec<String> = Rating::WORDS.iter().map(|(w, _)| w.chars().map(written_as).collect()).collect();
    format!("^{SPACE}(?:{}){SPACE}$", words.join("|"))
}

/// The characters that read as `c` once full-width letters are made half-width and all is
/// lower case, as a regular expression.
fn written_as(c: char) -> String {
    let mut forms = vec![c];
    if c.is_ascii_lowercase() {
        forms.push(c.to_ascii_uppercase());
    }
    let full_width: Vec<char> =
        forms.iter().filter(|f| ('!'..='~').contains(*f)).filter_map(|f| char::from_u32(*f as u32 + 0xFEE0)).collect();
    forms.extend(full_width);
    let escape = |f: &char| if f.is_ascii_punctuation() { format!("\\{f}") } else { f.to_string() };
    match forms.as_slice() {
        [one] => escape(one),
        many => format!("[{}]", many.iter().map(escape).collect::<String>()),
    }
}

/// Writes the schemas of the site at `root` into `out`, replacing only schema files plansite
/// wrote; returns the files written.
pub fn write(root: &Path, out: &Path) -> Result<Vec<PathBuf>, crate::error::BuildError> {
    let tree = SourceTree::load(root)?;
    let files = generate(&tree);
    crate::output::generated::write_files(out, &files, MARKER)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The schema takes exactly the ratings the loader reads: any case, full-width letters,
    // spaces around (full-width ones too), and nothing else.
    #[test]
    fn the_rating_schema_accepts_exactly_what_the_loader_reads() {
        let words: Vec<&str> = Rating::WORDS.iter().map(|(w, _)| *w).collect();
        let schema = json!({"type": "string", "anyOf": [{"enum": words}, {"pattern": rating_pattern()}]});
        let validator = jsonschema::draft7::new(&schema).expect("a valid schema");
        let full_width = |s: &str| -> String {
            s.chars()
                .map(|c| if ('!'..='~').contains(&c) { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
                .collect()
        };
        let mut candidates: Vec<String> = vec!["".into(), " ".into(), "A".into(), "◎◎".into(), "notachieved".into()];
        for (w, _) in Rating::WORDS {
            let upper = w.to_uppercase();
            candidates.extend([
                w.to_string(),
                upper.clone(),
                format!(" {w} "),
                format!("\u{3000}{w}\t"),
                full_width(w),
                full_width(&upper),
                format!("{w}x"),
                format!("x{w}"),
                format!("{w}.{w}"),
                w.replace(' ', "  "),
                format!("\u{feff}{w}"),
            ]);
        }
        let mut accepted = 0;
        for c in &candidates {
            let reads = Rating::parse(c).is_some();
            assert_eq!(validator.is_valid(&json!(c)), reads, "{c:?}: the loader reads it: {reads}");
            accepted += usize::from(reads);
        }
        assert!(accepted > 100, "only {accepted} candidates are ratings");
    }
}

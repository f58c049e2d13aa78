//! The JSON Schemas of `plansite schema`: the sample's committed schemas are exactly what the
//! command makes; every YAML file of the sample and of the fixtures is valid against its
//! kind's schema; each mistake an editor can make that a schema can see (tests/errors.rs) is
//! rejected; `.vscode/settings.json` maps every schema to its files; the command writes the
//! files and never replaces one it did not write.

mod support;
use plansite::schema::{file_name, generate, KINDS};
use plansite::SourceTree;
use serde_json::Value;
use std::process::Command;
use support::{repo, tree};

/// The schema kind of a content file, by its path (as `content::parse` sorts files).
fn kind_of(path: &str) -> Option<&'static str> {
    let rest = path.strip_prefix("content/")?;
    let stem = rest.strip_suffix(".yaml").or_else(|| rest.strip_suffix(".yml"))?;
    match stem.split('/').collect::<Vec<_>>().as_slice() {
        ["site"] => Some("site"),
        ["plan"] => Some("plan"),
        ["structure"] => Some("structure"),
        ["search"] => Some("search"),
        ["themes", _] => Some("theme"),
        ["areas", _] => Some("area"),
        ["cases", _] => Some("case"),
        ["progress", _, _] => Some("progress"),
        _ => None,
    }
}

/// The schemas of a site by kind, parsed.
fn schemas(tree: &SourceTree) -> Vec<(&'static str, Value)> {
    let made = generate(tree);
    KINDS.iter().zip(made).map(|(k, (_, text))| (*k, serde_json::from_str(&text).unwrap())).collect()
}

fn schema_of<'a>(schemas: &'a [(&'static str, Value)], kind: &str) -> &'a Value {
    &schemas.iter().find(|(k, _)| *k == kind).unwrap().1
}

/// What the schema says is wrong with `yaml` (read as the YAML language server reads it).
fn problems(schema: &Value, yaml: &str) -> Vec<String> {
    let instance: Value = serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("not YAML: {e}\n{yaml}"));
    let validator = jsonschema::draft7::new(schema).expect("a valid draft-07 schema");
    validator.iter_errors(&instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// Every YAML file of a site (path, text) under content/.
fn yaml_files(tree: &SourceTree) -> Vec<(String, String)> {
    tree.under("content/")
        .filter(|(p, _)| kind_of(p).is_some())
        .map(|(p, b)| (p.to_string(), String::from_utf8(b.to_vec()).unwrap()))
        .collect()
}

#[test]
fn committed_schemas_are_what_the_command_makes() {
    let dir = repo().join("schemas");
    for (name, text) in generate(&tree("sample")) {
        let committed = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        assert!(
            committed == text,
            "schemas/{name} is not what `plansite schema` makes now: run `cargo run -- schema` and commit schemas/"
        );
    }
}

#[test]
fn schemas_are_draft_07_with_descriptions_in_both_languages() {
    let all = schemas(&tree("sample"));
    assert_eq!(all.len(), 8);
    for (kind, schema) in &all {
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#", "{kind}");
        assert!(jsonschema::draft7::meta::is_valid(schema), "{kind} is not a valid draft-07 schema");
    }
    let case = schema_of(&all, "case");
    let title = case["properties"]["title"]["description"].as_str().unwrap();
    assert!(title.contains(" / ") && title.contains("事例") && title.contains("title"), "{title}");
    let required: Vec<&str> = case["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for field in ["title", "area", "themes", "published", "activities", "point"] {
        assert!(required.contains(&field), "{field} should be required: {required:?}");
    }
    assert!(!required.contains(&"venue"));
    assert_eq!(case["additionalProperties"], false);
}

#[test]
fn areas_themes_and_ratings_of_the_site_are_the_allowed_values() {
    let all = schemas(&tree("sample"));
    let defs = &schema_of(&all, "case")["definitions"];
    let areas: Vec<&str> = defs["AreaId"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(areas.contains(&"chuo") && areas.contains(&"midori"), "{areas:?}");
    let themes = defs["ThemeId"]["enum"].as_array().unwrap();
    assert!(themes.contains(&Value::from("watching-over")), "{themes:?}");
    let languages = defs["Text"]["properties"].as_object().unwrap();
    assert_eq!(languages.keys().collect::<Vec<_>>(), ["easy", "en", "ja"]);
    let ratings = schema_of(&all, "progress")["definitions"]["Rating"]["anyOf"][0]["enum"].as_array().unwrap();
    for r in ["◎", "○", "△", "×"] {
        assert!(ratings.contains(&Value::from(r)), "{ratings:?}");
    }
    // Another site's schemas allow its own areas, not the sample's.
    let other = schemas(&tree("other-city"));
    let areas = &schema_of(&other, "case")["definitions"]["AreaId"]["enum"];
    assert!(areas.as_array().unwrap().contains(&Value::from("north")), "{areas}");
    assert!(!areas.as_array().unwrap().contains(&Value::from("chuo")), "{areas}");
}

#[test]
fn every_sample_and_fixture_file_is_valid() {
    let mut sites: Vec<(String, SourceTree)> = vec![("sample".into(), tree("sample"))];
    for name in ["other-city", "council-plan"] {
        sites.push((name.into(), SourceTree::load(&repo().join("tests/fixtures").join(name)).unwrap()));
    }
    let mut checked = 0;
    for (site, tree) in &sites {
        let schemas = schemas(tree);
        for (path, text) in yaml_files(tree) {
            let kind = kind_of(&path).unwrap();
            let found = problems(schema_of(&schemas, kind), &text);
            assert!(found.is_empty(), "{site}: {path} is not valid against {kind}.schema.json:\n{found:#?}");
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} files checked");
}

const CASE: &str = "title: {ja: 新しい事例, en: New case}\narea: north\nthemes: [everyday-help]\npublished: 2025-04-01\nactivities: {ja: 取組み}\npoint: {ja: ポイント}\n";

#[test]
fn mistakes_a_schema_can_see_are_rejected() {
    let schemas = schemas(&tree("other-city"));
    let case = schema_of(&schemas, "case");
    assert_eq!(problems(case, CASE), Vec::<String>::new(), "the good case study must pass");
    // The schema-level mistakes of tests/errors.rs.
    let bad = [
        ("missing field", CASE.replace("point: {ja: ポイント}\n", "")),
        ("unknown field", CASE.replace("point:", "piont:")),
        ("unknown area", CASE.replace("area: north", "area: nort")),
        ("unknown theme", CASE.replace("[everyday-help]", "[everyday-help, mimamori]")),
        ("Japanese date", CASE.replace("2025-04-01", "令和7年4月1日")),
        ("text not per language", CASE.replace("point: {ja: ポイント}", "point: ポイント")),
        ("themes not a list", CASE.replace("themes: [everyday-help]", "themes: {ja: everyday-help}")),
    ];
    for (what, text) in &bad {
        assert!(!problems(case, text).is_empty(), "{what} was not rejected:\n{text}");
    }
    let theme = schema_of(&schemas, "theme");
    let good_theme = "number: 1\ntitle: {ja: 見守り}\nsummary: {ja: 要約}\n";
    assert!(problems(theme, good_theme).is_empty());
    assert!(!problems(theme, "number: many\ntitle: {ja: 見守り}\nsummary: {ja: 要約}\n").is_empty());
    assert!(!problems(theme, &format!("{good_theme}actions:\n  - text: {{ja: 取組}}\n    status: newer\n")).is_empty());
    let progress = schema_of(&schemas, "progress");
    let item = "districts:\n  - name: {ja: 北地区}\n    items:\n      - item: {ja: 見守り}\n        target: {ja: 月1回}\n        rating: RATING\n        next_target: {ja: 続ける}\n";
    assert!(problems(progress, &item.replace("RATING", "◎")).is_empty());
    assert!(!problems(progress, &item.replace("RATING", "A")).is_empty(), "a rating that is not one");
    // What the loader reads besides the words themselves: any case, full-width letters.
    assert!(problems(progress, &item.replace("RATING", "Good")).is_empty());
    assert!(problems(progress, &item.replace("RATING", "'ｇｏｏｄ'")).is_empty());
    assert!(problems(progress, &item.replace("RATING", "\"\u{3000}◎\"")).is_empty());
    assert!(problems(progress, "sample: true\n").is_empty(), "year.yaml");
    assert!(!problems(progress, "sample: true\ndistricts: []\n").is_empty());
    let site = schema_of(&schemas, "site");
    let site_text = std::fs::read_to_string(repo().join("tests/fixtures/other-city/content/site.yaml")).unwrap();
    assert!(problems(site, &site_text).is_empty());
    assert!(!problems(site, &format!("{site_text}\nbase_ur: https://example.jp/\n")).is_empty());
}

#[test]
fn vscode_settings_map_every_schema_to_its_files() {
    let text = std::fs::read_to_string(repo().join(".vscode/settings.json")).unwrap();
    let settings: Value = serde_json::from_str(&text).unwrap();
    let map = settings["yaml.schemas"].as_object().unwrap();
    for kind in KINDS {
        let key = format!("./schemas/{}", file_name(kind));
        assert!(repo().join(&key).is_file(), "{key} is not committed");
        let globs: Vec<&str> = match &map[&key] {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap()).collect(),
            other => panic!("{key}: {other}"),
        };
        // Each glob names files of that kind.
        for glob in globs {
            let example = glob.replace("*/*", "2024/chuo").replace('*', "chuo");
            assert_eq!(kind_of(&example), Some(kind), "{glob}");
        }
    }
}

#[test]
fn the_command_writes_the_schemas_and_keeps_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schemas");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_plansite"))
            .args(["schema", "--root"])
            .arg(repo().join("tests/fixtures/other-city"))
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    for kind in KINDS {
        let text = std::fs::read_to_string(out.join(file_name(kind))).unwrap();
        assert!(text.contains("draft-07"), "{kind}");
    }
    // Running it again replaces its own files.
    assert!(run().status.success());
    // A file of the same name that plansite did not write is kept, and nothing is written.
    let mine = out.join("case.schema.json");
    std::fs::write(&mine, "{\"my\": \"own\"}").unwrap();
    std::fs::remove_file(out.join("site.schema.json")).unwrap();
    let refused = run();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not written by plansite"));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "{\"my\": \"own\"}");
    assert!(!out.join("site.schema.json").exists(), "nothing is written when one file is refused");
}

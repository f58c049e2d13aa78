//! Messages in the editor's language: one catalogue per language (`locales/*.ftl`), both with
//! every message and the same arguments, every key the source uses in them; the command line
//! speaks Japanese under a Japanese locale and English when told to.

mod support;
use fluent_syntax::ast;
use plansite::diag::{catalogue_keys, Lang, Msg, EN_FTL, JA_FTL};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use support::SiteTest;

/// Every key a source file names: the literal after `msg!(` or `Msg::new(`.
fn keys_used_in(text: &str, out: &mut BTreeSet<String>) {
    for opener in ["msg!(", "Msg::new("] {
        for (at, _) in text.match_indices(opener) {
            let rest = text[at + opener.len()..].trim_start();
            let Some(rest) = rest.strip_prefix('"') else { continue };
            if let Some(end) = rest.find('"') {
                out.insert(rest[..end].to_string());
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What a message of a catalogue is made of: the variables it uses (`{ $name }`, selectors
/// included) and its literal text (of every variant).
#[derive(Default)]
struct Parts {
    vars: BTreeSet<String>,
    text: String,
}

/// Each message of a catalogue, by key.
fn messages(source: &str) -> BTreeMap<String, Parts> {
    fn in_pattern(p: &ast::Pattern<&str>, out: &mut Parts) {
        for e in &p.elements {
            match e {
                ast::PatternElement::Placeable { expression } => in_expression(expression, out),
                ast::PatternElement::TextElement { value } => out.text.push_str(value),
            }
        }
    }
    fn in_expression(e: &ast::Expression<&str>, out: &mut Parts) {
        match e {
            ast::Expression::Select { selector, variants } => {
                in_inline(selector, out);
                for v in variants {
                    in_pattern(&v.value, out);
                }
            }
            ast::Expression::Inline(i) => in_inline(i, out),
        }
    }
    fn in_inline(i: &ast::InlineExpression<&str>, out: &mut Parts) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                out.vars.insert(id.name.to_string());
            }
            ast::InlineExpression::StringLiteral { value } => out.text.push_str(value),
            ast::InlineExpression::Placeable { expression } => in_expression(expression, out),
            _ => {}
        }
    }
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut parts = Parts::default();
            if let Some(p) = &m.value {
                in_pattern(p, &mut parts);
            }
            out.insert(m.id.name.to_string(), parts);
        }
    }
    out
}

// Both catalogues parse without an error, and have no key twice.
#[test]
fn catalogues_parse_without_errors() {
    for (name, source) in [("en.ftl", EN_FTL), ("ja.ftl", JA_FTL)] {
        let (keys, errors) = catalogue_keys(source);
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(keys.len() > 100, "{name} has only {} messages", keys.len());
        let unique: BTreeSet<&String> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "{name} has a key twice");
    }
}

// Every message is in both languages, and the Japanese one uses every argument the English one
// does (it cannot forget the file name the English one shows; it may use one more, to choose
// a word).
#[test]
fn every_message_has_both_languages_with_the_same_arguments() {
    let (en, ja) = (messages(EN_FTL), messages(JA_FTL));
    let en_keys: BTreeSet<&String> = en.keys().collect();
    let ja_keys: BTreeSet<&String> = ja.keys().collect();
    assert_eq!(en_keys.difference(&ja_keys).collect::<Vec<_>>(), Vec::<&&String>::new(), "only in en.ftl");
    assert_eq!(ja_keys.difference(&en_keys).collect::<Vec<_>>(), Vec::<&&String>::new(), "only in ja.ftl");
    // The English one is the YAML parser's own sentence (`detail`); the Japanese one is said
    // anew from the field it names.
    let parser_words = ["yaml-unknown-field", "yaml-missing-field"];
    for (key, parts) in en.iter().filter(|(k, _)| !parser_words.contains(&k.as_str())) {
        let ja_vars = &ja[key].vars;
        let forgotten: Vec<&String> = parts.vars.difference(ja_vars).collect();
        assert!(forgotten.is_empty(), "{key}: the Japanese message does not show {forgotten:?}");
    }
}

// Every key the source names is in the catalogues, and every catalogue message is used.
#[test]
fn every_key_used_in_the_source_is_in_the_catalogues() {
    let mut files = Vec::new();
    rust_files(&support::repo().join("src"), &mut files);
    let mut used = BTreeSet::new();
    for f in &files {
        keys_used_in(&std::fs::read_to_string(f).unwrap(), &mut used);
    }
    used.remove("no-such-key"); // the unit test of a missing key
    used.remove("key"); // the documentation of `msg!`
    assert!(used.len() > 100, "the scan found only {} keys", used.len());
    let (keys, _) = catalogue_keys(EN_FTL);
    let known: BTreeSet<String> = keys.into_iter().collect();
    let missing: Vec<&String> = used.difference(&known).collect();
    assert!(missing.is_empty(), "used in src/ but not in locales/: {missing:?}");
    let unused: Vec<&String> = known.difference(&used).collect();
    assert!(unused.is_empty(), "in locales/ but used nowhere in src/: {unused:?}");
}

// No Japanese message is still English (each has Japanese text of its own), and an argument
// is shown without Unicode isolation marks.
#[test]
fn japanese_messages_are_japanese_and_clean() {
    let japanese = |c: char| ('\u{3040}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    for (key, parts) in messages(JA_FTL) {
        // `verbatim` is only its argument: a parser's or the system's own words; the quotes
        // and separators of the command line's messages are only punctuation.
        if !["verbatim", "cli-quoted", "cli-list-separator", "cli-reason-and-hint"].contains(&key.as_str()) {
            assert!(parts.text.chars().any(japanese), "{key} is not Japanese: {}", parts.text);
        }
    }
    let shown = Msg::new("no-such-image").arg("path", "content/a.jpg").render(Lang::Ja);
    assert_eq!(shown, "画像 `content/a.jpg` がありません");
}

// A diagnostic's message and hint are values: the same diagnostic renders in either language.
#[test]
fn a_diagnostic_renders_in_either_language() {
    let mut tree = support::tree("other-city");
    support::edit(&mut tree, "content/cases/north-harbour-salon.yaml", "area: north", "area: nowhere");
    let d = support::content_errors(&tree);
    let d = d.iter().find(|d| d.code == "unknown-area").expect("an unknown-area error");
    assert_eq!(d.message.render(Lang::En), "there is no district `nowhere`");
    assert_eq!(d.message.render(Lang::Ja), "地区 `nowhere` はありません");
    assert!(d.hint.render(Lang::Ja).contains("書き間違い") || d.hint.render(Lang::Ja).contains("書いてください"));
    let ja = plansite::diag::render_terminal_in(&[d.clone()].into_iter().collect(), &tree, Lang::Ja);
    assert!(ja.starts_with("エラー[unknown-area]: 地区 `nowhere` はありません\n"), "{ja}");
    assert!(ja.contains("= ヒント: "), "{ja}");
}

fn check(t: &SiteTest, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plansite"));
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "PLANSITE_LANG", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied()).args(args).arg("check").arg("--root").arg(t.root());
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// Under a Japanese locale the command line speaks Japanese; `--lang en` and `PLANSITE_LANG`
// choose English; with no locale it is English.
#[test]
fn the_locale_the_flag_and_the_variable_choose_the_language() {
    let t = SiteTest::fixture("other-city");
    t.edit("content/cases/north-harbour-salon.yaml", "area: north", "area: nowhere");
    let ja = check(&t, &[("LANG", "ja_JP.UTF-8")], &[]);
    assert!(ja.contains("エラー[unknown-area]: 地区 `nowhere` はありません"), "{ja}");
    assert!(ja.contains("エラー 1 件"), "{ja}");
    let en = check(&t, &[("LANG", "ja_JP.UTF-8")], &["--lang", "en"]);
    assert!(en.contains("error[unknown-area]: there is no district `nowhere`"), "{en}");
    assert!(en.contains("1 error, "), "{en}");
    let en = check(&t, &[("LANG", "ja_JP.UTF-8"), ("PLANSITE_LANG", "en")], &[]);
    assert!(en.contains("there is no district `nowhere`"), "{en}");
    let ja = check(&t, &[("PLANSITE_LANG", "ja")], &[]);
    assert!(ja.contains("地区 `nowhere` はありません"), "{ja}");
    let en = check(&t, &[], &[]);
    assert!(en.contains("there is no district `nowhere`"), "{en}");
    // The build's own lines follow too.
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env_remove("PLANSITE_LANG")
        .env("LC_ALL", "ja_JP.UTF-8")
        .args(["build", "--root"])
        .arg(t.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ビルドできませんでした：内容にエラーが 1 件あります"), "{stderr}");
}

// Messages about a site's areas and themes use its own words in each language of the
// messages (a council's 支所地区 and 目標, its "branch district" and "goal"), and plansite's
// own words where the site gives none (a site without words of its own for its themes).
#[test]
fn messages_name_areas_and_themes_in_the_sites_own_words() {
    let mut tree = support::tree("council-plan");
    tree.insert(
        "content/cases/salon.yaml",
        "title: {ja: サロン}\narea: nowhere\nthemes: []\npublished: 2025-06-20\nactivities: {ja: 活動}\npoint: {ja: 点}\n",
    );
    let d = support::content_errors(&tree);
    let area = d.iter().find(|d| d.code == "unknown-area").expect("an unknown-area error");
    assert_eq!(area.message.render(Lang::Ja), "支所地区 `nowhere` はありません");
    assert_eq!(area.message.render(Lang::En), "there is no branch district `nowhere`");
    let theme = d.iter().find(|d| d.message.key() == "case-without-theme").expect("a case-without-theme error");
    assert_eq!(theme.message.render(Lang::Ja), "事例には目標が一つ以上必要です");
    assert_eq!(theme.message.render(Lang::En), "a case study needs at least one goal");
    // A site that gives no word of its own for its themes: plansite's (its areas are 地区).
    let mut plain = support::tree("other-city");
    support::edit(&mut plain, "content/cases/north-harbour-salon.yaml", "area: north", "area: nowhere");
    support::edit(
        &mut plain,
        "content/cases/north-harbour-salon.yaml",
        "themes: [gathering-places, everyday-help]",
        "themes: [nowhere]",
    );
    let d = support::content_errors(&plain);
    let area = d.iter().find(|d| d.code == "unknown-area").expect("an unknown-area error");
    assert_eq!(area.message.render(Lang::Ja), "地区 `nowhere` はありません");
    let theme = d.iter().find(|d| d.code == "unknown-theme").expect("an unknown-theme error");
    assert_eq!(theme.message.render(Lang::Ja), "テーマ `nowhere` はありません");
    assert_eq!(theme.message.render(Lang::En), "there is no theme `nowhere`");
}

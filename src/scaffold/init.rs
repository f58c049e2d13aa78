//! `plansite init <dir> [--lang ja,en]`: a new, minimal site that builds with no warnings, for
//! another publisher: site and plan, two areas, two themes, one case study, in neutral words
//! that say what to replace (〇〇, "Example"), and a README.md for its editors.

use super::phrases::{lookup, SAMPLE};
use super::template::{expand, Fill};
use super::{is_language_code, refuse, schema_ref, ItemFiles, ItemKind, Refusal, Scaffold};
use std::path::{Path, PathBuf};

/// The arguments of `plansite init`.
#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder of the new site (created; an existing one must be empty).
    dir: PathBuf,
    /// The site's languages, the primary (original) language first.
    #[arg(long, default_value = "ja,en", value_delimiter = ',')]
    lang: Vec<String>,
}

impl InitArgs {
    /// Creates the site, or refuses; prints what to do next.
    pub fn run(self, lang: crate::diag::Lang) -> std::process::ExitCode {
        match init_in(&self.dir, &self.lang, Some(lang)) {
            Ok(next) => {
                crate::diag::console::outln!("{}", next.join("\n"));
                std::process::ExitCode::SUCCESS
            }
            Err(why) => {
                crate::diag::console::errln!("{why}");
                std::process::ExitCode::from(1)
            }
        }
    }
}

/// Creates the site in `dir` (for the command line and the tests); returns what to do next
/// (in English; errors in Japanese and English).
#[doc(hidden)]
pub fn init(dir: &Path, langs: &[String]) -> Result<Vec<String>, String> {
    init_in(dir, langs, None)
}

/// [`init`], saying what to do next and what went wrong in `lang` (`None`: what to do next in
/// English, what went wrong in both languages).
fn init_in(dir: &Path, langs: &[String], lang: Option<crate::diag::Lang>) -> Result<Vec<String>, String> {
    let refused = |r: Refusal| lang.map_or_else(|| r.both(), |l| r.0.render(l));
    let lang = lang.unwrap_or_default();
    let shown = dir.display().to_string();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(refused(Refusal(crate::diag::msg!("init-not-empty", dir = shown.as_str()))));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{shown}: {}", crate::diag::io_error(&e).render(lang))),
    }
    let site = site_files(langs).map_err(refused)?;
    crate::output::create::create_new(dir, &site.files).map_err(|e| e.render(lang))?;
    let mut next = vec![crate::diag::msg!("init-created", dir = shown.as_str()).render(lang)];
    next.extend(site.next.iter().map(|m| m.render(lang)));
    Ok(next)
}

/// The theme's languages: those it has UI strings for.
fn theme_has(lang: &str) -> bool {
    let path = format!("i18n/{lang}.yaml");
    crate::source::embedded::DEFAULT_THEME.iter().any(|(p, _)| *p == path)
}

fn site_files(langs: &[String]) -> Result<Scaffold, Refusal> {
    let langs: Vec<String> = langs.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    if langs.is_empty() || langs.iter().any(|l| !is_language_code(l)) {
        return refuse(crate::diag::msg!("init-bad-langs"));
    }
    if langs.iter().enumerate().any(|(i, l)| langs[..i].contains(l)) {
        return refuse(crate::diag::msg!("init-lang-twice"));
    }
    if let Some(l) = langs.iter().find(|l| !theme_has(l)) {
        return refuse(crate::diag::msg!("init-no-theme-words", lang = l.as_str()));
    }
    let from = jiff::Zoned::now().date().year();
    let today = crate::model::publish::today(&crate::content::RawContent::default(), &crate::model::Publish::default())
        .map_or_else(|_| format!("{from}-04-01"), |d| d.to_string());
    let sample = |key: &str, lang: &str| lookup(SAMPLE, key, lang).to_string();
    let names: String = langs
        .iter()
        .map(|l| {
            let name = match l.as_str() {
                "ja" => "日本語",
                "en" => "English",
                other => other,
            };
            format!("  - {{code: {l}, name: {name}}}\n")
        })
        .collect();
    let mut files = Vec::new();
    let single = |rel: &str, kind: &str, template: &str, vars: &[(&str, String)]| {
        let mut vars = vars.to_vec();
        vars.push(("schema", schema_ref(rel, kind)));
        let fill = Fill { langs: &langs, lang: &langs[0], vars: &vars, words: &sample };
        (rel.to_string(), expand(template, &fill).into_bytes())
    };
    files.push(single(
        "content/site.yaml",
        "site",
        include_str!("templates/site.yaml"),
        &[("languages", names.trim_end().to_string())],
    ));
    files.push(single(
        "content/plan.yaml",
        "plan",
        include_str!("templates/plan.yaml"),
        &[("from", from.to_string()), ("to", (from + 4).to_string())],
    ));
    for lang in &langs {
        let fill = Fill { langs: &langs, lang, vars: &[], words: &sample };
        files.push((format!("content/plan.{lang}.md"), expand(include_str!("templates/plan.md"), &fill).into_bytes()));
    }
    let themes = [("connections", 1), ("support", 2)];
    for (slug, n) in themes {
        let words = move |key: &str, lang: &str| {
            let numbered = format!("{key}.{n}");
            let table_key = if SAMPLE.iter().any(|(k, _, _)| *k == numbered) { numbered } else { key.to_string() };
            lookup(SAMPLE, &table_key, lang).to_string()
        };
        let item = ItemFiles {
            kind: ItemKind::Theme,
            slug,
            vars: vec![("number", n.to_string()), ("draft", "false".into())],
            words: &words,
        };
        files.extend(item.files(&langs));
    }
    let area_term = lookup(SAMPLE, "site.area_term", &langs[0]).to_string();
    for (slug, n) in [("east", 1), ("west", 2)] {
        let words = move |key: &str, lang: &str| {
            let numbered = format!("{key}.{n}");
            let table_key = if SAMPLE.iter().any(|(k, _, _)| *k == numbered) { numbered } else { key.to_string() };
            lookup(SAMPLE, &table_key, lang).to_string()
        };
        let item = ItemFiles {
            kind: ItemKind::Area,
            slug,
            vars: vec![("order", n.to_string()), ("area_term", area_term.clone()), ("draft", "false".into())],
            words: &words,
        };
        files.extend(item.files(&langs));
    }
    let case = ItemFiles {
        kind: ItemKind::Case,
        slug: "east-salon",
        vars: vec![
            ("area", "east".into()),
            ("area_term", area_term.clone()),
            ("theme_list", "connections, support".into()),
            ("first_theme", "connections".into()),
            ("today", today),
            ("draft", "false".into()),
        ],
        words: &sample,
    };
    files.extend(case.files(&langs));
    files.push(("README.md".into(), include_str!("templates/README.md").as_bytes().to_vec()));
    files.push((".gitignore".into(), format!("/site/\n/{}/\n", crate::source::cache::CACHE).into_bytes()));
    files.push((".vscode/settings.json".into(), vscode_settings().into_bytes()));
    let next = vec![crate::diag::msg!("new-next"), crate::diag::msg!("init-next")];
    Ok(Scaffold { files, next })
}

/// The YAML language server's map of schemas to files (made by `plansite schema --out schemas`).
fn vscode_settings() -> String {
    let map = [
        ("site", "content/site.yaml"),
        ("plan", "content/plan.yaml"),
        ("structure", "content/structure.yaml"),
        ("search", "content/search.yaml"),
        ("theme", "content/themes/*.yaml"),
        ("area", "content/areas/*.yaml"),
        ("case", "content/cases/*.yaml"),
    ];
    let lines: Vec<String> =
        map.iter().map(|(kind, glob)| format!("    \"./schemas/{kind}.schema.json\": \"{glob}\"")).collect();
    format!("{{\n  \"yaml.schemas\": {{\n{}\n  }}\n}}\n", lines.join(",\n"))
}

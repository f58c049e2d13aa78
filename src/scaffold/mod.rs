//! Scaffolds: the files of a new case study, area, theme or fiscal year (`plansite new`), and a
//! new, minimal site (`plansite init`).
//!
//! Beside the pipeline: it reads the site through the loader (`source` → `content`: the site's
//! languages, areas, themes and last year's progress), fills the templates of `templates/`
//! (every field present and explained in Japanese and English, every text in every language
//! of the site), and hands the files to `output::create`, which writes them only if none
//! exists. Every file name is made of checked slugs.

mod init;
mod phrases;
mod template;
mod year;

use crate::content::{self, is_valid_slug, RawContent};
use crate::diag::msg;
use crate::diag::{Lang, Msg};
use crate::source::SourceTree;
use std::path::{Path, PathBuf};
use template::{expand, Fill};

pub use init::{init, InitArgs};

/// Files to create (paths relative to the site root) and what the editor does next.
#[derive(Debug)]
pub(crate) struct Scaffold {
    pub files: Vec<(String, Vec<u8>)>,
    pub next: Vec<Msg>,
}

/// Why a scaffold was refused (shown to the editor, exit code 1).
#[derive(Debug)]
pub(crate) struct Refusal(pub Msg);

impl Refusal {
    /// In Japanese and English, one line each (for the tests' helper, [`create`]).
    fn both(&self) -> String {
        format!("{}\n{}", self.0.render(Lang::Ja), self.0.render(Lang::En))
    }
}

fn refuse<T>(why: Msg) -> Result<T, Refusal> {
    Err(Refusal(why))
}

/// What the scaffolds need to know of an existing site.
struct SiteInfo {
    langs: Vec<String>,
    /// The codes of the languages written in Japanese (`ja`, and `easy` with `lang: ja`): their
    /// placeholders are Japanese.
    japanese: Vec<String>,
    area_term: String,
    /// Slug and order of each area.
    areas: Vec<(String, u32)>,
    /// Slug and number of each theme.
    themes: Vec<(String, u32)>,
    today: String,
    raw: RawContent,
}

impl SiteInfo {
    fn load(tree: &SourceTree) -> Result<SiteInfo, Refusal> {
        let (raw, _) = content::parse_cached(tree, &content::ParseCache::default());
        let Some(site) = raw.site.clone() else {
            return refuse(msg!("new-no-site"));
        };
        let langs: Vec<String> = site.raw.languages.value.iter().map(|l| l.code.value.trim().to_string()).collect();
        // (The site's codes as the build takes them: `easy` for やさしい日本語 is one.)
        if langs.is_empty() || langs.iter().any(|l| !crate::content::langs::is_site_code(l)) {
            return refuse(msg!("new-bad-languages"));
        }
        let japanese = site
            .raw
            .languages
            .value
            .iter()
            .filter(|l| {
                let tag = l.lang.as_ref().map_or(l.code.value.trim(), |t| t.value.trim());
                crate::model::i18n::script_of(tag) == crate::model::ruby::Script::Japanese
            })
            .map(|l| l.code.value.trim().to_string())
            .collect();
        let area_term = site.raw.area_term.value.get(&langs[0]).unwrap_or_default().to_string();
        let areas = raw.areas.iter().map(|a| (a.slug.clone(), a.raw.order.value)).collect();
        let themes = raw.themes.iter().map(|t| (t.slug.clone(), t.raw.number.value)).collect();
        let today = crate::model::publish::today(&raw, &crate::model::Publish::default())
            .map_or_else(|_| "2025-04-01".to_string(), |d| d.to_string());
        Ok(SiteInfo { langs, japanese, area_term, areas, themes, today, raw })
    }

    /// The placeholder of `key` in the language `code`: Japanese for a language written in
    /// Japanese (easy Japanese's are not English), English for the others.
    fn placeholder(&self, key: &str, code: &str) -> String {
        let lang = if self.japanese.iter().any(|j| j == code) { "ja" } else { code };
        phrases::lookup(phrases::PLACEHOLDERS, key, lang).to_string()
    }

    fn has_area(&self, slug: &str) -> bool {
        self.areas.iter().any(|(s, _)| s == slug)
    }
}

/// A language code as `site.yaml` and `--lang` write it: `ja`, `en`, `zh-Hant`.
pub(crate) fn is_language_code(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn check_slug(slug: &str, what: &str) -> Result<(), Refusal> {
    if is_valid_slug(slug) && slug.len() <= 100 {
        Ok(())
    } else {
        refuse(msg!("new-bad-slug", what = what, slug = slug))
    }
}

/// `$schema` of the YAML language server for a file at `rel` (relative to the site root):
/// `schemas/<kind>.schema.json` of the site root, written relative to the file.
fn schema_ref(rel: &str, kind: &str) -> String {
    format!("{}schemas/{kind}.schema.json", "../".repeat(rel.matches('/').count()))
}

/// One item's YAML file and a body per language, from the templates of `kind`.
/// The kinds of item a scaffold makes: each with its folder and its two templates.
#[derive(Clone, Copy)]
enum ItemKind {
    Case,
    Area,
    Theme,
}

impl ItemKind {
    /// The kind's name (that of its schema) and its folder under `content/`.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            ItemKind::Case => ("case", "cases"),
            ItemKind::Area => ("area", "areas"),
            ItemKind::Theme => ("theme", "themes"),
        }
    }

    /// The templates of its YAML file and of its Markdown body.
    fn templates(self) -> (&'static str, &'static str) {
        match self {
            ItemKind::Case => (include_str!("templates/case.yaml"), include_str!("templates/case.md")),
            ItemKind::Area => (include_str!("templates/area.yaml"), include_str!("templates/area.md")),
            ItemKind::Theme => (include_str!("templates/theme.yaml"), include_str!("templates/theme.md")),
        }
    }
}

struct ItemFiles<'a> {
    kind: ItemKind,
    slug: &'a str,
    vars: Vec<(&'a str, String)>,
    words: &'a dyn Fn(&str, &str) -> String,
}

impl ItemFiles<'_> {
    /// The item's YAML file, from the site root.
    fn yaml_path(&self) -> String {
        format!("content/{}/{}.yaml", self.kind.names().1, self.slug)
    }

    fn files(&self, langs: &[String]) -> Vec<(String, Vec<u8>)> {
        let (kind, dir) = self.kind.names();
        let (yaml, body) = self.kind.templates();
        let rel = self.yaml_path();
        let mut vars = self.vars.clone();
        vars.push(("schema", schema_ref(&rel, kind)));
        vars.push(("slug", self.slug.to_string()));
        let mut out = Vec::new();
        let fill = Fill { langs, lang: &langs[0], vars: &vars, words: self.words };
        out.push((rel, expand(yaml, &fill).into_bytes()));
        for lang in langs {
            let fill = Fill { langs, lang, vars: &vars, words: self.words };
            out.push((format!("content/{dir}/{}.{lang}.md", self.slug), expand(body, &fill).into_bytes()));
        }
        out
    }
}

/// What to do after writing the files of an item (`what`: case, area or theme; `area_term`:
/// the site's word for an area) with `yaml` and bodies in `langs`.
fn item_next(yaml: &str, langs: &[String], what: &str, area_term: &str) -> Vec<Msg> {
    let bodies: Vec<String> = langs.iter().map(|l| yaml.replace(".yaml", &format!(".{l}.md"))).collect();
    vec![
        msg!("new-next-fill", yaml = yaml, what = what, area_term = area_term),
        msg!("new-next-body", bodies = bodies.join(", ")),
        msg!("new-next-preview"),
        msg!("new-next-ready", yaml = yaml),
    ]
}

/// `plansite new case <area> <slug>`.
pub(crate) fn new_case(tree: &SourceTree, area: &str, slug: &str) -> Result<Scaffold, Refusal> {
    check_slug(slug, "case")?;
    let site = SiteInfo::load(tree)?;
    if !site.has_area(area) {
        let known: Vec<&str> = site.areas.iter().map(|(s, _)| s.as_str()).collect();
        return refuse(msg!("new-no-area", area_term = site.area_term.as_str(), area = area, known = known.join(", ")));
    }
    let theme_list: Vec<&str> = site.themes.iter().map(|(s, _)| s.as_str()).collect();
    let item = ItemFiles {
        kind: ItemKind::Case,
        slug,
        vars: vec![
            ("area", area.to_string()),
            ("area_term", site.area_term.clone()),
            ("theme_list", theme_list.join(", ")),
            ("first_theme", theme_list.first().copied().unwrap_or("").to_string()),
            ("today", site.today.clone()),
            ("draft", "true".into()),
        ],
        words: &|key: &str, lang: &str| site.placeholder(key, lang),
    };
    let rel = item.yaml_path();
    Ok(Scaffold { files: item.files(&site.langs), next: item_next(&rel, &site.langs, "case", "") })
}

/// `plansite new area <slug>`.
pub(crate) fn new_area(tree: &SourceTree, slug: &str) -> Result<Scaffold, Refusal> {
    check_slug(slug, "file")?;
    let site = SiteInfo::load(tree)?;
    let order = site.areas.iter().map(|(_, o)| *o).max().unwrap_or(0) + 1;
    let item = ItemFiles {
        kind: ItemKind::Area,
        slug,
        vars: vec![("order", order.to_string()), ("area_term", site.area_term.clone()), ("draft", "true".into())],
        words: &|key: &str, lang: &str| site.placeholder(key, lang),
    };
    let rel = item.yaml_path();
    Ok(Scaffold { files: item.files(&site.langs), next: item_next(&rel, &site.langs, "area", &site.area_term) })
}

/// `plansite new theme <number> <slug>`.
pub(crate) fn new_theme(tree: &SourceTree, number: u32, slug: &str) -> Result<Scaffold, Refusal> {
    check_slug(slug, "file")?;
    let site = SiteInfo::load(tree)?;
    if let Some((other, _)) = site.themes.iter().find(|(_, n)| *n == number) {
        return refuse(msg!("new-theme-number-taken", number = number, other = other.as_str()));
    }
    let item = ItemFiles {
        kind: ItemKind::Theme,
        slug,
        vars: vec![("number", number.to_string()), ("draft", "true".into())],
        words: &|key: &str, lang: &str| site.placeholder(key, lang),
    };
    let rel = item.yaml_path();
    Ok(Scaffold { files: item.files(&site.langs), next: item_next(&rel, &site.langs, "theme", "") })
}

/// `plansite new year <YYYY>`: see [`year`].
pub(crate) fn new_year(tree: &SourceTree, year: &str) -> Result<Scaffold, Refusal> {
    let site = SiteInfo::load(tree)?;
    year::new_year(&site, tree, year)
}

/// What `plansite new` makes.
#[derive(clap::Subcommand)]
pub enum New {
    /// A case study in an area: content/cases/<slug>.yaml and a body per language.
    Case {
        /// The area it belongs to (a file name in content/areas/, without .yaml).
        area: String,
        /// The case study's file name: lower-case letters, digits and hyphens.
        slug: String,
    },
    /// A fiscal year of progress data: content/progress/<YYYY>/year.yaml, and a worksheet per
    /// area with last year's items (results left empty) in progress-sheets/<YYYY>/.
    Year {
        /// The Western year in which the fiscal year starts (2025 = 令和7年度).
        year: String,
    },
    /// An area: content/areas/<slug>.yaml and a body per language.
    Area {
        /// The area's file name: lower-case letters, digits and hyphens.
        slug: String,
    },
    /// An action theme: content/themes/<slug>.yaml and a body per language.
    Theme {
        /// The theme's number (not used by another theme).
        // (Placed by index: the value parser `cli` sets on it would move it after the slug.)
        #[arg(index = 1)]
        number: u32,
        /// The theme's file name: lower-case letters, digits and hyphens.
        #[arg(index = 2)]
        slug: String,
    },
}

/// The arguments of `plansite new`.
#[derive(clap::Args)]
pub struct NewArgs {
    /// The site root holding content/.
    #[arg(long, default_value = ".", global = true)]
    root: PathBuf,
    #[command(subcommand)]
    what: New,
}

impl NewArgs {
    /// Creates the files, or refuses; prints what was made and what to do next.
    pub fn run(self, lang: Lang) -> std::process::ExitCode {
        let tree = match SourceTree::load(&self.root) {
            Ok(tree) => tree,
            Err(e) => {
                crate::diag::console::errln!("{}", crate::diag::error_line(lang, &e.render(lang)));
                return std::process::ExitCode::from(1);
            }
        };
        let made = make(&tree, &self.what);
        write(&self.root, made, lang)
    }
}

fn make(tree: &SourceTree, what: &New) -> Result<Scaffold, Refusal> {
    match what {
        New::Case { area, slug } => new_case(tree, area, slug),
        New::Year { year } => new_year(tree, year),
        New::Area { slug } => new_area(tree, slug),
        New::Theme { number, slug } => new_theme(tree, *number, slug),
    }
}

/// Writes a scaffold's files and prints them and the next steps; exit code 1 on a refusal.
fn write(root: &Path, made: Result<Scaffold, Refusal>, lang: Lang) -> std::process::ExitCode {
    let scaffold = match made {
        Ok(s) => s,
        Err(Refusal(why)) => {
            crate::diag::console::errln!("{}", why.render(lang));
            return std::process::ExitCode::from(1);
        }
    };
    match crate::output::create::create_new(root, &scaffold.files) {
        Ok(_) => {
            crate::diag::console::outln!("{}", msg!("new-created").render(lang));
            for (rel, _) in &scaffold.files {
                crate::diag::console::outln!("  {rel}");
            }
            crate::diag::console::outln!("{}", msg!("new-next").render(lang));
            for line in &scaffold.next {
                for l in line.render(lang).lines() {
                    crate::diag::console::outln!("  {l}");
                }
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            crate::diag::console::errln!("{}", e.render(lang));
            std::process::ExitCode::from(1)
        }
    }
}

/// Writes `scaffold` under `root` (for the tests: the same writer as the command line).
#[doc(hidden)]
pub fn create(root: &Path, what: &New) -> Result<Vec<String>, String> {
    let tree = SourceTree::load(root).map_err(|e| e.to_string())?;
    let made = make(&tree, what).map_err(|r| r.both())?;
    crate::output::create::create_new(root, &made.files).map_err(|e| e.to_string())?;
    Ok(made.files.into_iter().map(|(rel, _)| rel).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_paths_are_relative_to_the_file() {
        assert_eq!(schema_ref("content/cases/a.yaml", "case"), "../../schemas/case.schema.json");
        assert_eq!(schema_ref("content/site.yaml", "site"), "../schemas/site.schema.json");
    }

    #[test]
    fn language_codes_are_checked() {
        for ok in ["ja", "en", "zh-Hant", "pt-BR"] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in ["", "j", "JA", "ja/../x", "en-", "e n"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    // Easy Japanese is written in Japanese (`lang: ja`): its placeholders are Japanese, not
    // English words an easy page would publish.
    #[test]
    fn easy_japanese_gets_japanese_placeholders() {
        let tree = SourceTree::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let made = new_case(&tree, "mihama", "x-new-case").unwrap_or_else(|r| panic!("{}", r.both()));
        let file = |name: &str| {
            let (_, bytes) = made.files.iter().find(|(p, _)| p.ends_with(name)).unwrap_or_else(|| panic!("no {name}"));
            String::from_utf8(bytes.clone()).unwrap()
        };
        let yaml = file("x-new-case.yaml");
        assert!(yaml.contains("  easy: \"（事例の名前）\""), "{yaml}");
        assert!(yaml.contains("  en: \"(The name of the case study)\""), "{yaml}");
        assert!(file("x-new-case.easy.md").contains("取組みの内容"));
        assert!(file("x-new-case.en.md").contains("What they do"));
    }
}

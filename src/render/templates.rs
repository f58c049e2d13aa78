//! The theme: tera templates, UI strings per language and static files, resolved once per build.
//!
//! Each file is looked up in this order: the site's own `templates/` folder (override a single
//! template), the theme folder `themes/<name>/`, then the default theme compiled into the binary.

use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::error::BuildError;
use crate::model::Config;
use crate::source::embedded::DEFAULT_THEME;
use crate::source::SourceTree;
use crate::text::markdown::PageIds;
use crate::text::ui::UiStrings;
use std::collections::BTreeMap;

/// The built-in default theme's UI strings of `lang`, if it has that language.
fn built_in_strings(lang: &str) -> Option<UiStrings> {
    let path = format!("i18n/{lang}.yaml");
    let (_, bytes) = DEFAULT_THEME.iter().find(|(p, _)| *p == path)?;
    crate::content::yaml::parse(&path, std::str::from_utf8(bytes).ok()?).ok()
}

/// Loaded templates and the theme's strings and static files.
pub(crate) struct Templates {
    pub tera: tera::Tera,
    /// The templates as written, where tera was given them without their indentation
    /// ([`super::indent`]): read again only to say where a template that failed went wrong.
    as_written: Option<Vec<(String, String)>>,
    /// tera of the templates as written, made at the first page that fails (every page of a
    /// failing template fails, on both cores at once).
    as_written_tera: std::sync::OnceLock<Option<tera::Tera>>,
    /// Language code → UI strings.
    pub strings: BTreeMap<String, UiStrings>,
    /// The same as template values (`t` in every page), made once: a page's context shares
    /// them rather than copying some 210 strings for each of 23,000 pages.
    ui_values: BTreeMap<String, tera::Value>,
    /// Static files: path in the site (`static/css/main.css`) → bytes.
    pub statics: BTreeMap<String, std::sync::Arc<[u8]>>,
    /// Per page template (`case.html`…): a fingerprint of it, of every shared template
    /// (`base.html`, `components.html`, a site's own partials) and of the UI strings. A page
    /// depends on its own template and the shared ones, not on the other page templates.
    pub fingerprints: BTreeMap<String, u64>,
    /// Problems found that do not stop the build (e.g. a UI string missing in one language).
    pub warnings: Diagnostics,
    /// The ids the templates give pages' elements, which bodies' headings must not take.
    pub page_ids: PageIds,
}

/// The last templates loaded, kept while the theme's files (the very same bytes, as the tree
/// shares them) and the configuration are the same: `serve` rebuilds after every edit of the
/// content, and parsing the templates again took some 5 ms of each.
#[derive(Default)]
pub(crate) struct TemplatesMemo(std::sync::Mutex<Option<(Inputs, u64, std::sync::Arc<Templates>)>>);

/// The site's own template and theme files as the tree shares them, in order.
type Inputs = Vec<(String, crate::source::FileBytes)>;

impl Templates {
    /// [`Templates::load`], or the templates `memo` kept if they were loaded from the same files
    /// with the same configuration.
    pub(crate) fn load_cached(
        tree: &SourceTree,
        config: &Config,
        page_templates: &[&str],
        memo: &TemplatesMemo,
    ) -> Result<std::sync::Arc<Templates>, BuildError> {
        let theme_dir = format!("themes/{}/", config.theme);
        let files = || tree.entries(&theme_dir).chain(tree.entries("templates/"));
        let key = super::memo::fingerprint(&(config, page_templates));
        let mut last = memo.0.lock().ok();
        if let Some(Some((inputs, k, templates))) = last.as_deref() {
            let same = *k == key
                && inputs.len() == files().count()
                && inputs.iter().zip(files()).all(|((p, a), (q, b))| p == q && crate::source::FileBytes::same(a, b));
            if same {
                return Ok(templates.clone());
            }
        }
        let templates = std::sync::Arc::new(Templates::load(tree, config, page_templates)?);
        if let Some(last) = last.as_deref_mut() {
            let inputs = files().map(|(p, b)| (p.to_string(), b.clone())).collect();
            *last = Some((inputs, key, templates.clone()));
        }
        Ok(templates)
    }
}

/// Every theme file by its path inside the theme, after applying the lookup order.
fn theme_files(tree: &SourceTree, theme: &str) -> Result<BTreeMap<String, (String, Vec<u8>)>, BuildError> {
    let mut files: BTreeMap<String, (String, Vec<u8>)> = BTreeMap::new();
    let theme_dir = format!("themes/{theme}/");
    let on_disk: Vec<(&str, &[u8])> = tree.under(&theme_dir).collect();
    if on_disk.is_empty() && theme != "default" {
        return Err(BuildError::Template {
            template: theme_dir,
            message: format!("the theme `{theme}` named in content/site.yaml does not exist; create themes/{theme}/ or remove `theme:` to use the default theme"),
        });
    }
    if theme == "default" || on_disk.is_empty() {
        for (path, bytes) in DEFAULT_THEME {
            files.insert(path.to_string(), (format!("(built-in default theme)/{path}"), bytes.to_vec()));
        }
    }
    for (path, bytes) in on_disk {
        files.insert(path[theme_dir.len()..].to_string(), (path.to_string(), bytes.to_vec()));
    }
    for (path, bytes) in tree.under("templates/") {
        files.insert(path.to_string(), (path.to_string(), bytes.to_vec()));
    }
    Ok(files)
}

impl Templates {
    /// Loads the theme named in the site's configuration; `page_templates` render a page each
    /// (the page-kind table's), every other template is shared by all pages.
    pub(crate) fn load(tree: &SourceTree, config: &Config, page_templates: &[&str]) -> Result<Templates, BuildError> {
        let files = theme_files(tree, &config.theme)?;
        let mut sources = Vec::new();
        let mut files_strings: BTreeMap<String, UiStrings> = BTreeMap::new();
        let mut statics = BTreeMap::new();
        let mut warnings = Diagnostics::new();
        for (path, (origin, bytes)) in &files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes.clone())
                    .map_err(|_| BuildError::Template { template: origin.clone(), message: "not UTF-8".into() })?;
                sources.push((name.to_string(), text));
            } else if let Some(name) = path.strip_prefix("i18n/") {
                let Some(lang) = name.strip_suffix(".yaml") else { continue };
                let text = std::str::from_utf8(bytes)
                    .map_err(|_| BuildError::Template { template: origin.clone(), message: "not UTF-8".into() })?;
                let map: UiStrings = crate::content::yaml::parse(origin, text)
                    .map_err(|d| BuildError::Content(std::iter::once(d).collect()))?;
                files_strings.insert(lang.to_string(), map);
            } else if path.starts_with("static/") {
                statics.insert(path.clone(), std::sync::Arc::from(bytes.as_slice()));
            }
        }
        // Each language's strings: the theme's file named by its code (`easy.yaml`), else by its
        // tag (`zh-Hans.yaml` for a site that calls Simplified Chinese `zh`).
        let mut strings: BTreeMap<String, UiStrings> = BTreeMap::new();
        for lang in &config.languages {
            if let Some(map) = files_strings.get(&lang.code).or_else(|| files_strings.get(&lang.tag)) {
                strings.insert(lang.code.clone(), map.clone());
            }
        }
        let shared: Vec<&(String, String)> =
            sources.iter().filter(|(name, _)| !page_templates.contains(&name.as_str())).collect();
        let shared_fp = super::memo::fingerprint(&(&shared, &strings));
        let fingerprints = sources
            .iter()
            .map(|(name, source)| (name.clone(), super::memo::fingerprint(&(shared_fp, source))))
            .collect();
        // Without their indentation where the theme allows it; kept as written to say where one
        // went wrong (tera names a line and column).
        let html = || sources.iter().filter(|(name, _)| name.ends_with(".html")).map(|(_, s)| s.as_str());
        let unindent = super::indent::may_unindent(html());
        let page_ids = page_ids(html());
        let given: Vec<(String, String)> = sources
            .iter()
            .map(|(name, source)| {
                let unindented = (unindent && name.ends_with(".html")).then(|| super::indent::unindented(source));
                (name.clone(), unindented.flatten().unwrap_or_else(|| source.clone()))
            })
            .collect();
        let as_written = (given != sources).then_some(sources);
        let tera = tera_of(&given).map_err(|e| {
            let e = as_written.as_ref().and_then(|sources| tera_of(sources).err()).unwrap_or(e);
            BuildError::Template { template: "themes".into(), message: describe(&e) }
        })?;
        let primary = config.primary().code.clone();
        // A site's theme that lacks a UI string the built-in theme has gets the built-in text
        // (and a warning), so no label is ever empty.
        for lang in &config.languages {
            let built_in = built_in_strings(&lang.code).or_else(|| built_in_strings(&lang.tag));
            let (Some(map), Some(built_in)) = (strings.get_mut(&lang.code), built_in) else {
                continue;
            };
            let missing: Vec<(String, String)> = built_in.into_iter().filter(|(k, _)| !map.contains_key(k)).collect();
            for (k, v) in missing {
                let hint = crate::diag::msg!("ui-string-missing-hint-builtin", key = k.as_str(), text = v.as_str());
                let message = crate::diag::msg!("ui-string-missing-builtin", key = k.as_str());
                warnings.push(missing_key(&config.theme, &lang.code, message, hint));
                map.insert(k, v);
            }
        }
        let Some(base) = strings.get(&primary).cloned() else {
            return Err(missing_strings(&config.theme, &primary));
        };
        for lang in config.languages.iter().skip(1) {
            let Some(map) = strings.get_mut(&lang.code) else {
                return Err(missing_strings(&config.theme, &lang.code));
            };
            for (k, v) in &base {
                if !map.contains_key(k) {
                    let hint = crate::diag::msg!("ui-string-missing-hint", key = k.as_str(), text = v.as_str());
                    let message = crate::diag::msg!("ui-string-missing", key = k.as_str(), primary = primary.as_str());
                    warnings.push(missing_key(&config.theme, &lang.code, message, hint));
                    map.insert(k.clone(), v.clone());
                }
            }
        }
        // The site's own words (`words:` in site.yaml) come before the theme's; then every
        // `{word}` in a string is filled, with the site's names for its areas as words too.
        for (lang, map) in strings.iter_mut() {
            if let Some(words) = config.words.get(lang) {
                map.extend(words.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            let extra = crate::text::ui::site_words(config, lang);
            crate::text::ui::fill_placeholders(map, &extra);
        }
        let ui_values = strings.iter().map(|(lang, map)| (lang.clone(), tera::Value::from_serializable(map))).collect();
        let as_written_tera = std::sync::OnceLock::new();
        Ok(Templates {
            tera,
            as_written,
            as_written_tera,
            strings,
            ui_values,
            statics,
            fingerprints,
            warnings,
            page_ids,
        })
    }

    /// The UI strings of `lang` as a template value (none for a language the site lacks).
    pub(crate) fn ui_value(&self, lang: &str) -> tera::Value {
        self.ui_values.get(lang).cloned().unwrap_or_else(|| tera::Value::from_serializable(&UiStrings::new()))
    }

    /// The fingerprint of a page template with everything it shares (see `fingerprints`).
    pub(crate) fn fingerprint(&self, template: &str) -> u64 {
        self.fingerprints.get(template).copied().unwrap_or(0)
    }

    /// Renders `template` with `context`, as UTF-8 bytes (what a page is written as: tera
    /// writes strings, and its own `render` would check the whole page again to make a
    /// `String`).
    pub(crate) fn render(&self, template: &str, context: &tera::Context) -> Result<Vec<u8>, BuildError> {
        let mut page = Vec::new();
        if let Err(e) = self.tera.render_to(template, context, &mut page) {
            // Said of the templates as written, where the one given to tera lost its indentation.
            let tera = self.as_written_tera.get_or_init(|| tera_of(self.as_written.as_deref()?).ok());
            let as_written = tera.as_ref().and_then(|tera| tera.render_to(template, context, &mut Vec::new()).err());
            let e = as_written.unwrap_or(e);
            return Err(BuildError::Template { template: template.to_string(), message: describe(&e) });
        }
        Ok(page)
    }
}

/// A tera of `sources` (name, text) as [`Templates::load`] makes one.
fn tera_of(sources: &[(String, String)]) -> Result<tera::Tera, tera::Error> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))?;
    Ok(tera)
}

/// The warning for a UI string `key` that `themes/<theme>/i18n/<lang>.yaml` lacks, naming what
/// is shown instead.
fn missing_key(theme: &str, lang: &str, message: crate::diag::Msg, hint: crate::diag::Msg) -> Diagnostic {
    Diagnostic::warning(Code::MissingUiString, Location::file(format!("themes/{theme}/i18n/{lang}.yaml")), message)
        .with_hint(hint)
}

fn missing_strings(theme: &str, lang: &str) -> BuildError {
    BuildError::Content(
        std::iter::once(
            Diagnostic::error(
                Code::MissingUiStrings,
                Location::file(format!("themes/{theme}/i18n/{lang}.yaml")),
                crate::diag::msg!("ui-strings-missing", lang = lang),
            )
            .with_hint(crate::diag::msg!("ui-strings-missing-hint", theme = theme, lang = lang)),
        )
        .collect(),
    )
}

/// The error and its causes on one line each.
fn describe(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        // (On one line: it is a message's value, whose line breaks are spelled out.)
        out.push_str(&format!("; caused by: {s}"));
        source = s.source();
    }
    out
}

/// The ids templates give pages' elements: `id="…"` as written, and the prefix of one numbered
/// by a loop (`district-` of `id="district-{{ loop.index }}"`). Ids made of other values
/// (`id="{{ i.anchor }}"`) are not known.
fn page_ids<'a>(sources: impl IntoIterator<Item = &'a str>) -> PageIds {
    let (mut exact, mut numbered) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    for source in sources {
        for (at, _) in source.match_indices(" id=\"") {
            let value = &source[at + 5..];
            let Some(end) = value.find('"') else { continue };
            let value = &value[..end];
            match value.split_once("{{") {
                None if !value.is_empty() && !value.contains("{%") => {
                    exact.insert(value.to_string());
                }
                Some((prefix, rest)) if !prefix.is_empty() && rest.trim_start().starts_with("loop.index") => {
                    numbered.insert(prefix.to_string());
                }
                _ => {}
            }
        }
    }
    PageIds::new(exact, numbered)
}

#[cfg(test)]
mod tests {
    use crate::error::BuildError;
    use crate::source::SourceTree;

    // The ids written in templates, and the prefixes of those a loop numbers; not those made
    // of other values, nor an empty one.
    #[test]
    fn the_page_ids_are_read_from_templates() {
        let ids = super::page_ids([
            r#"<main id="main"><section aria-labelledby="policies"><h2 id="policies">{{ t.x }}</h2>"#,
            r#"{% for d in ds %}<h3 id="district-{{ loop.index }}">{% endfor %}<li id="{{ i.anchor }}"><a id="">"#,
        ]);
        assert!(ids.has("main") && ids.has("policies") && ids.has("district-12"));
        assert!(!ids.has("district-") && !ids.has("district-a") && !ids.has("") && !ids.has("t.x"));
        assert!(!ids.has("{{ i.anchor }}") && !ids.has("i.anchor"));
    }

    /// The message of the build of the other-city fixture with the site's own `template`.
    fn failure(name: &str, template: &str) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let mut tree = SourceTree::load(&root).unwrap();
        tree.insert(format!("templates/{name}"), template);
        match crate::compile(&tree, &Default::default()) {
            Err(BuildError::Template { message, .. }) => message,
            Err(e) => panic!("another error: {e}"),
            Ok(_) => panic!("{name} built"),
        }
    }

    // A theme with preformatted text in a template is used as written, its other lines too.
    #[test]
    fn a_theme_with_a_pre_keeps_its_indentation() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let mut tree = SourceTree::load(&root).unwrap();
        let written = "{% extends \"base.html\" %}\n{% block main %}\n<pre>\n    kept\n</pre>\n    <p>x</p>\n{% endblock main %}\n";
        tree.insert("templates/overview.html", written);
        let compiled = crate::compile(&tree, &Default::default()).unwrap();
        let page = String::from_utf8(compiled.site.get("en/overview/index.html").unwrap().to_vec()).unwrap();
        assert!(page.contains("<pre>\n    kept\n</pre>\n    <p>x</p>"), "{page}");
        // The base template's lines as written too.
        assert!(page.contains("\n  <div class=\"container"), "{page}");
    }

    // tera is given the templates without their indentation, but says where a template went
    // wrong in the file as its author wrote it: line and column.
    #[test]
    fn a_template_that_fails_is_located_as_written() {
        let written = "{% extends \"base.html\" %}\n{% block main %}\n<div>\n        <p>{{ page.title | no_such_filter }}</p>\n</div>\n{% endblock main %}\n";
        let message = failure("overview.html", written);
        assert!(message.contains("no_such_filter"), "{message}");
        // The line of the template as written, with its indentation before the expression.
        assert!(message.contains("        <p>{{ page.title | no_such_filter }}</p>"), "{message}");
        assert!(message.contains("overview.html:4:28"), "{message}");
        // A template that does not parse.
        let written =
            "{% extends \"base.html\" %}\n{% block main %}\n    <div>\n        {% if %}\n</div>\n{% endblock main %}\n";
        let message = failure("overview.html", written);
        assert!(message.contains("        {% if %}"), "{message}");
        // A template that fails as a page is rendered.
        let written = "{% extends \"base.html\" %}\n{% block main %}\n    <div>\n        <p>{{ no_such_value.x }}</p>\n</div>\n{% endblock main %}\n";
        let message = failure("overview.html", written);
        assert!(message.contains("overview.html:4:"), "{message}");
        assert!(message.contains("        <p>{{ no_such_value.x }}</p>"), "{message}");
    }
}

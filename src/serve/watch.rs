//! Which file changes matter: a pure function from the paths the watcher reports to the
//! root-relative source paths to re-read, and whether only stylesheets changed.

use crate::source::is_source;
use std::path::Path;

/// What a batch of file events asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Change {
    /// Root-relative source paths (with `/`), sorted and without duplicates.
    pub(super) paths: Vec<String>,
    /// Every changed path is a stylesheet of a theme: the browser can swap styles in place.
    pub(super) css_only: bool,
    /// Every changed path is the text of an item (Markdown or YAML under `content/`): only
    /// pages change, so the pages open in a browser can be shown before the rest is rendered.
    /// Another change may change a file such a page uses (a style sheet, an image), which the
    /// page shown first would get from the last build.
    pub(super) text_only: bool,
}

/// Classifies watcher paths: keeps those inside the source directories of `root`, drops the
/// output directory, hidden files and editors' and office programs' temporary files (`~$x.xlsx`,
/// `.x.swp`, `x~`, `4913`…).
pub(super) fn classify(root: &Path, output: Option<&Path>, paths: &[std::path::PathBuf]) -> Change {
    let mut out: Vec<String> = paths
        .iter()
        .filter(|p| output.is_none_or(|o| !p.starts_with(o)))
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter_map(|rel| {
            let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
            Some(parts?.join("/")).filter(|p| is_source(p))
        })
        .collect();
    out.sort();
    out.dedup();
    let css_only = !out.is_empty() && out.iter().all(|p| p.ends_with(".css") && p.starts_with("themes/"));
    let text = |p: &String| p.starts_with("content/") && [".md", ".yaml", ".yml"].iter().any(|e| p.ends_with(e));
    let text_only = !out.is_empty() && out.iter().all(text);
    Change { paths: out, css_only, text_only }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn change(paths: &[&str]) -> Change {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(root, Some(&root.join("site")), &paths)
    }

    #[test]
    fn keeps_sources_and_drops_temporary_files_and_output() {
        let c = change(&[
            "content/cases/a.yaml",
            "content/cases/.a.yaml.swp",
            "content/progress/2024/~$2024.xlsx",
            "content/cases/a.yaml~",
            "content/cases/4913",
            "site/ja/index.html",
            "target/debug/x",
            "content/cases/a.yaml",
        ]);
        assert_eq!(c.paths, ["content/cases/a.yaml"]);
        assert!(!c.css_only);
    }

    #[test]
    fn only_changes_to_items_texts_are_text_only() {
        assert!(change(&["content/cases/a.yaml", "content/cases/a.ja.md"]).text_only);
        assert!(!change(&["content/cases/a.yaml", "content/images/a.jpg"]).text_only);
        assert!(!change(&["themes"]).text_only, "a theme folder made");
        assert!(!change(&["themes/default/static/css/main.css"]).text_only);
        assert!(!change(&["content/progress/2024/north.xlsx"]).text_only);
    }

    #[test]
    fn stylesheet_changes_are_recognised() {
        assert!(change(&["themes/default/static/css/main.css"]).css_only);
        assert!(!change(&["themes/default/static/css/main.css", "themes/default/templates/base.html"]).css_only);
        assert_eq!(change(&["README.md"]), Change::default());
    }
}

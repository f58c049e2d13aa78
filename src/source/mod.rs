//! Reading a site root from disk into memory: the only place the build reads files.
//!
//! `SourceTree::load(root)` walks `content/`, `templates/` and `themes/` (sorted, so the build is
//! deterministic), skips editors' temporary files, and keeps every file's bytes keyed by its path
//! relative to the root with `/` separators. Everything after this stage works on the tree, so the
//! whole pipeline also runs on a tree built in memory (tests, and later `serve`).

pub mod embedded;

use crate::error::BuildError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The directories below the site root that the build reads.
pub const SOURCE_DIRS: [&str; 3] = ["content", "templates", "themes"];

/// Every source file of a site, by root-relative path.
#[derive(Debug, Clone, Default)]
pub struct SourceTree {
    root: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
}

impl SourceTree {
    /// Reads the source directories of `root`. A directory that does not exist is simply empty;
    /// a file that cannot be read is an error naming it.
    pub fn load(root: &Path) -> Result<SourceTree, BuildError> {
        let mut files = BTreeMap::new();
        for dir in SOURCE_DIRS {
            let base = root.join(dir);
            if !base.is_dir() {
                continue;
            }
            let walker = walkdir::WalkDir::new(&base)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_str().unwrap_or("")));
            for entry in walker {
                let entry = entry.map_err(|e| BuildError::Io {
                    path: rel_display(root, e.path().unwrap_or(&base)),
                    message: e.to_string(),
                })?;
                if entry.file_type().is_dir() {
                    continue;
                }
                let path = entry.path();
                let rel = relative_key(root, path).ok_or_else(|| BuildError::Io {
                    path: rel_display(root, path),
                    message: "the file name is not valid UTF-8; rename it using letters, digits and hyphens".into(),
                })?;
                let bytes =
                    std::fs::read(path).map_err(|e| BuildError::Io { path: rel.clone(), message: e.to_string() })?;
                files.insert(rel, bytes);
            }
        }
        Ok(SourceTree { root: root.to_path_buf(), files })
    }

    /// A tree built from in-memory files (tests and tools).
    pub fn from_files<I, K, V>(root: &Path, files: I) -> SourceTree
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<Vec<u8>>,
    {
        SourceTree { root: root.to_path_buf(), files: files.into_iter().map(|(k, v)| (k.into(), v.into())).collect() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The file as text, if it exists and is UTF-8.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Files whose path starts with `prefix` (e.g. `content/areas/`), in sorted order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Replaces or adds one file (used by tests and by `serve` after a change).
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// Whether a file or directory name is an editor's or office program's temporary file, a backup
/// or a hidden file, which the build and the watcher both ignore.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.contains("___jb_")
        || name == "4913"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

fn relative_key(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn rel_display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_and_office_temporary_files() {
        for name in
            [".DS_Store", "~$2024.xlsx", ".~lock.a.xlsx#", "#a.md#", "a.md~", "a.yaml.swp", "4913", "x___jb_tmp___"]
        {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["chuo.yaml", "chuo.ja.md", "2024.xlsx"] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn lists_files_under_a_prefix_in_order() {
        let t = SourceTree::from_files(
            Path::new("/r"),
            [("content/b.yaml", "b"), ("content/a.yaml", "a"), ("contents.txt", "x")],
        );
        let names: Vec<&str> = t.under("content/").map(|(k, _)| k).collect();
        assert_eq!(names, ["content/a.yaml", "content/b.yaml"]);
    }
}

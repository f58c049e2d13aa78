//! Writing the files of a scaffold (`plansite new`, `plansite init`) and the translation record
//! (`plansite translations --mark`): the only writes under the site root besides the site.
//!
//! A scaffold never replaces anything: every file is checked first, and if one exists nothing
//! is written. The translation record is replaced only when it is plansite's own (it starts
//! with the record's first line).

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Why files were not written.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// Files that already exist (nothing was written).
    #[error("{}", exists_message(.0))]
    Exists(Vec<PathBuf>),
    /// A path that is not a plain relative path (a scaffold's mistake, refused all the same).
    #[error("refused to write outside the site root: {0}")]
    Outside(String),
    /// A file plansite did not write where it would write its own.
    #[error("{0} was not written by plansite; it was left as it is (move it away, then try again)")]
    NotOurs(PathBuf),
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
}

impl CreateError {
    /// The error in `lang` (the `Display` text says it in Japanese and English).
    pub fn render(&self, lang: crate::diag::Lang) -> String {
        match self {
            CreateError::Exists(paths) => {
                let list: Vec<String> = paths.iter().map(|p| format!("  {}", p.display())).collect();
                format!("{}\n{}", crate::diag::msg!("create-exists").render(lang), list.join("\n"))
            }
            CreateError::NotOurs(path) => {
                crate::diag::msg!("create-not-ours", path = path.display().to_string()).render(lang)
            }
            CreateError::Io { path, source } => {
                format!("{}: {}", path.display(), crate::diag::io_error(source).render(lang))
            }
            CreateError::Outside(_) => self.to_string(),
        }
    }
}

fn exists_message(paths: &[PathBuf]) -> String {
    let list: Vec<String> = paths.iter().map(|p| format!("  {}", p.display())).collect();
    format!(
        "すでにあるファイルは上書きしません。何も作成していません。\nAn existing file is never overwritten; nothing was written:\n{}",
        list.join("\n")
    )
}

/// Creates every file of `files` (paths relative to `root`) with its folders, or none: if any
/// of them exists (even as a broken link), nothing is written.
pub(crate) fn create_new(root: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, CreateError> {
    let mut existing = Vec::new();
    let mut paths = Vec::new();
    for (rel, _) in files {
        let plain = Path::new(rel).components().all(|c| matches!(c, Component::Normal(_)));
        if !plain || rel.is_empty() {
            return Err(CreateError::Outside(rel.clone()));
        }
        let path = root.join(rel);
        if path.symlink_metadata().is_ok() {
            existing.push(path.clone());
        }
        paths.push(path);
    }
    if !existing.is_empty() {
        return Err(CreateError::Exists(existing));
    }
    for (path, (_, bytes)) in paths.iter().zip(files) {
        let io = |source| CreateError::Io { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        // `create_new` also refuses a file that appeared since the check.
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                CreateError::Exists(vec![path.clone()])
            } else {
                io(e)
            }
        })?;
        file.write_all(bytes).map_err(io)?;
    }
    Ok(paths)
}

/// Writes plansite's own file `path` (through a temporary file and a rename), if it does not
/// exist or starts with `first_line`; refuses any other file.
pub(crate) fn replace_own(path: &Path, first_line: &str, bytes: &[u8]) -> Result<PathBuf, CreateError> {
    let path = path.to_path_buf();
    let io = |source| CreateError::Io { path: path.clone(), source };
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if !meta.is_file() => return Err(CreateError::NotOurs(path)),
        Ok(_) => {
            let old = std::fs::read(&path).map_err(io)?;
            if !old.starts_with(first_line.as_bytes()) {
                return Err(CreateError::NotOurs(path));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let tmp = path.with_extension(format!("plansite-tmp-{}", std::process::id()));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, &path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_written_when_one_file_exists() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/cases")).unwrap();
        std::fs::write(dir.path().join("content/cases/b.yaml"), "mine").unwrap();
        let files = vec![
            ("content/cases/a.yaml".to_string(), b"new".to_vec()),
            ("content/cases/b.yaml".to_string(), b"new".to_vec()),
        ];
        assert!(matches!(create_new(dir.path(), &files), Err(CreateError::Exists(p)) if p.len() == 1));
        assert!(!dir.path().join("content/cases/a.yaml").exists());
        assert_eq!(std::fs::read_to_string(dir.path().join("content/cases/b.yaml")).unwrap(), "mine");
        let outside = vec![("../x.yaml".to_string(), b"x".to_vec())];
        assert!(matches!(create_new(dir.path(), &outside), Err(CreateError::Outside(_))));
    }

    #[test]
    fn only_our_own_record_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        replace_own(&dir.path().join("r.yaml"), "# ours", b"# ours\na").unwrap();
        replace_own(&dir.path().join("r.yaml"), "# ours", b"# ours\nb").unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("r.yaml")).unwrap(), "# ours\nb");
        std::fs::write(dir.path().join("r.yaml"), "theirs").unwrap();
        assert!(matches!(replace_own(&dir.path().join("r.yaml"), "# ours", b"# ours"), Err(CreateError::NotOurs(_))));
        assert_eq!(std::fs::read_to_string(dir.path().join("r.yaml")).unwrap(), "theirs");
    }
}

//! Writing a few generated files (the schemas of `plansite schema`) into a folder the editor
//! names: a file already there is replaced only if plansite wrote it (it holds `marker`).

use super::guard::refuse;
use crate::error::BuildError;
use std::path::{Path, PathBuf};

fn io(path: &Path, e: &std::io::Error) -> BuildError {
    BuildError::Io { path: path.display().to_string(), message: crate::diag::io_error(e) }
}

/// Writes `files` (name, text) into `dir`, creating it; refuses, before writing anything, if
/// one of the names is taken by a file that does not hold `marker` (or is not a plain file).
/// Each file is written beside its place and renamed over it, so a reader never sees half.
pub(crate) fn write_files(dir: &Path, files: &[(String, String)], marker: &str) -> Result<Vec<PathBuf>, BuildError> {
    for (name, _) in files {
        let path = dir.join(name);
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let ours = meta.is_file() && std::fs::read_to_string(&path).is_ok_and(|t| t.contains(marker));
        if !ours {
            return Err(refuse(
                &path,
                crate::diag::msg!("schema-file-not-ours"),
                crate::diag::msg!("schema-file-not-ours-hint"),
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
    let mut written = Vec::with_capacity(files.len());
    for (name, text) in files {
        let path = dir.join(name);
        let temp = dir.join(format!(".{name}.plansite-tmp"));
        std::fs::write(&temp, text).map_err(|e| io(&temp, &e))?;
        std::fs::rename(&temp, &path).map_err(|e| io(&path, &e))?;
        written.push(path);
    }
    Ok(written)
}

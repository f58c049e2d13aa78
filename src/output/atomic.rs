//! Writing the site so that a failed build never leaves a half-written `site/`.
//!
//! Files are written into a stage directory beside the output (`.site.stage-<pid>`); only when
//! every file is written is the old output renamed away, the stage renamed into place, and the
//! old copy deleted. Any failure before the swap removes the stage and leaves the output as it was.

use super::RenderedSite;
use crate::error::BuildError;
use std::path::{Path, PathBuf};

/// Writes `site` to `out_dir`, replacing what was there only if everything was written.
pub fn write_atomic(site: &RenderedSite, out_dir: &Path) -> Result<(), BuildError> {
    let io =
        |path: &Path, e: std::io::Error| BuildError::Io { path: path.display().to_string(), message: e.to_string() };
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
    let name = out_dir.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let stage = parent.join(format!(".{name}.stage-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&stage);
    if let Err(e) = write_all(site, &stage) {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(e);
    }
    let had_old = out_dir.exists();
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
        if let Err(e) = std::fs::rename(out_dir, &old) {
            let _ = std::fs::remove_dir_all(&stage);
            return Err(io(out_dir, e));
        }
    }
    if let Err(e) = std::fs::rename(&stage, out_dir) {
        if had_old {
            let _ = std::fs::rename(&old, out_dir);
        }
        let _ = std::fs::remove_dir_all(&stage);
        return Err(io(out_dir, e));
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
    }
    Ok(())
}

fn write_all(site: &RenderedSite, stage: &Path) -> Result<(), BuildError> {
    for (rel, bytes) in site.iter() {
        let path = stage.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| BuildError::Io { path: dir.display().to_string(), message: e.to_string() })?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| BuildError::Io { path: path.display().to_string(), message: e.to_string() })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_output_and_leaves_no_stage_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("old")).unwrap();
        std::fs::write(out.join("old/x.html"), "old").unwrap();
        let mut site = RenderedSite::default();
        site.insert("ja/index.html".into(), b"new".to_vec());
        write_atomic(&site, &out).unwrap();
        assert_eq!(std::fs::read(out.join("ja/index.html")).unwrap(), b"new");
        assert!(!out.join("old").exists());
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);
    }
}

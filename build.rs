//! Compiles the default theme into the binary: writes `$OUT_DIR/default_theme.rs`, the list of
//! every file under `themes/default/` with `include_bytes!`, so a file added to the theme (a
//! new kind of page's template) is embedded without being listed by hand.
#![allow(clippy::disallowed_macros)] // cargo reads its directives from a build script's `println!`

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut all = Vec::new();
    files(&root, &mut all)?;
    let mut entries: Vec<(String, String)> = Vec::new();
    for path in all {
        let rel = path.strip_prefix(&root)?.to_string_lossy().replace('\\', "/");
        entries.push((rel, path.to_string_lossy().into_owned()));
    }
    entries.sort();
    let mut code = String::from("&[\n");
    for (rel, abs) in entries {
        code.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
    }
    code.push_str("]\n");
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR")?).join("default_theme.rs"), code)?;
    Ok(())
}

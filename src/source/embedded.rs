//! The default theme, compiled into the binary, so a site with no `themes/` folder still builds.
//! The files are those of `themes/default/` in this repository, listed by `build.rs`; a test
//! checks the list is complete.

/// (path inside the theme, bytes) for every file of the default theme, in path order.
pub(crate) const DEFAULT_THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_theme_lists_every_file_of_the_default_theme() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = super::DEFAULT_THEME.iter().map(|(p, _)| *p).collect();
        assert_eq!(on_disk, embedded);
    }
}

//! The default theme, compiled into the binary, so a site with no `themes/` folder still builds.
//! The files are those of `themes/default/` in this repository; a test checks the list is complete.

macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        /// (path inside the theme, bytes) for every file of the default theme.
        pub(crate) const DEFAULT_THEME: &[(&str, &[u8])] = &[
            $(($path, include_bytes!(concat!("../../themes/default/", $path)))),*
        ];
    };
}

theme_files![
    "i18n/en.yaml",
    "i18n/ja.yaml",
    "static/css/highlight.css",
    "static/css/main.css",
    "static/css/print.css",
    "static/js/search.js",
    "templates/404.html",
    "templates/area.html",
    "templates/areas.html",
    "templates/base.html",
    "templates/case.html",
    "templates/cases.html",
    "templates/components.html",
    "templates/home.html",
    "templates/landing.html",
    "templates/overview.html",
    "templates/progress_area.html",
    "templates/progress_index.html",
    "templates/progress_year.html",
    "templates/search.html",
    "templates/structure.html",
    "templates/theme.html",
    "templates/themes.html",
];

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

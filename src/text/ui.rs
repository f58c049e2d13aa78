//! The theme's words for the interface ("Home", "Case studies", the rating labels…), by key,
//! in one language. `render::templates` loads them from the theme; render and search read them.

use std::collections::BTreeMap;

/// UI strings of one language: key → text.
pub(crate) type UiStrings = BTreeMap<String, String>;

/// The UI string `key`. A key the site's theme lacks was reported and filled (from the built-in
/// theme's text, or the primary language's) when the theme was loaded, so a miss here means
/// the built-in theme itself lacks a key the code uses: a bug that fails every test (debug
/// assertion) and shows as empty text in a release build.
pub(crate) fn ui<'a>(strings: &'a UiStrings, key: &str) -> &'a str {
    debug_assert!(
        strings.is_empty() || strings.contains_key(key),
        "UI string `{key}` is used by the code but missing from themes/default/i18n/"
    );
    strings.get(key).map_or("", String::as_str)
}

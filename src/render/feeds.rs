//! Machine-readable files: `sitemap.xml` with language alternates and an Atom feed of case
//! studies per language. No build time is written into them, so two builds of the same content
//! are identical; a feed's `updated` is its newest case's date.

use super::routes::{Item, Route};
use crate::model::Site;
use crate::text::ui::UiStrings;
use std::fmt::Write;

/// The sitemap: every page, with its counterparts in the languages it is translated into.
pub(crate) fn sitemap(site: &Site, jobs: &[(Route, &str)], translated: &dyn Fn(Route, &str) -> bool) -> String {
    let base = &site.config.base_url;
    let primary = &site.config.primary().code;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (route, lang) in jobs {
        let _ = writeln!(out, "  <url>\n    <loc>{}</loc>", super::escape(&format!("{base}{}", route.path(lang))));
        // One alternate per tag: the first language of each (やさしい日本語 is `ja` too).
        let mut tags: Vec<&str> = Vec::new();
        for l in site.config.languages.iter().filter(|l| translated(*route, &l.code)) {
            if tags.contains(&l.tag.as_str()) {
                continue;
            }
            tags.push(&l.tag);
            let _ = writeln!(
                out,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                l.tag,
                super::escape(&format!("{base}{}", route.path(&l.code)))
            );
        }
        let _ = writeln!(
            out,
            "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>",
            super::escape(&format!("{base}{}", route.path(primary)))
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// How many case studies a feed lists (the newest), as feed readers expect.
const FEED_ENTRIES: usize = 50;

/// The Atom feed of case studies in `lang`, newest first.
pub(crate) fn atom(site: &Site, lang: &str, ui: &UiStrings) -> String {
    let base = &site.config.base_url;
    let title = site.config.title.get(lang).text;
    let feed_title = format!("{} – {}", title, ui.get("cases").map_or("", String::as_str));
    let updated = site
        .cases
        .first()
        .map_or_else(|| format!("{}-04-01T00:00:00+09:00", site.plan.period.0 .0), |c| c.published.rfc3339());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tag = site.config.chains.tag(lang);
    let _ = writeln!(out, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{tag}\">");
    let _ = writeln!(out, "  <title>{}</title>", super::escape(&feed_title));
    let _ = writeln!(out, "  <id>{}</id>", super::escape(&format!("{base}{lang}/feed.xml")));
    let _ = writeln!(out, "  <link rel=\"self\" href=\"{}\"/>", super::escape(&format!("{base}{lang}/feed.xml")));
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        super::escape(&format!("{base}{lang}/"))
    );
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(
        out,
        "  <author><name>{}</name></author>",
        super::escape(site.config.organisation.name.get(lang).text)
    );
    for (index, case) in site.cases.iter().enumerate().take(FEED_ENTRIES) {
        let url = format!("{base}{}", Route::Case(Item { index, slug: &case.slug }).path(lang));
        let t = case.title.get(lang);
        let summary = case.point.get(lang);
        let _ = writeln!(out, "  <entry>");
        let _ = writeln!(out, "    <title xml:lang=\"{}\">{}</title>", t.lang, super::escape(t.text));
        let _ = writeln!(out, "    <id>{}</id>", super::escape(&url));
        let _ = writeln!(out, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", super::escape(&url));
        let _ = writeln!(out, "    <published>{}</published>", case.published.rfc3339());
        let _ = writeln!(out, "    <updated>{}</updated>", case.published.rfc3339());
        for &i in &case.themes {
            let _ = writeln!(
                out,
                "    <category term=\"{}\" label=\"{}\"/>",
                super::escape(&site.themes[i].slug),
                super::escape(site.themes[i].title.get(lang).text)
            );
        }
        let _ = writeln!(out, "    <summary xml:lang=\"{}\">{}</summary>", summary.lang, super::escape(summary.text));
        let _ = writeln!(out, "  </entry>");
    }
    out.push_str("</feed>\n");
    out
}

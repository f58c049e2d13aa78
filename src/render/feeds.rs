//! Machine-readable files: `sitemap.xml` with language alternates and an Atom feed of case
//! studies per language. No build time is written into them, so two builds of the same content
//! are identical; a feed's `updated` is its newest case's date.

use super::routes::{Item, Route};
use crate::model::Site;
use crate::text::ui::UiStrings;
use std::fmt::Write;

/// The most pages one sitemap file lists. The protocol allows 50,000 addresses and 50 MB a
/// file; with every page's language alternates an entry is some 430 bytes in two languages and
/// about 1.2 KB in five, so 20,000 keep a file far below both. A site with more pages has a
/// sitemap index at `sitemap.xml` and its sitemaps beside it ([`part_path`]).
pub(crate) const SITEMAP_URLS: usize = 20_000;

/// Where part `n` (from 0) of a sitemap that is split is published.
pub(crate) fn part_path(n: usize) -> String {
    format!("sitemap-{}.xml", n + 1)
}

/// The sitemap index of a site whose sitemap is in `parts` files ([`SITEMAP_URLS`]).
pub(crate) fn sitemap_index(site: &Site, parts: usize) -> String {
    let base = &site.config.base_url;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 0..parts {
        let _ = writeln!(
            out,
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>",
            super::escape(&format!("{base}{}", part_path(n)))
        );
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// A sitemap of the pages `jobs`, each with its counterparts in the languages it is translated
/// into: the whole site's, or one part of it ([`SITEMAP_URLS`]), written to `out` as it is made
/// (a part of N = 100,000's is some 7 MB, which was made whole, two parts at a time, and copied
/// to be stored).
pub(crate) fn sitemap<'a>(
    site: &Site,
    pages: impl Iterator<Item = (Route<'a>, &'a str)>,
    translated: &dyn Fn(Route, &str) -> bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let base = &site.config.base_url;
    let primary = &site.config.primary().code;
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    )?;
    for (route, lang) in pages {
        // An untranslated page's canonical address is the page it shows: that one is listed.
        if !translated(route, lang) {
            continue;
        }
        writeln!(out, "  <url>\n    <loc>{}</loc>", super::escape(&format!("{base}{}", route.path(lang))))?;
        // The alternates the page itself names (`model::i18n::alternates`).
        let alternates = crate::model::i18n::alternates(&site.config.languages, lang, |l| translated(route, &l.code));
        if !alternates.is_empty() {
            for l in alternates {
                writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    l.tag,
                    super::escape(&format!("{base}{}", route.path(&l.code)))
                )?;
            }
            writeln!(
                out,
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                super::escape(&format!("{base}{}", route.path(primary)))
            )?;
        }
        writeln!(out, "  </url>")?;
    }
    out.write_all(b"</urlset>\n")
}

/// How many case studies a feed lists (the newest), as feed readers expect.
const FEED_ENTRIES: usize = 50;

/// The Atom feed of case studies in `lang`, newest first.
pub(crate) fn atom(site: &Site, lang: &str, ui: &UiStrings) -> String {
    let base = &site.config.base_url;
    let title = site.config.title.get(lang).text;
    // The site's title and the list's, parted as the language parts a label from its text
    // (「…推進計画：好事例」, "…Plan: Good practice").
    let word = |key| ui.get(key).map_or("", String::as_str);
    let feed_title = format!("{title}{}{}", word("colon"), word("cases"));
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

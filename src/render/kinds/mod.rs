//! The page-kind table: every kind of page the site has, one module each, in site order. The
//! pages to render, the navigation, the sitemap, the search records and the list of page
//! templates all come from [`table`]; nothing else lists the kinds.
//!
//! To add a kind of page: a `Route` variant (`routes.rs`), a module here implementing
//! `PageKind` (`kind.rs`), its line in [`table`], and its template in the theme.

mod area;
mod areas;
mod case;
mod cases;
mod home;
mod landing;
mod not_found;
mod overview;
mod policy;
mod progress_area;
mod progress_index;
mod progress_year;
mod search_page;
mod site_map;
mod structure;
mod theme;
mod themes;

use super::kind::PageKind;
#[cfg(test)]
pub(super) use progress_area::ProgressArea;

/// Something done with each kind of page in turn.
pub(crate) trait Visit {
    fn kind<K: PageKind>(&mut self);
}

/// The table: every kind of page, in the order of the navigation and of the sitemap.
pub(crate) fn table(v: &mut impl Visit) {
    v.kind::<home::Home>();
    v.kind::<overview::Overview>();
    v.kind::<themes::Themes>();
    v.kind::<theme::Theme>();
    v.kind::<areas::Areas>();
    v.kind::<area::Area>();
    v.kind::<cases::Cases>();
    v.kind::<case::Case>();
    v.kind::<progress_index::ProgressIndex>();
    v.kind::<progress_year::ProgressYear>();
    v.kind::<progress_area::ProgressArea>();
    v.kind::<structure::Structure>();
    v.kind::<search_page::Search>();
    v.kind::<site_map::SiteMap>();
    v.kind::<policy::Accessibility>();
    v.kind::<policy::Privacy>();
    v.kind::<landing::Landing>();
    v.kind::<not_found::NotFound>();
}

/// The templates that render a page each; every other template is shared by all pages.
pub(crate) fn page_templates() -> Vec<&'static str> {
    struct Templates(Vec<&'static str>);
    impl Visit for Templates {
        fn kind<K: PageKind>(&mut self) {
            self.0.push(K::TEMPLATE);
        }
    }
    let mut t = Templates(Vec::new());
    table(&mut t);
    t.0
}

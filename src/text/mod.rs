//! What render and search both read, made from the model once per build: every Markdown body
//! rendered ([`bodies`], [`markdown`]), the theme's words for the interface ([`ui`]) and the
//! searchable text of a page ([`record`], the small interface the search index is built from).
//!
//! It sits between `model` and the two stages that stand side by side, `render` and `search`;
//! neither of those imports the other.

pub(crate) mod bodies;
mod highlight;
pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod record;
pub(crate) mod ui;

//! Raw content types: exactly what editors write in the YAML files, nothing resolved.
//!
//! Every struct denies unknown fields, so a misspelt field is reported instead of ignored.
//! Values that later checks must point at (references, dates, numbers) are `Spanned`, keeping
//! their line and column in the file. The model (`crate::model`) is built from these by
//! destructuring every field.

use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

/// A text in several languages: `{ja: ..., en: ...}`.
pub(crate) type RawText = Spanned<BTreeMap<String, String>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub title: RawText,
    pub description: RawText,
    pub languages: Spanned<Vec<RawLanguage>>,
    pub base_url: Spanned<String>,
    /// The IANA time zone in which dates are compared with today (`Asia/Tokyo` by default).
    #[serde(default)]
    pub time_zone: Option<Spanned<String>>,
    #[serde(default)]
    pub theme: Option<Spanned<String>>,
    pub area_term: RawText,
    pub areas_title: RawText,
    /// What the districts inside an area are called in progress data (地区部会エリア, district).
    #[serde(default)]
    pub district_term: Option<RawText>,
    pub organisation: RawOrganisation,
    #[serde(default)]
    pub copyright: Option<RawText>,
    /// The licence of the open data files (progress CSV/JSON).
    #[serde(default)]
    pub data_licence: Option<RawLicence>,
    /// The site's own words for what the theme prints, per language: `{ja: {themes: 基本目標}}`.
    /// Keys are those of the theme's UI strings (`themes/default/i18n/ja.yaml`); a word not
    /// given here is the theme's.
    #[serde(default)]
    pub words: BTreeMap<String, Spanned<BTreeMap<String, Spanned<String>>>>,
    /// Input size limits (see [`super::limits`]); read before the rest of the content.
    #[serde(default)]
    #[expect(dead_code, reason = "accepted here so site.yaml may hold it; read by content::limits first")]
    pub limits: Option<super::limits::Limits>,
    /// The picture of link previews (`og:image`) of pages without one of their own.
    #[serde(default)]
    pub og_image: Option<RawSiteImage>,
    /// The site's icon (favicon): an SVG under content/; the theme's when not given.
    #[serde(default)]
    pub icon: Option<Spanned<String>>,
    /// The icon for home screens (apple-touch-icon): a 180×180 PNG under content/; the theme's
    /// when not given.
    #[serde(default)]
    pub touch_icon: Option<Spanned<String>>,
    /// The 「最終更新日」 of pages without a date of their own (lists, the home page).
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
}

/// The site's default picture for link previews: a file and what it shows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSiteImage {
    pub src: Spanned<String>,
    /// Required: a missing one is reported by the model (with a hint), not as a missing field.
    #[serde(default)]
    pub alt: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLicence {
    pub name: RawText,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    pub code: Spanned<String>,
    pub name: String,
    /// OpenGraph locale such as `ja_JP`; derived from the code when absent.
    #[serde(default)]
    pub locale: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOrganisation {
    pub name: RawText,
    /// What kind of body publishes the plan (for the structured data): `municipality`,
    /// `prefecture`, `social-welfare-council`, `social-welfare-corporation`, `npo` or `other`.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub contact: Option<RawContact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContact {
    pub organisation: RawText,
    #[serde(default)]
    pub person: Option<RawText>,
    #[serde(default)]
    pub phone: Option<Spanned<String>>,
    #[serde(default)]
    pub fax: Option<Spanned<String>>,
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    #[serde(default)]
    pub postal_code: Option<Spanned<String>>,
    #[serde(default)]
    pub address: Option<RawText>,
    #[serde(default)]
    pub hours: Option<RawText>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlan {
    pub name: RawText,
    #[serde(default)]
    pub edition: Option<RawText>,
    pub period: RawPeriod,
    pub basic_goal: RawText,
    #[serde(default)]
    pub legal_basis: Option<RawText>,
    pub summary: RawText,
    #[serde(default)]
    pub related_plans: Vec<RawRelatedPlan>,
    #[serde(default)]
    pub perspectives: Vec<RawText>,
    #[serde(default)]
    pub how_to_read: Option<RawText>,
    /// The plan's key issues (重要課題).
    #[serde(default)]
    pub key_issues: Vec<RawKeyIssue>,
    /// Priority themes (重点テーマ) that cut across the themes or goals.
    #[serde(default)]
    pub priorities: Vec<RawPriority>,
    /// Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKeyIssue {
    pub title: RawText,
    #[serde(default)]
    pub text: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPriority {
    pub title: RawText,
    #[serde(default)]
    pub summary: Option<RawText>,
    /// The themes or goals it cuts across (their file names).
    #[serde(default)]
    pub themes: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPeriod {
    pub from: Spanned<i32>,
    pub to: Spanned<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelatedPlan {
    pub name: RawText,
    pub relation: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTheme {
    pub number: Spanned<u32>,
    pub title: RawText,
    pub summary: RawText,
    /// What the plan aims for under this theme or goal (目指す姿).
    #[serde(default)]
    pub aims: Vec<RawText>,
    /// The main actions (主な取組), each possibly marked new or expanded.
    #[serde(default)]
    pub actions: Vec<RawAction>,
    /// Who can do what (役割分担), grouped by actor: residents, local groups, workers…
    #[serde(default)]
    pub roles: Vec<RawRole>,
    /// Kept out of `build` (shown by `serve` and `build --drafts`, with a band).
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub images: Vec<RawImage>,
    /// Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAction {
    pub text: RawText,
    /// `new` (新規) or `expanded` (拡充); none for an action carried on as it is.
    #[serde(default)]
    pub status: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRole {
    /// Who: 住民 / Residents, 地域の団体 / Local groups, 地域で働く人 / People who work here…
    pub actor: RawText,
    pub can_do: Vec<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawArea {
    pub order: Spanned<u32>,
    pub name: RawText,
    /// The area's slogan, if the plan gives its areas one.
    #[serde(default)]
    pub slogan: Option<RawText>,
    /// The area's basic policies, if the plan gives its areas some.
    #[serde(default)]
    pub policies: Vec<RawPolicy>,
    #[serde(default)]
    pub contacts: Vec<RawContact>,
    /// Kept out of `build` (shown by `serve` and `build --drafts`, with a band).
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub images: Vec<RawImage>,
    /// Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPolicy {
    pub number: Spanned<u32>,
    pub title: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCase {
    pub title: RawText,
    pub area: Spanned<String>,
    pub themes: Spanned<Vec<Spanned<String>>>,
    pub published: Spanned<String>,
    pub activities: RawText,
    pub point: RawText,
    #[serde(default)]
    pub venue: Option<RawText>,
    #[serde(default)]
    pub contact: Option<RawContact>,
    #[serde(default)]
    pub images: Vec<RawImage>,
    /// Kept out of `build` (shown by `serve` and `build --drafts`, with a band).
    #[serde(default)]
    pub draft: bool,
    /// Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub sample: bool,
}

/// An image of a case study, area or theme: `{src: images/cafe.jpg, alt: {ja: …, en: …}}`,
/// with an optional caption and credit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImage {
    pub src: Spanned<String>,
    /// Required: a missing one is reported by the model (with a hint), not as a missing field.
    #[serde(default)]
    pub alt: Option<RawText>,
    #[serde(default)]
    pub caption: Option<RawText>,
    #[serde(default)]
    pub credit: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStructure {
    pub title: RawText,
    pub bodies: Spanned<Vec<RawBody>>,
    /// When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBody {
    pub id: Spanned<String>,
    pub name: RawText,
    pub tier: Spanned<u32>,
    pub role: RawText,
    #[serde(default)]
    pub reports_to: Vec<Spanned<String>>,
    #[serde(default)]
    pub report: Option<RawText>,
}

/// `search.yaml` (optional): the site's own words for search. Readings are given per word
/// (`犢橋: こてはし`, or a list when a word has several); synonyms are groups of words that find
/// each other. Both are added to the built-in table of variants (docs/search.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSearch {
    #[serde(default)]
    pub readings: BTreeMap<String, Spanned<RawReadings>>,
    #[serde(default)]
    pub synonyms: Vec<Spanned<Vec<Spanned<String>>>>,
}

/// One reading or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawReadings {
    One(String),
    Many(Vec<String>),
}

/// A document an item lists: `{file: files/report-2024.pdf, title: {ja: …, en: …}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAttachment {
    /// The file's path under `content/`.
    pub file: Spanned<String>,
    pub title: RawText,
}

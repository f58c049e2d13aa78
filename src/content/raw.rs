//! Raw content types: exactly what editors write in the YAML files, nothing resolved.
//!
//! Every struct denies unknown fields, so a misspelt field is reported instead of ignored.
//! Values that later checks must point at (references, dates, numbers) are `Spanned`, keeping
//! their line and column in the file. The model (`crate::model`) is built from these by
//! destructuring every field.

use crate::content::yaml::Spanned;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A text in several languages: `{ja: ..., en: ...}`.
pub(crate) type RawText = Spanned<Langs>;

pub(crate) use super::langs::Langs;

/// `content/site.yaml`：サイト全体の設定 / The settings of the whole site.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    /// サイトの名前 / The site's name.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
    /// サイトの説明（検索結果やリンクのプレビューに出ます） / What the site is about (shown by search engines and link previews).
    #[schemars(with = "crate::content::schema::Text")]
    pub description: RawText,
    /// サイトの言語。最初の言語が主な言語です。 / The site's languages, the primary one first.
    #[schemars(with = "Vec<RawLanguage>")]
    pub languages: Spanned<Vec<RawLanguage>>,
    /// 公開するアドレス（例：https://example.jp/plan/） / The address the site is published at, e.g. https://example.jp/plan/.
    #[schemars(with = "String")]
    pub base_url: Spanned<String>,
    /// 日付を比べるときのタイムゾーン（既定は Asia/Tokyo） / The IANA time zone in which dates are compared with today (`Asia/Tokyo` by default).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub time_zone: Option<Spanned<String>>,
    /// デザインのテーマ（themes/ のフォルダ名。既定は default） / The theme (a folder of themes/; `default` when not given).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub theme: Option<Spanned<String>>,
    /// エリアの呼び方（例：区、地区） / What the site calls an area (e.g. ward, district).
    #[schemars(with = "crate::content::schema::Text")]
    pub area_term: RawText,
    /// エリアの一覧ページの見出し / The heading of the page listing the areas.
    #[schemars(with = "crate::content::schema::Text")]
    pub areas_title: RawText,
    /// 推進状況でエリア内の地区を何と呼ぶか（例：地区部会エリア） / What the districts inside an area are called in progress data (地区部会エリア, district).
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub district_term: Option<RawText>,
    /// 計画を発行する団体 / The body that publishes the plan.
    pub organisation: RawOrganisation,
    /// 著作権の表示 / The copyright notice.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub copyright: Option<RawText>,
    /// オープンデータ（推進状況の CSV・JSON）のライセンス / The licence of the open data files (progress CSV/JSON).
    #[serde(default)]
    pub data_licence: Option<RawLicence>,
    /// テーマが表示する言葉を、このサイトの言葉に置き換えます（例：`{ja: {themes: 基本目標}}`） / The site's own words for what the theme prints, per language: `{ja: {themes: 基本目標}}`.
    /// Keys are those of the theme's UI strings (`themes/default/i18n/ja.yaml`); a word not
    /// given here is the theme's.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, String>>")]
    pub words: BTreeMap<String, Spanned<BTreeMap<String, Spanned<String>>>>,
    /// 入力ファイルの大きさの上限 / Input size limits (see [`super::limits`]); read before the rest of the content (by content::limits).
    #[serde(default)]
    pub limits: Option<super::limits::Limits>,
    /// リンクのプレビューに使う画像（ページに画像がないとき） / The picture of link previews (`og:image`) of pages without one of their own.
    #[serde(default)]
    pub og_image: Option<RawSiteImage>,
    /// サイトのアイコン（content/ の SVG。省略時はテーマのもの） / The site's icon (favicon): an SVG under content/; the theme's when not given.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub icon: Option<Spanned<String>>,
    /// ホーム画面用のアイコン（180×180 の PNG。省略時はテーマのもの） / The icon for home screens (apple-touch-icon): a 180×180 PNG under content/; the theme's
    /// when not given.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub touch_icon: Option<Spanned<String>>,
    /// 日付のないページ（一覧、トップページ）の最終更新日 / The 「最終更新日」 of pages without a date of their own (lists, the home page).
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Date>")]
    pub updated: Option<Spanned<String>>,
    /// 一覧を何件ずつのページに分けるか（事例の一覧、取組みテーマ・エリアの事例、推進状況の詳細） / How many items each page of a long list shows (the case list, a theme's and an area's case studies, progress details).
    #[serde(default)]
    pub pagination: Option<RawPagination>,
}

/// 一覧のページ分け / How long lists are cut into pages.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPagination {
    /// 1ページに表示する件数（1〜500。既定は 30） / How many items a page of a list shows (1 to 500; 30 by default).
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = 500))]
    pub page_size: Option<Spanned<i64>>,
    /// 推進状況の詳細で1ページに表示する取組の数（1〜500。既定は page_size と同じ） / How many progress items a page of an area's progress detail shows (1 to 500; `page_size` by default).
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = 500))]
    pub progress_page_size: Option<Spanned<i64>>,
}

/// サイトの既定の画像：ファイルと、何が写っているか / The site's default picture for link previews: a file and what it shows.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSiteImage {
    /// 画像ファイル（content/ からの相対パス） / The image file, relative to content/.
    #[schemars(with = "String")]
    pub src: Spanned<String>,
    /// 画像の代替テキスト（何が写っているか。必須） / What the picture shows (alternative text; required).
    /// A missing one is reported by the model (with a hint), not as a missing field.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub alt: Option<RawText>,
}

/// ライセンス / A licence.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLicence {
    /// ライセンスの名前（例：CC BY 4.0） / The licence's name, e.g. CC BY 4.0.
    #[schemars(with = "crate::content::schema::Text")]
    pub name: RawText,
    /// ライセンスの説明のアドレス / The address of the licence's text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
}

/// サイトの言語 / A language of the site.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    /// 言語コード（例：ja、en） / The language code, e.g. ja or en.
    #[schemars(with = "crate::content::schema::LanguageCode")]
    pub code: Spanned<String>,
    /// その言語での言語名（例：日本語、English） / The language's name in itself, e.g. 日本語, English.
    pub name: String,
    /// OpenGraph のロケール（例：ja_JP。省略すると言語コードから決まります） / OpenGraph locale such as `ja_JP`; derived from the code when absent.
    #[serde(default)]
    pub locale: Option<String>,
    /// `lang` 属性に書く BCP 47 の言語タグ（例：やさしい日本語は ja、中国語（簡体字）は zh-Hans。省略するとコードと同じ） / The BCP 47 tag written in `lang` attributes (やさしい日本語: `ja`, Simplified Chinese: `zh-Hans`); the code when absent.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    /// 訳のない文の代わりに表示する言語のコード（順に。最後は必ず主な言語） / The codes of the languages whose text stands in for a missing one, in order (the primary language always comes last).
    #[serde(default)]
    #[schemars(with = "Option<Vec<crate::content::schema::LanguageCode>>")]
    pub fallback: Option<Spanned<Vec<Spanned<String>>>>,
    /// 一部のページだけを訳す言語（訳のないページを「未翻訳」と報告しない） / A language translated page by page on purpose: what it lacks is not reported as a missing translation.
    #[serde(default)]
    pub partial: bool,
}

/// 計画を発行する団体 / The publishing body.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOrganisation {
    /// 団体の名前 / The body's name.
    #[schemars(with = "crate::content::schema::Text")]
    pub name: RawText,
    /// 団体の種類：municipality（市区町村）、prefecture（都道府県）、social-welfare-council（社会福祉協議会）、social-welfare-corporation（社会福祉法人）、npo、other / What kind of body publishes the plan (for the structured data).
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::PublisherKind>")]
    pub kind: Option<Spanned<String>>,
    /// 団体のウェブサイトのアドレス / The address of the body's website.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// 問い合わせ先 / Where to ask.
    #[serde(default)]
    pub contact: Option<RawContact>,
}

/// 問い合わせ先 / A contact.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContact {
    /// 担当の部署・団体 / The office or group to contact.
    #[schemars(with = "crate::content::schema::Text")]
    pub organisation: RawText,
    /// 担当者 / The person to contact.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub person: Option<RawText>,
    /// 電話番号 / Telephone number.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// ファクス番号 / Fax number.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub fax: Option<Spanned<String>>,
    /// メールアドレス / E-mail address.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// 郵便番号（例：260-0001） / Postal code, e.g. 260-0001.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub postal_code: Option<Spanned<String>>,
    /// 住所 / Address.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub address: Option<RawText>,
    /// 受付時間 / Opening hours.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub hours: Option<RawText>,
    /// ウェブサイトのアドレス / Website address.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// サンプルの連絡先であることを示します（true のとき注記が付きます） / Marks a contact made up for the sample (shown with a note).
    #[serde(default)]
    pub sample: bool,
}

/// `content/plan.yaml`：計画の概要 / The plan itself.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlan {
    /// 計画の名前 / The plan's name.
    #[schemars(with = "crate::content::schema::Text")]
    pub name: RawText,
    /// 第何次の計画か（例：第5次） / Which edition of the plan, e.g. the 5th.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub edition: Option<RawText>,
    /// 計画の期間（年度） / The plan's period in fiscal years.
    pub period: RawPeriod,
    /// 基本理念 / The basic goal.
    #[schemars(with = "crate::content::schema::Text")]
    pub basic_goal: RawText,
    /// 計画の根拠となる法律 / The law the plan is based on.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub legal_basis: Option<RawText>,
    /// 計画の要約 / A summary of the plan.
    #[schemars(with = "crate::content::schema::Text")]
    pub summary: RawText,
    /// 関連する計画 / Related plans.
    #[serde(default)]
    pub related_plans: Vec<RawRelatedPlan>,
    /// 計画の視点 / The plan's perspectives.
    #[serde(default)]
    #[schemars(with = "Vec<crate::content::schema::Text>")]
    pub perspectives: Vec<RawText>,
    /// 計画の読み方 / How to read the plan.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub how_to_read: Option<RawText>,
    /// 重要課題 / The plan's key issues.
    #[serde(default)]
    pub key_issues: Vec<RawKeyIssue>,
    /// 重点テーマ（基本目標を横断するもの） / Priority themes that cut across the themes or goals.
    #[serde(default)]
    pub priorities: Vec<RawPriority>,
    /// 関連資料（ページの「関連資料」に形式と大きさ付きで並びます） / Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// 最終更新日（例：2025-04-01） / When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Date>")]
    pub updated: Option<Spanned<String>>,
    /// サンプルデータであることを示します / Marks sample data.
    #[serde(default)]
    pub sample: bool,
}

/// 重要課題 / A key issue.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKeyIssue {
    /// 課題の見出し / The issue's heading.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
    /// 課題の説明 / What the issue is.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub text: Option<RawText>,
}

/// 重点テーマ / A priority theme.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPriority {
    /// 重点テーマの名前 / Its name.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
    /// 重点テーマの説明 / What it is about.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub summary: Option<RawText>,
    /// 関係する基本目標（テーマのファイル名） / The themes or goals it cuts across (their file names).
    #[serde(default)]
    #[schemars(with = "Vec<crate::content::schema::ThemeId>")]
    pub themes: Vec<Spanned<String>>,
}

/// 計画の期間 / The plan's period.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPeriod {
    /// 始まりの年度（西暦、例：2025） / The first fiscal year, e.g. 2025.
    #[schemars(with = "i32")]
    pub from: Spanned<i32>,
    /// 終わりの年度（西暦、例：2029） / The last fiscal year, e.g. 2029.
    #[schemars(with = "i32")]
    pub to: Spanned<i32>,
}

/// 関連する計画 / A related plan.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelatedPlan {
    /// 計画の名前 / The plan's name.
    #[schemars(with = "crate::content::schema::Text")]
    pub name: RawText,
    /// この計画との関係 / How it relates to this plan.
    #[schemars(with = "crate::content::schema::Text")]
    pub relation: RawText,
}

/// `content/themes/<名前>.yaml`：基本目標（テーマ） / A theme or goal of the plan.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTheme {
    /// 番号（並び順） / Its number, which orders the themes.
    #[schemars(with = "u32")]
    pub number: Spanned<u32>,
    /// 基本目標の名前 / The theme's name.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
    /// 基本目標の要約 / A summary of the theme.
    #[schemars(with = "crate::content::schema::Text")]
    pub summary: RawText,
    /// 目指す姿 / What the plan aims for under this theme or goal.
    #[serde(default)]
    #[schemars(with = "Vec<crate::content::schema::Text>")]
    pub aims: Vec<RawText>,
    /// 主な取組（新規・拡充の区分付き） / The main actions, each possibly marked new or expanded.
    #[serde(default)]
    pub actions: Vec<RawAction>,
    /// 役割分担（住民、地域の団体、地域で働く人など、担い手ごと） / Who can do what, grouped by actor: residents, local groups, workers…
    #[serde(default)]
    pub roles: Vec<RawRole>,
    /// 下書き：true の間は `build` で公開されません（`serve` と `build --drafts` では帯付きで表示） / Kept out of `build` (shown by `serve` and `build --drafts`, with a band).
    #[serde(default)]
    pub draft: bool,
    /// 画像 / Pictures.
    #[serde(default)]
    pub images: Vec<RawImage>,
    /// 関連資料（ページの「関連資料」に形式と大きさ付きで並びます） / Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// 最終更新日（例：2025-04-01） / When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Date>")]
    pub updated: Option<Spanned<String>>,
    /// サンプルデータであることを示します / Marks sample data.
    #[serde(default)]
    pub sample: bool,
}

/// 主な取組 / A main action.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAction {
    /// 取組の内容 / What is done.
    #[schemars(with = "crate::content::schema::Text")]
    pub text: RawText,
    /// 区分：new（新規）または expanded（拡充）。継続の取組では書きません。 / `new` or `expanded`; none for an action carried on as it is.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::ActionStatus>")]
    pub status: Option<Spanned<String>>,
}

/// 担い手ごとの役割 / What one kind of actor can do.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRole {
    /// 担い手（例：住民、地域の団体、地域で働く人） / Who: residents, local groups, people who work here…
    #[schemars(with = "crate::content::schema::Text")]
    pub actor: RawText,
    /// できること / What they can do.
    #[schemars(with = "Vec<crate::content::schema::Text>")]
    pub can_do: Vec<RawText>,
}

/// `content/areas/<名前>.yaml`：エリア（区・地区など） / An area (ward, district…).
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawArea {
    /// 並び順 / Its place in lists.
    #[schemars(with = "u32")]
    pub order: Spanned<u32>,
    /// エリアの名前 / The area's name.
    #[schemars(with = "crate::content::schema::Text")]
    pub name: RawText,
    /// エリアのスローガン（あれば） / The area's slogan, if the plan gives its areas one.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub slogan: Option<RawText>,
    /// エリアの基本方針（あれば） / The area's basic policies, if the plan gives its areas some.
    #[serde(default)]
    pub policies: Vec<RawPolicy>,
    /// 問い合わせ先 / Contacts.
    #[serde(default)]
    pub contacts: Vec<RawContact>,
    /// 下書き：true の間は `build` で公開されません（`serve` と `build --drafts` では帯付きで表示） / Kept out of `build` (shown by `serve` and `build --drafts`, with a band).
    #[serde(default)]
    pub draft: bool,
    /// 画像 / Pictures.
    #[serde(default)]
    pub images: Vec<RawImage>,
    /// 関連資料（ページの「関連資料」に形式と大きさ付きで並びます） / Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// 最終更新日（例：2025-04-01） / When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Date>")]
    pub updated: Option<Spanned<String>>,
    /// サンプルデータであることを示します / Marks sample data.
    #[serde(default)]
    pub sample: bool,
}

/// エリアの基本方針 / A basic policy of an area.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPolicy {
    /// 方針の番号 / Its number.
    #[schemars(with = "u32")]
    pub number: Spanned<u32>,
    /// 方針の内容 / What it says.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
}

/// `content/cases/<名前>.yaml`：取組事例 / A case study.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCase {
    /// 事例の名前 / The case study's title.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
    /// エリア（content/areas/ のファイル名） / Its area (a file name of content/areas/).
    #[schemars(with = "crate::content::schema::AreaId")]
    pub area: Spanned<String>,
    /// 関係する基本目標（content/themes/ のファイル名） / Its themes (file names of content/themes/).
    #[schemars(with = "Vec<crate::content::schema::ThemeId>")]
    pub themes: Spanned<Vec<Spanned<String>>>,
    /// 掲載日（例：2025-04-01）。未来の日付の事例は、その日まで公開されません。 / The date it is published, e.g. 2025-04-01; later dates are held back until then.
    #[schemars(with = "crate::content::schema::Date")]
    pub published: Spanned<String>,
    /// 活動の内容 / What the group does.
    #[schemars(with = "crate::content::schema::Text")]
    pub activities: RawText,
    /// ポイント（ほかの地域が参考にできること） / The point others can learn from.
    #[schemars(with = "crate::content::schema::Text")]
    pub point: RawText,
    /// 活動の場所 / Where it takes place.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub venue: Option<RawText>,
    /// 問い合わせ先 / Whom to ask.
    // Boxed: it is 368 bytes, as much as the rest of the case study, and one without a contact
    // need not hold its room (the parsed case studies are all held at the parse's peak: the
    // benchmark's 100,000 have none, 36 MB).
    #[serde(default)]
    pub contact: Option<Box<RawContact>>,
    /// 画像 / Pictures.
    #[serde(default)]
    pub images: Vec<RawImage>,
    /// 下書き：true の間は `build` で公開されません（`serve` と `build --drafts` では帯付きで表示） / Kept out of `build` (shown by `serve` and `build --drafts`, with a band).
    #[serde(default)]
    pub draft: bool,
    /// 関連資料（ページの「関連資料」に形式と大きさ付きで並びます） / Documents listed under the page's 「関連資料」 heading, with their format and size.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// 最終更新日（例：2025-04-01） / When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Date>")]
    pub updated: Option<Spanned<String>>,
    /// サンプルデータであることを示します / Marks sample data.
    #[serde(default)]
    pub sample: bool,
}

/// 画像：ファイルと代替テキスト、必要なら説明文とクレジット / A picture: `{src: images/cafe.jpg, alt: {ja: …, en: …}}`,
/// with an optional caption and credit.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImage {
    /// 画像ファイル（content/ からの相対パス。例：images/cafe.jpg） / The image file, relative to content/, e.g. images/cafe.jpg.
    #[schemars(with = "String")]
    pub src: Spanned<String>,
    /// 代替テキスト（何が写っているか。必須） / What the picture shows (alternative text; required).
    /// A missing one is reported by the model (with a hint), not as a missing field.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub alt: Option<RawText>,
    /// 説明文 / A caption.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub caption: Option<RawText>,
    /// クレジット（撮影者・提供者） / Who took or gave the picture.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub credit: Option<RawText>,
}

/// `content/structure.yaml`：推進体制 / How the plan is carried out: its bodies.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStructure {
    /// ページの見出し / The page's heading.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
    /// 会議・組織 / The bodies.
    #[schemars(with = "Vec<RawBody>")]
    pub bodies: Spanned<Vec<RawBody>>,
    /// 最終更新日（例：2025-04-01） / When the page's content was last changed (YYYY-MM-DD): its 「最終更新日」.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Date>")]
    pub updated: Option<Spanned<String>>,
    /// サンプルデータであることを示します / Marks sample data.
    #[serde(default)]
    pub sample: bool,
}

/// 推進体制の会議・組織 / A body that carries out the plan.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBody {
    /// 識別名（半角英数字。reports_to から参照します） / Its id, which `reports_to` refers to.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// 名前 / Its name.
    #[schemars(with = "crate::content::schema::Text")]
    pub name: RawText,
    /// 階層（1 が最上位） / Its tier, 1 at the top.
    #[schemars(with = "u32")]
    pub tier: Spanned<u32>,
    /// 役割 / What it does.
    #[schemars(with = "crate::content::schema::Text")]
    pub role: RawText,
    /// 報告先（ほかの会議・組織の id） / The ids of the bodies it reports to.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub reports_to: Vec<Spanned<String>>,
    /// 報告の内容 / What it reports.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    pub report: Option<RawText>,
}

/// `content/search.yaml`（任意）：検索のための言葉。読みは語ごと（`犢橋: こてはし`、複数あれば一覧）、同義語は互いに見つかる語の組です。 / The site's own words for search. Readings are given per word
/// (`犢橋: こてはし`, or a list when a word has several); synonyms are groups of words that find
/// each other. Both are added to the built-in table of variants (docs/search.md).
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSearch {
    /// 語の読み（例：`犢橋: こてはし`） / Readings of words, e.g. `犢橋: こてはし`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawReadings>")]
    pub readings: BTreeMap<String, Spanned<RawReadings>>,
    /// 同義語の組（例：`[子ども食堂, こども食堂]`） / Groups of words that find each other.
    #[serde(default)]
    #[schemars(with = "Vec<Vec<String>>")]
    pub synonyms: Vec<Spanned<Vec<Spanned<String>>>>,
    /// ふりがな：語とその読み（ひらがな）。サイトのすべての文と本文で、その語に読みが付き、検索でも読みで見つかります / Furigana: names and their reading in hiragana, shown as ruby on every occurrence of the
    /// name in the site's texts and bodies (and found by search in the reading).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub furigana: BTreeMap<String, Spanned<String>>,
}

/// 読み（一つ、または複数の一覧） / One reading or several.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum RawReadings {
    One(String),
    Many(Vec<String>),
}

/// 関連資料：ファイルと題名 / A document an item lists: `{file: files/report-2024.pdf, title: {ja: …, en: …}}`.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAttachment {
    /// ファイル（content/ からの相対パス。例：files/report-2024.pdf） / The file's path under `content/`.
    #[schemars(with = "String")]
    pub file: Spanned<String>,
    /// 資料の題名 / The document's title.
    #[schemars(with = "crate::content::schema::Text")]
    pub title: RawText,
}

//! Named JSON Schema pieces for the raw types' fields (`#[schemars(with = "...")]`).
//!
//! The raw types keep values `Spanned` (serde-saphyr's wrapper, which has no `JsonSchema`), so
//! each such field names the schema of the value it holds instead: plain Rust types where that
//! says everything, or one of these named definitions where the value is one of a list that
//! only the site or the model knows (its areas, themes and languages; the ratings). Each has a
//! fixed name in the schema's `definitions`; `crate::schema` fills in the allowed values of the
//! site it writes the schemas for. Nothing here is used when a site is built.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// Implements `JsonSchema` for a marker type: a named definition holding `schema`.
macro_rules! named {
    ($ty:ident, $name:literal, $schema:tt) => {
        #[doc = concat!("The `", $name, "` definition of the schemas.")]
        pub(crate) enum $ty {}

        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

named!(Text, "Text", {
    "description": "言語ごとの文章。`{ja: …, en: …}` のように言語コードごとに書きます。 / A text per language: `{ja: …, en: …}`.",
    "type": "object",
    "minProperties": 1,
    "additionalProperties": { "type": "string" }
});

named!(AreaId, "AreaId", {
    "description": "エリアのファイル名（content/areas/<名前>.yaml の <名前>） / An area's file name (content/areas/<name>.yaml)",
    "type": "string"
});

named!(ThemeId, "ThemeId", {
    "description": "基本目標（テーマ）のファイル名（content/themes/<名前>.yaml の <名前>） / A theme's file name (content/themes/<name>.yaml)",
    "type": "string"
});

named!(Rating, "Rating", {
    "description": "達成状況：◎（年度目標以上）、○（概ね達成）、△（一部達成）、×（未達成） / The rating: ◎ (beyond the target), ○ (mostly achieved), △ (partly achieved), × (not achieved)",
    "type": "string"
});

named!(Date, "Date", {
    "description": "日付（西暦の年-月-日、半角数字。例：2025-04-01） / A date as year-month-day in half-width digits, e.g. 2025-04-01",
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
});

named!(ActionStatus, "ActionStatus", {
    "description": "取組の区分：new（新規）または expanded（拡充）。継続する取組では書きません。 / `new` or `expanded`; left out for an action carried on as it is",
    "type": "string",
    "enum": ["new", "新規", "expanded", "拡充"]
});

named!(PublisherKind, "PublisherKind", {
    "description": "発行する団体の種類 / What kind of body publishes the plan",
    "type": "string"
});

named!(LanguageCode, "LanguageCode", {
    "description": "言語コード（例：ja、en、easy） / A language code such as ja, en or easy",
    "type": "string",
    "pattern": "^[a-z0-9]+(-[A-Za-z0-9]+)*$"
});

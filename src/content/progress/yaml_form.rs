//! The YAML form of an area's progress data → [`RawAreaProgress`].

use super::{At, Loc, LocText, Origin, RawAreaProgress, RawProgressDistrict, RawProgressItem};
use crate::content::raw::RawText;
use crate::content::yaml::Spanned;
use crate::diag::Diagnostics;
use serde::Deserialize;

/// `content/progress/<年度>/<エリア>.yaml`：エリアの推進状況（ファイル名がエリアを表します） / One area's progress data for a year (the file name names the area).
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YamlArea {
    /// 地区（地区部会エリアなど）ごとの推進状況 / Progress per district of the area.
    districts: Vec<YamlDistrict>,
}

/// 地区の推進状況 / One district's progress.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct YamlDistrict {
    /// 地区の名前 / The district's name.
    #[schemars(with = "crate::content::schema::Text")]
    name: RawText,
    /// 人口（counted_on の日現在） / Population, as of counted_on.
    #[serde(default)]
    #[schemars(with = "Option<u64>")]
    population: Option<Spanned<u64>>,
    /// 世帯数（counted_on の日現在） / Households, as of counted_on.
    #[serde(default)]
    #[schemars(with = "Option<u64>")]
    households: Option<Spanned<u64>>,
    /// 人口・世帯数の基準日（例：2025-03-31） / The date the figures were counted, e.g. 2025-03-31.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Date>")]
    counted_on: Option<Spanned<String>>,
    /// 取組項目 / The items.
    items: Vec<YamlItem>,
}

/// 取組項目 / One item of the year.
#[derive(Debug, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct YamlItem {
    /// 基本方針の番号（エリアに基本方針がある場合は必須） / The number of the area's basic policy (required where the area has basic policies).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    policy: Option<Spanned<u32>>,
    /// 重点取組なら true / true for a priority item.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    priority: Option<Spanned<bool>>,
    /// 主な取組なら true / true for a main item.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    main: Option<Spanned<bool>>,
    /// 取組項目 / The item.
    #[schemars(with = "crate::content::schema::Text")]
    item: RawText,
    /// 関係する基本目標（content/themes/ のファイル名） / Its themes (file names of content/themes/).
    #[serde(default)]
    #[schemars(with = "Vec<crate::content::schema::ThemeId>")]
    themes: Vec<Spanned<String>>,
    /// 目標又は予定 / The year's target or plan.
    #[schemars(with = "crate::content::schema::Text")]
    target: RawText,
    /// 実績 / What was done.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    result: Option<RawText>,
    /// 達成状況（◎・○・△・×） / The rating (◎, ○, △, ×).
    #[schemars(with = "crate::content::schema::Rating")]
    rating: Spanned<String>,
    /// 次年度の目標又は予定 / The next year's target or plan.
    #[schemars(with = "crate::content::schema::Text")]
    next_target: RawText,
    /// 課題 / Issues.
    #[serde(default)]
    #[schemars(with = "Option<crate::content::schema::Text>")]
    issues: Option<RawText>,
}

/// Parses `<area>.yaml`; a YAML error becomes a diagnostic and `None`.
pub(super) fn parse(
    file: &str,
    stem: &str,
    text: &str,
    ctx: &crate::content::Ctx,
    diags: &mut Diagnostics,
) -> Option<RawAreaProgress> {
    let parsed: YamlArea = match ctx.parse(file, text) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    // The parsed form is taken apart as it is read, its values moved, not copied: at
    // N = 100,000 an area's file is some 5 MB of YAML, and both forms of it were held at once.
    let path = Origin::file(file);
    let txt = |t: RawText| LocText { loc: Loc::of(&path, &t), value: t.value.into_table_text() };
    let num = |n: Spanned<u64>| At { value: n.value.to_string(), loc: Loc::of(&path, &n) };
    let flag = |b: Option<Spanned<bool>>, item_loc: &Loc| match b {
        Some(b) => At { value: b.value.to_string(), loc: Loc::of(&path, &b) },
        None => At { value: String::new(), loc: item_loc.clone() },
    };
    let districts = parsed
        .districts
        .into_iter()
        .map(|d| RawProgressDistrict {
            name: txt(d.name),
            population: d.population.map(num),
            households: d.households.map(num),
            counted_on: d.counted_on.map(|c| At { loc: Loc::of(&path, &c), value: c.value }),
            items: d
                .items
                .into_iter()
                .map(|i| {
                    let item_loc = i.policy.as_ref().map_or_else(|| Loc::of(&path, &i.item), |p| Loc::of(&path, p));
                    RawProgressItem {
                        policy: At {
                            value: i.policy.as_ref().map_or_else(String::new, |p| p.value.to_string()),
                            loc: item_loc.clone(),
                        },
                        priority: flag(i.priority, &item_loc),
                        main: flag(i.main, &item_loc),
                        item: txt(i.item),
                        themes: i.themes.into_iter().map(|t| At { loc: Loc::of(&path, &t), value: t.value }).collect(),
                        target: txt(i.target),
                        result: i.result.map(txt),
                        rating: At { loc: Loc::of(&path, &i.rating), value: i.rating.value },
                        next_target: txt(i.next_target),
                        issues: i.issues.map(txt),
                    }
                })
                .collect(),
        })
        .collect();
    Some(RawAreaProgress { area: At { value: stem.to_string(), loc: Loc::file(&path) }, districts })
}

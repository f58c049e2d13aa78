//! The YAML form of an area's progress data → [`RawAreaProgress`].

use super::{At, LocText, RawAreaProgress, RawProgressDistrict, RawProgressItem, TextLang};
use crate::content::raw::RawText;
use crate::content::yaml::loc;
use crate::diag::{Diagnostics, Location};
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlArea {
    districts: Vec<YamlDistrict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlDistrict {
    name: RawText,
    #[serde(default)]
    population: Option<Spanned<u64>>,
    #[serde(default)]
    households: Option<Spanned<u64>>,
    #[serde(default)]
    counted_on: Option<Spanned<String>>,
    items: Vec<YamlItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlItem {
    /// Required where the area has basic policies.
    #[serde(default)]
    policy: Option<Spanned<u32>>,
    #[serde(default)]
    priority: Option<Spanned<bool>>,
    #[serde(default)]
    main: Option<Spanned<bool>>,
    item: RawText,
    #[serde(default)]
    themes: Vec<Spanned<String>>,
    target: RawText,
    #[serde(default)]
    result: Option<RawText>,
    rating: Spanned<String>,
    next_target: RawText,
    #[serde(default)]
    issues: Option<RawText>,
}

/// Parses `<area>.yaml`; a YAML error becomes a diagnostic and `None`.
pub(super) fn parse(
    file: &str,
    stem: &str,
    text: &str,
    limits: &crate::content::limits::Limits,
    diags: &mut Diagnostics,
) -> Option<RawAreaProgress> {
    let parsed: YamlArea = match crate::content::yaml::parse_with(file, text, limits) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let txt = |t: &RawText| LocText {
        value: t.value.iter().map(|(l, v)| (TextLang::Named(l.clone()), v.clone())).collect(),
        loc: loc(file, t),
    };
    let num = |n: &Spanned<u64>| At { value: n.value.to_string(), loc: loc(file, n) };
    let flag = |b: &Option<Spanned<bool>>, item_loc: &Location| match b {
        Some(b) => At { value: b.value.to_string(), loc: loc(file, b) },
        None => At { value: String::new(), loc: item_loc.clone() },
    };
    let districts = parsed
        .districts
        .iter()
        .map(|d| RawProgressDistrict {
            name: txt(&d.name),
            population: d.population.as_ref().map(num),
            households: d.households.as_ref().map(num),
            counted_on: d.counted_on.as_ref().map(|c| At { value: c.value.clone(), loc: loc(file, c) }),
            items: d
                .items
                .iter()
                .map(|i| {
                    let item_loc = i.policy.as_ref().map_or_else(|| loc(file, &i.item), |p| loc(file, p));
                    RawProgressItem {
                        policy: At {
                            value: i.policy.as_ref().map_or_else(String::new, |p| p.value.to_string()),
                            loc: item_loc.clone(),
                        },
                        priority: flag(&i.priority, &item_loc),
                        main: flag(&i.main, &item_loc),
                        item: txt(&i.item),
                        themes: i.themes.iter().map(|t| At { value: t.value.clone(), loc: loc(file, t) }).collect(),
                        target: txt(&i.target),
                        result: i.result.as_ref().map(txt),
                        rating: At { value: i.rating.value.clone(), loc: loc(file, &i.rating) },
                        next_target: txt(&i.next_target),
                        issues: i.issues.as_ref().map(txt),
                    }
                })
                .collect(),
        })
        .collect();
    Some(RawAreaProgress { area: At { value: stem.to_string(), loc: Location::file(file) }, districts })
}

//! Summary tables computed from progress detail, as the city's 総括表 does: per basic policy the
//! number of priority items and how many got each rating, the number of other items, and the main
//! activities. Pure functions of the model; templates only lay the numbers out.
//!
//! Counting rule (from the city's format): an item that serves several themes is counted once
//! per theme (an item with no theme counts once). Ratings are counted the same way, so the four
//! rating counts always add up to the number of priority items.

use crate::model::progress::{AreaProgress, ProgressItem, ProgressYear, Rating};

/// How many times an item counts in the summary.
pub(crate) fn weight(item: &ProgressItem) -> usize {
    item.themes.len().max(1)
}

/// Counts of one group of items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Priority items (重点取組項目), weighted.
    pub(crate) priority: usize,
    /// Priority items by rating, in [`Rating::ALL`] order.
    pub(crate) by_rating: [usize; 4],
    /// Other items, weighted.
    pub(crate) other: usize,
}

impl Counts {
    /// Counts `item`; `every_item`: its year marks no priority items, so every item is rated.
    pub(crate) fn add(&mut self, item: &ProgressItem, every_item: bool) {
        let w = weight(item);
        if item.priority || every_item {
            self.priority += w;
            self.by_rating[item.rating.index()] += w;
        } else {
            self.other += w;
        }
    }

    pub(crate) fn plus(mut self, other: Counts) -> Counts {
        self.priority += other.priority;
        self.other += other.other;
        for (a, b) in self.by_rating.iter_mut().zip(other.by_rating) {
            *a += b;
        }
        self
    }

    /// Share of priority items rated ◎ or ○, in per cent (None without priority items).
    pub(crate) fn achieved_percent(&self) -> Option<f64> {
        (self.priority > 0).then(|| {
            100.0 * (self.by_rating[Rating::Exceeded.index()] + self.by_rating[Rating::Achieved.index()]) as f64
                / self.priority as f64
        })
    }
}

/// The summary row of one basic policy of an area.
#[derive(Debug, Clone)]
pub(crate) struct PolicyRow<'a> {
    pub(crate) number: u32,
    pub(crate) counts: Counts,
    /// Items marked as main activities, in data order (each once).
    pub(crate) main: Vec<&'a ProgressItem>,
}

/// The summary of an area for a year: one row per basic policy of the area, in policy order.
pub(crate) fn area_summary<'a>(policies: &[u32], area: &'a AreaProgress, every_item: bool) -> Vec<PolicyRow<'a>> {
    policies
        .iter()
        .map(|&number| {
            let mut row = PolicyRow { number, counts: Counts::default(), main: Vec::new() };
            for item in area.districts.iter().flat_map(|d| &d.items).filter(|i| i.policy == Some(number)) {
                row.counts.add(item, every_item);
                if item.main {
                    row.main.push(item);
                }
            }
            row
        })
        .collect()
}

/// The totals of an area for a year.
pub(crate) fn area_totals(area: &AreaProgress, every_item: bool) -> Counts {
    let mut c = Counts::default();
    for item in area.districts.iter().flat_map(|d| &d.items) {
        c.add(item, every_item);
    }
    c
}

/// The totals of every area of a year, and the year's grand total.
pub(crate) fn year_totals(year: &ProgressYear) -> (Vec<(usize, Counts)>, Counts) {
    let rows: Vec<(usize, Counts)> =
        year.areas.iter().map(|a| (a.area, area_totals(a, !year.priority_items))).collect();
    let total = rows.iter().fold(Counts::default(), |acc, (_, c)| acc.plus(*c));
    (rows, total)
}

//! Yearly progress data (推進状況): per area, per district area, items with targets, results and
//! a self-rating. Built by `resolve` from the raw rows of YAML, CSV or XLSX files.

use super::{Date, FiscalYear, Text};

/// The self-rating (達成状況) of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub(crate) enum Rating {
    /// ◎ achieved more than the year's target
    Exceeded,
    /// ○ mostly achieved
    Achieved,
    /// △ partly achieved
    Partial,
    /// × not, or hardly, achieved
    NotAchieved,
}

impl Rating {
    pub(crate) const ALL: [Rating; 4] = [Rating::Exceeded, Rating::Achieved, Rating::Partial, Rating::NotAchieved];

    /// Reads a rating as editors write it: the symbol, or a word in Japanese or English.
    pub(crate) fn parse(s: &str) -> Option<Rating> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| match c {
                // Full-width ASCII to half-width.
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect::<String>()
            .to_lowercase();
        Rating::WORDS.iter().find(|(w, _)| *w == norm).map(|(_, r)| *r)
    }

    /// Every way of writing a rating that [`Rating::parse`] reads (after full-width letters are
    /// made half-width and all lower case): the allowed values of `rating` in the schemas.
    pub(crate) const WORDS: [(&'static str, Rating); 26] = [
        ("◎", Rating::Exceeded),
        ("二重丸", Rating::Exceeded),
        ("にじゅうまる", Rating::Exceeded),
        ("excellent", Rating::Exceeded),
        ("exceeded", Rating::Exceeded),
        ("○", Rating::Achieved),
        ("〇", Rating::Achieved),
        ("◯", Rating::Achieved),
        ("o", Rating::Achieved),
        ("丸", Rating::Achieved),
        ("まる", Rating::Achieved),
        ("good", Rating::Achieved),
        ("achieved", Rating::Achieved),
        ("△", Rating::Partial),
        ("三角", Rating::Partial),
        ("さんかく", Rating::Partial),
        ("partial", Rating::Partial),
        ("partly", Rating::Partial),
        ("×", Rating::NotAchieved),
        ("x", Rating::NotAchieved),
        ("✕", Rating::NotAchieved),
        ("✖", Rating::NotAchieved),
        ("バツ", Rating::NotAchieved),
        ("ばつ", Rating::NotAchieved),
        ("none", Rating::NotAchieved),
        ("not achieved", Rating::NotAchieved),
    ];

    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Rating::Exceeded => "◎",
            Rating::Achieved => "○",
            Rating::Partial => "△",
            Rating::NotAchieved => "×",
        }
    }

    /// A stable key for data files and CSS classes.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Rating::Exceeded => "exceeded",
            Rating::Achieved => "achieved",
            Rating::Partial => "partial",
            Rating::NotAchieved => "not-achieved",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// One fiscal year of progress data.
#[derive(Debug, Clone, Hash)]
pub(crate) struct ProgressYear {
    pub year: FiscalYear,
    /// All figures of the year are sample data.
    pub sample: bool,
    /// Whether the year marks priority items; if not, the summaries count every item by its
    /// rating (a plan without priority items rates them all).
    pub priority_items: bool,
    pub note: Option<Text>,
    /// Areas with data this year, in area order.
    pub areas: Vec<AreaProgress>,
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct AreaProgress {
    /// Index into `Site::areas`.
    pub area: usize,
    pub districts: Vec<District>,
}

/// A district area (地区部会エリア) with its items.
#[derive(Debug, Clone, Hash)]
pub(crate) struct District {
    pub name: Text,
    pub population: Option<u64>,
    pub households: Option<u64>,
    pub counted_on: Option<Date>,
    pub items: Vec<ProgressItem>,
}

/// One item (取組項目) of a district's plan and how it went.
#[derive(Debug, Clone, Hash)]
pub(crate) struct ProgressItem {
    /// Number of one of the area's basic policies.
    pub policy: Option<u32>,
    /// A priority item (重点取組項目).
    pub priority: bool,
    /// Listed among the main activities of the summary.
    pub main: bool,
    pub item: Text,
    /// Indices into `Site::themes`.
    pub themes: Vec<usize>,
    pub target: Text,
    pub result: Option<Text>,
    pub rating: Rating,
    pub next_target: Text,
    pub issues: Option<Text>,
}

#[cfg(test)]
mod tests {
    use super::Rating;

    #[test]
    fn ratings_are_read_from_symbols_and_words() {
        assert_eq!(Rating::parse("◎"), Some(Rating::Exceeded));
        assert_eq!(Rating::parse(" 〇 "), Some(Rating::Achieved));
        assert_eq!(Rating::parse("Good"), Some(Rating::Achieved));
        assert_eq!(Rating::parse("三角"), Some(Rating::Partial));
        assert_eq!(Rating::parse("Ｘ"), Some(Rating::NotAchieved));
        assert_eq!(Rating::parse("not achieved"), Some(Rating::NotAchieved));
        assert_eq!(Rating::parse("A"), None);
    }
}

//! Fiscal years (年度, April to March) and dates, with their Japanese era (和暦) forms.
//!
//! Conventions: a fiscal year is named by the Western year it starts in (FY2024 = April 2024 to
//! March 2025 = 令和6年度). The era of a fiscal year is the era of its calendar year, with the
//! first year written 元 (FY2019 = 令和元年度, as Japanese public bodies write it). A date's era is
//! the era in force on that day.

use std::fmt;

/// A fiscal year, named by the year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FiscalYear(pub i32);

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// An era: its name and its first day as (y, m, d).
type Era = (&'static str, (i32, u32, u32));

/// The eras, newest first.
const ERAS: [Era; 5] = [
    ("令和", (2019, 5, 1)),
    ("平成", (1989, 1, 8)),
    ("昭和", (1926, 12, 25)),
    ("大正", (1912, 7, 30)),
    ("明治", (1868, 10, 23)),
];

/// How dates and fiscal years are written in a language: the Japanese forms (era year with the
/// Western year, 年度, 現在) for Japanese in every variant (`ja`, `ja-JP`, やさしい日本語 as
/// `ja-x-easy`…); Chinese (年度, 截至), Korean (년도, 기준) and Vietnamese (năm tài chính, tính
/// đến) forms; the English forms for every other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateStyle {
    Japanese,
    Chinese,
    Korean,
    Vietnamese,
    English,
}

impl DateStyle {
    /// The style of a BCP 47 language tag, by its primary language subtag.
    pub(crate) fn of(lang: &str) -> DateStyle {
        const STYLES: [(&str, DateStyle); 4] = [
            ("ja", DateStyle::Japanese),
            ("zh", DateStyle::Chinese),
            ("ko", DateStyle::Korean),
            ("vi", DateStyle::Vietnamese),
        ];
        let primary = super::i18n::primary_language(lang);
        STYLES.iter().find(|(code, _)| primary.eq_ignore_ascii_case(code)).map_or(DateStyle::English, |(_, s)| *s)
    }
}

/// The era `s` starts with (an entry of [`ERAS`]) and what follows its name.
fn era_of(s: &str) -> Option<(&'static Era, &str)> {
    ERAS.iter().find_map(|era| Some((era, s.strip_prefix(era.0)?)))
}

/// The Western year of year `n` (`7`, `元`) of `era`.
fn western(era: &Era, n: &str) -> Option<i32> {
    let n: i32 = if n == "元" { 1 } else { whole(n)? };
    (n >= 1).then_some(era.1 .0 + n - 1)
}

/// `０`–`９` as `0`–`9`; any other character as it is.
fn half_width_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// A whole number of one to four ASCII digits, without sign or space.
fn whole<T: std::str::FromStr>(s: &str) -> Option<T> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn era_year(era_start: i32, year: i32) -> String {
    match year - era_start + 1 {
        1 => "元".to_string(),
        n => n.to_string(),
    }
}

impl FiscalYear {
    /// A fiscal year as office staff write it: the Western year it starts in (`2025`, `２０２５`,
    /// `2025年度`), or an era's year (`令和7年度`, `令和7`, `令和元年度`).
    pub(crate) fn parse(s: &str) -> Option<FiscalYear> {
        let s: String = s.trim().chars().map(half_width_digit).collect();
        // (`令和8年` too: `new year` names a fiscal year, which staff write as its year.)
        let s = s.strip_suffix("年度").or_else(|| s.strip_suffix('年')).unwrap_or(&s);
        let year = match era_of(s) {
            Some((era, n)) => western(era, n)?,
            None => (s.len() == 4).then(|| whole(s)).flatten()?,
        };
        Some(FiscalYear(year))
    }

    /// `令和6年度（2024年度）`
    pub(crate) fn ja(self) -> String {
        let y = self.0;
        match ERAS.iter().find(|(_, (start, _, _))| y >= *start) {
            Some((name, (start, _, _))) => format!("{name}{}年度（{y}年度）", era_year(*start, y)),
            None => format!("{y}年度"),
        }
    }

    /// `FY2024 (April 2024 – March 2025)`
    pub(crate) fn en(self) -> String {
        format!("FY{} (April {} – March {})", self.0, self.0, self.0 + 1)
    }

    /// The label in a language (see [`DateStyle`]): `令和6年度（2024年度）`,
    /// `2024年度（2024年4月至2025年3月）`, `2024년도(2024년 4월~2025년 3월)`,
    /// `Năm tài chính 2024 (tháng 4/2024 – tháng 3/2025)`, `FY2024 (April 2024 – March 2025)`.
    pub(crate) fn label(self, lang: &str) -> String {
        let y = self.0;
        match DateStyle::of(lang) {
            DateStyle::Japanese => self.ja(),
            DateStyle::Chinese => format!("{y}年度（{y}年4月至{}年3月）", y + 1),
            DateStyle::Korean => format!("{y}년도({y}년 4월~{}년 3월)", y + 1),
            DateStyle::Vietnamese => format!("Năm tài chính {y} (tháng 4/{y} – tháng 3/{})", y + 1),
            DateStyle::English => self.en(),
        }
    }
}

/// A period of fiscal years in one language: `令和4年度（2022年度）～令和8年度（2026年度）`,
/// `FY2022 – FY2026 (April 2022 – March 2027)`.
pub(crate) fn period_label(from: FiscalYear, to: FiscalYear, lang: &str) -> String {
    let (a, b, end) = (from.0, to.0, to.0 + 1);
    match DateStyle::of(lang) {
        DateStyle::Japanese => format!("{}～{}", from.ja(), to.ja()),
        DateStyle::Chinese => format!("{a}年度至{b}年度（{a}年4月至{end}年3月）"),
        DateStyle::Korean => format!("{a}년도~{b}년도({a}년 4월~{end}년 3월)"),
        DateStyle::Vietnamese => format!("Năm tài chính {a} – {b} (tháng 4/{a} – tháng 3/{end})"),
        DateStyle::English => format!("FY{a} – FY{b} (April {a} – March {end})"),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses a date as office staff write one, checking the day exists: `2025-03-31` (and
    /// `2025-3-31`), `2025/3/31` (Excel's way, in a CSV saved from it), `2025年3月31日`, and
    /// `令和7年3月31日` (`令和元年`, `平成31年`…: a day of the era), in half- or full-width digits.
    pub(crate) fn parse(s: &str) -> Option<Date> {
        let s: String = s.trim().chars().map(half_width_digit).collect();
        let era = era_of(&s);
        // The year, and what follows it: `3月31日` after an era's `年`; `年3月31日`, `-3-31` or
        // `/3/31` after a Western year.
        let (year, rest) = match era {
            Some((era, after)) => {
                let (n, rest) = after.split_once('年')?;
                (western(era, n)?, rest)
            }
            None => {
                let at = s.find(['-', '/', '年']).filter(|at| *at == 4)?;
                (whole(&s[..at])?, &s[at..])
            }
        };
        let (month, day) = match rest.strip_suffix('日') {
            Some(md) => md.strip_prefix('年').unwrap_or(md).split_once('月')?,
            None => {
                let sep = rest.chars().next().filter(|c| matches!(c, '-' | '/'))?;
                rest[1..].split_once(sep)?
            }
        };
        let (month, day): (u32, u32) = (whole(month)?, whole(day)?);
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(())?;
        // An era's year names a day of that era only: 令和元年4月1日 was 平成31年.
        if let Some(((name, _), _)) = era {
            let key = (year, month, day);
            ERAS.iter().find(|(_, start)| key >= *start).filter(|(n, _)| n == name)?;
        }
        Some(Date { year, month, day })
    }

    /// `令和7年3月31日`
    pub(crate) fn ja(self) -> String {
        let key = (self.year, self.month, self.day);
        match ERAS.iter().find(|(_, start)| key >= *start) {
            Some((name, (start, _, _))) => {
                format!("{name}{}年{}月{}日", era_year(*start, self.year), self.month, self.day)
            }
            None => format!("{}年{}月{}日", self.year, self.month, self.day),
        }
    }

    /// When figures were counted: `令和7年3月31日現在`, `as of 31 March 2025`.
    pub(crate) fn as_of(self, lang: &str) -> String {
        match DateStyle::of(lang) {
            DateStyle::Japanese => format!("{}現在", self.ja()),
            DateStyle::Chinese => format!("截至{}", self.label(lang)),
            DateStyle::Korean => format!("{} 기준", self.label(lang)),
            DateStyle::Vietnamese => format!("tính đến ngày {}", self.label(lang)),
            DateStyle::English => format!("as of {}", self.en()),
        }
    }

    /// `31 March 2025`
    pub(crate) fn en(self) -> String {
        format!("{} {} {}", self.day, MONTHS[(self.month - 1) as usize], self.year)
    }

    /// `令和7年3月31日`, `2025年3月31日`, `2025년 3월 31일`, `31/3/2025`, `31 March 2025`.
    pub(crate) fn label(self, lang: &str) -> String {
        let Date { year, month, day } = self;
        match DateStyle::of(lang) {
            DateStyle::Japanese => self.ja(),
            DateStyle::Chinese => format!("{year}年{month}月{day}日"),
            DateStyle::Korean => format!("{year}년 {month}월 {day}일"),
            DateStyle::Vietnamese => format!("{day}/{month}/{year}"),
            DateStyle::English => self.en(),
        }
    }

    /// The fiscal year the date falls in.
    #[cfg(test)]
    pub(crate) fn fiscal_year(self) -> FiscalYear {
        FiscalYear(if self.month >= 4 { self.year } else { self.year - 1 })
    }

    /// `2025-03-31T00:00:00+09:00`: midnight Japan time, for feeds.
    pub(crate) fn rfc3339(self) -> String {
        format!("{self}T00:00:00+09:00")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_forms_for_every_variant_of_japanese() {
        for lang in ["ja", "ja-JP", "ja-x-easy", "JA"] {
            assert_eq!(FiscalYear(2024).label(lang), "令和6年度（2024年度）", "{lang}");
        }
        for lang in ["en", "en-GB", "fr", "jam"] {
            assert!(FiscalYear(2024).label(lang).starts_with("FY2024"), "{lang}");
        }
    }

    // Chinese, Korean and Vietnamese pages say fiscal years and dates in their own words, not in
    // English.
    #[test]
    fn chinese_korean_and_vietnamese_forms() {
        for lang in ["zh", "zh-Hans", "zh-TW"] {
            assert_eq!(FiscalYear(2024).label(lang), "2024年度（2024年4月至2025年3月）", "{lang}");
        }
        assert_eq!(FiscalYear(2024).label("ko"), "2024년도(2024년 4월~2025년 3월)");
        assert_eq!(FiscalYear(2024).label("vi"), "Năm tài chính 2024 (tháng 4/2024 – tháng 3/2025)");
        assert_eq!(
            period_label(FiscalYear(2025), FiscalYear(2029), "zh-Hans"),
            "2025年度至2029年度（2025年4月至2030年3月）"
        );
        assert_eq!(period_label(FiscalYear(2025), FiscalYear(2029), "ko"), "2025년도~2029년도(2025년 4월~2030년 3월)");
        let d = Date { year: 2025, month: 3, day: 31 };
        assert_eq!(d.as_of("zh-Hans"), "截至2025年3月31日");
        assert_eq!(d.as_of("ko"), "2025년 3월 31일 기준");
        assert_eq!(d.as_of("vi"), "tính đến ngày 31/3/2025");
        assert_eq!(d.label("en"), "31 March 2025");
    }

    #[test]
    fn fiscal_years_in_reiwa_and_heisei() {
        assert_eq!(FiscalYear(2024).ja(), "令和6年度（2024年度）");
        assert_eq!(FiscalYear(2019).ja(), "令和元年度（2019年度）");
        assert_eq!(FiscalYear(2018).ja(), "平成30年度（2018年度）");
        assert_eq!(FiscalYear(2024).en(), "FY2024 (April 2024 – March 2025)");
    }

    #[test]
    fn dates_use_the_era_in_force_that_day() {
        assert_eq!(Date::parse("2025-03-31").unwrap().ja(), "令和7年3月31日");
        assert_eq!(Date::parse("2019-04-30").unwrap().ja(), "平成31年4月30日");
        assert_eq!(Date::parse("2019-05-01").unwrap().ja(), "令和元年5月1日");
        assert_eq!(Date::parse("2025-03-31").unwrap().en(), "31 March 2025");
        assert_eq!(Date::parse("2025-03-31").unwrap().fiscal_year(), FiscalYear(2024));
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("2024-4-31").is_none());
        assert!(Date::parse("令和元年4月1日").is_none(), "平成31年4月1日, before 令和 began");
        assert!(Date::parse("平成32年1月1日").is_none(), "平成 had ended");
        for bad in
            ["2024", "2024-04", "24-04-01", "2024-04-01-01", "2024.04.01", "令和年4月1日", "令和6年4月", "+2024-04-01"]
        {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn fiscal_years_as_office_staff_write_them() {
        for s in ["2026", "２０２６", "2026年度", "令和8年度", "令和8", "令和８年度", "令和8年"] {
            assert_eq!(FiscalYear::parse(s), Some(FiscalYear(2026)), "{s}");
        }
        assert_eq!(FiscalYear::parse("令和元年度"), Some(FiscalYear(2019)));
        assert_eq!(FiscalYear::parse("平成30年度"), Some(FiscalYear(2018)));
        for bad in ["26", "R8", "令和", "令和0年度", "2026-27", ""] {
            assert_eq!(FiscalYear::parse(bad), None, "{bad}");
        }
    }

    // The ways office staff write a date all read as the same day.
    #[test]
    fn dates_as_office_staff_write_them() {
        let want = Date { year: 2025, month: 3, day: 31 };
        for s in [
            "2025-03-31",
            "2025-3-31",
            "2025/3/31",
            "2025/03/31",
            "2025年3月31日",
            "令和7年3月31日",
            "令和７年３月３１日",
            "２０２５-３-３１",
            " 2025/3/31 ",
        ] {
            assert_eq!(Date::parse(s), Some(want), "{s}");
        }
        assert_eq!(Date::parse("令和元年5月1日"), Some(Date { year: 2019, month: 5, day: 1 }));
        assert_eq!(Date::parse("平成31年4月30日"), Some(Date { year: 2019, month: 4, day: 30 }));
    }

    #[test]
    fn period_labels() {
        assert_eq!(
            period_label(FiscalYear(2022), FiscalYear(2026), "ja"),
            "令和4年度（2022年度）～令和8年度（2026年度）"
        );
        assert_eq!(period_label(FiscalYear(2022), FiscalYear(2026), "en"), "FY2022 – FY2026 (April 2022 – March 2027)");
    }
}
